"""Deliberately bad snippets (tests/bad_snippets/) and pages (tests/bad_site/).

Each must give one line naming the file (and line where there is one), end without
hanging, and leave the repository as it was.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit import pythons, runner
from guidekit.snippets import REPO, SnippetError, catalogue

from . import print_comments
from .conftest import mkdocs_serve, python_for

BAD = REPO / "tests" / "bad_snippets"
BAD_SNIPPETS = {s.name: s for s in catalogue(BAD)}


def problem_of(name, python=None):
    result = runner.run(BAD_SNIPPETS[name], python=python)
    error = runner.problem(result)
    assert error is not None and "\n" not in error
    return error, result


def test_unexpected_exception_names_file_and_line():
    error, result = problem_of("raises_unexpectedly.py")
    assert error.startswith("tests/bad_snippets/raises_unexpectedly.py:6: raised ValueError: not part of the plan")
    assert "ValueError: not part of the plan" in result.transcript  # the traceback is kept for the reader


def test_declared_error_that_does_not_happen():
    error, _ = problem_of("declared_raise_but_succeeds.py")
    assert error == (
        "tests/bad_snippets/snippets.toml:6: tests/bad_snippets/declared_raise_but_succeeds.py"
        " is declared to raise RuntimeError but exited with code 0"
    )


def test_a_megabyte_of_output_is_cut_off():
    error, result = problem_of("prints_a_megabyte.py")
    assert error == f"tests/bad_snippets/prints_a_megabyte.py: printed more than {runner.MAX_OUTPUT} bytes and was killed"
    assert len(result.transcript) <= runner.MAX_OUTPUT + 1  # + the closing newline


def test_writing_into_the_working_directory_is_refused_and_lands_nowhere():
    error, _ = problem_of("writes_into_cwd.py")
    assert error.startswith("tests/bad_snippets/writes_into_cwd.py:1: wrote example.txt into its working directory")
    assert not list(REPO.rglob("example.txt"))


def test_syntax_error_names_the_line():
    error, _ = problem_of("syntax_error.py")
    assert error.startswith("tests/bad_snippets/syntax_error.py:4: SyntaxError:")


def test_bad_snippets_never_touch_the_repository():
    before = set(BAD.iterdir())
    for snippet in BAD_SNIPPETS.values():
        runner.run(snippet)
    assert set(BAD.iterdir()) == before


def bad_site_with(page, tmp_path) -> Path:
    """A mkdocs.yml for tests/bad_site with only index.md and ``page``."""
    site = REPO / "tests" / "bad_site"
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("index.md", page):
        (docs / name).symlink_to(site / "docs" / name)
    config = tmp_path / "mkdocs.yml"
    # Same settings, other docs folder: the page under test is read through its symlink.
    config.write_text((site / "mkdocs.yml").read_text().replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("../../snippets", str(REPO / "snippets")).replace("../bad_snippets", str(BAD)))
    return config


def build_bad_page(page, tmp_path):
    """Build tests/bad_site with only index.md and ``page``; return (exit code, output)."""
    config = bad_site_with(page, tmp_path)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=REPO,
    )
    assert time.monotonic() - start < 120
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "page, message",
    [
        ("missing_snippet.md", "missing_snippet.md:12: no snippet snippets/tasks/no_such_snippet.py: the file does not exist"),
        ("failing_snippet.md", "failing_snippet.md:12: tests/bad_snippets/raises_unexpectedly.py:6: raised ValueError"),
        ("missing_include.md", "tasks/no_such_snippet.py"),
        ("changed_output.md", "changed_output.md:12: tests/bad_snippets/changed_output.py: output differs from"
                              " tests/bad_snippets/changed_output.out; run `make update` if the change is intended"),
    ],
)
def test_bad_page_fails_the_build_with_one_line(page, message, tmp_path):
    code, output = build_bad_page(page, tmp_path)
    assert code != 0
    assert message in output, output


def test_under_serve_a_changed_output_is_shown_with_a_notice_and_not_cached(tmp_path):
    """`mkdocs serve` keeps serving: the page shows this run's output under a notice with the diff
    and the command that accepts it (the strict build of the same page fails: the test above)."""
    config = bad_site_with("changed_output.md", tmp_path)
    with mkdocs_serve("/changed_output/", "-f", str(config)) as (url, stop):
        try:
            with urllib.request.urlopen(f"{url}/changed_output/", timeout=5) as response:
                html = response.read().decode()
        except OSError:
            html = None
        output = stop()
    assert html is not None, output
    notice = BeautifulSoup(html, "html.parser").select_one(".guide-unaccepted")
    assert notice is not None and notice.get("role") == "alert", html
    text = notice.get_text()
    assert "Not the committed output: tests/bad_snippets/changed_output.py" in text
    assert "-the line as it was committed" in text and "+the edited line" in text
    assert "make update" in text
    assert "the edited line" in BeautifulSoup(html, "html.parser").select_one(".snippet-output").get_text()
    assert "not cached" in output, output
    assert not list((tmp_path / ".cache").rglob("*changed_output*")), "a page with an unaccepted output was cached"


# --- No check may hang: each path that runs a snippet stops it at its timeout, with one line ---
NEVER_ENDING = {  # snippet: the line it is stopped at
    "hang.py": 5,  # waits for an event nothing sets: on the fast clock, no timer is pending
    "spin.py": 5,  # never awaits (the loop jumps back to its `while` line)
    "blocking_sleep.py": 6,  # blocks the thread in time.sleep()
}


# 3.14 reports an interrupted `while True: pass` on its `pass` line.
LINE_ON = {("spin.py", "3.14"): 6, ("spin.py", "3.15"): 6}


@pytest.mark.parametrize("version", [None, *pythons.WASM], ids=lambda v: v or "native")
@pytest.mark.parametrize("name", NEVER_ENDING)
def test_never_ending_snippet_is_stopped_by_the_runner(name, version):
    """Natively (the process is interrupted, then killed) and on WebAssembly (the host sets the
    interpreter's interrupt flag, which also wakes a sleep, then ends the worker)."""
    error, result = problem_of(name, python_for(version) if version else None)
    line = LINE_ON.get((name, version), NEVER_ENDING[name])
    assert error == f"tests/bad_snippets/{name}:{line}: timed out after 2 s and was stopped"
    assert result.seconds < 2 + runner.GRACE + 5  # stopped, not waited for


@pytest.mark.parametrize("version", [None, *pythons.WASM], ids=lambda v: v or "native")
def test_a_snippet_whose_interpreter_never_reached_its_first_line_says_so(version, monkeypatch):
    """An interpreter that takes longer than START_LIMIT to start (a machine overloaded) is not
    reported as a timeout of the snippet's code: no line of it ever ran."""
    monkeypatch.setattr(runner, "START_LIMIT", 0)  # stop waiting for the start at once
    result = runner.run(BAD_SNIPPETS["hang.py"], python=python_for(version) if version else None, timeout=0.001)
    assert result.never_started
    assert runner.problem(result) == ("tests/bad_snippets/hang.py: stopped before its first line ran: its"
                                      " interpreter took more than 0 s to start (an overloaded machine?)")


@pytest.mark.parametrize("version", pythons.WASM)
def test_a_megabyte_of_output_is_cut_off_on_webassembly(version):
    error, result = problem_of("prints_a_megabyte.py", python_for(version))
    assert error == f"tests/bad_snippets/prints_a_megabyte.py: printed more than {runner.MAX_OUTPUT} bytes and was killed"
    assert len(result.transcript) <= runner.MAX_OUTPUT + 1


@pytest.mark.parametrize("name", NEVER_ENDING)
def test_never_ending_snippet_is_stopped_in_process(name, eval_example, tmp_path, monkeypatch):
    """The `#>` check runs the snippet inside pytest (tests/print_comments.py), with no process to kill."""
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    with pytest.raises(SnippetError) as info:
        print_comments.check(BAD_SNIPPETS[name], eval_example)
    assert str(info.value) == f"tests/bad_snippets/{name}:{NEVER_ENDING[name]}: timed out after 2 s and was stopped"
    assert time.monotonic() - start < 2 + 5


def test_never_ending_snippet_fails_the_build_with_one_line(tmp_path):
    start = time.monotonic()
    code, output = build_bad_page("hanging_snippet.md", tmp_path)
    assert code != 0
    assert "hanging_snippet.md:12: tests/bad_snippets/spin.py:5: timed out after 2 s and was stopped" in output, output
    assert time.monotonic() - start < 60  # the snippet's timeout, not the cell's (a minute more)
