"""The notebook registry (``config/notebooks.yaml``): what each regression notebook reads and writes.

A notebook is added by one entry: its number in the reading order, a title and one-line summary (for
the site's front page), its source file in ``notebooks/``, the files it reads, the printed tables it derives
from, the CSV files of estimates it writes (under ``results/tables/``), the package modules it calls
and whether it reads CONAPO's municipal microdata. The Snakemake rules, the site's front page and the
exhibits index are generated from this file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..config import load_yaml

DEFAULT_REGISTRY = Path("config/notebooks.yaml")
REGISTRY_ENV = "MIGRATION_NOTEBOOKS_REGISTRY"
EXECUTED_DIR = "reports/notebooks"
RESULTS_DIR = "results/tables"
KEYS = {"number", "title", "summary", "source", "inputs", "source_tables", "outputs"}
OPTIONAL_KEYS = {"source_tables"}


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    number: int
    title: str
    summary: str
    source: str  # notebooks/<name>.py, jupytext percent format, no outputs
    inputs: dict[str, str]  # name -> file read by the notebook
    source_tables: tuple[str, ...]  # printed tables (config/tables.yaml ids) the notebook derives from
    outputs: dict[str, str]  # name -> CSV of estimates written by the notebook

    @property
    def executed(self) -> str:
        return f"{EXECUTED_DIR}/{self.name}.ipynb"

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


def registry_path() -> Path:
    """The registry the pipeline passed to the kernel, or the repository's default."""
    return Path(os.environ.get(REGISTRY_ENV, DEFAULT_REGISTRY))


def load_notebooks(path: str | os.PathLike[str] | None = None) -> dict[str, NotebookSpec]:
    """Read and check the registry; entries come back in reading order (by ``number``)."""
    path = Path(path) if path is not None else registry_path()
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    notebooks = {}
    for name, entry in (doc.get("notebooks") or {}).items():
        where = f"{path}: notebook {name}"
        unknown = set(entry) - KEYS
        missing = KEYS - OPTIONAL_KEYS - set(entry)
        if unknown or missing:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if entry["source"] != f"notebooks/{name}.py":
            raise ValueError(f"{where}: source must be notebooks/{name}.py")
        for output in entry["outputs"].values():
            if not (output.startswith(f"{RESULTS_DIR}/") and output.endswith(".csv")):
                raise ValueError(f"{where}: output {output!r} must be a CSV under {RESULTS_DIR}/")
        notebooks[name] = NotebookSpec(
            name=name,
            number=int(entry["number"]),
            title=entry["title"],
            summary=entry["summary"],
            source=entry["source"],
            inputs=dict(entry["inputs"]),
            source_tables=tuple(entry.get("source_tables", [])),
            outputs=dict(entry["outputs"]),
        )
    numbers = [nb.number for nb in notebooks.values()]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{path}: notebook numbers must be unique, got {sorted(numbers)}")
    outputs = [o for nb in notebooks.values() for o in nb.outputs.values()]
    if len(set(outputs)) != len(outputs):
        raise ValueError(f"{path}: two notebooks write the same output")
    return dict(sorted(notebooks.items(), key=lambda item: item[1].number))
