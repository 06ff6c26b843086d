"""Every page at a phone's size (390 x 844, touch) and at a desktop's (tests/browser.py's SIZES).

On both: the page never scrolls sideways; each timeline is drawn whole inside its box with
text of 11 CSS px or more; the details of a mark and of a bar come up when they are tapped
(phone) or clicked (desktop), and when the timeline is reached with the keyboard. On the
phone, a code or output block that scrolls sideways shows a shadow on the side where more
is hidden. The screenshots of every page at both sizes come from tests/test_browser.py.
"""

import pytest
from playwright.sync_api import expect

from .browser import SIZES
from .built import page_paths, soup

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 11


@pytest.fixture(params=list(SIZES))
def screen(request, chromium, site_url):
    """(size name, a fresh tab at that size, in light mode)."""
    context = chromium.new_context(base_url=site_url, color_scheme="light", **SIZES[request.param])
    context.set_default_timeout(10_000)
    yield request.param, context.new_page()
    context.close()


def pages_with_timelines(site):
    return [path for path in page_paths(site) if soup(site, path).select_one("figure.tl-figure")]


def test_no_page_scrolls_sideways(screen, built_site):
    size, page = screen
    width = SIZES[size]["viewport"]["width"]
    problems = []
    for path in page_paths(built_site):
        page.goto(path, wait_until="networkidle")
        # A phone widens its layout viewport to fit content that is too wide: innerWidth shows it.
        inner, scroll = page.evaluate("[innerWidth, document.documentElement.scrollWidth]")
        if inner != width or scroll > width:
            problems.append(f"{path}: {scroll} px of page in a {width} px window (layout viewport {inner} px)")
    assert not problems, "\n".join(problems)


# For each figure: which of its pictures are shown, the box's and the picture's edges, and every text's
# edges and size in CSS px (its font size times the picture's scale).
MEASURE = """figure => {
  const box = figure.getBoundingClientRect();
  const shown = [...figure.querySelectorAll('svg.tl')].filter(svg => getComputedStyle(svg).display !== 'none');
  const out = {id: figure.querySelector('svg.tl').id, shown: shown.length, scrolls: figure.scrollWidth > figure.clientWidth,
               box: [box.left, box.right], texts: []};
  if (shown.length !== 1) return out;
  const svg = shown[0], r = svg.getBoundingClientRect(), scale = svg.getScreenCTM().a;
  out.svg = [r.left, r.right];
  for (const text of svg.querySelectorAll('text')) {
    const t = text.getBoundingClientRect();
    out.texts.push({words: text.textContent, cls: text.getAttribute('class') || '', left: t.left, right: t.right,
                    px: parseFloat(getComputedStyle(text).fontSize) * scale});
  }
  const axis = [...svg.querySelectorAll('line.tl-axis')].map(line => line.getBoundingClientRect());
  out.axis = [Math.min(...axis.map(a => a.left)), Math.max(...axis.map(a => a.right))];
  return out;
}"""


def test_every_timeline_is_drawn_whole_in_its_box_with_legible_text(screen, built_site):
    size, page = screen
    width = SIZES[size]["viewport"]["width"]
    problems, seen = [], 0
    for path in pages_with_timelines(built_site):
        page.goto(path, wait_until="networkidle")
        for figure in page.locator("figure.tl-figure").all():
            m = figure.evaluate(MEASURE)
            where = f"{path} {m['id']}"
            if m["shown"] != 1:
                problems.append(f"{where}: {m['shown']} pictures shown, not 1")
                continue
            seen += 1
            left, right = max(m["box"][0], 0), min(m["box"][1], width)
            if m["scrolls"]:
                problems.append(f"{where}: the picture scrolls inside its box")
            if m["svg"][0] < left - 0.5 or m["svg"][1] > right + 0.5:
                problems.append(f"{where}: the picture spans {m['svg'][0]:.0f}-{m['svg'][1]:.0f} px, its box {left:.0f}-{right:.0f}")
            if m["axis"][0] < left or m["axis"][1] > right:
                problems.append(f"{where}: the time axis spans {m['axis'][0]:.0f}-{m['axis'][1]:.0f} px, the visible box {left:.0f}-{right:.0f}")
            ticks = [t for t in m["texts"] if "tl-tick" in t["cls"]]
            if not ticks:
                problems.append(f"{where}: no tick labels under the time axis")
            for text in m["texts"]:
                if text["left"] < left - 0.5 or text["right"] > right + 0.5:
                    problems.append(f"{where}: {text['words']!r} spans {text['left']:.0f}-{text['right']:.0f} px, the box {left:.0f}-{right:.0f}")
                if text["px"] < MIN_TEXT_PX - 0.01:
                    problems.append(f"{where}: {text['words']!r} is {text['px']:.1f} CSS px, under {MIN_TEXT_PX}")
    assert seen, "no timeline on any page"
    assert not problems, f"{size}:\n" + "\n".join(problems)


# A point where a tap reaches this detail (marks lie over bars), after scrolling it to the middle of the window.
REACHABLE_POINT = """item => {
  item.scrollIntoView({block: 'center'});
  const shape = item.querySelector('circle:not(.tl-hit), .tl-state, .tl-ready, .tl-hold');
  const r = shape.getBoundingClientRect();
  for (const fx of [0.5, 0.25, 0.75, 0.1, 0.9]) {
    const x = r.left + r.width * fx, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest('.tl-tip') === item) return [x, y];
  }
  return null;
}"""


def tap_or_click(page, size, item):
    point = item.evaluate(REACHABLE_POINT)
    if point is None:
        return False
    if SIZES[size].get("has_touch"):
        page.touchscreen.tap(*point)
    else:
        page.mouse.click(*point)
    return True


@pytest.mark.parametrize("kind", ["mark", "bar"])
def test_a_tapped_or_clicked_detail_shows_its_words(screen, built_site, kind):
    size, page = screen
    selector = "g.tl-mark.tl-tip" if kind == "mark" else "g.tl-tip:not(.tl-mark)"
    problems, tried = [], 0
    for path in pages_with_timelines(built_site):
        page.goto(path, wait_until="networkidle")
        for figure in page.locator("figure.tl-figure").all():
            svg = figure.locator("svg.tl:visible")
            items = svg.locator(selector)
            # The first and the last of their kind in each picture that has any.
            for item in dict.fromkeys([items.first, items.last] if items.count() else []):
                if not tap_or_click(page, size, item):
                    continue
                tried += 1
                expected = item.locator("title").first.text_content()
                details = figure.locator(".tl-details")
                if not details.is_visible() or details.inner_text() != expected:
                    shown = details.inner_text() if details.count() else "(no details box)"
                    problems.append(f"{path} {svg.get_attribute('id')}: showed {shown!r}, not {expected!r}")
                elif "tl-chosen" not in (item.get_attribute("class") or ""):
                    problems.append(f"{path} {svg.get_attribute('id')}: {expected!r} is shown but not outlined")
    assert tried, f"no {kind} could be reached by a {'tap' if SIZES[size].get('has_touch') else 'click'}"
    assert not problems, f"{size}, {kind}s:\n" + "\n".join(problems)


def test_the_keyboard_reaches_each_detail(screen, built_site):
    size, page = screen
    path = pages_with_timelines(built_site)[0]
    page.goto(path, wait_until="networkidle")
    figure = page.locator("figure.tl-figure").first
    svg = figure.locator("svg.tl:visible")
    titles = svg.locator("g.tl-tip > title").all_text_contents()
    assert len(titles) >= 3, f"{path}: the first timeline has {len(titles)} details"
    # From the output block just above, Tab reaches the picture (after the block's copy button, if any).
    figure.evaluate("f => { const output = f.previousElementSibling; output.tabIndex = -1; output.focus(); }")
    for _ in range(4):
        page.keyboard.press("Tab")
        if svg.evaluate("svg => document.activeElement === svg"):
            break
    expect(svg, f"{size}, {path}: Tab from the output does not reach the timeline").to_be_focused()
    details = figure.locator(".tl-details")
    expect(details).to_have_text(titles[0])
    page.keyboard.press("ArrowRight")
    expect(details).to_have_text(titles[1])
    page.keyboard.press("ArrowLeft")
    expect(details).to_have_text(titles[0])
    page.keyboard.press("End")
    expect(details).to_have_text(titles[-1])
    assert "tl-chosen" in svg.locator("g.tl-tip").last.get_attribute("class")
    assert svg.evaluate("svg => getComputedStyle(svg).outlineStyle") != "none", "the focused timeline has no outline"


# An edge strip of a code block, painted as it is and with its background reduced to the plain colour:
# the two differ exactly where the block shows a shadow.
EDGE = 6  # px


def shadow_at(page, code, side):
    box = code.bounding_box()
    x = box["x"] if side == "left" else box["x"] + box["width"] - EDGE
    clip = {"x": x, "y": box["y"], "width": EDGE, "height": box["height"]}
    painted = page.screenshot(clip=clip, animations="disabled")
    code.evaluate("c => c.style.background = getComputedStyle(c).backgroundColor")
    plain = page.screenshot(clip=clip, animations="disabled")
    code.evaluate("c => c.style.background = ''")
    return painted != plain


def test_a_block_that_scrolls_sideways_shows_it_on_a_phone(chromium, site_url, built_site):
    context = chromium.new_context(base_url=site_url, color_scheme="light", **SIZES["phone"])
    page = context.new_page()
    checked = {"scrolls": 0, "fits": 0}
    problems = []
    for path in page_paths(built_site):
        page.goto(path, wait_until="networkidle")
        for code in page.locator(".md-content pre > code").all():
            if not code.is_visible():  # a Run box's output before its first run (docs/javascripts/runner.js)
                continue
            code.evaluate("c => c.scrollIntoView({block: 'center'})")
            wide = code.evaluate("c => c.scrollWidth > c.clientWidth + 1")
            kind = "scrolls" if wide else "fits"
            if checked[kind] >= 3:
                continue
            checked[kind] += 1
            where = f"{path} block {code.evaluate('c => c.textContent.split(String.fromCharCode(10))[0]')[:40]!r}"
            if not wide:
                if shadow_at(page, code, "left") or shadow_at(page, code, "right"):
                    problems.append(f"{where}: fits, yet shows a shadow")
                continue
            if not shadow_at(page, code, "right") or shadow_at(page, code, "left"):
                problems.append(f"{where}: at its start, no shadow on the right only")
            code.evaluate("c => c.scrollLeft = c.scrollWidth")
            if not shadow_at(page, code, "left") or shadow_at(page, code, "right"):
                problems.append(f"{where}: scrolled to its end, no shadow on the left only")
            code.evaluate("c => c.scrollLeft = 0")
    context.close()
    assert checked["scrolls"] and checked["fits"], f"blocks checked: {checked}"
    assert not problems, "\n".join(problems)
