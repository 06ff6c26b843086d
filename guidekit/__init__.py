"""Build machinery of the field guide: snippet -> runner -> page -> test.

- snippets.py   the catalogue: every snippet file and its declared settings
- pythons.py    which interpreters are here: 3.11-3.13 native, 3.14 and 3.15 as WebAssembly
- child.py      runs inside the snippet's own interpreter (clock, cwd, exceptions)
- runner.py     runs one snippet and checks what it did, wherever it runs:
- native.py       as its own native process
- wasm.py         on CPython compiled to WebAssembly, under Node (wasm_host.mjs, wasm_python.py)
- transcript.py makes output stable and compares it with the committed copy
- page.py       what a page's hidden cell calls to show a snippet and its output
- plugin.py     the mkdocs plugin: the execute plugin plus one-line errors
- site_url.py   SITE_URL, the address the site is built for: checked and normalised
"""
