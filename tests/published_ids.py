"""The heading ids that readers and code reviews link to: tests/published-ids.txt.

An id is published when a page's Markdown gives an h2-h4 heading an explicit id
(`## Keep a reference { #keep-a-reference }`) and the built page has it. tests/test_ids.py
fails when a listed id stops resolving. The list changes only on purpose:

    make ids    (python -m tests.published_ids): build the site, rewrite the list, show the diff
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from guidekit.snippets import REPO

from .built import heading_ids, page_paths, source_of

LIST = Path(__file__).with_name("published-ids.txt")
HEADER = """\
# Heading ids that readers and code reviews link to, one `page path#id` a line.
# tests/test_ids.py fails when one stops resolving. Regenerate only on purpose: `make ids`.
"""
EXPLICIT_ID = re.compile(r"^#{2,4}\s.*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.MULTILINE)


def published(site: Path) -> list[str]:
    entries = []
    for path in page_paths(site):
        explicit = set(EXPLICIT_ID.findall(source_of(path).read_text(encoding="utf-8")))
        entries += [f"{path}#{anchor}" for anchor in heading_ids(site, path) if anchor in explicit]
    return entries


def read() -> list[str]:
    lines = [line.strip() for line in LIST.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def main() -> None:
    with tempfile.TemporaryDirectory() as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", site]
        subprocess.run(command, cwd=REPO, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        entries = published(Path(site))
    old = set(read()) if LIST.exists() else set()
    LIST.write_text(HEADER + "".join(f"{entry}\n" for entry in entries), encoding="utf-8")
    for entry in sorted(old - set(entries)):
        print(f"removed: {entry}")
    for entry in sorted(set(entries) - old):
        print(f"added:   {entry}")
    print(f"{LIST.relative_to(REPO)}: {len(entries)} ids")


if __name__ == "__main__":
    main()
