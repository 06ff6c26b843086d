"""Published heading ids (tests/published-ids.txt) keep working after pages change.

A renamed heading keeps its old id alive with an empty element above it; a moved page
with a redirect (mkdocs-redirects, `redirect_maps` in mkdocs.yml). `make ids` rewrites
the list, for an id that is really gone: a deliberate act, visible in the review.
"""

from guidekit.snippets import REPO

from .built import element_ids, html_file, redirect_of, source_of
from .published_ids import LIST, read


def resolve(site, path):
    """The page path a reader ends on, following redirect stubs; None if there is none."""
    for _ in range(5):
        if not html_file(site, path).is_file():
            return None
        if (target := redirect_of(site, path)) is None:
            return path
        path = target
    return None


def test_published_id_list_is_well_formed():
    entries = read()
    assert entries, f"{LIST.name} is empty: run `make ids`"
    assert len(entries) == len(set(entries)), f"{LIST.name} lists an id twice"
    bad = [entry for entry in entries if not entry.startswith("/") or entry.count("#") != 1]
    assert not bad, f"not `/page/#id`: {bad}"


def test_every_published_id_still_resolves(built_site):
    problems = []
    for entry in read():
        path, _, anchor = entry.partition("#")
        page = resolve(built_site, path)
        if page is None:
            problems.append(f"{entry}: page {path} is gone. If it moved, declare a redirect in mkdocs.yml "
                            f"(plugins: redirects: redirect_maps: {{old.md: new.md}})")
        elif anchor not in element_ids(built_site, page):
            moved = f" (redirected to {page})" if page != path else ""
            problems.append(f"{entry}: no element with id \"{anchor}\" on {page}{moved} any more. If the heading was "
                            f"renamed, keep old links working: put <span id=\"{anchor}\"></span> on its own line above "
                            f"the heading in {source_of(page).relative_to(REPO)}. If it is gone "
                            f"for good, run `make ids` and say so in the review.")
    assert not problems, "\n".join(problems)
