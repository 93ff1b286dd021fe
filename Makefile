# The few verbs people type. Each creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tests/browser/node_modules/axe-core/axe.min.js
# Zensical, pinned, in a virtual environment of its own: only the tests use it.
ZENSICAL_VENV := .venv-zensical
ZENSICAL := $(ZENSICAL_VENV)/bin/zensical
ZENSICAL_VERSION := 0.0.73
CONTENT ?= content
SEEDS ?= seeds
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site offline check build test lint bench mutate clean

# Installs take the versions the tests ran with: every dependency, direct and indirect,
# is pinned in tests/constraints.txt (tests/test_constraints.py keeps it and pyproject agreed).
CONSTRAINTS := tests/constraints.txt

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test,import]'
	touch $(STAMP)

# axe-core for the browser tests, from the npm registry (pinned in tests/browser).
# Without npm the accessibility tests skip, and fail when CI is set.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests in tests/site/test_browser.py will skip"; fi

$(ZENSICAL): tests/constraints-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --upgrade pip
	$(ZENSICAL_VENV)/bin/pip install --quiet -c tests/constraints-zensical.txt zensical==$(ZENSICAL_VERSION)
	touch $(ZENSICAL)

serve: $(STAMP)  ## build and serve the default briefing with live reload
	$(BIN)/briefing serve

site: $(STAMP)  ## build site/ strictly and atomically
	$(BIN)/briefing site

offline: $(STAMP)  ## build site-offline/, readable from file://
	$(BIN)/briefing site --offline --site-dir site-offline

check: $(STAMP)  ## check the default briefing
	$(BIN)/briefing check --content $(CONTENT) --seeds $(SEEDS)

build: $(STAMP)  ## write the Markdown pages to build/docs
	$(BIN)/briefing build --content $(CONTENT) --seeds $(SEEDS) --out build/docs

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: $(STAMP) $(AXE) $(ZENSICAL) lint  ## run every test
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) mutants site site-offline build .pytest_cache .mypy_cache .ruff_cache

$(VENV)/.mutmut: $(STAMP)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test,import,mutate]'
	touch $@

mutate: $(VENV)/.mutmut  ## mutation testing of the core (slow: not part of make test)
	$(BIN)/python bench/mutate.py

bench: $(STAMP)  ## benchmark check, build and site against the YAML parse floor
	$(BIN)/python bench/run.py
