# Bootstrap only: a virtual environment from the pinned requirements, then Snakemake does the work.
#   make          set up .venv if missing (or out of date) and build every output
#   make test     run the test suite
#   make rebuild  rebuild every output from the raw data alone, ignoring what is already built
#   make report   write Snakemake's self-contained HTML report of every figure to build/report.html
#   make lint     snakemake --lint, snakefmt and ruff
#   make refresh  download the publishers' current files into data/raw/releases/<date>/ (network), build on
#                 them in build/refresh/<date>/ and write the refresh report there (docs/refresh.md)
#   make adopt RELEASE=<date>  copy a release into data/raw/statistical_files/, record it, rebuild

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: all build test rebuild report lint bytecode refresh adopt

all: build

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The package itself, editable: scripts, notebooks and tests import it with no path set-up.
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $(STAMP)

# The package's bytecode, compiled once per run (a few hundredths of a second when up to date). Python
# writes it by itself on first import, unless PYTHONDONTWRITEBYTECODE is set: then each of the build's
# fifty-odd processes would compile the package again (about 0.15 s each).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src

build: bytecode
	$(BIN)/snakemake --profile profiles/default

test: bytecode
	$(BIN)/python -m pytest

rebuild: bytecode
	$(BIN)/snakemake --profile profiles/default --forceall

report: bytecode
	mkdir -p build
	$(BIN)/snakemake --profile profiles/default --report build/report.html

lint: $(STAMP)
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/ruff check src workflow/scripts tests notebooks benchmarks
	$(BIN)/ruff format --check src workflow/scripts tests notebooks benchmarks

# The data refresh (docs/refresh.md). Neither target runs as part of `make` or `make test`.
refresh: bytecode
	$(BIN)/python -m migration_evidence.refresh all $(if $(DATE),--date $(DATE))

adopt: bytecode
	@test -n "$(RELEASE)" || { echo "usage: make adopt RELEASE=<date under data/raw/releases/>" >&2; exit 2; }
	$(BIN)/python -m migration_evidence.refresh adopt $(RELEASE)
	$(BIN)/snakemake --profile profiles/default
