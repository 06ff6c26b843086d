"""What the browser tests share: a local server for the built site, and Debian's chromium.

Python playwright cannot download its own browsers here, so it drives /usr/bin/chromium
(Debian's package `chromium`) with the flags that keep it off the network.
"""

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site; an unknown address gets the site's 404.html, as a real host does."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # quiet: failures name the URLs themselves


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 (a free port) from a thread; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


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
