import contextlib
import os

import pytest

from guidekit import pythons

# CI=true turns "this machine lacks X" from a skip into a failure.
ON_CI = os.environ.get("CI", "").lower() == "true"


def missing(what: str, why: str):
    """Skip on a developer's machine, fail on CI: something the run needs is not installed."""
    message = f"{what} skipped: {why}"
    if ON_CI:
        pytest.fail(message + " (CI=true: everything must run)", pytrace=False)
    pytest.skip(message)


INSTALLED_PYTHONS = pythons.installed()


def python_for(version: str) -> str:
    path = INSTALLED_PYTHONS.get(version)
    if path is None:
        missing(f"Python {version}", "no interpreter found on PATH or under pyenv")
    return path


# --- Two fixes to pytest-examples 0.0.18's placement of `#>` comments --------------------
# It inserts the comments walking the prints in reverse order of *execution*, which only
# works for code that prints top to bottom; concurrent snippets do not, and comments land
# on the wrong lines. And it looks for the print only in some statement bodies (not in
# `finally`, `else` or `except*`), putting the comment at column 0 otherwise.
import ast  # noqa: E402

from pytest_examples import run_code  # noqa: E402

_insert = run_code.InsertPrintStatements._insert_print_statements


def _insert_in_line_order(self, example):
    if self.print_func:
        # Stable: several outputs of one print keep the order they were printed in.
        self.print_func.statements.sort(key=lambda statement: statement.line_no)
    return _insert(self, example)


def _find_print_location(example, line_no):
    for node in ast.walk(ast.parse(example.source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print" and node.lineno == line_no:
            return run_code.expr_last_line(node), node.col_offset
    return line_no, 0


run_code.InsertPrintStatements._insert_print_statements = _insert_in_line_order
run_code.find_print_location = _find_print_location


def build_site(site, address: str, **env: str) -> str:
    """``mkdocs build --strict`` into ``site`` for the address it will be served at; returns the build log.

    One build at a time, across the suite's processes (pytest-xdist): each builds the site for
    its own address, and a build that waits for another finds every page in the build cache
    (.cache/execute/; the address is not part of a page's key) instead of running its snippets again."""
    import fcntl
    import subprocess
    import sys

    from guidekit.snippets import REPO

    lock_file = REPO / ".cache" / "tests-build.lock"
    lock_file.parent.mkdir(exist_ok=True)
    with open(lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO, capture_output=True,
            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": address, **env},
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


@contextlib.contextmanager
def mkdocs_serve(path: str = "/", *args: str):
    """`make serve`'s server (guidekit/preview.py, ``mkdocs_serve``; more ``args``: ``-f`` another config)
    on a free port of 127.0.0.1, once ``path`` answers (at most 2 minutes). Yields (base URL without the
    final slash, output()): output() stops the server and returns what it printed."""
    import signal

    from guidekit.preview import mkdocs_serve as start
    from guidekit.snippets import REPO

    server, url = start(REPO, path, *args)
    printed = []

    def output() -> str:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        if not printed:
            printed.append(server.communicate(timeout=30)[0])
        return printed[0]

    try:
        yield url, output
    finally:
        output()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """(folder, base URL): the whole site, built once per test session with every snippet executed
    (--strict), served on 127.0.0.1 from a thread. It is built for the address it is served at, as a
    host's site is: Material's instant navigation only takes over links to that address."""
    from guidekit.preview import serve

    site = tmp_path_factory.mktemp("site")
    with serve(site) as url:  # the port first, then the build for it
        build_site(site, url + "/")
        yield site, url


@pytest.fixture(scope="session")
def built_site(served_site):
    return served_site[0]


# --- The built site in a real browser (tests/browser.py) -----------------------------------
@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, driven by playwright. Per module, not per session: while playwright's
    sync API is open, its event loop counts as running in this thread, and the in-process
    asyncio.run() of tests/test_examples.py would fail."""
    from .browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        missing("browser test", f"no chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(served_site):
    """The built site's base URL on 127.0.0.1, without the final slash: goto("/tasks/") works."""
    return served_site[1]


@pytest.fixture
def page(chromium, site_url):
    """A fresh tab in light mode, desktop size, allowed to use the clipboard; goto("/tasks/") works."""
    context = chromium.new_context(base_url=site_url, color_scheme="light", viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    context.set_default_timeout(10_000)  # a missing element fails in 10 s, not playwright's 30
    yield context.new_page()
    context.close()


def pytest_terminal_summary(terminalreporter):
    """The browser tests counted, with how many snippets ran in the page; the transcript tests counted
    per Python version, with how each version ran. A test counts once: its call, or the step that failed."""
    counts, browser, in_page = {}, {}, []
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if not (report.when == "call" or outcome != "passed"):
                continue
            if "test_transcripts.py::test_transcript[" in report.nodeid:
                version = report.nodeid.rsplit("-", 1)[-1].rstrip("]")
                counts.setdefault(version, {}).setdefault(outcome, 0)
                counts[version][outcome] += 1
            if getattr(report, "keywords", {}).get("browser"):
                browser[outcome] = browser.get(outcome, 0) + 1
                in_page += [value for name, value in report.user_properties if name == "runs in the page"]
    if browser:
        terminalreporter.section("browser tests (Debian's chromium)")
        terminalreporter.write_line(", ".join(f"{n} {k}" for k, n in sorted(browser.items())))
        for line in in_page:
            terminalreporter.write_line(line)
    if counts:
        terminalreporter.section("transcript tests per Python")
        for version in pythons.SUPPORTED:
            where = "WebAssembly" if version in pythons.WASM else "native"
            c = counts.get(version, {})
            terminalreporter.write_line(f"{version} ({where}): " + ", ".join(f"{n} {k}" for k, n in sorted(c.items())))
