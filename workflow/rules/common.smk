# Shared set-up: configuration checks, the table and figure registries, and input functions.
# No rules here.

import os
import sys
from pathlib import Path

import yaml
from snakemake.utils import validate

validate(config, "../schemas/config.schema.yaml")

SRC = str(Path(workflow.basedir) / "src")
if SRC not in sys.path:
    sys.path.insert(0, SRC)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [SRC, os.environ.get("PYTHONPATH", "")] if p)
os.environ.setdefault("MPLBACKEND", "agg")

from migration_evidence.table_specs import load_specs  # noqa: E402
from migration_evidence.figure_specs import load_figures  # noqa: E402

TABLES = load_specs(config["tables"])
FIGURES = load_figures(config["figures"])


def package_code(*modules):
    """Source files of the package a rule runs, so that editing them reruns the rule."""
    return [f"src/migration_evidence/{m}.py" for m in modules]


def processed_table(table_id):
    return TABLES[table_id].processed


def figure_inputs(wildcards):
    return [processed_table(t) for t in FIGURES[wildcards.figure].tables]


def all_outputs():
    outputs = [spec.processed for spec in TABLES.values()]
    outputs.append("data/processed/data_dictionary.csv")
    for name in FIGURES:
        outputs += [f"figures/{name}.svg", f"figures/{name}.png"]
    outputs.append("reports/exhibits.md")
    return outputs
