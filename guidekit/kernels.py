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

READY = 2  # kernels kept ready: a rebuild after one edit executes one page, after a guidekit/ edit all of them
_ready: dict[str, list[KernelManager]] = {}  # the folder a kernel runs in -> kernels started there
_lock = threading.Lock()


def keep_ready(folder: str, kernel_name: str) -> None:
    """Start kernels in ``folder`` in the background until READY of them are running or starting."""
    with _lock:
        ready = _ready.setdefault(f"{folder}\0{kernel_name}", [])
        missing = READY - len(ready)
        managers = [KernelManager(kernel_name=kernel_name) for _ in range(max(0, missing))]
        ready.extend(managers)
    for manager in managers:
        threading.Thread(target=_start, args=(manager, folder), daemon=True).start()


def _start(manager: KernelManager, folder: str) -> None:
    try:
        manager.start_kernel(cwd=folder, extra_arguments=["--HistoryManager.hist_file=:memory:"])  # as nbclient does
    except Exception:  # noqa: BLE001 - the page then starts its own kernel, and reports why if that fails too
        with _lock:
            for ready in _ready.values():
                if manager in ready:
                    ready.remove(manager)


def take(folder: str, kernel_name: str) -> KernelManager | None:
    """A running kernel in ``folder``, or None when none has finished starting; another one starts."""
    with _lock:
        ready = _ready.get(f"{folder}\0{kernel_name}", [])
        manager = next((m for m in ready if m.has_kernel), None)
        if manager:
            ready.remove(manager)
    keep_ready(folder, kernel_name)
    return manager


def shut_down(manager: KernelManager) -> None:
    """Immediately, in the background: the page's result does not wait for it."""
    threading.Thread(target=manager.shutdown_kernel, kwargs={"now": True}, daemon=True).start()


@atexit.register
def _shut_down_all() -> None:
    with _lock:
        managers = [m for ready in _ready.values() for m in ready]
        _ready.clear()
    for manager in managers:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
