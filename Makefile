# Bootstrap only: a virtual environment from the pinned requirements, then Snakemake does the work.
#   make          set up .venv if missing (or out of date) and build every output
#   make test     run the test suite
#   make rebuild  rebuild every output from the raw data alone, ignoring what is already built
#   make report   write Snakemake's self-contained HTML report of every figure to build/report.html
#   make lint     snakemake --lint, snakefmt and ruff

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: all build test rebuild report lint

all: build

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The package itself, editable: scripts, notebooks and tests import it with no path set-up.
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/snakemake --profile profiles/default

test: $(STAMP)
	$(BIN)/python -m pytest

rebuild: $(STAMP)
	$(BIN)/snakemake --profile profiles/default --forceall

report: $(STAMP)
	mkdir -p build
	$(BIN)/snakemake --profile profiles/default --report build/report.html

lint: $(STAMP)
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/ruff check src workflow/scripts tests notebooks benchmarks
	$(BIN)/ruff format --check src workflow/scripts tests notebooks benchmarks
