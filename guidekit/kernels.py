"""Jupyter kernels started ahead of need, for ``mkdocs serve``: a rebuild gets one already running.

Under ``mkdocs serve`` an author saves a snippet and waits for its page: the page executes
in a kernel, and starting one costs about 0.55 s (importing ipykernel, IPython, zmq and
tornado, then answering). The plugin (guidekit/plugin.py, ``PageExecutor``) takes a kernel
from here instead, and another one starts in the background for the next rebuild. A ready
kernel has run nothing: it imports guidekit only when its page's first cell runs, so a
change to guidekit/ between its start and its use is seen. Every kernel executes one page
and is then shut down, as in ``mkdocs build``; the ready ones when the server stops.
"""

import atexit
import threading

from jupyter_client import KernelManager

from .cache import machinery

PRELOAD = "import guidekit.page"  # run by the kernel as it starts (IPKernelApp.exec_lines)
READY = 2  # kernels kept ready: a rebuild after one edit executes one page, after a guidekit/ edit all of them
_ready: dict[str, list[KernelManager]] = {}  # the folder a kernel runs in -> kernels started there
_imported: dict[int, str] = {}  # id(kernel manager) -> the guidekit/ it imported (machinery()["guidekit"])
_starting: dict[int, threading.Thread] = {}  # id(kernel manager) -> the thread that starts it
_lock = threading.Lock()


def keep_ready(folder: str, kernel_name: str) -> None:
    """Start kernels in ``folder`` in the background until READY of them are running or starting."""
    with _lock:
        ready = _ready.setdefault(f"{folder}\0{kernel_name}", [])
        missing = READY - len(ready)
        managers = [KernelManager(kernel_name=kernel_name) for _ in range(max(0, missing))]
        ready.extend(managers)
        current = guidekit() if managers else None  # before the kernels read the files: a change after it is seen
        for manager in managers:
            _imported[id(manager)] = current
            _starting[id(manager)] = threading.Thread(target=_start, args=(manager, folder), daemon=True)
            _starting[id(manager)].start()


def guidekit() -> str:
    return machinery()["guidekit"]


def _start(manager: KernelManager, folder: str) -> None:
    try:
        manager.start_kernel(cwd=folder, extra_arguments=[
            "--HistoryManager.hist_file=:memory:",  # as nbclient does
            f"--IPKernelApp.exec_lines={PRELOAD}",
        ])
    except Exception:  # noqa: BLE001 - the page then starts its own kernel, and reports why if that fails too
        with _lock:
            for ready in _ready.values():
                if manager in ready:
                    ready.remove(manager)


def take(folder: str, kernel_name: str) -> KernelManager | None:
    """A running kernel in ``folder``, or None when none has finished starting; another one starts."""
    current = guidekit()
    with _lock:
        ready = _ready.get(f"{folder}\0{kernel_name}", [])
        stale = [m for m in ready if _imported.get(id(m)) != current]
        for m in stale:
            ready.remove(m)
        manager = next((m for m in ready if m.has_kernel), None)
        if manager:
            ready.remove(manager)
    for m in stale:
        shut_down(m)
    keep_ready(folder, kernel_name)
    return manager


def shut_down(manager: KernelManager) -> None:
    """Immediately, in the background: the page's result does not wait for it."""
    _imported.pop(id(manager), None)
    starting = _starting.pop(id(manager), None)

    def stop():
        if starting:
            starting.join()  # one still starting is stopped once it has started
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    threading.Thread(target=stop, daemon=True).start()


@atexit.register
def _shut_down_all() -> None:
    with _lock:
        managers = [m for ready in _ready.values() for m in ready]
        _ready.clear()
    for manager in managers:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
