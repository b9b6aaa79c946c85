"""The municipal microdata report (reports/municipal_microdata.md), written from the result tables.

Every number in the report is read from a table in results/tables/ written by the microdata rules;
none is typed here.
"""

from __future__ import annotations

import pandas as pd

from ..reporting.templates import render
from .specs import MicrodataSpec

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def printed_beside_rebuilt(comparison: pd.DataFrame) -> pd.DataFrame:
    """Table 1 as printed beside Table 1 rebuilt from the municipalities, one row per printed row: for each
    column the printed text and the rebuilt value rounded to the decimals the printed cell shows (the
    unrounded values and differences are in the comparison table)."""
    degrees = list(dict.fromkeys(comparison["degree"]))
    columns = list(dict.fromkeys(comparison["column"]))
    cells = comparison.set_index(["degree", "column"])
    rows = []
    for degree in degrees:
        row = {"degree": degree}
        for column in columns:
            cell = cells.loc[(degree, column)]
            text = str(cell["printed_text"]).strip()
            number = text.replace(" ", "").replace(",", ".")
            decimals = len(number.split(".", 1)[1]) if "." in number else 0
            rebuilt = float(cell["rebuilt"])
            row[f"{column} printed"] = text
            row[f"{column} rebuilt"] = f"{rebuilt:,.{decimals}f}" if decimals else f"{round(rebuilt):,d}"
        row["all cells agree"] = "yes" if bool(comparison[comparison["degree"] == degree]["agrees"].all()) else "no"
        rows.append(row)
    return pd.DataFrame(rows)


def municipal_report(spec: MicrodataSpec, tables: dict[str, pd.DataFrame]) -> str:
    """reports/municipal_microdata.md, from ``reporting/templates/municipal_microdata.md.j2``."""
    files = tables["file_checks"]
    geography = tables["geography"].set_index("year")
    names = tables["name_comparison"]
    comparison = tables["table1_comparison"]
    by_degree = tables["depopulation_by_degree"].set_index("degree")
    sensitivity = tables["depopulation_sensitivity"]
    vs_paper = tables["depopulation_vs_paper"].set_index("measure")

    shares = comparison[comparison["tolerance"] > 0]
    counts = comparison[comparison["tolerance"] == 0]
    total = by_degree.loc["All"]
    paper_lost = int(vs_paper.loc["municipalities_lost_population", "paper"])
    any_loss = sensitivity[sensitivity["interval"] == "2000-2005"].set_index("loss_greater_than_pct")
    threshold = any_loss[any_loss["municipalities_losing"] <= paper_lost].index.min()
    below_threshold = any_loss[any_loss.index < threshold].index.max()
    other_intervals = sensitivity[(sensitivity["interval"] != "2000-2005")]
    matching = other_intervals[other_intervals["municipalities_losing"] == paper_lost]
    return render(
        "municipal_microdata.md.j2",
        files=files[["file", "expected_md5", "md5_agrees", "bytes", "municipal_rows", "national_rows"]],
        null_municipalities=by_degree.loc["Null", "municipalities"],
        intensity_rows=files.loc[files["file"] == spec.files["migratory_intensity_2000"].file, "municipal_rows"].iloc[
            0
        ],
        municipalities_2000=geography.loc[2000, "municipalities"],
        names=names.assign(cosmetic=names["cosmetic"].map({True: "yes", False: "no"})),
        mismatches=tables["name_mismatches"],
        cells_agree=int(comparison["agrees"].sum()),
        cells=len(comparison),
        counts_agree=int(counts["agrees"].sum()),
        counts=len(counts),
        shares_agree=int(shares["agrees"].sum()),
        shares=len(shares),
        largest_share_difference=shares["difference"].abs().max(),
        rebuilt=tables["table1_rebuilt"],
        side_by_side=printed_beside_rebuilt(comparison),
        claim=spec.paper_claim,
        paper_total=vs_paper.loc["municipalities_counted", "paper"],
        paper_lost=paper_lost,
        paper_lost_pct=vs_paper.loc["municipalities_lost_population_pct", "paper"],
        ours_lost=int(total["municipalities_lost_population"]),
        total=total.to_dict(),
        one_in=NUMBER_WORDS.get(round(100 / total["municipalities_lost_population_pct"]), "several"),
        by_degree=by_degree.reset_index(),
        very_high=by_degree.loc["Very high"].to_dict(),
        very_low=by_degree.loc["Very low"].to_dict(),
        geography_2005=geography.loc[2005].to_dict(),
        states_created=vs_paper.loc["states_that_created_municipalities", "microdata"],
        states_created_note=vs_paper.loc["states_that_created_municipalities", "note"],
        bound=vs_paper.loc["losses_geography_could_explain_at_most", "microdata"],
        floor=int(vs_paper.loc["municipalities_lost_population_without_those_states", "microdata"]),
        threshold=threshold,
        below_threshold=below_threshold,
        losing_below=any_loss.loc[below_threshold, "municipalities_losing"],
        losing_at=any_loss.loc[threshold, "municipalities_losing"],
        matching=list(matching["interval"]),
        other_intervals=list(other_intervals.itertuples()),
        population_2000_sum=geography.loc[2000, "population_sum_of_municipalities"],
        population_2005_national=geography.loc[2005, "population_national_row"],
    )
