"""What the municipal microdata stage finds about its sources, as rows of the findings contract
(:mod:`migration_evidence.audit.findings`), so that the source audit reports them with its own checks.

Each row restates a result the microdata rules and notebook 2 already computed (read from their CSVs,
never recomputed here): the paper's count of municipalities that lost population against CONAPO's
files, its 2,435 municipalities against the 2,454 of the 2005 rows (judged like claim C012's 2,435
against the 2,443 of 2000: the same quantity), and the 0.0 the 2000 index file
writes for the Null municipalities against the index a municipality without migration gets.
"""

from __future__ import annotations

import pandas as pd

from ..audit.findings import finding
from ..audit.verdicts import comparison_verdict

SOURCE = "CONAPO municipal files (2000 index, 1990-2015 marginalisation)"


def _measure(frame: pd.DataFrame, name: str, column: str) -> str:
    rows = frame.loc[frame["measure"] == name, column]
    if len(rows) != 1:
        raise ValueError(f"expected one row {name!r} in the depopulation comparison, found {len(rows)}")
    return str(rows.iloc[0])


def municipal_findings(
    vs_paper: pd.DataFrame,
    index_formula: pd.DataFrame,
    table1_comparison: pd.DataFrame,
    *,
    claim_path: str,
    index_file: str,
) -> list[dict[str, str]]:
    """The findings rows: ``vs_paper`` is ``depopulation_vs_paper``'s output, ``index_formula`` the fit of
    the index on its four shares (written by the ingest), ``table1_comparison`` Table 1 rebuilt from the
    index file."""
    lost_paper = _measure(vs_paper, "municipalities_lost_population", "paper")
    lost_files = _measure(vs_paper, "municipalities_lost_population", "microdata")
    counted_paper = _measure(vs_paper, "municipalities_counted", "paper")
    in_2005 = _measure(vs_paper, "municipalities_in_2005", "microdata")
    created = _measure(vs_paper, "municipalities_created_2000_2005", "microdata")
    counted_2000 = _measure(vs_paper, "municipalities_counted", "microdata")
    geography = _measure(vs_paper, "municipalities_lost_population_without_those_states", "microdata")
    zero = index_formula.loc[index_formula["quantity"] == "index_at_zero_shares", "value"]
    if len(zero) != 1:
        raise ValueError("the index formula has no single index_at_zero_shares row")
    zero_index = f"{float(zero.iloc[0]):.6f}"
    null = table1_comparison[
        (table1_comparison["degree"] == "Null") & (table1_comparison["column"] == "municipalities_count")
    ]
    nulls = str(null["rebuilt"].iloc[0]) if len(null) == 1 else ""
    return [
        finding(
            check_id="municipal_microdata:lost_population_2000_2005",
            source=SOURCE,
            kind="count",
            file=claim_path,
            line=3,
            row="municipalities_with_negative_growth",
            column="printed",
            cells_used="results/tables/municipal_depopulation_vs_paper.csv: municipalities_lost_population",
            printed_text=lost_paper,
            printed=lost_paper,
            recomputed=lost_files,
            difference=str(int(lost_paper) - int(lost_files)),
            tolerance="0",
            relation="=",
            verdict=comparison_verdict(int(lost_paper) - int(lost_files), 0),
            explanation=(
                f"municipalities whose 2005 population is below their 2000 population, of the {counted_2000} "
                f"municipalities of 2000; changes of boundary could explain at most the losses in the states that "
                f"created municipalities, leaving {geography}"
            ),
        ),
        finding(
            check_id="municipal_microdata:municipalities_2005",
            source=SOURCE,
            kind="count",
            file=claim_path,
            line=2,
            row="municipalities",
            column="printed",
            cells_used="results/tables/municipal_depopulation_vs_paper.csv: municipalities_in_2005",
            printed_text=f"{int(counted_paper):,}",
            printed=counted_paper,
            recomputed=in_2005,
            difference=str(int(counted_paper) - int(in_2005)),
            tolerance="0",
            relation="=",
            # The same quantity as claim C012 (2,435 against Table 1's 2,443 of 2000): the number of Mexico's
            # municipalities in the years the sentence covers, judged by the same rule.
            verdict=comparison_verdict(int(counted_paper) - int(in_2005), 0),
            explanation=(
                f"municipalities of the 2005 rows ({counted_2000} of 2000 plus {created} created since); the paper "
                "cites its count to INEGI (2006), and no count of Mexico's municipalities between 2000 and 2005 "
                "is as low"
            ),
        ),
        finding(
            check_id="municipal_microdata:null_municipalities_index_2000",
            source=SOURCE,
            kind="missing_value",
            file=index_file,
            row=f"the {nulls} municipalities of degree Null",
            column="IIM_2000",
            cells_used="results/tables/municipal_intensity_index_formula.csv: index_at_zero_shares",
            printed_text="0.0",
            printed="0",
            recomputed=zero_index,
            difference=f"{-float(zero.iloc[0]):.6f}",
            tolerance="0",
            relation="=",
            verdict="discrepancy",
            explanation=(
                "the index the file writes for municipalities without migration, against the index its own formula "
                "gives a municipality whose four shares are zero (intercept of the index on the shares)"
            ),
        ),
    ]
