"""Run one snippet as its own process, the way a reader runs ``python snippets/x.py``.

Used by the build (page cells), the tests and ``make update`` alike. Each run gets:
a chosen interpreter; a fresh temporary working directory, deleted afterwards; stdout
and stderr in one pipe, so the transcript keeps the order of what was written; the
fast-forward clock unless real time is asked for; a timeout that kills the whole process
group; a cap on output size. ``problem()`` turns what happened into one line naming the
file (and line) when it differs from what the snippet declared.

    python -m guidekit.runner snippets/tasks/gather_order.py [--real-time] [--python 3.12]
    python -m guidekit.runner --update          # rewrite every committed transcript and timeline
"""

import argparse
import dataclasses
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import native, outcome, pythons, timeline, transcript, wasm
from .child import STARTED
from .snippets import REPO, Snippet, SnippetError, catalogue

CHILD = Path(__file__).with_name("child.py")
# looptime and aiofiles for every interpreter: pure-Python packages installed by the Makefile.
SNIPPET_LIBS = Path(os.environ.get("GUIDE_SNIPPET_LIBS", REPO / ".venv" / "snippet-libs"))
MAX_OUTPUT = 100_000  # bytes; a page is not the place for more
GRACE = 15.0  # seconds for a hung snippet to report where the second interrupt found it, before the kill (WebAssembly on a loaded machine needs seconds)
START_LIMIT = 60  # seconds an interpreter may take to reach the snippet's first line (WebAssembly, busy machine)


@dataclasses.dataclass
class Run:
    snippet: Snippet
    python: str
    real_time: bool
    transcript: str = ""
    normalised: list = dataclasses.field(default_factory=list)  # what transcript.normalise changed (NOTES keys)
    exit_code: int | None = None
    exception: dict | None = None  # {"type", "message", "line"}
    writes: list = dataclasses.field(default_factory=list)
    timeline: dict | None = None  # the recording of every task's life (guidekit/timeline.py)
    timeline_error: str | None = None  # the recorder failed inside the snippet's process
    timed_out: float | None = None
    never_started: bool = False  # at the timeout, the snippet's first line had not run (START_LIMIT passed)
    too_much_output: bool = False
    seconds: float = 0.0


def run(snippet: Snippet, *, python: str | None = None, real_time: bool | None = None, timeout: float | None = None) -> Run:
    if not SNIPPET_LIBS.is_dir():
        raise SnippetError(f"{SNIPPET_LIBS.relative_to(REPO)} is missing: run `make venv` first")
    settings = snippet.settings
    python = python or sys.executable
    real_time = settings["clock"] == "real" if real_time is None else real_time or settings["clock"] == "real"
    timeout = float(timeout or settings["timeout"])
    result = Run(snippet, python, real_time)
    env = {
        **os.environ,
        "PYTHONPATH": str(SNIPPET_LIBS),
        "PYTHONUNBUFFERED": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHON_COLORS": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for var in ("PYTHONHOME", "PYTHONSTARTUP", "PYTHONASYNCIODEBUG", "PYTHONDEVMODE", "PYTHONWARNINGS"):
        env.pop(var, None)
    # A test run's own pytest settings are not the snippet's: snippets/testing/ run pytest
    # themselves, and PYTEST_ADDOPTS or pytest-xdist's PYTEST_XDIST_WORKER would change what it prints.
    for var in [name for name in env if name.startswith("PYTEST_")]:
        del env[var]
    with tempfile.TemporaryDirectory(prefix="guide-run-") as tmp:
        workdir = os.path.join(tmp, "work")
        os.mkdir(workdir)
        result_file = os.path.join(tmp, "result.json")
        child_args = [str(CHILD), result_file, snippet.display, str(snippet.path)] + (["--real-time"] if real_time else [])
        start = time.monotonic()
        if python in wasm.PACKAGES:  # CPython compiled to WebAssembly, under Node
            proc = wasm.start(python, child_args, cwd=workdir, tmp=tmp, libs=SNIPPET_LIBS,
                              snippet_dir=snippet.path.parent, cap=MAX_OUTPUT)
        else:
            proc = native.start(python, child_args, cwd=workdir, env=env, cap=MAX_OUTPUT)
        started = result_file + STARTED  # child.py creates it just before the snippet's first line
        wait_for_start(proc, started)
        if not proc.wait(timeout):
            result.timed_out = timeout
            result.never_started = not os.path.exists(started)
            # The traceback of an interrupt shows where it hung. Inside asyncio.run() the first
            # one only cancels the main task, which a task that never awaits does not notice:
            # the second raises KeyboardInterrupt wherever the code is.
            for sig, wait in ((signal.SIGINT, 0.2), (signal.SIGINT, GRACE), (signal.SIGKILL, None)):
                proc.send(sig)
                if proc.wait(wait):
                    break
        result.too_much_output = proc.too_much_output
        result.seconds = time.monotonic() - start
        result.exit_code = proc.exit_code
        found = outcome.read(proc.output[:MAX_OUTPUT].decode("utf-8", errors="replace"), result_file, tmp, real_time)
        if found.child is not None:
            result.exception = found.child["exception"]
            result.writes = found.child["writes"]
        result.transcript, result.normalised = found.transcript, found.normalised
        result.timeline, result.timeline_error = found.timeline, found.timeline_error
    return result


def wait_for_start(proc, marker: str):
    """Until the snippet's own code begins: its timeout is for the snippet, not for the start of
    its interpreter, which on WebAssembly under load can take seconds (an interrupt before
    the snippet's first line would show no line of it)."""
    deadline = time.monotonic() + START_LIMIT
    while not os.path.exists(marker) and time.monotonic() < deadline:
        if proc.wait(0.01):
            return


def timed_out(at: str, seconds: float) -> str:
    """The one line for a snippet stopped at its timeout, whichever way it was run."""
    return f"{at}: timed out after {seconds:g} s and was stopped"


def problem(run: Run) -> str | None:
    """One line naming the file and line when the run did not do what the snippet declared."""
    where = run.snippet.display
    exc = run.exception
    at = f"{where}:{exc['line']}" if exc and exc.get("line") else where
    declared = run.snippet.settings["raises"]
    if run.timed_out is not None and run.never_started:
        return (f"{where}: stopped before its first line ran: its interpreter took more than"
                f" {START_LIMIT:g} s to start (an overloaded machine?)")
    if run.timed_out is not None:
        return timed_out(at, run.timed_out)
    if run.too_much_output:
        return f"{where}: printed more than {MAX_OUTPUT} bytes and was killed"
    if run.writes:
        first = run.writes[0]
        line = f":{first['line']}" if first.get("line") else ""
        return f"{where}{line}: wrote {first['file']} into its working directory; write only into a tempfile.TemporaryDirectory()"
    if exc and exc["type"] == "SyntaxError":
        return f"{at}: SyntaxError: {exc['message']}"
    if declared is None:
        if exc:
            return f"{at}: raised {exc['type']}: {exc['message']} (declare raises = \"{exc['type']}\" in {run.snippet.settings_line()} if that is the point)"
        if run.exit_code != 0:
            return f"{where}: exited with code {run.exit_code}"
        return None
    if exc is None:
        return f"{run.snippet.settings_line()}: {where} is declared to raise {declared} but exited with code {run.exit_code}"
    if exc["type"] != declared:
        return f"{at}: raised {exc['type']}: {exc['message']}, but {declared} is declared in {run.snippet.settings_line()}"
    return None


def check(run: Run) -> str | None:
    """problem(), else the difference from the committed transcript (and timeline: fast clock only), else None."""
    return problem(run) or transcript.difference(run.snippet, run.transcript, run.real_time) or timeline_difference(run)


def timeline_difference(run: Run) -> str | None:
    if run.timeline_error:
        return f"{run.snippet.display}: the timeline recorder failed: {run.timeline_error}"
    if run.real_time:  # other times on every run: only that there is a committed recording is checked
        path = timeline.path_for(run.snippet)
        if run.timeline is not None and not path.exists():
            where = path.relative_to(REPO).as_posix()
            return f"{run.snippet.display}: no committed timeline {where}; run {timeline.update_command(run.snippet)} to create it"
        return None
    return timeline.difference(run.snippet, run.timeline)


def python_for(snippet: Snippet, python: str | None = None) -> str | None:
    """``python`` (None: this interpreter) if it can check the snippet, else the oldest version
    of the matrix that can and is here: a 3.14-only snippet runs on 3.14 (WebAssembly)."""
    here = pythons.version_of(python)
    if snippet.checked_on(here) is None:
        return python
    for version in pythons.SUPPORTED:
        if snippet.checked_on(version) is None and (found := pythons.find(version)):
            return found
    raise SnippetError(f"{snippet.display}: no Python here can run it ({snippet.checked_on(here)}); `make node` installs 3.14 and 3.15")


def update(snippets, python: str | None = None) -> list[str]:
    """Rewrite committed transcripts from fresh runs; returns the names that changed."""
    changed = []
    for snippet in snippets:
        result = run(snippet, python=python_for(snippet, python))
        if error := problem(result):
            raise SnippetError(error)
        if result.timeline_error:
            raise SnippetError(timeline_difference(result))
        if transcript.write(snippet, result.transcript):
            changed.append(snippet.display)
        if timeline.write(snippet, result.timeline):
            changed.append(timeline.path_for(snippet).relative_to(REPO).as_posix())
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guidekit.runner", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="snippet files (default: all under snippets/)")
    parser.add_argument("--real-time", action="store_true", help="run on the real clock")
    parser.add_argument("--python", help="interpreter version (3.12) or path")
    parser.add_argument("--update", action="store_true", help="rewrite the committed transcripts")
    args = parser.parse_args(argv)
    python = args.python
    if python and not os.sep in python:
        python = pythons.find(python) or sys.exit(f"Python {args.python} is not installed")
    try:
        everything = catalogue()
        if args.files:
            wanted = {str(Path(f).resolve()) for f in args.files}
            everything = [s for s in everything if str(s.path) in wanted] or sys.exit("no such snippet under snippets/")
        if args.update:
            changed = update(everything, python)
            print(f"{len(changed)} transcript(s) and timeline(s) changed" + "".join(f"\n  {c}" for c in changed))
            return
        failed = 0
        for snippet in everything:
            result = run(snippet, python=python or python_for(snippet), real_time=args.real_time)
            if len(everything) == 1:
                sys.stdout.write(result.transcript)
            error = check(result)
            failed += bool(error)
            print(f"{'FAIL' if error else 'ok  '} {snippet.display} ({result.seconds:.2f} s)" + (f"\n{error}" if error else ""), file=sys.stderr)
        sys.exit(1 if failed else 0)
    except SnippetError as exc:
        sys.exit(str(exc))


if __name__ == "__main__":
    main()
