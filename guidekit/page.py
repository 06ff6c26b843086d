"""What a page's hidden cell calls: ``show("tasks/gather_order.py")``.

The execute plugin runs the cell in a Jupyter kernel during the build. ``show`` runs the
snippet as its own process (the kernel already has an event loop, so the snippet cannot
run inside it), fails the build with one line if the snippet misbehaved or its output
differs from the committed transcript, and otherwise displays Markdown: the snippet's
source without its `#>` lines (``Snippet.shown_source``: the output follows the code, so
the page shows each printed line once), and the output of this run.
When the run created at least two tasks, the output's lines are numbered and the
timeline of the run follows it (guidekit/timeline_svg.py), drawn from the committed
recording (equal to this run's on the fast clock; the check above says so).

A snippet whose ingredients are unchanged since its last verified run is not run again:
its Markdown comes from the run cache (guidekit/cache.py, ``Runs``, in the folder the
plugin names in ``GUIDE_RUN_CACHE``). And the snippets of a page run at once: the plugin
puts a first cell in every page that calls ``start()`` with the page's ``show()`` calls;
their runs go to a pool, ``RUNS_AT_ONCE`` at a time, in page order, and each ``show()``
waits for its own.
"""

import ast
import functools
import html
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor

from . import browser_runtime, cache, pythons, runner, timeline, timeline_svg, transcript, wasm
from .checks import cores
from .snippets import REPO, SNIPPETS, SnippetError, get

OUTPUT_TITLE = "Output of python "  # + the snippet's path: the command a reader runs
# Set by the plugin under `mkdocs serve` only: an output that differs from the committed
# transcript is shown with a notice instead of stopping the build. Build, test and CI stay strict.
PREVIEW = "GUIDE_SERVE_PREVIEW"
UNACCEPTED = "guide-unaccepted"  # the notice's class: the plugin never caches a page that has one


def fence(text: str, info: str) -> str:
    """A code fence long enough that the text cannot close it."""
    ticks = "`" * max(3, max((len(run) + 1 for run in text.split() if set(run) == {"`"}), default=3))
    return f"{ticks}{info}\n{text}{'' if text.endswith(chr(10)) or not text else chr(10)}{ticks}\n"


def listing(words) -> str:
    """"a", "a and b", "a, b and c"."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def versions_in_words(versions) -> str:
    """"3.11, 3.12 and 3.13 (native) and 3.14 (WebAssembly)": how each was checked, never left to guess."""
    groups = [(group, how) for group, how in (([v for v in versions if v in pythons.NATIVE], "native"),
                                             ([v for v in versions if v in pythons.WASM], "WebAssembly")) if group]
    return " and ".join(f"{listing(g)} ({how})" for g, how in groups)


def unaccepted_notice(snippet, difference: str) -> str:
    """What an author sees under `mkdocs serve` above an output that is not the committed one."""
    return (f'<div class="admonition danger {UNACCEPTED}" role="alert">\n'
            f'<p class="admonition-title">Not the committed output: {html.escape(snippet.display)}</p>\n'
            f"<p>This run printed what is below, which differs from its committed transcript"
            f" (<code>-</code> committed, <code>+</code> this run). <code>make build</code>, <code>make test</code>"
            f" and CI fail until it is accepted with <code>make update</code> (review the"
            f" <code>git diff</code> it makes) or the snippet is changed back.</p>\n"
            f"<pre><code>{html.escape(difference)}</code></pre>\n</div>\n")


def browser_run(snippet) -> str:
    """Where docs/javascripts/runner.js puts the snippet's Run button (it loads Python from the
    site only when pressed), or one line saying why the snippet cannot run in a browser."""
    settings, version = snippet.settings, browser_runtime.VERSION
    # The page's Python has the standard library only (no snippet-libs, no module beside the snippet).
    lacking = sorted({name.partition(".")[0] for name in cache.imported(ast.parse(snippet.shown_source))}
                     - sys.stdlib_module_names)
    why = settings["not_on_webassembly"] or (
        f"it needs Python {settings['min_python']}" if snippet.checked_on(version) else None) or (
        f"it imports {listing(lacking)}, and the page's Python has the standard library only" if lacking else None)
    if why:
        return (f'<p class="snippet-notes guide-run-note">Cannot run in this page (Python {version} as WebAssembly):'
                f" {html.escape(why)}.</p>\n")
    return (f'<div class="guide-run" data-snippet="{html.escape(snippet.name)}" data-python="{version}"'
            f' data-timeout="{settings["timeout"]:g}"></div>\n')


def render(snippet, result, difference: str | None = None) -> str:
    settings = snippet.settings
    notes = []
    if settings["min_python"] != "3.11":
        notes.append(f"Needs Python {settings['min_python']} or newer.")
    checked = [v for v in pythons.SUPPORTED if snippet.checked_on(v) is None]
    if checked != list(pythons.SUPPORTED):
        notes.append(f"Checked on {versions_in_words(checked)}.")
        if settings["not_on_webassembly"]:
            notes.append(f"Not on 3.14 and 3.15 here: {settings['not_on_webassembly']}.")
    if result.python in pythons.WASM:
        notes.append(f"The output below is from Python {result.python} as WebAssembly (Pyodide {wasm.release(result.python)}).")
    if settings["raises"]:
        notes.append(f"Ends with `{settings['raises']}` on purpose: the error is what this example shows.")
    if settings["clock"] == "real":
        notes.append(f"Runs on the real clock: the output below is from the run that wrote its transcript;"
                     f" this build's run printed the same lines, each time no earlier and at most {transcript.LATE} s later.")
    if result.normalised:
        changes = listing([transcript.NOTES[key] for key in result.normalised])
        notes.append(f"Normalised as on every version: {changes} ([why](index.md#normalised-output)).")
    parts = [unaccepted_notice(snippet, difference)] if difference else []
    parts.append(fence(snippet.shown_source, f'py title="{snippet.display}" linenums="1"'))
    if notes:
        parts.append(" ".join(notes) + "\n{ .snippet-notes }\n")  # a paragraph (attr_list): Markdown, links checked
    # The run matched the committed transcript (runner.check): equal on the fast clock, and on
    # the real clock within transcript.on_time, whose times vary; the committed one keeps the page the same.
    committed = result.real_time and not difference
    output = (transcript.read(snippet) if committed else result.transcript) or "(no output)\n"
    recording = result.timeline if difference else timeline.read(snippet)
    picture = timeline.task_count(recording) >= timeline.MIN_TASKS
    numbered = ' linenums="1"' if picture else ""  # the timeline's marks carry these numbers
    parts.append(fence(output, f'{{ .text .snippet-output title="{OUTPUT_TITLE}{snippet.display}"{numbered} }}'))
    if picture:
        parts.append(timeline_svg.figure(snippet, recording, fast_clock=settings["clock"] != "real"))
    if snippet.root == SNIPPETS:  # the site carries these snippets only (guidekit/browser_runtime.py)
        parts.append(browser_run(snippet))
    return "\n".join(parts)


# Snippets of one page running at once. Each is a process of its own (or a WebAssembly worker),
# so the cores limit it; the plugin runs several pages at once too.
RUNS_AT_ONCE = cores()
started: dict[tuple[str, str | None], Future] = {}  # (name, root) -> its Markdown, being made


def start(shows: list[tuple[str, str | None]], settings: dict[str, str | None] | None = None) -> None:
    """Start making the Markdown of every snippet these show() calls name, in page order.
    ``settings``: the plugin's environment variables for show() (None: unset), set here first."""
    for name, value in (settings or {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    pool = ThreadPoolExecutor(RUNS_AT_ONCE, thread_name_prefix="guide-snippet")
    for name, root in dict.fromkeys(map(tuple, shows)):
        started[name, root] = pool.submit(markdown_of, name, root)
    pool.shutdown(wait=False)  # the threads end when the queue is empty


def show(name: str, root: str | None = None) -> None:
    """Run snippets/<name> and display its source and output; ``root`` is for the tests' bad snippets."""
    from IPython.display import Markdown, display

    future = started.pop((name, root), None)
    display(Markdown(future.result() if future else markdown_of(name, root)))


def markdown_of(name: str, root: str | None = None) -> str:
    """What show() displays: from the run cache, else from a run (stored in it when it is verified).

    Raises SnippetError (one line) when the snippet misbehaved or, but under `mkdocs serve`,
    its output differs from the committed transcript."""
    snippet = get(name, REPO / root if root else SNIPPETS)
    python = runner.python_for(snippet)
    runs = cache.Runs(os.environ[cache.RUNS]) if os.environ.get(cache.RUNS) else None
    ingredients = lambda: cache.run_ingredients(name, root, machinery(), python or pythons.CURRENT, snippet.settings["clock"])
    found = runs and ingredients()
    if runs and (markdown := runs.get(snippet.display, found)) is not None:
        return markdown
    result = runner.run(snippet, python=python)
    if error := runner.check(result):
        if not (os.environ.get(PREVIEW) and runner.problem(result) is None):
            raise SnippetError(error)
        return render(snippet, result, difference=error.split("\n", 1)[-1])  # under serve: shown, never stored
    markdown = render(snippet, result)
    if runs and ingredients() == found:  # stored only if nothing it depends on changed while it ran
        try:
            runs.put(snippet.display, found, markdown)
        except OSError:
            pass  # the run is fine; the next build runs it again
    return markdown


machinery = functools.cache(cache.machinery)  # once per kernel: a kernel executes one page