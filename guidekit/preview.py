"""Serve a built site on 127.0.0.1 the way a static host serves it, under its own path.

A site built for https://example.org/asyncio-guide/ is served at
http://127.0.0.1:8000/asyncio-guide/: every address under that path gets its file, an
unknown one (inside the path or outside it) gets the site's 404.html with status 404, as
a host configured for it does. The browser tests use ``serve()`` from a thread;
``make preview`` runs it for ``dist/asyncio-guide-site/``::

    python -m guidekit.preview dist/asyncio-guide-site [--port 8000]

The path comes from the build itself (the canonical link of its home page), so the
preview cannot disagree with the address the site was built for.

``mkdocs_serve()`` starts ``make serve``'s live server instead (``mkdocs serve`` with
``SERVE_ARGS``) on a free port, for the tests and the benchmark.
"""

import argparse
import functools
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
# `make serve`'s arguments (the Makefile spells them too): strict, and under --dirty only the pages
# that changed are rendered again (guidekit/plugin.py, on_files).
SERVE_ARGS = ("serve", "--strict", "--dirty")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` ("/" or "/asyncio-guide/"); anything else is the site's 404 page."""

    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def inside(self) -> str | None:
        """The request's path inside the site ("/tasks/"), or None when it is outside the prefix."""
        path = urlsplit(self.path).path
        root = self.prefix.rstrip("/")
        if path == root or path.startswith(root + "/"):
            return path[len(root):] or "/"
        return None

    def send_head(self):
        if self.inside() is None:
            self.send_error(404)
            return None
        return super().send_head()  # a folder asked for without its slash is redirected to it

    def translate_path(self, path):
        return super().translate_path(self.inside() or "/")

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
        pass  # quiet: the tests name the URLs themselves; the preview prints its address


def server(site: Path, prefix: str = "/", port: int = 0) -> ThreadingHTTPServer:
    """A server for ``site`` under ``prefix`` on 127.0.0.1 (port 0: a free one), not yet serving."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix {prefix!r}: a path that starts and ends with /")
    handler = functools.partial(SiteHandler, directory=str(site), prefix=prefix)
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a directory under ``prefix`` from a thread; yields its base URL, without the final slash:
    "http://127.0.0.1:PORT" for "/", "http://127.0.0.1:PORT/asyncio-guide" for "/asyncio-guide/"."""
    httpd = server(site, prefix)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{prefix.rstrip('/')}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_serve(cwd: Path, path: str = "/", *args: str, env: dict | None = None, stdout=subprocess.PIPE,
                 deadline: float = 120) -> tuple[subprocess.Popen, str]:
    """`mkdocs serve` (SERVE_ARGS, then ``args``) in ``cwd`` on a free port of 127.0.0.1, in a session of
    its own; returns (the server, its base URL without the final slash) once ``path`` answers.
    Raises RuntimeError, with the server stopped, if it ends or does not answer within ``deadline`` s."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *SERVE_ARGS, *args, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=cwd, env={**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1"},
        stdout=stdout, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url, end = f"http://127.0.0.1:{port}", time.monotonic() + deadline
    while True:  # the first build executes every page that is not in the cache
        try:
            urllib.request.urlopen(url + path, timeout=5).close()
            return server, url
        except OSError:
            if server.poll() is not None or time.monotonic() > end:
                if server.poll() is None:
                    os.killpg(server.pid, signal.SIGTERM)
                printed = server.communicate(timeout=30)[0] if stdout == subprocess.PIPE else ""
                raise RuntimeError(f"mkdocs serve did not serve {url + path}; it printed:\n{printed}") from None
            time.sleep(0.2)


def built_for(site: Path) -> str:
    """The address a built site was built for: its home page's canonical link."""
    try:
        found = CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    except OSError as exc:
        raise SystemExit(f"{site}: no built site here ({exc.strerror}); run `SITE_URL=... make dist` first") from None
    if not found:
        raise SystemExit(f"{site / 'index.html'}: no canonical link; was it built with a site_url?")
    return found.group(1)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Serve a built site under its own path, as its host will.")
    parser.add_argument("site", type=Path, help="the built site, e.g. dist/asyncio-guide-site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    address = built_for(args.site)
    prefix = urlsplit(address).path
    try:
        httpd = server(args.site, prefix, args.port)
    except OSError as exc:
        raise SystemExit(f"127.0.0.1:{args.port}: cannot serve there ({exc.strerror}); try --port") from None
    print(f"Serving {args.site}/, built for {address}, at http://127.0.0.1:{args.port}{prefix} (Ctrl-C stops)",
          flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


if __name__ == "__main__":
    sys.exit(main())
