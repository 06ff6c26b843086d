"""Pages and snippets match up, and the built site shows every snippet's real output.

Every snippet is shown by at least one page; every show("...") and every --8<-- include
names a file that exists; the HTML of a full strict build contains, under each snippet,
exactly the output of its run (equal to the committed transcript).
"""

import os
import re
import tempfile

from bs4 import BeautifulSoup

from guidekit import pythons, transcript, wasm
from guidekit.cache import SHOW_LINE as SHOW_CALL
from guidekit.page import OUTPUT_TITLE
from guidekit.snippets import REPO, SNIPPETS, catalogue

from .conftest import missing

DOCS = REPO / "docs"
INCLUDE = re.compile(r"""--8<--\s+["']([^"']+)["']""")


def references(pattern):
    """(page:line, name) for every match of pattern in every page."""
    for page in sorted(DOCS.rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for m in pattern.finditer(line):
                yield f"{page.relative_to(REPO)}:{number}", m["name"] if "name" in pattern.groupindex else m[1]


def test_every_show_and_include_names_an_existing_snippet():
    missing = [f"{where}: names snippets/{name}, which does not exist"
               for pattern in (SHOW_CALL, INCLUDE) for where, name in references(pattern)
               if not (SNIPPETS / name).is_file()]
    assert not missing, "\n".join(missing)


def test_every_snippet_is_shown_by_a_page():
    shown = {name for _, name in references(SHOW_CALL)}
    unshown = [s.display for s in catalogue() if s.name not in shown]
    assert not unshown, "not shown by any page: " + ", ".join(unshown)


def outputs_in(site):
    """{snippet display name: output text} from every output block of the built site."""
    found = {}
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.snippet-output"):
            title = block.select_one(".filename").get_text()
            found[title.removeprefix(OUTPUT_TITLE)] = block.select_one("code").get_text()
    return found


def test_built_site_shows_each_snippets_output(built_site):
    outputs = outputs_in(built_site)
    for snippet in catalogue():
        assert snippet.display in outputs, f"{snippet.display}: no output block in the built site"
        assert outputs[snippet.display] == (transcript.read(snippet) or "(no output)\n"), snippet.display


def test_landing_page_says_how_each_version_is_checked():
    """Its table of versions names, for each one, native or WebAssembly and which Pyodide release:
    a pin that changes in package.json without the page fails here."""
    rows = {}
    for line in (REPO / "docs" / "index.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2:
            rows.update({version.strip(): cells[1] for version in cells[0].split(",")})
    for version in pythons.SUPPORTED:
        if version in pythons.WASM and (why := wasm.unavailable(version)):
            missing(f"Python {version}", why)
        assert rows.get(version, "").startswith(pythons.how(version)), (version, rows.get(version), pythons.how(version))


def test_no_path_of_this_machine_in_the_built_site(built_site):
    """No page, index or asset names the checkout, the home folder or a temporary folder."""
    local = [str(REPO), os.path.expanduser("~") + os.sep, tempfile.gettempdir() + os.sep]
    found = []
    for file in sorted(built_site.rglob("*")):
        if file.suffix in (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map") and file.is_file():
            text = file.read_text(encoding="utf-8", errors="replace")
            found += [f"{file.relative_to(built_site)}: {path}" for path in local if path in text]
    assert not found, "\n".join(found)
