"""The files a reader's browser needs to run a snippet, copied into the built site under ``runner/``.

Nothing of it is requested before a reader presses Run (docs/javascripts/runner.js starts
the worker only then), and nothing comes from another host:

- ``runner/pyodide/``: what ``loadPyodide()`` of the pinned ``pyodide-314`` package
  requests, no more (the build's Python 3.14, CPython 3.14 compiled to WebAssembly);
- ``runner/worker.mjs``: the module Web Worker that runs one snippet
  (guidekit/browser_worker.mjs);
- ``runner/editor.mjs``: the editor of the Edit button, CodeMirror 6 from node_modules/
  bundled by esbuild (guidekit/browser_editor.mjs; both pinned in package.json), made once
  per version of its inputs and kept in ``.cache/runner/``;
- ``runner/guidekit/``: the Python the run needs, the same files the build runs:
  child.py and recorder.py, wasm_python.py (asyncio's own loop instead of Pyodide's),
  wasm_snapshot.py (what a fresh interpreter imports before the page's snapshot of it),
  outcome.py and transcript.py (what a run left, read as the build reads it), timeline.py and timeline_svg.py (the run's
  timeline, drawn as the build draws it), browser_python.py (the browser's wait);
- ``runner/snippets/``: every snippet's program as its page shows it (without its `#>`
  lines, which print nothing: tests/test_shown_source.py runs it), for the worker and the editor;
- ``runner/runtime.json``: the sizes of the runtime's files (the progress bar's total), the
  Python files, the runner's output cap, its grace after a timeout's interrupt, and the
  suffix of the file child.py creates when the snippet starts (where the timeout counts from).

The plugin calls ``copy_into(site_dir)`` after every build (guidekit/plugin.py).
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path

from . import runner, wasm
from .snippets import REPO, SNIPPETS, catalogue

VERSION = "3.14"  # the Python a reader's browser runs
FOLDER = "runner"
HERE = Path(__file__).parent
# What loadPyodide() requests in chromium, in order (tests/test_browser_runner.py checks the list).
PYODIDE_FILES = ("pyodide.mjs", "pyodide-lock.json", "python_stdlib.zip", "pyodide.asm.wasm", "pyodide.asm.mjs")
PYTHON_FILES = ("__init__.py", "snippets.py", "transcript.py", "child.py", "recorder.py", "wasm_python.py",
                "wasm_snapshot.py", "browser_python.py", "outcome.py", "timeline.py", "timeline_svg.py")
WORKER = HERE / "browser_worker.mjs"
EDITOR = HERE / "browser_editor.mjs"
ESBUILD = wasm.NODE_MODULES / ".bin" / "esbuild"
# One ES module, minified; nothing in it names this machine (no source map, no file comments).
ESBUILD_ARGS = ("--bundle", "--format=esm", "--minify", "--charset=utf8", "--legal-comments=none")
BUNDLES = REPO / ".cache" / "runner"  # ignored by git; safe to delete


def unavailable() -> str | None:
    """Why the site cannot carry the runtime, or None."""
    missing = [name for name in PYODIDE_FILES if not (wasm.package(VERSION) / name).is_file()]
    if missing:
        return f"no {wasm.PACKAGES[VERSION]} in node_modules/ (run `make node`)"
    if not ESBUILD.is_file():
        return "no esbuild in node_modules/ (run `make node`)"
    return None


def editor_bundle() -> Path:
    """runner/editor.mjs: guidekit/browser_editor.mjs and the CodeMirror it imports, bundled by esbuild.
    Made again only when the entry, package-lock.json (the pinned versions) or the arguments change."""
    key = hashlib.sha256(b"\0".join([EDITOR.read_bytes(), (REPO / "package-lock.json").read_bytes(),
                                      " ".join(ESBUILD_ARGS).encode()])).hexdigest()[:16]
    bundle = BUNDLES / f"editor-{key}.mjs"
    if not bundle.is_file():
        proc = subprocess.run([ESBUILD, EDITOR.relative_to(REPO), *ESBUILD_ARGS], cwd=REPO, check=False,
                              capture_output=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{EDITOR.relative_to(REPO)}: esbuild failed: {proc.stderr.decode().strip()}")
        BUNDLES.mkdir(parents=True, exist_ok=True)
        temporary = bundle.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(proc.stdout)
        temporary.replace(bundle)  # whole or absent, when two builds make it at once
    return bundle


def put(data: bytes, target: Path) -> None:
    """Write ``target`` unless it already holds ``data`` (mkdocs serve rebuilds into the same site)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)


def copy_file(source: Path, target: Path) -> None:
    put(source.read_bytes(), target)


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
    copy_file(editor_bundle(), root / "editor.mjs")
    for snippet in catalogue(SNIPPETS):
        put(snippet.shown_source.encode("utf-8"), root / "snippets" / snippet.name)
    manifest = {"python": wasm.cpython(VERSION), "pyodide": wasm.release(VERSION), "sizes": sizes,
                "python_files": list(PYTHON_FILES), "cap": runner.MAX_OUTPUT, "grace": runner.GRACE,
                "started": runner.STARTED}
    (root / "runtime.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return None
