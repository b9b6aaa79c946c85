"""Mexico–US asymmetries, 1994–2004 (NAFTA paper, Table 2): ratios, their change, annualised growth.

The processed table is long: one row per indicator, country and printed column (``table_year``),
with ``reference_year`` the year the value really refers to (a footnote marker moves some values to
1995 or 2003). Growth is annualised over the span between the reference years, not the printed 10.
"""

from __future__ import annotations

import pandas as pd

MEXICO, US = "Mexico", "United States"
START, END = 1994, 2004

# Indicators whose US/Mexico ratio compares levels. The rate of population growth is itself a rate of
# change: a ratio of two growth rates is not a gap in levels, so it is reported but not called one.
LEVEL_INDICATORS = (
    "population",
    "gdp_per_capita",
    "underemployment",
    "rd_spending",
    "university_studies",
    "manufacturing_wage",
)

# The gaps between the countries: levels of living standards, skills and work. Population is a level
# too, but a country's size is not a gap in development, so it is left out of the count of gaps.
GAP_INDICATORS = tuple(indicator for indicator in LEVEL_INDICATORS if indicator != "population")

SHORT_LABELS = {
    "population": "population",
    "population_growth": "population growth rate",
    "gdp_per_capita": "GDP per head",
    "underemployment": "underemployment",
    "rd_spending": "R&D spending",
    "university_studies": "university studies",
    "manufacturing_wage": "manufacturing wage",
}


def _order(table: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(table["indicator_id"]))


def country_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and printed year: both countries' values, their reference years, ratios."""
    keys = ["indicator_id", "indicator", "unit", "table_year"]
    wide = table.pivot(index=keys, columns="country", values=["value", "reference_year"])
    out = pd.DataFrame(
        {
            "mexico_value": wide[("value", MEXICO)].astype(float),
            "mexico_reference_year": wide[("reference_year", MEXICO)].astype(int),
            "us_value": wide[("value", US)].astype(float),
            "us_reference_year": wide[("reference_year", US)].astype(int),
        }
    ).reset_index()
    out["us_to_mexico_ratio"] = out["us_value"] / out["mexico_value"]
    out["us_minus_mexico"] = out["us_value"] - out["mexico_value"]
    out["reference_years_match"] = out["mexico_reference_year"] == out["us_reference_year"]
    out["indicator_id"] = pd.Categorical(out["indicator_id"], _order(table), ordered=True)
    out = out.sort_values(["indicator_id", "table_year"]).reset_index(drop=True)
    out["indicator_id"] = out["indicator_id"].astype(str)
    return out


def annualised_growth(table: pd.DataFrame) -> pd.DataFrame:
    """Compound annual growth of each indicator in each country, over the true span of its values.

    ``growth_pct_per_year`` uses the reference years (e.g. 1995→2003 is 8 years);
    ``growth_pct_per_year_printed_span`` the printed 1994→2004, to show what ignoring the footnote
    markers would change. ``change_per_year`` is the linear change in the indicator's unit (for
    indicators that are themselves percentages, percentage points per year).
    """
    rows = []
    for (indicator_id, country), part in table.groupby(["indicator_id", "country"], sort=False):
        start = part[part["table_year"] == START].iloc[0]
        end = part[part["table_year"] == END].iloc[0]
        span = int(end["reference_year"] - start["reference_year"])
        ratio = end["value"] / start["value"]
        rows.append(
            {
                "indicator_id": indicator_id,
                "indicator": start["indicator"],
                "unit": start["unit"],
                "country": country,
                "start_value": start["value"],
                "start_reference_year": int(start["reference_year"]),
                "end_value": end["value"],
                "end_reference_year": int(end["reference_year"]),
                "span_years": span,
                "growth_pct_per_year": 100 * (ratio ** (1 / span) - 1),
                "growth_pct_per_year_printed_span": 100 * (ratio ** (1 / (END - START)) - 1),
                "change_per_year": (end["value"] - start["value"]) / span,
            }
        )
    return pd.DataFrame(rows)


def aligned_values(table: pd.DataFrame) -> pd.DataFrame:
    """Each country's value moved to the printed years 1994 and 2004 along its own annual growth.

    A value that refers to 1995 is carried back one year, one that refers to 2003 forward one year,
    at the country's compound annual growth over its true span. Values already for 1994 or 2004 are
    unchanged. This is an assumption (constant growth), used only to check that a conclusion does not
    hinge on comparing values of different years.
    """
    growth = annualised_growth(table)
    rate = 1 + growth["growth_pct_per_year"] / 100
    return pd.DataFrame(
        {
            "indicator_id": growth["indicator_id"],
            "country": growth["country"],
            "aligned_1994": growth["start_value"] * rate ** (START - growth["start_reference_year"]),
            "aligned_2004": growth["end_value"] * rate ** (END - growth["end_reference_year"]),
        }
    )


def ratio_change(table: pd.DataFrame) -> pd.DataFrame:
    """Did each gap widen? The ratio of the larger to the smaller value in 1994 and in 2004, and the
    difference between them (larger minus smaller, in the indicator's unit).

    A ratio and a difference can disagree: if both countries' values rise by the same amount, the
    ratio falls while the difference stays put, and if both rise by the same proportion the difference
    grows while the ratio stays put. ``verdict_depends_on_metric`` marks the indicators where they do.

    ``gap_change_pct_per_year`` is the annual rate at which that ratio changed, from each country's
    own annualised growth over its true span: (1 + g_larger) / (1 + g_smaller) - 1. The ``aligned``
    ratios compare values moved to the printed years (see :func:`aligned_values`).
    """
    pairs = country_pairs(table)
    growth = annualised_growth(table).set_index(["indicator_id", "country"])["growth_pct_per_year"]
    aligned = aligned_values(table).set_index(["indicator_id", "country"])
    rows = []
    for indicator_id, part in pairs.groupby("indicator_id", sort=False):
        first = part[part["table_year"] == START].iloc[0]
        last = part[part["table_year"] == END].iloc[0]
        larger, smaller = (US, MEXICO) if first["us_value"] > first["mexico_value"] else (MEXICO, US)
        gap_start, gap_end = (
            (first["us_to_mexico_ratio"], last["us_to_mexico_ratio"])
            if larger == US
            else (1 / first["us_to_mexico_ratio"], 1 / last["us_to_mexico_ratio"])
        )
        aligned_start = (
            aligned.loc[(indicator_id, larger), "aligned_1994"] / aligned.loc[(indicator_id, smaller), "aligned_1994"]
        )
        aligned_end = (
            aligned.loc[(indicator_id, larger), "aligned_2004"] / aligned.loc[(indicator_id, smaller), "aligned_2004"]
        )
        g_larger, g_smaller = growth[(indicator_id, larger)], growth[(indicator_id, smaller)]
        years = [first["mexico_reference_year"], last["mexico_reference_year"]]
        years += [first["us_reference_year"], last["us_reference_year"]]
        sign = 1 if larger == US else -1
        difference_start, difference_end = sign * first["us_minus_mexico"], sign * last["us_minus_mexico"]
        rows.append(
            {
                "indicator_id": indicator_id,
                "indicator": first["indicator"],
                "compares_levels": indicator_id in LEVEL_INDICATORS,
                "counts_as_gap": indicator_id in GAP_INDICATORS,
                "larger_country": larger,
                "us_to_mexico_ratio_1994": first["us_to_mexico_ratio"],
                "us_to_mexico_ratio_2004": last["us_to_mexico_ratio"],
                "larger_to_smaller_1994": gap_start,
                "larger_to_smaller_2004": gap_end,
                "gap_change_pct": 100 * (gap_end / gap_start - 1),
                "gap": "widened" if gap_end > gap_start else "narrowed",
                "gap_change_pct_per_year": 100 * ((1 + g_larger / 100) / (1 + g_smaller / 100) - 1),
                "reference_years_as_printed": bool(years == [START, END, START, END]),
                "larger_to_smaller_aligned_1994": aligned_start,
                "larger_to_smaller_aligned_2004": aligned_end,
                "gap_aligned": "widened" if aligned_end > aligned_start else "narrowed",
                "larger_minus_smaller_1994": difference_start,
                "larger_minus_smaller_2004": difference_end,
                "difference_change": difference_end - difference_start,
                "gap_in_differences": "widened" if difference_end > difference_start else "narrowed",
                "verdict_depends_on_metric": (gap_end > gap_start) != (difference_end > difference_start),
            }
        )
    return pd.DataFrame(rows)


def implied_by_ratio(numerator: float, denominator: float, stated: str) -> dict[str, float]:
    """Which single value would make numerator/denominator round to the stated ratio?

    Returns the interval of numerators (denominator fixed) and of denominators (numerator fixed)
    consistent with the stated ratio at its printed precision.
    """
    places = len(stated.split(".", 1)[1]) if "." in stated else 0
    half = 0.5 * 10**-places
    low, high = float(stated) - half, float(stated) + half
    return {
        "numerator_low": low * denominator,
        "numerator_high": high * denominator,
        "denominator_low": numerator / high,
        "denominator_high": numerator / low,
    }


def ratio_claims(pairs: pd.DataFrame, audited: pd.DataFrame, claims: list[tuple[str, str, int]]) -> pd.DataFrame:
    """The text's US/Mexico ratio claims, as the source audit judged them, with what would make each right.

    ``audited`` is :func:`~migration_evidence.analysis.text_claims.audit_claims` for the claims (the verdict is
    computed once, by the audit); ``claims`` lists (claim_id, indicator_id, table_year). Each row adds the US
    value that would make the stated ratio right with Mexico's printed value, and the Mexican value that would
    with the US's printed value.
    """
    cells = pairs.set_index(["indicator_id", "table_year"])
    checked = audited.set_index("claim_id")
    rows = []
    for claim_id, indicator_id, year in claims:
        cell = cells.loc[(indicator_id, year)]
        check = checked.loc[claim_id]
        bounds = implied_by_ratio(cell["us_value"], cell["mexico_value"], check["stated_text"])
        rows.append(
            {
                "claim_id": claim_id,
                "claim": f"US/Mexico {SHORT_LABELS[indicator_id]}, {year}",
                "lines": check["lines"],
                "stated": check["stated"],
                "computed": check["computed"],
                "tolerance": check["tolerance"],
                "verdict": check["verdict"],
                "agrees": check["agrees"],
                "computed_from": f"{cell['us_value']:g} / {cell['mexico_value']:g}",
                "us_value": cell["us_value"],
                "mexico_value": cell["mexico_value"],
                "us_value_for_stated_low": bounds["numerator_low"],
                "us_value_for_stated_high": bounds["numerator_high"],
                "mexico_value_for_stated_low": bounds["denominator_low"],
                "mexico_value_for_stated_high": bounds["denominator_high"],
            }
        )
    return pd.DataFrame(rows)
