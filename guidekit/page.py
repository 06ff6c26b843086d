"""What a page's hidden cell calls: ``show("tasks/gather_order.py")``.

The execute plugin runs the cell in a Jupyter kernel during the build. ``show`` runs the
snippet as its own process (the kernel already has an event loop, so the snippet cannot
run inside it), fails the build with one line if the snippet misbehaved or its output
differs from the committed transcript, and otherwise displays Markdown: the snippet's
source, included from ``snippets/`` by pymdownx.snippets, and the output of this run.
When the run created at least two tasks, the output's lines are numbered and the
timeline of the run follows it (guidekit/timeline.py), drawn from the committed
recording (equal to this run's on the fast clock; the check above says so).
"""

from . import runner, timeline
from .snippets import REPO, SNIPPETS, SnippetError, get

OUTPUT_TITLE = "Output of python "  # + the snippet's path: the command a reader runs


def fence(text: str, info: str) -> str:
    """A code fence long enough that the text cannot close it."""
    ticks = "`" * max(3, max((len(run) + 1 for run in text.split() if set(run) == {"`"}), default=3))
    return f"{ticks}{info}\n{text}{'' if text.endswith(chr(10)) or not text else chr(10)}{ticks}\n"


def render(snippet, result) -> str:
    settings = snippet.settings
    notes = []
    if settings["min_python"] != "3.11":
        notes.append(f"Needs Python {settings['min_python']} or newer.")
    if settings["raises"]:
        notes.append(f"Ends with `{settings['raises']}` on purpose: the error is what this example shows.")
    if settings["clock"] == "real":
        notes.append("Runs on the real clock.")
    parts = [fence(f'--8<-- "{snippet.name}"', f'py title="{snippet.display}" linenums="1"')]
    if notes:
        parts.append('<p class="snippet-notes">' + " ".join(notes) + "</p>\n")
    output = result.transcript or "(no output)\n"
    recording = timeline.read(snippet)
    picture = timeline.task_count(recording) >= timeline.MIN_TASKS
    numbered = ' linenums="1"' if picture else ""  # the timeline's marks carry these numbers
    parts.append(fence(output, f'{{ .text .snippet-output title="{OUTPUT_TITLE}{snippet.display}"{numbered} }}'))
    if picture:
        parts.append(timeline.figure(snippet, recording, fast_clock=settings["clock"] != "real"))
    return "\n".join(parts)


def show(name: str, root: str | None = None) -> None:
    """Run snippets/<name> and display its source and output; ``root`` is for the tests' bad snippets."""
    from IPython.display import Markdown, display

    snippet = get(name, REPO / root if root else SNIPPETS)
    result = runner.run(snippet)
    if error := runner.check(result):
        raise SnippetError(error)
    display(Markdown(render(snippet, result)))
