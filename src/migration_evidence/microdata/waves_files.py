"""The 2010 and 2020 waves' files as read (CONAPO's intensity files, INEGI's municipal list): one frame per
wave under wave-suffixed names, the checks across the files, and INEGI's coordinates in decimal degrees.

The names every wave shares (the waves, the four indicators, the degrees in English) are declared here.
Every failure raises :class:`~migration_evidence.errors.InputError` naming the file, line, row, column
and offending text.
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import InputError
from .ingest import MunicipalTable

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


def english_degree(text: str) -> str:
    """ "5 Muy Alto" / "Muy alto" -> "Very high"."""
    return DEGREE_NAMES[re.sub(r"^[0-9]+\s+", "", text.strip()).casefold()]


# --- the 2010 and 2020 files --------------------------------------------------------------------


def wave_frame(table: MunicipalTable, year: int) -> pd.DataFrame:
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


def check_null_degree(table: MunicipalTable, frame: pd.DataFrame, year: int) -> None:
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


def check_same_municipalities(tables: dict[str, MunicipalTable], keys: dict[str, pd.Series]) -> None:
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


def coordinates_in_degrees(table: MunicipalTable) -> pd.DataFrame:
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
