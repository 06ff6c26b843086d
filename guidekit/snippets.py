"""The catalogue: every snippet file under a root folder, with its declared settings.

Settings live in one file per root, ``snippets.toml``. A snippet that is not listed
there uses the defaults. A table per snippet, keyed by its path under the root:

    ["tasks/module_level_task.py"]
    raises = "RuntimeError"   # must end with this exception (the page shows it)
    min_python = "3.12"       # checked on this Python and newer only
    timeout = 5               # seconds before the runner kills it
    clock = "real"            # needs real time (the default is the fast-forward clock)
    not_on_webassembly = "WebAssembly has no threads"   # cannot run on 3.14/3.15 here: why
"""

import dataclasses
import re
import tomllib
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNIPPETS = REPO / "snippets"
SETTINGS_FILE = "snippets.toml"
# pytest-examples' record of what a print printed, on the lines under it: `    #> 0.5s done`.
PRINT_COMMENT = re.compile(r"^[ \t]*#>.*(?:\n|$)", re.MULTILINE)
DEFAULTS = {"raises": None, "min_python": "3.11", "timeout": 30.0, "clock": "fast", "not_on_webassembly": None}


class SnippetError(Exception):
    """A one-line, user-facing error: names the file (and line) and what went wrong."""


@dataclasses.dataclass(frozen=True)
class Snippet:
    root: Path
    name: str  # path under the root, with forward slashes: "tasks/gather_order.py"

    @property
    def path(self) -> Path:
        return self.root / self.name

    @property
    def display(self) -> str:
        """Path relative to the repository: what pages, errors and tracebacks show."""
        return self.path.relative_to(REPO).as_posix()

    @property
    def shown_source(self) -> str:
        """The program as its page shows it and the copy button copies: the file without its
        `#>` lines, which repeat the output the page shows under the code."""
        return PRINT_COMMENT.sub("", self.path.read_text(encoding="utf-8"))

    @property
    def transcript_path(self) -> Path:
        return self.path.with_suffix(".out")

    @cached_property
    def settings(self) -> dict:
        return settings_for(self.root)[0].get(self.name, DEFAULTS)

    @property
    def min_python(self) -> tuple[int, int]:
        return tuple(int(x) for x in self.settings["min_python"].split("."))

    def checked_on(self, version: str) -> str | None:
        """None when this snippet is checked on ``version``, else why not."""
        from .pythons import WASM

        if tuple(map(int, version.split("."))) < self.min_python:
            return f"needs Python {self.settings['min_python']}"
        if version in WASM and self.settings["not_on_webassembly"]:
            return f"cannot run on WebAssembly: {self.settings['not_on_webassembly']}"
        return None

    def settings_line(self) -> str:
        """``snippets/snippets.toml:12`` where this snippet's settings are declared."""
        return settings_for(self.root)[1].get(self.name, (REPO / self.root / SETTINGS_FILE).relative_to(REPO).as_posix())


def settings_for(root: Path) -> tuple[dict, dict]:
    """({name: settings}, {name: "file:line"}) read from ``root/snippets.toml``."""
    file = root / SETTINGS_FILE
    if not file.exists():
        return {}, {}
    text = file.read_text(encoding="utf-8")
    where = file.relative_to(REPO).as_posix()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SnippetError(f"{where}: {exc}") from None
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        if m := re.match(r'\s*\[\s*"([^"]+)"\s*\]', line):
            lines[m.group(1)] = f"{where}:{number}"
    settings = {}
    for name, values in raw.items():
        unknown = set(values) - set(DEFAULTS)
        if unknown:
            raise SnippetError(f"{lines.get(name, where)}: unknown setting(s) {', '.join(sorted(unknown))} for {name}")
        if not (root / name).is_file():
            raise SnippetError(f"{lines.get(name, where)}: settings for {name}, which does not exist")
        settings[name] = {**DEFAULTS, **values}
    return settings, lines


def catalogue(root: Path = SNIPPETS) -> list[Snippet]:
    """Every ``*.py`` file under root, sorted by name."""
    settings_for(root)  # fail early on a broken or stale settings file
    return [Snippet(root, p.relative_to(root).as_posix()) for p in sorted(root.rglob("*.py"))]


def get(name: str, root: Path = SNIPPETS) -> Snippet:
    snippet = Snippet(root, name)
    if not snippet.path.is_file():
        raise SnippetError(f"no snippet {snippet.display}: the file does not exist")
    return snippet
