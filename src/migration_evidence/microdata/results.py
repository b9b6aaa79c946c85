"""Results from CONAPO's municipal microdata: Table 1 of the NAFTA paper rebuilt from its 2,443
municipalities and compared cell by cell with the printed table; where high-intensity municipalities
are; and which municipalities lost population between 2000 and 2005, set against the paper's claim.

Every function takes the joined per-municipality table (see :mod:`migration_evidence.microdata.ingest`)
and returns small aggregated tables; none returns per-municipality rows of CONAPO's files.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pandas as pd

from ..columns import check_header
from ..errors import InputError
from ..printed.clean import apply_corrections, read_corrections
from ..printed.numbers import PrintedFormat, parse_printed_number
from ..printed.specs import TableSpec
from ..raw_csv import read_csv_strict
from .ingest import DEGREES, YEARS
from .specs import PaperClaim

TABLE1_MEASURES = (
    ("municipalities_count", "municipalities_pct"),
    ("population_persons", "population_pct"),
    ("households_count", "households_pct"),
)
TOTAL_ROW = "Absolutes"
DECIMALS = 4  # computed shares and percentages are written rounded to this many decimals


def _municipalities_of_2000(joined: pd.DataFrame) -> pd.DataFrame:
    return joined[joined["in_migration_file"]]


# --- Table 1 ------------------------------------------------------------------------------------


def rebuild_table1(joined: pd.DataFrame) -> pd.DataFrame:
    """Counts, population and households by degree of migratory intensity, with shares (%)."""
    data = _municipalities_of_2000(joined)
    grouped = data.groupby("migratory_intensity_degree")
    by_degree = pd.DataFrame(
        {
            "municipalities_count": grouped.size(),
            "population_persons": grouped["population_2000"].sum(),
            "households_count": grouped["households_2000"].sum(),
        }
    ).reindex(list(DEGREES), fill_value=0)
    total = by_degree.sum().to_frame(TOTAL_ROW).T
    table = pd.concat([total, by_degree])
    out = pd.DataFrame({"degree": table.index, "row_type": ["total"] + ["detail"] * len(DEGREES)})
    for count, share in TABLE1_MEASURES:
        values = table[count].astype("int64").to_numpy()
        out[count] = pd.array(values, dtype="Int64")
        out[share] = (100 * values / values[0]).round(DECIMALS)
    return out.reset_index(drop=True)


def printed_decimals(spec: TableSpec, raw_path: str, corrections_path: str) -> dict[tuple[str, str], tuple[str, int]]:
    """For every printed cell of a table: its text and how many decimals it prints."""
    raw = read_csv_strict(raw_path)
    raw = apply_corrections(raw, spec, read_corrections(corrections_path), str(corrections_path))
    cells = {}
    for record in raw.rows:
        for column, text in zip(spec.columns[1:], record[1:], strict=True):
            cells[(record[0], column.name)] = (text, parse_printed_number(text, column.format).decimals)
    return cells


def compare_table1(
    rebuilt: pd.DataFrame, printed: pd.DataFrame, cells: dict[tuple[str, str], tuple[str, int]]
) -> pd.DataFrame:
    """Cell by cell: counts must be equal, shares within half a unit of the last printed decimal."""
    rebuilt = rebuilt.set_index("degree")
    printed = printed.set_index("degree")
    rows = []
    for degree in printed.index:
        for count, share in TABLE1_MEASURES:
            for column in (count, share):
                text, decimals = cells[(degree, column)]
                value = float(printed.loc[degree, column])
                ours = float(rebuilt.loc[degree, column])
                tolerance = 0.0 if column == count else 0.5 * 10.0**-decimals
                rows.append(
                    {
                        "degree": degree,
                        "column": column,
                        "printed_text": text,
                        "printed": value,
                        "rebuilt": ours,
                        "difference": round(ours - value, 6),
                        "tolerance": tolerance,
                        "agrees": abs(ours - value) <= tolerance + 1e-9,
                    }
                )
    return pd.DataFrame(rows)


def check_table1(comparison: pd.DataFrame, raw_path: str, spec: TableSpec) -> None:
    """Stop unless every printed cell is reproduced."""
    wrong = comparison[~comparison["agrees"]]
    if wrong.empty:
        return
    first = wrong.iloc[0]
    raw_column = next(c.raw for c in spec.columns if c.name == first["column"])
    listing = "; ".join(
        f"{r.degree}/{r.column}: printed {r.printed_text!r}, rebuilt {r.rebuilt:.4f}" for r in wrong.itertuples()
    )
    raise InputError(
        raw_path,
        f"the municipal microdata do not reproduce {len(wrong)} printed cell(s): {listing}",
        row=first["degree"],
        column=raw_column,
        text=first["printed_text"],
    )


# --- where high-intensity municipalities are ----------------------------------------------------


def degree_column(degree: str) -> str:
    return "municipalities_" + degree.lower().replace(" ", "_")


def degree_by_state(joined: pd.DataFrame) -> pd.DataFrame:
    """Municipalities by state (rows, by state code) and degree of migratory intensity (columns)."""
    data = _municipalities_of_2000(joined)
    table = pd.crosstab([data["state_code"], data["state_name"]], data["migratory_intensity_degree"])
    table = table.reindex(columns=list(DEGREES), fill_value=0)
    table.columns = [degree_column(d) for d in DEGREES]
    table["municipalities_total"] = table.sum(axis=1)
    table = table.reset_index().sort_values("state_code", kind="stable").reset_index(drop=True)
    table["state_code"] = table["state_code"].astype("int64")
    return table


# --- population change --------------------------------------------------------------------------


def read_paper_claim(path: str | Path, claim: PaperClaim) -> dict[str, int]:
    """The numbers of the paper's sentence on depopulation, parsed as printed."""
    path = str(path)
    raw = read_csv_strict(path)
    check_header(path, raw.header, ["quantity", "printed"], f"for the paper's claim in {claim.raw}")
    fmt = PrintedFormat.from_mapping(claim.format)
    values = {}
    for (quantity, text), line in zip(raw.rows, raw.lines, strict=True):
        try:
            values[quantity] = int(parse_printed_number(text, fmt).value)
        except ValueError as exc:
            raise InputError(path, str(exc), line=line, row=quantity, column="printed", text=text) from None
    expected = {"municipalities", "municipalities_with_negative_growth"}
    if set(values) != expected:
        raise InputError(path, f"quantities must be {sorted(expected)}", column="quantity")
    return values


def lost_population(data: pd.DataFrame, start: int, end: int, threshold_pct: float = 0.0) -> pd.Series:
    """Whether each municipality had fewer inhabitants in ``end`` than in ``start``, by more than
    ``threshold_pct`` percent (False where either count is missing). The one definition of "lost
    population": the pipeline's counts and notebook 2's models both use it."""
    before = data[f"population_{start}"].astype("float64")
    after = data[f"population_{end}"].astype("float64")
    return 100 * (after - before) / before < -threshold_pct


def depopulation_by_degree(joined: pd.DataFrame, start: int = 2000, end: int = 2005) -> pd.DataFrame:
    """Municipalities of 2000 that had fewer inhabitants in ``end``: overall and by degree."""
    data = _municipalities_of_2000(joined)
    data = data[data[f"population_{end}"].notna()].assign(lost=lambda d: lost_population(d, start, end))
    rows = []
    for degree in ("All", *DEGREES):
        part = data if degree == "All" else data[data["migratory_intensity_degree"] == degree]
        before = int(part[f"population_{start}"].sum())
        after = int(part[f"population_{end}"].sum())
        rows.append(
            {
                "degree": degree,
                "municipalities": len(part),
                "municipalities_lost_population": int(part["lost"].sum()),
                "municipalities_lost_population_pct": round(100 * part["lost"].mean(), DECIMALS),
                f"population_{start}": before,
                f"population_{end}": after,
                "population_change_pct": round(100 * (after - before) / before, DECIMALS),
            }
        )
    return pd.DataFrame(rows)


LOSS_THRESHOLDS_PCT = (0.0, 1.0, 2.0, 4.0, 5.0, 10.0)


def loss_sensitivity(joined: pd.DataFrame) -> pd.DataFrame:
    """How many municipalities lose population, by how much they lose and over which interval."""
    rows = []
    for threshold in LOSS_THRESHOLDS_PCT:
        rows.append(_loss_row(joined, 2000, 2005, threshold))
    for start, end in pairwise(YEARS):
        if (start, end) != (2000, 2005):
            rows.append(_loss_row(joined, start, end, 0.0))
    return pd.DataFrame(rows)


def _loss_row(joined: pd.DataFrame, start: int, end: int, threshold: float) -> dict:
    both = joined[joined[f"population_{start}"].notna() & joined[f"population_{end}"].notna()]
    lost = lost_population(both, start, end, threshold)
    return {
        "interval": f"{start}-{end}",
        "loss_greater_than_pct": threshold,
        "municipalities_in_both_years": len(both),
        "municipalities_losing": int(lost.sum()),
        "municipalities_losing_pct": round(100 * lost.mean(), DECIMALS),
    }


def depopulation_vs_paper(joined: pd.DataFrame, geography: pd.DataFrame, claim: dict[str, int]) -> pd.DataFrame:
    """The paper's count set against the microdata, and how far changes of geography can explain it.

    Municipalities created between 2000 and 2005 were carved out of existing ones, which therefore
    lost territory and may show a loss of population that is not depopulation. The files do not say
    which municipality each new one came from, but it must be in the same state: so every loss in a
    state that created municipalities is an upper bound on the losses geography can explain.
    """
    by_year = geography.set_index("year")
    data = _municipalities_of_2000(joined)
    lost = lost_population(data, 2000, 2005)
    created = joined[joined["population_2000"].isna() & joined["population_2005"].notna()]
    states_creating = sorted(created["state_code"].unique().tolist())
    state_names = joined.drop_duplicates("state_code").set_index("state_code")["state_name"]
    lost_in_those_states = int((lost & data["state_code"].isin(states_creating)).sum())
    paper_total, paper_lost = claim["municipalities"], claim["municipalities_with_negative_growth"]
    ours_total, ours_lost = len(data), int(lost.sum())
    rows = [
        (
            "municipalities_counted",
            paper_total,
            ours_total,
            "the 2000 municipalities, all present with the same code in 2005",
        ),
        ("municipalities_in_2005", pd.NA, int(by_year.loc[2005, "municipalities"]), "municipalities of the 2005 rows"),
        (
            "municipalities_created_2000_2005",
            pd.NA,
            int(by_year.loc[2005, "municipalities_not_in_2000"]),
            "2005 municipalities with no 2000 row",
        ),
        (
            "states_that_created_municipalities",
            pd.NA,
            len(states_creating),
            ", ".join(state_names[code] for code in states_creating),
        ),
        (
            "municipalities_of_2000_absent_in_2005",
            pd.NA,
            int(by_year.loc[2005, "municipalities_of_2000_absent"]),
            "2000 municipalities with no 2005 row",
        ),
        ("municipalities_lost_population", paper_lost, ours_lost, "population 2005 below population 2000"),
        (
            "municipalities_lost_population_pct",
            round(100 * paper_lost / paper_total, DECIMALS),
            round(100 * ours_lost / ours_total, DECIMALS),
            "share of the municipalities counted",
        ),
        (
            "difference_from_paper",
            pd.NA,
            ours_lost - paper_lost,
            "municipalities losing population beyond the paper's count",
        ),
        (
            "losses_geography_could_explain_at_most",
            pd.NA,
            lost_in_those_states,
            "all losses in the states that created municipalities (a new municipality's parent is in its state)",
        ),
        (
            "municipalities_lost_population_without_those_states",
            pd.NA,
            ours_lost - lost_in_those_states,
            "lower bound of the losses that are not changes of boundaries",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["measure", "paper", "microdata", "note"])
    frame["paper"] = pd.to_numeric(frame["paper"]).astype("Float64")
    frame["microdata"] = pd.to_numeric(frame["microdata"]).astype("Float64")
    return frame
