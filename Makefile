# The commands README.md shows. Everything runs from a virtual environment in .venv that these
# targets create, so a fresh machine with Python 3.11 needs nothing else for `make site`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve lint types check test browser-deps bench bench-search clean

$(BIN)/ideslussar: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the whole bilingual site into site/, for its public address SITE_URL (default:
## site_url in mkdocs.yml, http://localhost:8000/, for looking at it on this machine).
site: $(BIN)/ideslussar
	$(BIN)/ideslussar build $(if $(SITE_URL),--site-url '$(SITE_URL)')

## Preview with live reload: edits to municipalities/ and content/ show at once.
serve: $(BIN)/ideslussar
	$(BIN)/ideslussar serve

## Lint: ruff over the package, the benchmarks and the tests.
lint: $(BIN)/ideslussar
	$(BIN)/ruff check generator benchmarks tests

## Types: mypy --strict over the package and the benchmarks.
types: $(BIN)/ideslussar
	$(BIN)/mypy --strict generator benchmarks

## The fast suite, before a commit: lint, types, every test but the browser checks.
check: lint types
	$(BIN)/pytest -q -m "not browser"

## Everything CI checks: lint, types, unit and end-to-end tests, browser checks.
test: lint types browser-deps
	$(BIN)/pytest -q

## axe-core and Lighthouse for the browser checks (the npm registry; Chromium comes from Debian).
browser-deps: tests/browser/node_modules/.installed
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Build time at national scale beside plain MkDocs and Hugo (see README). Runs from the
## checkout (benchmarks/ is not installed); options pass through: make bench ARGS="--cases 1000".
ARGS ?= --cases 100,300,1000 --compare --json bench-results/bench.json
bench: $(BIN)/ideslussar $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.bench $(ARGS)

$(VENV)/.bench-installed: pyproject.toml
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

## One search at 1,000 cases in throttled Chromium, Pagefind beside it as the anchor: bytes and
## time to the first results (see README); options pass through as SEARCH_ARGS.
SEARCH_ARGS ?= --cases 1000 --pagefind
bench-search: $(BIN)/ideslussar $(VENV)/.bench-installed browser-deps
	$(BIN)/python -m benchmarks.search $(SEARCH_ARGS)

clean:
	rm -rf site .build .site.spare .site.new-* .site.old-* .site.lock .build.lock
