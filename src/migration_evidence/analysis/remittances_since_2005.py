"""Notebook 6: remittances and the Mexico–US gap twenty years after the papers (1980–2025).

Banco de México's current monthly series (1995–2026, current vintage) beside the paper's early
vintage (1980–2005), never spliced; constant pesos; growth by period with intervals; monthly
seasonality and structural breaks in the trend (exact search on the monthly grid, :mod:`.trend_breaks`:
break sets by number of breaks and trimming, the number chosen by LWZ and BIC, break dates bootstrapped
with the number of breaks re-selected in each draw); state shares 2003–2025 by migration region; the
US/Mexico gap in GDP per head 1994–2023.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tools.sm_exceptions import InterpolationWarning
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.stattools import adfuller, kpss

from .growth_intervals import growth_difference_interval, growth_rate_interval, mean_change_interval
from .trend_breaks import segments_fit

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- 1. the two vintages, side by side ----------------------------------------------------------


def vintages_1980_2025(transcribed: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """One row per year and vintage: the paper's early vintage (1980–2005), the revised vintage as
    transcribed (1995–2005) and Banco de México's current monthly file summed by calendar year
    (1995–2025). Three series, never joined into one."""
    early = transcribed[transcribed["vintage"] == "early"]
    revised = transcribed[transcribed["vintage"] == "revised"]
    parts = [
        pd.DataFrame(
            {
                "year": early["year"].astype("int64"),
                "vintage": "early",
                "value_usd_millions": early["value_usd_millions"],
                "source": "data/processed/remittances_mexico_1980_2005.csv (as published before mid-2006)",
            }
        ),
        pd.DataFrame(
            {
                "year": revised["year"].astype("int64"),
                "vintage": "revised_transcribed",
                "value_usd_millions": revised["value_usd_millions"],
                "source": "data/processed/remittances_mexico_1980_2005.csv (revised, SIE CE81 as transcribed)",
            }
        ),
        pd.DataFrame(
            {
                "year": annual["year"].astype("int64"),
                "vintage": "current",
                "value_usd_millions": annual["inflows_usd_millions"],
                "source": "data/processed/remittances_mexico_annual_1995_2025.csv (monthly file summed)",
            }
        ),
    ]
    return pd.concat(parts, ignore_index=True).sort_values(["vintage", "year"], kind="stable").reset_index(drop=True)


def partial_year(monthly: pd.DataFrame) -> pd.DataFrame:
    """The months of the last, incomplete year against the same months a year earlier."""
    counts = monthly.groupby("year")["month"].size()
    last = int(counts.index.max())
    months = int(counts.loc[last])
    if months == 12:
        return pd.DataFrame()
    first_months = monthly[monthly["month_of_year"] <= months]
    this = first_months[first_months["year"] == last]
    before = first_months[first_months["year"] == last - 1]
    label = f"{MONTHS[0]}–{MONTHS[months - 1]}"
    return pd.DataFrame(
        {
            "period": [f"{label} {last - 1}", f"{label} {last}"],
            "months": [months, months],
            "inflows_usd_millions": [before["inflows_usd"].sum() / 1e6, this["inflows_usd"].sum() / 1e6],
            "change_pct": [np.nan, 100 * (this["inflows_usd"].sum() / before["inflows_usd"].sum() - 1)],
        }
    )


# --- 2. constant pesos and remittances per worker -----------------------------------------------


def constant_pesos(monthly: pd.DataFrame, prices: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each month's dollars × that month's FIX rate, deflated by that month's INPC to the prices of
    ``base_year`` (the mean of its twelve monthly INPC values); summed over complete calendar years."""
    merged = monthly.merge(prices, on="month", how="left", validate="one_to_one")
    if merged["fix_mxn_per_usd"].isna().any() or merged["inpc_general"].isna().any():
        missing = merged.loc[merged["fix_mxn_per_usd"].isna() | merged["inpc_general"].isna(), "month"].iloc[0]
        raise ValueError(f"no FIX rate or INPC for {missing}")
    base = prices[prices["month"].str.startswith(f"{base_year}-")]["inpc_general"]
    if len(base) != 12:
        raise ValueError(f"the base year {base_year} needs twelve INPC values, found {len(base)}")
    merged["pesos"] = merged["inflows_usd"] * merged["fix_mxn_per_usd"]
    merged["pesos_constant"] = merged["pesos"] * base.mean() / merged["inpc_general"]
    grouped = merged.groupby("year").agg(
        months=("month", "size"),
        usd=("inflows_usd", "sum"),
        pesos=("pesos", "sum"),
        pesos_constant=("pesos_constant", "sum"),
        inpc_mean=("inpc_general", "mean"),
    )
    grouped = grouped[grouped["months"] == 12].reset_index()
    return pd.DataFrame(
        {
            "year": grouped["year"].astype("int64"),
            "inflows_usd_millions": grouped["usd"] / 1e6,
            "inflows_mxn_millions_current": grouped["pesos"] / 1e6,
            "inflows_mxn_millions_constant": grouped["pesos_constant"] / 1e6,
            "price_base_year": base_year,
            "implied_mxn_per_usd": grouped["pesos"] / grouped["usd"],
            "inpc_mean": grouped["inpc_mean"],
        }
    )


def per_worker(vintages: pd.DataFrame, workers: pd.DataFrame, constant: pd.DataFrame) -> pd.DataFrame:
    """Remittances per employed Mexican-born worker in the US, 1994–2005, for each vintage separately."""
    employed = workers.set_index("year")["employed_persons"]
    rows = []
    for vintage, part in vintages.groupby("vintage", sort=True):
        part = part[part["year"].isin(employed.index)]
        for record in part.itertuples(index=False):
            rows.append(
                {
                    "year": int(record.year),
                    "vintage": vintage,
                    "employed_persons": int(employed.loc[record.year]),
                    "remittances_usd_millions": record.value_usd_millions,
                    "usd_per_worker": record.value_usd_millions * 1e6 / employed.loc[record.year],
                }
            )
    frame = pd.DataFrame(rows)
    pesos = constant.set_index("year")["inflows_mxn_millions_constant"]
    current = frame["vintage"] == "current"
    frame["mxn_constant_per_worker"] = np.where(
        current, frame["year"].map(pesos) * 1e6 / frame["employed_persons"], np.nan
    )
    return frame.sort_values(["vintage", "year"], kind="stable").reset_index(drop=True)


# --- 3. growth by period ------------------------------------------------------------------------


def growth_by_period(values: pd.Series, periods: list[tuple], measure: str, lags: int | None = None) -> pd.DataFrame:
    """Compound growth from the first to the last year of each period (the mean of the annual log
    changes within it) with its autocorrelation-robust 95% interval from the project's one growth-rate
    function (:func:`migration_evidence.analysis.growth_intervals.growth_rate_interval`: Newey–West,
    Bartlett, t with n - 1 degrees of freedom; given where there are at least three changes), beside the
    interval that treats the changes as independent.

    A period is ``(label, start, end)`` or ``(label, start, end, dropped)``, where ``dropped`` lists the
    years whose change (from the year before) is left out, such as 2003's recording change; the
    remaining changes are then treated as consecutive, and compound growth is their mean."""
    log_values = np.log(values.sort_index())
    changes = log_values.diff().dropna()
    rows = []
    for label, start, end, *rest in periods:
        dropped = tuple(rest[0]) if rest else ()
        window = changes[(changes.index > start) & (changes.index <= end) & ~changes.index.isin(dropped)]
        n = len(window)
        interval = growth_rate_interval(window.to_numpy(), lags=lags)
        iid = growth_rate_interval(window.to_numpy(), lags=0)
        rows.append(
            {
                "measure": measure,
                "period": label,
                "start_year": start,
                "end_year": end,
                "changes_left_out": " ".join(str(y) for y in dropped),
                "start_value": float(values.loc[start]),
                "end_value": float(values.loc[end]),
                "ratio": float(values.loc[end] / values.loc[start]),
                "annual_changes": n,
                "compound_growth_pct": interval["growth_pct"],
                "mean_log_change": interval["mean_log_change"],
                "sd_log_change": float(window.std(ddof=1)) if n > 1 else np.nan,
                "lag1_autocorrelation": interval["lag1_autocorrelation"],
                "hac_lags": interval["hac_lags"],
                "ci95_low_pct": interval["growth_ci_low_pct"],
                "ci95_high_pct": interval["growth_ci_high_pct"],
                "ci95_low_pct_independent": iid["growth_ci_low_pct"],
                "ci95_high_pct_independent": iid["growth_ci_high_pct"],
                "smallest_change_pct": 100 * np.expm1(float(window.min())),
                "largest_change_pct": 100 * np.expm1(float(window.max())),
            }
        )
    return pd.DataFrame(rows)


# The year whose change (from the year before) is Banco de México's 2002-03 recording change, +54% in
# one year: shown with and without it.
RECORDING_CHANGE_YEAR = 2003


def growth_periods(last_year: int) -> list[tuple]:
    """The periods of notebook 6's growth table: the paper's decade (with and without the 2002→2003
    recording change), the bursts within the twenty years after it, and the twenty years as a whole."""
    return [
        ("1995-2005 (the paper's decade)", 1995, 2005),
        ("1995-2005 without the 2002→2003 recording change", 1995, 2005, (RECORDING_CHANGE_YEAR,)),
        ("2005-2008", 2005, 2008),
        ("2009 fall", 2008, 2009),
        ("2010-2019", 2009, 2019),
        ("2020-2024", 2019, 2024),
        (f"{last_year}", last_year - 1, last_year),
        (f"2005-{last_year} (twenty years on)", 2005, last_year),
    ]


def growth_tables(
    transcribed: pd.DataFrame, annual: pd.DataFrame, monthly: pd.DataFrame, prices: pd.DataFrame, base_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Growth by period (:func:`growth_periods`) in current dollars and constant pesos, and the
    comparison of 1995-2005 with 2005 to the last complete year (with and without the recording change),
    every interval from the project's Newey–West growth-rate functions."""
    vintages = vintages_1980_2025(transcribed, annual)
    current = vintages[vintages["vintage"] == "current"].set_index("year")["value_usd_millions"]
    constant = constant_pesos(monthly, prices, base_year)
    pesos = constant.set_index("year")["inflows_mxn_millions_constant"]
    last_year = int(annual["year"].max())
    periods = growth_periods(last_year)
    measures = (("USD, current vintage", current), (f"constant pesos of {base_year}", pesos))
    growth = pd.concat([growth_by_period(values, periods, measure) for measure, values in measures], ignore_index=True)
    comparison = pd.DataFrame(
        [
            compare_periods(values, (1995, 2005), (2005, last_year), measure, dropped)
            for measure, values in measures
            for dropped in ((), (RECORDING_CHANGE_YEAR,))
        ]
    )
    return growth, comparison


def compare_periods(
    values: pd.Series, first: tuple[int, int], second: tuple[int, int], measure: str, dropped: tuple = ()
) -> dict:
    """Did the mean annual log change differ between two periods? The difference with the project's
    Newey–West interval (:func:`~migration_evidence.analysis.growth_intervals.growth_difference_interval`),
    beside Welch's t test, which treats the changes as independent. ``dropped``: years of the first
    period whose change is left out (the recording change)."""
    changes = np.log(values.sort_index()).diff().dropna()
    a = changes[(changes.index > first[0]) & (changes.index <= first[1]) & ~changes.index.isin(dropped)]
    b = changes[(changes.index > second[0]) & (changes.index <= second[1])]
    test = stats.ttest_ind(a, b, equal_var=False)
    ci = test.confidence_interval(0.95)
    hac = growth_difference_interval(a.to_numpy(), b.to_numpy())
    return {
        "measure": measure,
        "first_period": f"{first[0]}-{first[1]}",
        "first_period_changes_left_out": " ".join(str(y) for y in dropped),
        "second_period": f"{second[0]}-{second[1]}",
        "first_mean_log_change": float(a.mean()),
        "second_mean_log_change": float(b.mean()),
        "difference": float(a.mean() - b.mean()),
        "hac_lags": hac["hac_lags"],
        "difference_ci95_low": hac["ci_low"],
        "difference_ci95_high": hac["ci_high"],
        "p_value": hac["p_value"],
        "welch_ci95_low": float(ci.low),
        "welch_ci95_high": float(ci.high),
        "welch_t": float(test.statistic),
        "welch_df": float(test.df),
        "welch_p_value": float(test.pvalue),
    }


def unit_root_tests(series: dict[str, tuple[pd.Series, int]]) -> pd.DataFrame:
    """ADF (null: unit root) and KPSS (null: trend stationary), both with a constant and a trend.

    ``series`` maps a name to (values, largest ADF lag); the ADF lag is chosen up to it by AIC (a short
    annual series cannot afford the default search up to 12 (n/100)^(1/4) lags).

    KPSS p-values are interpolated in a table that stops at 0.01 and 0.10; a value at a bound is
    reported as such (``kpss_p_value_bounded``), not as an exact p-value.
    """
    rows = []
    for name, (values, max_lag) in series.items():
        values = values.dropna().to_numpy()
        adf = adfuller(values, maxlag=max_lag, regression="ct", autolag="AIC", result_object=False)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InterpolationWarning)
            k_stat, k_p, k_lags, _ = kpss(values, regression="ct", nlags="auto")
        bounded = any(issubclass(w.category, InterpolationWarning) for w in caught)
        rows.append(
            {
                "series": name,
                "n": len(values),
                "adf_statistic": float(adf[0]),
                "adf_p_value": float(adf[1]),
                "adf_lags": int(adf[2]),
                "adf_max_lag": max_lag,
                "kpss_statistic": float(k_stat),
                "kpss_p_value": float(k_p),
                "kpss_p_value_bounded": bounded,
                "kpss_lags": int(k_lags),
            }
        )
    return pd.DataFrame(rows)


# --- 4. seasonality and structural breaks -------------------------------------------------------


def seasonal_decomposition(monthly: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """STL (period 12, robust) of log monthly inflows in complete years; seasonally adjusted = log − seasonal."""
    part = monthly[monthly["year"] <= last_year].reset_index(drop=True)
    index = pd.PeriodIndex(part["month"], freq="M").to_timestamp()
    log_values = pd.Series(np.log(part["inflows_usd"].to_numpy() / 1e6), index=index)
    fit = STL(log_values, period=12, robust=True).fit()
    return pd.DataFrame(
        {
            "month": part["month"],
            "year": part["year"],
            "month_of_year": part["month_of_year"],
            "log_inflows": log_values.to_numpy(),
            "seasonal": fit.seasonal.to_numpy(),
            "trend": fit.trend.to_numpy(),
            "remainder": fit.resid.to_numpy(),
            "seasonally_adjusted": (log_values - fit.seasonal).to_numpy(),
        }
    )


def seasonal_factors(decomposition: pd.DataFrame, windows: list[tuple[int, int]]) -> pd.DataFrame:
    """The mean seasonal factor of each calendar month (percent above or below the trend), per window."""
    rows = []
    for first, last in windows:
        part = decomposition[(decomposition["year"] >= first) & (decomposition["year"] <= last)]
        factors = part.groupby("month_of_year")["seasonal"].mean()
        for month, value in factors.items():
            rows.append(
                {
                    "years": f"{first}-{last}",
                    "month_of_year": int(month),
                    "month_name": MONTHS[int(month) - 1],
                    "seasonal_log": float(value),
                    "seasonal_pct": 100 * np.expm1(float(value)),
                }
            )
    return pd.DataFrame(rows)


def segment_table(decomposition: pd.DataFrame, ends: list[int]) -> pd.DataFrame:
    """Each segment of the chosen fit: first and last month, trend growth per year."""
    y = decomposition["seasonally_adjusted"].to_numpy()
    _, segments = segments_fit(y, ends)
    months = decomposition["month"].to_numpy()
    return pd.DataFrame(
        {
            "segment": range(1, len(segments) + 1),
            "first_month": [months[s["start"]] for s in segments],
            "last_month": [months[s["end"] - 1] for s in segments],
            "months": [s["end"] - s["start"] for s in segments],
            "trend_growth_pct_per_year": [100 * np.expm1(12 * s["slope"]) for s in segments],
        }
    )


# Banco de México's 2002-03 recording change opens a segment in January 2003: the break named in the
# monthly break tables.
NAMED_BREAKS = {"2003_01": "2003-01"}


def monthly_break_results(
    monthly: pd.DataFrame,
    last_year: int,
    *,
    break_trimmings: list[float],
    break_headline_trimming: float,
    break_max_breaks: int,
    break_bootstrap_replications: int,
    break_bootstrap_block_months: int,
    break_bootstrap_seed: int,
    break_near_months: int,
    break_persistence_months: int,
    named: dict[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every estimate of notebook 6's monthly break search, one table each (the rule
    ``remittance_monthly_breaks`` writes them; the notebook and the figure read them).

    ``decomposition``: STL of log monthly inflows in complete years up to ``last_year``. ``break_sets``:
    the break set for every number of breaks at every trimming, with BIC, LWZ and their choices
    (:func:`migration_evidence.analysis.trend_breaks.break_sets_by_trimming`). The headline fit is LWZ's
    choice at ``break_headline_trimming``: ``break_persistence`` (its breaks in the other chosen fits,
    within ``break_persistence_months``), ``break_segments`` (its segments), ``break_counts`` (the number
    of breaks LWZ and BIC re-select in each block-bootstrap draw) and ``break_dates`` (each break's
    interval with the number re-selected, beside the one conditional on it; ``named`` labels breaks by
    their first month).
    """
    from . import trend_breaks as tb

    decomposition = seasonal_decomposition(monthly, last_year)
    y = decomposition["seasonally_adjusted"].to_numpy()
    months = decomposition["month"].to_numpy()
    position = {m: i for i, m in enumerate(months)}
    sets = tb.break_sets_by_trimming(y, months, [float(t) for t in break_trimmings], break_max_breaks)
    head = round(100 * float(break_headline_trimming), 6)
    headline = sets[(sets["trimming_pct"] == head) & sets["chosen_by_lwz"]].iloc[0]
    ends = [position[m] for m in headline["break_months"].split()] + [len(y)]
    min_size = tb.min_segment_length(len(y), float(break_headline_trimming))
    boot = tb.bootstrap_break_counts_and_dates(
        y,
        ends,
        min_size,
        break_max_breaks,
        break_bootstrap_replications,
        break_bootstrap_block_months,
        break_bootstrap_seed,
    )
    return {
        "decomposition": decomposition,
        "break_sets": sets,
        "break_persistence": tb.nearest_breaks(sets, months, ends[:-1], break_persistence_months),
        "break_segments": segment_table(decomposition, ends),
        "break_counts": tb.break_count_distribution(boot, tb.most_breaks(len(y), min_size, break_max_breaks)),
        "break_dates": tb.break_date_intervals(months, ends, boot, break_near_months, named or {}),
    }


# --- 5. states and migration regions ------------------------------------------------------------


def state_shares(states: pd.DataFrame, region_of: dict[int, str]) -> pd.DataFrame:
    """Each state's share of the year's remittances (complete years only), with its region."""
    quarters = states.groupby("year")["quarter"].nunique()
    complete = states[states["year"].isin(quarters[quarters == 4].index)]
    annual = complete.groupby(["year", "state_code", "state"], as_index=False)["value_usd"].sum()
    annual["share_pct"] = 100 * annual["value_usd"] / annual.groupby("year")["value_usd"].transform("sum")
    annual["region"] = annual["state_code"].map(region_of)
    if annual["region"].isna().any():
        raise ValueError(f"states without a region: {sorted(annual.loc[annual['region'].isna(), 'state'].unique())}")
    annual["value_usd_millions"] = annual["value_usd"] / 1e6
    return annual.drop(columns="value_usd")[
        ["year", "state_code", "state", "region", "value_usd_millions", "share_pct"]
    ].reset_index(drop=True)


def region_shares(shares: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    frame = shares.groupby(["year", "region"], as_index=False).agg(
        value_usd_millions=("value_usd_millions", "sum"), share_pct=("share_pct", "sum"), states=("state", "size")
    )
    frame["region"] = pd.Categorical(frame["region"], categories=order, ordered=True)
    return frame.sort_values(["year", "region"], kind="stable").assign(region=lambda f: f["region"].astype(str))


def share_trend(region_frame: pd.DataFrame, lags: int) -> pd.DataFrame:
    """Per region: share in the first and last year, the change, and a linear trend of the share in
    percentage points per year with Newey–West errors (the shares are whole-population figures, not a
    sample: the interval describes how steady the drift was, not sampling error)."""
    import statsmodels.api as sm

    rows = []
    for region, part in region_frame.groupby("region", sort=False):
        part = part.sort_values("year")
        X = sm.add_constant(part["year"].to_numpy(dtype=float) - part["year"].min())
        fit = sm.OLS(part["share_pct"].to_numpy(), X).fit(
            cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}
        )
        low, high = fit.conf_int(0.05)[1]
        rows.append(
            {
                "region": region,
                "first_year": int(part["year"].iloc[0]),
                "last_year": int(part["year"].iloc[-1]),
                "share_first_year_pct": float(part["share_pct"].iloc[0]),
                "share_last_year_pct": float(part["share_pct"].iloc[-1]),
                "change_pp": float(part["share_pct"].iloc[-1] - part["share_pct"].iloc[0]),
                "trend_pp_per_year": float(fit.params[1]),
                "trend_ci95_low": float(low),
                "trend_ci95_high": float(high),
                "min_share_pct": float(part["share_pct"].min()),
                "max_share_pct": float(part["share_pct"].max()),
            }
        )
    return pd.DataFrame(rows)


def regions_with_sensitivity(states: pd.DataFrame, regions: dict) -> pd.DataFrame:
    """Region shares by year (``config/migration_regions.yaml``), and the traditional region without
    the states of its sensitivity list (Durango), as notebook 6 shows them."""
    region_of = {code: name for name, entry in regions["regions"].items() for code in entry["states"]}
    shares = state_shares(states, region_of)
    frame = region_shares(shares, list(regions["regions"]))
    without = shares[
        (shares["region"] == regions["traditional_region"]) & ~shares["state_code"].isin(regions["sensitivity_without"])
    ]
    without = without.groupby("year", as_index=False).agg(
        value_usd_millions=("value_usd_millions", "sum"), share_pct=("share_pct", "sum"), states=("state", "size")
    )
    without["region"] = f"{regions['traditional_region']}_without_durango"
    return pd.concat([frame, without[frame.columns]], ignore_index=True)


# Start years of the region-share drifts: the first year of the state file, and the paper's last year
# (2003 and 2004 straddle the recording change).
SHARE_START_YEARS = (2003, 2005)


def share_drift(region_frame: pd.DataFrame, start_years: tuple[int, ...] = SHARE_START_YEARS) -> pd.DataFrame:
    """Each region's share read as a random walk (the view the notebook adopts for the levels): the mean
    yearly change in points with the project's Newey–West interval, from each start year; beside it the
    humps (highest and lowest share and their years) and the largest one-year shift and its year."""
    rows = []
    for region, part in region_frame.groupby("region", sort=False):
        part = part.sort_values("year").set_index("year")["share_pct"]
        for start in start_years:
            window = part[part.index >= start]
            changes = window.diff().dropna()
            drift = mean_change_interval(changes.to_numpy())
            biggest = changes.abs().idxmax()
            rows.append(
                {
                    "region": region,
                    "first_year": int(window.index[0]),
                    "last_year": int(window.index[-1]),
                    "share_first_year_pct": float(window.iloc[0]),
                    "share_last_year_pct": float(window.iloc[-1]),
                    "annual_changes": drift["n_changes"],
                    "mean_change_pp_per_year": drift["mean_change"],
                    "hac_lags": drift["hac_lags"],
                    "ci95_low_pp": drift["ci_low"],
                    "ci95_high_pp": drift["ci_high"],
                    "lag1_autocorrelation": drift["lag1_autocorrelation"],
                    "max_share_pct": float(window.max()),
                    "max_share_year": int(window.idxmax()),
                    "min_share_pct": float(window.min()),
                    "min_share_year": int(window.idxmin()),
                    "largest_one_year_change_pp": float(changes.loc[biggest]),
                    "largest_one_year_change_year": int(biggest),
                }
            )
    return pd.DataFrame(rows)


# --- 6. the GDP per head gap --------------------------------------------------------------------


def gdp_gap(gdp_per_head: pd.DataFrame, printed: pd.DataFrame, first_year: int) -> pd.DataFrame:
    """US and Mexican GDP per head (World Bank, current dollars) and their ratio, beside Table 2's
    printed values for 1994 and 2004 (a separate column: the two are not the same measure)."""
    wide = gdp_per_head[gdp_per_head["year"] >= first_year].pivot(
        index="year", columns="country_code", values="gdp_per_head_current_usd"
    )
    table = printed[printed["indicator_id"] == "gdp_per_capita"].pivot(
        index="table_year", columns="country", values="value"
    )
    out = pd.DataFrame(
        {
            "year": wide.index.astype("int64"),
            "mexico_usd_world_bank": wide["MEX"].to_numpy(),
            "united_states_usd_world_bank": wide["USA"].to_numpy(),
        }
    )
    out["us_to_mexico_ratio_world_bank"] = out["united_states_usd_world_bank"] / out["mexico_usd_world_bank"]
    out["mexico_table2_printed"] = out["year"].map(table["Mexico"])
    out["united_states_table2_printed"] = out["year"].map(table["United States"])
    out["us_to_mexico_ratio_table2"] = out["united_states_table2_printed"] / out["mexico_table2_printed"]
    return out


GAP_PERIODS = (("1990s", 1990, 1999), ("2000s", 2000, 2009), ("2010s", 2010, 2019), ("2020-2023", 2020, 2023))
GAP_YEARS = (1990, 1994, 2004, 2023)
PPP_COLUMNS = ("country_code", "year", "gdp_per_head_ppp_constant_2021_intl_usd", "source_id")


def read_ppp_gdp_per_head(path: str) -> pd.DataFrame:
    """The transcribed World Bank PPP series (constant 2021 international dollars), typed; a bad cell
    stops with file, line, column and text."""
    from ..errors import InputError

    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if tuple(raw.columns) != PPP_COLUMNS:
        raise InputError(path, f"columns must be {list(PPP_COLUMNS)}", line=1, text=",".join(raw.columns))
    for i, row in raw.iterrows():
        for column, check in (("country_code", lambda v: v in ("MEX", "USA")), ("year", str.isdigit)):
            if not check(row[column]):
                raise InputError(path, "unexpected value", line=int(i) + 2, column=column, text=row[column])
        try:
            float(row[PPP_COLUMNS[2]])
        except ValueError:
            raise InputError(
                path, "not a number", line=int(i) + 2, column=PPP_COLUMNS[2], text=row[PPP_COLUMNS[2]]
            ) from None
    return raw.astype({"year": "int64", PPP_COLUMNS[2]: float})


def gdp_gap_by_period(gdp_per_head: pd.DataFrame, ppp: pd.DataFrame) -> pd.DataFrame:
    """The US–Mexico gap in GDP per head by decade and in single years, in current dollars (swings with
    the exchange rate) and in PPP constant 2021 international dollars: each country's average over the
    period, the ratio of the averages and their difference (notebook 3's rule: a gap is shown both as a
    ratio and as a difference)."""
    current = gdp_per_head.pivot(index="year", columns="country_code", values="gdp_per_head_current_usd")
    constant = ppp.pivot(index="year", columns="country_code", values=PPP_COLUMNS[2])
    measures = (
        ("current US dollars (World Bank, market exchange rates)", current),
        ("PPP, constant 2021 international dollars (World Bank)", constant),
    )
    periods = [*GAP_PERIODS, *((str(y), y, y) for y in GAP_YEARS)]
    rows = []
    for measure, wide in measures:
        for label, start, end in periods:
            part = wide.loc[(wide.index >= start) & (wide.index <= end), ["MEX", "USA"]].dropna()
            if part.empty:
                continue
            mex, usa = float(part["MEX"].mean()), float(part["USA"].mean())
            rows.append(
                {
                    "measure": measure,
                    "period": label,
                    "first_year": int(part.index.min()),
                    "last_year": int(part.index.max()),
                    "years": len(part),
                    "mexico_mean": mex,
                    "united_states_mean": usa,
                    "us_to_mexico_ratio": usa / mex,
                    "us_minus_mexico": usa - mex,
                }
            )
    return pd.DataFrame(rows)
