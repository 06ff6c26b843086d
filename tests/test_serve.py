"""`make serve` after a save: only the pages whose result can differ are rendered again.

Under ``mkdocs serve --dirty`` (guidekit/preview.py, ``SERVE_ARGS``) the plugin marks for rendering
every page that executes and every page whose cached Markdown differs from the one this server last
rendered, and every page when anything else a page is made of changed (guidekit/plugin.py,
``site_key``); the search index keeps the entries of the pages not rendered again.

Each test serves a copy of the repository (guidekit.bench's, as `make bench` makes), so that a save
never touches the working tree, with two small pages of its own.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from guidekit.bench import copy_repository
from guidekit.preview import mkdocs_serve

ONE, TWO = "tasks/gather_order.py", "tasks/create_and_await.py"
PAGE = """---
execute: true
---

# {title}

```python tags=["hide-input"]
from guidekit.page import show
```

```python tags=["hide-input"]
show("{name}")
```
"""
CONFIG = """INHERIT: mkdocs.yml
nav: [one.md, two.md]
exclude_docs: |
  *.md
  !one.md
  !two.md
"""
SITE_DIR = re.compile(r"Config value 'site_dir' = '([^']+)'")  # printed by mkdocs -v


def two_page_copy(tmp_path) -> Path:
    """A copy of the repository with serve.yml: its site with one.md and two.md only."""
    copy = tmp_path / "repo"
    copy.mkdir()
    copy_repository(copy)
    (copy / "docs" / "one.md").write_text(PAGE.format(title="Page one", name=ONE), encoding="utf-8")
    (copy / "docs" / "two.md").write_text(PAGE.format(title="Page two", name=TWO), encoding="utf-8")
    (copy / "serve.yml").write_text(CONFIG, encoding="utf-8")
    return copy


@pytest.fixture
def served(tmp_path):
    """(repository copy, base URL, log()): `mkdocs serve -v` of the copy with one.md and two.md only;
    log() is everything it has printed so far."""
    copy = two_page_copy(tmp_path)
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(copy)}  # the kernels import the copy's guidekit
    with open(log, "w") as out:
        server, url = mkdocs_serve(copy, "/one/", "-v", "-f", "serve.yml", env=env, stdout=out, deadline=300)
    try:
        yield copy, url, lambda: log.read_text(encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


def fetch(url: str) -> str:
    """The page, without the build number that mkdocs serve's live-reload script carries."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return re.sub(r"livereload\(\d+, \d+\)", "livereload()", response.read().decode("utf-8"))


def wait_for(condition, what: str, log, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, f"no {what} after {seconds} s; the server printed:\n{log()}"
        time.sleep(0.2)
    return found


def built(log, builds: int) -> dict[str, float]:
    """Once the server has ended ``builds`` builds: {page: the time its HTML was last written}."""
    text = wait_for(lambda: (t := log()).count("Documentation built in") >= builds and t, f"build {builds}", log)
    site = Path(SITE_DIR.search(text)[1])
    return {page: (site / page / "index.html").stat().st_mtime_ns for page in ("one", "two")}


def rendered_again(before: dict, after: dict) -> list[str]:
    return [page for page in before if after[page] != before[page]]


def search_locations(url: str) -> list[str]:
    return sorted(doc["location"] for doc in json.loads(fetch(f"{url}/search/search_index.json"))["docs"])


def test_saving_a_snippet_renders_its_page_only_and_the_search_index_stays_whole(served):
    copy, url, log = served
    first = built(log, 1)
    locations, two = search_locations(url), fetch(f"{url}/two/")
    assert locations and len(locations) == len(set(locations))
    snippet = copy / "snippets" / ONE
    snippet.write_text(snippet.read_text(encoding="utf-8") + 'print("a line added by the test")\n', encoding="utf-8")

    assert rendered_again(first, built(log, 2)) == ["one"], log()
    page = wait_for(lambda: "a line added by the test" in (html := fetch(f"{url}/one/")) and html, "new output", log)
    assert "Not the committed output" in page
    assert fetch(f"{url}/two/") == two
    assert search_locations(url) == locations, "the search index lost or doubled entries"
    assert "dirty" not in log().lower().replace("--dirty", ""), log()  # mkdocs's warning was not printed


def test_a_change_to_a_page_renders_every_page_again(served):
    """A page's title is in every page's navigation: editing one page renders both."""
    copy, url, log = served
    first = built(log, 1)
    page = copy / "docs" / "two.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Page two", "# Page two, renamed"), encoding="utf-8")

    assert rendered_again(first, built(log, 2)) == ["one", "two"], log()
    assert "Page two, renamed" in fetch(f"{url}/one/")
    assert len(search_locations(url)) == len(set(search_locations(url)))


def test_a_build_still_fails_on_a_dirty_build_warning_outside_serve(tmp_path):
    """Only serve drops mkdocs's warning about --dirty: `mkdocs build --dirty --strict` still fails on it."""
    copy = two_page_copy(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--strict", "-f", "serve.yml", "-d", str(tmp_path / "site")],
                          check=False, cwd=copy, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode != 0 and "A 'dirty' build is being performed" in proc.stderr, proc.stderr
