"""The files a reader's browser needs to run a snippet, copied into the built site under ``runner/``.

Nothing of it is requested before a reader presses Run (docs/javascripts/runner.js starts
the worker only then), and nothing comes from another host:

- ``runner/pyodide/``: what ``loadPyodide()`` of the pinned ``pyodide-314`` package
  requests, no more (the build's Python 3.14, CPython 3.14 compiled to WebAssembly);
- ``runner/worker.mjs``: the module Web Worker that runs one snippet
  (guidekit/browser_worker.mjs);
- ``runner/guidekit/``: the Python the run needs, the same files the build runs:
  child.py and recorder.py, wasm_python.py (asyncio's own loop instead of Pyodide's),
  transcript.py (the same normalisation), timeline.py and timeline_svg.py (the run's
  timeline, drawn as the build draws it), browser_python.py (the browser's wait);
- ``runner/snippets/``: every snippet's source, as the worker fetches it;
- ``runner/runtime.json``: the sizes of the runtime's files (the progress bar's total), the
  Python files, the runner's output cap, its grace after a timeout's interrupt, and the
  suffix of the file child.py creates when the snippet starts (where the timeout counts from).

The plugin calls ``copy_into(site_dir)`` after every build (guidekit/plugin.py).
"""

import json
import shutil
from pathlib import Path

from . import runner, wasm
from .snippets import SNIPPETS, catalogue

VERSION = "3.14"  # the Python a reader's browser runs
FOLDER = "runner"
HERE = Path(__file__).parent
# What loadPyodide() requests in chromium, in order (tests/test_browser_runner.py checks the list).
PYODIDE_FILES = ("pyodide.mjs", "pyodide-lock.json", "python_stdlib.zip", "pyodide.asm.wasm", "pyodide.asm.mjs")
PYTHON_FILES = ("__init__.py", "snippets.py", "transcript.py", "child.py", "recorder.py", "wasm_python.py",
                "browser_python.py", "timeline.py", "timeline_svg.py")
WORKER = HERE / "browser_worker.mjs"


def unavailable() -> str | None:
    """Why the site cannot carry the runtime, or None."""
    missing = [name for name in PYODIDE_FILES if not (wasm.package(VERSION) / name).is_file()]
    return f"no {wasm.PACKAGES[VERSION]} in node_modules/ (run `make node`)" if missing else None


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def copy_into(site_dir: Path) -> str | None:
    """Write ``site_dir/runner/``; returns why not (the pages then say the runner is missing), or None."""
    if why := unavailable():
        return why
    root = Path(site_dir) / FOLDER
    sizes = {}
    for name in PYODIDE_FILES:
        source = wasm.package(VERSION) / name
        copy_file(source, root / "pyodide" / name)
        sizes[name] = source.stat().st_size
    for name in PYTHON_FILES:
        copy_file(HERE / name, root / "guidekit" / name)
    copy_file(WORKER, root / "worker.mjs")
    for snippet in catalogue(SNIPPETS):
        copy_file(snippet.path, root / "snippets" / snippet.name)
    manifest = {"python": wasm.cpython(VERSION), "pyodide": wasm.release(VERSION), "sizes": sizes,
                "python_files": list(PYTHON_FILES), "cap": runner.MAX_OUTPUT, "grace": runner.GRACE,
                "started": runner.STARTED}
    (root / "runtime.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return None
