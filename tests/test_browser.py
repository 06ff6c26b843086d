"""The built site as a reader meets it, in Debian's chromium (see tests/browser.py).

The site is built once per session (--strict, every snippet run) and served on 127.0.0.1.
Every run leaves a screenshot of each page, light and dark, at desktop and phone size (tests/browser.py's
SIZES), in test-artifacts/screenshots/. tests/test_screen_sizes.py checks the layout at both sizes.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browser import SIZES, screenshot_path, watch
from .built import heading_ids, html_file, name_only_in_a_snippet, page_paths, shown_program, snippet_blocks

pytestmark = pytest.mark.browser

COLOR_SCHEME = {"light": "default", "dark": "slate"}  # the reader's system setting -> Material's palette


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_loads_offline_without_console_errors(chromium, site_url, built_site, scheme, size):
    context = chromium.new_context(base_url=site_url, color_scheme=scheme, **SIZES[size])
    problems = []
    for path in page_paths(built_site):
        page = context.new_page()
        errors, foreign = watch(page, site_url)
        response = page.goto(path, wait_until="networkidle")  # also lets the search worker load its index
        if response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
        if (found := page.locator("body").get_attribute("data-md-color-scheme")) != COLOR_SCHEME[scheme]:
            problems.append(f"{path}: a {scheme} system setting shows palette {found!r}")
        page.screenshot(path=screenshot_path(path, scheme, size), full_page=True)
        problems += [f"{path}: console error: {error}" for error in errors]
        problems += [f"{path}: request to another host: {url}" for url in foreign]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


def test_search_finds_a_name_that_only_a_snippet_contains(page, built_site):
    found = name_only_in_a_snippet(built_site)
    assert found, "no snippet defines a function (6+ letters) that only its page shows and no page's text mentions"
    name, expected_page = found
    page.goto("/")
    page.locator(".md-search__input").click()
    page.keyboard.type(name)  # Material searches on key events: fill() would not trigger it
    first = page.locator(".md-search-result__item a").first
    expect(first, f"searching for {name!r} (defined in a snippet on {expected_page})").to_be_visible()
    first.click()
    assert urlsplit(page.url).path == expected_page, f"the first result for {name!r} opened {page.url}"


def test_copy_button_copies_the_shown_program(page, built_site):
    blocks = snippet_blocks(built_site)
    assert blocks, "no page shows a snippet"
    problems = []
    for path in dict.fromkeys(path for path, _ in blocks):
        page.goto(path)
        for name in [name for p, name in blocks if p == path]:
            title = page.locator("span.filename", has_text=re.compile(rf"^{re.escape(name)}$"))
            block = page.locator(".highlight:not(.snippet-output)", has=title).first
            page.evaluate("navigator.clipboard.writeText('')")
            block.locator("button[data-md-type=copy]").click()
            copied = page.evaluate("navigator.clipboard.readText()")
            # The file without its `#>` lines, byte for byte (tests/test_shown_source.py runs it).
            if copied != shown_program(name):
                problems.append(f"{path}: the copy button of {name} copied {copied[:200]!r}...")
    assert not problems, "\n".join(problems)


def test_no_line_of_code_or_output_runs_past_its_block_at_1280_px(chromium, site_url, built_site):
    context = chromium.new_context(base_url=site_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems = []
    for path in page_paths(built_site):
        page.goto(path)
        for title, width, room, longest in page.locator(".highlight pre > code").evaluate_all(
            """codes => codes.filter(code => code.scrollWidth > code.clientWidth).map(code => [
                 (code.closest('.highlight').querySelector('.filename') || {}).textContent || '(untitled)',
                 code.scrollWidth, code.clientWidth,
                 code.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a)])"""):
            problems.append(f"{path}: {title}: {width} px of text in {room} px, longest line: {longest!r}")
    context.close()
    assert not problems, "\n".join(problems)


def test_palette_toggle_switches_to_dark_and_back(page):
    page.goto("/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_title("Switch to light mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_link_to_a_heading_scrolls_it_into_view(chromium, site_url, built_site):
    # The last heading of the page with the most headings, in a short window: it must scroll.
    path = max(page_paths(built_site), key=lambda p: len(heading_ids(built_site, p)))
    target = heading_ids(built_site, path)[-1]
    context = chromium.new_context(base_url=site_url, viewport={"width": 1280, "height": 600})
    page = context.new_page()
    page.goto(f"{path}#{target}")
    heading = page.locator(f"[id='{target}']")
    expect(heading, f"{path}#{target}").to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0, f"{path}#{target}: the page did not scroll"
    header = page.locator(".md-header").bounding_box()
    assert heading.bounding_box()["y"] >= header["y"] + header["height"] - 1, f"{path}#{target}: under the header"
    context.close()


def test_code_annotation_opens_on_click(page):
    page.goto("/")
    marker = page.locator(".md-annotation__index").first
    expect(marker, "the landing page should have an annotated code block: `# (1)!`").to_be_attached()
    marker.click()
    tooltip = page.locator(".md-annotation .md-tooltip").first
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text().strip(), "the annotation's tooltip is empty"


def test_unknown_address_gets_a_404_page_listing_every_page(page, built_site):
    response = page.goto("/no/such/page/")
    assert response.status == 404
    page.screenshot(path=screenshot_path("404", "light"), full_page=True)
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert sorted({urlsplit(href).path for href in hrefs}) == sorted(page_paths(built_site))
    for href in hrefs:  # absolute links: they work from an address of any depth
        assert html_file(built_site, urlsplit(href).path).is_file(), href
    page.get_by_role("button", name="Search the guide").click()
    expect(page.locator(".md-search__input")).to_be_focused()
    expect(page.locator(".md-search__output")).to_be_visible()
