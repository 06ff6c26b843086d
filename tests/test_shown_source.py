"""The program a page shows, and its copy button copies: the snippet without its `#>` lines.

Each line of it fits its code block (the browser tests check the built pages too), and it
is a program that prints exactly what the page shows under it: run as shown, it writes
the committed transcript, line numbers in tracebacks and warnings included.
"""

import dataclasses
from pathlib import Path

import pytest

from guidekit import runner, transcript
from guidekit.snippets import Snippet, catalogue

# Measured in chromium at 1280 px wide (docs/stylesheets/guide.css): a numbered code block has
# room for 84 characters; 79 leaves room for a three-digit line number and another font.
MAX_LINE = 79


def test_every_shown_line_fits_its_code_block():
    long = [f"{s.display}, line {number} as shown: {len(line)} characters"
            for s in catalogue() for number, line in enumerate(s.shown_source.splitlines(), 1) if len(line) > MAX_LINE]
    assert not long, f"lines longer than {MAX_LINE} characters:\n" + "\n".join(long)


@dataclasses.dataclass(frozen=True)
class AsShown(Snippet):
    """The snippet's shown program, in a file of its own, run under the snippet's name and settings."""

    file: Path | None = None

    @property
    def path(self) -> Path:
        return self.file

    @property
    def display(self) -> str:
        return Snippet(self.root, self.name).display


@pytest.mark.parametrize("snippet", [s for s in catalogue() if "#>" in s.path.read_text(encoding="utf-8")],
                         ids=lambda s: s.name)
def test_the_shown_program_prints_what_the_page_shows(snippet, tmp_path):
    shown = tmp_path / Path(snippet.name).name
    shown.write_text(snippet.shown_source, encoding="utf-8")
    result = runner.run(AsShown(snippet.root, snippet.name, shown), python=runner.python_for(snippet))
    assert runner.problem(result) is None, runner.problem(result)
    assert result.transcript == transcript.read(snippet), (
        f"{snippet.display}: without its #> lines it prints something else (a line number moved?)")
