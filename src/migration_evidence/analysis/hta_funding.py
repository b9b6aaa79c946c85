"""Hometown-association funding (de la Garza 2005, Tables 1-3): who paid, which average was printed,
and the Zacatecas and Michoacán 3x1 series."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .small_samples import ols_hc3
from .text_claims import audit_claims


def _with_unaccounted(fisdl: pd.DataFrame) -> pd.DataFrame:
    out = fisdl.copy()
    out["unaccounted_usd"] = out["total_cost_usd"] - out["hta_donation_usd"] - out["fisdl_funds_usd"]
    return out


def funding_composition(fisdl: pd.DataFrame) -> pd.DataFrame:
    """Each department's (and the total row's) cost split into HTA, FISDL and the part no column covers.

    Shares are computed from the printed US$ amounts; the printed shares are kept beside them, as is
    the average cost per project recomputed as total cost / projects.
    """
    df = _with_unaccounted(fisdl)
    out = pd.DataFrame(
        {
            "department": df["department"],
            "row_type": df["row_type"],
            "projects_count": df["projects_count"].astype(int),
            "total_cost_usd": df["total_cost_usd"],
            "hta_share_pct": 100 * df["hta_donation_usd"] / df["total_cost_usd"],
            "fisdl_share_pct": 100 * df["fisdl_funds_usd"] / df["total_cost_usd"],
            "unaccounted_usd": df["unaccounted_usd"],
            "unaccounted_share_pct": 100 * df["unaccounted_usd"] / df["total_cost_usd"],
            "printed_hta_share_pct": df["hta_donation_pct"],
            "printed_fisdl_share_pct": df["fisdl_funds_pct"],
            "cost_per_project_usd": df["total_cost_usd"] / df["projects_count"].astype(float),
            "printed_average_cost_usd": df["average_cost_per_project_usd"],
        }
    )
    return out.reset_index(drop=True)


def average_shares(fisdl: pd.DataFrame) -> pd.DataFrame:
    """The printed 'Total/average' row against the averages it could be.

    For the HTA share, the FISDL share, the unaccounted share and the cost per project: the printed
    total-row value; the unweighted mean of the printed department values (each department counts
    once); the same mean of values recomputed from the amounts; the mean weighted by projects; and
    the aggregate (amount-weighted) value, total over total.
    """
    composition = funding_composition(fisdl)
    detail = composition[composition["row_type"] == "detail"]
    total = _with_unaccounted(fisdl)
    total = total[total["row_type"] == "total"].iloc[0]
    weights = detail["projects_count"].astype(float)
    measures = [
        (
            "hta_share_pct",
            "printed_hta_share_pct",
            total["hta_donation_pct"],
            100 * total["hta_donation_usd"] / total["total_cost_usd"],
        ),
        (
            "fisdl_share_pct",
            "printed_fisdl_share_pct",
            total["fisdl_funds_pct"],
            100 * total["fisdl_funds_usd"] / total["total_cost_usd"],
        ),
        ("unaccounted_share_pct", None, float("nan"), 100 * total["unaccounted_usd"] / total["total_cost_usd"]),
        (
            "cost_per_project_usd",
            "printed_average_cost_usd",
            total["average_cost_per_project_usd"],
            total["total_cost_usd"] / float(total["projects_count"]),
        ),
    ]
    rows = []
    for measure, printed_column, printed_total, aggregate in measures:
        unweighted_printed = detail[printed_column].mean() if printed_column else float("nan")
        rows.append(
            {
                "measure": measure,
                "printed_total_row": printed_total,
                "unweighted_mean_of_printed_rows": unweighted_printed,
                "unweighted_mean_of_computed_rows": detail[measure].mean(),
                "project_weighted_mean": (detail[measure] * weights).sum() / weights.sum(),
                "aggregate_total_over_total": aggregate,
                "departments": len(detail),
            }
        )
    return pd.DataFrame(rows)


def share_and_size(fisdl: pd.DataFrame) -> pd.DataFrame:
    """One row per department: HTA money and total cost (US$ and their natural logs), HTA share of
    cost (%) and cost per project (US$ thousand)."""
    composition = funding_composition(fisdl)
    detail = composition[composition["row_type"] == "detail"].reset_index(drop=True)
    printed = fisdl[fisdl["row_type"] == "detail"].reset_index(drop=True)
    if not printed["department"].equals(detail["department"]):
        raise ValueError("the composition and the printed table list different departments")
    hta, total = printed["hta_donation_usd"].astype(float), printed["total_cost_usd"].astype(float)
    return pd.DataFrame(
        {
            "department": detail["department"],
            "projects_count": detail["projects_count"],
            "hta_donation_usd": hta,
            "total_cost_usd": total,
            "log_hta_donation": np.log(hta),
            "log_total_cost": np.log(total),
            "cost_per_project_thousand_usd": detail["cost_per_project_usd"] / 1000,
            "hta_share_pct": detail["hta_share_pct"],
        }
    ).reset_index(drop=True)


def money_cost_elasticity(
    samples: dict[str, pd.DataFrame], y: str = "log_hta_donation", x: str = "log_total_cost"
) -> pd.DataFrame:
    """The elasticity of HTA money with respect to total cost: least squares of log money on log cost in
    each sample (HC3 errors, t(n - 2); :func:`small_samples.ols_hc3`), and, for the slope alone, whether an
    elasticity of 1 (HTA money a constant share of cost) is inside its 95% interval. ``samples`` maps each
    sample's label to its departments (:func:`share_and_size` rows)."""
    table = pd.concat([ols_hc3(frame, y, x, label) for label, frame in samples.items()], ignore_index=True)
    inside = (table["ci95_low_hc3"] <= 1) & (1 <= table["ci95_high_hc3"])
    table["constant_share_inside_ci95"] = np.where(table["term"] == x, inside, None)
    return table


def text_claims(audit: pd.DataFrame, claims_register: pd.DataFrame, claim_ids: list[str]) -> pd.DataFrame:
    """The source audit's verdicts on the prose claims about the HTA tables (:func:`audit_claims`), with
    each stated value over the one computed from the table (``stated_over_computed``): a constant factor
    across amounts points to another unit or currency rather than a slip."""
    checks = audit_claims(audit, claims_register, claim_ids)
    checks["stated_over_computed"] = checks["stated"] / checks["computed"]
    return checks


def printed_total_checks(audit: pd.DataFrame, table_ids: list[str]) -> pd.DataFrame:
    """The printed total rows of ``table_ids`` against the sum of their detail rows, as the source audit
    judged them (``results/tables/printed_checks.csv``: its ``sum`` and ``not_additive`` checks). The sums are
    computed once, by the audit; this only selects and labels its rows."""
    rows = audit[audit["source"].isin(table_ids) & audit["kind"].isin(["sum", "not_additive"])]
    order = {t: i for i, t in enumerate(table_ids)}
    rows = rows.assign(_order=rows["source"].map(order)).sort_values("_order", kind="stable")
    return pd.DataFrame(
        {
            "table": rows["source"],
            "column": rows["check_id"].str.rsplit(":", n=1).str[-1],
            "sum_of_rows": rows["recomputed"].astype(float),
            "printed_total": rows["printed"].astype(float),
            "difference": rows["difference"].astype(float),
            "verdict": rows["verdict"],
            "check_id": rows["check_id"],
        }
    ).reset_index(drop=True)


def days_covered(year: int, until: date | None) -> int:
    """Days of ``year`` covered by a figure reported up to ``until`` (inclusive), or the whole year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return ((until or last) - first).days + 1


def zacatecas_by_year(zacatecas: pd.DataFrame, partial_until: dict[int, date]) -> pd.DataFrame:
    """Projects and amounts by year, per project, with a partial year scaled to a full year.

    ``partial_until`` maps a year to the last day its printed figures cover (the table's footnote).
    The annualised values multiply by 365/days: they assume the pace of the covered days held all
    year, which is an assumption, not a forecast (see the notebook).
    """
    detail = zacatecas[zacatecas["row_type"] == "detail"].sort_values("year")
    rows = []
    previous = None
    for _, r in detail.iterrows():
        year = int(r["year"])
        until = partial_until.get(year)
        days = days_covered(year, until)
        year_days = days_covered(year, None)
        scale = year_days / days
        projects, amount = float(r["projects_count"]), float(r["amount_usd"])
        row = {
            "year": year,
            "partial_year": until is not None,
            "covered_until": until.isoformat() if until else "",
            "days_covered": days,
            "projects_count": int(r["projects_count"]),
            "municipalities_count": int(r["municipalities_count"]),
            "amount_usd": amount,
            "amount_per_project_usd": amount / projects,
            "projects_annualised": projects * scale,
            "amount_annualised_usd": amount * scale,
            "amount_growth_pct": float("nan"),
            "projects_growth_pct": float("nan"),
        }
        if previous is not None and until is None:
            row["amount_growth_pct"] = 100 * (amount / previous["amount_usd"] - 1)
            row["projects_growth_pct"] = 100 * (projects / previous["projects_count"] - 1)
        rows.append(row)
        previous = row
    return pd.DataFrame(rows)


def michoacan_by_stipend(michoacan: pd.DataFrame) -> pd.DataFrame:
    """Per stipend and in total: amount per project, per person benefited, people per project."""
    df = michoacan.copy()
    projects = df["projects_count"].astype(float)
    people = df["people_benefited_persons"].astype(float)
    return pd.DataFrame(
        {
            "stipend": df["stipend"].astype("Int64"),
            "row_type": df["row_type"],
            "projects_count": df["projects_count"].astype(int),
            "municipalities_count": df["municipalities_count"].astype(int),
            "people_benefited_persons": df["people_benefited_persons"].astype(int),
            "amount_usd": df["amount_usd"],
            "amount_per_project_usd": df["amount_usd"] / projects,
            "amount_per_person_usd": df["amount_usd"] / people,
            "people_per_project": people / projects,
        }
    ).reset_index(drop=True)
