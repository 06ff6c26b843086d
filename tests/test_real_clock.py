"""The real-clock comparison (guidekit/transcript.py, ``on_time``): a busy machine makes a run
late, never early, so every printed time may be later than the committed one by at most
``transcript.LATE`` seconds; everything else, the order of the lines included, is exact."""

import pytest

from guidekit import runner, transcript
from guidekit.snippets import get

COMMITTED = "fast finished after 1 s\nslow finished after 2 s\nboth done after 2.0 s, not 3 s\n"


@pytest.mark.parametrize("live", [
    COMMITTED,
    COMMITTED.replace("2.0 s,", "2.1 s,"),
    COMMITTED.replace("2.0 s,", f"{2.0 + transcript.LATE:.1f} s,"),
])
def test_a_time_late_by_at_most_the_bound_matches(live):
    assert transcript.on_time(COMMITTED, live)


@pytest.mark.parametrize("live", [
    COMMITTED.replace("2.0 s,", "1.9 s,"),  # early: the real clock is never early
    COMMITTED.replace("2.0 s,", f"{2.0 + transcript.LATE + 0.1:.1f} s,"),  # later than the bound
    COMMITTED.replace("fast", "quick"),  # other words
    "slow finished after 2 s\nfast finished after 1 s\nboth done after 2.0 s, not 3 s\n",  # other order
    COMMITTED + "one line more\n",
    COMMITTED.replace("2.0 s,", "2.0s,"),  # only the numbers may differ
])
def test_anything_else_does_not_match(live):
    assert not transcript.on_time(COMMITTED, live)


def test_a_real_clock_run_is_compared_with_the_rule_and_two_swapped_lines_fail(monkeypatch):
    snippet = get("tasks/gather_order.py")
    result = runner.run(snippet, real_time=True)
    assert runner.check(result) is None
    lines = transcript.read(snippet).splitlines(keepends=True)
    swapped = "".join([lines[1], lines[0], *lines[2:]])
    monkeypatch.setattr(transcript, "read", lambda s: swapped)
    error = runner.check(result)
    assert error.startswith(
        "snippets/tasks/gather_order.py: output differs from snippets/tasks/gather_order.out"
        f" (on the real clock a printed time may be up to {transcript.LATE} s later, never earlier)"
    ), error


def test_the_fast_clock_allows_no_difference_at_all(monkeypatch):
    snippet = get("tasks/gather_order.py")
    result = runner.run(snippet)
    assert runner.check(result) is None
    committed = transcript.read(snippet)
    monkeypatch.setattr(transcript, "read", lambda s: committed.replace("2.0 s,", "2.1 s,"))
    assert runner.check(result) is not None


def test_the_landing_page_states_the_rule():
    text = " ".join((transcript.REPO / "docs" / "index.md").read_text(encoding="utf-8").split())
    assert f"may be up to {transcript.LATE} s later than the one shown, and never earlier" in text
