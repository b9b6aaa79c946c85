"""Notebook 2, how far the municipal results can be trusted: the sampling behind "no migration at all",
population change in other periods (2000-2010 as an outcome, 1990-1995 and 1995-2000 as placebos),
and one robustness table (leave one state out, a linear probability model beside the logit,
population weights, the 1990 marginalisation index).

Like :mod:`.municipal`, every function returns aggregated tables, never per-municipality rows; the
statistics come from :mod:`.stats` (clustered least squares, the wild cluster bootstrap).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import WLS

from ..microdata.results import lost_population
from .municipal import LOGIT_SPECIFICATIONS, REGRESSORS, _design, loss_logits
from .stats import WILD_REPLICATIONS, WILD_SEED, cluster_ols, round_estimates, t_inference, wild_cluster_bootstrap

# CONAPO's index rests on the 2000 census's extended questionnaire, answered by a sample of roughly
# one household in ten (the short form went to every household). Used only to say how often a small
# municipality shows no migrant household by chance; the exact fraction varied between places.
SAMPLE_FRACTION = 0.10
TRUE_SHARES = (0.01, 0.02, 0.05)  # shares of households with any migration, for the sampling table
HOUSEHOLD_COUNTS = (100, 250, 500, 1000, 2500)

# Population change over each interval between two counts: (first year, last year, role).
PERIODS = (
    (1990, 1995, "placebo: before the index's 1995-2000 reference period"),
    (1995, 2000, "placebo: the index's own reference period"),
    (2000, 2005, "main outcome (the 2005 count)"),
    (2005, 2010, "later period"),
    (2000, 2010, "outcome from census to census"),
)


def growth_column(first: int, last: int) -> str:
    return "growth_log_points" if (first, last) == (2000, 2005) else f"growth_log_points_{first}_{last}"


def with_other_periods(frame: pd.DataFrame, joined: pd.DataFrame, marginalisation_1990: pd.Series) -> pd.DataFrame:
    """``frame`` (:func:`.municipal.analysis_frame`) with each period's population change (log
    points), whether the municipality lost population in it, its households in 2000, and its 1990
    marginalisation index (missing for municipalities created after 1990)."""
    data = joined[joined["in_migration_file"].astype(bool)].reset_index(drop=True)
    if len(data) != len(frame):
        raise ValueError("the frame and the joined file do not describe the same municipalities")
    out = frame.copy()
    for first, last, _ in PERIODS:
        before = data[f"population_{first}"].astype("float64")
        after = data[f"population_{last}"].astype("float64")
        out[growth_column(first, last)] = 100 * np.log(after / before)
        out[f"lost_population_{first}_{last}"] = (
            lost_population(data, first, last).astype("float64").where(after.notna() & before.notna())
        )
    out["households_2000"] = data["households_2000"].astype("float64")
    out["marginalisation_index_1990"] = data["municipality_key"].map(marginalisation_1990).astype("float64")
    return out


# --- "no migration at all": sampling zeros ----------------------------------------------------------


def null_sampling(frame: pd.DataFrame) -> pd.DataFrame:
    """How small the Null municipalities are, and how often a sample of one household in ten finds no
    migrant household in a municipality that has some.

    Rows of kind ``households``: the distribution of households in 2000 among the Null municipalities
    and among the others. Rows of kind ``probability``: for a municipality of H households of which a
    share p has any migration, the chance that a sample of SAMPLE_FRACTION × H households holds none,
    (1 - p)^(SAMPLE_FRACTION × H) (sampling with replacement; without, it is a little smaller).
    """
    rows = []
    for group, part in [("Null", frame[frame["null_degree"]]), ("with an index", frame[~frame["null_degree"]])]:
        households = part["households_2000"]
        rows.append(
            {
                "kind": "households",
                "group": group,
                "municipalities": len(part),
                "households_median": float(households.median()),
                "households_p10": float(households.quantile(0.1)),
                "households_p90": float(households.quantile(0.9)),
                "share_under_500_households_pct": 100 * float((households < 500).mean()),
                "share_under_1000_households_pct": 100 * float((households < 1000).mean()),
            }
        )
    for households in HOUSEHOLD_COUNTS:
        for share in TRUE_SHARES:
            sampled = SAMPLE_FRACTION * households
            rows.append(
                {
                    "kind": "probability",
                    "group": f"{households:,} households, {share:.0%} with migration",
                    "households": households,
                    "households_sampled": sampled,
                    "share_with_migration_pct": 100 * share,
                    "probability_no_migrant_household_in_sample_pct": 100 * (1 - share) ** sampled,
                }
            )
    return round_estimates(pd.DataFrame(rows))


# --- other periods --------------------------------------------------------------------------------


def period_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Population change between each pair of counts, and how many municipalities lost population (the
    columns :func:`with_other_periods` fills with :func:`migration_evidence.microdata.results.lost_population`)."""
    rows = []
    for first, last, role in PERIODS:
        growth = frame[growth_column(first, last)].dropna()
        lost = frame[f"lost_population_{first}_{last}"].dropna()
        if len(lost) != len(growth):
            raise ValueError(f"{first}-{last}: population change and loss cover different municipalities")
        rows.append(
            {
                "period": f"{first}-{last}",
                "role": role,
                "municipalities": len(growth),
                "lost_population": int(lost.sum()),
                "lost_population_pct": 100 * float(lost.mean()),
                "median_change_log_points": float(growth.median()),
            }
        )
    return round_estimates(pd.DataFrame(rows))


def _clustered_index_row(data: pd.DataFrame, outcome: str, regressors: list[str], label: str, **extra) -> dict:
    y = data[outcome].to_numpy(float)
    design, _ = _design(data, regressors, True)
    groups = data["state_code"].to_numpy()
    g = len(np.unique(groups))
    weights = extra.pop("weights", None)
    if weights is None:
        fit = cluster_ols(y, design, groups)
    else:
        fit = WLS(y, design, weights=weights).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    estimate, se = float(fit.params[0]), float(fit.bse[0])
    _, p, low, high = t_inference(estimate, se, g - 1)
    return {
        "check": label,
        "outcome": outcome,
        "term": regressors[0],
        "estimate": estimate,
        "std_error_cluster": se,
        "ci95_low": low,
        "ci95_high": high,
        "p_value": p,
        "n": len(data),
        "clusters": g,
        **extra,
    }


def _main_sample(frame: pd.DataFrame, needed: list[str]) -> pd.DataFrame:
    return frame.dropna(subset=needed)


def period_regressions(
    frame: pd.DataFrame, replications: int = WILD_REPLICATIONS, seed: int = WILD_SEED
) -> pd.DataFrame:
    """The main specification (state fixed effects, errors clustered by state) for each period's
    population change, with the wild cluster bootstrap p-value of the index's coefficient."""
    rows = []
    for first, last, role in PERIODS:
        outcome = growth_column(first, last)
        data = _main_sample(frame, [outcome, *REGRESSORS])
        row = _clustered_index_row(data, outcome, list(REGRESSORS), f"{first}-{last}", role=role)
        design, _ = _design(data, list(REGRESSORS), True)
        groups = data["state_code"].to_numpy()
        y = data[outcome].to_numpy(float)
        wild = wild_cluster_bootstrap(y, design, groups, 0, replications=replications, seed=seed)
        row.update(
            {
                "wild_p_value": wild["wild_p_value"],
                "wild_ci95_low": wild["wild_ci95_low"],
                "wild_ci95_high": wild["wild_ci95_high"],
            }
        )
        rows.append(row)
    return round_estimates(pd.DataFrame(rows))


# --- one robustness table -------------------------------------------------------------------------


def leave_one_state_out(frame: pd.DataFrame, outcome: str = "growth_log_points") -> pd.DataFrame:
    """The index's coefficient in the main growth model without each state in turn."""
    data = _main_sample(frame, [outcome, *REGRESSORS])
    rows = []
    for state in sorted(data["state_code"].unique()):
        part = data[data["state_code"] != state]
        name = data.loc[data["state_code"] == state, "state_name"].iloc[0]
        row = _clustered_index_row(part, outcome, list(REGRESSORS), f"without {name}")
        row.update(
            {
                "state_left_out": name,
                "municipalities_left_out": int((data["state_code"] == state).sum()),
                "share_of_municipalities_left_out_pct": 100 * float((data["state_code"] == state).mean()),
            }
        )
        rows.append(row)
    return round_estimates(pd.DataFrame(rows))


def robustness(frame: pd.DataFrame) -> pd.DataFrame:
    """The index's coefficient in the main models, and how it changes with the sample, the model, the
    weights and the marginalisation index. Each row is one check; see the notebook for what it asks."""
    growth, loss = "growth_log_points", "lost_population"
    main_growth = _main_sample(frame, [growth, *REGRESSORS])
    rows = [_clustered_index_row(main_growth, growth, list(REGRESSORS), "main: population change, least squares")]
    out_of_state = leave_one_state_out(frame)
    largest = out_of_state.loc[out_of_state["municipalities_left_out"].idxmax()]
    rows.append(
        {
            **largest[["estimate", "std_error_cluster", "ci95_low", "ci95_high", "p_value", "n", "clusters"]].to_dict(),
            "check": f"without the largest state ({largest['state_left_out']})",
            "outcome": growth,
            "term": REGRESSORS[0],
        }
    )
    for label, pick in [
        ("smallest", out_of_state["estimate"].idxmin()),
        ("largest", out_of_state["estimate"].idxmax()),
    ]:
        row = out_of_state.loc[pick]
        rows.append(
            {
                **row[["estimate", "std_error_cluster", "ci95_low", "ci95_high", "p_value", "n", "clusters"]].to_dict(),
                "check": f"leaving one state out: {label} estimate (without {row['state_left_out']})",
                "outcome": growth,
                "term": REGRESSORS[0],
            }
        )
    rows.append(
        _clustered_index_row(
            main_growth,
            growth,
            list(REGRESSORS),
            "weighted by 2000 population",
            weights=main_growth["population_2000"].to_numpy(float),
        )
    )
    with_1990 = _main_sample(
        frame, [growth, "migratory_intensity_index", "marginalisation_index_1990", *REGRESSORS[2:]]
    )
    regressors_1990 = ["migratory_intensity_index", "marginalisation_index_1990", *REGRESSORS[2:]]
    rows.append(_clustered_index_row(with_1990, growth, regressors_1990, "1990 marginalisation index instead of 2000"))
    main_loss = _main_sample(frame, [loss, *REGRESSORS])
    lpm = _clustered_index_row(
        main_loss, loss, list(REGRESSORS), "losing population: linear probability model (percentage points)"
    )
    for key in ("estimate", "std_error_cluster", "ci95_low", "ci95_high"):
        lpm[key] *= 100
    rows.append(lpm)
    logit = loss_logits(frame, (LOGIT_SPECIFICATIONS[0],))
    ame = logit[logit["term"] == REGRESSORS[0]].iloc[0]
    rows.append(
        {
            "check": "losing population: logit, average marginal effect (percentage points)",
            "outcome": loss,
            "term": REGRESSORS[0],
            "estimate": ame["ame_pp"],
            "std_error_cluster": ame["ame_std_error_pp"],
            "ci95_low": ame["ame_ci95_low_pp"],
            "ci95_high": ame["ame_ci95_high_pp"],
            "p_value": ame["ame_p_value"],
            "n": int(ame["n"]),
            "clusters": int(ame["clusters"]),
        }
    )
    return round_estimates(pd.DataFrame(rows))
