"""2000 against 2010 on one basis: CONAPO's harmonised 2000 indicators beside the municipal files.

CONAPO changed its method in 2010: the dwelling became the unit of observation (2000's file counts
households), unspecified answers are handled differently and the denominators were adjusted. It then
recomputed 2000 on the 2010 basis in *Índice absoluto de intensidad migratoria México–Estados Unidos
2000–2010* (chapter 3 and its note 14), transcribed value by value in
``data/raw/external/conapo_iaim_harmonised_2000_2010.csv``. This module

- reads that table, stopping at a bad cell with file, line, column and text;
- sets the harmonised 2000 figures against 2010 (the like-for-like change), and beside them the
  municipal files' own national (or state) shares, the 2000 one labelled ``2000 method, not
  comparable``;
- writes the method change as findings rows (``not_comparable``) for the source audit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..audit.findings import finding
from ..errors import InputError
from ..microdata.waves_files import INDICATORS

RAW_COLUMNS = (
    "geography",
    "indicator",
    "year",
    "value_pct",
    "printed_text",
    "printed_page",
    "html_page",
    "source_id",
    "note",
)
NOT_COMPARABLE = "2000 method, not comparable"
SAME_BASIS = "2010 method"
# Geographies of the raw table and their INEGI state code (0 = the whole country).
STATE_CODES = {"Nacional": 0, "Chiapas": 7}
WEIGHT = {2000: "households_2000", 2010: "dwellings_2010", 2020: "dwellings_2020"}
CHECK_PREFIX = "municipal_waves_harmonised"


def read_harmonised(path: str | Path, source_ids: set[str]) -> pd.DataFrame:
    """The transcribed table, typed: value_pct a float, year an int. A cell that is not a number, an
    indicator or geography not known here, a source id not in the sources table or a repeated key
    stops with file, line, column and the offending text."""
    path = str(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if tuple(raw.columns) != RAW_COLUMNS:
        raise InputError(path, f"columns must be {list(RAW_COLUMNS)}", line=1, text=",".join(raw.columns))
    indicators = {c.removesuffix("_pct") for c in INDICATORS}
    seen = set()
    rows = []
    for i, record in raw.iterrows():
        line = int(i) + 2

        def bad(column: str, problem: str, record=record, line=line):
            return InputError(path, problem, line=line, column=column, text=record[column])

        if record["geography"] not in STATE_CODES:
            raise bad("geography", f"geography must be one of {sorted(STATE_CODES)}")
        if record["indicator"] not in indicators:
            raise bad("indicator", f"indicator must be one of {sorted(indicators)}")
        if record["source_id"] not in source_ids:
            raise bad("source_id", "source id not in data/raw/external/sources.csv")
        try:
            year = int(record["year"])
        except ValueError:
            raise bad("year", "not a year") from None
        if year not in (2000, 2010):
            raise bad("year", "year must be 2000 or 2010")
        try:
            value = float(record["value_pct"])
        except ValueError:
            raise bad("value_pct", "not a decimal number") from None
        if not 0 <= value <= 100:
            raise bad("value_pct", "a percentage must lie between 0 and 100")
        if record["value_pct"] not in record["printed_text"]:
            raise bad("printed_text", f"the printed text does not contain the value {record['value_pct']}")
        key = (record["geography"], record["indicator"], year)
        if key in seen:
            raise bad("indicator", f"repeated row {key}")
        seen.add(key)
        rows.append({**record.to_dict(), "year": year, "value_pct": value})
    return pd.DataFrame(rows)


def file_share(panel: pd.DataFrame, year: int, indicator: str, state_code: int) -> float:
    """A municipal file's share (% of households in 2000, of dwellings in 2010 and 2020), weighted by
    the wave's households or dwellings, over every municipality of the wave (or of one state)."""
    present = panel[panel[f"in_{year}"]]
    if state_code:
        present = present[present["state_code"] == state_code]
    weights = present[WEIGHT[year]].astype(float)
    return float((present[f"{indicator}_pct_{year}"] * weights).sum() / weights.sum())


def comparison(harmonised: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """One row per geography and indicator: CONAPO's 2000 on the 2010 basis, 2010, the change in
    points and in percent of 2000 (like for like), and the municipal files' shares beside them, 2000's
    on the household basis of its own method (``file_2000_basis`` says so)."""
    rows = []
    for (geography, indicator), part in harmonised.groupby(["geography", "indicator"], sort=False):
        by_year = part.set_index("year")["value_pct"]
        code = STATE_CODES[geography]
        h2000 = by_year.get(2000)
        h2010 = by_year.get(2010)
        row = {
            "geography": geography,
            "indicator": f"{indicator}_pct",
            "conapo_2000_on_2010_basis_pct": h2000,
            "conapo_2010_pct": h2010,
            "change_2000_2010_points": None if h2000 is None or h2010 is None else h2010 - h2000,
            "change_2000_2010_pct_of_2000": None if h2000 is None or h2010 is None else 100 * (h2010 / h2000 - 1),
            "file_2000_pct": file_share(panel, 2000, indicator, code),
            "file_2000_basis": NOT_COMPARABLE,
            "file_2010_pct": file_share(panel, 2010, indicator, code),
            "file_2020_pct": file_share(panel, 2020, indicator, code),
            "file_2010_2020_basis": SAME_BASIS,
            "source_id": part["source_id"].iloc[0],
            "printed_pages": "; ".join(sorted(set(part["printed_page"]))),
        }
        rows.append(row)
    return pd.DataFrame(rows)


def findings(table: pd.DataFrame, raw_path: str, panel_note: str) -> list[dict[str, str]]:
    """The method change as audit rows: for each 2000 figure CONAPO republished on the 2010 basis,
    the harmonised value (printed) against the 2000 municipal file's share (recomputed),
    ``not_comparable`` (households and 2000's rules against dwellings and 2010's)."""
    rows = []
    for _, r in table.dropna(subset=["conapo_2000_on_2010_basis_pct"]).iterrows():
        printed = float(r["conapo_2000_on_2010_basis_pct"])
        recomputed = round(float(r["file_2000_pct"]), 6)
        name = r["indicator"].removesuffix("_pct")
        rows.append(
            finding(
                check_id=f"{CHECK_PREFIX}:share_2000:{r['geography'].lower()}:{name}",
                source=(
                    "CONAPO, Índice absoluto de intensidad migratoria México–Estados Unidos 2000–2010, "
                    f"2000 on the 2010 basis ({r['geography']}, {name.replace('_', ' ')}), against CONAPO's "
                    "2000 municipal file"
                ),
                kind="method_change",
                file=raw_path,
                column="value_pct",
                cells_used=panel_note,
                printed_text=f"{printed:.2f}",
                printed=f"{printed:.2f}",
                recomputed=f"{recomputed}",
                difference=f"{round(recomputed - printed, 6)}",
                tolerance="0.01",
                relation="=",
                verdict="not_comparable",
                explanation=(
                    "CONAPO changed its method in 2010 (dwellings instead of households, unspecified answers "
                    "handled otherwise, denominators adjusted) and republished 2000 on the 2010 basis (note 14 "
                    "of the 2000-2010 publication). The 2000 municipal file keeps the 2000 method: its share "
                    "is not comparable with 2010 or 2020; the harmonised figure is."
                ),
            )
        )
    return rows
