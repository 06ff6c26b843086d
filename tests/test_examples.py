"""pytest-examples over every snippet: the `#>` comments under each print must match.

`make update` (pytest --update-examples) rewrites them. Snippets run in this process,
on the fast-forward clock unless their settings ask for real time. A snippet that must
raise cannot have its prints checked this way (the run stops at the exception), so it
may carry no `#>` comments; its whole output is in its transcript.
"""

import asyncio
import sys

import pytest
from pytest_examples import CodeExample, EvalExample

from guidekit.child import use_fast_forward_clock
from guidekit.snippets import catalogue


@pytest.fixture
def clock(request):
    snippet = request.node.callspec.params["snippet"]
    if snippet.settings["clock"] != "real":
        use_fast_forward_clock()
    yield
    asyncio.set_event_loop_policy(None)


@pytest.mark.parametrize("snippet", catalogue(), ids=lambda s: s.name)
def test_print_comments(snippet, eval_example: EvalExample, clock, tmp_path, monkeypatch):
    if sys.version_info < snippet.min_python:
        pytest.skip(f"{snippet.display} needs Python {snippet.settings['min_python']}")
    monkeypatch.chdir(tmp_path)  # like the runner: nothing lands in the repository
    source = snippet.path.read_text(encoding="utf-8")
    example = CodeExample.create(source, path=snippet.path)
    declared = snippet.settings["raises"]
    if declared:
        assert "#>" not in source, f"{snippet.display}: a snippet that raises cannot have #> comments checked"
        with pytest.raises(BaseException) as info:
            eval_example.run(example)
        assert type(info.value).__name__ == declared
    elif eval_example.update_examples:
        eval_example.run_print_update(example)
    else:
        eval_example.run_print_check(example)
