"""The "What we find" sentences of each notebook, written from the result tables it wrote.

Each notebook's box (and its line on the site's front page) is made here from the CSVs under
``results/tables/`` that the notebook wrote (its ``outputs`` in ``config/notebooks.yaml``): no number is
typed. A function per notebook picks the two or three results a student should meet first, worded
no firmer than the notebook's own inference (associations are associations; a p-value that depends
on the serial correlation says so). A notebook without a function here stops the site's build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..notebooks.registry import NotebookSpec


class Tables:
    """The result tables of one notebook, read by their registry name: those it wrote (``outputs``) and
    the result tables that rules wrote for it (``inputs`` under ``results/``)."""

    def __init__(self, spec: NotebookSpec, root: str | Path = ".") -> None:
        self.spec, self.root = spec, Path(root)

    def __call__(self, name: str) -> pd.DataFrame:
        path = self.spec.outputs.get(name) or result_inputs(self.spec)[name]
        return pd.read_csv(self.root / path)


def result_inputs(spec: NotebookSpec) -> dict[str, str]:
    """The notebook's inputs that are result tables written by rules (under ``results/``)."""
    return {name: path for name, path in spec.inputs.items() if str(path).startswith("results/")}


def one(frame: pd.DataFrame, **where) -> pd.Series:
    """The single row of ``frame`` whose columns equal ``where``; anything else is an error."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    if len(rows) != 1:
        raise ValueError(f"expected one row with {where}, found {len(rows)}")
    return rows.iloc[0]


def p_text(p: float) -> str:
    """A p-value as a reader meets it: ``p < 0.001`` below a thousandth, else three decimals."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def remittance_growth(t: Tables) -> list[str]:
    trend = one(t("trend"), series="early")
    nafta = one(t("breaks"), **{"break": "NAFTA", "series": "early", "sample": "1980-2005"})
    fold = t("fold_increase")
    f1980 = one(fold, base_year=1980, base_vintage="early", end_vintage="early")
    f1982 = one(fold, base_year=1982, base_vintage="early", end_vintage="early")
    return [
        f"Family remittances to Mexico grew about {trend.annual_growth_pct:.1f}% a year on a constant-growth "
        f"trend, {trend.first_year}–{trend.last_year} (95% interval {trend.annual_growth_ci95_low_pct:.1f}% to "
        f"{trend.annual_growth_ci95_high_pct:.1f}%, on the figures the paper could see).",
        f"A change of growth at NAFTA (1994) is significant by the F table ({p_text(nafta.p_value_f)}) but "
        f"borderline once the series' serial correlation is allowed for ({p_text(nafta.p_value_simulated_ar1)}): "
        "the data do not show that NAFTA accelerated remittances.",
        f"“Thirty-fold” (read as {f1980.accepted_low:g} to {f1980.accepted_high:g}) holds from 1980 "
        f"({f1980.ratio:.1f}-fold) but not from 1982, the year of the realignment the paper names "
        f"({f1982.ratio:.1f}-fold).",
    ]


def municipal_migration_intensity(t: Tables) -> list[str]:
    size = t("size_by_degree")
    high = size[size["degree"].isin(["Very high", "High"])]
    growth = one(
        t("growth_regression"),
        specification="main: log points, state fixed effects",
        term="migratory_intensity_index",
    )
    hump = t("intensity_marginalisation")
    squared = one(hump, specification="main: municipalities with an index", quantity="marginalisation_squared")
    return [
        f"The {high.municipalities.sum():,.0f} municipalities of high or very high migratory intensity in 2000 "
        f"are {high.municipalities_share_pct.sum():.1f}% of Mexico's municipalities but hold "
        f"{high.population_share_pct.sum():.1f}% of its people: many small places.",
        f"Municipalities with a higher index grew less from 2000 to 2005: {growth.estimate:.1f} log points per "
        f"point of the index within states (wild cluster bootstrap 95% interval {growth.wild_ci95_low:.1f} to "
        f"{growth.wild_ci95_high:.1f}, {growth.n:,.0f} municipalities, {growth.clusters} states), an association, "
        "not a measured effect of migration.",
        "Migratory intensity is highest at middling marginalisation (an inverted U: the squared term is "
        f"{squared.estimate:.2f}, {p_text(squared.p_value)}).",
    ]


def mexico_us_asymmetries(t: Tables) -> list[str]:
    change = t("ratio_change")
    gaps = change[change["counts_as_gap"].astype(bool)]
    widened = gaps[gaps["gap"] == "widened"]
    gdp = one(change, indicator_id="gdp_per_capita")
    depends = change[change["verdict_depends_on_metric"].astype(bool)]
    return [
        f"Of the {len(gaps)} indicators of Table 2 that measure a gap between the two countries, "
        f"{len(widened)} widened from 1994 to 2004 as ratios and {len(gaps) - len(widened)} narrowed; the "
        f"paper's “widening” holds for some gaps, not for all.",
        f"GDP per head: the United States' level was {gdp.us_to_mexico_ratio_1994:.2f} times Mexico's in 1994 "
        f"and {gdp.us_to_mexico_ratio_2004:.2f} times in 2004 (as printed).",
        f"For {len(depends)} of the {len(change)} indicators the verdict depends on the measure: a gap that "
        "narrows as a ratio can widen as a difference.",
    ]


def hta_funding(t: Tables) -> list[str]:
    shares = t("averages").set_index("measure")
    hta = shares.loc["hta_share_pct"]
    elasticity = one(t("elasticity"), sample="all 13 departments", term="log_total_cost")
    return [
        f"Hometown associations paid {hta.printed_total_row:.1f}% of the cost of El Salvador's FISDL partnership "
        f"projects by the printed average (an unweighted mean of the 13 departments' shares), but "
        f"{hta.aggregate_total_over_total:.1f}% of all the money spent.",
        f"HTA money rises with project cost in proportion: the elasticity is {elasticity.estimate:.2f} (HC3 95% "
        f"interval {elasticity.ci95_low_hc3:.2f} to {elasticity.ci95_high_hc3:.2f}, 13 departments), so the data "
        "show no departure from a constant HTA share.",
    ]


def mexican_origin_generations(t: Tables) -> list[str]:
    gaps = t("gaps").set_index("characteristic")
    born = one(t("born_in_mexico"), characteristic="U.S. citizen")
    university = gaps.loc["University and postgraduate"]
    uncovered = gaps.loc["No health coverage"]
    return [
        f"In 2003 the second generation of Mexican origin more often held a university degree than emigrants "
        f"born in Mexico ({university.second_generation:.1f}% against {university.mexican_emigrants:.1f}%) and "
        f"far less often lacked health coverage ({uncovered.second_generation:.1f}% against "
        f"{uncovered.mexican_emigrants:.1f}%).",
        f"The citizenship row implies that {100 * born.born_in_mexico_share:.1f}% of the population of Mexican "
        "origin was born in Mexico (if every US-born person is a citizen). These are descriptive shares of one "
        "survey, not the effect of a generation.",
    ]


def remittances_since_2005(t: Tables) -> list[str]:
    comparison = t("growth_comparison")
    dollars = comparison[comparison["measure"] == "USD, current vintage"]
    usd = dollars[dollars["first_period_changes_left_out"].isna()].iloc[0]
    without = dollars[dollars["first_period_changes_left_out"].notna()].iloc[0]
    constant = comparison[comparison["measure"].str.startswith("constant pesos")]
    pesos = constant[constant["first_period_changes_left_out"].isna()].iloc[0]
    current = t("by_vintage")
    current = current[current["vintage"] == "current"].sort_values("year")
    last = current.iloc[-1]
    gap = t("gdp_gap_by_period")
    decades = gap[gap["years"] > 1]
    dollars_by_decade = decades[decades["measure"].str.startswith("current")].sort_values("first_year")
    ppp = decades[decades["measure"].str.startswith("PPP")].sort_values("first_year")
    ppp_rising = bool(ppp["us_to_mexico_ratio"].is_monotonic_increasing)
    return [
        f"The “exponential growth” did not continue: in dollars, remittances grew "
        f"{100 * usd.first_mean_log_change:.1f} log points a year in {usd.first_period} and "
        f"{100 * usd.second_mean_log_change:.1f} in {usd.second_period} (Newey–West {p_text(usd.p_value)}), "
        f"and {100 * without.first_mean_log_change:.1f} in the first period without the 2002→2003 recording "
        f"change ({p_text(without.p_value)}); in {pesos.measure} the slowdown is not significant "
        f"({p_text(pesos.p_value)}). They reached "
        f"US${last.value_usd_millions / 1000:,.1f} billion in {last.year:.0f} (current vintage).",
        "Averaged by decade, the United States' GDP per head was "
        + ", ".join(f"{row.us_to_mexico_ratio:.1f}" for row in dollars_by_decade.itertuples())
        + f" times Mexico's in current dollars ({', '.join(dollars_by_decade['period'])}) and "
        + ", ".join(f"{row.us_to_mexico_ratio:.2f}" for row in ppp.itertuples())
        + " times at purchasing-power parity: "
        + ("the ratio at parity rose in every decade" if ppp_rising else "the ratio at parity did not rise steadily")
        + "; single years in current dollars swing with the exchange rate.",
    ]


def municipal_intensity_2000_2020(t: Tables) -> list[str]:
    transitions = t("transitions")
    stayed = one(transitions, from_wave=2000, to_wave=2020, from_degree="Very high", to_degree="Very high")
    change = t("population_change")
    lost = {
        period: one(change, period=period, sample="all municipalities of 2000", degree_2000="Very high")
        for period in ("2000-2005", "2010-2020")
    }
    check = t("hump_binned_check")
    check_2020 = check[(check["wave"] == 2020) & check["quadratic_concave"].astype(bool)]
    shown = check_2020[check_2020["binned_means_fall_after_peak"].astype(bool)]
    not_shown = check_2020[~check_2020["binned_means_fall_after_peak"].astype(bool)]
    hump = (
        f"In 2020 the migration hump (highest intensity at middling marginalisation) shows in the binned means "
        f"for {len(shown)} of the {len(check_2020)} outcomes whose quadratic fit bends down"
    )
    if len(not_shown):
        hump += (
            "; for "
            + ", ".join(
                f"“{row.outcome}” (turning point at percentile {row.turning_point_percentile:.0f})"
                for row in not_shown.itertuples()
            )
            + " the downturn is the quadratic extrapolated, not seen in the data"
        )
    return [
        f"Of the {stayed.row_total:.0f} municipalities of very high migratory intensity in 2000, "
        f"{stayed.municipalities:.0f} ({stayed.row_share_pct:.0f}%) were still very high in 2020: a ranking "
        "across waves tells position, not level.",
        f"{lost['2000-2005'].lost_population_pct:.0f}% of them lost population in 2000–2005, "
        f"{lost['2010-2020'].lost_population_pct:.0f}% in 2010–2020.",
        hump + ".",
    ]


FINDINGS: dict[str, Callable[[Tables], list[str]]] = {
    "remittance_growth": remittance_growth,
    "municipal_migration_intensity": municipal_migration_intensity,
    "mexico_us_asymmetries": mexico_us_asymmetries,
    "hta_funding": hta_funding,
    "mexican_origin_generations": mexican_origin_generations,
    "remittances_since_2005": remittances_since_2005,
    "municipal_intensity_2000_2020": municipal_intensity_2000_2020,
}


def notebook_findings(spec: NotebookSpec, root: str | Path = ".") -> list[str]:
    """The sentences of ``spec``'s "What we find" box, from its result tables under ``root``."""
    if spec.name not in FINDINGS:
        raise KeyError(f"notebook {spec.name}: no findings are written for it (migration_evidence.site.findings)")
    return [typeset(sentence) for sentence in FINDINGS[spec.name](Tables(spec, root))]


def typeset(sentence: str) -> str:
    """Minus signs for negative numbers and en dashes in year ranges.

    >>> typeset("-4.3 log points in 1995-2005")
    '−4.3 log points in 1995–2005'
    """
    sentence = re.sub(r"(?<![\w.])-(?=\d)", "\u2212", sentence)
    return re.sub(r"\b(\d{4})-(\d{4})\b", "\\1\u2013\\2", sentence)
