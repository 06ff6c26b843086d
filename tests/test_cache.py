"""The build cache of executed pages and verified snippet runs (guidekit/cache.py, used by
guidekit/plugin.py and guidekit/page.py).

A page, or a snippet's run, may come from the cache only when none of its ingredients
changed; a change to one ingredient re-executes exactly the pages, and re-runs exactly the
snippets, that use it; a cached build gives the same site, byte for byte, as a build
without cache; a failing page, a failed run and a run shown as not the committed output
are never stored.
"""

import os
import shutil
import signal
import subprocess
import sys
import urllib.parse

import pytest

from guidekit import cache, page, runner, snippets
from guidekit.plugin import GuideExecutePlugin, cell_timeout
from guidekit.runner import GRACE
from guidekit.snippets import REPO, catalogue

ENV = {"guidekit": "g1", "python": "3.13.0", "dependencies": "d1", "webassembly": "w1", "plugin": "p1"}


@pytest.fixture
def fake_repo(tmp_path, monkeypatch):
    """A repository with three snippets, one with settings and one importing a helper beside it."""
    files = {
        "a/one.py": "print('one')\n", "a/one.out": "one\n",
        "a/two.py": "print('two')\n", "a/two.out": "two\n",
        "b/three.py": "import helper\nprint(helper.X)\n", "b/three.out": "3\n", "b/helper.py": "X = 3\n",
        "b/unused.py": "print('unused')\n",
        "snippets.toml": '["a/two.py"]\ntimeout = 5\n',
    }
    for name, text in files.items():
        (tmp_path / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "snippets" / name).write_text(text)
    monkeypatch.setattr(snippets, "REPO", tmp_path)
    monkeypatch.setattr(cache, "REPO", tmp_path)
    monkeypatch.setattr(cache, "SNIPPETS", tmp_path / "snippets")
    return tmp_path / "snippets"


PAGES = {  # page -> the snippets its cells show
    "p1.md": ["a/one.py", "a/two.py"],
    "p2.md": ["b/three.py"],
    "p3.md": ["a/one.py"],
}


def keys(env=ENV, texts=None):
    found = {}
    for name, names in PAGES.items():
        cells = ["from guidekit.page import show"] + [f'show("{n}")' for n in names]
        text = (texts or {}).get(name, f"# {name}\n")
        shows, why_not = cache.shown(cells)
        assert why_not is None and shows == [(n, None) for n in names]
        ingredients, why_not = cache.ingredients(text, shows, env)
        assert why_not is None
        found[name] = cache.key(ingredients)
    return found


def run_keys(env=ENV, runs_on="3.13", clock="fast"):
    """The run key of every snippet a page shows."""
    shown = sorted({name for names in PAGES.values() for name in names})
    return {name: cache.key(cache.run_ingredients(name, None, env, runs_on, clock)) for name in shown}


def changed_pages(before, after):
    return {page for page in before if before[page] != after[page]}


@pytest.mark.parametrize(
    "change, affected, rerun",
    [
        (lambda s: (s / "a/one.py").write_text("print('one!')\n"), {"p1.md", "p3.md"}, {"a/one.py"}),
        (lambda s: (s / "a/one.out").write_text("one!\n"), {"p1.md", "p3.md"}, {"a/one.py"}),
        (lambda s: (s / "a/one.out").unlink(), {"p1.md", "p3.md"}, {"a/one.py"}),
        (lambda s: (s / "a/one.timeline.json").write_text("[]\n"), {"p1.md", "p3.md"}, {"a/one.py"}),  # any committed companion
        (lambda s: (s / "a/two.py").write_text("print('two!')\n"), {"p1.md"}, {"a/two.py"}),
        (lambda s: (s / "snippets.toml").write_text('["a/two.py"]\ntimeout = 6\n'), {"p1.md"}, {"a/two.py"}),
        (lambda s: (s / "snippets.toml").write_text('["a/two.py"]\ntimeout = 5\n["b/unused.py"]\ntimeout = 9\n'), set(), set()),
        (lambda s: (s / "b/helper.py").write_text("X = 4\n"), {"p2.md"}, {"b/three.py"}),
        (lambda s: (s / "b/unused.py").write_text("print('changed')\n"), set(), set()),
    ],
    ids=["source", "transcript", "transcript-deleted", "new-companion", "other-snippet", "settings",
         "unrelated-settings", "imported-helper", "unshown-snippet"],
)
def test_a_snippet_change_re_executes_exactly_its_pages_and_re_runs_exactly_it(fake_repo, change, affected, rerun):
    before, runs_before = keys(), run_keys()
    change(fake_repo)
    assert changed_pages(before, keys()) == affected
    assert changed_pages(runs_before, run_keys()) == rerun


@pytest.mark.parametrize("ingredient", ["guidekit", "python", "dependencies", "webassembly", "runs on", "clock"])
def test_guidekit_python_dependencies_interpreter_and_clock_re_run_every_snippet(fake_repo, ingredient):
    before = run_keys()
    if ingredient == "runs on":
        after = run_keys(runs_on="3.14")
    elif ingredient == "clock":
        after = run_keys(clock="real")
    else:
        after = run_keys(env={**ENV, ingredient: "other"})
    assert changed_pages(before, after) == set(before)


def test_the_ingredients_of_a_run_are_those_of_the_machinery_not_of_the_plugin():
    assert cache.environment({"tags": {}}) == {**cache.machinery(), "plugin": cache.environment({"tags": {}})["plugin"]}
    assert set(cache.machinery()) == {"guidekit", "python", "dependencies", "webassembly"}


@pytest.mark.parametrize("ingredient", sorted(ENV))
def test_guidekit_python_dependencies_and_settings_re_execute_every_page(fake_repo, ingredient):
    before = keys()
    assert changed_pages(before, keys(env={**ENV, ingredient: "other"})) == set(PAGES)


def test_a_page_change_re_executes_that_page_only(fake_repo):
    before = keys()
    assert changed_pages(before, keys(texts={"p2.md": "# p2.md, edited\n"})) == {"p2.md"}


def test_the_log_says_why(fake_repo):
    old, _ = cache.ingredients("# p\n", [("a/one.py", None)], ENV)
    (fake_repo / "a/one.out").write_text("one!\n")
    new, _ = cache.ingredients("# p, edited\n", [("a/one.py", None), ("a/two.py", None)], {**ENV, "python": "3.14"})
    assert cache.why(None, new) == "no cache entry"
    assert cache.why(old, new) == "page changed, python changed, snippet a/one.py changed, snippet a/two.py newly shown"


def test_only_show_cells_can_be_cached(fake_repo):
    assert cache.shown(['from guidekit.page import show\n# a comment\n\nshow("a/one.py")'])[1] is None
    assert cache.shown(["show('x.py', root='tests/bad_snippets')"])[0] == [("x.py", "tests/bad_snippets")]
    for code in ["import time\nprint(time.time())", 'show("a/one.py"); print(1)', "show(name)"]:
        shows, why_not = cache.shown(["from guidekit.page import show", code])
        assert shows == [] and why_not


def test_a_missing_snippet_or_broken_settings_is_not_an_error_here(fake_repo):
    found, _ = cache.ingredients("# p\n", [("a/nothing.py", None)], ENV)
    assert found["snippet a/nothing.py"] == "missing"  # the page executes and fails there, with one line
    (fake_repo / "snippets.toml").write_text("[broken\n")
    assert cache.ingredients("# p\n", [("a/one.py", None)], ENV)[0] is None


IMPORTS_EVERYWHERE = """
import a, b.c as d
from e.f import g
from . import relative
def h():
    import i
    class J:
        def k(self):
            from l import m
try:
    import n
except* ValueError:
    import o
else:
    import p
finally:
    import q
match x:
    case 1:
        import r
async def u():
    async with v:
        import w
    async for x in y:
        import z
if x:
    pass
elif y:
    import aa
"""


def test_imports_are_found_at_any_depth():
    import ast

    tree = ast.parse(IMPORTS_EVERYWHERE)
    everything = {n for node in ast.walk(tree) for n in (
        [a.name for a in node.names] if isinstance(node, ast.Import)
        else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])}
    assert set(cache.imported(tree)) == everything == {"a", "b.c", "e.f", "i", "l", "n", "o", "p", "q", "r", "w", "z", "aa"}


def test_environment_follows_the_node_host_and_the_pinned_webassembly_pythons(tmp_path, monkeypatch):
    guidekit = tmp_path / "guidekit"
    guidekit.mkdir()
    (guidekit / "runner.py").write_text("# runner\n")
    (guidekit / "wasm_host.mjs").write_text("// host\n")
    (tmp_path / "package-lock.json").write_text('{"pyodide-314": "314.0.8"}\n')
    monkeypatch.setattr(cache, "GUIDEKIT", guidekit)
    monkeypatch.setattr(cache, "REPO", tmp_path)
    before = cache.environment({})
    (guidekit / "wasm_host.mjs").write_text("// host, changed\n")
    after_host = cache.environment({})
    (tmp_path / "package-lock.json").write_text('{"pyodide-314": "314.0.9"}\n')
    after_lock = cache.environment({})
    assert after_host["guidekit"] != before["guidekit"]
    assert after_lock["webassembly"] != after_host["webassembly"]
    assert after_lock["guidekit"] == after_host["guidekit"]


def test_environment_is_stable_and_names_this_python():
    env = cache.environment({"tags": {}})
    assert env == cache.environment({"tags": {}})
    assert env["python"] == sys.version
    assert env != cache.environment({"tags": {"x": 1}})


def test_entries_survive_only_intact(tmp_path):
    store = cache.Cache(tmp_path / "execute")
    assert store.get("a/page.md") is None
    store.put("a/page.md", {"page": "x"}, [("x.py", None)], "markdown", {"_execute_outputs/x.png": b"\x89PNG"})
    entry = store.get("a/page.md")
    assert entry["markdown"] == "markdown" and entry["key"] == cache.key({"page": "x"}) and entry["shows"] == [["x.py", None]]
    assert store.outputs(entry) == {"_execute_outputs/x.png": b"\x89PNG"}
    intact = store.path("a/page.md").read_text()
    store.path("a/page.md").write_text(intact[: len(intact) // 2])  # half-written
    assert store.get("a/page.md") is None
    store.path("a/page.md").write_text(intact.replace(f'"format": {cache.FORMAT}', '"format": 0'))  # older layout
    assert store.get("a/page.md") is None
    shutil.rmtree(tmp_path / "execute")
    assert store.get("a/page.md") is None


def test_runs_survive_only_intact_and_under_their_own_key(tmp_path):
    runs = cache.Runs(tmp_path / "runs")
    found = {"snippet": "s1", **ENV, "runs on": "3.13", "clock": "fast"}
    assert runs.get("snippets/a/one.py", found) is None
    runs.put("snippets/a/one.py", found, "markdown")
    assert runs.get("snippets/a/one.py", found) == "markdown"
    assert runs.get("snippets/a/one.py", {**found, "snippet": "s2"}) is None  # another version of the snippet
    assert runs.get("snippets/a/two.py", found) is None
    intact = runs.path("snippets/a/one.py").read_text()
    runs.path("snippets/a/one.py").write_text(intact[: len(intact) // 2])
    assert runs.get("snippets/a/one.py", found) is None


@pytest.fixture
def run_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.RUNS, str(tmp_path / "runs"))
    monkeypatch.delenv(page.PREVIEW, raising=False)
    return cache.Runs(tmp_path / "runs")


def test_a_verified_run_is_stored_and_used_instead_of_a_run(run_cache, monkeypatch):
    snippet = catalogue()[0]
    fresh = page.markdown_of(snippet.name)
    assert snippet.shown_source in fresh and run_cache.path(snippet.display).is_file()

    def no_run(*args, **kwargs):
        raise AssertionError("ran, although its verified run is stored")

    monkeypatch.setattr(runner, "run", no_run)
    assert page.markdown_of(snippet.name) == fresh


@pytest.mark.parametrize("preview", [False, True])
def test_a_failed_run_is_never_stored(run_cache, monkeypatch, preview):
    if preview:  # under `mkdocs serve`: still an error, never shown as output
        monkeypatch.setenv(page.PREVIEW, "1")
    with pytest.raises(snippets.SnippetError, match="raises_unexpectedly.py:6: raised ValueError"):
        page.markdown_of("raises_unexpectedly.py", "tests/bad_snippets")
    assert not run_cache.folder.exists()


def test_an_output_that_is_not_the_committed_one_is_never_stored(run_cache, monkeypatch):
    with pytest.raises(snippets.SnippetError, match="output differs"):
        page.markdown_of("changed_output.py", "tests/bad_snippets")
    monkeypatch.setenv(page.PREVIEW, "1")  # `mkdocs serve` shows it, with its notice
    shown = page.markdown_of("changed_output.py", "tests/bad_snippets")
    assert page.UNACCEPTED in shown and "the edited line" in shown
    assert not run_cache.folder.exists()


def test_the_runs_of_a_page_start_together_and_each_show_takes_its_own(run_cache, monkeypatch):
    names = [s.name for s in catalogue()[:3]]
    page.start([(name, None) for name in names])
    assert set(page.started) == {(name, None) for name in names}
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda markdown: shown.append(markdown.data))
    for name in reversed(names):
        page.show(name)
    assert page.started == {}
    assert shown == [page.markdown_of(name) for name in reversed(names)]


def test_a_run_started_between_cells_still_gets_its_ctrl_c():
    """A kernel ignores SIGINT between cells, when start() may start a run: the run must not inherit that."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        result = runner.run(snippets.get("shutdown/ctrl_c.py"))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert runner.check(result) is None, runner.check(result)


def test_cells_time_out_after_their_snippets_would():
    snippet = catalogue()[0]

    class Cell:
        source = f'show("{snippet.name}")\nshow("{snippet.name}")'

    assert cell_timeout(Cell) >= 2 * (snippet.settings["timeout"] + GRACE)


def test_execution_is_on():
    assert GuideExecutePlugin.execute  # only `python -m guidekit.bench floor` turns it off, in its own process


# --- Real builds of a one-page site -------------------------------------------------------------

CONFIG = """site_name: cache test
docs_dir: docs
plugins:
  - guide-execute:
      include: ["*.md"]
      execute_without_tag: []
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [{snippets}]
      check_paths: true
"""


def build(root, site):
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, timeout=300, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"},  # the theme prints the build date
    )
    return proc.returncode, proc.stdout + proc.stderr


def tree(site):
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
            and p.name != "sitemap.xml.gz"}  # gzip header holds the build time


def make_site(root, page_text):
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Index\n")
    (root / "docs" / "page.md").write_text(page_text)
    (root / "mkdocs.yml").write_text(CONFIG.format(snippets=REPO / "snippets"))


def test_warm_build_runs_no_kernel_and_gives_the_same_site(tmp_path):
    snippet = catalogue()[0]
    page = f'---\nexecute: true\n---\n\n# Page\n\n```python tags=["hide-input"]\nfrom guidekit.page import show\nshow("{snippet.name}")\n```\n'
    make_site(tmp_path, page)
    code, cold = build(tmp_path, tmp_path / "cold")
    assert code == 0, cold
    assert "page.md: executing: no cache entry" in cold and "executed page.md" in cold
    assert (tmp_path / ".cache" / "execute" / "page.md.json").is_file()

    code, warm = build(tmp_path, tmp_path / "warm")
    assert code == 0, warm
    assert "page.md: from cache" in warm and "executed" not in warm
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm")

    # Without the page's entry the page executes in a kernel, its snippet's run from the run cache.
    run = tmp_path / ".cache" / "execute" / "runs" / (urllib.parse.quote(snippet.display, safe="") + ".json")
    stored = run.stat().st_mtime_ns
    (tmp_path / ".cache" / "execute" / "page.md.json").unlink()
    code, from_runs = build(tmp_path, tmp_path / "from-runs")
    assert code == 0, from_runs
    assert "page.md: executing: no cache entry" in from_runs and "executed page.md" in from_runs
    assert run.stat().st_mtime_ns == stored  # not run, so not stored again
    assert tree(tmp_path / "cold") == tree(tmp_path / "from-runs")

    (tmp_path / "docs" / "page.md").write_text(page + "\nOne more sentence.\n")
    code, edited = build(tmp_path, tmp_path / "edited")
    assert code == 0, edited
    assert "page.md: executing: page changed" in edited and "executed page.md" in edited


def test_a_failing_page_is_never_stored(tmp_path):
    page = (REPO / "tests" / "bad_site" / "docs" / "failing_snippet.md").read_text()
    make_site(tmp_path, page)
    for _ in range(2):  # and so fails again, the same way
        code, output = build(tmp_path, tmp_path / "site")
        assert code != 0
        assert "page.md: executing: no cache entry" in output
        assert "page.md:12: tests/bad_snippets/raises_unexpectedly.py:6: raised ValueError" in output
    assert not (tmp_path / ".cache" / "execute" / "page.md.json").exists()
