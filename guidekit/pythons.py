"""Find the interpreters the guide is checked on: CPython 3.11, 3.12 and 3.13 natively,
3.14 and 3.15 compiled to WebAssembly (guidekit/wasm.py: Pyodide under Node).

A native version is found as ``pythonX.Y`` on PATH, or else under pyenv's root (pyenv's shims
refuse to run a version that is not the selected one, so the binary is used directly).
``python -m guidekit.pythons`` lists them; ``--newest`` prints the newest one's path
(the Makefile builds the virtual environment with it). Standard library only.
"""

import glob
import os
import shutil
import subprocess
import sys

NATIVE = ("3.11", "3.12", "3.13")
WASM = ("3.14", "3.15")  # the keys of wasm.PACKAGES
SUPPORTED = NATIVE + WASM


def _version_of(executable):
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


CURRENT = "{}.{}".format(*sys.version_info[:2])  # this interpreter's version


def version_of(python):
    """"3.12" for a native interpreter's path; a WebAssembly version is its own name; None: this one."""
    if python is None:
        return CURRENT
    return python if python in WASM else _version_of(python)


def _candidates(version):
    on_path = shutil.which(f"python{version}")
    if on_path and "/shims/" not in on_path:
        yield on_path
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    # Newest patch release first: 3.12.10 sorts after 3.12.9.
    found = glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}"))
    key = lambda p: [int(x) if x.isdigit() else 0 for x in p.split(os.sep)[-3].split(".")]
    yield from sorted(found, key=key, reverse=True)
    if sys.version_info[:2] == tuple(map(int, version.split("."))):
        yield sys.executable


def find(version):
    """Path of a working native interpreter for ``version`` ("3.12"); for a WebAssembly
    version the version itself when it can run here (the runner's ``python``); else None."""
    if version in WASM:
        from . import wasm

        return None if wasm.unavailable(version) else version
    for candidate in _candidates(version):
        if _version_of(candidate) == version:
            return candidate
    return None


def installed():
    """{version: path (native) or version (WebAssembly)} for every supported version that can run here."""
    return {v: p for v in SUPPORTED if (p := find(v))}


def how(version) -> str:
    """How a version is checked, in words a page can show."""
    if version in WASM:
        from . import wasm

        return f"CPython {wasm.cpython(version)} compiled to WebAssembly (Pyodide {wasm.release(version)}, under Node)"
    return "native CPython"


if __name__ == "__main__":
    if "--newest" in sys.argv:
        found = {v: p for v in NATIVE if (p := find(v))}
        if not found:
            sys.exit("no CPython 3.11, 3.12 or 3.13 found on PATH or under pyenv")
        print(found[max(found, key=lambda v: tuple(map(int, v.split("."))))])
    else:
        found = installed()
        for version in SUPPORTED:
            print(version, found.get(version, "missing"))
