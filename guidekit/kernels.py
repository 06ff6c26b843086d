"""Jupyter kernels started ahead of need: a page that executes gets one already running.

A page executes in a kernel, and starting one costs about 0.55 s (importing ipykernel,
IPython, zmq and tornado, then answering), and importing guidekit.page in it 0.1-0.15 s.
The plugin (guidekit/plugin.py, ``PageExecutor``) takes a kernel from here when one is ready:

- ``mkdocs build`` or ``serve``: when guidekit.plugin is imported, before mkdocs has even
  read its configuration (``start_early``), one kernel starts in docs/ if a file a page is
  made of is newer than the last build (``STAMP``): the edit of one snippet then does not
  wait for its page's kernel. A build with nothing to execute starts none; an unused one is
  shut down when the build ends.
- Under ``mkdocs serve``, after every take another kernel starts for the next rebuild
  (``READY`` of them).

A ready kernel has imported what a page's cells call (``PRELOAD``), and is taken only if
guidekit/ is still what it imported; one started before a change to guidekit/ is shut
down instead. Its client is connected ahead too (``client_of``): a client's first wait for
its kernel costs at least 0.2 s (jupyter_client's ``wait_for_ready`` listens that long for
the kernel's last start-up messages), which the page would otherwise spend before its first
cell. Every kernel executes one page and is then shut down.
"""

import atexit
import os
import sys
import threading
from pathlib import Path

from jupyter_client import KernelManager

from .cache import files_under, machinery
from .snippets import REPO

PRELOAD = "import guidekit.page"  # run by the kernel as it starts (IPKernelApp.exec_lines)
STARTUP_TIMEOUT = 60  # seconds for a kernel to answer (nbclient's startup_timeout)
READY = 2  # kernels kept ready: a rebuild after one edit executes one page, after a guidekit/ edit all of them
_ready: dict[str, list[KernelManager]] = {}  # the folder a kernel runs in -> kernels started there
_imported: dict[int, str] = {}  # id(kernel manager) -> the guidekit/ it imported (machinery()["guidekit"])
_starting: dict[int, threading.Thread] = {}  # id(kernel manager) -> the thread that starts it
_clients: dict[int, object] = {}  # id(kernel manager) -> its client, connected and answered (client_of)
_lock = threading.Lock()
STAMP = REPO / ".cache" / "execute" / "built"  # touched after every build that executed (mark_built)
WATCHED = ("docs", "snippets", "guidekit", "mkdocs.yml")  # what pages are made of, under REPO


def changed_since_last_build() -> bool:
    """Whether a file of WATCHED is newer than STAMP (or there is no stamp): only a guess of whether
    a page will execute (the plugin's cache decides), to start a kernel early or not."""
    try:
        built = STAMP.stat().st_mtime
    except OSError:
        return True
    return any(os.stat(f).st_mtime > built for f in files_under(*(REPO / name for name in WATCHED)))


def mark_built(started: float) -> None:
    """After a build that began at ``started`` (time.time()): a file saved while it ran is newer."""
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.touch()
    os.utime(STAMP, (started, started))


def start_early(kernel_name: str = "python3") -> None:
    """One kernel in docs/, for a `mkdocs build` or `serve` process whose pages may execute."""
    program = Path(sys.argv[0])  # .../mkdocs/__main__.py (python -m mkdocs) or .../bin/mkdocs
    mkdocs = "mkdocs" in (program.parent.name, program.name)
    if mkdocs and sys.argv[1:2] in (["build"], ["serve"]) and changed_since_last_build():
        keep_ready(str(REPO / "docs"), kernel_name, count=1)


def keep_ready(folder: str, kernel_name: str, count: int = READY) -> None:
    """Start kernels in ``folder`` in the background until ``count`` of them are running or starting."""
    with _lock:
        ready = _ready.setdefault(f"{folder}\0{kernel_name}", [])
        missing = count - len(ready)
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
    client = None
    try:
        manager.start_kernel(cwd=folder, extra_arguments=[
            "--HistoryManager.hist_file=:memory:",  # as nbclient does
            f"--IPKernelApp.exec_lines={PRELOAD}",
        ])
        client = manager.client()
        client.start_channels(hb=False)  # its manager says whether the kernel is alive, not a heartbeat
        client.wait_for_ready(timeout=STARTUP_TIMEOUT)
        _clients[id(manager)] = client
    except Exception:  # noqa: BLE001 - the page then starts its own kernel, and reports why if that fails too
        with _lock:
            untaken = [ready for ready in _ready.values() if manager in ready]
            for ready in untaken:
                ready.remove(manager)
        if client:
            client.stop_channels()
        if untaken and manager.has_kernel:  # it never answered, and no page has it: nothing else stops it
            manager.shutdown_kernel(now=True)


def take(folder: str, kernel_name: str, replace: bool = True) -> KernelManager | None:
    """A running kernel in ``folder``, or None when none has finished starting; with ``replace``
    (under serve) another one starts."""
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
    if replace:
        keep_ready(folder, kernel_name)
    return manager


def client_of(manager: KernelManager):
    """The connected client of a kernel from ``take()``, once its start has ended; None if it
    could not connect (the page then connects one itself, and reports why if that fails too)."""
    if starting := _starting.get(id(manager)):
        starting.join()
    return _clients.pop(id(manager), None)


def shut_down(manager: KernelManager) -> None:
    """Immediately, in the background: the page's result does not wait for it."""
    _imported.pop(id(manager), None)
    starting = _starting.pop(id(manager), None)

    def stop():
        if starting:
            starting.join()  # one still starting is stopped once it has started
        if client := _clients.pop(id(manager), None):
            client.stop_channels()
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
