"""The reading features turned on in mkdocs.yml, in Debian's chromium, and the line that ends every page.

Instant navigation (with prefetch and a progress bar) loads a page without reloading the
document, so a page's timelines and copy buttons must work after such a change too. Search
suggests the rest of a word and gives a link to share a search. Without REPO_URL there are
no source links (tests/test_hosting.py checks them with one).
"""

import json
import re
from importlib import metadata
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from guidekit import plugin, pythons
from guidekit.snippets import REPO

from .browser import share_search
from .built import name_only_in_a_snippet, page_paths, shown_program, snippet_blocks, soup

NO_RELOAD = "window.__still_the_same_document"  # set before a click; a full page load would forget it


def timelines(site, path) -> int:
    """How many timeline figures the page has; each holds two layouts, one shown (guidekit/timeline_svg.py)."""
    return len(soup(site, path).select("figure.tl-figure"))


def copy_first_snippet(page, path, name):
    """Click the copy button of snippet ``name`` on the current page; what it copied."""
    title = page.locator("span.filename", has_text=re.compile(rf"^{re.escape(name)}$"))
    block = page.locator(".highlight:not(.snippet-output)", has=title).first
    page.evaluate("navigator.clipboard.writeText('')")
    block.locator("button[data-md-type=copy]").click()
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.browser
def test_instant_navigation_through_every_page_keeps_timelines_and_copy_buttons(page, built_site):
    """From the home page, "Next" in the footer to the last page, without one full page load."""
    paths = page_paths(built_site)
    blocks = snippet_blocks(built_site)
    page.goto("/")
    page.evaluate(f"{NO_RELOAD} = true")
    visited, problems = ["/"], []
    while page.locator("a.md-footer__link--next").count():
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(lambda url: urlsplit(url).path != visited[-1])
        path = urlsplit(page.url).path
        visited.append(path)
        expect(page.locator("article h1")).to_have_attribute("id", soup(built_site, path).select_one("article h1")["id"])
        if not page.evaluate(NO_RELOAD):
            problems.append(f"{path}: a full page load, not instant navigation")
        drawn = page.locator("figure.tl-figure svg.tl").evaluate_all(
            "svgs => svgs.filter(s => s.getBoundingClientRect().height > 50).length")
        if drawn != timelines(built_site, path):
            problems.append(f"{path}: {drawn} of {timelines(built_site, path)} timelines drawn")
        names = [name for p, name in blocks if p == path]
        if names:
            copied = copy_first_snippet(page, path, names[0])
            if copied != shown_program(names[0]):
                problems.append(f"{path}: the copy button of {names[0]} copied {copied[:120]!r}")
        expect(page.locator(".guide-how-checked")).to_have_count(1)
    assert sorted(visited) == sorted(paths), visited
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_pointing_at_a_link_prefetches_its_page(page, built_site):
    target = page_paths(built_site)[1]
    page.goto("/", wait_until="networkidle")
    with page.expect_request(lambda r: urlsplit(r.url).path == target) as request:
        page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{target.strip('/')}/']").hover()
    assert request.value.resource_type in ("other", "prefetch"), request.value.resource_type


@pytest.mark.browser
def test_a_progress_bar_shows_while_a_page_loads(page, built_site):
    target = page_paths(built_site)[1]
    page.goto("/", wait_until="networkidle")
    held = []
    page.route(lambda url: urlsplit(url).path == target, lambda route: held.append(route))
    progress = page.locator("[data-md-component=progress]")
    page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{target.strip('/')}/']").click()
    expect(progress).to_have_attribute("style", re.compile(r"--md-progress-value:\s*5\b"))  # loading: 5 %
    assert held, "the page was not requested"
    held[0].continue_()
    page.wait_for_url(lambda url: urlsplit(url).path == target)
    expect(progress).to_have_attribute("style", re.compile(r"--md-progress-value:\s*(0|100)\b"))


@pytest.mark.browser
def test_search_suggests_the_rest_of_a_word(page, built_site):
    # The longest word of the page titles: a word the index has many times. Suggestions come from
    # the best results, so a rare word (one only a snippet has) may get none.
    titles = " ".join(soup(built_site, path).select_one("article h1").get_text() for path in page_paths(built_site))
    word = max(re.findall(r"[a-z]+", titles.lower()), key=len)
    typed = word[:5]
    page.goto("/")
    page.locator(".md-search__input").click()
    page.keyboard.type(typed)
    suggestion = page.locator("[data-md-component=search-suggest]")
    expect(suggestion, f"typing {typed!r}").to_have_text(re.compile(rf"^{re.escape(typed)}\S+$"))
    page.keyboard.press("ArrowRight")  # accepts it
    expect(page.locator(".md-search__input")).to_have_value(suggestion.inner_text())


@pytest.mark.browser
def test_a_shared_search_link_opens_the_same_search(page, built_site, site_url):
    name, expected_page = name_only_in_a_snippet(built_site)
    page.goto("/tasks/")
    shared = share_search(page, name)
    assert shared == f"{site_url}/tasks/?q={name}"
    again = page.context.new_page()
    again.goto(shared)
    expect(again.locator(".md-search__input")).to_have_value(name)
    first = again.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    assert urlsplit(first.evaluate("a => a.href")).path == expected_page


def test_without_repo_url_no_page_links_to_a_source(built_site):
    for path in page_paths(built_site):
        found = soup(built_site, path).select(".md-source, .md-content__button, [data-md-component=source]")
        assert not found, f"{path}: {found[0]}"


def test_every_page_ends_with_how_its_examples_were_checked(built_site):
    line = plugin.how_checked()
    for version in pythons.SUPPORTED:
        assert pythons.how(version) in line and version in line
    for name in plugin.BUILD_TOOLS:
        assert f"{name} {metadata.version(name)}" in line
    for path in page_paths(built_site):
        article = soup(built_site, path).select_one("article")
        found = article.select("p.guide-how-checked")
        assert [p.get_text() for p in found] == [line], path
        assert article.find_all(recursive=False)[-1] is found[0], f"{path}: the line is not the article's last"
    assert not soup(built_site, "/404.html").select("p.guide-how-checked")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "Examples checked on" in doc["text"]]


def test_mkdocs_yml_names_each_setting_once():
    """YAML lets a later key silently replace an earlier one (two `extra_javascript:` lists
    once dropped a script): every mapping in mkdocs.yml has each key once."""
    import collections

    import yaml

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(key) for key, _ in node.value]
        twice = [key for key, count in collections.Counter(keys).items() if count > 1]
        assert not twice, f"mkdocs.yml, line {node.start_mark.line + 1}: set more than once: {twice}"
        return loader.construct_mapping(node, deep)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and other tags
    assert yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["site_name"]
