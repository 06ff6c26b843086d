"""SITE_URL: the address the built site will be served at (mkdocs.yml reads it as site_url).

Canonical links, the sitemap and the 404 page's links are made from it, so a build is for
one address. ``check()`` accepts an http:// or https:// address with a host and no query
or fragment, adds the trailing slash a folder needs, and refuses anything else with one
line naming the setting. The plugin (guidekit/plugin.py, on_config) checks every build;
``make dist`` (guidekit/dist.py) checks before mkdocs starts, because mkdocs refuses an
address without a scheme in words of its own.
"""

from urllib.parse import urlsplit, urlunsplit

NAME = "SITE_URL"
EXAMPLE = "https://example.org/asyncio-guide/"


def check(value: str) -> str:
    """The address, normalised (a trailing slash added); ValueError with one line if it cannot be one."""
    def refuse(why: str) -> ValueError:
        return ValueError(f"{NAME}={value!r}: {why}; for example {NAME}={EXAMPLE}")

    if value != value.strip() or not value:
        raise refuse("empty or surrounded by spaces")
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as exc:
        raise refuse(f"not an address ({exc})") from None
    if url.scheme not in ("http", "https") or not url.hostname:
        raise refuse("needs http:// or https:// and a host")
    if url.query or url.fragment or url.username or url.password:
        raise refuse("a site's address has no query, fragment or user name")
    return urlunsplit(url._replace(path=url.path if url.path.endswith("/") else url.path + "/"))


def path(value: str) -> str:
    """The path the site is served under: "/asyncio-guide/" for https://example.org/asyncio-guide/."""
    return urlsplit(check(value)).path
