"""Reading the built site: its pages, the snippets they show, the ids they contain.

Everything here is derived from the build (and the snippet files it names), never from a
list of today's pages, so the tests keep up while pages are being written.
"""

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from guidekit.snippets import REPO, SNIPPETS, Snippet

DOCS = REPO / "docs"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
REFRESH = re.compile(r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=([^"']+)["']""", re.IGNORECASE)


def page_paths(site: Path) -> list[str]:
    """The URL path of every page, from the build's sitemap: ["/", "/best-practices/", ...]."""
    root = ET.parse(site / "sitemap.xml").getroot()
    return [urlsplit(loc.text.strip()).path for loc in root.iter(f"{SITEMAP_NS}loc")]


@functools.cache  # a built site does not change during a test session
def base_path(site: Path) -> str:
    """The path the site was built to be served under: "/", or "/asyncio-guide/" (SITE_URL's)."""
    return min(page_paths(site), key=len)  # the home page's


def html_file(site: Path, path: str) -> Path:
    """The file the server sends for a URL path (under the site's base path)."""
    base = base_path(site)
    file = site / (path[len(base):] if path.startswith(base) else path.lstrip("/"))
    return file / "index.html" if path.endswith("/") else file


@functools.cache  # a built site does not change during a test session
def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(html_file(site, path).read_text(encoding="utf-8"), "html.parser")


def element_ids(site: Path, path: str) -> set[str]:
    """Every id on the page: headings, and the <span id="old-id"> kept for a renamed heading."""
    return {element["id"] for element in soup(site, path).select("[id]")}


def heading_ids(site: Path, path: str) -> list[str]:
    """The ids of the page's h2-h4 headings, in page order."""
    return [h["id"] for h in soup(site, path).select("article :is(h2, h3, h4)[id]")]


def source_of(path: str) -> Path:
    """The Markdown file a page path was built from (docs/tasks.md for /tasks/)."""
    stem = path.strip("/")
    candidates = [DOCS / "index.md"] if not stem else [DOCS / f"{stem}.md", DOCS / stem / "index.md"]
    return next((c for c in candidates if c.is_file()), candidates[0])


def redirect_of(site: Path, path: str) -> str | None:
    """Where a mkdocs-redirects stub at this path sends the reader (a URL path), if it is one."""
    match = REFRESH.search(html_file(site, path).read_text(encoding="utf-8"))
    return urlsplit(urljoin(path, match.group(1))).path if match else None


def snippet_blocks(site: Path) -> list[tuple[str, str]]:
    """(page path, "snippets/x/y.py") for every code block whose title names a snippet file."""
    blocks = []
    for path in page_paths(site):
        for title in soup(site, path).select(".highlight:not(.snippet-output) span.filename"):
            name = title.get_text().strip()
            if name.startswith("snippets/") and name.endswith(".py"):
                blocks.append((path, name))
    return blocks


def shown_program(name: str) -> str:
    """What a page shows of "snippets/x/y.py", and its copy button copies: the file without its
    `#>` lines. Material's copy button drops the final newline, so this does too."""
    return Snippet(SNIPPETS, name.removeprefix("snippets/")).shown_source.removesuffix("\n")


def name_only_in_a_snippet(site: Path) -> tuple[str, str] | None:
    """(name, page path): a function defined in a shown snippet, mentioned by no page's own
    Markdown and shown on exactly one page. Only a search of the code itself can find it."""
    prose = "\n".join(md.read_text(encoding="utf-8") for md in DOCS.rglob("*.md"))
    pages = {path: html_file(site, path).read_text(encoding="utf-8") for path in page_paths(site)}
    for page, snippet in snippet_blocks(site):
        source = (REPO / snippet).read_text(encoding="utf-8")
        for name in re.findall(r"^\s*(?:async\s+)?def\s+(\w{6,})", source, re.MULTILINE):
            word = re.compile(rf"\b{name}\b")
            if not word.search(prose) and [p for p, html in pages.items() if word.search(html)] == [page]:
                return name, page
    return None
