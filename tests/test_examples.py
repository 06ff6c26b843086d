"""pytest-examples over every snippet: the `#>` comments under each print must match.

`make update` (pytest --update-examples) rewrites them. Snippets run in this process,
on the fast-forward clock unless their settings ask for real time. A snippet that must
raise cannot have its prints checked this way (the run stops at the exception), so it
may carry no `#>` comments; its whole output is in its transcript. Every run stops at the
snippet's timeout (tests/print_comments.py).
"""

import sys

import pytest
from pytest_examples import EvalExample

from guidekit.snippets import catalogue

from . import print_comments


@pytest.mark.parametrize("snippet", catalogue(), ids=lambda s: s.name)
def test_print_comments(snippet, eval_example: EvalExample, tmp_path, monkeypatch):
    if sys.version_info < snippet.min_python:
        pytest.skip(f"{snippet.display} needs Python {snippet.settings['min_python']}")
    monkeypatch.chdir(tmp_path)  # like the runner: nothing lands in the repository
    print_comments.check(snippet, eval_example)
