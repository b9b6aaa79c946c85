"""The municipal waves 2000, 2010 and 2020: read the public statistical files of 2010 and 2020 against
their declarations, match Banco de México's municipal remittances to INEGI codes by declared rules,
and build one per-municipality panel keyed by INEGI code, with the findings the files give.

Declarations: ``config/municipal_waves.yaml`` (2010 and 2020 files) and ``config/microdata.yaml`` (the
2000 files). Every failure raises :class:`~migration_evidence.errors.InputError` naming the file,
line, row, column and offending text.

The waves are compared through the four percentages and the degrees, never through index values:
2000's and 2010's indices are principal components on different bases, and 2020's (DP2) is a distance
on another scale, where LOWER means MORE intense.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..audit.verdicts import RESULT_COLUMNS
from ..errors import InputError
from ..printed.clean import read_csv_strict
from ..statistical_files import file_md5, verify_statistical_file
from .ingest import (
    MIGRATION_SHARES,
    ExternalTable,
    check_marginalisation,
    check_migratory_intensity,
    join_municipalities,
    read_statistical_file,
    verify_checksum,
)
from .specs import MicrodataSpec
from .waves_specs import RemittanceFile, WavesSpec

WAVES = (2000, 2010, 2020)
# The four indicators, named once for every wave (2000: households; 2010 and 2020: dwellings).
INDICATORS = (
    "receiving_remittances_pct",
    "with_emigrants_pct",
    "with_circular_migrants_pct",
    "with_return_migrants_pct",
)
INDICATOR_LABELS = {
    "receiving_remittances_pct": "receiving remittances",
    "with_emigrants_pct": "with emigrants to the US in the previous five years",
    "with_circular_migrants_pct": "with circular migrants",
    "with_return_migrants_pct": "with return migrants",
}
# CONAPO's Spanish degree labels (2010 written with a rank: "5 Muy Alto") in the English of 2000.
DEGREE_NAMES = {
    "muy alto": "Very high",
    "alto": "High",
    "medio": "Medium",
    "bajo": "Low",
    "muy bajo": "Very low",
    "nulo": "Null",
}
# The source audit's columns: the findings contract (docs/findings.md).
FINDINGS_COLUMNS = tuple(RESULT_COLUMNS)
EXCEPTION_COLUMNS = ["level", "banxico_state", "banxico_name", "inegi_code", "inegi_name", "reason"]


def english_degree(text: str) -> str:
    """ "5 Muy Alto" / "Muy alto" -> "Very high"."""
    return DEGREE_NAMES[re.sub(r"^[0-9]+\s+", "", text.strip()).casefold()]


# --- the 2010 and 2020 files --------------------------------------------------------------------


def wave_frame(table: ExternalTable, year: int) -> pd.DataFrame:
    """One row per municipality of a wave's intensity file: key, degree (English), dwellings, the four
    indicators and the wave's own index, under wave-suffixed names."""
    frame = table.frame
    if "municipality_key" in frame:
        key = frame["municipality_key"].astype("int64")
    else:
        key = frame["state_code"].astype("int64") * 1000 + frame["municipality_code"].astype("int64")
    index_column = "intensity_index" if year == 2010 else "intensity_index_dp2"
    out = pd.DataFrame(
        {
            "municipality_key": key,
            f"name_{year}": frame["municipality_name"],
            f"degree_{year}": frame["degree_as_written"].map(english_degree),
            f"dwellings_{year}": frame["dwellings"].astype("int64"),
            **{f"{c}_{year}": frame[c].astype("float64") for c in INDICATORS},
            f"index_{year}" if year == 2010 else "index_dp2_2020": frame[index_column].astype("float64"),
        }
    )
    check_null_degree(table, out, year)
    return out


def check_null_degree(table: ExternalTable, frame: pd.DataFrame, year: int) -> None:
    """A municipality of degree Null has no migration at all: its four percentages must be 0."""
    null = frame[f"degree_{year}"] == "Null"
    for column in INDICATORS:
        wrong = null & (frame[f"{column}_{year}"] != 0)
        if wrong.any():
            position = int(wrong.to_numpy().argmax())
            row = table.frame.iloc[position]
            field = next(f for f in table.spec.columns if f.name == column)
            raise InputError(
                table.path,
                "a municipality of degree Null (no migration) must have 0 here",
                line=int(row["_line"]),
                row=row["_row"],
                column=field.raw,
                text=row[f"_text:{column}"],
            )


def check_same_municipalities(tables: dict[str, ExternalTable], keys: dict[str, pd.Series]) -> None:
    """The three 2020 files (intensity, marginalisation, population) must list the same municipalities."""
    first_id, *others = list(keys)
    for other in others:
        extra = ~keys[other].isin(keys[first_id])
        if extra.any():
            position = int(extra.to_numpy().argmax())
            row = tables[other].frame.iloc[position]
            raise InputError(
                tables[other].path,
                f"municipality {int(keys[other].iloc[position])} is not in {tables[first_id].path}",
                line=int(row["_line"]),
                row=row["_row"],
            )
        missing = ~keys[first_id].isin(keys[other])
        if missing.any():
            position = int(missing.to_numpy().argmax())
            row = tables[first_id].frame.iloc[position]
            raise InputError(
                tables[first_id].path,
                f"municipality {int(keys[first_id].iloc[position])} is not in {tables[other].path}",
                line=int(row["_line"]),
                row=row["_row"],
            )


# --- INEGI's coordinates -----------------------------------------------------------------------


_SEXAGESIMAL = re.compile(r"(-?)([0-9]{1,3})\.([0-5][0-9])([0-5][0-9])([0-9]*)")


def sexagesimal_degrees(text: str) -> float | None:
    """Decimal degrees from a coordinate written as degrees, minutes and seconds run together after the
    point ("-102.1745768" is 102° 17' 45.768" W = -102.29605), or None if the text is not of that form
    (minutes and seconds must be below 60)."""
    match = _SEXAGESIMAL.fullmatch(text)
    if match is None:
        return None
    sign, degrees, minutes, seconds, decimals = match.groups()
    value = int(degrees) + int(minutes) / 60 + float(f"{seconds}.{decimals or '0'}") / 3600
    return -value if sign else value


def coordinates_in_degrees(table: ExternalTable) -> pd.DataFrame:
    """INEGI's file writes each representative point in degrees, minutes and seconds run together after the
    decimal point (no fractional part has minutes above 59); converted here to decimal degrees. A value
    that is not of that form stops the build."""
    out = {}
    for column, raw in (("longitude", "longitud"), ("latitude", "latitud")):
        values = []
        for text, line, row in zip(
            table.frame[f"_text:{column}"], table.frame["_line"], table.frame["_row"], strict=True
        ):
            value = sexagesimal_degrees(text)
            if value is None:
                raise InputError(
                    table.path,
                    "not degrees, minutes and seconds (DDD.MMSSsss, minutes and seconds below 60)",
                    line=int(line),
                    row=row,
                    column=raw,
                    text=text,
                )
            values.append(value)
        out[column] = values
    return pd.DataFrame(out, index=table.frame.index)


# --- Banco de México's municipal remittances ----------------------------------------------------


@dataclass(frozen=True)
class RemittanceRows:
    """The wide file read: one row per municipality name (state rows kept apart), values in USD millions."""

    path: str
    municipalities: pd.DataFrame  # banxico_state, banxico_name, _line, one column per quarter label
    states: pd.DataFrame  # banxico_state, _line, one column per quarter label


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def read_remittances(path: str | Path, spec: RemittanceFile) -> RemittanceRows:
    """Read the wide file strictly: the declared header, every row a state ("●") or one of its
    municipalities ("⚬"), every value a non-negative decimal number."""
    path = str(path)
    raw = read_csv_strict(path)
    expected = (spec.name_column, *spec.quarter_labels)
    if tuple(raw.header) != expected:
        extra = [c for c in raw.header if c not in expected]
        missing = [c for c in expected if c not in raw.header]
        raise InputError(
            path,
            f"the header differs from the declared one ({spec.name_column} then the quarters "
            f"{spec.quarter_labels[0]} ... {spec.quarter_labels[-1]}); missing {missing}",
            line=1,
            column=extra[0] if extra else (missing[0] if missing else None),
        )
    states, municipalities = [], []
    state = None
    for record, line in zip(raw.rows, raw.lines, strict=True):
        label = record[0]
        if spec.state_marker in label:
            state = label.split(spec.state_marker, 1)[1].strip()
            kind = "state"
        elif spec.municipality_marker in label:
            kind = "municipality"
            if state is None:
                raise InputError(
                    path, "a municipality before any state row", line=line, row=label, column=spec.name_column
                )
        else:
            raise InputError(
                path,
                f"a row must be a state ({spec.state_marker}) or a municipality ({spec.municipality_marker})",
                line=line,
                row=label,
                column=spec.name_column,
                text=label,
            )
        out: dict[str, object] = {"banxico_state": state, "_line": line}
        if kind == "municipality":
            out["banxico_name"] = label.split(spec.municipality_marker, 1)[1].strip()
        for column, text in zip(spec.quarter_labels, record[1:], strict=True):
            if not _NUMBER.fullmatch(text):
                raise InputError(
                    path, "not a non-negative decimal number", line=line, row=label.strip(), column=column, text=text
                )
            out[column] = float(text)
        (states if kind == "state" else municipalities).append(out)
    return RemittanceRows(path, pd.DataFrame(municipalities), pd.DataFrame(states))


def normalise_name(name: str, steps: tuple[str, ...]) -> str:
    """A name after the declared normalisation steps (config/municipal_waves.yaml), in their order."""
    for step in steps:
        if step == "strip":
            name = name.strip()
        elif step == "casefold":
            name = name.casefold()
        elif step == "strip_accents":
            name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        elif step == "collapse_blanks":
            name = " ".join(name.split())
        elif step == "drop_punctuation":
            name = " ".join(re.sub(r"[^\w ]", " ", name).split())
        else:  # pragma: no cover - the loader refuses unknown steps
            raise ValueError(step)
    return name


def read_exceptions(path: str | Path) -> pd.DataFrame:
    """The declared exceptions to the name rules: state names and municipality names, each with its
    INEGI code and reason."""
    path = str(path)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != EXCEPTION_COLUMNS:
            raise InputError(
                path, f"the header must be {EXCEPTION_COLUMNS}", line=1, text=",".join(reader.fieldnames or [])
            )
        rows = []
        for number, row in enumerate(reader, start=2):
            if row["level"] not in ("state", "municipality"):
                raise InputError(
                    path, "level must be state or municipality", line=number, column="level", text=row["level"]
                )
            if not row["inegi_code"].isdigit():
                raise InputError(path, "not an INEGI code", line=number, column="inegi_code", text=row["inegi_code"])
            if len(row["reason"]) < 20:
                raise InputError(
                    path, "every exception needs its reason", line=number, column="reason", text=row["reason"]
                )
            rows.append({**row, "inegi_code": int(row["inegi_code"]), "_line": number})
    return pd.DataFrame(rows, columns=[*EXCEPTION_COLUMNS, "_line"])


def match_remittances(
    rows: RemittanceRows, inegi: pd.DataFrame, exceptions: pd.DataFrame, spec: RemittanceFile, exceptions_path: str
) -> pd.DataFrame:
    """Each Banxico municipality name with the INEGI code it is matched to and how.

    ``inegi`` has municipality_key, state_code, state_name, municipality_name. States: the same name
    after normalisation, or a declared state exception. Municipalities, within the state: the same name
    after normalisation, or a declared municipality exception. The "No identificado" rows are kept,
    marked ``unidentified``; a name matching two INEGI municipalities, or an exception that matches
    nothing, stops the build.
    """
    steps = spec.normalisation
    state_codes = {normalise_name(n, steps): c for n, c in inegi.groupby("state_name")["state_code"].first().items()}
    state_exceptions = exceptions[exceptions["level"] == "state"]
    state_codes.update({normalise_name(r.banxico_state, steps): r.inegi_code for r in state_exceptions.itertuples()})
    frame = rows.municipalities.copy()
    frame["state_code"] = frame["banxico_state"].map(lambda s: state_codes.get(normalise_name(s, steps)))
    unknown = frame[frame["state_code"].isna()]
    if not unknown.empty:
        first = unknown.iloc[0]
        raise InputError(
            rows.path,
            f"state {first['banxico_state']!r} matches no INEGI state name; declare it in {exceptions_path}",
            line=int(first["_line"]),
            row=first["banxico_state"],
        )
    frame["state_code"] = frame["state_code"].astype("int64")
    inegi_keys = inegi.assign(normalised=inegi["municipality_name"].map(lambda n: normalise_name(n, steps)))
    duplicated = inegi_keys[inegi_keys.duplicated(["state_code", "normalised"], keep=False)]
    unique = inegi_keys.drop_duplicates(["state_code", "normalised"], keep=False)
    lookup = dict(
        zip(zip(unique["state_code"], unique["normalised"], strict=True), unique["municipality_key"], strict=True)
    )
    municipality_keys = set(inegi["municipality_key"])
    exception_lookup = {
        (normalise_name(r["banxico_state"], steps), normalise_name(r["banxico_name"], steps)): r
        for r in exceptions[exceptions["level"] == "municipality"].reset_index().to_dict("records")
    }
    ambiguous = set(zip(duplicated["state_code"], duplicated["normalised"], strict=True))
    used = set()
    keys, methods = [], []
    for row in frame.to_dict("records"):
        name = normalise_name(row["banxico_name"], steps)
        exception = exception_lookup.get((normalise_name(row["banxico_state"], steps), name))
        if row["banxico_name"] == spec.unidentified:
            keys.append(pd.NA)
            methods.append("unidentified")
        elif exception is not None:
            used.add(exception["index"])
            if exception["inegi_code"] not in municipality_keys:
                raise InputError(
                    exceptions_path,
                    "the exception names an INEGI code that is not a municipality",
                    line=int(exception["_line"]),
                    column="inegi_code",
                    text=str(exception["inegi_code"]),
                )
            keys.append(exception["inegi_code"])
            methods.append("exception")
        elif (row["state_code"], name) in ambiguous:
            raise InputError(
                rows.path,
                "the name matches two INEGI municipalities of the state; declare which in " + exceptions_path,
                line=int(row["_line"]),
                row=row["banxico_name"],
            )
        elif (row["state_code"], name) in lookup:
            keys.append(int(lookup[(row["state_code"], name)]))
            methods.append("rule")
        else:
            keys.append(pd.NA)
            methods.append("unmatched")
    unused = exceptions[(exceptions["level"] == "municipality") & ~exceptions.index.isin(used)]
    if not unused.empty:
        first = unused.iloc[0]
        raise InputError(
            exceptions_path,
            f"the exception matches no name of {rows.path}",
            line=int(first["_line"]),
            column="banxico_name",
            text=first["banxico_name"],
        )
    frame["municipality_key"] = pd.array(keys, dtype="Int64")
    frame["match"] = methods
    twice = frame[frame["municipality_key"].notna() & frame.duplicated("municipality_key", keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        raise InputError(
            rows.path,
            f"two Banxico names are matched to INEGI code {int(first['municipality_key'])}",
            line=int(first["_line"]),
            row=first["banxico_name"],
        )
    return frame


def match_by_state(matches: pd.DataFrame, inegi: pd.DataFrame) -> pd.DataFrame:
    """Names matched by rule and by exception, unmatched and unidentified, by state, with the INEGI
    municipalities no Banxico name reaches."""
    counts = pd.crosstab(matches["state_code"], matches["match"]).reindex(
        columns=["rule", "exception", "unmatched", "unidentified"], fill_value=0
    )
    municipalities = inegi.groupby("state_code").agg(
        state_name=("state_name", "first"), inegi_municipalities=("municipality_key", "size")
    )
    reached = matches.dropna(subset=["municipality_key"]).groupby("state_code").size()
    out = municipalities.join(counts).fillna(0)
    out["banxico_names"] = out[["rule", "exception", "unmatched"]].sum(axis=1)
    out["inegi_without_banxico_name"] = out["inegi_municipalities"] - reached.reindex(out.index, fill_value=0)
    out = out.reset_index().rename(
        columns={"rule": "matched_by_rule", "exception": "matched_by_exception", "unidentified": "no_identificado_rows"}
    )
    columns = [
        "state_code",
        "state_name",
        "inegi_municipalities",
        "banxico_names",
        "matched_by_rule",
        "matched_by_exception",
        "unmatched",
        "no_identificado_rows",
        "inegi_without_banxico_name",
    ]
    out = out[columns]
    total = {"state_code": 0, "state_name": "National", **{c: int(out[c].sum()) for c in columns[2:]}}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for column in columns[2:]:
        out[column] = out[column].astype("int64")
    matched = out["matched_by_rule"] + out["matched_by_exception"]
    out["match_rate_pct"] = (100 * matched / out["banxico_names"]).round(4)
    return out


def unmatched_table(matches: pd.DataFrame, inegi: pd.DataFrame, spec: RemittanceFile) -> pd.DataFrame:
    """Every name of either side left without a partner: Banxico names (with their remittances in the
    comparison year and over the whole file) and INEGI municipalities no Banxico name reaches."""
    year_columns = [c for c in spec.quarter_labels if c.endswith(str(spec.comparison_year))]
    left = matches[matches["match"].isin(["unmatched", "unidentified"])]
    banxico = pd.DataFrame(
        {
            "side": "banxico",
            "state_code": left["state_code"],
            "name": left["banxico_name"],
            "municipality_key": pd.array([pd.NA] * len(left), dtype="Int64"),
            "status": left["match"].map(
                {
                    "unmatched": "no INEGI municipality of this name in the state",
                    "unidentified": "Banxico's own unallocated row",
                }
            ),
            f"remittances_usd_millions_{spec.comparison_year}": left[year_columns].sum(axis=1).round(6),
            "remittances_usd_millions_all_quarters": left[list(spec.quarter_labels)].sum(axis=1).round(6),
        }
    )
    reached = set(matches["municipality_key"].dropna().astype(int))
    missing = inegi[~inegi["municipality_key"].isin(reached)]
    others = pd.DataFrame(
        {
            "side": "inegi",
            "state_code": missing["state_code"],
            "name": missing["municipality_name"],
            "municipality_key": pd.array(missing["municipality_key"], dtype="Int64"),
            "status": "no Banxico row (Banxico lists 2,456 municipalities, INEGI's 2020 list 2,469)",
            f"remittances_usd_millions_{spec.comparison_year}": math.nan,
            "remittances_usd_millions_all_quarters": math.nan,
        }
    )
    out = pd.concat([banxico, others], ignore_index=True)
    return out.sort_values(["side", "state_code", "name"], kind="stable").reset_index(drop=True)


# --- the panel ----------------------------------------------------------------------------------


PANEL_DTYPES = {
    "municipality_key": "int64",
    "state_code": "int64",
    "state_name": "str",
    "municipality_name": "str",
    "in_2000": "bool",
    "in_2010": "bool",
    "in_2020": "bool",
    "degree_2000": "str",
    "degree_2010": "str",
    "degree_2020": "str",
    "households_2000": "Int64",
    "dwellings_2010": "Int64",
    "dwellings_2020": "Int64",
    **{f"{c}_{year}": "float64" for year in WAVES for c in INDICATORS},
    "index_2000": "float64",
    "index_2010": "float64",
    "index_dp2_2020": "float64",
    **{f"population_{year}": "Int64" for year in (1990, 1995, 2000, 2005, 2010, 2015, 2020)},
    "marginalisation_index_2000": "float64",
    "marginalisation_index_2010": "float64",
    "marginalisation_index_dp2_2020": "float64",
    "longitude": "float64",
    "latitude": "float64",
    "remittances_usd_millions_2020": "float64",
    "remittances_match": "str",
}


def build_panel(
    joined_2000: pd.DataFrame,
    intensity_2000: pd.DataFrame,
    margin_1990_2015: pd.DataFrame,
    wave_2010: pd.DataFrame,
    wave_2020: pd.DataFrame,
    margin_2020: pd.DataFrame,
    inegi: pd.DataFrame,
    remittances: pd.DataFrame,
) -> pd.DataFrame:
    """One row per municipality in any wave, keyed by INEGI code (state × 1000 + municipality).

    ``joined_2000`` is the 2000 join of config/microdata.yaml (index file + marginalisation 1990-2015) and
    ``intensity_2000`` the checked 2000 index file (its four shares); a municipality absent from a wave has
    no values for it (``in_<year>`` false).
    """
    base = joined_2000.set_index("municipality_key")
    keys = sorted(set(base.index) | set(wave_2010["municipality_key"]) | set(inegi["municipality_key"]))
    panel = pd.DataFrame(index=pd.Index(keys, name="municipality_key"))
    names = inegi.set_index("municipality_key")
    states = (
        pd.concat([names[["state_code", "state_name"]], base[["state_code", "state_name"]]]).groupby(level=0).first()
    )
    panel["state_code"] = states["state_code"]
    panel["state_name"] = states["state_name"]
    panel["municipality_name"] = (
        names["municipality_name"]
        .combine_first(wave_2010.set_index("municipality_key")["name_2010"])
        .combine_first(base["name_marginalisation_file"])
    )
    in_2000 = base[base["in_migration_file"].astype(bool)]
    panel["in_2000"] = panel.index.isin(in_2000.index)
    panel["in_2010"] = panel.index.isin(wave_2010["municipality_key"])
    panel["in_2020"] = panel.index.isin(wave_2020["municipality_key"])
    panel["degree_2000"] = in_2000["migratory_intensity_degree"]
    w10 = wave_2010.set_index("municipality_key")
    w20 = wave_2020.set_index("municipality_key")
    panel["degree_2010"] = w10["degree_2010"]
    panel["degree_2020"] = w20["degree_2020"]
    panel["households_2000"] = in_2000["households_2000"]
    panel["dwellings_2010"] = w10["dwellings_2010"]
    panel["dwellings_2020"] = w20["dwellings_2020"]
    i00 = intensity_2000.assign(
        municipality_key=intensity_2000["state_code"].astype("int64") * 1000
        + intensity_2000["municipality_code"].astype("int64")
    ).set_index("municipality_key")
    for column, share_2000 in zip(INDICATORS, MIGRATION_SHARES, strict=True):
        panel[f"{column}_2000"] = i00[share_2000]
    for year, wave in ((2010, w10), (2020, w20)):
        for column in INDICATORS:
            panel[f"{column}_{year}"] = wave[f"{column}_{year}"]
    panel["index_2000"] = in_2000["migratory_intensity_index"]
    panel["index_2010"] = w10["index_2010"]
    panel["index_dp2_2020"] = w20["index_dp2_2020"]
    population = margin_1990_2015.pivot(index="municipality_key", columns="year", values="population")
    for year in (1990, 1995, 2000, 2005, 2010, 2015):
        panel[f"population_{year}"] = population[year] if year in population else pd.NA
    m20 = margin_2020.set_index("municipality_key")
    panel["population_2020"] = m20["population"]
    margin = margin_1990_2015.pivot(index="municipality_key", columns="year", values="marginalisation_index")
    panel["marginalisation_index_2000"] = margin[2000]
    panel["marginalisation_index_2010"] = margin[2010]
    panel["marginalisation_index_dp2_2020"] = m20["marginalisation_index"]
    panel["longitude"] = names["longitude"]
    panel["latitude"] = names["latitude"]
    matched = remittances.dropna(subset=["municipality_key"]).set_index("municipality_key")
    panel["remittances_usd_millions_2020"] = matched["remittances_usd_millions_2020"]
    panel["remittances_match"] = matched["match"]
    panel = panel.reset_index()
    for column, dtype in PANEL_DTYPES.items():
        if dtype == "str":
            panel[column] = panel[column].astype("str").where(panel[column].notna(), "")
        else:
            panel[column] = panel[column].astype(dtype)
    return panel[list(PANEL_DTYPES)]


def read_panel(path: str | Path) -> pd.DataFrame:
    """Read the panel written by the ingest step (empty text where a wave has no value)."""
    frame = pd.read_csv(path, dtype=PANEL_DTYPES, keep_default_na=False, na_values={c: [""] for c in PANEL_DTYPES})
    if list(frame.columns) != list(PANEL_DTYPES):
        raise InputError(str(path), f"columns {list(frame.columns)} differ from {list(PANEL_DTYPES)}", line=1)
    for column, dtype in PANEL_DTYPES.items():
        if dtype == "str":
            frame[column] = frame[column].fillna("")
    return frame


def created_between_waves(panel: pd.DataFrame) -> pd.DataFrame:
    """Every municipality that is not in all three waves: when it first appears, its population, and how
    the analyses treat it."""
    partial = panel[~(panel["in_2000"] & panel["in_2010"] & panel["in_2020"])].copy()
    first = partial.apply(lambda r: next(y for y in WAVES if r[f"in_{y}"]), axis=1)
    handling = {
        2010: "no 2000 degree: outside every table by 2000 degree and every 2000-2010 or 2000-2020 change; "
        "counted in the 2010 and 2020 national figures. Its state's 2000 municipalities lost the territory it "
        "took: population changes of that state are shown with and without it",
        2020: "no 2000 or 2010 degree: outside every table by 2000 degree and every change that starts before "
        "2020; counted in the 2020 national figures. Its state's older municipalities lost the territory it took: "
        "population changes of that state are shown with and without it",
    }
    out = pd.DataFrame(
        {
            "municipality_key": partial["municipality_key"],
            "state_code": partial["state_code"],
            "state_name": partial["state_name"],
            "municipality_name": partial["municipality_name"],
            "first_wave": first.astype("int64"),
            "in_2000": partial["in_2000"],
            "in_2010": partial["in_2010"],
            "in_2020": partial["in_2020"],
            "population_first_wave": [
                partial.loc[i, f"population_{y}"] for i, y in zip(partial.index, first, strict=True)
            ],
            "degree_2010": partial["degree_2010"],
            "degree_2020": partial["degree_2020"],
            "handling": first.map(handling),
        }
    )
    out["population_first_wave"] = out["population_first_wave"].astype("Int64")
    return out.reset_index(drop=True)


# --- files and findings -------------------------------------------------------------------------


def files_table(paths: dict[str, Path], spec: WavesSpec, rows: dict[str, int]) -> pd.DataFrame:
    records = []
    for file_id, path in paths.items():
        declared = spec.remittances if file_id == "remittances" else spec.files[file_id]
        records.append(
            {
                "file": declared.file,
                "title": declared.title,
                "encoding": getattr(declared, "encoding", "utf-8"),
                "expected_md5": declared.md5,
                "actual_md5": file_md5(path),
                "bytes": Path(path).stat().st_size,
                "rows_read": rows[file_id],
                "found_in": f"{declared.found_in['repository']}, {declared.found_in['path']}, "
                f"commit {declared.found_in['commit']}",
            }
        )
    return pd.DataFrame(records)


def _finding(check_id, source, kind, file, printed, recomputed, tolerance, verdict, explanation, **extra):
    difference = recomputed - printed if printed is not None and recomputed is not None else None
    relative = difference / printed if difference is not None and printed else None
    row = {c: "" for c in FINDINGS_COLUMNS}
    row.update(
        check_id=check_id,
        source=source,
        kind=kind,
        file=file,
        printed="" if printed is None else printed,
        recomputed="" if recomputed is None else recomputed,
        difference="" if difference is None else round(difference, 6),
        tolerance=tolerance,
        relation="equal" if tolerance == 0 else "within tolerance",
        verdict=verdict,
        relative_difference="" if relative is None else round(relative, 8),
        explanation=explanation,
        **extra,
    )
    return row


def findings(
    spec: WavesSpec,
    panel: pd.DataFrame,
    waves: dict[int, pd.DataFrame],
    files: dict[str, str],
    remittance_rows: RemittanceRows,
    matches: pd.DataFrame,
) -> pd.DataFrame:
    """What the files say against what CONAPO and INEGI publish, and the files' internal totals."""
    published = spec.published
    rows = []
    for year, counts in published["degree_counts"].items():
        column = "GIM_2010" if year == 2010 else "gim_dp2"
        file = files[f"migratory_intensity_{year}"]
        observed = waves[year][f"degree_{year}"].value_counts()
        for label, printed in counts.items():
            count = int(observed.get(english_degree(label), 0))
            rows.append(
                _finding(
                    f"municipal_waves:degree_count_{year}:{english_degree(label).lower().replace(' ', '_')}",
                    f"CONAPO, Índice de intensidad migratoria México–Estados Unidos {year}: "
                    f"municipalities of degree {label}",
                    "count",
                    file,
                    int(printed),
                    count,
                    0,
                    "exact" if count == printed else "discrepancy",
                    f"rows of {file} whose degree is {label}",
                    column=column,
                    printed_text=str(printed),
                    cells_used=f"{column} of {len(waves[year])} rows",
                )
            )
    wave_2010 = waves[2010]
    weights = wave_2010["dwellings_2010"].astype(float)
    raw_names = {
        "receiving_remittances_pct": "VIV_REM",
        "with_emigrants_pct": "VIV_EMIG",
        "with_circular_migrants_pct": "VIV_CIRC",
        "with_return_migrants_pct": "VIV_RET",
    }
    for column, printed in published["national_shares_2010"].items():
        share = float((wave_2010[f"{column}_2010"] * weights).sum() / weights.sum())
        difference = share - printed
        verdict = (
            "within_rounding"
            if abs(difference) <= 0.005
            else ("consistent" if abs(difference) <= 0.01 else "discrepancy")
        )
        rows.append(
            _finding(
                f"municipal_waves:national_share_2010:{column.removesuffix('_pct')}",
                "CONAPO, Índice de intensidad migratoria México–Estados Unidos 2010: "
                f"national % of dwellings {INDICATOR_LABELS[column]}",
                "share",
                files["migratory_intensity_2010"],
                printed,
                round(share, 6),
                0.01,
                verdict,
                "mean of the municipal percentages weighted by TOT_VIV; the file's percentages are rounded to two "
                "decimals and CONAPO's national figure is computed from dwelling counts, so a difference of up to "
                "0.01 is expected",
                column=raw_names[column],
                printed_text=f"{printed:.2f}",
                cells_used=f"{raw_names[column]} × TOT_VIV over {len(wave_2010)} rows",
            )
        )
    population_2020 = int(panel["population_2020"].sum())
    for file_id, total in (
        ("marginalisation_2020", population_2020),
        ("population_2020", int(panel.loc[panel["in_2020"], "population_2020"].sum())),
    ):
        printed = int(published["population_2020"])
        rows.append(
            _finding(
                f"municipal_waves:population_2020:{file_id}",
                "INEGI, Censo de Población y Vivienda 2020: total population",
                "total",
                files[file_id],
                printed,
                total,
                0,
                "exact" if total == printed else "discrepancy",
                "sum over the municipalities of the file",
                column="POB_TOT" if file_id == "marginalisation_2020" else "poblacion",
                printed_text=f"{printed:,}",
            )
        )
    printed = int(published["population_2010"])
    total = int(panel["population_2010"].sum())
    rows.append(
        _finding(
            "municipal_waves:population_2010",
            "INEGI, Censo de Población y Vivienda 2010: total population",
            "total",
            files["marginalisation_1990_2015"],
            printed,
            total,
            0,
            "exact" if total == printed else "discrepancy",
            "sum of POB_TOT over the 2010 rows of CONAPO's 1990-2015 marginalisation file",
            column="POB_TOT",
            printed_text=f"{printed:,}",
        )
    )
    in_all = int((panel["in_2000"] & panel["in_2010"] & panel["in_2020"]).sum())
    for year, printed in published["municipalities"].items():
        count = int(panel[f"in_{year}"].sum())
        rows.append(
            _finding(
                f"municipal_waves:municipalities_{year}",
                f"CONAPO, municipal index of migratory intensity {year}: number of municipalities",
                "count",
                files[f"migratory_intensity_{year}"],
                int(printed),
                count,
                0,
                "exact" if count == printed else "discrepancy",
                f"rows of the {year} intensity file; {in_all} INEGI codes are in all three waves",
                printed_text=f"{printed:,}",
            )
        )
    located = panel[panel["in_2020"]]
    rows.append(
        _finding(
            "municipal_waves:inegi_coordinates_format",
            "INEGI, representative point of each municipality: coordinates written as degrees, minutes and seconds",
            "format",
            files["population_2020"],
            # Points in the file against points whose minute and second digits are valid (all of them).
            len(located),
            len(located),
            "0",
            "consistent",
            f"all {len(located):,} longitudes and latitudes read as DDD.MMSSsss (no minute or second digits above 59; "
            "read as decimals, the points would fall on a grid of one-degree squares); converted to decimal degrees, "
            f"they span longitudes {located['longitude'].min():.2f} to {located['longitude'].max():.2f} and latitudes "
            f"{located['latitude'].min():.2f} to {located['latitude'].max():.2f}",
            column="longitud, latitud",
        )
    )
    # Banco de México's internal totals: each state row against the sum of its municipalities.
    quarter_labels = list(spec.remittances.quarter_labels)
    by_state = remittance_rows.municipalities.groupby("banxico_state", sort=False)[quarter_labels].sum()
    states = remittance_rows.states.set_index("banxico_state")[quarter_labels]
    largest = (states - by_state.reindex(states.index)).abs().max(axis=1)
    worst = largest.idxmax()
    rows.append(
        _finding(
            "municipal_waves:banxico_state_totals",
            "Banco de México, CE166: each state's quarterly total against the sum of its municipalities",
            "total",
            files["remittances"],
            0.0,
            round(float(largest.max()), 6),
            0.0001,
            "within_rounding" if largest.max() <= 0.0001 else "discrepancy",
            f"largest absolute difference over {len(states)} states × {len(quarter_labels)} quarters "
            f"(USD millions, values written to six decimals); worst state {worst}",
            row=worst,
            cells_used=f"{len(states) * len(quarter_labels)} state cells",
        )
    )
    year_columns = [c for c in quarter_labels if c.endswith(str(spec.remittances.comparison_year))]
    national = float(states[year_columns].to_numpy().sum())
    rows.append(
        _finding(
            f"municipal_waves:banxico_national_{spec.remittances.comparison_year}",
            f"Banco de México, family remittances {spec.remittances.comparison_year}, national (monthly series CE81)",
            "total",
            files["remittances"],
            41703.9,
            round(national, 6),
            0.05,
            "within_rounding" if abs(national - 41703.9) <= 0.05 else "discrepancy",
            "sum of the 32 state rows over the year's four quarters against the national annual total "
            "41,703.9 USD millions of Banco de México's monthly series",
            printed_text="41,703.9",
        )
    )
    named = matches[matches["match"] != "unidentified"]
    matched = int(named["match"].isin(["rule", "exception"]).sum())
    rows.append(
        _finding(
            "municipal_waves:banxico_names_matched",
            "Banco de México, CE166: municipal names matched to INEGI codes within the state",
            "count",
            files["remittances"],
            len(named),
            matched,
            0,
            "exact" if matched == len(named) else "discrepancy",
            f"{int((named['match'] == 'rule').sum())} by the declared normalisation, "
            f"{int((named['match'] == 'exception').sum())} by a declared exception "
            f"({spec.remittances.exceptions}); {len(named) - matched} unmatched; "
            f"{int((matches['match'] == 'unidentified').sum())} rows '{spec.remittances.unidentified}' are Banxico's "
            "unallocated remittances and are not names",
        )
    )
    for row in named[named["match"] == "unmatched"].to_dict("records"):
        rows.append(
            _finding(
                f"municipal_waves:banxico_unmatched:{row['state_code']}:{row['banxico_name']}",
                "Banco de México, CE166: a municipal name with no INEGI municipality in its state",
                "match",
                files["remittances"],
                None,
                None,
                "",
                "not_comparable",
                "no INEGI municipality of this name in the state after the declared rules and exceptions",
                line=int(row["_line"]),
                row=row["banxico_name"],
                printed_text=row["banxico_name"],
            )
        )
    frame = pd.DataFrame(rows, columns=list(FINDINGS_COLUMNS))
    return frame


# --- everything ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WavesIngested:
    panel: pd.DataFrame
    files: pd.DataFrame
    created: pd.DataFrame
    match_by_state: pd.DataFrame
    unmatched: pd.DataFrame
    findings: pd.DataFrame


def ingest_waves(
    spec: WavesSpec,
    paths: dict[str, Path],
    microdata: MicrodataSpec,
    microdata_paths: dict[str, str | Path],
) -> WavesIngested:
    """Check, read and join the 2000 files (config/microdata.yaml, every check of that stage) and the 2010
    and 2020 files (``paths`` from :meth:`WavesSpec.file_paths`)."""
    for file_id in microdata.files:
        verify_checksum(microdata_paths[file_id], microdata.files[file_id])
    intensity_table = read_statistical_file(
        microdata_paths["migratory_intensity_2000"], microdata.files["migratory_intensity_2000"]
    )
    margin_1990_2015 = read_statistical_file(
        microdata_paths["marginalisation_1990_2015"], microdata.files["marginalisation_1990_2015"]
    )
    intensity_2000 = check_migratory_intensity(intensity_table)
    check_marginalisation(margin_1990_2015)
    joined_2000 = join_municipalities(intensity_2000, intensity_table.path, margin_1990_2015)
    for file_id, path in paths.items():
        declared = spec.remittances if file_id == "remittances" else spec.files[file_id]
        verify_statistical_file(path, declared.declared)
    tables = {file_id: read_statistical_file(paths[file_id], declared) for file_id, declared in spec.files.items()}
    wave_2010 = wave_frame(tables["migratory_intensity_2010"], 2010)
    wave_2020 = wave_frame(tables["migratory_intensity_2020"], 2020)
    inegi_table = tables["population_2020"].frame
    points = coordinates_in_degrees(tables["population_2020"])
    inegi = pd.DataFrame(
        {
            "municipality_key": inegi_table["state_code"].astype("int64") * 1000
            + inegi_table["municipality_code"].astype("int64"),
            "state_code": inegi_table["state_code"].astype("int64"),
            "state_name": inegi_table["state_name"],
            "municipality_name": inegi_table["municipality_name"],
            "longitude": points["longitude"],
            "latitude": points["latitude"],
            "population": inegi_table["population"].astype("int64"),
        }
    )
    margin_2020 = tables["marginalisation_2020"].frame.assign(
        municipality_key=lambda f: f["municipality_key"].astype("int64")
    )
    check_same_municipalities(
        {k: tables[k] for k in ("migratory_intensity_2020", "marginalisation_2020", "population_2020")},
        {
            "migratory_intensity_2020": wave_2020["municipality_key"],
            "marginalisation_2020": margin_2020["municipality_key"],
            "population_2020": inegi["municipality_key"],
        },
    )
    remittance_rows = read_remittances(paths["remittances"], spec.remittances)
    exceptions = read_exceptions(spec.remittances.exceptions)
    matches = match_remittances(remittance_rows, inegi, exceptions, spec.remittances, spec.remittances.exceptions)
    year_columns = [c for c in spec.remittances.quarter_labels if c.endswith(str(spec.remittances.comparison_year))]
    matches[f"remittances_usd_millions_{spec.remittances.comparison_year}"] = matches[year_columns].sum(axis=1)
    margin_rows = margin_1990_2015.frame.assign(municipality_key=lambda f: f["municipality_key"].astype("int64"))
    panel = build_panel(joined_2000, intensity_2000, margin_rows, wave_2010, wave_2020, margin_2020, inegi, matches)
    files = {file_id: str(path) for file_id, path in paths.items()}
    files["marginalisation_1990_2015"] = str(microdata_paths["marginalisation_1990_2015"])
    files["migratory_intensity_2000"] = str(microdata_paths["migratory_intensity_2000"])
    rows_read = {file_id: len(t.frame) for file_id, t in tables.items()}
    rows_read["remittances"] = len(remittance_rows.municipalities) + len(remittance_rows.states)
    return WavesIngested(
        panel=panel,
        files=files_table(paths, spec, rows_read),
        created=created_between_waves(panel),
        match_by_state=match_by_state(matches, inegi),
        unmatched=unmatched_table(matches, inegi, spec.remittances),
        findings=findings(spec, panel, {2010: wave_2010, 2020: wave_2020}, files, remittance_rows, matches),
    )
