"""Read CONAPO's municipal microdata: check each file's identity, read it against its declared schema,
join the two files on state and municipality, and compare the names they give each municipality.

The declarations live in ``config/microdata.yaml``. Every failure raises
:class:`~migration_evidence.errors.InputError` naming the file, line, row, column and offending text
(or, for a checksum, the file with the expected and actual md5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..columns import Column, check_header
from ..errors import InputError
from ..raw_csv import RawTable, read_csv_strict
from ..schemas import validate_frame
from ..statistical_files.datapackage import verify_statistical_file
from .names import compare_names
from .specs import MicrodataSpec, MunicipalFile

# Degrees of migratory intensity, in the order Table 1 prints them; the index orders them the other
# way round (Very low has the lowest index; Null municipalities have none).
DEGREES = ("Very high", "High", "Medium", "Low", "Very low", "Null")
YEARS = (1990, 1995, 2000, 2005, 2010, 2015)
MIGRATION_SHARES = (
    "households_receiving_remittances_pct",
    "households_with_emigrants_1995_2000_pct",
    "households_with_circular_migrants_pct",
    "households_with_return_migrants_pct",
)

_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


# --- file identity ------------------------------------------------------------------------------


def verify_checksum(path: str | Path, spec: MunicipalFile) -> str:
    """Return the file's md5, or stop if it is not the copy the results were checked against."""
    return verify_statistical_file(path, spec.declared)


# --- reading against the declared schema --------------------------------------------------------


@dataclass(frozen=True)
class MunicipalTable:
    """A file read against its declaration: typed municipal rows and, if any, national rows.

    Both frames carry ``_line`` (file line) and ``_row`` (the row's key as written) so that later
    checks can name the place of a problem; ``frame`` also keeps each cell's text as ``_text:<name>``.
    """

    path: str
    spec: MunicipalFile
    frame: pd.DataFrame
    national: pd.DataFrame


def _parse_cell(text: str, field: Column, spec: MunicipalFile, where: dict) -> object:
    if text in spec.missing:
        if not field.nullable:
            raise InputError(problem=f"missing value where {field.name} requires one", text=text, **where)
        return None
    if field.dtype == "label":
        value = text.strip()
        if not value:
            raise InputError(problem="empty text where a label is required", text=text, **where)
        return value
    pattern = _INT if field.dtype == "int" else _FLOAT
    if not pattern.fullmatch(text):
        kind = "an integer" if field.dtype == "int" else "a decimal number"
        raise InputError(problem=f"{text!r} is not {kind}", text=text, **where)
    return int(text) if field.dtype == "int" else float(text)


def _typed_frame(records: list[dict], fields: tuple[Column, ...]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    for field in fields:
        if field.name not in frame:
            frame[field.name] = pd.Series(dtype=object)
        if field.dtype == "int":
            frame[field.name] = pd.array(frame[field.name].tolist(), dtype="Int64")
        elif field.dtype == "float":
            frame[field.name] = pd.to_numeric(frame[field.name], errors="raise").astype("float64")
        else:
            frame[field.name] = frame[field.name].astype("str")
    return frame


def _validate(frame: pd.DataFrame, spec: MunicipalFile, path: str) -> None:
    def locate(row: pd.Series, column: str) -> tuple[str, str | None]:
        field = next(f for f in spec.columns if f.name == column)
        return field.raw, row[f"_text:{field.name}"]

    validate_frame(frame, spec.columns, path, locate)


def _check_unique(frame: pd.DataFrame, spec: MunicipalFile, path: str) -> None:
    names = [spec.field(raw).name for raw in spec.key]
    duplicated = frame[frame.duplicated(names, keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        lines = duplicated[(duplicated[names] == first[names]).all(axis=1)]["_line"].tolist()
        raise InputError(
            path,
            f"the key {list(spec.key)} must be unique; the same key is on lines {lines}",
            line=int(first["_line"]),
            row=first["_row"],
            column=spec.key[0],
            text=first[f"_text:{names[0]}"],
        )


def read_municipal_file(path: str | Path, spec: MunicipalFile) -> MunicipalTable:
    """Read a municipal statistical file strictly (its declared encoding, rectangular) and check every declared
    column."""
    path = str(path)
    raw: RawTable = read_csv_strict(path, spec.encoding)
    check_header(path, raw.header, list(spec.header), "in config/microdata.yaml")
    positions = {name: raw.header.index(name) for name in spec.header}
    key_positions = [positions[name] for name in spec.key]
    national_rule = spec.national_rows
    records, national = [], []
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row_key = "/".join(record[i] for i in key_positions)
        is_national = national_rule is not None and record[positions[national_rule.column]] == national_rule.value
        fields = [spec.field(c) for c in national_rule.columns] if is_national else list(spec.columns)
        out: dict[str, object] = {"_line": line, "_row": national_rule.value if is_national else row_key}
        for field in fields:
            text = record[positions[field.raw]]
            where = {"path": path, "line": line, "row": out["_row"], "column": field.raw}
            out[field.name] = _parse_cell(text, field, spec, where)
            out[f"_text:{field.name}"] = text
        (national if is_national else records).append(out)
    frame = _typed_frame(records, spec.columns)
    _validate(frame, spec, path)
    _check_unique(frame, spec, path)
    national_fields = tuple(spec.field(c) for c in national_rule.columns) if national_rule else ()
    national_frame = _typed_frame(national, national_fields) if national else pd.DataFrame()
    return MunicipalTable(path, spec, frame, national_frame)


# --- checks that span rows ----------------------------------------------------------------------


def check_migratory_intensity(table: MunicipalTable) -> pd.DataFrame:
    """Check the index file's internal logic; return it with no index for the Null municipalities.

    A Null municipality has no migration at all: the file writes 0.0 for its index and its four
    shares, which is a placeholder, not an index value. The degrees stratify the index, so each
    degree's range of index values must lie wholly above the next lower degree's.
    """
    frame = table.frame.copy()
    degree = frame["migratory_intensity_degree"]
    null = degree == "Null"
    for column in ("migratory_intensity_index", *MIGRATION_SHARES):
        wrong = frame[null & (frame[column] != 0)]
        if not wrong.empty:
            first = wrong.iloc[0]
            field = next(f for f in table.spec.columns if f.name == column)
            raise InputError(
                table.path,
                "a municipality of degree 'Null' (no migration) must have 0 here",
                line=int(first["_line"]),
                row=first["_row"],
                column=field.raw,
                text=first[f"_text:{column}"],
            )
    ordered = [d for d in reversed(DEGREES) if d != "Null"]  # lowest index first
    for position, lower in enumerate(ordered[:-1]):
        higher = frame.loc[
            degree.isin(ordered[position + 1 :]), ["migratory_intensity_index", "migratory_intensity_degree"]
        ]
        if higher.empty:
            continue
        floor = higher.sort_values("migratory_intensity_index", kind="stable").iloc[0]
        above = frame[(degree == lower) & (frame["migratory_intensity_index"] >= floor["migratory_intensity_index"])]
        if not above.empty:
            first = above.iloc[0]
            raise InputError(
                table.path,
                f"index {first['migratory_intensity_index']} of degree {lower!r} is not below the index "
                f"{floor['migratory_intensity_index']} of a municipality of higher degree "
                f"{floor['migratory_intensity_degree']!r}: the degrees must stratify the index",
                line=int(first["_line"]),
                row=first["_row"],
                column="GIM_2000",
                text=first["_text:migratory_intensity_degree"],
            )
    frame.loc[null, "migratory_intensity_index"] = float("nan")
    return frame


def check_marginalisation(table: MunicipalTable) -> None:
    """Codes agree with each other, each state has one name, and national rows equal the sum."""
    frame = table.frame
    wrong = frame[frame["municipality_key"] // 1000 != frame["state_code"]]
    if not wrong.empty:
        first = wrong.iloc[0]
        raise InputError(
            table.path,
            f"the municipality key must start with the state code {first['state_code']}",
            line=int(first["_line"]),
            row=first["_row"],
            column="CVE_MUN",
            text=first["_text:municipality_key"],
        )
    names = frame.groupby("state_code")["state_name"].nunique()
    if (names > 1).any():
        code = int(names[names > 1].index[0])
        first = frame[frame["state_code"] == code].drop_duplicates("state_name").iloc[1]
        raise InputError(
            table.path,
            f"state {code} has more than one name",
            line=int(first["_line"]),
            row=first["_row"],
            column="ENT",
            text=first["state_name"],
        )
    sums = frame.groupby("year")["population"].sum()
    for _, national in table.national.iterrows():
        year = int(national["year"])
        if int(sums.get(year, 0)) != int(national["population"]):
            raise InputError(
                table.path,
                f"the national population of {year} differs from the sum of its municipalities ({int(sums[year])})",
                line=int(national["_line"]),
                row=national["_row"],
                column="POB_TOT",
                text=national["_text:population"],
            )


# --- joining the two files ----------------------------------------------------------------------


def join_municipalities(intensity: pd.DataFrame, intensity_path: str, margin: MunicipalTable) -> pd.DataFrame:
    """One row per municipality that either file knows, 1990-2015, keyed by state × 1000 + code.

    Every municipality of the index file must be one of the 2000 municipalities of the
    marginalisation file and the other way round; otherwise the build stops naming the first one.
    """
    rows = margin.frame
    intensity = intensity.assign(municipality_key=intensity["state_code"] * 1000 + intensity["municipality_code"])
    in_2000 = rows[rows["year"] == 2000]
    unmatched = intensity[~intensity["municipality_key"].isin(in_2000["municipality_key"])]
    if not unmatched.empty:
        first = unmatched.iloc[0]
        raise InputError(
            intensity_path,
            f"{len(unmatched)} municipalit(y/ies) of this file have no 2000 row in {margin.path}",
            line=int(first["_line"]),
            row=first["_row"],
            column="MUN_ID",
            text=first["_text:municipality_code"],
        )
    unmatched = in_2000[~in_2000["municipality_key"].isin(intensity["municipality_key"])]
    if not unmatched.empty:
        first = unmatched.iloc[0]
        raise InputError(
            margin.path,
            f"{len(unmatched)} municipalit(y/ies) of 2000 are not in {intensity_path}",
            line=int(first["_line"]),
            row=first["_row"],
            column="CVE_MUN",
            text=first["_text:municipality_key"],
        )
    population = rows.pivot(index="municipality_key", columns="year", values="population")
    population = population.reindex(columns=list(YEARS))
    population.columns = [f"population_{year}" for year in YEARS]
    first_seen = rows.sort_values(["municipality_key", "year"]).drop_duplicates("municipality_key")
    names_2000 = in_2000.set_index("municipality_key")
    joined = first_seen.set_index("municipality_key")[["state_code", "state_name", "municipality_name"]]
    joined = joined.rename(columns={"municipality_name": "name_marginalisation_file"})
    joined.loc[names_2000.index, "name_marginalisation_file"] = names_2000["municipality_name"]
    joined["marginalisation_index_2000"] = names_2000["marginalisation_index"]
    joined["marginalisation_degree_2000"] = names_2000["marginalisation_degree"]
    joined["marginalisation_index_1990"] = rows[rows["year"] == 1990].set_index("municipality_key")[
        "marginalisation_index"
    ]
    by_key = intensity.set_index("municipality_key")
    joined["in_migration_file"] = joined.index.isin(by_key.index)
    joined["name_migration_file"] = by_key["municipality_name"]
    joined["name_migration_file_as_written"] = by_key["_text:municipality_name"]
    joined["migratory_intensity_degree"] = by_key["migratory_intensity_degree"]
    joined["migratory_intensity_index"] = by_key["migratory_intensity_index"]
    joined["households_2000"] = by_key["households"]
    joined = joined.join(population)
    for column in population.columns:
        joined[column] = joined[column].astype("Int64")
    joined["households_2000"] = joined["households_2000"].astype("Int64")
    return joined.reset_index().sort_values("municipality_key", kind="stable").reset_index(drop=True)


JOINED_DTYPES = {
    "municipality_key": "int64",
    "state_code": "int64",
    "state_name": "str",
    "name_marginalisation_file": "str",
    "marginalisation_index_2000": "float64",
    "marginalisation_degree_2000": "str",
    # missing for municipalities created after 1990
    "marginalisation_index_1990": "float64",
    "in_migration_file": "bool",
    "name_migration_file": "str",
    "name_migration_file_as_written": "str",
    "migratory_intensity_degree": "str",
    "migratory_intensity_index": "float64",
    "households_2000": "Int64",
    **{f"population_{year}": "Int64" for year in YEARS},
}


def read_joined(path: str | Path) -> pd.DataFrame:
    """Read the joined per-municipality file written by the ingest step."""
    frame = pd.read_csv(path, dtype=JOINED_DTYPES, keep_default_na=False, na_values={c: [""] for c in JOINED_DTYPES})
    if list(frame.columns) != list(JOINED_DTYPES):
        raise InputError(str(path), f"columns {list(frame.columns)} differ from {list(JOINED_DTYPES)}", line=1)
    return frame


# --- files and geography ------------------------------------------------------------------------


def files_table(tables: list[MunicipalTable], checksums: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "file": table.spec.file,
                "title": table.spec.title,
                "expected_md5": table.spec.md5,
                "actual_md5": checksums[table.spec.id],
                "md5_agrees": checksums[table.spec.id] == table.spec.md5,
                "bytes": Path(table.path).stat().st_size,
                "municipal_rows": len(table.frame),
                "national_rows": len(table.national),
            }
            for table in tables
        ]
    )


def geography_table(joined: pd.DataFrame, margin: MunicipalTable) -> pd.DataFrame:
    """Municipalities and population per year, against the 2,443 municipalities of 2000."""
    of_2000 = joined["population_2000"].notna()
    national = {}
    if not margin.national.empty:
        national = dict(
            zip(margin.national["year"].astype(int), margin.national["population"].astype(int), strict=True)
        )
    rows = []
    for year in YEARS:
        present = joined[f"population_{year}"].notna()
        rows.append(
            {
                "year": year,
                "municipalities": int(present.sum()),
                "municipalities_of_2000_present": int((present & of_2000).sum()),
                "municipalities_of_2000_absent": int((~present & of_2000).sum()),
                "municipalities_not_in_2000": int((present & ~of_2000).sum()),
                "population_sum_of_municipalities": int(joined.loc[present, f"population_{year}"].sum()),
                "population_national_row": national.get(year, pd.NA),
            }
        )
    frame = pd.DataFrame(rows)
    frame["population_national_row"] = frame["population_national_row"].astype("Int64")
    return frame


# --- the whole ingest step ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ingested:
    joined: pd.DataFrame
    files: pd.DataFrame
    geography: pd.DataFrame
    name_mismatches: pd.DataFrame
    name_summary: pd.DataFrame
    # The index file as checked (the four household shares; no index for Null municipalities), for
    # analyses of the index itself; never written out.
    intensity: pd.DataFrame


def ingest(spec: MicrodataSpec, paths: dict[str, str | Path]) -> Ingested:
    """Check, read and join both files (``paths`` maps file ids of config/microdata.yaml to paths)."""
    checksums = {file_id: verify_checksum(paths[file_id], spec.files[file_id]) for file_id in spec.files}
    intensity = read_municipal_file(paths["migratory_intensity_2000"], spec.files["migratory_intensity_2000"])
    margin = read_municipal_file(paths["marginalisation_1990_2015"], spec.files["marginalisation_1990_2015"])
    checked = check_migratory_intensity(intensity)
    check_marginalisation(margin)
    joined = join_municipalities(checked, intensity.path, margin)
    mismatches, summary = compare_names(joined)
    return Ingested(
        joined=joined[list(JOINED_DTYPES)],
        files=files_table([intensity, margin], checksums),
        geography=geography_table(joined, margin),
        name_mismatches=mismatches,
        name_summary=summary,
        intensity=checked,
    )
