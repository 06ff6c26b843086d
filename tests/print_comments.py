"""The in-process check of one snippet's `#>` comments (pytest-examples), stopped at the snippet's timeout.

pytest-examples runs the snippet inside the test process and has no timeout of its own:
a snippet that waits for nothing on the fast clock, spins without awaiting, or blocks in
``time.sleep()`` would hang the test run. A real-time interval timer (SIGALRM) raises
``TimedOut`` in the main thread at the snippet's timeout, wherever it is: in the event
loop's wait, in a busy loop, or in a sleep. The failure is the runner's one line, naming
the line the runner's interrupts name (``child.interrupted_line``): the snippet's code
running when the timer fired, or, when the loop was waiting, the line where the main task waits.
"""

import asyncio
import contextlib
import signal

from pytest_examples import CodeExample, EvalExample

from guidekit import runner
from guidekit.child import restore_default_loops, snippet_line, use_fast_forward_clock
from guidekit.snippets import SnippetError


class TimedOut(BaseException):
    """Not an Exception: a snippet's own ``except Exception`` must not swallow it."""


def stopped_at(frame, example_file: str) -> int | None:
    loop = asyncio._get_running_loop()
    if loop is not None and asyncio.current_task(loop) is None:  # the loop waits: no task runs
        # asyncio.run()'s SIGINT handler knows its main task (the one the runner's first interrupt cancels).
        main = getattr(signal.getsignal(signal.SIGINT), "keywords", {}).get("main_task")
        waiting = [f.f_lineno for f in main.get_stack() if f.f_code.co_filename == example_file] if main else []
        if waiting:
            return waiting[-1]
    return snippet_line(frame, example_file)


@contextlib.contextmanager
def deadline(snippet, example_file: str):
    seconds = snippet.settings["timeout"]

    def on_alarm(signum, frame):
        raise TimedOut(stopped_at(frame, example_file))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimedOut as exc:
        line = exc.args[0]
        at = f"{snippet.display}:{line}" if line else snippet.display
        raise SnippetError(runner.timed_out(at, seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def clock(snippet):
    """The fast-forward clock, as the runner gives it, unless the snippet needs real time."""
    if snippet.settings["clock"] != "real":
        use_fast_forward_clock()
    try:
        yield
    finally:
        restore_default_loops()  # the next test starts with the default loops


def check(snippet, eval_example: EvalExample):
    """Check (or, with --update-examples, rewrite) the snippet's `#>` comments; or its declared exception."""
    source = snippet.path.read_text(encoding="utf-8")
    example = CodeExample.create(source, path=snippet.path)
    declared = snippet.settings["raises"]
    with clock(snippet), deadline(snippet, str(eval_example.tmp_path / f"{example.module_name}.py")):
        if declared:
            assert "#>" not in source, f"{snippet.display}: a snippet that raises cannot have #> comments checked"
            try:
                eval_example.run(example)
            except BaseException as exc:  # noqa: BLE001 - compared with the declared name just below
                if type(exc).__name__ != declared:
                    raise
            else:
                raise AssertionError(f"{snippet.display}: declared to raise {declared}, but it did not")
        elif eval_example.update_examples:
            eval_example.run_print_update(example)
        else:
            eval_example.run_print_check(example)
