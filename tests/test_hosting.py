"""A site built for an address under a path (SITE_URL), as `make dist` builds it, served like a host.

`python -m guidekit.dist` (what `make dist` runs) builds for https://example.org/asyncio-guide/
into a temporary folder; guidekit/preview.py serves it under /asyncio-guide/ on 127.0.0.1, with
the site's 404 page for every unknown address. The build also has a REPO_URL, so the source
links are there: Material's repository widget would fetch from the code host's API for it.
"""

import gzip
import hashlib
import os
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from guidekit import dist, preview, site_url, transcript
from guidekit.snippets import REPO, get

from .browser import screenshot_path, share_search, watch
from .built import SITEMAP_NS, html_file, name_only_in_a_snippet, page_paths, snippet_blocks
from .test_browser_runner import SNIPPET
from .test_browser_runner import output as run_output
from .test_browser_runner import run as press_run

ADDRESS = "https://example.org/asyncio-guide/"
PREFIX = "/asyncio-guide/"
# Not this guide's repository (it has no public address): a GitHub address, for which Material's
# repository widget would ask api.github.com for stars and forks.
REPO_URL = "https://github.com/example/asyncio-guide"
RUN = {"NO_MKDOCS_2_WARNING": "1", "REPO_URL": REPO_URL}


def make_dist(folder, address=ADDRESS):
    """`SITE_URL=address make dist`, into ``folder``: (exit code, output)."""
    proc = subprocess.run([sys.executable, "-m", "guidekit.dist", str(folder)], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, **RUN, site_url.NAME: address})
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def hosted(tmp_path_factory, built_site):
    """(site folder, archive, make dist's output). After the session's build for another address
    (built_site), so the cache holds every page: the address is not part of a page's key."""
    folder = tmp_path_factory.mktemp("dist")
    code, output = make_dist(folder)
    assert code == 0, output
    return folder / dist.NAME, folder / f"{dist.NAME}.tar.gz", output


def inside(path: str) -> str:
    """The path inside the site: "/tasks/" for "/asyncio-guide/tasks/"."""
    assert path.startswith(PREFIX), path
    return path[len(PREFIX) - 1:]


# --- SITE_URL ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value, normalised", [
    ("https://example.org/asyncio-guide", "https://example.org/asyncio-guide/"),
    ("https://example.org", "https://example.org/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
])
def test_site_url_gets_its_trailing_slash(value, normalised):
    assert site_url.check(value) == normalised


@pytest.mark.parametrize("value, why", [
    ("example.org/asyncio-guide/", "needs http:// or https:// and a host"),
    ("/asyncio-guide/", "needs http:// or https:// and a host"),
    ("ftp://example.org/", "needs http:// or https:// and a host"),
    ("https:///asyncio-guide/", "needs http:// or https:// and a host"),
    ("", "empty or surrounded by spaces"),
    (" https://example.org/", "empty or surrounded by spaces"),
    ("https://example.org/?page=1", "a site's address has no query, fragment or user name"),
    ("https://example.org/#top", "a site's address has no query, fragment or user name"),
    ("https://example.org:https/", "not an address (Port could not be cast to integer value as 'https')"),
])
def test_a_bad_site_url_is_refused_with_one_line_naming_it(value, why):
    with pytest.raises(ValueError) as info:
        site_url.check(value)
    assert str(info.value) == f"SITE_URL={value!r}: {why}; for example SITE_URL=https://example.org/asyncio-guide/"


def test_make_dist_refuses_an_address_without_scheme_before_building(tmp_path):
    code, output = make_dist(tmp_path, "example.org/asyncio-guide/")
    assert code != 0
    assert output.strip() == ("SITE_URL='example.org/asyncio-guide/': needs http:// or https:// and a host;"
                              " for example SITE_URL=https://example.org/asyncio-guide/")
    assert not any(tmp_path.iterdir())


def test_the_build_refuses_what_mkdocs_would_accept(tmp_path):
    """mkdocs takes ftp:// as a site_url; the plugin's on_config stops it with one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], cwd=REPO,
        capture_output=True, text=True, env={**os.environ, **RUN, site_url.NAME: "ftp://example.org/guide/"},
    )
    assert proc.returncode != 0
    errors = [line.split("-  ", 1)[1] for line in (proc.stdout + proc.stderr).splitlines() if line.startswith("ERROR")]
    assert errors == ["SITE_URL='ftp://example.org/guide/': needs http:// or https:// and a host;"
                      " for example SITE_URL=https://example.org/asyncio-guide/"], proc.stdout + proc.stderr


# --- make dist ----------------------------------------------------------------------------------
def test_make_dist_takes_every_page_from_the_cache_and_prints_the_size(hosted):
    site, archive, output = hosted
    executed = [line for line in output.splitlines() if ": executing" in line]
    assert not executed, "a build for another address re-executed pages:\n" + "\n".join(executed)
    size = archive.stat().st_size
    shown = f"{size / 1e6:.2f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"
    files = sum(1 for p in site.rglob("*") if p.is_file())
    summary = [line for line in output.splitlines() if line.startswith(os.path.relpath(archive, REPO))]
    assert len(summary) == 1 and f": {shown} ({files} files, " in summary[0], output
    assert summary[0].endswith(f"built for {ADDRESS}")
    assert f"sha256 {hashlib.sha256(archive.read_bytes()).hexdigest()}" in output


def test_the_archive_holds_the_folder_and_is_the_same_on_every_build(hosted, tmp_path):
    site, archive, _ = hosted
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        files = {m.name: tar.extractfile(m).read() for m in members if m.isfile()}
    assert files == {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert {m.mtime for m in members} == {dist.source_date_epoch()}
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    code, output = make_dist(tmp_path)  # again: every file written anew, with new times
    assert code == 0, output
    again = tmp_path / f"{dist.NAME}.tar.gz"
    assert again.read_bytes() == archive.read_bytes(), "two builds of the same commit and address differ"


def test_canonical_links_and_the_sitemap_name_the_address(hosted):
    site, _, _ = hosted
    paths = page_paths(site)
    assert paths and all(p.startswith(PREFIX) for p in paths), paths
    for path in paths:
        canonical = BeautifulSoup(html_file(site, path).read_text(encoding="utf-8"), "html.parser").select(
            "link[rel=canonical]")
        assert [link["href"] for link in canonical] == [urljoin(ADDRESS, path)]
    locs = [loc.text.strip() for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    assert locs and all(loc.startswith(ADDRESS) for loc in locs)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_no_link_or_resource_escapes_the_path(hosted):
    """Every address in every built page, resolved where the page is served: on the site's host it
    stays under /asyncio-guide/ and names a file of the build; what a page loads is on that host."""
    site, _, _ = hosted
    problems = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        url = urljoin(ADDRESS, relative.removesuffix("index.html"))
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("[href], [src]"):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value or value.startswith(("#", "javascript:", "data:", "mailto:")):
                    continue
                target = urlsplit(urljoin(url, value))
                loads = element.name in ("script", "img") or (element.name == "link" and "canonical" not in element.get("rel", []))
                if target.netloc != urlsplit(ADDRESS).netloc:
                    if loads:
                        problems.append(f"{relative}: loads {value} from another host")
                elif not target.path.startswith(PREFIX):
                    problems.append(f"{relative}: {attribute}={value!r} leaves {PREFIX} ({target.path})")
                elif not html_file(site, target.path).is_file():
                    problems.append(f"{relative}: {attribute}={value!r}: no such file in the build")
    assert not problems, "\n".join(problems)


def test_source_links_without_the_repository_widget(hosted):
    site, _, _ = hosted
    for path in page_paths(site):
        soup = BeautifulSoup(html_file(site, path).read_text(encoding="utf-8"), "html.parser")
        source = f"docs/{inside(path).strip('/') or 'index'}.md"
        assert [a["href"] for a in soup.select("a.md-content__button")] == [
            f"{REPO_URL}/edit/main/{source}", f"{REPO_URL}/raw/main/{source}"], path
        assert (REPO / source).is_file()
        assert {a["href"] for a in soup.select("a.md-source")} == {REPO_URL}, path
        assert not soup.select("[data-md-component=source]"), f"{path}: Material's repository widget is back"


# --- In the browser, served under /asyncio-guide/ --------------------------------------------
@pytest.fixture(scope="module")
def hosted_url(hosted):
    """The hosted build's base URL: http://127.0.0.1:PORT/asyncio-guide (no final slash)."""
    with preview.serve(hosted[0], PREFIX) as url:
        yield url


def origin(url: str) -> str:
    return f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"


def watch_hosted(page, url):
    """watch(), plus every local request that leaves the path or fails."""
    errors, foreign = watch(page, url)
    stray = []
    page.on("request", lambda r: urlsplit(r.url).netloc == urlsplit(url).netloc
            and not urlsplit(r.url).path.startswith(PREFIX) and stray.append(r.url))
    page.on("requestfailed", lambda r: stray.append(f"{r.url} failed: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
            and stray.append(f"{r.url}: HTTP {r.status}"))
    return errors, foreign, stray


@pytest.mark.browser
def test_every_page_works_under_the_path(chromium, hosted, hosted_url):
    site, _, _ = hosted
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    problems = []
    for path in page_paths(site):
        page = context.new_page()
        errors, foreign, stray = watch_hosted(page, hosted_url)
        with page.expect_response(lambda r: r.url.endswith(f"{PREFIX}search/search_index.json")) as index:
            response = page.goto(origin(hosted_url) + path, wait_until="networkidle")
        if response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
        if index.value.status != 200:
            problems.append(f"{path}: search index: HTTP {index.value.status}")
        if page.locator(".md-header").evaluate("e => getComputedStyle(e).position") != "sticky":
            problems.append(f"{path}: Material's stylesheet did not apply")
        expected = len(BeautifulSoup(html_file(site, path).read_text(encoding="utf-8"), "html.parser").select("figure.tl-figure"))  # one layout of each shown
        shown = page.locator("figure.tl-figure svg.tl").evaluate_all(
            "svgs => svgs.filter(s => s.getBoundingClientRect().height > 50).length")
        if shown != expected:
            problems.append(f"{path}: {shown} of {expected} timelines drawn")
        page.screenshot(path=screenshot_path("asyncio-guide" + inside(path), "light"), full_page=True)
        problems += [f"{path}: console error: {e}" for e in errors]
        problems += [f"{path}: request to another host: {u}" for u in foreign]
        problems += [f"{path}: {u}" for u in stray]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("address", [f"{PREFIX}no/such/page/", "/somewhere/else/"], ids=["inside", "outside"])
def test_the_404_page_works_under_the_path(chromium, hosted, hosted_url, address):
    site, _, _ = hosted
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors, foreign, stray = watch_hosted(page, hosted_url)
    response = page.goto(origin(hosted_url) + address, wait_until="networkidle")
    assert response.status == 404
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky", "no stylesheet"
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert sorted(urlsplit(h).path for h in hrefs) == sorted(page_paths(site))
    name, expected_page = name_only_in_a_snippet(site)
    page.get_by_role("button", name="Search the guide").click()
    page.keyboard.type(name)
    first = page.locator(".md-search-result__item a").first
    expect(first, f"searching for {name!r} from the 404 page").to_be_visible()
    first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == expected_page)
    # chromium logs the 404 page's own status as a console error; any other failed request is in stray.
    errors = [e for e in errors if e != "Failed to load resource: the server responded with a status of 404 (Not Found)"]
    stray = [u for u in stray if u != origin(hosted_url) + address]  # the address asked for, not one the page asked
    assert not errors + foreign + stray, errors + foreign + stray
    context.close()


@pytest.mark.browser
def test_a_shared_search_link_stays_under_the_path(chromium, hosted, hosted_url):
    site, _, _ = hosted
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(hosted_url))
    page = context.new_page()
    errors, foreign, stray = watch_hosted(page, hosted_url)
    path, _ = snippet_blocks(site)[0]
    page.goto(origin(hosted_url) + path)
    name, expected_page = name_only_in_a_snippet(site)
    shared = share_search(page, name)
    assert shared == f"{origin(hosted_url)}{path}?q={name}"
    again = context.new_page()
    again.goto(shared)
    expect(again.locator(".md-search__input")).to_have_value(name)
    first = again.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    assert urlsplit(first.evaluate("a => a.href")).path == expected_page
    assert not errors + foreign + stray, errors + foreign + stray
    context.close()


@pytest.mark.browser
def test_run_in_the_page_works_under_the_path(chromium, hosted_url):
    """The Run button's worker, runtime and snippet load from under the path, and print the transcript."""
    page = chromium.new_context(base_url=origin(hosted_url)).new_page()
    errors, foreign, stray = watch_hosted(page, hosted_url)
    page.goto(f"{PREFIX}tasks/")
    status = press_run(page)
    shown = run_output(page)
    page.context.close()
    assert status == "Finished with exit code 0.", status
    assert transcript.on_time(transcript.read(get(SNIPPET)), shown), shown
    assert not errors and not foreign and not stray, (errors, foreign, stray)
