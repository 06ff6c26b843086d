"""Every snippet, on every installed Python that meets its minimum version, as its own process.

Each run must do what the snippet declares (exit normally, or raise the declared
exception) and print exactly its committed transcript, line for line and in order.
"""

import pytest

from guidekit import pythons, runner
from guidekit.snippets import catalogue

from .conftest import python_for


@pytest.mark.parametrize("version", pythons.SUPPORTED)
@pytest.mark.parametrize("snippet", catalogue(), ids=lambda s: s.name)
def test_transcript(snippet, version):
    if tuple(map(int, version.split("."))) < snippet.min_python:
        pytest.skip(f"needs Python {snippet.settings['min_python']}")
    result = runner.run(snippet, python=python_for(version))
    error = runner.check(result)
    assert error is None, error
