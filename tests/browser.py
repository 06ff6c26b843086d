"""What the browser tests share: Debian's chromium, and what a page requested and logged.

The built site is served by guidekit/preview.py's ``serve()`` (also ``make preview``).

Python playwright cannot download its own browsers here, so it drives /usr/bin/chromium
(Debian's package `chromium`) with the flags that keep it off the network.
"""

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    # Without these chromium phones home at start; the closed network refuses, noisily.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
SIZES = {  # the screens the pages are checked on: playwright's new_context() arguments
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}


def watch(page, base_url: str) -> tuple[list[str], list[str]]:
    """Record a page's console errors and its requests to any host but the local server.

    Returns two lists that fill up while the page is used."""
    errors, foreign = [], []
    local = urlsplit(base_url).netloc
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))

    def on_request(request):
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != local:
            foreign.append(request.url)

    page.on("request", on_request)
    return errors, foreign


def screenshot_path(path: str, scheme: str, size: str = "desktop") -> Path:
    """test-artifacts/screenshots/tasks-dark.png for /tasks/ in dark mode, tasks-dark-phone.png on a phone (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if size == "desktop" else f"-{size}"
    return SCREENSHOTS / f"{path.strip('/').replace('/', '-') or 'index'}-{scheme}{suffix}.png"


def share_search(page, term: str) -> str:
    """Search for ``term`` on the open page, press the search box's share button, and return
    the link it copied (the context needs clipboard permissions)."""
    from playwright.sync_api import expect

    page.locator(".md-search__input").click()
    page.keyboard.type(term)  # Material searches on key events: fill() would not trigger it
    expect(page.locator(".md-search-result__item a").first).to_be_visible()
    page.locator("[data-md-component=search-share]").click()
    return page.evaluate("navigator.clipboard.readText()")
