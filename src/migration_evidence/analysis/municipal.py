"""Notebook 2, municipal migratory intensity: Table 1 of the NAFTA paper read as a distribution and,
with CONAPO's municipal files, how population change 2000-2005 and marginalisation relate to the
index of migratory intensity across municipalities.

The per-municipality frame is built in memory from :func:`migration_evidence.microdata.ingest.ingest` (the
files' checks, schemas and join are not repeated here). Every function returns small aggregated
tables (coefficients, counts, bins), never per-municipality rows.

Inference. Municipalities of one state share its policies, labour markets and migration networks,
so errors are clustered by state: 32 clusters, few enough that tests and intervals use Student's t
with 31 degrees of freedom and, for the coefficient on the index, a wild cluster bootstrap
(Cameron, Gelbach and Miller 2008): restricted (null imposed) for the p-value, unrestricted
bootstrap-t for the interval, Rademacher weights, a fixed seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.nonparametric.smoothers_lowess import lowess
from statsmodels.regression.linear_model import OLS

from ..microdata.ingest import MIGRATION_SHARES, Ingested, ingest
from ..microdata.specs import load_microdata_spec
from .stats import (
    LEVEL,
    WILD_REPLICATIONS,
    WILD_SEED,
    average_marginal_effects,  # noqa: F401 - importable from here, as before the move to stats.py
    cluster_ols,
    fit_logit,
    logit_average_marginal_effects,
    t_inference,
    wild_cluster_bootstrap,
    within,
)

# The generic statistics moved to analysis/stats.py; these names are kept for callers of this module.
_t_inference, _within = t_inference, within
PAIRS_REPLICATIONS = 4999
PAIRS_SEED = 20_050_000
DECIMALS = 6


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Estimates to DECIMALS decimals (the same digits on every machine); p-values to DECIMALS significant
    digits, so that a small p-value is written as what it is rather than as 0."""
    out = frame.round(DECIMALS)
    for column in frame.columns:
        if "p_value" in str(column) and pd.api.types.is_float_dtype(frame[column]):
            out[column] = frame[column].map(lambda x: float(f"{x:.{DECIMALS}g}") if pd.notna(x) else x)
    return out


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
    return _rounded(frame)


# --- the microdata, when they are there ---------------------------------------------------------


@dataclass(frozen=True)
class MunicipalMicrodata:
    """CONAPO's files checked, read and joined, or the names of the files that are missing."""

    missing: tuple[str, ...]
    ingested: Ingested | None

    @property
    def available(self) -> bool:
        return self.ingested is not None


def read_microdata(spec_path: str | Path, directory: str | Path) -> MunicipalMicrodata:
    """Ingest CONAPO's files from ``directory`` (every check of the microdata stage applies), or
    report which are missing."""
    spec = load_microdata_spec(spec_path)
    missing = tuple(path.name for path in spec.missing_files(directory))
    if missing:
        return MunicipalMicrodata(missing, None)
    return MunicipalMicrodata((), ingest(spec, spec.external_paths(directory)))


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
            "lost_population": (after < before).astype("int64"),
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
        (
            "municipalities_2000_lost_population",
            int(frame["lost_population"].sum()),
            "P2005 < P2000, all municipalities of 2000 (the paper's count is 832 of 2,435)",
        ),
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
        wild = wild_cluster_bootstrap(y, design, groups, 0, replications=replications)
        for j, term in enumerate(spec.regressors):
            estimate, se = float(fit.params[j]), float(fit.bse[j])
            t, p, low, high = _t_inference(estimate, se, g - 1)
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
    frame_out["wild_seed"] = WILD_SEED
    return _rounded(frame_out)


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
            t, p, low, high = _t_inference(estimate, se, g - 1)
            ame, ame_se = effects[j]
            _, ame_p, ame_low, ame_high = _t_inference(ame, ame_se, g - 1)
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
    return _rounded(pd.DataFrame(rows))


# --- migration and marginalisation: a hump? -----------------------------------------------------

HUMP_COLUMNS = (
    "specification",
    "n",
    "clusters",
    "state_fixed_effects",
    "quantity",
    "estimate",
    "std_error",
    "ci95_low",
    "ci95_high",
    "p_value",
    "method",
)
HUMP_SPECIFICATIONS = (
    ("main: municipalities with an index", "migratory_intensity_index", False),
    ("within states (state fixed effects)", "migratory_intensity_index", True),
    ("Null municipalities at the index of zero shares", "index_null_at_zero_shares", False),
    ("Null at the index of zero shares, within states", "index_null_at_zero_shares", True),
)


def _quadratic_inputs(data: pd.DataFrame, outcome: str, fixed_effects: bool):
    x = data["marginalisation_index_2000"].to_numpy(float)
    y = data[outcome].to_numpy(float)
    groups = data["state_code"].to_numpy()
    if fixed_effects:
        stacked = _within(np.column_stack([y, x, x**2]), groups)
        return stacked[:, 0], stacked[:, 1:], groups
    return y, np.column_stack([x, x**2, np.ones(len(x))]), groups


def turning_point_bootstrap(
    y: np.ndarray, design: np.ndarray, groups: np.ndarray, replications: int, seed: int
) -> np.ndarray:
    """−b1 / (2 b2) in samples of whole states drawn with replacement (pairs cluster bootstrap)."""
    labels = np.unique(groups)
    blocks = [(design[groups == s], y[groups == s]) for s in labels]
    cross = np.stack([x.T @ x for x, _ in blocks])
    moment = np.stack([x.T @ v for x, v in blocks])
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(labels), size=(replications, len(labels)))
    out = np.empty(replications)
    for b, draw in enumerate(draws):
        beta = np.linalg.solve(cross[draw].sum(axis=0), moment[draw].sum(axis=0))
        out[b] = -beta[0] / (2 * beta[1])
    return out


def hump(
    frame: pd.DataFrame,
    specifications: tuple[tuple[str, str, bool], ...] = HUMP_SPECIFICATIONS,
    replications: int = PAIRS_REPLICATIONS,
) -> pd.DataFrame:
    """The index on marginalisation and its square: is the relation an inverted U?

    For each specification: the two coefficients (CRV1 by state, t(G − 1)); the turning point
    −b1/(2 b2) with a delta-method interval and a pairs-cluster-bootstrap percentile interval; whether
    it lies inside the observed range; and the Lind–Mehlum (2010) test of an inverted U, which asks
    that the slope b1 + 2 b2 x be significantly positive at the lowest marginalisation observed and
    significantly negative at the highest (p = the larger of the two one-sided p-values).
    """
    rows = []
    for name, outcome, fixed_effects in specifications:
        data = frame.dropna(subset=[outcome, "marginalisation_index_2000"])
        y, design, groups = _quadratic_inputs(data, outcome, fixed_effects)
        fit = cluster_ols(y, design, groups)
        if fixed_effects:  # the within estimator has n − G − 2 residual degrees of freedom, not n − 2
            n, k, g = len(y), 2, len(np.unique(groups))
            fit_cov = np.asarray(fit.cov_params()) * (n - k) / (n - k - g)
        else:
            fit_cov = np.asarray(fit.cov_params())
        b1, b2 = float(fit.params[0]), float(fit.params[1])
        cov = fit_cov[:2, :2]
        g = len(np.unique(groups))
        df = g - 1
        critical = stats.t.ppf(0.5 + LEVEL / 2, df)
        x = data["marginalisation_index_2000"].to_numpy(float)
        base = {"specification": name, "n": len(data), "clusters": g, "state_fixed_effects": fixed_effects}

        def row(quantity, estimate, se=np.nan, low=np.nan, high=np.nan, p=np.nan, method="", _base=base):
            return {
                **_base,
                "quantity": quantity,
                "estimate": estimate,
                "std_error": se,
                "ci95_low": low,
                "ci95_high": high,
                "p_value": p,
                "method": method,
            }

        for j, term in enumerate(("marginalisation", "marginalisation_squared")):
            se = math.sqrt(cov[j, j])
            t, p, low, high = _t_inference(fit.params[j], se, df)
            rows.append(row(term, float(fit.params[j]), se, low, high, p, "CRV1 by state, t(G-1)"))
        turning = -b1 / (2 * b2)
        gradient = np.array([-1 / (2 * b2), b1 / (2 * b2**2)])
        se_turning = math.sqrt(gradient @ cov @ gradient)
        rows.append(
            row(
                "turning_point",
                turning,
                se_turning,
                turning - critical * se_turning,
                turning + critical * se_turning,
                method="delta method, CRV1, t(G-1)",
            )
        )
        draws = turning_point_bootstrap(y, design, groups, replications, PAIRS_SEED)
        low, high = np.quantile(draws, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
        rows.append(
            row(
                "turning_point",
                turning,
                float(draws.std(ddof=1)),
                float(low),
                float(high),
                method=f"pairs cluster bootstrap, {replications} draws of states, seed {PAIRS_SEED}, percentile",
            )
        )
        rows.append(row("marginalisation_min", float(x.min())))
        rows.append(row("marginalisation_max", float(x.max())))
        rows.append(row("turning_point_inside_range", float(x.min() < turning < x.max())))
        rows.append(
            row("municipalities_below_turning_point_pct", 100 * float((x < turning).mean()), method="share of n")
        )
        one_sided = []
        for quantity, at, sign in (("slope_at_min", x.min(), 1), ("slope_at_max", x.max(), -1)):
            gradient = np.array([1.0, 2 * at])
            slope = b1 + 2 * b2 * at
            se = math.sqrt(gradient @ cov @ gradient)
            p = float(stats.t.sf(sign * slope / se, df))  # H1: positive at min, negative at max
            one_sided.append(p)
            rows.append(row(quantity, slope, se, p=p, method="one-sided, t(G-1)"))
        rows.append(row("inverted_u_test", np.nan, p=max(one_sided), method="Lind-Mehlum: larger one-sided p"))
    return _rounded(pd.DataFrame(rows)[list(HUMP_COLUMNS)])


LOWESS_FRACTION = 0.3


def lowess_curve(
    frame: pd.DataFrame, outcome: str = "migratory_intensity_index", frac: float = LOWESS_FRACTION
) -> np.ndarray:
    """A lowess curve of the index on marginalisation (no functional form imposed): sorted (x, fit).

    No robustness iterations: like the quadratic and the binned means, the curve follows the local
    mean, which the many municipalities with very high indices pull up (robustness weights would
    discount them and follow something closer to a local median)."""
    data = frame.dropna(subset=[outcome, "marginalisation_index_2000"])
    return lowess(data[outcome], data["marginalisation_index_2000"], frac=frac, it=0, return_sorted=True)


def lowess_peak(frame: pd.DataFrame, outcome: str = "migratory_intensity_index", frac: float = LOWESS_FRACTION):
    """Where the lowess curve peaks, in the rows format of :func:`hump`."""
    curve = lowess_curve(frame, outcome, frac)
    top = int(np.argmax(curve[:, 1]))
    base = {
        "specification": f"lowess, {frac:g} of the data in each local fit",
        "n": len(curve),
        "clusters": frame["state_code"].nunique(),
        "state_fixed_effects": False,
        "std_error": np.nan,
        "ci95_low": np.nan,
        "ci95_high": np.nan,
        "p_value": np.nan,
        "method": "locally weighted linear regression, tricube weights, no robustness iterations",
    }
    rows = [
        {**base, "quantity": "marginalisation_at_peak", "estimate": float(curve[top, 0])},
        {**base, "quantity": "index_at_peak", "estimate": float(curve[top, 1])},
    ]
    return _rounded(pd.DataFrame(rows)[list(HUMP_COLUMNS)])


def intensity_by_marginalisation_bin(frame: pd.DataFrame, bins: int = 20) -> pd.DataFrame:
    """Mean and median index by equal-count bins of marginalisation; Null municipalities counted
    apart (share of the bin) and given no index."""
    data = frame.dropna(subset=["marginalisation_index_2000"]).copy()
    data["bin"] = pd.qcut(data["marginalisation_index_2000"], bins, labels=False) + 1
    grouped = data.groupby("bin")
    out = pd.DataFrame(
        {
            "municipalities": grouped.size(),
            "marginalisation_low": grouped["marginalisation_index_2000"].min(),
            "marginalisation_high": grouped["marginalisation_index_2000"].max(),
            "marginalisation_mean": grouped["marginalisation_index_2000"].mean(),
            "null_degree_pct": 100 * grouped["null_degree"].mean(),
            "index_mean": grouped["migratory_intensity_index"].mean(),
            "index_median": grouped["migratory_intensity_index"].median(),
            "index_mean_null_at_zero_shares": grouped["index_null_at_zero_shares"].mean(),
            "lost_population_pct": 100 * grouped["lost_population"].mean(),
            "marginalisation_degree_most_common": grouped["marginalisation_degree"].agg(
                lambda d: d.value_counts().sort_index().idxmax()
            ),
        }
    )
    return _rounded(out.reset_index())
