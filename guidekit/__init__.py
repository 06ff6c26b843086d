"""Build machinery of the field guide: snippet -> runner -> page -> test.

- snippets.py   the catalogue: every snippet file and its declared settings
- pythons.py    which interpreters (3.11, 3.12, 3.13) are installed
- child.py      runs inside the snippet's own interpreter (clock, cwd, exceptions)
- runner.py     runs one snippet as its own process and checks what it did
- transcript.py makes output stable and compares it with the committed copy
- page.py       what a page's hidden cell calls to show a snippet and its output
- plugin.py     the mkdocs plugin: the execute plugin plus one-line errors
"""
