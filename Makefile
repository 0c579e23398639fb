# Two commands do all the set-up on a fresh machine (see README):
#   make demo   set up, then build every round's report of the sample study
#   make test   set up (including Debian's chromium for the browser tests), then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STUDY  := data/invoicing-onboarding
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test setup chromium sample bench labextension

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

demo: setup
	$(BIN)/synthesis status $(STUDY)
	$(BIN)/synthesis run $(STUDY) --out reports/invoicing-onboarding

# Fails when the run changed a tracked file or left an untracked one that is not ignored.
test: setup chromium
	$(BIN)/python tests/clean_tree.py -- $(BIN)/python -m pytest

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
