"""Where a snippet runs, for 3.14 and 3.15: CPython compiled to WebAssembly (npm's pyodide) under Node.

No registry reachable here has a native CPython 3.14 or 3.15; the ``pyodide`` packages pinned
in package.json are those CPythons compiled to WebAssembly (``make node`` installs them into
node_modules/). One Node process per version (guidekit/wasm_host.mjs) runs every snippet sent
to it, each in a new interpreter started from a memory snapshot, with the standard library's
own event loop (guidekit/wasm_python.py). ``start()`` returns a run with the interface of
guidekit/native.py's, so the runner treats both alike: the same timeout and interrupts, the
same output cap, the same result file and recording from guidekit/child.py.
"""

import fcntl
import hashlib
import itertools
import json
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from .snippets import REPO, SnippetError

PACKAGES = {"3.14": "pyodide-314", "3.15": "pyodide-315"}  # npm aliases in package.json
NODE_MODULES = REPO / "node_modules"
HERE = Path(__file__).parent
HOST = HERE / "wasm_host.mjs"
SETUP = HERE / "wasm_python.py"
SNAPSHOTS = REPO / ".cache" / "wasm"  # ignored by git; safe to delete


def package(version: str) -> Path:
    return NODE_MODULES / PACKAGES[version]


def release(version: str) -> str:
    """The Pyodide release, e.g. "314.0.8"."""
    return json.loads((package(version) / "package.json").read_text(encoding="utf-8"))["version"]


def cpython(version: str) -> str:
    """The CPython release inside it, e.g. "3.14.2"."""
    return json.loads((package(version) / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]


def unavailable(version: str) -> str | None:
    """Why ``version`` cannot run here, or None."""
    if not shutil.which("node"):
        return "no node on PATH"
    if not (package(version) / "pyodide.mjs").is_file():
        return f"no {PACKAGES[version]} in node_modules/: run `make node`"
    return None


def snapshot(version: str, libs: Path) -> Path:
    """The memory snapshot of a fresh interpreter after ``import asyncio, looptime``; made once."""
    key = hashlib.sha256(f"{release(version)}\0{libs}".encode())
    for file in [HOST, HERE / "wasm_snapshot.py", *sorted((libs / "looptime").rglob("*.py"))]:
        key.update(file.read_bytes())
    path = SNAPSHOTS / f"{release(version)}-{key.hexdigest()[:16]}.snapshot"
    if not path.exists():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        with open(SNAPSHOTS / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # other test workers wait for the one making it
            if not path.exists():
                # Only looptime is imported into the snapshot, so only looptime is shown to it, at the path
                # where every job mounts snippet-libs: made with the whole folder (pytest and its plugins
                # beside looptime), the snapshot's interpreter ignored the runner's interrupts (3.14 and
                # 3.15: hung snippets killed with no line).
                with tempfile.TemporaryDirectory(prefix="guide-snapshot-libs-") as only:
                    shutil.copytree(libs / "looptime", Path(only) / "looptime")
                    made = subprocess.run(
                        ["node", str(HOST), str(package(version)), str(path), str(SETUP), "--make-snapshot", str(libs), only],
                        capture_output=True, text=True, timeout=300,
                    )
                if made.returncode != 0:
                    raise SnippetError(f"guidekit/wasm_host.mjs: no snapshot of Python {version}: {made.stderr.strip()}")
    return path


class Host:
    """One Node process for one version; runs the jobs sent to it, each in its own worker."""

    def __init__(self, version: str, libs: Path):
        self.proc = subprocess.Popen(
            ["node", str(HOST), str(package(version)), str(snapshot(version, libs)), str(SETUP)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True,
        )
        self.lock = threading.Lock()
        self.runs = {}
        self.ids = itertools.count()
        threading.Thread(target=self._answers, daemon=True).start()

    def _answers(self):
        for line in self.proc.stdout:
            answer = json.loads(line)
            with self.lock:
                run = self.runs.pop(answer["id"], None)
            if run:
                run.finish(answer["exit"])
        with self.lock:  # the host itself ended: no answer will come
            runs, self.runs = list(self.runs.values()), {}
        for run in runs:
            run.finish(70)

    def send(self, message):
        with self.lock:
            try:
                self.proc.stdin.write(json.dumps(message) + "\n")
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError):
                pass  # the host ended; _answers finishes every run

    def submit(self, run, job):
        with self.lock:
            run.id = job["id"] = next(self.ids)
            self.runs[run.id] = run
        self.send(job)


class WasmRun:
    def __init__(self, host, output_file: Path, cap: int):
        self.host, self.output_file, self.cap = host, output_file, cap
        self.ended = threading.Event()
        self.exit_code = None

    def finish(self, exit_code):
        self.exit_code = exit_code
        self.ended.set()

    def wait(self, seconds) -> bool:
        return self.ended.wait(seconds)

    def send(self, sig):
        self.host.send({"kill" if sig == signal.SIGKILL else "interrupt": self.id})

    @property
    def output(self) -> bytes:
        if not self.output_file.exists():
            return b""
        with open(self.output_file, "rb") as f:
            return f.read(self.cap + 1)

    @property
    def too_much_output(self) -> bool:
        return len(self.output) > self.cap


_hosts, _hosts_lock = {}, threading.Lock()


def host_for(version: str, libs: Path) -> Host:
    with _hosts_lock:
        host = _hosts.get(version)
        if host is None or host.proc.poll() is not None:
            host = _hosts[version] = Host(version, libs)
        return host


def start(version, child_args, *, cwd, tmp, libs: Path, snippet_dir: Path, cap: int) -> WasmRun:
    if why := unavailable(version):
        raise SnippetError(f"Python {version} (WebAssembly) cannot run here: {why}")
    host = host_for(version, libs)
    run = WasmRun(host, Path(tmp) / "output", cap)
    host.submit(run, {
        "argv": [str(a) for a in child_args], "cwd": str(cwd), "output": str(run.output_file), "cap": cap,
        "mounts": [str(tmp), str(snippet_dir), str(HERE), str(libs)], "path": [str(libs)],
        "env": {"PYTHONIOENCODING": "utf-8", "PYTHON_COLORS": "0", "PYTHONDONTWRITEBYTECODE": "1"},
    })
    return run
