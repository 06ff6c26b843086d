"""Runs first in each fresh CPython-on-WebAssembly interpreter (guidekit/wasm_host.mjs), then runs child.py.

Pyodide prepares its interpreter for the browser: its own event loop (``WebLoop``, on
JavaScript timers) installed through the policy *and set as the running loop*, its own
``asyncio.run`` and ``time.sleep``. A reader's CPython has none of that, so it is undone:

- the standard library's own loop, ``asyncio.BaseEventLoop``, is what
  ``asyncio.new_event_loop()`` makes; snippets open no files or sockets, so waiting for
  I/O is sleeping: its selector sleeps for the loop's timeout (or, with nothing
  scheduled, until an interrupt) and reports no events;
- ``asyncio.EventLoop`` (the platform's default loop class, 3.13+) is that loop too: the
  selector loop it names natively needs a socket pair, which Pyodide cannot make;
- no loop is running before the snippet starts one; ``asyncio.run`` is CPython's;
- ``time.sleep`` blocks the thread, as it does natively.

A sleep is a wait on the interrupt flag (``_guide_host.sleep``), so the runner's interrupt
ends it at once, as a signal ends a native sleep. ``run_job`` then does what the
interpreter does around ``python child.py ...``: run it as ``__main__``, report an uncaught
exception through ``sys.excepthook``, run the ``atexit`` callbacks, then collect what is
left (native shutdown destroys pending tasks and unawaited coroutines, with their warnings).
"""

import asyncio
import asyncio.events
import atexit
import functools
import gc
import os
import runpy
import sys
import time
import warnings

import pyodide.webloop
from _guide_host import sleep as wait_for_interrupt


class IdleSelector:
    """The selector of a loop with no file descriptors: select() waits, then reports nothing."""

    def select(self, timeout=None):
        wait_for_interrupt(timeout)
        return []

    def close(self):
        pass


class StandardLoop(asyncio.BaseEventLoop):
    """asyncio's own event loop (BaseEventLoop: its scheduling, timers and task code), without I/O."""

    def __init__(self):
        super().__init__()
        self._selector = IdleSelector()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):  # wakes a selector from another thread: there are no threads here
        pass


class StandardPolicy(asyncio.events._BaseDefaultEventLoopPolicy):
    _loop_factory = StandardLoop


def blocking_sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        wait_for_interrupt(left)  # returns early on an interrupt; Python then raises or handles it


def use_standard_library_asyncio():
    asyncio.events._set_running_loop(None)
    asyncio.events._set_event_loop_policy(StandardPolicy())
    asyncio.run = asyncio.runners.run
    asyncio.EventLoop = StandardLoop
    time.sleep = functools.wraps(pyodide.webloop._orig_sleep)(blocking_sleep)


def exit_code(exc: SystemExit) -> int:
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def shutdown_warnings():
    """Native shutdown frees what is left (the last exception's traceback, unawaited
    coroutines) with no Python frame running: 3.13 prints such a warning as ``<sys>:0: ...``.
    Here the freeing happens inside run_job, whose frame would be named: the warnings are
    caught and printed the native way."""
    caught = warnings.catch_warnings(record=True)
    warnings_list = caught.__enter__()

    def end():
        caught.__exit__(None, None, None)
        for warning in warnings_list:
            sys.stderr.write(f"<sys>:0: {warning.category.__name__}: {warning.message}\n")

    return end


def run_job(job) -> int:
    use_standard_library_asyncio()
    os.chdir(job["cwd"])
    sys.argv = list(job["argv"])
    sys.path[1:1] = job["path"]  # after the script's folder, where PYTHONPATH goes natively
    code, uncaught = 0, None
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit as exc:
        code = exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - what the interpreter does with an uncaught exception
        uncaught = exc
    if uncaught is not None:
        sys.excepthook(type(uncaught), uncaught, uncaught.__traceback__)
        code = 130 if isinstance(uncaught, KeyboardInterrupt) else 1
    atexit._run_exitfuncs()
    end = shutdown_warnings()
    uncaught = None
    gc.collect()
    end()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    return code
