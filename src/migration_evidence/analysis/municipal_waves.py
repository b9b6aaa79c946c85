"""Notebook 7, municipal migratory intensity in 2000, 2010 and 2020: the four indicators and the degrees
wave by wave, degree transitions, population change by 2000 degree, the migration hump re-estimated,
spatial correlation of the growth regression's residuals, and Banco de México's municipal remittances
against the census share of dwellings receiving them.

Reads the per-municipality panel written by the ingest step (:mod:`migration_evidence.microdata.waves`).
Every function returns small aggregated tables, never per-municipality rows. The inference follows
notebook 2 (:mod:`migration_evidence.analysis.municipal` and :mod:`.municipal_hump`, whose functions
are reused): errors clustered by state (32 clusters, t with 31 degrees of freedom), a wild cluster
bootstrap for the coefficient on the index, a pairs cluster bootstrap for the hump's turning point,
fixed seeds.

Waves are compared through the four percentages and the degrees, never through index values (2020's
DP2 index is on another scale, and lower means more intense).
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS

from ..microdata.ingest import DEGREES
from ..microdata.waves_files import INDICATORS, WAVES
from . import municipal, municipal_hump
from .stats import round_estimates

# 999 draws: p-values are quoted to 3 decimals, and at p = 0.05 the Monte Carlo standard error,
# sqrt(p (1 - p) / B), is 0.007; notebook 2 uses 9,999 (0.002) for its main estimates.
WILD_REPLICATIONS = 999
PAIRS_REPLICATIONS = 999
MORAN_PERMUTATIONS = 999
MORAN_SEED = 20_102_020
NEIGHBOURS = (4, 8, 12)
TOP = ("Very high", "High")
PERIODS = (
    # The placebo ends in 1995: the 2000 index counts emigrants of 1995-2000, who lower the 2000
    # population by construction, so 1990-2000 would not lie outside the index's window.
    ("1990-1995 (placebo: before the index's 1995-2000 window)", 1990, 1995),
    ("2000-2005", 2000, 2005),
    ("2000-2010", 2000, 2010),
    ("2010-2020", 2010, 2020),
    ("2000-2020", 2000, 2020),
)
WEIGHT = {2000: "households_2000", 2010: "dwellings_2010", 2020: "dwellings_2020"}


# --- degrees and indicators, wave by wave --------------------------------------------------------


def degree_counts(panel: pd.DataFrame) -> pd.DataFrame:
    """Municipalities of each degree in each wave (every municipality of the wave) and their share."""
    rows = []
    for year in WAVES:
        present = panel[panel[f"in_{year}"]]
        counts = present[f"degree_{year}"].value_counts()
        for degree in DEGREES:
            count = int(counts.get(degree, 0))
            rows.append(
                {
                    "wave": year,
                    "degree": degree,
                    "municipalities": count,
                    "municipalities_share_pct": 100 * count / len(present),
                    "municipalities_in_wave": len(present),
                }
            )
    return round_estimates(pd.DataFrame(rows))


def _weighted(frame: pd.DataFrame, year: int) -> dict[str, float]:
    weights = frame[WEIGHT[year]].astype(float)
    return {c: float((frame[f"{c}_{year}"] * weights).sum() / weights.sum()) for c in INDICATORS}


def indicators_by_degree(panel: pd.DataFrame) -> pd.DataFrame:
    """The four indicators (% of households in 2000, % of dwellings in 2010 and 2020, weighted by the
    wave's households or dwellings), nationally (every municipality of the wave) and by 2000 degree
    (municipalities present in 2000 and in the wave)."""
    rows = []
    for year in WAVES:
        present = panel[panel[f"in_{year}"]]
        groups = [("National", present)]
        in_both = present[present["in_2000"]]
        groups += [(degree, in_both[in_both["degree_2000"] == degree]) for degree in DEGREES]
        for group, frame in groups:
            rows.append(
                {
                    "wave": year,
                    "degree_2000": group,
                    "municipalities": len(frame),
                    "weight": "households" if year == 2000 else "dwellings",
                    "weight_total": int(frame[WEIGHT[year]].sum()),
                    **_weighted(frame, year),
                    "receiving_remittances_median_pct": float(frame[f"receiving_remittances_pct_{year}"].median()),
                }
            )
    return round_estimates(pd.DataFrame(rows))


def transitions(panel: pd.DataFrame) -> pd.DataFrame:
    """Degree transition matrices 2000→2010, 2010→2020 and 2000→2020 (municipalities present in both
    waves), long: counts and row shares."""
    rows = []
    for start, end in ((2000, 2010), (2010, 2020), (2000, 2020)):
        both = panel[panel[f"in_{start}"] & panel[f"in_{end}"]]
        rows += transition_rows(
            both[f"degree_{start}"], both[f"degree_{end}"], list(DEGREES), from_wave=start, to_wave=end
        )
    return round_estimates(pd.DataFrame(rows))


def transition_rows(origin: pd.Series, destination: pd.Series, order: list[str], **keys: object) -> list[dict]:
    """One transition matrix in long form: a row per pair of degrees (``order``, from and to) with the
    count, the row total and the row share; ``keys`` (the waves, a reading) open each row."""
    counts = pd.crosstab(origin, destination).reindex(index=order, columns=order, fill_value=0)
    rows = []
    for start in order:
        total = int(counts.loc[start].sum())
        for end in order:
            count = int(counts.loc[start, end])
            rows.append(
                {
                    **keys,
                    "from_degree": start,
                    "to_degree": end,
                    "municipalities": count,
                    "row_total": total,
                    "row_share_pct": 100 * count / total if total else np.nan,
                }
            )
    return rows


def top_degrees_by_state(panel: pd.DataFrame) -> pd.DataFrame:
    """By state: municipalities of very high or high intensity in each wave, and how many entered or
    left the two top degrees between 2000 and 2020 (municipalities present in both)."""
    frame = panel.copy()
    for year in WAVES:
        frame[f"top_{year}"] = frame[f"in_{year}"] & frame[f"degree_{year}"].isin(TOP)
    both = frame["in_2000"] & frame["in_2020"]
    frame["entered"] = both & ~frame["top_2000"] & frame["top_2020"]
    frame["left"] = both & frame["top_2000"] & ~frame["top_2020"]
    frame["very_high_both"] = both & (frame["degree_2000"] == "Very high") & (frame["degree_2020"] == "Very high")
    out = frame.groupby(["state_code", "state_name"], sort=True).agg(
        municipalities_2020=("in_2020", "sum"),
        top_2000=("top_2000", "sum"),
        top_2010=("top_2010", "sum"),
        top_2020=("top_2020", "sum"),
        entered_top_2000_2020=("entered", "sum"),
        left_top_2000_2020=("left", "sum"),
        very_high_2000_and_2020=("very_high_both", "sum"),
    )
    out = out.reset_index()
    total = {"state_code": 0, "state_name": "National", **{c: int(out[c].sum()) for c in out.columns[2:]}}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for column in out.columns[2:]:
        out[column] = out[column].astype("int64")
    out["net_change_top_2000_2020"] = out["top_2020"] - out["top_2000"]
    return out


# --- population change by 2000 degree ------------------------------------------------------------


def _period_frame(panel: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Municipalities of 2000 with a population at both ends of the period."""
    data = panel[panel["in_2000"]].dropna(subset=[f"population_{start}", f"population_{end}"]).copy()
    before = data[f"population_{start}"].astype(float)
    after = data[f"population_{end}"].astype(float)
    data["growth_log_points"] = 100 * np.log(after / before)
    data["growth_pct"] = 100 * (after / before - 1)
    data["lost_population"] = (after < before).astype("int64")
    # Municipalities created in the period: a population at its end but none at its start.
    created = panel[panel[f"population_{end}"].notna() & panel[f"population_{start}"].isna()]
    data["state_created_municipalities"] = data["state_code"].isin(created["state_code"].unique())
    return data


def population_change_by_degree(panel: pd.DataFrame) -> pd.DataFrame:
    """For each period: municipalities of 2000 that lost population, by 2000 degree and overall; the
    population change of each group (sum of people); also without the states that created
    municipalities in the period (their older municipalities lost territory, not only people)."""
    rows = []
    for period, start, end in PERIODS:
        data = _period_frame(panel, start, end)
        for sample, frame in (
            ("all municipalities of 2000", data),
            ("without states that created municipalities", data[~data["state_created_municipalities"]]),
        ):
            groups = [("All", frame)] + [(d, frame[frame["degree_2000"] == d]) for d in DEGREES]
            for degree, group in groups:
                before = float(group[f"population_{start}"].sum())
                after = float(group[f"population_{end}"].sum())
                rows.append(
                    {
                        "period": period,
                        "start": start,
                        "end": end,
                        "sample": sample,
                        "degree_2000": degree,
                        "municipalities": len(group),
                        "lost_population": int(group["lost_population"].sum()),
                        "lost_population_pct": 100 * float(group["lost_population"].mean()) if len(group) else np.nan,
                        "population_start": int(before),
                        "population_end": int(after),
                        "population_change_pct": 100 * (after / before - 1) if before else np.nan,
                        "median_growth_pct": float(group["growth_pct"].median()) if len(group) else np.nan,
                    }
                )
    return round_estimates(pd.DataFrame(rows))


def rebound_after_2005(panel: pd.DataFrame) -> pd.DataFrame:
    """The 2005 count question: of the municipalities that lost population 2000→2005, how many had more
    people in 2010 than in 2000 (a loss that a full census five years later does not confirm)?"""
    data = panel[panel["in_2000"]].dropna(subset=["population_2000", "population_2005", "population_2010"])
    p00, p05, p10 = (data[f"population_{y}"].astype(float) for y in (2000, 2005, 2010))
    lost_05 = p05 < p00
    rows = []
    for degree in ("All", *DEGREES):
        mask = np.ones(len(data), bool) if degree == "All" else (data["degree_2000"] == degree).to_numpy()
        lost = lost_05.to_numpy() & mask
        rows.append(
            {
                "degree_2000": degree,
                "municipalities": int(mask.sum()),
                "lost_2000_2005": int(lost.sum()),
                "lost_2000_2005_and_2000_2010": int((lost & (p10 < p00).to_numpy()).sum()),
                "lost_2000_2005_but_above_2000_in_2010": int((lost & (p10 > p00).to_numpy()).sum()),
                "lost_2000_2010": int((mask & (p10 < p00).to_numpy()).sum()),
                "grew_2005_2010_pct_of_lost_2000_2005": 100 * float((lost & (p10 > p05).to_numpy()).sum() / lost.sum())
                if lost.sum()
                else np.nan,
            }
        )
    return round_estimates(pd.DataFrame(rows))


# --- growth regressions and their residuals ------------------------------------------------------


def growth_frame(panel: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The variables of notebook 2's growth regression for one period, under notebook 2's names:
    the 2000 index (municipalities with an index), 2000 marginalisation, log population at the start."""
    data = _period_frame(panel, start, end)
    data = data.assign(
        migratory_intensity_index=data["index_2000"],
        log_population_2000=np.log(data[f"population_{start}"].astype(float)),
    )
    return data.dropna(subset=["migratory_intensity_index", "marginalisation_index_2000"]).reset_index(drop=True)


GROWTH_SPECIFICATIONS = (
    municipal.Specification("main: log points, state fixed effects", "growth_log_points", municipal.REGRESSORS),
    municipal.Specification(
        "without the states that created municipalities",
        "growth_log_points",
        municipal.REGRESSORS,
        sample="main_without_new",
    ),
)


def growth_regressions(panel: pd.DataFrame, replications: int = WILD_REPLICATIONS) -> pd.DataFrame:
    """Notebook 2's growth regression (population change on the 2000 index, marginalisation and log size,
    state fixed effects, CRV1 by state, wild cluster bootstrap) for each period."""
    frames = []
    for period, start, end in PERIODS:
        data = growth_frame(panel, start, end)
        table = municipal.growth_regressions(data, GROWTH_SPECIFICATIONS, replications=replications)
        frames.append(table.assign(period=period)[["period", *table.columns]])
    return pd.concat(frames, ignore_index=True)


def growth_residuals(panel: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Residuals of the main growth regression (state fixed effects) with each municipality's point."""
    data = growth_frame(panel, start, end)
    states = pd.get_dummies(data["state_code"], prefix="state", dtype=float)
    design = pd.concat([data[list(municipal.REGRESSORS)], states], axis=1).to_numpy(float)
    fit = OLS(data["growth_log_points"].to_numpy(float), design).fit()
    return pd.DataFrame(
        {
            "municipality_key": data["municipality_key"],
            "state_code": data["state_code"],
            "longitude": data["longitude"],
            "latitude": data["latitude"],
            "residual": fit.resid,
        }
    )


@contextmanager
def numpy_global_seed(seed: int):
    """Seed numpy's global generator for one call and give it back as it was.

    esda 2.9's ``Moran`` takes no seed or generator: it draws its permutations from numpy's global
    generator (its own documentation seeds that generator). This sets the seed explicitly around the one
    call that needs it and restores the generator's previous state afterwards, so nothing else in the
    process sees a changed global generator."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def moran_residuals(panel: pd.DataFrame, neighbours: tuple[int, ...] = NEIGHBOURS) -> pd.DataFrame:
    """Moran's I of the growth regression's residuals (esda), k-nearest-neighbour weights (libpysal) on
    INEGI's representative points (great-circle distances), row-standardised; permutation p-values."""
    from esda.moran import Moran
    from libpysal.weights import KNN

    rows = []
    for period, start, end in PERIODS[2:]:
        residuals = growth_residuals(panel, start, end).dropna(subset=["longitude", "latitude"])
        points = residuals[["longitude", "latitude"]].to_numpy(float)
        for k in neighbours:
            # k-nearest-neighbour graphs are often split into several components (isolated clusters of
            # municipalities); the count is reported, and Moran's I is defined all the same.
            weights = KNN.from_array(points, k=k, radius=6371.0, silence_warnings=True)
            weights.transform = "r"
            with numpy_global_seed(MORAN_SEED):
                moran = Moran(residuals["residual"].to_numpy(float), weights, permutations=MORAN_PERMUTATIONS)
            rows.append(
                {
                    "period": period,
                    "neighbours": k,
                    "n": len(residuals),
                    "graph_components": int(weights.n_components),
                    "morans_i": float(moran.I),
                    "expected_i": float(moran.EI),
                    "z_normal": float(moran.z_norm),
                    "p_value_normal": float(moran.p_norm),
                    "p_value_permutation": float(moran.p_sim),
                    "permutations": MORAN_PERMUTATIONS,
                    "seed": MORAN_SEED,
                }
            )
    return round_estimates(pd.DataFrame(rows))


# --- the migration hump, wave by wave ------------------------------------------------------------


def hump_frame(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    """Municipalities of a wave with their marginalisation, oriented so that HIGHER means MORE
    marginalised in every wave (2020's DP2 index is reversed), under notebook 2's column name, and
    three outcomes: the share of dwellings/households receiving remittances, the share with emigrants,
    and the wave's own index oriented so that higher means more intense."""
    data = panel[panel[f"in_{year}"]].copy()
    if year == 2020:
        margin = -data["marginalisation_index_dp2_2020"]
        own = -data["index_dp2_2020"]
    else:
        margin = data[f"marginalisation_index_{year}"]
        own = data[f"index_{year}"]
    return pd.DataFrame(
        {
            "state_code": data["state_code"],
            "marginalisation_index_2000": margin,
            "receiving_remittances_pct": data[f"receiving_remittances_pct_{year}"],
            "with_emigrants_pct": data[f"with_emigrants_pct_{year}"],
            "own_index": own,
        }
    ).reset_index(drop=True)


HUMP_OUTCOMES = (
    ("receiving_remittances_pct", "% receiving remittances"),
    ("with_emigrants_pct", "% with emigrants"),
    ("own_index", "the wave's own index (higher = more intense)"),
)


def hump_by_wave(panel: pd.DataFrame, replications: int = PAIRS_REPLICATIONS) -> pd.DataFrame:
    """Notebook 2's hump (quadratic in marginalisation, CRV1 by state, delta-method and pairs-bootstrap
    intervals for the turning point, Lind–Mehlum test) for each wave and outcome, across all
    municipalities and within states. The turning point is comparable across waves only as the share
    of municipalities below it (``municipalities_below_turning_point_pct``): the indices differ."""
    frames = []
    for year in WAVES:
        data = hump_frame(panel, year)
        specifications = tuple(
            (f"{label}: {'within states' if fe else 'all municipalities'}", outcome, fe)
            for outcome, label in HUMP_OUTCOMES
            for fe in (False, True)
        )
        table = municipal_hump.hump(data, specifications, replications=replications)
        frames.append(table.assign(wave=year)[["wave", *table.columns]])
    return pd.concat(frames, ignore_index=True)


HUMP_BINS = 20


def hump_binned(panel: pd.DataFrame, bins: int = HUMP_BINS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hump checked against the data themselves, wave by wave and outcome by outcome (all
    municipalities): the mean outcome in ``bins`` groups of equal size ordered by marginalisation, and a
    summary beside the quadratic: its turning point's percentile (share of municipalities less
    marginalised than it), the bin with the highest mean, and whether the binned means fall after their
    peak (the peak bin is not among the two most marginalised and the most marginalised bin's mean is
    below the peak's by more than twice the standard error of that bin's mean). Where the turning point
    lies in the top few percent, a downturn the binned means do not show is the quadratic extrapolated."""
    means, summary = [], []
    for year in WAVES:
        data = hump_frame(panel, year).dropna(subset=["marginalisation_index_2000"])
        x = data["marginalisation_index_2000"].to_numpy(float)
        group = pd.qcut(pd.Series(x).rank(method="first"), bins, labels=False).to_numpy()
        for outcome, label in HUMP_OUTCOMES:
            y = data[outcome].to_numpy(float)
            frame = pd.DataFrame({"bin": group + 1, "x": x, "y": y}).groupby("bin")
            table = frame.agg(
                municipalities=("y", "size"),
                marginalisation_mean=("x", "mean"),
                outcome_mean=("y", "mean"),
                outcome_sd=("y", "std"),
            ).reset_index()
            table["outcome_se"] = table["outcome_sd"] / np.sqrt(table["municipalities"])
            table["upper_percentile"] = 100 * table["bin"] / bins
            means.append(table.assign(wave=year, outcome=label)[["wave", "outcome", *table.columns]])
            quadratic = np.polyfit(x, y, 2)
            turning = -quadratic[1] / (2 * quadratic[0])
            peak = table.loc[table["outcome_mean"].idxmax()]
            last = table.iloc[-1]
            falls = bool(
                peak["bin"] <= bins - 2 and last["outcome_mean"] < peak["outcome_mean"] - 2 * last["outcome_se"]
            )
            summary.append(
                {
                    "wave": year,
                    "outcome": label,
                    "quadratic_concave": bool(quadratic[0] < 0),
                    "turning_point_percentile": 100 * float((x < turning).mean()) if quadratic[0] < 0 else np.nan,
                    "peak_bin": int(peak["bin"]),
                    "peak_bin_upper_percentile": float(peak["upper_percentile"]),
                    "peak_bin_mean": float(peak["outcome_mean"]),
                    "most_marginalised_bin_mean": float(last["outcome_mean"]),
                    "most_marginalised_bin_se": float(last["outcome_se"]),
                    "binned_means_fall_after_peak": falls,
                }
            )
    return (
        round_estimates(pd.concat(means, ignore_index=True).drop(columns="outcome_sd")),
        round_estimates(pd.DataFrame(summary)),
    )


def hump_summary(hump: pd.DataFrame) -> pd.DataFrame:
    """One row per wave and specification: the turning point's place in the distribution and the
    Lind–Mehlum p-value."""
    keys = ["wave", "specification"]
    wide = hump.pivot_table(index=keys, columns="quantity", values="estimate", aggfunc="first", sort=False)
    p = hump[hump["quantity"] == "inverted_u_test"].set_index(keys)["p_value"]
    out = pd.DataFrame(
        {
            "turning_point_inside_range": wide["turning_point_inside_range"].astype(bool),
            "municipalities_below_turning_point_pct": wide["municipalities_below_turning_point_pct"],
            "inverted_u_p_value": p,
        }
    ).reset_index()
    out["n"] = hump.groupby(keys, sort=False)["n"].first().to_numpy()
    return out


# --- remittances per dwelling against the census share ---------------------------------------------


def remittance_frame(panel: pd.DataFrame) -> pd.DataFrame:
    """Municipalities of 2020 with Banco de México's remittances: dollars per dwelling in 2020."""
    data = panel[panel["in_2020"] & panel["remittances_usd_millions_2020"].notna()].copy()
    data["remittances_usd_per_dwelling_2020"] = 1e6 * data["remittances_usd_millions_2020"] / data["dwellings_2020"]
    return data


def remittance_correlation(panel: pd.DataFrame) -> pd.DataFrame:
    """Spearman and Kendall rank correlations between dollars per dwelling (Banxico 2020) and the share of
    dwellings receiving remittances (census 2020): all matched municipalities, without those with no
    remittances on either measure, and the median of the within-state Spearman correlations."""
    data = remittance_frame(panel)
    x = data["receiving_remittances_pct_2020"].to_numpy(float)
    y = data["remittances_usd_per_dwelling_2020"].to_numpy(float)
    rows = []
    positive = (x > 0) & (y > 0)
    for sample, mask in (("all matched municipalities", np.ones(len(x), bool)), ("both measures above 0", positive)):
        spearman = stats.spearmanr(x[mask], y[mask])
        kendall = stats.kendalltau(x[mask], y[mask])
        rows.append(
            {
                "sample": sample,
                "statistic": "spearman",
                "estimate": float(spearman.statistic),
                "p_value": float(spearman.pvalue),
                "n": int(mask.sum()),
            }
        )
        rows.append(
            {
                "sample": sample,
                "statistic": "kendall_tau_b",
                "estimate": float(kendall.statistic),
                "p_value": float(kendall.pvalue),
                "n": int(mask.sum()),
            }
        )
    within = []
    for _, group in data.groupby("state_code"):
        if len(group) >= 10:
            within.append(
                stats.spearmanr(
                    group["receiving_remittances_pct_2020"], group["remittances_usd_per_dwelling_2020"]
                ).statistic
            )
    rows.append(
        {
            "sample": f"within states ({len(within)} states with at least 10 municipalities)",
            "statistic": "median_of_state_spearman",
            "estimate": float(np.median(within)),
            "p_value": np.nan,
            "n": len(within),
        }
    )
    rows.append(
        {
            "sample": f"within states ({len(within)} states with at least 10 municipalities)",
            "statistic": "min_of_state_spearman",
            "estimate": float(np.min(within)),
            "p_value": np.nan,
            "n": len(within),
        }
    )
    return round_estimates(pd.DataFrame(rows))


def remittances_by_degree(panel: pd.DataFrame) -> pd.DataFrame:
    """Dollars per dwelling by 2020 degree: sum of dollars over sum of dwellings, and the median."""
    data = remittance_frame(panel)
    rows = []
    for degree in ("All", *DEGREES):
        group = data if degree == "All" else data[data["degree_2020"] == degree]
        rows.append(
            {
                "degree_2020": degree,
                "municipalities": len(group),
                "remittances_usd_millions_2020": float(group["remittances_usd_millions_2020"].sum()),
                "dwellings_2020": int(group["dwellings_2020"].sum()),
                "usd_per_dwelling": float(
                    1e6 * group["remittances_usd_millions_2020"].sum() / group["dwellings_2020"].sum()
                ),
                "median_usd_per_dwelling": float(group["remittances_usd_per_dwelling_2020"].median()),
                "receiving_remittances_pct": float(
                    (group["receiving_remittances_pct_2020"] * group["dwellings_2020"]).sum()
                    / group["dwellings_2020"].sum()
                ),
            }
        )
    return round_estimates(pd.DataFrame(rows))
