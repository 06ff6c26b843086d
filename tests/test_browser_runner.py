"""Snippets run in the reader's page: the Run button (docs/javascripts/runner.js), the module Web
Worker (guidekit/browser_worker.mjs) and Python 3.14 as WebAssembly served by the site itself
(guidekit/browser_runtime.py), in Debian's chromium against the built site served on 127.0.0.1.

Misbehaving programs are the deliberately bad snippets of tests/bad_snippets/, served in place of a
page's snippet, or a reader's edit typed into the editor (Edit: CodeMirror, guidekit/browser_editor.mjs,
bundled into runner/editor.mjs): the page and its buttons are the real ones.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from guidekit import browser_runtime, runner, timeline, transcript
from guidekit.snippets import REPO, get

from .browser import watch
from .built import page_paths, soup
from .conftest import missing, mkdocs_serve
from .test_a11y import AXE, baseline, unexcused

pytestmark = pytest.mark.browser

SNIPPET = "tasks/gather_order.py"  # on /tasks/: prints at 1 s and 2 s of the real clock
PAGE = "/tasks/"
LOAD = 120_000  # ms a run may take to load Python and finish, on a busy 2-core machine
ENDED = re.compile(r"^(Finished|Stopped|snippets/|The runner)")
BAD = REPO / "tests" / "bad_snippets"


def box(page, name=SNIPPET):
    return page.locator(f'div.guide-run[data-snippet="{name}"]')


def serve_instead(page, name, bad: str):
    """The site serves tests/bad_snippets/<bad> as the source of snippet ``name``."""
    page.route(f"**/runner/snippets/{name}", lambda route: route.fulfill(
        body=(BAD / bad).read_text(encoding="utf-8"), content_type="text/x-python"))


def run(page, name=SNIPPET, timeout=LOAD) -> str:
    """Press Run under ``name``, wait until the run ends, return the status line."""
    runner = box(page, name)
    runner.locator("button.guide-run__start").click()
    status = runner.locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=timeout)
    return status.text_content()


def output(page, name=SNIPPET) -> str:
    return box(page, name).locator("pre.guide-run__output").text_content()


def edit(page, name=SNIPPET):
    """Press Edit under ``name``; returns the editor's text area once it has the focus."""
    runner = box(page, name)
    runner.locator("button.guide-run__edit").click()
    content = runner.locator(".cm-content")
    expect(content).to_be_focused(timeout=LOAD)
    return content


def editor_text(page, name=SNIPPET) -> str:
    """The editor's program, line by line as drawn (these snippets are short enough to be drawn whole)."""
    return box(page, name).locator(".cm-line").evaluate_all("lines => lines.map(l => l.textContent).join('\\n')")


def run_edit(page, program: str, name=SNIPPET) -> str:
    """Replace the program in the editor by ``program``, run it with Ctrl+Enter, return the status line."""
    edit(page, name)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(program)
    page.keyboard.press("Control+Enter")
    status = box(page, name).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    return status.text_content()


def test_a_run_loads_only_from_the_site_after_the_press_prints_the_transcript_and_draws_its_timeline(page, site_url):
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    errors, foreign = watch(page, site_url)
    page.goto(PAGE, wait_until="networkidle")
    runtime = site_url + "/" + browser_runtime.FOLDER + "/"
    assert not [url for url in requested if url.startswith(runtime)], "runtime requested before any press of Run"
    committed = transcript.read(get(SNIPPET))
    first, second = committed.splitlines()[:2]  # printed 1 s apart
    box(page).locator("button.guide-run__start").click()
    page.wait_for_function("([name, line]) => document.querySelector(`div.guide-run[data-snippet='${name}'] pre`)"
                           ".textContent.includes(line)", arg=[SNIPPET, first], timeout=LOAD, polling="raf")
    assert second not in output(page), "the output came all at once, not line by line"
    status = box(page).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    status = status.text_content()
    assert status == "Finished with exit code 0.", status
    assert transcript.on_time(committed, output(page)), output(page)  # the real clock's rule
    loaded = [url.removeprefix(runtime) for url in requested if url.startswith(runtime)]
    pyodide = [url.removeprefix("pyodide/") for url in loaded if url.startswith("pyodide/")]
    # The snapshot's worker (started once the run has loaded) asks for the same files again,
    # but for pyodide.asm.wasm: it is given the compiled module.
    assert sorted(set(pyodide)) == sorted(browser_runtime.PYODIDE_FILES), "what loadPyodide() requests changed"
    assert pyodide.count("pyodide.asm.wasm") == 1, pyodide
    assert f"snippets/{SNIPPET}" in loaded
    assert "editor.mjs" not in loaded, "Run alone loaded the editor"
    # This run's timeline, drawn by the build's code, set up by timeline.js, with ids of its own.
    drawn = box(page).locator("figure.tl-figure svg.tl")
    expect(drawn.first).to_have_attribute("data-tl-details", "on")
    assert drawn.first.locator(".tl-tip").count() >= 2
    # Its marks name output lines by number: the output shows them (generated content, not in the text).
    numbers = page.evaluate("""name => [...document.querySelectorAll(
        `div.guide-run[data-snippet="${name}"] pre.guide-run__output code.guide-run__numbered > span`)]
        .map((line) => getComputedStyle(line, "::before").content)""", SNIPPET)
    assert numbers == ['counter(guide-line)'] * len(output(page).splitlines()), numbers
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert not foreign, foreign
    assert not errors, errors


# Runs the Run boxes of the open page whose snippets are named (all: null), ``atOnce`` at a time, each
# until it ends; with ``first``, the first run alone (it compiles pyodide.asm.wasm, and once it has loaded,
# the snapshot of a fresh interpreter is made, for the later runs of the document); returns
# {snippet: [status, output, timeline drawn]}.
RUN_ALL = """async ([atOnce, first, names]) => {
  const boxes = [...document.querySelectorAll("div.guide-run[data-runner]")]
    .filter((box) => names === null || names.includes(box.dataset.snippet));
  const results = {};
  const runOne = (box) => new Promise((resolve) => {
    const status = box.querySelector(".guide-run__status");
    const ended = () => /^(Finished|Stopped|snippets\\/|The runner)/.test(status.textContent);
    const observer = new MutationObserver(() => {
      if (!ended()) return;
      observer.disconnect();
      results[box.dataset.snippet] = [status.textContent, box.querySelector("pre.guide-run__output").textContent,
                                      box.querySelector("figure svg.tl") !== null];
      resolve();
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    box.querySelector("button.guide-run__start").click();
  });
  const queue = boxes.slice();
  if (first && queue.length) await runOne(queue.shift());
  await Promise.all(Array.from({ length: atOnce }, async () => { while (queue.length) await runOne(queue.shift()); }));
  return results;
}"""
# Runs at a time in a page. They mostly sleep (the real clock), and each starts from the document's
# snapshot of a fresh interpreter: on a quiet 2-core machine, with 8 at once, every printed time of
# every snippet was on time (0.0 s late at the 0.1 s they are printed to), and the test took 54-59 s.
# In `make test` the other tests load the machine too: 5 of 77 were then late, or printed one more
# heartbeat while a job ran late. So a run that fails is run once more, alone, and that run decides.
AT_ONCE = 8


def in_page_problem(name, status, shown, drawn) -> str | None:
    snippet = get(name)
    code = 1 if snippet.settings["raises"] else 0
    if status != f"Finished with exit code {code}.":
        return f"{snippet.display}: {status}"
    if not transcript.on_time(transcript.read(snippet), shown):
        return f"{snippet.display}: not the committed transcript on the real clock's rule:\n{shown}"
    if drawn != (timeline.task_count(timeline.read(snippet)) >= timeline.MIN_TASKS):
        return f"{snippet.display}: timeline {'drawn' if drawn else 'missing'}"
    return None


def test_every_runnable_snippet_prints_its_committed_transcript_in_the_page_and_draws_its_timeline(
        page, built_site, site_url, record_property):
    """Every Run box of every page, pages one after another through instant navigation (the compiled
    runtime and the snapshot stay with the document), each run's output compared with the committed
    transcript on the real clock's rule (guidekit/transcript.py, on_time), and its timeline drawn when
    it has two tasks. A run that fails among AT_ONCE is run again alone; the second run decides."""
    paths = [path for path in page_paths(built_site) if soup(built_site, path).select("div.guide-run")]
    expected = {path: {box["data-snippet"] for box in soup(built_site, path).select("div.guide-run")} for path in paths}
    page.set_default_timeout(LOAD)
    page.goto(paths[0])
    page.evaluate("window.guideSameDocument = true")
    results, again = {}, []
    for path in paths:
        if urlsplit(page.url).path != urlsplit(site_url + path).path:  # a link's click: instant navigation
            page.evaluate("""url => { const link = document.body.appendChild(document.createElement("a"));
                             link.href = url; link.click(); }""", site_url + path)
            page.wait_for_url(site_url + path)
        page.wait_for_function("n => document.querySelectorAll('div.guide-run[data-runner]').length === n",
                               arg=len(expected[path]))
        assert page.evaluate("window.guideSameDocument"), f"{path}: loaded as a new document"
        found = page.evaluate(RUN_ALL, [AT_ONCE, path == paths[0], None])
        assert set(found) == expected[path], path
        failed = sorted(name for name, result in found.items() if in_page_problem(name, *result))
        if failed:
            again += failed
            found.update(page.evaluate(RUN_ALL, [1, False, failed]))
        results.update(found)
    problems = [problem for name, result in sorted(results.items()) if (problem := in_page_problem(name, *result))]
    assert not problems, f"{len(problems)} of {len(results)} runs (run again alone: {again}):\n" + "\n".join(problems)
    record_property("runs in the page", f"every runnable snippet run in the page: {len(results)} runs, all"
                    f" matching; run again alone after failing among {AT_ONCE}: {', '.join(again) or 'none'}")


def test_run_works_under_mkdocs_serve(chromium):
    """`mkdocs serve` (make serve) builds into a folder of its own: the runner is copied there too."""
    with mkdocs_serve(PAGE) as (url, stop):
        page = chromium.new_context(base_url=url).new_page()
        errors, foreign = watch(page, url)
        page.goto(PAGE)
        status = run(page)
        shown = output(page)
        page.context.close()
        printed = stop()
    assert status == "Finished with exit code 0.", status + "\n" + printed
    assert transcript.on_time(transcript.read(get(SNIPPET)), shown), shown
    assert not errors and not foreign, (errors, foreign)


def test_a_browser_without_webassembly_says_so_in_one_line_instead_of_the_button_failing(page):
    page.add_init_script("delete globalThis.WebAssembly")  # before the page's own scripts
    page.goto(PAGE)
    runner = box(page)
    expect(runner.locator(".guide-run__status")).to_have_text(
        "This browser cannot run it here: it lacks Web Workers or WebAssembly.")
    assert runner.locator("button.guide-run__start").is_disabled()
    assert runner.locator("button.guide-run__edit").is_disabled()


def test_a_snippet_that_raises_shows_its_own_frames_only(page):
    name = "tasks/module_level_task.py"  # ends with RuntimeError on purpose
    page.goto(PAGE)
    status = run(page, name)
    assert status == "Finished with exit code 1.", status
    assert output(page, name) == transcript.read(get(name))  # no runtime frame: File "/guide/...", <frozen runpy>


def test_edit_opens_the_shown_program_in_an_editor_whose_run_names_the_snippets_lines_and_reset_restores_it(
        page, site_url):
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    errors, foreign = watch(page, site_url)
    page.goto(PAGE, wait_until="networkidle")
    bundle = f"{site_url}/{browser_runtime.FOLDER}/editor.mjs"
    assert bundle not in requested, "the editor loaded before any press of Edit"
    content = edit(page)
    assert bundle in requested
    shown = get(SNIPPET).shown_source
    assert editor_text(page) == shown
    # Python highlighting, in the colours of the page's own code blocks.
    keyword = box(page).locator(".cm-line span", has_text=re.compile("^def$")).first
    colour = box(page).evaluate("""box => { const probe = box.appendChild(document.createElement("span"));
        probe.style.color = "var(--md-code-hl-keyword-color)"; const c = getComputedStyle(probe).color;
        probe.remove(); return c; }""")
    assert keyword.evaluate("e => getComputedStyle(e).color") == colour
    # Tab indents; Escape and then Tab leaves the editor, to the Run button.
    page.keyboard.press("Control+Home")
    page.keyboard.press("Tab")
    expect(content).to_be_focused()
    assert editor_text(page).startswith("    " + shown.splitlines()[0])
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(box(page).locator("button.guide-run__start")).to_be_focused()
    # An edit runs under the snippet's own path: its traceback names the snippet and the edited line.
    program = 'import asyncio\n\n\nasync def main():\n    print("edited")\n    raise ValueError("from the edit")\n\n\nasyncio.run(main())\n'
    content.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(program)
    page.keyboard.press("Control+Enter")
    status = box(page).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    assert status.text_content() == "Finished with exit code 1.", status.text_content()
    shown_output = output(page)
    assert shown_output.startswith("edited\nTraceback (most recent call last):\n"), shown_output
    assert f'File "snippets/{SNIPPET}", line 6, in main' in shown_output, shown_output
    assert shown_output.endswith('ValueError: from the edit\n'), shown_output
    expect(content).to_be_focused()  # Ctrl+Enter left the focus in the editor
    box(page).locator("button.guide-run__reset").click()
    assert editor_text(page) == shown
    assert not foreign, foreign
    assert not errors, errors


def test_a_syntax_error_in_an_edit_names_its_line(page):
    page.goto(PAGE)
    status = run_edit(page, 'import asyncio\n\nasync def main():\n    print("a"\n\nasyncio.run(main())\n')
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 4' in lines, lines
    assert lines[-1].startswith("SyntaxError: "), lines


def test_input_in_an_edit_reads_end_of_file_and_says_why(page):
    page.goto(PAGE)
    status = run_edit(page, 'name = input("Your name? ")\nprint(name)\n')
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 1, in <module>' in lines, lines
    assert lines[-2:] == ["EOFError: EOF when reading a line",
                          "(input() read end of file: a run in this page has no keyboard input.)"], lines


def test_an_edit_that_imports_a_module_the_runtime_lacks_says_which(page):
    page.goto(PAGE)
    status = run_edit(page, "import asyncio\nimport numpy\n")
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 2, in <module>' in lines, lines
    assert lines[-1] == "ModuleNotFoundError: No module named 'numpy'", lines


def test_ten_megabytes_of_output_from_an_edit_are_cut_at_the_cap_and_the_page_stays_usable(page):
    page.goto(PAGE)
    status = run_edit(page, 'import sys\nfor _ in range(10_000):\n    sys.stdout.write("x" * 999 + "\\n")\n')
    message = f"Stopped: more than {runner.MAX_OUTPUT / 1000:g} kB of output."
    assert status == message, status
    shown = output(page)
    assert shown.endswith(f"\n({message})\n"), shown[-200:]
    assert len(shown) <= runner.MAX_OUTPUT + len(message) + 4, len(shown)
    expect(box(page).locator("button.guide-run__start")).to_be_enabled()
    box(page).locator(".cm-content").click()
    page.keyboard.insert_text("# still editable\n")
    assert "# still editable" in editor_text(page)


def test_stop_ends_a_program_that_never_awaits_and_the_page_stays_usable(page):
    serve_instead(page, SNIPPET, "spin.py")
    page.goto(PAGE)
    runner = box(page)
    runner.locator("button.guide-run__start").click()
    expect(runner.locator(".guide-run__status")).to_have_text(re.compile("^Running"), timeout=LOAD)
    page.wait_for_timeout(500)  # the loop is spinning now
    runner.locator("button.guide-run__stop").click()
    expect(runner.locator(".guide-run__status")).to_have_text("Stopped.", timeout=2_000)
    expect(runner.locator("button.guide-run__start")).to_be_enabled()
    expect(runner.locator("button.guide-run__start")).to_be_focused()  # Stop had focus, and is gone
    assert page.evaluate("1 + 1") == 2


def test_a_program_that_never_awaits_is_ended_at_its_timeout(page):
    serve_instead(page, SNIPPET, "spin.py")
    page.goto(PAGE)
    box(page).evaluate("element => { element.dataset.timeout = '2'; }")
    status = run(page)
    assert status == f"snippets/{SNIPPET}: timed out after 2 s and was stopped.", status


def test_a_hung_await_is_interrupted_at_its_timeout_and_shows_where_it_waited(page):
    serve_instead(page, SNIPPET, "hang.py")
    page.goto(PAGE)
    box(page).evaluate("element => { element.dataset.timeout = '2'; }")
    status = run(page)
    assert status == f"snippets/{SNIPPET}: timed out after 2 s and was stopped.", status
    shown = output(page)
    assert f'File "snippets/{SNIPPET}", line 5, in main' in shown, shown  # hang.py's await
    assert shown.rstrip().endswith("KeyboardInterrupt"), shown
    assert "/guide/" not in shown and "<frozen" not in shown, shown


def test_without_stack_switching_the_wait_is_a_busy_loop_with_the_same_output(page, built_site):
    """Browsers without JavaScript Promise Integration: the worker as served, told it has none."""
    worker = (built_site / browser_runtime.FOLDER / "worker.mjs").read_text(encoding="utf-8")
    check = 'typeof WebAssembly.Suspending === "function"'
    assert check in worker
    page.route("**/runner/worker.mjs", lambda route: route.fulfill(
        body=worker.replace(check, "false"), content_type="text/javascript"))
    page.goto(PAGE)
    status = run(page)
    assert status == "Finished with exit code 0.", status
    assert transcript.on_time(transcript.read(get(SNIPPET)), output(page)), output(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_with_the_runner_open_and_the_editor_shown_has_no_accessibility_violations(chromium, site_url, scheme):
    """axe-core on the whole page after a run, with the editor open (the baseline of tests/test_a11y.py
    excuses what comes from mkdocs-material's own markup, as on every page)."""
    if not AXE.is_file():
        missing("accessibility test", f"no axe-core at {AXE}: run `make node`")
    page = chromium.new_context(base_url=site_url, color_scheme=scheme).new_page()
    page.goto(PAGE, wait_until="networkidle")
    edit(page)
    page.keyboard.press("Control+Enter")
    expect(box(page).locator(".guide-run__status")).to_have_text("Finished with exit code 0.", timeout=LOAD)
    expect(box(page).locator("figure.tl-figure svg.tl").first).to_have_attribute("data-tl-details", "on")
    problems = unexcused(page, PAGE, baseline(), set())
    page.context.close()
    assert not problems, "\n".join(problems)
