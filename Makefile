# The two commands a newcomer needs: `make serve` and `make test`. Everything else is here too.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: venv serve build test update clean bench test-realtime

venv: $(STAMP)

# The environment is built with the newest installed CPython among 3.11-3.13, so that the
# in-process example checks can run every snippet. Snippets also need looptime, aiofiles and,
# for snippets/testing/, pytest and pytest-asyncio with what they import on 3.11 and 3.12
# (typing_extensions), on the other interpreters: all pure Python, installed once into snippet-libs.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || "$$(python3 -m guidekit.pythons --newest)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade --target $(VENV)/snippet-libs \
		$$(grep -E '^(aiofiles|looptime|pytest|pytest-asyncio|pluggy|iniconfig|packaging|Pygments|typing_extensions)==' requirements.lock)
	touch $@

serve: venv
	$(PY) -m mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

build: venv
	$(PY) -m mkdocs build --strict

# Several processes (pytest-xdist): most tests wait on a child process, Node or chromium.
TEST_JOBS ?= 4
test: venv node
	$(PY) -m pytest -n $(TEST_JOBS)

# Refresh, on purpose, every committed transcript and every `#>` comment; review with git diff.
# `#>` comments first: they move lines, and transcripts can name lines.
update: venv
	$(PY) -m pytest tests/test_examples.py --update-examples -q
	$(PY) -m guidekit.runner --update

clean:
	rm -rf site dist .cache test-artifacts

# A build for hosting, for the address it will be served at (README: "Publishing the site"):
#   SITE_URL=https://example.org/asyncio-guide/ make dist   -> dist/asyncio-guide-site/ and .tar.gz
#   make preview   serves that folder under its own path on 127.0.0.1:8000, as the host will
.PHONY: dist preview
dist: venv node
	$(PY) -m guidekit.dist

preview: venv
	$(PY) -m guidekit.preview dist/asyncio-guide-site

.PHONY: node axe ids

# The JavaScript parts, pinned in package.json and package-lock.json, installed into node_modules/
# (ignored, never committed): CPython 3.14 and 3.15 compiled to WebAssembly (npm's pyodide, under
# npm aliases) for the test matrix and the Run button, CodeMirror and esbuild for the Edit button
# (guidekit/browser_editor.mjs, bundled into the site by the build), and axe-core for tests/test_a11y.py.
node: node_modules/.installed
axe: node
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Rewrite tests/published-ids.txt from a fresh build. Only on purpose: an id that leaves the
# list may break links in old reviews (tests/test_ids.py explains how to keep one alive).
ids: venv
	$(PY) -m tests.published_ids

# Build speed: medians of 5 runs of the floor (no cell runs), cold, warm and one-snippet-edit
# builds, the snippet checks on both clocks and the peak memory (README: "Build speed").
bench: venv
	$(PY) -m guidekit.bench

# Proof that the fast-forward clock does not change what any snippet prints: every snippet
# on the real clock, REALTIME_JOBS at a time, compared with its committed transcript (each
# printed time may be up to 0.5 s late, never early: guidekit/transcript.py, on_time), on
# the venv's Python and on 3.14 and 3.15 as WebAssembly.
REALTIME_JOBS ?= 4
test-realtime: venv node
	$(PY) -m guidekit.checks --real-time --jobs $(REALTIME_JOBS)
	$(PY) -m guidekit.checks --real-time --jobs $(REALTIME_JOBS) --python 3.14
	$(PY) -m guidekit.checks --real-time --jobs $(REALTIME_JOBS) --python 3.15
