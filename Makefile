# The two commands of the README: `make site` and `make test`.
# Each sets up a fresh machine first (a virtualenv in .venv/, Chromium for tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test bench bench-clean raise-floors check offline setup setup-test chromium clean

site: setup  ## set up, then build the site into site/ (replaced only when the build succeeds)
	MKDOCS=$(BIN)/mkdocs sh scripts/build_site.sh site

serve: setup  ## preview with live reload at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve

test: setup-test chromium  ## set up, then run every test
	$(BIN)/ruff check archivist tests scripts
	$(BIN)/ruff format --check archivist tests scripts
	$(BIN)/python -m mypy
	$(BIN)/archive check
	$(BIN)/python -m pytest

bench: setup-test chromium  ## print the benchmarks' figures (annotation, import, annotations.jsonld, process start-up); the build's (1,000 and 10,000 articles) go to BENCHMARKS.md
	$(BIN)/python scripts/bench_annotate.py
	$(BIN)/python scripts/bench_import.py
	$(BIN)/python scripts/bench_startup.py 7
	$(BIN)/python scripts/bench_build.py

bench-clean: setup  ## score and time the cleaner on ../shared/bench, beside keep-all and trafilatura
	$(BIN)/python scripts/bench_clean.py

raise-floors: setup  ## re-measure the gold gate's floors (tests/gold_floors.json) and raise those that rose; never lowers one
	$(BIN)/python scripts/gold_gate.py --raise

check: setup  ## validate the glossary entries (what a contributor runs)
	$(BIN)/archive check

offline: setup  ## build the offline copy (file://, search included) and pack build/archive-offline.zip
	$(BIN)/mkdocs build --clean -f mkdocs-offline.yml
	printf '%s\n' \
	  'The news archive, offline copy' '' \
	  'Unzip this file, then open site/index.html in a web browser (double-click it).' \
	  'Everything, search included, works from the files: no server and no network' \
	  'are needed. Only the links to the original articles on the web lead online.' '' \
	  'site/manifest-sha256.txt lists the SHA-256 of every file in site/: check the' \
	  'copy with "cd site && sha256sum -c manifest-sha256.txt".' \
	  > build/offline/README.txt
	rm -f build/archive-offline.zip
	cd build/offline && $(CURDIR)/$(BIN)/python -m zipfile -c ../archive-offline.zip README.txt site
	@echo "wrote build/archive-offline.zip"

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's Chromium: Playwright's own browser download is
# not used (it is not reachable from every machine).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site build .pytest_cache
