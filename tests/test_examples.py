"""pytest-examples over every snippet: the `#>` comments under each print must match.

`make update` (pytest --update-examples) rewrites them. Snippets run in this process,
on the fast-forward clock unless their settings ask for real time. A snippet that must
raise cannot have its prints checked this way (the run stops at the exception), so it
may carry no `#>` comments; its whole output is in its transcript. Neither may a snippet
that this Python cannot run (one that needs 3.14 or 3.15). Every run stops at the
snippet's timeout (tests/print_comments.py).
"""

import pytest
from pytest_examples import EvalExample

from guidekit import pythons
from guidekit.snippets import catalogue

from . import print_comments


@pytest.mark.parametrize("snippet", catalogue(), ids=lambda s: s.name)
def test_print_comments(snippet, eval_example: EvalExample, tmp_path, monkeypatch):
    if why := snippet.checked_on(pythons.CURRENT):
        # Only 3.14 and 3.15 (WebAssembly) can run it: its transcript there is its check.
        assert "#>" not in snippet.path.read_text(encoding="utf-8"), (
            f"{snippet.display}: `#>` comments are checked on this Python only, which cannot run it ({why})")
        pytest.skip(f"{snippet.display}: {why}")
    monkeypatch.chdir(tmp_path)  # like the runner: nothing lands in the repository
    print_comments.check(snippet, eval_example)
