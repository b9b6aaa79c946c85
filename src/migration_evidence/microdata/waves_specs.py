"""The declaration of the 2010 and 2020 municipal waves (``config/municipal_waves.yaml``).

Which public statistical files the stage reads (from ``statistical_files_dir``), how each is recognised
(md5) and read (column declarations in the shape of ``config/microdata.yaml``), Banco de México's
municipal remittances with the rules that match their names to INEGI codes, the published facts the
files are checked against, and every output. Kept free of pandas so that the workflow can load it
cheaply when it is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import load_yaml
from ..statistical_files.datapackage import DATAPACKAGE, PackagedFile, load_statistical_files
from .specs import MunicipalFile, load_file_declarations

# The normalisation steps a name may go through before two names are compared (applied in the
# declared order; see municipal_waves.normalise_name).
NORMALISATION_STEPS = ("strip", "casefold", "strip_accents", "collapse_blanks", "drop_punctuation")


@dataclass(frozen=True)
class RemittanceFile:
    """Banco de México's municipal remittances: a wide file of names, one column per quarter."""

    file: str
    declared: PackagedFile  # md5, size and origin, from the data package
    title: str
    name_column: str
    state_marker: str
    municipality_marker: str
    unidentified: str
    quarter_months: tuple[str, ...]
    first_year: int
    last_year: int
    comparison_year: int
    normalisation: tuple[str, ...]
    exceptions: str

    @property
    def md5(self) -> str:
        return self.declared.md5

    @property
    def found_in(self) -> dict[str, str]:
        return self.declared.found_in

    @property
    def quarter_labels(self) -> tuple[str, ...]:
        """The quarter columns the file must have, in order ("Ene-Mar 2013", ...)."""
        return tuple(
            f"{months} {year}" for year in range(self.first_year, self.last_year + 1) for months in self.quarter_months
        )


@dataclass(frozen=True)
class WavesOutput:
    id: str
    path: str
    rule: str
    description: str


@dataclass(frozen=True)
class WavesSpec:
    files: dict[str, MunicipalFile]
    remittances: RemittanceFile
    published: dict[str, Any]
    panel: str
    outputs: dict[str, WavesOutput]

    def path(self, output_id: str) -> str:
        return self.outputs[output_id].path

    def file_paths(self, directory: str | Path) -> dict[str, Path]:
        """Where each statistical file is expected in ``directory`` (remittances under "remittances")."""
        paths = {file_id: Path(directory) / spec.file for file_id, spec in self.files.items()}
        paths["remittances"] = Path(directory) / self.remittances.file
        return paths


def load_waves_spec(
    path: str | Path = "config/municipal_waves.yaml", datapackage: str | Path | None = None
) -> WavesSpec:
    """Read the declaration; each file's md5 and origin come from the data package (by default
    ``data/raw/datapackage.json`` of the repository holding ``path``)."""
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    declared = load_statistical_files(datapackage or Path(path).resolve().parents[1] / DATAPACKAGE)
    files = load_file_declarations(doc["files"], path, declared)
    entry = doc["remittances"]
    if entry["file"] not in declared:
        raise ValueError(f"{path}: {entry['file']} is not declared under statistical_files/ in {DATAPACKAGE}")
    unknown = set(entry["normalisation"]) - set(NORMALISATION_STEPS)
    if unknown:
        raise ValueError(f"{path}: unknown normalisation steps {sorted(unknown)} (known: {NORMALISATION_STEPS})")
    remittances = RemittanceFile(
        file=entry["file"],
        declared=declared[entry["file"]],
        title=entry["title"],
        name_column=entry["name_column"],
        state_marker=entry["state_marker"],
        municipality_marker=entry["municipality_marker"],
        unidentified=entry["unidentified"],
        quarter_months=tuple(entry["quarters"]["months"]),
        first_year=int(entry["quarters"]["first_year"]),
        last_year=int(entry["quarters"]["last_year"]),
        comparison_year=int(entry["comparison_year"]),
        normalisation=tuple(entry["normalisation"]),
        exceptions=entry["exceptions"],
    )
    outputs = {
        output_id: WavesOutput(output_id, out["path"], out["rule"], out["description"])
        for output_id, out in doc["outputs"].items()
    }
    return WavesSpec(files, remittances, doc["published"], doc["panel"], outputs)
