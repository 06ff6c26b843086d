"""Runs inside the snippet's interpreter: ``python child.py RESULT_FILE DISPLAY_NAME SOURCE [--real-time]``.

It executes the snippet as ``__main__`` the way ``python snippets/x.py`` would, with
three differences the reader never sees:

- the code is compiled under its repository-relative name, so tracebacks and warnings
  show ``snippets/x.py`` and no local path;
- unless ``--real-time`` is given, every new event loop runs on looptime's fast-forward
  clock (sleeps return at once, ``loop.time()`` advances by the slept amount), installed
  without the event-loop policy API on 3.14 and newer (``install_loop_factory``);
- what happened is written as JSON to RESULT_FILE (exception name, message and the
  snippet's line; files opened for writing inside the working directory), so the
  runner can report one precise line instead of parsing a traceback;
- every task's life and every printed line are recorded on the loop's clock by
  recorder.py (the timeline under the snippet's output), without changing what it prints.

This file imports only the standard library and looptime: it runs on every Python
the guide covers.
"""

import asyncio
import atexit
import json
import linecache
import os
import signal
import sys
import traceback


STARTED = ".started"  # created as RESULT_FILE + this just before the snippet's first line: timeouts count from it


def snippet_line(tb_or_frame, display_name):
    """The innermost line of the snippet in a traceback (or a frame's stack), or None."""
    line = None
    if hasattr(tb_or_frame, "tb_frame"):
        for frame, lineno in traceback.walk_tb(tb_or_frame):
            if frame.f_code.co_filename == display_name:
                line = lineno
    else:
        for frame, lineno in traceback.walk_stack(tb_or_frame):
            if frame.f_code.co_filename == display_name:
                return lineno
    return line


def interrupted_line(exc, display_name):
    """Where the runner's interrupts found the snippet. Inside asyncio.run() the first one only
    cancels the main task; the KeyboardInterrupt comes later (from asyncio.run(), or from the
    second interrupt, depending on how fast the cancellation ran), during that cancellation.
    The earliest exception of the chain that passed through the snippet shows where it
    waited, whichever came first."""
    line, seen = None, set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        line = snippet_line(exc.__traceback__, display_name) or line
        exc = exc.__context__
    return line


def install_loop_factory(factory):
    """Make ``factory()`` the maker of every new event loop: ``asyncio.run()``, ``Runner`` and
    ``asyncio.new_event_loop()`` all call ``asyncio.events.new_event_loop()``.

    From 3.14, where event-loop policies are deprecated, that function itself is replaced;
    before, through a policy, as those versions expect."""
    if sys.version_info >= (3, 14):
        asyncio.events.new_event_loop = asyncio.new_event_loop = factory
    else:
        class Policy(asyncio.DefaultEventLoopPolicy):
            def new_event_loop(self):
                return factory()

        asyncio.set_event_loop_policy(Policy())


# The platform's own loop factory: the policy's, read before anything replaces it
# (3.14 has a private getter that does not warn).
NEW_EVENT_LOOP = getattr(asyncio.events, "_get_event_loop_policy", asyncio.events.get_event_loop_policy)().new_event_loop
ORIGINAL_NEW_EVENT_LOOP = asyncio.events.new_event_loop


def restore_default_loops():
    """Undo install_loop_factory (the in-process checks run many snippets in one interpreter)."""
    if sys.version_info >= (3, 14):
        asyncio.events.new_event_loop = asyncio.new_event_loop = ORIGINAL_NEW_EVENT_LOOP
    else:
        asyncio.set_event_loop_policy(None)


def fast_forward(new_event_loop):
    """A loop factory like ``new_event_loop``, whose loops run on looptime's fast-forward clock."""
    # looptime imports pytest (~55 ms) only to offer a fixture: hide it during that import.
    hidden = sys.modules.setdefault("pytest", None) is None
    import looptime

    if hidden:
        del sys.modules["pytest"]

    def fast_forward_loop():
        loop = looptime.patch_event_loop(new_event_loop(), start=0)
        # asyncio.run() (3.12+) waits for the default executor's threads with a 300 s
        # timeout; the fast-forward clock would jump straight to it while the threads
        # are still joining ("The executor did not finishing joining its threads").
        # Waiting without a timeout is what the real clock does in practice.
        shutdown = loop.shutdown_default_executor

        async def shutdown_default_executor(timeout=None):
            await shutdown()

        loop.shutdown_default_executor = shutdown_default_executor
        return loop

    return fast_forward_loop


def use_fast_forward_clock():
    install_loop_factory(fast_forward(NEW_EVENT_LOOP))


def watch_writes(display_name, writes):
    """Record files the snippet opens for writing inside its working directory."""
    cwd = os.getcwd()
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND

    def hook(event, args):
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path, mode, flags = args
        writing = (mode and any(c in str(mode) for c in "wax+")) or (flags & write_flags)
        if not writing:
            return
        full = os.path.abspath(os.fsdecode(path))
        if os.path.commonpath([full, cwd]) == cwd:
            writes.append(
                {"file": os.path.relpath(full, cwd), "line": snippet_line(sys._getframe(1), display_name)}
            )

    sys.addaudithook(hook)


def ignore_interrupts():
    """The snippet has ended: the runner's second interrupt must not cut the report of how."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load_recorder():
    """guidekit/recorder.py, loaded by path: this file runs as a script, not as part of the package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("guidekit_recorder", os.path.join(os.path.dirname(__file__), "recorder.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.Recorder()


def main():
    result_file, display_name, source_path = sys.argv[1:4]
    # As in a reader's terminal. A native process inherits an ignored SIGINT, and a Jupyter
    # kernel ignores it between cells: a snippet started then (guidekit/page.py starts a page's
    # runs ahead of its cells) would ignore its own Ctrl-C (shutdown/ctrl_c.py) and the runner's
    # interrupts. (WebAssembly interrupts its own way: guidekit/wasm_host.mjs.)
    if sys.platform != "emscripten" and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    real_time = "--real-time" in sys.argv[4:]
    result = {"exception": None, "writes": []}
    recorder = load_recorder()

    def write_result():
        ignore_interrupts()
        try:
            result["timeline"] = recorder.data()
        except Exception as exc:  # noqa: BLE001 - the result must be written whatever happens
            result["timeline"] = {"errors": [f"{type(exc).__name__}: {exc}"]}
        with open(result_file, "w", encoding="utf-8") as f:
            json.dump(result, f)

    def record_exception(kind, exc, tb):
        ignore_interrupts()
        if isinstance(exc, SyntaxError):
            line = exc.lineno
        elif isinstance(exc, KeyboardInterrupt):  # the runner's interrupts, at the timeout
            line = interrupted_line(exc, display_name)
        else:
            line = snippet_line(tb, display_name)
        result["exception"] = {"type": kind.__name__, "message": str(exc), "line": line}
        default_excepthook(kind, exc, tb)

    # An uncaught exception ends the process as it would for `python snippets/x.py`
    # (same traceback, same exit code, same warnings at shutdown); it is only noted first.
    default_excepthook = sys.excepthook
    sys.excepthook = record_exception
    atexit.register(write_result)

    with open(source_path, encoding="utf-8") as f:
        source = f.read()
    # Tracebacks look sources up by file name; register the snippet under its display name.
    linecache.cache[display_name] = (len(source), None, source.splitlines(True), display_name)
    sys.argv = [display_name]
    sys.path[0] = os.path.dirname(os.path.abspath(source_path))
    new_event_loop = NEW_EVENT_LOOP if real_time else fast_forward(NEW_EVENT_LOOP)
    install_loop_factory(recorder.install(new_event_loop))
    watch_writes(display_name, result["writes"])
    code = compile(source, display_name, "exec")
    open(result_file + STARTED, "w").close()  # the runner's timeout counts from here
    # ``__file__`` is absolute, as Python makes it for a script since 3.9: a snippet that
    # hands its own file to a tool (pytest) finds it from the temporary working directory.
    exec(code, {"__name__": "__main__", "__file__": os.path.abspath(source_path), "__builtins__": __builtins__})


if __name__ == "__main__":
    main()
