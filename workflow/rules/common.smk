# Shared set-up: configuration checks, the table and figure registries, and input functions.
# No rules here.

import os
import threading
from pathlib import Path

from snakemake.exceptions import WorkflowError

from migration_evidence.config import ConfigError, check_config_files

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
os.environ.update(
    MPLBACKEND="agg",
    # One BLAS thread per job: Snakemake already runs jobs in parallel, and a fixed thread count keeps
    # floating-point summation order, hence every estimate, the same on every machine.
    OMP_NUM_THREADS="1",
    OPENBLAS_NUM_THREADS="1",
    MKL_NUM_THREADS="1",
    # The same kernels on every x86-64 machine: OpenBLAS's AVX2 (Haswell) kernels, and none of NumPy's
    # AVX-512 code paths (their log, exp and sums round differently in the last bit), so that the
    # committed outputs are reproduced byte for byte whether or not the processor has AVX-512.
    OPENBLAS_CORETYPE="Haswell",
    NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR",
)

from migration_evidence.printed.specs import load_specs  # noqa: E402
from migration_evidence.figures.specs import figure_groups, load_figures  # noqa: E402
from migration_evidence.series.specs import load_external_config  # noqa: E402
from migration_evidence.notebooks.registry import load_notebooks  # noqa: E402
from migration_evidence.statistical_tables_specs import (
    load_config as load_statistical_tables,
)  # noqa: E402
from migration_evidence.microdata.specs import (
    MICRODATA_MANIFEST,
    load_microdata_spec,
)  # noqa: E402
from migration_evidence.reporting.manifest import (
    manifest_mismatches,
    package_files,
    refresh_manifest,
)  # noqa: E402
from migration_evidence.outputs import remove_stale_partials  # noqa: E402
from migration_evidence.statistical_files import (
    DATAPACKAGE,
    DEFAULT_DIR as DEFAULT_STATISTICAL_FILES_DIR,
)  # noqa: E402
from migration_evidence.microdata.waves_specs import (
    load_waves_spec,
    with_waves_outputs,
)  # noqa: E402

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
# The public statistical files, read from config["statistical_files_dir"] (committed copies by default).
STATISTICAL_FILE_PATHS = STATISTICAL.paths(config["statistical_files_dir"])


# The software environment of every rule (used with --use-conda; the default build uses the pip
# virtual environment pinned to the same versions).
ENVIRONMENT = "../../environment.yml"

# Public statistical files (CONAPO's municipal microdata) are read from config["statistical_files_dir"]:
# by default their committed copies. Only a directory the user chose may lack them; then the outputs
# built from them (and the figures drawn from those) are left out of the build.
MICRODATA = load_microdata_spec(config["microdata"])
STATISTICAL_FILES_DIR = config["statistical_files_dir"]
MUNICIPAL_FILES = {
    file_id: str(path)
    for file_id, path in MICRODATA.file_paths(STATISTICAL_FILES_DIR).items()
}
MISSING_MUNICIPAL_FILES = [
    str(p) for p in MICRODATA.missing_files(STATISTICAL_FILES_DIR)
]
# The municipal waves 2010 and 2020 (config/municipal_waves.yaml): their stage also reads the 2000 files
# above, so its outputs and the figures drawn from them count among the microdata outputs, and a
# directory lacking any of their files skips them all.
WAVES = load_waves_spec(config["municipal_waves"])
WAVES_FILES = {
    file_id: str(path)
    for file_id, path in WAVES.file_paths(STATISTICAL_FILES_DIR).items()
}
MISSING_MUNICIPAL_FILES += [p for p in WAVES_FILES.values() if not os.path.isfile(p)]
if MISSING_MUNICIPAL_FILES and os.path.normpath(
    STATISTICAL_FILES_DIR
) == os.path.normpath(DEFAULT_STATISTICAL_FILES_DIR):
    raise WorkflowError(
        f"Public statistical files missing from the repository: {', '.join(MISSING_MUNICIPAL_FILES)}. "
        f"They are committed in {DEFAULT_STATISTICAL_FILES_DIR} and declared in {DATAPACKAGE}; "
        f"restore them with `git checkout -- {DEFAULT_STATISTICAL_FILES_DIR}`."
    )
MICRODATA_FIGURES = MICRODATA.figures(FIGURES) + WAVES.figures(FIGURES)
DRAWABLE_FIGURES = [
    name
    for name in FIGURES
    if not (MISSING_MUNICIPAL_FILES and name in MICRODATA_FIGURES)
]
# Notebooks registered with `requires_microdata: true` read the files too: likewise left out.
MICRODATA_NOTEBOOKS = MICRODATA.notebooks(NOTEBOOKS)
RUNNABLE_NOTEBOOKS = {
    name: nb
    for name, nb in NOTEBOOKS.items()
    if not (MISSING_MUNICIPAL_FILES and name in MICRODATA_NOTEBOOKS)
}
MICRODATA_FINAL_OUTPUTS = with_waves_outputs(
    MICRODATA.final_outputs(FIGURES, NOTEBOOKS), WAVES, FIGURES
)
MICRODATA_SKIP_MESSAGE = (
    "Municipal microdata: skipped. CONAPO's files are not in "
    f"{STATISTICAL_FILES_DIR!r} (missing: {', '.join(MISSING_MUNICIPAL_FILES)}), so the "
    f"{len(MICRODATA_FINAL_OUTPUTS)} outputs built from them are not rebuilt and keep their "
    "committed versions: " + ", ".join(MICRODATA_FINAL_OUTPUTS) + ". "
    "To build them, put the files there or leave statistical_files_dir at its default, "
    f"{DEFAULT_STATISTICAL_FILES_DIR} "
    "(docs/municipal_microdata.md)."
)


# The package code the jobs run (modules, templates, any file under src/migration_evidence but bytecode
# caches and hidden files). Every rule that runs package code takes as input one committed fingerprint
# of the whole package, PACKAGE_FINGERPRINT (each file's SHA-256), which the workflow rewrites here,
# before planning, when and only when a file of the package changed: its new date then reruns every
# such rule. Coarser than tracing each rule's imports (an edit to a figure module reruns the notebooks
# too), but a declaration that misses no module; and one input per job instead of the package's
# ninety files, since Snakemake's scheduler looks at every input of every waiting job each time it
# wakes. An unchanged package leaves the fingerprint's date alone, so a copy or clone of the project
# reruns what it would with the files themselves as inputs, and a hand-edited output newer than its
# inputs is still caught by verify_processed_tables instead of silently rebuilt. Any Snakemake run
# (a dry run too) refreshes the fingerprint; commit it with the code it records (tests/test_build.py).
PACKAGE_FINGERPRINT = "workflow/package_code.sha256"
PACKAGE_FILES = package_files("src/migration_evidence")
if not PACKAGE_FILES:
    raise WorkflowError(
        "No package code under src/migration_evidence: run Snakemake from the project's root."
    )
try:
    _package_changed = refresh_manifest(PACKAGE_FINGERPRINT, PACKAGE_FILES)
except OSError as error:
    # A read-only checkout: the jobs take the package's files themselves as inputs instead.
    print(
        f"Could not update {PACKAGE_FINGERPRINT} ({error}); every job lists the package's files instead.",
        file=sys.stderr,
    )
    PACKAGE_CODE = PACKAGE_FILES
else:
    if _package_changed:
        print(
            f"Package code changed: {PACKAGE_FINGERPRINT} updated; every job that runs the package will rerun.",
            file=sys.stderr,
        )
    PACKAGE_CODE = [PACKAGE_FINGERPRINT]


def microdata_output(output_id):
    """Path of an output built from the municipal microdata (config/microdata.yaml)."""
    return MICRODATA.path(output_id)


def processed_table(table_id):
    return TABLES[table_id].processed


def external_processed(series_id):
    return EXTERNAL.processed[series_id].path


# The short jobs that notebooks wait for (remittance_claims, statistical_findings, municipal_findings)
# and the source audit, which notebooks 3-5 read, run before any other ready job, notebooks (priority
# 10) included: the long notebooks then start as early as they can.
GATE_PRIORITY = 15


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
        EXTERNAL.sources,
    }
)
PROCESSED_VERIFIED = "logs/verify_processed_tables.sha256"


# When a run ends, Snakemake's scheduler still has re-evaluation timers pending (it starts one, firing
# one job-rate window later, each time it wakes), and Python waits for every one of them before
# exiting: up to a window (3 s with profiles/default) added to the end of every run that executed
# jobs. Snakemake calls these handlers after its scheduler has returned and its executor has shut
# down, so those timers (and only those: they are recognised by the scheduler method that starts
# them) are cancelled instead. Snakemake keeps one onsuccess and one onerror handler: a later
# definition would replace these.
def cancel_pending_timers():
    for thread in threading.enumerate():
        function = getattr(thread, "function", None)
        if isinstance(thread, threading.Timer) and "_schedule_reevalutation" in getattr(
            function, "__qualname__", ""
        ):
            thread.cancel()


onsuccess:
    cancel_pending_timers()


onerror:
    cancel_pending_timers()
