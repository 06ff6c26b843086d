"""The build cache: executed pages and verified snippet runs, in ``.cache/execute/`` beside mkdocs.yml.

Two levels, with the same ingredients. A page whose ingredients are unchanged is taken
whole from ``Cache`` and no kernel starts. A page that must execute runs in its kernel,
where each ``show()`` takes the snippet's verified run from ``Runs`` (``runs/``) when the
snippet's own ingredients are unchanged: a page whose one snippet changed re-runs only
that snippet.

A page is taken from the cache only when everything that can change what its cells
display is the same as when it was stored. Those are its *ingredients*, each one hashed:

- ``page``: the page's own text;
- ``snippet <name>``, for every snippet it shows: its source and every committed file
  beside it with the same name (x.out transcript, x.timeline.json, ...), its settings in
  snippets.toml and the source of any module it imports from its own folder;
- ``guidekit``: the source of every guidekit/*.py module (runner, page, plugin, ...);
- ``python``: the version of the interpreter that runs the kernel and the snippets;
- ``dependencies``: every installed distribution and version, the snippets' libraries included;
- ``plugin``: the execute plugin's settings in mkdocs.yml.

A page whose cells do anything but ``from guidekit.page import show`` and
``show("folder/x.py")`` is never cached: nothing could tell when its output changes.
Only pages that executed without error are stored. The entry records the ingredients,
so a page that runs again can say why.

A snippet's run (``run_ingredients``): the ``snippet`` ingredient above, ``guidekit``,
``python``, ``dependencies``, ``webassembly``, the interpreter it ran on (``runs on``:
this one, or 3.14 as WebAssembly for a snippet that needs it) and its ``clock``. Only a
run that did what the snippet declares and printed its committed transcript is stored
(as the Markdown ``show()`` displays); a failed run, or one shown under ``mkdocs serve``
as not the committed output, never is.

Deleting the folder, or any file in it, is safe at any time: a missing or unreadable
entry only means the page executes, or the snippet runs.
"""

import ast
import functools
import glob
import hashlib
import json
import os
import re
import sys
import threading
import urllib.parse
from pathlib import Path

from .snippets import DEFAULTS, REPO, SETTINGS_FILE, SNIPPETS, Snippet, SnippetError, settings_for

RUNS = "GUIDE_RUN_CACHE"  # set by the plugin to the folder of verified runs; its kernels inherit it
FORMAT = 2  # bump when the entry layout changes: older entries are then ignored
# The one recogniser of show("x.py") / show("x.py", root="...") calls, for the cache and the plugin.
SHOW_LINE = re.compile(r"""show\(\s*(["'])(?P<name>[^"']+)\1\s*(?:,\s*root\s*=\s*(["'])(?P<root>[^"']+)\3\s*)?\)""")
IMPORT_LINE = "from guidekit.page import show"


GUIDEKIT = Path(__file__).parent  # the machinery: its Python and its Node host (wasm_host.mjs)


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # no two different sequences of parts collide
        h.update(data)
    return h.hexdigest()


def shown(code_cells: list[str]) -> tuple[list[tuple[str, str | None]], str | None]:
    """([(snippet name, root or None)], None), or ([], why the cells cannot be cached)."""
    names = []
    for source in code_cells:
        for line in source.splitlines():
            line = line.strip()
            if not line or line.startswith("#") or line == IMPORT_LINE:
                continue
            if m := SHOW_LINE.fullmatch(line):
                names.append((m["name"], m["root"]))
            else:
                return [], f"a cell runs `{line}`, not just show(\"...\"), so no key can cover it"
    return names, None


def local_imports(path: Path, seen: set[Path]) -> list[bytes]:
    """Sources of the modules a snippet imports from its own folder (sys.path[0] when it runs)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError):
        return []  # it fails when it runs; its own text is already part of the key
    sources = []
    for module in imported(tree):
        top = module.split(".")[0]
        for candidate in (path.parent / f"{top}.py", path.parent / top):
            files = sorted(candidate.rglob("*.py")) if candidate.is_dir() else [candidate] if candidate.is_file() else []
            for file in files:
                if file not in seen:
                    seen.add(file)
                    sources += [file.name.encode(), file.read_bytes(), *local_imports(file, seen)]
    return sources


def imported(tree: ast.Module):
    """Every module an import statement names, anywhere: statements only, no expression is visited."""
    statements = list(tree.body)
    while statements:
        node = statements.pop()
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            statements.extend(child for child in getattr(node, field, ()) if isinstance(child, ast.AST))


WRITTEN_THERE = frozenset({"__pycache__", ".cache"})  # folders Python and the build write into, not sources


def files_under(*paths) -> list[str]:
    """Every file among ``paths`` and in their folders (resolved first), in a fixed order, without
    WRITTEN_THERE: what pages are made of (the plugin's site_key, guidekit/kernels.py's guess, which
    runs at the start of every build: os.walk, 0.6 ms here, where pathlib's rglob took 5 ms)."""
    found = []
    for top in (os.path.realpath(p) for p in paths):
        if os.path.isfile(top):
            found.append(top)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in WRITTEN_THERE)
            found += [os.path.join(folder, f) for f in sorted(files) if os.path.isfile(os.path.join(folder, f))]
    return found


@functools.lru_cache(maxsize=16)
def _settings(root: Path, text: str) -> dict:
    return settings_for(root)[0]  # parsed once per build (and per content of the file), not once per snippet


def snippet_digest(name: str, root: str | None) -> str:
    snippet = Snippet(REPO / root if root else SNIPPETS, name)
    if not snippet.path.is_file():
        return "missing"
    file = snippet.root / SETTINGS_FILE
    settings = _settings(snippet.root, file.read_text(encoding="utf-8") if file.is_file() else "").get(name, DEFAULTS)
    # Its committed companions, whatever their kind: x.out (transcript), x.timeline.json, ...
    companions = sorted(p for p in snippet.path.parent.glob(glob.escape(snippet.path.stem) + ".*") if p.is_file())
    return digest(
        json.dumps(settings, sort_keys=True),
        *(part for p in companions for part in (p.name, p.read_bytes())),
        *local_imports(snippet.path, {snippet.path}),
    )


def environment(plugin_settings: dict) -> dict[str, str]:
    """The ingredients every page shares: computed once per build."""
    return {**machinery(), "plugin": digest(json.dumps(plugin_settings, sort_keys=True, default=str))}


def machinery() -> dict[str, str]:
    """The ingredients every page and every snippet run shares: guidekit, Python, what is installed."""
    guidekit = sorted(p for p in GUIDEKIT.iterdir() if p.suffix in (".py", ".mjs"))
    from .runner import SNIPPET_LIBS

    installed = []
    for entry in {*sys.path, str(SNIPPET_LIBS)}:
        if entry and os.path.isdir(entry):
            # The folder names carry name and version: "looptime-0.9.dist-info".
            installed += [n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info"))]
    return {
        "guidekit": digest(*(part for p in guidekit for part in (p.name, p.read_bytes()))),
        "python": sys.version,
        "dependencies": digest(*sorted(installed)),
        # 3.14 and 3.15 are npm packages (guidekit/wasm.py): their pinned versions.
        "webassembly": digest(lock.read_bytes() if (lock := REPO / "package-lock.json").exists() else b""),
    }


def ingredients(page_text: str, shows: list[tuple[str, str | None]], env: dict[str, str]) -> tuple[dict[str, str] | None, str | None]:
    """(ingredients, None) of a page that shows these snippets, else (None, why they cannot be known)."""
    found = {"page": digest(page_text), **env}
    try:
        for name, root in shows:
            found[f"snippet {root + '/' if root else ''}{name}"] = snippet_digest(name, root)
    except (SnippetError, OSError) as exc:
        return None, f"its snippets cannot be read ({exc})"
    return found, None


def run_ingredients(name: str, root: str | None, env: dict[str, str], runs_on: str, clock: str) -> dict[str, str]:
    """What one snippet's run depends on: its own ingredient, ``machinery()``, its interpreter and clock."""
    return {"snippet": snippet_digest(name, root), **env, "runs on": runs_on, "clock": clock}


def key(found: dict[str, str]) -> str:
    return digest(json.dumps(found, sort_keys=True))


def why(old: dict[str, str] | None, new: dict[str, str]) -> str:
    """Why a page runs: which ingredients differ from the stored entry's."""
    if old is None:
        return "no cache entry"
    changed = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            changed.append(f"{name} no longer shown" if name.startswith("snippet ") else f"{name} gone")
        elif name not in old:
            changed.append(f"{name} newly shown" if name.startswith("snippet ") else f"{name} added")
        elif old[name] != new[name]:
            changed.append(f"{name} changed")
    return ", ".join(changed) or "entry unusable"


class Cache:
    """One JSON file per page: {format, page, key, ingredients, shows, markdown, outputs}."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, page: str) -> Path:
        return self.folder / (urllib.parse.quote(page, safe="") + ".json")

    def get(self, page: str) -> dict | None:
        try:
            entry = json.loads(self.path(page).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        fields = {"key", "ingredients", "shows", "markdown", "outputs"}
        ok = isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("page") == page and fields <= entry.keys()
        return entry if ok else None

    def put(self, page: str, found: dict[str, str], shows: list, markdown: str, outputs: dict[str, bytes]) -> None:
        import base64

        entry = {
            "format": FORMAT, "page": page, "key": key(found), "ingredients": found, "shows": shows, "markdown": markdown,
            "outputs": {name: base64.b64encode(data).decode("ascii") for name, data in outputs.items()},
        }
        write_atomically(self.path(page), json.dumps(entry))

    @staticmethod
    def outputs(entry: dict) -> dict[str, bytes]:
        import base64

        return {name: base64.b64decode(data) for name, data in entry["outputs"].items()}


class Runs:
    """One JSON file per snippet, its last verified run: {format, snippet, key, ingredients, markdown}."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, snippet: str) -> Path:
        return self.folder / (urllib.parse.quote(snippet, safe="") + ".json")

    def get(self, snippet: str, found: dict[str, str]) -> str | None:
        """The stored Markdown of this snippet's run, if it was stored under exactly these ingredients."""
        try:
            entry = json.loads(self.path(snippet).read_text(encoding="utf-8"))
            ok = entry["format"] == FORMAT and entry["snippet"] == snippet and entry["key"] == key(found)
            return entry["markdown"] if ok and isinstance(entry["markdown"], str) else None
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, snippet: str, found: dict[str, str], markdown: str) -> None:
        entry = {"format": FORMAT, "snippet": snippet, "key": key(found), "ingredients": found, "markdown": markdown}
        write_atomically(self.path(snippet), json.dumps(entry))


def write_atomically(target: Path, text: str) -> None:
    """A build killed half-way never leaves half an entry; two writers never mix theirs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
