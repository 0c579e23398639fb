# Two commands do all the set-up on a fresh machine (see README):
#   make demo   set up, then build every round's report of the sample study
#   make test   set up (including Debian's chromium for the browser tests), then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STUDY  := data/invoicing-onboarding
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint setup chromium postgresql sample bench js js-check labextension

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# Browser tests drive Debian's chromium; test tools' own browser downloads fail here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing"; exit 1; }

# The store's tests start a real PostgreSQL server (tests/pg_server.py: initdb into a
# temporary folder, a free port) from Debian's postgresql package.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "postgresql is still missing"; exit 1; }

demo: setup
	$(BIN)/synthesis status $(STUDY)
	$(BIN)/synthesis run $(STUDY) --out reports/invoicing-onboarding

# Fails when the run changed a tracked file or left an untracked one that is not ignored.
# pytest runs the tests, every docstring example under synthesis/ (--doctest-modules) and
# the notebooks (nbval); lint runs first because it takes seconds.
test: setup chromium postgresql js-check lint
	$(BIN)/python tests/clean_tree.py -- $(BIN)/python -m pytest

# ruff (rules chosen in pyproject.toml) over the repository, mypy over synthesis/ (strictness
# stated in pyproject.toml). `$(BIN)/ruff check --fix .` applies the automatic fixes.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# The board's front end: ES modules in synthesis/board/js/, bundled by esbuild (versions
# pinned in package-lock.json) into synthesis/board/static/board.js, which is committed so
# users need no Node. `make js` rebuilds the bundle after a change to the modules.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

js: node_modules/.installed
	npm run --silent build

# With Node on the machine, make test checks the committed bundle is what the modules build
# (rebuilt to a temporary file and compared), type-checks the modules (tsc on their JSDoc)
# and runs their unit tests (node --test). Without Node it says so and goes on.
js-check:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory -s node_modules/.installed && \
	  tmp=$$(mktemp -d) && \
	  npm run --silent build -- --log-level=warning --outfile=$$tmp/board.js && \
	  { cmp -s $$tmp/board.js synthesis/board/static/board.js || { rm -rf $$tmp; \
	    echo "synthesis/board/static/board.js is older than the modules in synthesis/board/js/: rebuild it with 'make js' and commit it."; \
	    exit 1; }; } && rm -rf $$tmp && \
	  npm run --silent typecheck && \
	  node --test --test-reporter=spec tests/js/; \
	else echo "Node is not installed: the board bundle, type and unit checks are skipped."; fi

# Rebuild the sample study's store from its raw files (after a schema change).
sample: setup
	$(BIN)/python data/build_sample_study.py

bench: setup chromium
	$(BIN)/python bench/run_all.py

# Rebuild the JupyterLab extension `synthesis lab` loads, from labextension/ (needs Node and
# npm; the build under synthesis/labextension/ is committed, so users need neither).
labextension: setup
	cd labextension && npm ci --no-audit --no-fund --loglevel=error && \
	  PATH="$(CURDIR)/$(BIN):$$PATH" npm run build
