"""Runs inside the snippet's process (imported by child.py): records what every task did, on the loop's clock.

The snippet stays a plain program; everything is observed from outside it:

- every new event loop (made by the loop factory child.py installs, which ``asyncio.run()``,
  ``asyncio.Runner`` and ``asyncio.new_event_loop()`` call) gets a subclass that notes each ``create_task()`` (whatever task
  factory the snippet sets: the eager one runs the first step inside the call, which is
  noticed afterwards from the coroutine's state) and the moment the loop is closed;
- ``Handle._run`` is wrapped: a handle whose callback is a task's step (or wake-up) is
  one turn of that task. Before it: "runs". After it: the task is done (returned, raised,
  cancelled), or it waits on ``task._fut_waiter``, or it yielded a bare turn;
- what it waits on is read from the chain of coroutines it is suspended in: the first
  asyncio function under the innermost frame that is not asyncio's (``sleep``,
  ``Lock.acquire``, ``Queue.get``, ...), else the awaited future itself (a task, a gather);
- ``Lock`` and ``Semaphore`` acquire/release are wrapped to note who holds what;
- ``sys.stdout`` is replaced by a thin proxy that notes, for every completed line, the
  running loop's time and the current task. The bytes written are untouched.

Only raw facts are kept here (loop times as floats, tasks as numbers). guidekit/timeline.py,
in the build's own interpreter, turns them into the committed recording. No strong
reference to a task, coroutine or future is kept, so garbage collection (and the
"Task was destroyed but it is pending!" warnings that depend on it) is unchanged. Any
error inside the recorder is caught and reported in the data, never to the snippet.

Standard library only: this file runs on every Python the guide covers (3.11+).
"""

import asyncio
import asyncio.events
import asyncio.locks
import functools
import inspect
import os
import re
import sys
import traceback
import weakref

ASYNCIO_DIR = os.path.dirname(os.path.abspath(asyncio.__file__)) + os.sep
HERE = os.path.abspath(__file__)
if HERE.endswith((".pyc", ".pyo")):
    HERE = HERE[:-1]

# The asyncio function a task is suspended in, by code name (co_qualname, else co_name): what it waits on.
WAITS_IN = {
    "sleep": "sleep",
    "Lock.acquire": "lock",
    "Semaphore.acquire": "semaphore",
    "Condition.wait": "condition",
    "Condition.wait_for": "condition",
    "Event.wait": "event",
    "Barrier.wait": "barrier",
    "Queue.get": "queue.get",
    "Queue.put": "queue.put",
    "Queue.join": "queue.join",
    "wait": "wait",
    "wait_for": "wait_for",
    "_wait_for_one": "as_completed",
    "_AsCompletedIterator.__anext__": "as_completed",
    "TaskGroup.__aexit__": "taskgroup",
    "to_thread": "thread",
}
# Primitives numbered per kind in the order they are first seen ("lock 1", "queue 1").
PRIMITIVE_KIND = {
    "lock": "lock", "semaphore": "semaphore", "condition": "condition", "event": "event",
    "barrier": "barrier", "queue.get": "queue", "queue.put": "queue", "queue.join": "queue",
}
# Tasks asyncio.run() / Runner.close() create for housekeeping when a loop shuts down: not the
# snippet's. By function name only: child.py wraps shutdown_default_executor() on the fast clock.
HOUSEKEEPING = {"shutdown_asyncgens", "shutdown_default_executor"}
STEP_NAMES = {"task_wakeup", "__step", "__wakeup"}
DEFAULT_NAME = re.compile(r"Task-\d+")


def _step_task(callback):
    """The task whose step (or wake-up) this handle's callback is, or None."""
    owner = getattr(callback, "__self__", None)
    if not isinstance(owner, asyncio.Task):
        return None
    if type(callback).__name__ == "TaskStepMethWrapper" or getattr(callback, "__name__", None) in STEP_NAMES:
        return owner
    return None


def _code_of(obj):
    return getattr(obj, "cr_code", None) or getattr(obj, "gi_code", None)


def _frame_of(obj):
    return getattr(obj, "cr_frame", None) or getattr(obj, "gi_frame", None)


def _qualname(code):
    return getattr(code, "co_qualname", code.co_name)


class Recorder:
    def __init__(self):
        self.loops = []  # {"t0", "end"}
        self.loop_index = weakref.WeakKeyDictionary()
        self.tasks = []  # raw task records, in the order first seen
        self.task_index = weakref.WeakKeyDictionary()
        self.events = []  # [loop, time, task number, what, details], in the order they happened
        self.primitives = weakref.WeakKeyDictionary()  # primitive -> "lock 1"
        self.primitive_counts = {}
        self.errors = []
        self._line = []  # the stdout line being written
        self._classes = {}

    # --- installing ---------------------------------------------------------------------

    def install(self, new_event_loop):
        """Wrap Handle._run, Lock/Semaphore and sys.stdout; return a loop factory like
        ``new_event_loop`` whose loops are recorded (child.py installs it)."""

        def recording_new_event_loop():
            return self.attach(new_event_loop())

        run = asyncio.events.Handle._run
        recorder = self

        def _run(handle):
            task = _step_task(handle._callback)
            number = recorder.guard(recorder.before_step, handle._loop, task) if task is not None else None
            try:
                return run(handle)
            finally:
                if number is not None:
                    recorder.guard(recorder.after_step, handle._loop, task, number)
                # As in Handle._run itself: a task's exception keeps its traceback, whose frames
                # chain back to this one; holding the task here would delay its collection (and
                # the "Task exception was never retrieved" message that comes with it).
                task = handle = None

        asyncio.events.Handle._run = functools.wraps(run)(_run)
        for cls, kind in ((asyncio.locks.Lock, "lock"), (asyncio.locks.Semaphore, "semaphore")):
            self._wrap_primitive(cls, kind)
        sys.stdout = _LineRecorder(sys.stdout, self)
        return recording_new_event_loop

    def _wrap_primitive(self, cls, kind):
        acquire, release = cls.acquire, cls.release
        recorder = self

        @functools.wraps(acquire)
        async def wrapped_acquire(primitive):
            result = await acquire(primitive)
            recorder.guard(recorder.holds, primitive, kind, "holds")
            return result

        @functools.wraps(release)
        def wrapped_release(primitive):
            release(primitive)
            recorder.guard(recorder.holds, primitive, kind, "releases")

        cls.acquire, cls.release = wrapped_acquire, wrapped_release

    def attach(self, loop):
        try:
            self.loop_index[loop] = len(self.loops)
            self.loops.append({"t0": loop.time(), "end": None})
            base = loop.__class__
            if base not in self._classes:
                self._classes[base] = type(base.__name__, (base,), {
                    "create_task": _create_task, "close": _close, "_guide_recorder": self,
                    "__module__": base.__module__, "__qualname__": base.__qualname__,
                })
            loop.__class__ = self._classes[base]
        except Exception:  # noqa: BLE001 - never the snippet's problem: reported in the data
            self.error()
        return loop

    # --- recording ----------------------------------------------------------------------

    def guard(self, function, *args):
        try:
            return function(*args)
        except Exception:  # noqa: BLE001 - never the snippet's problem: reported in the data
            self.error()
            return None

    def error(self):
        if len(self.errors) < 5:
            self.errors.append(traceback.format_exc(limit=-3))

    def now(self, loop):
        return loop.time()

    def event(self, loop, task_number, what, /, **details):
        self.events.append([self.loop_index[loop], self.now(loop), task_number, what, details])

    def track(self, task, loop):
        """The number of this task, recording it when first seen; None for a loop not recorded.

        The task itself is not asked anything here: an eager task is seen (printing, or creating
        another task) while its __init__ is still running, and asking it for its name then crashes
        3.12.1. describe() fills the record in once the task is complete.
        """
        number = self.task_index.get(task)
        if number is not None or loop not in self.loop_index:
            return number
        number = len(self.tasks)
        self.task_index[task] = number
        self.tasks.append({
            "loop": self.loop_index[loop], "name": None, "coro": None, "by": None,
            "inline": False, "housekeeping": False, "unordered": False, "named_later": False,
        })
        self.event(loop, number, "created")
        return number

    def describe(self, task, number, coro=None):
        """Name and coroutine of a task that is completely made (after create_task(), or in a step).

        get_coro() is not asked of a finished task (3.12.1 crashes on an eager task that finished
        inside create_task()): create_task() passes the coroutine it was given instead.
        """
        record = self.tasks[number]
        if record["coro"] is None and (coro is not None or not task.done()):
            coro = coro if coro is not None else task.get_coro()
            code = _code_of(coro)
            record["coro"] = _qualname(code) if code is not None else type(coro).__name__
            record["housekeeping"] = code is not None and code.co_name in HOUSEKEEPING
        if not record.get("ran"):
            record["name"] = task.get_name()

    def created(self, loop, task, coro, eager):
        """After loop.create_task(): who created it, and whether it already ran (eager factory)."""
        if loop not in self.loop_index:
            return
        number = self.track(task, loop)
        self.describe(task, number, coro)
        record = self.tasks[number]
        creator = asyncio.current_task(loop)
        if creator is not None and creator is not task:
            record["by"] = self.track(creator, loop)
        # asyncio.wait_for() wraps a coroutine in a task of its own on some versions only (3.11):
        # that task is drawn as part of the task that awaits wait_for().
        frame = sys._getframe(3)  # 0 created, 1 guard, 2 _create_task, 3 who called loop.create_task()
        while frame is not None and frame.f_code.co_filename.startswith(ASYNCIO_DIR):
            code = frame.f_code
            if code.co_name == "create_task":
                # 3.11's asyncio.create_task(name=...) and TaskGroup.create_task(name=...) name the
                # task after making it: it takes a number ("Task-7") that it does not take on 3.12+.
                if frame.f_locals.get("name") is not None and DEFAULT_NAME.fullmatch(task.get_name()):
                    record["named_later"] = True
            elif code.co_name == "wait_for":
                record["inline"] = True
            elif _qualname(code).startswith(("as_completed", "_AsCompletedIterator")):
                # as_completed() wraps its awaitables in tasks while iterating over a set: in no set order.
                record["unordered"] = True
            if code.co_name not in ("create_task", "ensure_future", "_ensure_future", "<setcomp>"):
                break
            frame = frame.f_back
        started = task.done() or (inspect.iscoroutine(coro) and inspect.getcoroutinestate(coro) != inspect.CORO_CREATED)
        if started and not record.get("ran"):
            # The eager task factory ran the first step inside create_task().
            self.event(loop, number, "runs")
            self.after_step(loop, task, number)
            if record["name"] == "None" and eager.get("task") is task:
                record["name"] = eager["name"]  # 3.13.0 names an eager task 'None' once create_task() returns

    def before_step(self, loop, task):
        number = self.track(task, loop)
        if number is not None:
            self.describe(task, number)
            self.event(loop, number, "runs")
        return number

    def after_step(self, loop, task, number):
        if not self.tasks[number].get("ran"):
            self.describe(task, number)  # the name it gave itself in its first step, if any
        self.tasks[number]["ran"] = True
        if task.done():
            if task.cancelled():
                self.event(loop, number, "cancelled")
            elif task._exception is not None:  # not exception(): that would mark it retrieved
                self.event(loop, number, "raised", exception=type(task._exception).__name__)
            else:
                self.event(loop, number, "returned")
            return
        future = getattr(task, "_fut_waiter", None)
        if future is None:
            self.event(loop, number, "waits", on="turn")
        else:
            self.event(loop, number, "waits", **self.waiting_on(task, future, loop))

    def waiting_on(self, task, future, loop):
        """What a suspended task waits on: {"on": kind, "what": "lock 1"} or {"on": "gather", "for": [tasks]}."""
        chain = []
        link = task.get_coro()
        while link is not None and len(chain) < 200:
            code = _code_of(link)
            if code is None:
                break
            if code.co_filename != HERE:  # this module's wrappers are transparent
                chain.append((code, _frame_of(link)))
            link = getattr(link, "cr_await", None) if hasattr(link, "cr_await") else getattr(link, "gi_yieldfrom", None)
        inner_user = max((i for i, (code, _) in enumerate(chain) if not code.co_filename.startswith(ASYNCIO_DIR)), default=-1)
        for code, frame in chain[inner_user + 1:]:
            kind = WAITS_IN.get(_qualname(code)) or WAITS_IN.get(code.co_name)
            if kind is None:
                continue
            local = frame.f_locals if frame is not None else {}
            details = {"on": kind}
            if kind in PRIMITIVE_KIND and local.get("self") is not None:
                details["what"] = self.primitive(local["self"], PRIMITIVE_KIND[kind])
            elif kind == "wait":
                details["for"] = self.task_numbers(local.get("fs") or (), loop)
            elif kind == "taskgroup" and local.get("self") is not None:
                details["for"] = self.task_numbers(getattr(local["self"], "_tasks", ()), loop)
            elif kind == "wait_for":
                inner = local.get("fut")
                if not isinstance(inner, asyncio.Task):
                    continue  # a coroutine: awaited in place (3.12+), what it waits on comes next
                details = {"on": "task", "for": self.task_numbers([inner], loop)}
            return details
        if isinstance(future, asyncio.Task):
            return {"on": "task", "for": self.task_numbers([future], loop)}
        if type(future).__name__ == "_GatheringFuture":
            return {"on": "gather", "for": self.task_numbers(getattr(future, "_children", ()), loop)}
        return {"on": "future"}

    def task_numbers(self, futures, loop):
        return sorted(n for f in futures if isinstance(f, asyncio.Task) and (n := self.track(f, loop)) is not None)

    def primitive(self, obj, kind):
        label = self.primitives.get(obj)
        if label is None:
            self.primitive_counts[kind] = self.primitive_counts.get(kind, 0) + 1
            label = self.primitives[obj] = f"{kind} {self.primitive_counts[kind]}"
        return label

    def holds(self, primitive, kind, what):
        loop = asyncio.events._get_running_loop()
        if loop is None or loop not in self.loop_index:
            return
        task = asyncio.current_task(loop)
        number = self.track(task, loop) if task is not None else None
        self.event(loop, number, what, what=self.primitive(primitive, kind))

    def closed(self, loop):
        if loop in self.loop_index and self.loops[self.loop_index[loop]]["end"] is None:
            self.loops[self.loop_index[loop]]["end"] = self.now(loop)

    def line(self, text):
        """A completed line of stdout: in the event stream, with the loop's time if one is running."""
        loop = asyncio.events._get_running_loop()
        if loop is not None and loop in self.loop_index:
            task = asyncio.current_task(loop)
            self.event(loop, self.track(task, loop) if task is not None else None, "prints", text=text)
        else:
            self.events.append([None, None, None, "prints", {"text": text}])

    def wrote(self, text):
        *complete, rest = text.split("\n")
        for part in complete:
            self._line.append(part)
            self.line("".join(self._line))
            self._line = []
        if rest:
            self._line.append(rest)

    def data(self):
        """The raw recording, for the result file."""
        if self._line:
            self.guard(self.line, "".join(self._line))
            self._line = []
        for number, record in enumerate(self.tasks):
            if record["name"] is None:  # never completely made (cannot happen through create_task())
                record["name"], record["coro"] = f"Task-? ({number})", "?"
            record["default_name"] = bool(DEFAULT_NAME.fullmatch(record["name"]))
        return {"loops": self.loops, "tasks": self.tasks, "events": self.events, "errors": self.errors}


# Methods of the recording subclass of each loop's class (see Recorder.attach).
def _create_task(self, coro, *args, **kwargs):
    recorder = self._guide_recorder
    eager, creator, task = {}, None, None
    if self.get_task_factory() is None:
        task = type(self).__mro__[1].create_task(self, coro, *args, **kwargs)
    else:  # a factory may run the first step now (eager): note the task's name while it runs
        previous = sys.getprofile()
        creator = asyncio.current_task(self)

        def watch(frame, event, arg):
            if event == "call" and "task" not in eager:
                current = asyncio.current_task(self)
                if current is not None and current is not creator:
                    eager.update(task=current, name=current.get_name())
            if previous is not None:
                previous(frame, event, arg)

        sys.setprofile(watch)
        try:
            task = type(self).__mro__[1].create_task(self, coro, *args, **kwargs)
        finally:
            sys.setprofile(previous)
    try:
        recorder.guard(recorder.created, self, task, coro, eager)
        return task
    finally:
        eager.clear()
        task = coro = creator = None  # no reference cycle through this frame (see Recorder.install)


def _close(self):
    self._guide_recorder.guard(self._guide_recorder.closed, self)
    return type(self).__mro__[1].close(self)


class _LineRecorder:
    """sys.stdout, with every completed line noted; all else is the real stream's."""

    def __init__(self, stream, recorder):
        self._stream = stream
        self._recorder = recorder

    def write(self, text):
        written = self._stream.write(text)
        if isinstance(text, str):
            self._recorder.guard(self._recorder.wrote, text)
        return written

    def __getattr__(self, name):
        return getattr(self._stream, name)
