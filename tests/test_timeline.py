"""The timeline of a run: what the recorder notes, the committed recording, and the SVG picture.

Small programs written here (not under snippets/) are run the way the runner runs every
snippet, on each installed Python: the recording must be exactly the one below, which
was taken from a real run and checked by hand against what the program does. Then the
picture: valid XML, an accessible title and description, the same bytes every time, and
on a built page under the output of every snippet whose run created at least two tasks.
"""

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guidekit import pythons, runner, timeline, timeline_svg
from guidekit.snippets import REPO, Snippet, catalogue, get

from .conftest import missing, python_for

SVG = "{http://www.w3.org/2000/svg}"


@dataclasses.dataclass(frozen=True)
class LooseSnippet(Snippet):
    """A program in a temporary folder, run like a snippet (its display name is made up)."""

    @property
    def display(self):
        return f"snippets/{self.name}"


EVERYTHING = '''\
import asyncio


async def worker(name, lock, seconds):
    async with lock:
        print(f"{name}: has the lock")
        await asyncio.sleep(seconds)


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("no")


async def slow():
    await asyncio.sleep(5)


async def waiter(event, queue):
    await event.wait()
    print(f"waiter: got {await queue.get()}")


async def main():
    lock, event, queue = asyncio.Lock(), asyncio.Event(), asyncio.Queue()
    a = asyncio.create_task(worker("a", lock, 0.3), name="a")
    b = asyncio.create_task(worker("b", lock, 0.2), name="b")
    f = asyncio.create_task(fails())
    s = asyncio.create_task(slow())
    w = asyncio.create_task(waiter(event, queue), name="waiter")
    await asyncio.gather(a, b)
    event.set()
    await asyncio.sleep(0.1)
    await queue.put("x")
    try:
        await asyncio.wait_for(slow(), timeout=0.2)  # 3.11 wraps slow() in a task of its own
    except TimeoutError:
        print("main: timed out")
    s.cancel()
    await asyncio.wait([f, s, w])
    print(f"main: {type(f.exception()).__name__}, cancelled: {s.cancelled()}")


asyncio.run(main())
'''

EVERYTHING_RECORDING = '''\
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "created", "coro": "main"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "waits", "on": "gather", "for": ["a", "b"]}
{"loop": 1, "t": 0.0, "task": "a", "event": "created", "coro": "worker", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "a", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "a", "event": "holds", "what": "lock 1"}
{"loop": 1, "t": 0.0, "task": "a", "event": "prints", "line": 1, "text": "a: has the lock"}
{"loop": 1, "t": 0.0, "task": "a", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.0, "task": "b", "event": "created", "coro": "worker", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "b", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "b", "event": "waits", "on": "lock", "what": "lock 1"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "created", "coro": "fails", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "created", "coro": "slow", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.0, "task": "waiter", "event": "created", "coro": "waiter", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "waiter", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "waiter", "event": "waits", "on": "event", "what": "event 1"}
{"loop": 1, "t": 0.1, "task": "Task-2", "event": "runs"}
{"loop": 1, "t": 0.1, "task": "Task-2", "event": "raised", "exception": "ValueError"}
{"loop": 1, "t": 0.3, "task": "a", "event": "runs"}
{"loop": 1, "t": 0.3, "task": "a", "event": "releases", "what": "lock 1"}
{"loop": 1, "t": 0.3, "task": "a", "event": "returned"}
{"loop": 1, "t": 0.3, "task": "b", "event": "runs"}
{"loop": 1, "t": 0.3, "task": "b", "event": "holds", "what": "lock 1"}
{"loop": 1, "t": 0.3, "task": "b", "event": "prints", "line": 2, "text": "b: has the lock"}
{"loop": 1, "t": 0.3, "task": "b", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.5, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.5, "task": "Task-1", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.5, "task": "b", "event": "runs"}
{"loop": 1, "t": 0.5, "task": "b", "event": "releases", "what": "lock 1"}
{"loop": 1, "t": 0.5, "task": "b", "event": "returned"}
{"loop": 1, "t": 0.5, "task": "waiter", "event": "runs"}
{"loop": 1, "t": 0.5, "task": "waiter", "event": "waits", "on": "queue.get", "what": "queue 1"}
{"loop": 1, "t": 0.6, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.6, "task": "Task-1", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.6, "task": "waiter", "event": "runs"}
{"loop": 1, "t": 0.6, "task": "waiter", "event": "prints", "line": 3, "text": "waiter: got x"}
{"loop": 1, "t": 0.6, "task": "waiter", "event": "returned"}
{"loop": 1, "t": 0.8, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.8, "task": "Task-1", "event": "prints", "line": 4, "text": "main: timed out"}
{"loop": 1, "t": 0.8, "task": "Task-1", "event": "prints", "line": 5, "text": "main: ValueError, cancelled: True"}
{"loop": 1, "t": 0.8, "task": "Task-1", "event": "returned"}
{"loop": 1, "t": 0.8, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.8, "task": "Task-3", "event": "cancelled"}
{"loop": 1, "t": 0.8, "task": null, "event": "loop ends"}
'''

SETS_AND_RUNS = '''\
import asyncio


async def resize(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    # as_completed() makes its tasks from a set: in no set order.
    for next_done in asyncio.as_completed([resize(0.3), resize(0.1), resize(0.2)]):
        print(f"resized in {await next_done} s")
    asyncio.get_running_loop().call_soon(print, "a callback, outside any task")
    await asyncio.sleep(0)


print("before the loop")
with asyncio.Runner() as runner:
    runner.run(main())
    print("between two runs")
    runner.run(asyncio.sleep(0.1))
'''

SETS_AND_RUNS_RECORDING = '''\
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "created", "coro": "main"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "waits", "on": "as_completed"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "created", "coro": "resize", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "created", "coro": "resize", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.0, "task": "Task-4", "event": "created", "coro": "resize", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-4", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-4", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.1, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.1, "task": "Task-1", "event": "prints", "line": 2, "text": "resized in 0.1 s"}
{"loop": 1, "t": 0.1, "task": "Task-1", "event": "waits", "on": "as_completed"}
{"loop": 1, "t": 0.1, "task": "Task-2", "event": "runs"}
{"loop": 1, "t": 0.1, "task": "Task-2", "event": "returned"}
{"loop": 1, "t": 0.2, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.2, "task": "Task-1", "event": "prints", "line": 3, "text": "resized in 0.2 s"}
{"loop": 1, "t": 0.2, "task": "Task-1", "event": "waits", "on": "as_completed"}
{"loop": 1, "t": 0.2, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.2, "task": "Task-3", "event": "returned"}
{"loop": 1, "t": 0.3, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.3, "task": "Task-1", "event": "prints", "line": 4, "text": "resized in 0.3 s"}
{"loop": 1, "t": 0.3, "task": "Task-1", "event": "returned"}
{"loop": 1, "t": 0.3, "task": "Task-4", "event": "runs"}
{"loop": 1, "t": 0.3, "task": "Task-4", "event": "returned"}
{"loop": 1, "t": 0.3, "task": "Task-5", "event": "created", "coro": "sleep"}
{"loop": 1, "t": 0.3, "task": "Task-5", "event": "runs"}
{"loop": 1, "t": 0.3, "task": "Task-5", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.3, "task": null, "event": "prints", "line": 5, "text": "a callback, outside any task"}
{"loop": 1, "t": 0.4, "task": "Task-5", "event": "runs"}
{"loop": 1, "t": 0.4, "task": "Task-5", "event": "returned"}
{"loop": 1, "t": 0.4, "task": null, "event": "loop ends"}
{"loop": null, "t": null, "task": null, "event": "prints", "line": 1, "text": "before the loop"}
{"loop": null, "t": null, "task": null, "event": "prints", "line": 6, "text": "between two runs"}
'''

EAGER = '''\
import asyncio


async def quick():
    print("quick: ran inside create_task()")


async def slower():
    print("slower: first step")
    await asyncio.sleep(0.2)


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    done = asyncio.create_task(quick())
    pending = asyncio.create_task(slower())
    print(f"main: quick done()? {done.done()}, slower done()? {pending.done()}")
    await pending


asyncio.run(main())
'''

EAGER_RECORDING = '''\
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "created", "coro": "main"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "prints", "line": 3, "text": "main: quick done()? True, slower done()? False"}
{"loop": 1, "t": 0.0, "task": "Task-1", "event": "waits", "on": "task", "for": ["Task-3"]}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "created", "coro": "quick", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "prints", "line": 1, "text": "quick: ran inside create_task()"}
{"loop": 1, "t": 0.0, "task": "Task-2", "event": "returned"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "created", "coro": "slower", "by": "Task-1"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "prints", "line": 2, "text": "slower: first step"}
{"loop": 1, "t": 0.0, "task": "Task-3", "event": "waits", "on": "sleep"}
{"loop": 1, "t": 0.2, "task": "Task-1", "event": "runs"}
{"loop": 1, "t": 0.2, "task": "Task-1", "event": "returned"}
{"loop": 1, "t": 0.2, "task": "Task-3", "event": "runs"}
{"loop": 1, "t": 0.2, "task": "Task-3", "event": "returned"}
{"loop": 1, "t": 0.2, "task": null, "event": "loop ends"}
'''

PROGRAMS = {
    "everything.py": (EVERYTHING, EVERYTHING_RECORDING, "3.11"),
    "sets_and_runs.py": (SETS_AND_RUNS, SETS_AND_RUNS_RECORDING, "3.11"),
    "eager.py": (EAGER, EAGER_RECORDING, "3.12"),
}


def run_program(name, tmp_path, version=None):
    source, _, min_python = PROGRAMS[name]
    if version and tuple(map(int, version.split("."))) < tuple(map(int, min_python.split("."))):
        pytest.skip(f"needs Python {min_python}")
    (tmp_path / name).write_text(source, encoding="utf-8")
    result = runner.run(LooseSnippet(tmp_path, name), python=python_for(version) if version else None)
    assert runner.problem(result) is None, result.transcript
    assert result.timeline_error is None
    return result


def events_text(recording):
    return "".join(json.dumps(event, ensure_ascii=False) + "\n" for event in recording["events"])


# --- the recording -----------------------------------------------------------------------


@pytest.mark.parametrize("version", pythons.SUPPORTED)
@pytest.mark.parametrize("name", PROGRAMS)
def test_the_recording_is_what_the_program_did_on_every_python(name, version, tmp_path):
    result = run_program(name, tmp_path, version)
    assert events_text(result.timeline) == PROGRAMS[name][1]


def test_the_recording_changes_nothing_the_program_prints(tmp_path):
    """The same output, byte for byte, as `python everything.py` with no recorder and no fast clock."""
    result = run_program("everything.py", tmp_path)
    plain = subprocess.run(
        [sys.executable, "everything.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert plain.returncode == 0, plain.stderr
    assert result.transcript == plain.stdout + plain.stderr


def test_the_committed_file_is_one_event_per_line_in_a_fixed_order(tmp_path):
    result = run_program("everything.py", tmp_path)
    text = timeline.dumps(result.timeline)
    lines = text.splitlines()
    assert lines[:3] == ["{", ' "timeline": 1,', ' "events": [']
    assert [line.strip().rstrip(",") + "\n" for line in lines[3:-2]] == EVERYTHING_RECORDING.splitlines(keepends=True)
    assert json.loads(text) == result.timeline
    assert all(list(event)[:4] == ["loop", "t", "task", "event"] for event in result.timeline["events"])


def test_a_real_time_run_is_recorded_but_not_compared():
    snippet = get("tasks/gather_order.py")
    result = runner.run(snippet, real_time=True)
    assert result.timeline is not None
    assert runner.check(result) is None  # whatever its times, only the transcript is compared


def test_a_changed_recording_fails_the_check_and_names_the_snippet():
    snippet = get("tasks/gather_order.py")
    result = runner.run(snippet)
    assert runner.check(result) is None
    first_print = next(e for e in result.timeline["events"] if e["event"] == "prints")
    first_print["t"] = 1.5
    error = runner.check(result)
    assert error.startswith("snippets/tasks/gather_order.py: the timeline differs from snippets/tasks/gather_order.timeline.json")
    assert '"t": 1.5' in error


# --- the picture -------------------------------------------------------------------------


def pictures():
    """(name, recording) for the programs above and for every committed recording."""
    return [
        *((name, json.loads(timeline.dumps({"timeline": 1, "events": [json.loads(line) for line in text.splitlines()]})))
          for name, (_, text, _) in PROGRAMS.items()),
        *((s.name, timeline.read(s)) for s in catalogue() if timeline.path_for(s).exists()),
    ]


@pytest.mark.parametrize("layout", timeline_svg.LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("name, recording", pictures(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_picture_is_valid_accessible_and_always_the_same(name, recording, layout):
    svg = timeline_svg.draw(recording, name, f"snippets/{name}", layout=layout)
    assert svg == timeline_svg.draw(json.loads(json.dumps(recording)), name, f"snippets/{name}", layout=layout)  # same bytes
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("class") == f"tl tl-{layout.name}" and root.get("viewBox").startswith(f"0 0 {layout.width} ")
    # One size of text, which the page's CSS keeps at 11 CSS px or more (tests/test_screen_sizes.py measures it).
    assert {e.get("font-size") for e in root.iter() if e.get("font-size")} == {str(timeline_svg.FONT)}
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text.startswith(f"Timeline of snippets/{name}: ")
    assert desc is not None and len(desc.text) > 80
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    for reference in re.findall(r"url\(#([^)]+)\)", svg):
        assert reference in ids, f"url(#{reference}) names no element"
    lanes = {e["task"] for e in recording["events"] if e["event"] == "created"}
    labels = [t.text for t in root.iter(f"{SVG}text") if "tl-label" in (t.get("class") or "")]
    assert sorted(label.split(" \u00b7 ")[0] for label in labels if label != "(callbacks)") == sorted(lanes)


def test_the_description_says_in_words_what_each_task_did():
    recording = {"timeline": 1, "events": [json.loads(line) for line in EVERYTHING_RECORDING.splitlines()]}
    desc = ET.fromstring(timeline_svg.draw(recording, "everything.py", "snippets/everything.py")).find(f"{SVG}desc").text
    for words in [
        ("a (worker) is created at 0 s by Task-1, holds lock 1 from 0 to 0.3 s, prints line 1 at 0 s, "
         "sleeps from 0 to 0.3 s and returns at 0.3 s."),
        "b (worker) is created at 0 s by Task-1, waits for lock 1 from 0 to 0.3 s, holds lock 1 from 0.3 to 0.5 s",
        "Task-1 (main) is created at 0 s, waits for a and b (gather) from 0 to 0.5 s",
        "Task-2 (fails) is created at 0 s by Task-1, sleeps from 0 to 0.1 s and raises ValueError at 0.1 s.",
        "Task-3 (slow) is created at 0 s by Task-1, sleeps from 0 to 0.8 s and is cancelled at 0.8 s.",
        ("waiter is created at 0 s by Task-1, waits for event 1 to be set from 0 to 0.5 s, "
         "waits to get an item from queue 1 from 0.5 to 0.6 s, prints line 3 at 0.6 s and returns at 0.6 s."),
    ]:
        assert words in desc
    recording = {"timeline": 1, "events": [json.loads(line) for line in SETS_AND_RUNS_RECORDING.splitlines()]}
    desc = ET.fromstring(timeline_svg.draw(recording, "x.py", "snippets/x.py")).find(f"{SVG}desc").text
    assert "Callbacks the loop ran outside any task printed line 5 (last lane)." in desc
    assert desc.endswith("Lines 1 and 6 were printed while no event loop was running: no mark.")


def test_marks_carry_the_output_line_numbers_and_text():
    recording = {"timeline": 1, "events": [json.loads(line) for line in EVERYTHING_RECORDING.splitlines()]}
    root = ET.fromstring(timeline_svg.draw(recording, "everything.py", "snippets/everything.py"))
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-mark tl-tip" and g.find(f"{SVG}title") is not None]
    found = sorted((g.find(f"{SVG}text").text, g.find(f"{SVG}title").text) for g in marks)
    assert found == [
        ("1", "Line 1 of the output, printed at 0 s: a: has the lock"),
        ("2", "Line 2 of the output, printed at 0.3 s: b: has the lock"),
        ("3", "Line 3 of the output, printed at 0.6 s: waiter: got x"),
        ("4", "Line 4 of the output, printed at 0.8 s: main: timed out"),
        ("5", "Line 5 of the output, printed at 0.8 s: main: ValueError, cancelled: True"),
    ]


# --- on a page ---------------------------------------------------------------------------


def svgs_in(html: str) -> list[str]:
    return re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-.*?</svg>\n', html, re.DOTALL)


def build_small_site(folder: Path) -> str:
    """A one-page site (the guide's plugin, Markdown settings and timeline_files hook) showing two tasks/ snippets."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Index\n", encoding="utf-8")
    cell = '```python tags=["hide-input"]\n{}\n```\n'
    (docs / "page.md").write_text(
        "---\nexecute: true\n---\n\n# Page\n\n" + cell.format("from guidekit.page import show") + "\n"
        + cell.format('show("tasks/gather_order.py")') + "\n" + cell.format('show("tasks/module_level_task.py")'),
        encoding="utf-8",
    )
    (folder / "mkdocs.yml").write_text(
        "site_name: timeline test\ndocs_dir: docs\nplugins:\n  - guide-execute:\n      include: ['*.md']\n"
        "      execute_without_tag: []\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.highlight\n"
        f"  - pymdownx.superfences\n  - pymdownx.snippets:\n      base_path: [{json.dumps(str(REPO / 'snippets'))}]\n"
        f"hooks:\n  - {json.dumps(str(REPO / 'guidekit' / 'timeline_files.py'))}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"), "-d", str(folder / "site")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=REPO, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return (folder / "site" / "page" / "index.html").read_text(encoding="utf-8")


def test_a_page_shows_the_timeline_under_the_output_and_two_builds_agree(tmp_path):
    first = build_small_site(tmp_path / "one")
    second = build_small_site(tmp_path / "two")  # its own folder: nothing cached from the first
    snippet = get("tasks/gather_order.py")
    expected = [timeline_svg.draw(timeline.read(snippet), snippet.name, snippet.display, layout=layout)
                for layout in timeline_svg.LAYOUTS]
    assert svgs_in(first) == svgs_in(second) == expected  # none for module_level_task.py: it makes no task
    # The opt-in hook writes each layout of the picture as a file of its own, the same bytes on both builds.
    files = [sorted((tmp_path / build / "site" / "timelines").iterdir()) for build in ("one", "two")]
    names = ["tl-tasks-gather-order-py-narrow.svg", "tl-tasks-gather-order-py.svg"]
    assert [f.name for f in files[0]] == [f.name for f in files[1]] == names
    for one, two in zip(*files):
        assert one.read_bytes() == two.read_bytes()
        assert ET.parse(one).getroot().find(f"{SVG}title") is not None
    assert [f.read_text(encoding="utf-8") for f in files[0]] == ['<?xml version="1.0" encoding="UTF-8"?>\n' + svg for svg in expected[::-1]]
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(first, "html.parser")
    figure = soup.select_one("figure.tl-figure")
    output = figure.find_previous_sibling()
    assert "snippet-output" in output["class"] and output.select("td.linenos")  # numbered, as the marks are
    assert output.select_one("code").get_text() == (snippet.path.with_suffix(".out")).read_text(encoding="utf-8")
    assert len(soup.select("div.snippet-output")) == 2 and not soup.select("div.snippet-output td.linenos")[1:]


def test_the_built_site_has_a_timeline_for_every_snippet_that_made_two_tasks(request):
    # Without a committed recording the build fails (test_transcripts.py names the snippet).
    unrecorded = [s.display for s in catalogue() if not timeline.path_for(s).exists() and runner.run(s).timeline]
    if unrecorded:
        missing("built-site timelines", f"{len(unrecorded)} snippet(s) have no committed timeline, {unrecorded[0]} first:"
                " run `make update`")
    site = request.getfixturevalue("built_site")
    found = {}
    for html in site.rglob("*.html"):
        for svg in svgs_in(html.read_text(encoding="utf-8")):
            root = ET.fromstring(svg)
            found.setdefault(root.find(f"{SVG}title").text.split(":")[0].removeprefix("Timeline of "), []).append(svg)
    for snippet in catalogue():
        recording = timeline.read(snippet)
        if timeline.task_count(recording) >= timeline.MIN_TASKS:
            fast = snippet.settings["clock"] != "real"
            expected = [timeline_svg.draw(recording, snippet.name, snippet.display, fast, layout) for layout in timeline_svg.LAYOUTS]
            assert found.get(snippet.display) == expected, snippet.display
        else:
            assert snippet.display not in found, snippet.display
