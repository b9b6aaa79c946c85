"""Notebook 2, municipal migratory intensity: Table 1 of the NAFTA paper read as a distribution and,
with CONAPO's municipal files, how population change 2000-2005 relates to the index of migratory
intensity across municipalities (least squares and a logit of losing population). The relation
between migration and marginalisation (the hump) is in :mod:`.municipal_hump`, the checks of these
results in :mod:`.municipal_robustness`, the generic statistics in :mod:`.stats`.

The per-municipality frame is built from the microdata stage's joined table
(:func:`migration_evidence.microdata.ingest.read_joined`; the files' checks, schemas and join are not
repeated here); whether a municipality lost population is
decided by :func:`migration_evidence.microdata.results.lost_population`, the function behind the
pipeline's count. Every function returns small aggregated tables (coefficients, counts, bins), never
per-municipality rows.

Inference. Municipalities of one state share its policies, labour markets and migration networks,
so errors are clustered by state: 32 clusters, few enough that tests and intervals use Student's t
with 31 degrees of freedom and, for the coefficient on the index, a wild cluster bootstrap
(Cameron, Gelbach and Miller 2008; wildboottest): restricted (null imposed) for the p-value,
unrestricted bootstrap-t for the interval, Rademacher weights, a fixed seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from ..microdata.ingest import MIGRATION_SHARES
from ..microdata.results import lost_population
from .stats import (
    WILD_REPLICATIONS,
    WILD_SEED,
    cluster_ols,
    fit_logit,
    logit_average_marginal_effects,
    round_estimates,
    t_inference,
    wild_cluster_bootstrap,
)

REGRESSORS = ("migratory_intensity_index", "marginalisation_index_2000", "log_population_2000")


# --- Table 1 as a distribution ------------------------------------------------------------------


def size_by_degree(table1: pd.DataFrame) -> pd.DataFrame:
    """Shares of municipalities, people and households by degree, and the mean size of each.

    ``table1`` is the processed printed table (data/processed/municipal_migration_intensity_2000.csv);
    shares are recomputed from the printed counts (to more decimals than printed) against the printed
    total row, and the sizes are ratios of printed counts: persons per municipality, persons per
    household. ``population_share_over_municipality_share`` (equal to the degree's persons per
    municipality over the national figure) below 1 means the degree's municipalities are smaller than
    the average municipality.
    """
    total = table1[table1["row_type"] == "total"].iloc[0]
    rows = []
    for _, row in table1.iterrows():
        municipalities = int(row["municipalities_count"])
        population = int(row["population_persons"])
        households = int(row["households_count"])
        rows.append(
            {
                "degree": row["degree"],
                "row_type": row["row_type"],
                "municipalities": municipalities,
                "population": population,
                "households": households,
                "municipalities_share_pct": 100 * municipalities / int(total["municipalities_count"]),
                "population_share_pct": 100 * population / int(total["population_persons"]),
                "households_share_pct": 100 * households / int(total["households_count"]),
                "persons_per_municipality": population / municipalities,
                "households_per_municipality": households / municipalities,
                "persons_per_household": population / households,
            }
        )
    frame = pd.DataFrame(rows)
    # Equal to the degree's persons per municipality over the national persons per municipality.
    frame["population_share_over_municipality_share"] = (
        frame["population_share_pct"] / frame["municipalities_share_pct"]
    )
    return round_estimates(frame)


def index_formula(intensity: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    """The index as a linear function of the four household shares, and its value at zero shares.

    CONAPO's index is a weighted sum of the standardised shares, so among the municipalities with an
    index it is exactly ``a + Σ b_j share_j``. The index file writes 0.0 for the 93 municipalities of
    degree "Null" (no migration: all four shares are 0); the formula's value at zero shares, ``a``, is
    the index those municipalities would have. Returns ``a`` and a table of the fit.
    """
    indexed = intensity[intensity["migratory_intensity_index"].notna()]
    design = np.column_stack([np.ones(len(indexed)), *(indexed[c].to_numpy(float) for c in MIGRATION_SHARES)])
    index = indexed["migratory_intensity_index"].to_numpy(float)
    coefficients, *_ = np.linalg.lstsq(design, index, rcond=None)
    residuals = index - design @ coefficients
    at_zero = float(coefficients[0])
    null = intensity["migratory_intensity_degree"] == "Null"
    rows = [
        ("index_at_zero_shares", at_zero, "intercept: the index of a municipality with no migration"),
        *(
            (f"weight_{share}", float(b), "index points per percentage point")
            for share, b in zip(MIGRATION_SHARES, coefficients[1:], strict=True)
        ),
        ("max_abs_residual", float(np.abs(residuals).max()), "the formula reproduces every published index"),
        ("municipalities_with_index", len(indexed), "degrees Very high to Very low"),
        ("municipalities_null", int(null.sum()), "degree Null: index written as 0.0, all four shares 0"),
        ("lowest_published_index", float(index.min()), ""),
        ("median_published_index", float(np.median(index)), ""),
        (
            "share_of_indexed_below_written_zero_pct",
            100 * float((index < 0).mean()),
            "where the written 0.0 would rank a Null municipality",
        ),
        (
            "share_of_indexed_below_index_at_zero_shares_pct",
            100 * float((index < at_zero).mean()),
            "where the formula's value ranks them",
        ),
    ]
    table = pd.DataFrame(rows, columns=["quantity", "value", "note"])
    return at_zero, table


def analysis_frame(joined: pd.DataFrame, index_at_zero_shares: float) -> pd.DataFrame:
    """One row per municipality of 2000 with the variables of the notebook (kept in memory only).

    ``migratory_intensity_index`` has no value for the Null municipalities; two variants fill it with
    the formula's value at zero shares and with the 0.0 the file writes. Population change is
    ``100 ln(P2005 / P2000)`` (log points) and ``100 (P2005 / P2000 - 1)`` (percent).
    """
    data = joined[joined["in_migration_file"].astype(bool)].copy()
    created = joined[joined["population_2000"].isna() & joined["population_2005"].notna()]
    before = data["population_2000"].astype("float64")
    after = data["population_2005"].astype("float64")
    index = data["migratory_intensity_index"].astype("float64")
    null = data["migratory_intensity_degree"] == "Null"
    return pd.DataFrame(
        {
            "state_code": data["state_code"].astype("int64"),
            "state_name": data["state_name"],
            "degree": data["migratory_intensity_degree"],
            "null_degree": null,
            "migratory_intensity_index": index,
            "index_null_at_zero_shares": index.where(~null, index_at_zero_shares),
            "index_null_as_written": index.where(~null, 0.0),
            "marginalisation_index_2000": data["marginalisation_index_2000"].astype("float64"),
            "marginalisation_degree": data["marginalisation_degree_2000"],
            "log_population_2000": np.log(before),
            "population_2000": before,
            "population_2005": after,
            "growth_log_points": 100 * np.log(after / before),
            "growth_pct": 100 * (after / before - 1),
            "lost_population": lost_population(data, 2000, 2005).astype("int64"),
            "state_created_municipalities": data["state_code"].isin(created["state_code"].unique()),
        }
    ).reset_index(drop=True)


def sample_table(frame: pd.DataFrame, joined: pd.DataFrame) -> pd.DataFrame:
    """How the samples are built: what is excluded, and why."""
    created = joined[joined["population_2000"].isna() & joined["population_2005"].notna()]
    no_margin = frame["marginalisation_index_2000"].isna()
    main = frame["migratory_intensity_index"].notna() & ~no_margin
    rows = [
        ("municipalities_2000", len(frame), "municipalities of the index file (Table 1)"),
        ("degree_null", int(frame["null_degree"].sum()), "no index: excluded from the main samples"),
        (
            "without_marginalisation_index_2000",
            int(no_margin.sum()),
            f"of which of degree Null: {int((no_margin & frame['null_degree']).sum())}",
        ),
        ("main_sample", int(main.sum()), "municipalities with both indices"),
        (
            "sample_with_null_at_zero_shares",
            int((~no_margin).sum()),
            "Null municipalities given the index of zero shares",
        ),
        ("states", int(frame["state_code"].nunique()), "clusters"),
        ("municipalities_created_2000_2005", len(created), "2005 municipalities with no 2000 row"),
        (
            "states_that_created_municipalities",
            int(created["state_code"].nunique()),
            ", ".join(sorted(created["state_name"].unique())),
        ),
        (
            "main_sample_in_those_states",
            int((main & frame["state_created_municipalities"]).sum()),
            "excluded in one robustness check",
        ),
        ("main_sample_lost_population", int(frame.loc[main, "lost_population"].sum()), "P2005 < P2000"),
    ]
    return pd.DataFrame(rows, columns=["quantity", "municipalities", "note"])


# --- least squares with state-clustered errors --------------------------------------------------


def _design(frame: pd.DataFrame, regressors: list[str], fixed_effects: bool) -> tuple[np.ndarray, list[str]]:
    """Regressors plus one dummy per state (no intercept) or plus an intercept."""
    columns = [frame[r].to_numpy(float) for r in regressors]
    if fixed_effects:
        states = sorted(frame["state_code"].unique())
        dummies = [(frame["state_code"] == s).to_numpy(float) for s in states]
        return np.column_stack(columns + dummies), list(regressors) + [f"state_{s}" for s in states]
    return np.column_stack(columns + [np.ones(len(frame))]), list(regressors) + ["intercept"]


@dataclass(frozen=True)
class Specification:
    name: str
    outcome: str
    regressors: tuple[str, ...]
    fixed_effects: bool = True
    sample: str = "main"  # "main" (both indices), "with_null" (Null given an index), "main_without_new"


def _sample(frame: pd.DataFrame, spec: Specification) -> pd.DataFrame:
    needed = [spec.outcome, *spec.regressors]
    data = frame.dropna(subset=needed)
    if spec.sample in ("main", "main_without_new"):
        data = data[data["migratory_intensity_index"].notna()]
    if spec.sample == "main_without_new":
        data = data[~data["state_created_municipalities"]]
    return data


GROWTH_SPECIFICATIONS = (
    Specification("main: log points, state fixed effects", "growth_log_points", REGRESSORS),
    Specification("no state fixed effects", "growth_log_points", REGRESSORS, fixed_effects=False),
    Specification(
        "without the 4 states that created municipalities", "growth_log_points", REGRESSORS, sample="main_without_new"
    ),
    Specification("outcome in percent", "growth_pct", REGRESSORS),
    Specification(
        "Null municipalities at the index of zero shares",
        "growth_log_points",
        ("index_null_at_zero_shares", *REGRESSORS[1:]),
        sample="with_null",
    ),
    Specification(
        "Null municipalities at the 0.0 the file writes",
        "growth_log_points",
        ("index_null_as_written", *REGRESSORS[1:]),
        sample="with_null",
    ),
)


def growth_regressions(
    frame: pd.DataFrame,
    specifications: tuple[Specification, ...] = GROWTH_SPECIFICATIONS,
    replications: int = WILD_REPLICATIONS,
    seed: int = WILD_SEED,
) -> pd.DataFrame:
    """Population change 2000-2005 on the index, marginalisation and log size, by specification.

    One row per specification and regressor: CRV1 standard errors clustered by state with t(G − 1)
    tests and intervals, the classical (iid) standard error for comparison, and for the index the
    wild cluster bootstrap p-value and interval.
    """
    rows = []
    for spec in specifications:
        data = _sample(frame, spec)
        y = data[spec.outcome].to_numpy(float)
        design, _ = _design(data, list(spec.regressors), spec.fixed_effects)
        groups = data["state_code"].to_numpy()
        fit = cluster_ols(y, design, groups)
        classical = OLS(y, design).fit()
        g = len(np.unique(groups))
        wild = wild_cluster_bootstrap(y, design, groups, 0, replications=replications, seed=seed)
        for j, term in enumerate(spec.regressors):
            estimate, se = float(fit.params[j]), float(fit.bse[j])
            t, p, low, high = t_inference(estimate, se, g - 1)
            row = {
                "specification": spec.name,
                "outcome": spec.outcome,
                "term": term,
                "estimate": estimate,
                "std_error_cluster": se,
                "t": t,
                "p_value": p,
                "ci95_low": low,
                "ci95_high": high,
                "std_error_classical": float(classical.bse[j]),
                "wild_p_value": wild["wild_p_value"] if j == 0 else np.nan,
                "wild_ci95_low": wild["wild_ci95_low"] if j == 0 else np.nan,
                "wild_ci95_high": wild["wild_ci95_high"] if j == 0 else np.nan,
                "n": len(data),
                "clusters": g,
                "state_fixed_effects": spec.fixed_effects,
                "r_squared": float(classical.rsquared),
                "outcome_mean": float(y.mean()),
                "outcome_sd": float(y.std(ddof=1)),
                "regressor_sd": float(data[term].std(ddof=1)),
            }
            rows.append(row)
    frame_out = pd.DataFrame(rows)
    frame_out["wild_replications"] = replications
    frame_out["wild_seed"] = seed
    return round_estimates(frame_out)


# --- logit of losing population -----------------------------------------------------------------

LOGIT_SPECIFICATIONS = (
    Specification("main: state fixed effects", "lost_population", REGRESSORS),
    Specification("no state fixed effects", "lost_population", REGRESSORS, fixed_effects=False),
    Specification(
        "Null municipalities at the index of zero shares",
        "lost_population",
        ("index_null_at_zero_shares", *REGRESSORS[1:]),
        sample="with_null",
    ),
)


def states_without_variation(data: pd.DataFrame, outcome: str) -> list[int]:
    """States whose municipalities all lost or all kept their population: their fixed effect is
    infinite, so they carry no information in a logit with state effects and are dropped."""
    share = data.groupby("state_code")[outcome].mean()
    return sorted(int(s) for s in share[(share == 0) | (share == 1)].index)


def loss_logits(frame: pd.DataFrame, specifications: tuple[Specification, ...] = LOGIT_SPECIFICATIONS) -> pd.DataFrame:
    """Logit of losing population 2000-2005; coefficients and average marginal effects (percentage
    points of probability per unit of the regressor), errors clustered by state, t(G − 1)."""
    rows = []
    for spec in specifications:
        data = _sample(frame, spec)
        dropped = states_without_variation(data, spec.outcome) if spec.fixed_effects else []
        names = ", ".join(sorted(data.loc[data["state_code"].isin(dropped), "state_name"].unique())) if dropped else ""
        dropped_count = int(data["state_code"].isin(dropped).sum())
        data = data[~data["state_code"].isin(dropped)]
        y = data[spec.outcome].to_numpy(float)
        design, _ = _design(data, list(spec.regressors), spec.fixed_effects)
        groups = data["state_code"].to_numpy()
        g = len(np.unique(groups))
        fit = fit_logit(y, design, groups)
        params, cov = np.asarray(fit.params), np.asarray(fit.cov_params())
        effects = logit_average_marginal_effects(fit, list(range(len(spec.regressors))))
        for j, term in enumerate(spec.regressors):
            estimate, se = float(params[j]), float(math.sqrt(cov[j, j]))
            t, p, low, high = t_inference(estimate, se, g - 1)
            ame, ame_se = effects[j]
            _, ame_p, ame_low, ame_high = t_inference(ame, ame_se, g - 1)
            rows.append(
                {
                    "specification": spec.name,
                    "term": term,
                    "coefficient": estimate,
                    "std_error_cluster": se,
                    "t": t,
                    "p_value": p,
                    "ci95_low": low,
                    "ci95_high": high,
                    "odds_ratio": math.exp(estimate),
                    "ame_pp": 100 * ame,
                    "ame_std_error_pp": 100 * ame_se,
                    "ame_p_value": ame_p,
                    "ame_ci95_low_pp": 100 * ame_low,
                    "ame_ci95_high_pp": 100 * ame_high,
                    "n": len(data),
                    "clusters": g,
                    "lost_population_pct": 100 * float(y.mean()),
                    "state_fixed_effects": spec.fixed_effects,
                    "states_dropped": len(dropped),
                    "municipalities_dropped": dropped_count,
                    "states_dropped_names": names,
                    "regressor_sd": float(data[term].std(ddof=1)),
                }
            )
    return round_estimates(pd.DataFrame(rows))
