"""The browser's side of a run in a reader's page (guidekit/browser_worker.mjs), around wasm_python.py.

guidekit/wasm_python.py sets up the standard library's own event loop, whose idle wait and
``time.sleep`` call ``_guide_host.sleep(seconds)``. Under Node that is ``Atomics.wait`` on
shared memory. A page is usually not cross-origin isolated, so it has no shared memory;
this module is ``_guide_host`` there:

- with JavaScript Promise Integration (chromium), the wait suspends the interpreter on a
  JavaScript timer (``pyodide.ffi.run_sync``): the worker is idle, and its own event loop
  runs meanwhile, so the page's interrupt (the Stop at a timeout) ends the wait at once and
  Python then sees it, as a native sleep ends on a signal;
- without it, the wait is a busy loop on the clock (one core busy while the snippet sleeps),
  which no interrupt ends: the page then ends the worker.

Either way the snippet runs on ``asyncio.BaseEventLoop``, as the build's 3.14 run does; the
differences are the clock (always the real one here) and the wait.
"""

import asyncio.events
import sys
import types

import _guide_browser  # the worker's JavaScript: timer(seconds) -> Promise, busy(seconds), jspi, started(), output()
from pyodide.ffi import run_sync
from pyodide.webloop import WebLoop

WAIT_LOOP = WebLoop()


def sleep(seconds=None):
    """Wait ``seconds`` (None: until an interrupt); return early on an interrupt."""
    if not _guide_browser.jspi:
        _guide_browser.busy(-1 if seconds is None else seconds)
        return
    # run_sync makes the promise a future of the running loop. The snippet's loop is blocked
    # right here and would never run that future's callbacks: during the wait, the running loop
    # is Pyodide's WebLoop, which runs callbacks on JavaScript timers, as the suspended worker does.
    loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(WAIT_LOOP)
    try:
        run_sync(_guide_browser.timer(-1 if seconds is None else seconds))
    finally:
        asyncio.events._set_running_loop(loop)


sys.modules["_guide_host"] = sys.modules[__name__]


def run(job) -> dict:
    """Run one snippet (``job`` as guidekit/wasm.py's: argv, cwd, path; and the started marker's
    path), tell the page when it starts, and read what it left as the build's runner does."""
    from guidekit import outcome, wasm_python

    started = job["started"]  # child.py creates it just before the snippet's first line

    def on_open(event, args):
        if event == "open" and args[0] == started:
            _guide_browser.started()  # the page's timeout counts from here, as the runner's does

    sys.addaudithook(on_open)
    code = wasm_python.run_job(job)
    found = outcome.read(_guide_browser.output(), job["argv"][1], job["cwd"], real_time=True)
    return {"exit": code, "transcript": found.transcript, "figure": figure(job["argv"][2], found.timeline)}


def figure(display: str, recording) -> str:
    """The timeline of this run, drawn by the build's code (guidekit/timeline_svg.py), or "" when
    the run created too few tasks or left no record."""
    from guidekit import timeline, timeline_svg

    if recording is None or timeline.task_count(recording) < timeline.MIN_TASKS:
        return ""
    # Its own element ids: the build's picture of the same snippet is on the page too.
    snippet = types.SimpleNamespace(name="run-here/" + display.removeprefix("snippets/"), display=display)
    return timeline_svg.figure(snippet, recording, fast_clock=False)
