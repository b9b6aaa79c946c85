# Shared set-up: configuration checks, the table and figure registries, and input functions.
# No rules here.

import os
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

from migration_evidence.config import ConfigError, check_config_files
from migration_evidence.determinism import SETTINGS as DETERMINISM

# Every configuration file against its schema (workflow/schemas/), before anything reads it: an
# unknown or misspelled key stops the workflow with the file and the key.
try:
    check_config_files(
        config,
        ", ".join(map(str, workflow.configfiles)) or "config",
        Path(workflow.basedir) / "workflow" / "schemas",
    )
except ConfigError as error:
    raise WorkflowError(f"Invalid configuration: {error}") from None

# The package is installed in the environment (`make` runs `pip install -e .`): no path set-up here.
# Every job inherits the settings that make its estimates byte-identical on every machine (one BLAS
# thread, fixed kernels; migration_evidence.determinism, shared with the tests and `make lab`) and
# draws its figures without a display.
os.environ.update(DETERMINISM, MPLBACKEND="agg")

from migration_evidence.printed.specs import load_specs  # noqa: E402
from migration_evidence.figures.specs import figure_groups, load_figures  # noqa: E402
from migration_evidence.series.specs import load_external_config  # noqa: E402
from migration_evidence.notebooks.registry import load_notebooks  # noqa: E402
from migration_evidence.statistical_files.specs import (
    load_config as load_statistical_tables,
)  # noqa: E402
from migration_evidence.microdata.specs import load_microdata_spec  # noqa: E402
from migration_evidence.package_digest import package_digest  # noqa: E402
from migration_evidence.config import load_yaml  # noqa: E402
from migration_evidence.outputs import remove_stale_partials  # noqa: E402
from migration_evidence.statistical_files.datapackage import (
    DATAPACKAGE,
    DEFAULT_DIR as DEFAULT_STATISTICAL_FILES_DIR,
)  # noqa: E402
from migration_evidence.microdata.waves_specs import load_waves_spec  # noqa: E402

# Temporary files of writes interrupted in an earlier run (killed jobs) are removed; writes still in
# progress, in a concurrent run, are left alone (migration_evidence.outputs).
for _partial in remove_stale_partials(
    ["data/processed", "figures", "reports", "results"]
):
    print(
        f"Removed the temporary file of an interrupted write: {_partial}",
        file=sys.stderr,
    )

TABLES = load_specs(config["tables"])
FIGURES = load_figures(config["figures"])
EXTERNAL = load_external_config(config["external_series"])
NOTEBOOKS = load_notebooks(config["notebooks"])
STATISTICAL = load_statistical_tables(config["statistical_tables"])
# Statistical settings (seeds, draws, trims), one section per notebook or rule; a rule gets its section
# as the parameter `settings`, so a changed setting reruns it.
STATISTICS = load_yaml(Path(config["statistics"]).read_text(encoding="utf-8"))
# The public statistical files, read from config["statistical_files_dir"] (committed copies by default).
STATISTICAL_FILE_PATHS = STATISTICAL.paths(config["statistical_files_dir"])


# The software environment of every rule (used with --use-conda; the default build uses the pip
# virtual environment pinned to the same versions).
ENVIRONMENT = "../../environment.yml"

# Public statistical files (CONAPO's municipal files of 2000, 2010 and 2020 among them) are read from
# config["statistical_files_dir"]: by default their committed copies, declared with their md5 in the
# data package. The data are committed, so they are required: a missing file stops the workflow here,
# naming it, and a changed one stops the job that checks its md5.
MICRODATA = load_microdata_spec(config["microdata"])
WAVES = load_waves_spec(config["municipal_waves"])
STATISTICAL_FILES_DIR = config["statistical_files_dir"]
MUNICIPAL_FILES = {
    file_id: str(path)
    for file_id, path in MICRODATA.file_paths(STATISTICAL_FILES_DIR).items()
}
WAVES_FILES = {
    file_id: str(path)
    for file_id, path in WAVES.file_paths(STATISTICAL_FILES_DIR).items()
}
_missing = [
    path
    for path in [*MUNICIPAL_FILES.values(), *WAVES_FILES.values()]
    if not os.path.isfile(path)
]
if _missing:
    raise WorkflowError(
        f"Public statistical files missing: {', '.join(_missing)}. They are committed in "
        f"{DEFAULT_STATISTICAL_FILES_DIR} and declared in {DATAPACKAGE}; restore them with "
        f"`git checkout -- {DEFAULT_STATISTICAL_FILES_DIR}`, or put them in statistical_files_dir "
        f"({STATISTICAL_FILES_DIR})."
    )


# The package code the jobs run: one SHA-256 of every file under src/migration_evidence (modules,
# templates; not bytecode caches nor hidden files), computed here at every parse and passed to every
# rule that runs the package as the parameter `code`. Snakemake records each job's parameters with its
# outputs and reruns a job whose parameters changed (the `params` rerun trigger, on in
# profiles/default), so an edit to any module reruns every such job, coarser than tracing each rule's
# imports but missing none; outputs without recorded parameters (a fresh clone) are judged by their
# dates as before. Nothing is written: a dry run, --lint or --report leaves the checkout as it was.
PACKAGE_CODE = package_digest(Path(workflow.basedir) / "src" / "migration_evidence")


def microdata_output(output_id):
    """Path of an output built from the municipal microdata (config/microdata.yaml)."""
    return MICRODATA.path(output_id)


def processed_table(table_id):
    return TABLES[table_id].processed


def external_processed(series_id):
    return EXTERNAL.processed[series_id].path


# Scheduling priorities (Snakemake's `priority:`; among the jobs ready to run, the highest goes first),
# each named here once. The long chains start as early as they can: the municipal waves' ingest (which
# feeds notebook 7), then the longest jobs notebooks wait for (the municipal growth regressions with their
# wild bootstrap, the Conley errors, the monthly break bootstrap), then the other jobs that notebooks or
# the source audit wait for, then the notebooks themselves, then the statistical files and the
# first-stage cleaning jobs; everything else (figures, reports, the site) keeps Snakemake's default 0.
WAVES_INGEST_PRIORITY = 20
LONG_INPUT_PRIORITY = 18
GATE_PRIORITY = 15
NOTEBOOK_PRIORITY = 10
STATISTICAL_INGEST_PRIORITY = 8
INGEST_PRIORITY = 5


# Final targets: each rule file appends the outputs it is responsible for.
FINAL_OUTPUTS = []


# Where every processed table is re-derived from (migration_evidence.printed.verification): raw
# tables, corrections, declarations and the raw files of the external series.
PROCESSED_SOURCES = sorted(
    {spec.raw for spec in TABLES.values()}
    | {path for series in EXTERNAL.processed for path in EXTERNAL.raw_paths(series)}
    | {
        config["corrections"],
        config["tables"],
        config["external_series"],
        config["statistical_tables"],
        EXTERNAL.sources,
    }
)
PROCESSED_VERIFIED = "logs/verify_processed_tables.sha256"
# The input of each job that reads a processed table, so that it waits for the verification whenever it
# runs in the same build (a whole or a targeted one), so no job reads an unverified table; `ancient`,
# because a new verification record alone changes nothing that the job reads.
VERIFIED = ancient(PROCESSED_VERIFIED)
