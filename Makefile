# The two commands a newcomer needs: `make serve` and `make test`. Everything else is here too.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: venv serve build test update clean

venv: $(STAMP)

# The environment is built with the newest installed CPython among 3.11-3.13, so that the
# in-process example checks can run every snippet. Snippets also need looptime and aiofiles
# on the other interpreters: both are pure Python, installed once into snippet-libs.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || "$$(python3 -m guidekit.pythons --newest)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade --target $(VENV)/snippet-libs \
		$$(grep -E '^(aiofiles|looptime)==' requirements.lock)
	touch $@

serve: venv
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: venv
	$(PY) -m mkdocs build --strict

test: venv
	$(PY) -m pytest

# Refresh, on purpose, every committed transcript and every `#>` comment; review with git diff.
# `#>` comments first: they move lines, and transcripts can name lines.
update: venv
	$(PY) -m pytest tests/test_examples.py --update-examples -q
	$(PY) -m guidekit.runner --update

clean:
	rm -rf site .cache test-artifacts
