"""axe-core on every page of the built site, light and dark, desktop and phone size: no violation beyond the baseline.

axe-core is the npm package, pinned in package.json: `make node` installs it into
node_modules/ (ignored by git). tests/a11y-baseline.toml lists the findings that
come from mkdocs-material's own markup, each with the reason.
"""

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from guidekit.snippets import REPO

from .browser import SIZES
from .built import page_paths
from .conftest import missing

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BASELINE = Path(__file__).with_name("a11y-baseline.toml")


def excused(entry, rule, path, target):
    return entry["rule"] == rule and fnmatch(path, entry["pages"]) and re.search(entry["target"], target)


def baseline() -> list[dict]:
    return tomllib.loads(BASELINE.read_text(encoding="utf-8"))["finding"]


def unexcused(page, path: str, known: list[dict], used: set[int]) -> list[str]:
    """axe-core on the open page (URL path ``path``): each violation the baseline does not excuse,
    in one line; adds to ``used`` the baseline entries that excused one."""
    page.add_script_tag(path=AXE)
    problems = []
    for rule in page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]:
        for node in rule["nodes"]:
            target = " ".join(map(str, node["target"]))
            matched = {i for i, entry in enumerate(known) if excused(entry, rule["id"], path, target)}
            used |= matched
            if not matched:
                problems.append(f"{path}: {rule['id']} ({rule['impact']}) at {target}: {rule['help']}\n"
                                f"    {node['html'][:160]}")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(chromium, site_url, built_site, scheme, size):
    if not AXE.is_file():
        missing("accessibility test", f"no axe-core at {AXE}: run `make node`")
    known = baseline()
    used, problems = set(), []
    page = chromium.new_context(base_url=site_url, color_scheme=scheme, **SIZES[size]).new_page()
    for path in page_paths(built_site) + ["/404.html"]:
        page.goto(path, wait_until="networkidle")  # after Material's scripts have set up the page
        problems += unexcused(page, path, known, used)
    problems += [f"{BASELINE.name}: [{entry['rule']} {entry['pages']} {entry['target']}] matched nothing: remove it"
                 for i, entry in enumerate(known) if i not in used]
    version = page.evaluate("axe.version")
    page.context.close()
    assert not problems, f"axe-core {version}, {scheme} mode, {size} size:\n" + "\n".join(problems)
