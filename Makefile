# The commands README.md shows. Everything runs from a virtual environment in .venv that these
# targets create, so a fresh machine with Python 3.11 needs nothing else for `make site`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint browser-deps bench clean

$(BIN)/ideslussar: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the whole bilingual site into site/.
site: $(BIN)/ideslussar
	$(BIN)/ideslussar build

## Preview with live reload: edits to municipalities/ and content/ show at once.
serve: $(BIN)/ideslussar
	$(BIN)/ideslussar serve

## Everything CI checks: lint, types, unit and end-to-end tests, browser checks.
test: $(BIN)/ideslussar browser-deps
	$(BIN)/ruff check generator tests
	$(BIN)/mypy --strict generator
	$(BIN)/pytest -q

## axe-core and Lighthouse for the browser checks (the npm registry; Chromium comes from Debian).
browser-deps: tests/browser/node_modules/.installed
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Build time at 100, 300 and 1,000 synthetic case studies, beside plain MkDocs and Hugo.
bench: $(BIN)/ideslussar $(VENV)/.bench-installed
	$(BIN)/ideslussar bench --cases 100,300,1000 --compare --json bench-results/bench.json

$(VENV)/.bench-installed: pyproject.toml
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

clean:
	rm -rf site .build .site.new .site.old
