"""Find the interpreters the guide is checked on: CPython 3.11, 3.12 and 3.13.

A version is found as ``pythonX.Y`` on PATH, or else under pyenv's root (pyenv's shims
refuse to run a version that is not the selected one, so the binary is used directly).
``python -m guidekit.pythons`` lists them; ``--newest`` prints the newest one's path
(the Makefile builds the virtual environment with it). Standard library only.
"""

import glob
import os
import shutil
import subprocess
import sys

SUPPORTED = ("3.11", "3.12", "3.13")


def _version_of(executable):
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


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
    """Path of a working interpreter for ``version`` ("3.12"), or None."""
    for candidate in _candidates(version):
        if _version_of(candidate) == version:
            return candidate
    return None


def installed():
    """{version: path} for every supported version that is installed."""
    return {v: p for v in SUPPORTED if (p := find(v))}


if __name__ == "__main__":
    found = installed()
    if "--newest" in sys.argv:
        if not found:
            sys.exit("no CPython 3.11, 3.12 or 3.13 found on PATH or under pyenv")
        print(found[max(found, key=lambda v: tuple(map(int, v.split("."))))])
    else:
        for version in SUPPORTED:
            print(version, found.get(version, "missing"))
