"""A mkdocs hook that also writes every timeline picture as a file: ``site/timelines/<id>.svg``.

Each layout of a picture (guidekit/timeline_svg.py) is a file: ``tl-<snippet>.svg`` (wide) and
``tl-<snippet>-narrow.svg``.

Opt-in, in mkdocs.yml:

    hooks:
      - guidekit/timeline_files.py

The pictures live inline in the pages, where the page's CSS colours them for the light and
dark palettes (an <img> could not follow the palette). This copies each one, byte for
byte, into a file of its own (light colours, as in any viewer without the page's CSS), for
a link, a download or a check of the files. mkdocs loads a hook by its path, not as part
of the package: standard library only, no relative import.
"""

import os
import re

PICTURE = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="tl[^"]*" id="(?P<id>tl-[a-z0-9-]+)".*?</svg>\n', re.DOTALL)


def on_post_page(output, page, config):
    for picture in PICTURE.finditer(output):
        path = os.path.join(config["site_dir"], "timelines", picture["id"] + ".svg")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n' + picture.group(0))
    return output
