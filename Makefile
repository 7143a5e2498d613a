# One entry point. `make test` and `make serve` each set everything up first,
# so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup build-deps test-deps test test-fast test-js lint serve build check permalinks rename paths diff bench lock clean

# Graphviz draws the tree diagram at build time; Debian's Chromium runs the
# browser tests (Playwright cannot download browsers here). Each is installed
# only when missing, and only by the targets that need it.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq
build-deps:
	@command -v dot >/dev/null || { $(APT_INSTALL) graphviz >/dev/null; }

# scorm-again, the SCORM runtime learning platforms use, for the package's tests only:
# installed from its lockfile, again whenever the lockfile changes.
SCORM_RUNTIME := tests/scorm_runtime/node_modules/scorm-again/dist/scorm12.js
$(SCORM_RUNTIME): tests/scorm_runtime/package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) npm >/dev/null; }
	cd tests/scorm_runtime && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ESLint, for the site's scripts in build_tools/site/assets/javascripts/: installed from tests/js's lockfile,
# again whenever the lockfile changes. The questionnaire's unit tests need only node.
ESLINT := tests/js/node_modules/.bin/eslint
$(ESLINT): tests/js/package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) npm >/dev/null; }
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-deps: build-deps $(SCORM_RUNTIME)
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium >/dev/null; }

setup: $(STAMP) build-deps

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

lint: setup $(ESLINT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(ESLINT) --config tests/js/eslint.config.js build_tools/site/assets/javascripts tests/js

check: setup
	$(BIN)/python -m build_tools check

# The editor's other commands (docs/editors/command-line.md), without knowing where the virtualenv is.
# `make diff REF=main` compares with another commit than HEAD.
REF ?= HEAD
permalinks: setup
	@$(BIN)/python -m build_tools permalinks --update
rename: setup
	@$(BIN)/python -m build_tools rename
paths: setup
	@$(BIN)/python -m build_tools paths
diff: setup
	@$(BIN)/python -m build_tools diff $(REF)

# The questionnaire's state functions under node --test; the tests make the real tree's data with the venv's Python.
test-js: setup
	@command -v node >/dev/null || { $(APT_INSTALL) nodejs >/dev/null; }
	node --test --test-reporter=spec tests/js/*.test.mjs

# The suite on every core: each worker takes the next test as it frees up (worksteal), so the long
# browser files do not hold the run up; the session's sites are built once in each worker that needs them.
test: lint check test-deps test-js
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -n auto --dist worksteal

# The edit-check loop: the linters, the JavaScript tests and every test that neither drives a browser
# nor builds a site, walks a 100,000-question tree or runs make (the markers tests/conftest.py reads),
# with a few examples per property (Hypothesis's `fast` profile; `make test` runs the full one).
test-fast: lint test-js
	HYPOTHESIS_PROFILE=fast NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -m "not browser and not slow"

# `make serve PORT=8001` serves on another port; a port in use stops it with a message before the build.
PORT ?= 8000
serve: setup
	@$(BIN)/python -m build_tools.mkdocs_plugin.serving 127.0.0.1 '$(PORT)'
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

# The publishing workflow (.github/workflows/publish.yml) runs this target.
# `check` first: every problem in one run, and a SITE_URL that MkDocs' own validation would end in a
# traceback on (a full-width ＠) named at its line, before anything is built.
build: setup
	@NO_MKDOCS_2_WARNING=1 $(BIN)/python -m build_tools check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

bench: setup test-deps
	$(BIN)/python -m benchmarks load
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m benchmarks site
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m benchmarks questionnaire

# Re-pin after changing a range in pyproject.toml.
lock: setup
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test]'
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache .hypothesis
