"""Every snippet, on every Python of the matrix that meets its minimum version, as its own process.

3.11, 3.12 and 3.13 run natively; 3.14 and 3.15 as CPython compiled to WebAssembly under
Node (guidekit/wasm.py), where a snippet that declares ``not_on_webassembly`` is skipped.

Each run must do what the snippet declares (exit normally, or raise the declared
exception) and print exactly its committed transcript, line for line and in order.
"""

import pytest

from guidekit import pythons, runner
from guidekit.snippets import catalogue, get

from .conftest import python_for


@pytest.mark.parametrize("version", pythons.SUPPORTED)
@pytest.mark.parametrize("snippet", catalogue(), ids=lambda s: s.name)
def test_transcript(snippet, version):
    if why := snippet.checked_on(version):
        pytest.skip(why)
    result = runner.run(snippet, python=python_for(version))
    error = runner.check(result)
    assert error is None, error


def test_the_test_runs_pytest_settings_do_not_reach_a_snippet(monkeypatch):
    """snippets/testing/ run pytest themselves: this suite's PYTEST_ADDOPTS, or pytest-xdist's
    PYTEST_XDIST_WORKER, must not change what they print (guidekit/runner.py drops PYTEST_*)."""
    monkeypatch.setenv("PYTEST_ADDOPTS", "--collect-only")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    result = runner.run(get("testing/with_pytest.py"))
    assert runner.check(result) is None, runner.check(result)
