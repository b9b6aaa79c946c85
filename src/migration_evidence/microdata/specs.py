"""The declaration of CONAPO's municipal microdata (``config/microdata.yaml``).

Which statistical files the microdata stage reads, how to recognise them (md5), how each column is read,
the paper's claim they test, and every output built from them. Kept free of pandas so that the
workflow can load it cheaply when it is parsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..columns import Column, read_column
from ..config import load_yaml
from ..figures.specs import FigureSpec
from ..notebooks.registry import NotebookSpec
from ..statistical_files import DATAPACKAGE, PackagedFile, load_statistical_files

DTYPES = ("int", "float", "label")


@dataclass(frozen=True)
class NationalRows:
    """How to recognise the national total rows of a file, and which of their columns to read."""

    column: str
    value: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class MunicipalFile:
    id: str
    file: str
    declared: PackagedFile  # md5, size and origin, from the data package
    title: str
    missing: tuple[str, ...]  # cell texts that mean "missing value"
    key: tuple[str, ...]  # raw columns that identify a row (unique; used to name rows in errors)
    columns: tuple[Column, ...]  # the columns read, in file order
    header: tuple[str, ...]  # the complete header the file must have
    national_rows: NationalRows | None = None
    encoding: str = "utf-8"  # the file's text encoding (CONAPO's 2010 file is Latin-1)

    @property
    def md5(self) -> str:
        return self.declared.md5

    @property
    def found_in(self) -> dict[str, str]:
        return self.declared.found_in

    def field(self, raw: str) -> Column:
        for spec in self.columns:
            if spec.raw == raw:
                return spec
        raise KeyError(raw)


@dataclass(frozen=True)
class PaperClaim:
    document: str
    lines: tuple[int, int]
    raw: str
    excerpt: str
    format: dict[str, str]


@dataclass(frozen=True)
class MicrodataOutput:
    id: str
    path: str
    rule: str  # its script is workflow/scripts/<rule>.py
    module: str
    description: str


@dataclass(frozen=True)
class MicrodataSpec:
    files: dict[str, MunicipalFile]
    paper_claim: PaperClaim
    joined: str
    outputs: dict[str, MicrodataOutput]

    def path(self, output_id: str) -> str:
        return self.outputs[output_id].path

    def file_paths(self, directory: str | Path) -> dict[str, Path]:
        """Where each statistical file is expected in ``directory`` (``statistical_files_dir``)."""
        return {file_id: Path(directory) / spec.file for file_id, spec in self.files.items()}

    def missing_files(self, directory: str | Path) -> list[Path]:
        return [path for path in self.file_paths(directory).values() if not path.is_file()]

    def figures(self, figures: dict[str, FigureSpec]) -> list[str]:
        """Registered figures drawn from microdata outputs (or the joined intermediate file)."""
        produced = {out.path for out in self.outputs.values()} | {self.joined}
        return [name for name, fig in figures.items() if produced & set(fig.inputs.values())]

    @staticmethod
    def notebooks(notebooks: Mapping[str, NotebookSpec]) -> list[str]:
        """Registered notebooks that read the microdata (``requires_microdata: true``)."""
        return [name for name, nb in notebooks.items() if nb.requires_microdata]

    def final_outputs(
        self, figures: dict[str, FigureSpec], notebooks: Mapping[str, NotebookSpec] | None = None
    ) -> list[str]:
        """Every committed file that only a build with the statistical files can produce: the outputs
        declared here, the figures drawn from them, the executed notebooks that read the microdata with
        their CSVs, and the checksum manifest of all of these."""
        drawn = [f"figures/{name}.{ext}" for name in self.figures(figures) for ext in ("svg", "png")]
        executed = [
            path
            for name in self.notebooks(notebooks or {})
            for path in (notebooks[name].executed, *notebooks[name].outputs.values())
        ]
        return [out.path for out in self.outputs.values()] + drawn + executed + [MICRODATA_MANIFEST]


# SHA-256 manifest of the outputs built from the microdata (kept apart from the manifest of every
# other output, so that a build without the statistical files reproduces that one exactly).
MICRODATA_MANIFEST = "reports/municipal_microdata_checksums.sha256"

_FIELD_KEYS = {"raw", "name", "dtype", "description", "min", "max", "allowed", "nullable"}
_FILE_KEYS = {"file", "title", "missing", "key", "columns", "header", "national_rows", "encoding"}


def _field(entry: dict[str, Any], where: str) -> Column:
    return read_column(entry, where, keys=_FIELD_KEYS, dtypes=DTYPES)


def load_file_declarations(
    entries: dict[str, dict[str, Any]], path: str | Path, declared: dict[str, PackagedFile]
) -> dict[str, MunicipalFile]:
    """The ``files`` section of a declaration: one :class:`MunicipalFile` per entry, checked, with its md5 and
    origin from the data package (``declared``, by file name)."""
    files = {}
    for file_id, entry in entries.items():
        where = f"{path}: file {file_id}"
        unknown = set(entry) - _FILE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        columns = tuple(_field(c, f"{where}, column {c.get('raw')}") for c in entry["columns"])
        header = tuple(entry.get("header") or [c.raw for c in columns])
        order = [header.index(c.raw) for c in columns if c.raw in header]
        if len(order) != len(columns) or order != sorted(order):
            raise ValueError(f"{where}: every declared column must be in the header, in file order")
        if not set(entry["key"]) <= {c["raw"] for c in entry["columns"]}:
            raise ValueError(f"{where}: key columns must be declared columns")
        national = entry.get("national_rows")
        if entry["file"] not in declared:
            raise ValueError(f"{where}: {entry['file']} is not declared under statistical_files/ in {DATAPACKAGE}")
        files[file_id] = MunicipalFile(
            id=file_id,
            file=entry["file"],
            declared=declared[entry["file"]],
            title=entry["title"],
            missing=tuple(entry.get("missing", [])),
            key=tuple(entry["key"]),
            columns=columns,
            header=header,
            national_rows=NationalRows(national["column"], national["value"], tuple(national["columns"]))
            if national
            else None,
            encoding=entry.get("encoding", "utf-8"),
        )
    return files


def load_microdata_spec(
    path: str | Path = "config/microdata.yaml", datapackage: str | Path | None = None
) -> MicrodataSpec:
    """Read the declaration; each file's md5 and origin come from the data package (by default
    ``data/raw/datapackage.json`` of the repository holding ``path``), the one list of statistical files."""
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    declared = load_statistical_files(datapackage or Path(path).resolve().parents[1] / DATAPACKAGE)
    files = load_file_declarations(doc["files"], path, declared)
    claim = doc["paper_claim"]
    outputs = {
        output_id: MicrodataOutput(output_id, entry["path"], entry["rule"], entry["module"], entry["description"])
        for output_id, entry in doc["outputs"].items()
    }
    return MicrodataSpec(
        files=files,
        paper_claim=PaperClaim(
            document=claim["document"],
            lines=tuple(claim["lines"]),
            raw=claim["raw"],
            excerpt=claim["excerpt"],
            format=dict(claim["format"]),
        ),
        joined=doc["joined"],
        outputs=outputs,
    )
