# Shared set-up: configuration checks, the table and figure registries, and input functions.
# No rules here.

import os
import re
import sys
from pathlib import Path

import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

validate(config, "../schemas/config.schema.yaml")

SRC = str(Path(workflow.basedir) / "src")
if SRC not in sys.path:
    sys.path.insert(0, SRC)
# Scripts, notebooks and tests import the package from src/ (no installation step needed).
os.environ.update(
    PYTHONPATH=os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH")) if p),
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
from migration_evidence.figures.specs import load_figures  # noqa: E402
from migration_evidence.series.specs import load_external_config  # noqa: E402
from migration_evidence.notebooks.registry import load_notebooks  # noqa: E402
from migration_evidence.microdata.specs import (
    MICRODATA_MANIFEST,
    load_microdata_spec,
)  # noqa: E402
from migration_evidence.statistical_files import (
    DATAPACKAGE,
    DEFAULT_DIR as DEFAULT_STATISTICAL_FILES_DIR,
)  # noqa: E402
from migration_evidence.microdata.waves_specs import (
    load_waves_spec,
    with_waves_outputs,
)  # noqa: E402

TABLES = load_specs(config["tables"])
FIGURES = load_figures(config["figures"])
EXTERNAL = load_external_config(config["external_series"])
NOTEBOOKS = load_notebooks(config["notebooks"])


# The software environment of every rule (used with --use-conda; the default build uses the pip
# virtual environment pinned to the same versions).
ENVIRONMENT = "../../environment.yml"

# Public statistical files (CONAPO's municipal microdata) are read from config["statistical_files_dir"]:
# by default their committed copies. Only a directory the user chose may lack them; then the outputs
# built from them (and the figures drawn from those) are left out of the build.
MICRODATA = load_microdata_spec(config["microdata"])
STATISTICAL_FILES_DIR = config["statistical_files_dir"]
EXTERNAL_FILES = {
    file_id: str(path)
    for file_id, path in MICRODATA.external_paths(STATISTICAL_FILES_DIR).items()
}
MISSING_EXTERNAL_FILES = [
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
MISSING_EXTERNAL_FILES += [p for p in WAVES_FILES.values() if not os.path.isfile(p)]
if MISSING_EXTERNAL_FILES and os.path.normpath(
    STATISTICAL_FILES_DIR
) == os.path.normpath(DEFAULT_STATISTICAL_FILES_DIR):
    raise WorkflowError(
        f"Public statistical files missing from the repository: {', '.join(MISSING_EXTERNAL_FILES)}. "
        f"They are committed in {DEFAULT_STATISTICAL_FILES_DIR} and declared in {DATAPACKAGE}; "
        f"restore them with `git checkout -- {DEFAULT_STATISTICAL_FILES_DIR}`."
    )
MICRODATA_FIGURES = MICRODATA.figures(FIGURES) + WAVES.figures(FIGURES)
DRAWABLE_FIGURES = [
    name
    for name in FIGURES
    if not (MISSING_EXTERNAL_FILES and name in MICRODATA_FIGURES)
]
# Notebooks registered with `requires_microdata: true` read the files too: likewise left out.
MICRODATA_NOTEBOOKS = MICRODATA.notebooks(NOTEBOOKS)
RUNNABLE_NOTEBOOKS = {
    name: nb
    for name, nb in NOTEBOOKS.items()
    if not (MISSING_EXTERNAL_FILES and name in MICRODATA_NOTEBOOKS)
}
MICRODATA_FINAL_OUTPUTS = with_waves_outputs(
    MICRODATA.final_outputs(FIGURES, NOTEBOOKS), WAVES, FIGURES
)
MICRODATA_SKIP_MESSAGE = (
    "Municipal microdata: skipped. CONAPO's files are not in "
    f"{STATISTICAL_FILES_DIR!r} (missing: {', '.join(MISSING_EXTERNAL_FILES)}), so the "
    f"{len(MICRODATA_FINAL_OUTPUTS)} outputs built from them are not rebuilt and keep their "
    "committed versions: " + ", ".join(MICRODATA_FINAL_OUTPUTS) + ". "
    "To build them, put the files there or leave statistical_files_dir at its default, "
    f"{DEFAULT_STATISTICAL_FILES_DIR} "
    "(README, 'Municipal microdata')."
)


PACKAGE = Path("src/migration_evidence")
RELATIVE_IMPORT = re.compile(r"^\s*from (\.+)([\w.]*) import ([\w, ()]+)", re.MULTILINE)


def _module_file(module):
    """The file of a package module given as 'name' or 'sub/name' ('sub.name')."""
    path = PACKAGE / module.replace(".", "/")
    return (
        path.with_suffix(".py")
        if path.with_suffix(".py").is_file()
        else path / "__init__.py"
    )


def package_code(*modules):
    """Source files of the package run by a job, that is the named modules and, transitively, every package
    module they import, so that editing any of them reruns the rule."""
    seen, stack = set(), [_module_file(m) for m in modules]
    while stack:
        path = stack.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        package = path.parent
        for dots, name, imported in RELATIVE_IMPORT.findall(
            path.read_text(encoding="utf-8")
        ):
            base = package
            for _ in range(len(dots) - 1):
                base = base.parent
            targets = [name] if name else [n.strip(" ()") for n in imported.split(",")]
            for target in targets:
                candidate = base / target.replace(".", "/")
                stack.append(candidate.with_suffix(".py"))
                stack.append(candidate / "__init__.py")
    return sorted(p.as_posix() for p in seen)


def microdata_output(output_id):
    """Path of an output built from the municipal microdata (config/microdata.yaml)."""
    return MICRODATA.path(output_id)


def processed_table(table_id):
    return TABLES[table_id].processed


def external_processed(series_id):
    return EXTERNAL.processed[series_id].path


def figure_inputs(wildcards):
    return list(FIGURES[wildcards.figure].inputs.values())


def figure_code(wildcards):
    """The package modules a figure runs: its drawing module plus the shared figure code."""
    drawing_module = (
        FIGURES[wildcards.figure]
        .function.split(":")[0]
        .removeprefix("migration_evidence.")
    )
    return sorted(
        set(
            package_code(
                drawing_module,
                "figures.printed",
                "figures.specs",
                "printed.processed",
                "outputs",
            )
        )
    )


def notebook_code(notebook):
    """The package modules a notebook runs: its own analysis modules plus the notebook machinery."""
    shared = (
        "notebooks.registry",
        "notebooks.session",
        "notebooks.execution",
        "outputs",
        "printed.processed",
        "printed.specs",
    )
    return sorted(set(package_code(*notebook.code, *shared, "figures.printed")))


# Final targets: each rule file appends the outputs it is responsible for.
FINAL_OUTPUTS = []
