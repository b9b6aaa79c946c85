# Bootstrap only: a virtual environment from the pinned requirements, then Snakemake does the work.
#   make            set up .venv if missing (or out of date) and build every output
#   make test       run the whole test suite (the unit tier and the end-to-end rebuilds; CI runs this)
#   make test-fast  run the unit tier only (tests not marked end_to_end)
#   make rebuild    rebuild every output from the raw data alone, ignoring what is already built
#   make report     write Snakemake's self-contained HTML report of every figure to build/report.html
#   make lint       snakemake --lint, snakefmt and ruff
#   make raw-md5 REASON="..."  record the md5 of raw files changed on purpose, with the reason
#   make lab        JupyterLab on the notebooks, with the settings the build uses (docs/notebooks.md)
#   make refresh  download the publishers' current files into data/raw/releases/<date>/ (network), build on
#                 them in build/refresh/<date>/ and write the refresh report there (docs/refresh.md)
#   make adopt RELEASE=<date>  copy a release into data/raw/statistical_files/, record it, rebuild

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
# The environment is installed with uv when it is on the PATH, else with the uv that requirements.txt
# pins (installed into the new environment by pip, a few seconds), else, if that fails, with pip alone;
# requirements.txt, the full lock, is the one source of versions either way, installed as it stands
# (--no-deps: it is complete). It leaves out rfc3987-syntax (and its lark), which JupyterLab's
# jupyter-events asks for through jsonschema[format-nongpl]: jsonschema imports it when present, and
# importing it builds a grammar, about a second in every process that imports jsonschema (every
# Snakemake job); without it JupyterLab runs and only event-schema IRI formats go unchecked.
UV := $(shell command -v uv)
UV_PIN := $(shell grep -E '^uv==' requirements.txt)
# The settings that make estimates byte-identical (one BLAS thread, fixed kernels), for JupyterLab.
DETERMINISM = $(shell $(BIN)/python -m migration_evidence.determinism)

.PHONY: all build test test-fast rebuild report lint lab bytecode raw-md5 refresh adopt

all: build

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if [ -n "$(UV)" ]; then uv=$(UV); \
	elif $(BIN)/python -m pip install --quiet --disable-pip-version-check "$(UV_PIN)"; then uv=$(BIN)/uv; \
	else uv=; fi; \
	if [ -n "$$uv" ]; then \
	  echo "Installing requirements.txt with $$uv"; \
	  $$uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -r requirements.txt && \
	  $$uv pip install --quiet --python $(BIN)/python --no-deps --editable .; \
	else \
	  echo "Installing requirements.txt with pip"; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt && \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .; \
	fi
	@touch $(STAMP)

# The package's bytecode, compiled once per run (a few hundredths of a second when up to date). Python
# writes it by itself on first import, unless PYTHONDONTWRITEBYTECODE is set: then each of the build's
# fifty-odd processes would compile the package again (about 0.15 s each).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src

build: bytecode
	$(BIN)/snakemake --profile profiles/default

# The tests run on every core (pytest-xdist), each module's tests on one worker, so that a module's
# shared fixtures (a built copy of the project, the tables a notebook makes) are made once.
PYTEST = $(BIN)/python -m pytest -n auto --dist loadscope

test: bytecode
	$(PYTEST)

test-fast: bytecode
	$(PYTEST) -m "not end_to_end"

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

lab: $(STAMP)
	env $(DETERMINISM) $(BIN)/jupyter lab --notebook-dir=notebooks

# Raw data changed on purpose (a new file, a corrected transcription, a new register row): record the
# new md5s in data/raw/datapackage.json with the reason, which the data package keeps beside them.
raw-md5: $(STAMP)
	@test -n "$(REASON)" || { echo 'Say why the raw data changed: make raw-md5 REASON="..."' >&2; exit 2; }
	$(BIN)/python -m migration_evidence.integrity record-raw --reason "$(REASON)"

# The data refresh (docs/refresh.md). Neither target runs as part of `make` or `make test`.
refresh: bytecode
	$(BIN)/python -m migration_evidence.refresh all $(if $(DATE),--date $(DATE))

adopt: bytecode
	@test -n "$(RELEASE)" || { echo "usage: make adopt RELEASE=<date under data/raw/releases/>" >&2; exit 2; }
	$(BIN)/python -m migration_evidence.refresh adopt $(RELEASE)
	$(BIN)/snakemake --profile profiles/default
