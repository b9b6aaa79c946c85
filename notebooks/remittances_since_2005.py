# %% [markdown]
# # 6. Twenty years on: remittances and the Mexico–US gap, 1980–2025
#
# **The claims.** Delgado Wise and Márquez Covarrubias (2006) describe "an exponential growth" of
# remittances (line 208 of the text), a migration whose growth "was accentuated with the implementation
# of NAFTA" (lines 193–195), and a widening gap between Mexico and the United States (their Table 2:
# GDP per head, wages, schooling, 1994 and 2004). Notebooks 1 and 3 test these claims on the data the
# paper could see. This notebook asks whether they still hold twenty years later.
#
# **The data.** Public files committed bytes unchanged in `data/raw/statistical_files/`, each with its
# origin and md5 in `data/raw/datapackage.json`: Banco de México's family remittances by month
# (1995–May 2026) and by receiving state and quarter (2003–2026 Q1), the FIX exchange rate, INEGI's
# consumer price index (INPC), and the World Bank's GDP in current dollars and population.
#
# **Vintages.** Banco de México revises its figures. The paper used the figures published before
# mid-2006 (the *early* vintage, 1980–2005); the monthly file is today's *current* vintage, which
# raised 2003 onward. They are drawn side by side and never joined into one series: every growth rate
# below is computed within one vintage. The current file's 1995–2005 annual sums equal the revised
# figures transcribed earlier (within their rounding: the source audit's findings, shown in §1), and
# Banco de México revised 2024 upward in mid-2026, so a later download may hold other 2024 figures.
# 2026 is incomplete: it appears only as "January–May 2026", never as a year.
#
# **What kind of evidence this is.** One country's series, observed completely (not a sample). The
# uncertainty we report describes how steady a summary (an average growth rate, a break date) is given
# the year-to-year or month-to-month swings, not sampling error. Years and months are not independent
# draws, and we say where that matters. Nothing here identifies causes: a break in a recorded series
# can come from the flows or from how they are recorded.

# %%
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from IPython.display import Markdown

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis import trend_breaks as tb
from migration_evidence.config import load_yaml
from migration_evidence.figures.printed import PALETTE
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("remittances_since_2005")
# The settings of the monthly break search (rule remittance_monthly_breaks), for the text.
with open(nb.input("statistics"), encoding="utf-8") as handle:
    break_settings = load_yaml(handle)["remittance_monthly_breaks"]
with open(nb.input("statistical_tables"), encoding="utf-8") as handle:
    tables_config = load_yaml(handle)
with open(nb.input("migration_regions"), encoding="utf-8") as handle:
    regions = load_yaml(handle)
with open(nb.input("external_series"), encoding="utf-8") as handle:
    NAFTA = int(load_yaml(handle)["nafta_start_year"])
BASE_YEAR = int(tables_config["constant_price_year"])

transcribed = nb.read_table("remittances_1980_2005")
monthly = nb.read_table("remittances_monthly")
annual = nb.read_table("remittances_annual")
states = nb.read_table("remittances_by_state")
prices = nb.read_table("prices_monthly")
gdp = nb.read_table("gdp_per_head")
workers = nb.read_table("workers")
asymmetries = nb.read_table("asymmetries")
findings = pd.read_csv(nb.input("findings"), keep_default_na=False)
LAST_YEAR = int(annual["year"].max())
PAPER_WINDOW = (int(transcribed["year"].min()), int(transcribed["year"].max()))
read = {
    "remittances_1980_2005": transcribed,
    "remittances_monthly": monthly,
    "remittances_annual": annual,
    "remittances_by_state": states,
    "prices_monthly": prices,
    "gdp_per_head": gdp,
    "workers": workers,
    "asymmetries": asymmetries,
    "findings": findings,
}
pd.DataFrame({"file": [nb.input(name) for name in read], "rows": [len(frame) for frame in read.values()]})

# %% [markdown]
# ## 1. Remittances 1980–2025, one vintage at a time
#
# The annual table counts only calendar years with all twelve months. The vintage checks come from the
# source audit's findings file (`results/findings/remittances_mexico_us_gap_2025.csv`).

# %%
vintages = nb.read_table("by_vintage")  # rule remittances_since_2005_results
partial = r.partial_year(monthly)
nb.write_table("partial_year", partial)
vintage_checks = findings[findings["kind"] == "vintage"]
vintage_checks[["row", "printed_text", "recomputed", "verdict"]].rename(
    columns={"row": "year, vintage", "printed_text": "transcribed", "recomputed": "current file (USD millions)"}
).round(1)

# %%
current = vintages[vintages["vintage"] == "current"].set_index("year")["value_usd_millions"]
early = vintages[vintages["vintage"] == "early"].set_index("year")["value_usd_millions"]
revised_checks = vintage_checks[vintage_checks["check_id"].str.contains(":revised:")]
peak_year = int(current.idxmax())
Markdown(
    f"""
- The current file's annual sums reproduce the revised vintage for all {len(revised_checks)} years 1995–2005
  ({" and ".join(sorted(set(revised_checks["verdict"].str.replace("_", " "))))} of the transcribed figure): it is
  the same vintage, now monthly.
- 2005: the paper's **{early.loc[2005]:,.0f}** million (early vintage) against **{current.loc[2005]:,.1f}** million
  today. 2023: {current.loc[2023]:,.1f} million; the peak is {peak_year} ({current.loc[peak_year]:,.1f} million,
  the mid-2026 vintage); {LAST_YEAR}: {current.loc[LAST_YEAR]:,.1f} million.
- {partial["period"].iloc[1]}: {partial["inflows_usd_millions"].iloc[1]:,.1f} million,
  {partial["change_pct"].iloc[1]:+.1f}%
  against {partial["period"].iloc[0]} ({partial["inflows_usd_millions"].iloc[0]:,.1f} million). A partial year
  is shown only against the same months of the year before.
"""
)

# %%
fig, ax = plt.subplots(figsize=(8, 4.4))
ax.axvspan(PAPER_WINDOW[0] - 0.5, PAPER_WINDOW[1] + 0.5, color="#eeeeee", zorder=0)
ax.text(PAPER_WINDOW[0], 60000, "the paper's window\n(1980–2005)", fontsize=8, color="#444444", va="top")
ax.plot(early.index, early, "o-", color=PALETTE["blue"], markersize=3, label="Early vintage (what the paper saw)")
ax.plot(
    current.index,
    current,
    "s-",
    color=PALETTE["vermillion"],
    markersize=3,
    label="Current vintage (Banco de México, 2026)",
)
ax.axvline(NAFTA, color=PALETTE["grey"], linestyle=":", linewidth=1)
ax.text(NAFTA + 0.3, 700, "NAFTA", fontsize=7.5, color="#444444")
ax.set_yscale("log")
ax.set_yticks([500, 1000, 2000, 5000, 10000, 20000, 50000])
ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
ax.set_xlabel("Year")
ax.set_ylabel("USD millions (log scale)")
ax.legend(loc="lower right", fontsize=8)
ax.set_title("Remittances to Mexico, two vintages never joined", fontsize=10, loc="left")
plt.show()

# %% [markdown]
# ## 2. What a receiving household could buy: constant pesos, and per worker
#
# A household receives dollars and spends pesos. Each month's dollars are converted at that month's FIX
# rate (Banco de México, monthly average) and deflated by that month's INPC to **constant pesos** of the
# base year declared in `config/statistical_tables.yaml` (the average price level of that year). The
# monthly series starts in 1995, so constant pesos start there too. For 1994–2005 remittances are also
# divided by the number of employed Mexican-born workers in the United States (CONAPO's series from the
# Current Population Survey, already in the repository), separately for each vintage.

# %%
constant = nb.read_table("constant_pesos")  # rule remittances_since_2005_results
worker = r.per_worker(vintages, workers, constant)
nb.write_table("per_worker", worker)
pesos = constant.set_index("year")["inflows_mxn_millions_constant"]
fx = constant.set_index("year")["implied_mxn_per_usd"]
inpc = constant.set_index("year")["inpc_mean"]
worker_current = worker[worker["vintage"] == "current"].set_index("year")
worker_early = worker[worker["vintage"] == "early"].set_index("year")
constant[["year", "inflows_usd_millions", "implied_mxn_per_usd", "inflows_mxn_millions_constant"]].iloc[
    [0, 10, 13, 14, 15, 25, 26, 27, 28, 29, 30]
].round(1)

# %%
Markdown(
    f"""
- In pesos of {BASE_YEAR}, remittances were {pesos.loc[2005]:,.0f} million in 2005 and {pesos.loc[LAST_YEAR]:,.0f}
  million in {LAST_YEAR}: {pesos.loc[LAST_YEAR] / pesos.loc[2005]:.2f} times, against {
        current.loc[LAST_YEAR] / current.loc[2005]:.2f} times in dollars. Their purchasing power peaked in {
        int(pesos.idxmax())
    }
  ({pesos.max():,.0f} million) and were {100 * (1 - pesos.loc[LAST_YEAR] / pesos.max()):.0f}% lower in {LAST_YEAR};
  the dollars were {100 * (1 - current.loc[LAST_YEAR] / current.max()):.0f}% below their peak. Between
  {int(pesos.idxmax())} and {LAST_YEAR} the pesos paid per dollar went from {fx.loc[int(pesos.idxmax())]:.2f} to
  {fx.loc[LAST_YEAR]:.2f} (average over the year's remittances) and the INPC rose
  {100 * (inpc.loc[LAST_YEAR] / inpc.loc[int(pesos.idxmax())] - 1):.0f}%.
- Per employed Mexican-born worker in the US: {worker_early.loc[1994, "usd_per_worker"]:,.0f} dollars in 1994
  (early vintage), {worker_early.loc[2005, "usd_per_worker"]:,.0f} in 2005 on the early vintage and
  {worker_current.loc[2005, "usd_per_worker"]:,.0f} on the current one. Employment grew
  {100 * (worker_early.loc[2005, "employed_persons"] / worker_early.loc[1994, "employed_persons"] - 1):.0f}% over
  1994–2005; remittances per worker grew {
        worker_early.loc[2005, "usd_per_worker"] / worker_early.loc[1994, "usd_per_worker"]:.1f}-fold: {
        "more"
        if worker_early.loc[2005, "usd_per_worker"] / worker_early.loc[1994, "usd_per_worker"]
        > worker_early.loc[2005, "employed_persons"] / worker_early.loc[1994, "employed_persons"]
        else "less"
    } than the number of workers did.
"""
)

# %% [markdown]
# ## 3. Growth by period: did the "exponential growth" continue?
#
# "Exponential" growth means a roughly constant rate. We measure each period's rate as the mean of the
# annual log changes (equivalently, compound growth from the first to the last year). Its 95% interval
# (given where a period has at least three annual changes) comes from the project's one growth-rate
# function: a Newey–West interval, which allows each year's change to be correlated with the changes of
# the next one or two years (Bartlett weights, truncation by Newey and West's rule; t reference). The
# annual changes of 2005–2025 have a lag-1 autocorrelation of about 0.5, so the interval that treats them
# as independent, shown beside it, is too narrow. With 3 to 20 changes per period no interval is more than
# approximate. The 1995–2005 rate is shown with and without 2003, whose +54% in one year is Banco de
# México's recording change, not remittances. Periods: the paper's 1995–2005; 2005–2008; the 2009 fall
# (2008→2009); 2010–2019 (2009→2019); 2020–2024 (2019→2024); the last complete year; and 2005 to the last
# complete year. (The rule `remittance_growth_by_period` computes the table; this page shows it.)

# %%
growth = pd.read_csv(nb.input("growth_by_period"), dtype={"changes_left_out": str})
growth["changes_left_out"] = growth["changes_left_out"].fillna("")
comparison = pd.read_csv(nb.input("growth_comparison"), dtype={"first_period_changes_left_out": str})
comparison["first_period_changes_left_out"] = comparison["first_period_changes_left_out"].fillna("")


def pct(value) -> str:
    return "–" if pd.isna(value) else f"{value:.1f}%"


pd.DataFrame(
    {
        "measure": growth["measure"],
        "period": growth["period"],
        "annual changes": growth["annual_changes"],
        "growth a year": growth["compound_growth_pct"].map(pct),
        "95% interval (Newey–West)": [
            "–" if pd.isna(lo) else f"{lo:.1f}% to {hi:.1f}%"
            for lo, hi in zip(growth["ci95_low_pct"], growth["ci95_high_pct"], strict=True)
        ],
        "95% interval if changes were independent": [
            "–" if pd.isna(lo) else f"{lo:.1f}% to {hi:.1f}%"
            for lo, hi in zip(growth["ci95_low_pct_independent"], growth["ci95_high_pct_independent"], strict=True)
        ],
        "lag-1 autocorrelation of the changes": growth["lag1_autocorrelation"].map(
            lambda v: "–" if pd.isna(v) else f"{v:.2f}"
        ),
    }
)

# %%
decomposition = nb.read_table("decomposition")  # rule remittance_monthly_breaks
unit_root = r.unit_root_tests(
    {
        "log annual USD 1995-" + str(LAST_YEAR): (np.log(current), 2),
        "log annual USD 1980-2005 (early vintage)": (np.log(early), 2),
        "log monthly USD, seasonally adjusted, 1995-" + str(LAST_YEAR): (
            pd.Series(decomposition["seasonally_adjusted"]),
            12,
        ),
    }
)
nb.write_table("unit_root", unit_root)
unit_root.rename(
    columns={
        "series": "series",
        "n": "observations",
        "adf_statistic": "ADF statistic",
        "adf_p_value": "ADF p-value",
        "adf_lags": "ADF lags",
        "kpss_statistic": "KPSS statistic",
        "kpss_p_value": "KPSS p-value",
        "kpss_p_value_bounded": "KPSS p-value at a table bound",
    }
).drop(columns=["adf_max_lag", "kpss_lags"]).round(3)

# %%
g = growth[growth["measure"] == "USD, current vintage"].set_index("period")


def kpss_relation(row) -> str:
    """KPSS p-values are read from a table bounded at 0.01 and 0.10: at a bound, say so."""
    if not row.kpss_p_value_bounded:
        return "="
    return "≤" if row.kpss_p_value <= 0.01 else "≥"


gp = growth[growth["measure"] != "USD, current vintage"].set_index("period")
before, after = g.iloc[0], g.iloc[-1]
no_2003 = g[g["changes_left_out"] != ""].iloc[0]
cmp = comparison.set_index(["measure", "first_period_changes_left_out"])
cmp_usd = cmp.loc[("USD, current vintage", "")]
cmp_usd_without = cmp.loc[("USD, current vintage", str(r.RECORDING_CHANGE_YEAR))]
cmp_mxn = cmp.loc[(f"constant pesos of {BASE_YEAR}", "")]
# The 2002→2003 log change, from the decade's mean with and without it; its share of the decade's growth.
change_2003 = (
    before["annual_changes"] * before["mean_log_change"] - no_2003["annual_changes"] * no_2003["mean_log_change"]
)
share_2003 = change_2003 / (before["annual_changes"] * before["mean_log_change"])
Markdown(
    f"""
- **1995–2005:** {before["compound_growth_pct"]:.1f}% a year (95% Newey–West interval
  {before["ci95_low_pct"]:.1f}% to {before["ci95_high_pct"]:.1f}%), of which 2003's recording change is a large
  part: **without it, {no_2003["compound_growth_pct"]:.1f}% a year** ({no_2003["ci95_low_pct"]:.1f}% to
  {no_2003["ci95_high_pct"]:.1f}%). **2005–{LAST_YEAR}:** {after["compound_growth_pct"]:.1f}% a year
  ({after["ci95_low_pct"]:.1f}% to {after["ci95_high_pct"]:.1f}%; {after["ci95_low_pct_independent"]:.1f}% to
  {after["ci95_high_pct_independent"]:.1f}% if the changes were independent); in constant pesos
  {gp.iloc[-1]["compound_growth_pct"]:.1f}% ({gp.iloc[-1]["ci95_low_pct"]:.1f}% to
  {gp.iloc[-1]["ci95_high_pct"]:.1f}%).
- **Slower after 2005, with or without 2003.** The mean annual log change fell by {cmp_usd["difference"]:.3f}
  (95% Newey–West interval {cmp_usd["difference_ci95_low"]:.3f} to {cmp_usd["difference_ci95_high"]:.3f},
  p = {cmp_usd["p_value"]:.3f}); leaving out 2003, by {cmp_usd_without["difference"]:.3f}
  ({cmp_usd_without["difference_ci95_low"]:.3f} to {cmp_usd_without["difference_ci95_high"]:.3f},
  p = {cmp_usd_without["p_value"]:.3f}).
- Within the twenty years growth came in bursts: {g.loc["2005-2008", "compound_growth_pct"]:.1f}% a year in
  2005–2008, {g.loc["2009 fall", "compound_growth_pct"]:.1f}% in 2009, {
        g.loc["2010-2019", "compound_growth_pct"]:.1f}% a year in 2010–2019, {
        g.loc["2020-2024", "compound_growth_pct"]:.1f}% a year in
  2020–2024 and {g.iloc[-2]["compound_growth_pct"]:.1f}% in {LAST_YEAR}.
- Unit roots (constant and trend; ADF lags chosen by AIC up to 2 a year or 12 a month): """
    + "; ".join(
        f"{row.series}: ADF p = {row.adf_p_value:.3f}, KPSS p {kpss_relation(row)} {row.kpss_p_value:.2f}"
        for row in unit_root.itertuples()
    )
    + f""". ADF's null is a random walk with drift, KPSS's a stationary trend. With 26 to 31 years neither test has
  much power, the two disagree in places, and breaks in the trend push ADF towards not rejecting (Perron, 1989).
  We therefore fit no single trend line to 1995–{LAST_YEAR}: growth is measured within periods, from log changes.
"""
)

# %% [markdown]
# ## 4. Monthly data: seasonality and breaks in the trend
#
# **Seasonality.** STL (seasonal-trend decomposition by loess, statsmodels; period 12, robust to
# outliers) splits log monthly inflows into trend, seasonal and remainder. The seasonal factor of a month
# is how far above or below its trend that month typically runs.
#
# **Breaks.** On the seasonally adjusted log series we fit a straight line in each of *k* segments (each
# segment with its own level and growth rate), placing the breaks where they minimise the residual sum
# of squares. The search is exact (dynamic programming, `ruptures.Dynp`, with a closed-form cost for a
# straight line per segment) and tries every month. Two choices drive the answer, so both are varied and
# shown: the **trimming**, the least share of the sample a segment must hold (5%, 10% or 15% of 372
# months: 19, 38 or 56 months), and the **criterion** that chooses *k*: BIC, or LWZ (Liu, Wu and Zidek's
# modified BIC, with a heavier penalty per parameter, which Bai and Perron (2003) prefer because BIC
# chooses too many breaks when the errors are serially correlated, as monthly errors are). *k* runs from 0
# to 8, or to as many as the trimming allows (5 at 15%). The headline fit is LWZ's at 15%, Bai and
# Perron's usual trimming. A break that persists across *k*, trimmings and criteria can be read; one that
# appears in a single fit cannot. When a fit's shortest segment is exactly the minimum length, the
# trimming **binds**: without it the search would have put a break closer.
#
# **Break-date uncertainty.** A moving-block bootstrap: the headline fit's segmented trend plus its
# residuals resampled in blocks of 24 months (keeping their serial correlation), 999 draws, seed and
# counts in `config/statistics.yaml`. In every draw each *k* from 0 to 5 is re-estimated on the monthly
# grid and **LWZ re-selects *k***. For each estimated break, its 95% interval is the 2.5th to 97.5th
# percentile of the nearest break within 24 months in the draws that have one, and the share of draws
# that have one is given beside it: this interval does not hold *k* fixed. The interval **conditional on
# *k*** (every draw forced to the headline number of breaks) is shown too, and labelled so. The draws
# are built from the headline fit: they say how much the dates would move if that fit were the truth,
# not how sure we are of *k* itself (the trimming table answers that). Monte Carlo error: a share *p*
# from 999 draws has standard error √(p(1 − p)/999), at most 0.016. Dates are printed to the month, the
# grid every search uses.
#
# **What the breaks are judged against.** NAFTA came into force in January 1994, a year *before* the
# monthly series starts: these data cannot test the paper's "accentuated with NAFTA" (notebook 1 does so
# on annual data, and finds the change in growth nearer 2000 than 1994). Banco de México changed how it
# recorded transfers in 2002–03 (wider reporting by the firms that pay out transfers, which is why the
# revised vintage raises 2003 onward above the first-published figures, §1): a break there may be
# a break in measurement, not in the flows.

# %%
factors = r.seasonal_factors(decomposition, [(1995, LAST_YEAR), (1995, 2004), (LAST_YEAR - 9, LAST_YEAR)])
nb.write_table("seasonal_factors", factors)
factors.pivot(index="month_name", columns="years", values="seasonal_pct").loc[list(r.MONTHS)].round(1)

# %%
TRIMMINGS = [float(t) for t in break_settings["break_trimmings"]]
HEADLINE_TRIM = float(break_settings["break_headline_trimming"])
MAX_BREAKS = int(break_settings["break_max_breaks"])
WINDOW = int(break_settings["break_near_months"])
PERSIST = int(break_settings["break_persistence_months"])
y = decomposition["seasonally_adjusted"].to_numpy()
months = decomposition["month"].to_numpy()
position = {m: i for i, m in enumerate(months)}
# The break search, its persistence, segments and bootstrap: rule remittance_monthly_breaks
# (migration_evidence.analysis.remittances_since_2005.monthly_break_results).
sets = nb.read_table("break_sets")
chosen = {
    (trim, crit): sets[(sets["trimming_pct"] == trim) & sets[f"chosen_by_{crit}"]].iloc[0]
    for trim in sets["trimming_pct"].unique()
    for crit in ("lwz", "bic")
}
HEAD = round(100 * HEADLINE_TRIM, 6)
MIN_SIZE = tb.min_segment_length(len(y), HEADLINE_TRIM)
K = int(chosen[(HEAD, "lwz")]["breaks"])
k_bic = int(chosen[(HEAD, "bic")]["breaks"])
ends = [position[m] for m in chosen[(HEAD, "lwz")]["break_months"].split()] + [len(y)]
sets.assign(
    chosen_by=[
        " and ".join(name for name, flag in (("BIC", b), ("LWZ", w)) if flag)
        for b, w in zip(sets["chosen_by_bic"], sets["chosen_by_lwz"], strict=True)
    ]
)[
    [
        "trimming_pct",
        "min_segment_months",
        "breaks",
        "break_months",
        "bic",
        "lwz",
        "chosen_by",
        "shortest_segment_months",
        "segment_at_minimum",
    ]
].rename(
    columns={
        "trimming_pct": "trimming (% of the months)",
        "min_segment_months": "least months in a segment",
        "breaks": "breaks",
        "break_months": "first months of new segments",
        "bic": "BIC",
        "lwz": "LWZ (lower is better)",
        "chosen_by": "chosen by",
        "shortest_segment_months": "shortest segment (months)",
        "segment_at_minimum": "trimming binds",
    }
).round(1)

# %%
persistence = nb.read_table("break_persistence")
persistence.assign(
    sets=[
        f"{int(w)} of {int(s)}"
        for w, s in zip(
            persistence[f"break_sets_with_a_break_within_{PERSIST}_months"], persistence["break_sets"], strict=True
        )
    ]
)[["first_month_of_new_segment", "trimming_pct", "nearest_in_lwz_choice", "nearest_in_bic_choice", "sets"]].rename(
    columns={
        "first_month_of_new_segment": f"break of the headline fit (LWZ, {HEAD:.0f}%)",
        "trimming_pct": "trimming (%)",
        "nearest_in_lwz_choice": f"nearest break in LWZ's choice (within {PERSIST} months)",
        "nearest_in_bic_choice": f"nearest break in BIC's choice (within {PERSIST} months)",
        "sets": f"break sets (k ≥ 1) with a break within {PERSIST} months",
    }
)

# %%
segments = nb.read_table("break_segments")
segments.rename(
    columns={
        "first_month": "first month",
        "last_month": "last month",
        "trend_growth_pct_per_year": "trend growth (% a year)",
    }
).round(1)

# %%
counts = nb.read_table("break_counts")
dates = nb.read_table("break_dates")
counts[["breaks", "share_lwz", "share_bic"]].assign(
    share_lwz=counts["share_lwz"].map("{:.1%}".format), share_bic=counts["share_bic"].map("{:.1%}".format)
).rename(
    columns={
        "breaks": "breaks",
        "share_lwz": "share of draws in which LWZ chooses it",
        "share_bic": "share of draws in which BIC chooses it",
    }
)

# %%
pd.DataFrame(
    {
        "break": dates["break"],
        "first month of the new segment": dates["first_month_of_new_segment"],
        "95% interval, k re-selected by LWZ in each draw": [
            f"{lo} to {hi}" if lo else "–"
            for lo, hi in zip(dates["ci95_low_month"], dates["ci95_high_month"], strict=True)
        ],
        f"share of draws with a break within {WINDOW} months": dates[f"share_with_a_break_within_{WINDOW}_months"].map(
            "{:.1%}".format
        ),
        f"95% interval, conditional on k = {K}": [
            f"{lo} to {hi}"
            for lo, hi in zip(dates["conditional_ci95_low_month"], dates["conditional_ci95_high_month"], strict=True)
        ],
        "share of draws within a year of January 2003": dates["share_within_12_months_of_2003_01"].map("{:.1%}".format),
        "bootstrap draws": dates["replications"],
    }
)


# %%
def chosen_sets(month: str) -> list[str]:
    """The chosen fits (trimming and criterion) with a break within PERSIST months of ``month``."""
    found = []
    for (trim, crit), row in chosen.items():
        if any(abs(position[m] - position[month]) <= PERSIST for m in row["break_months"].split()):
            found.append(f"{crit.upper()} {trim:.0f}%")
    return found


def near(month: str, row, window: int) -> str:
    """The breaks of a chosen fit within ``window`` months of ``month``."""
    return (
        " and ".join(m for m in row["break_months"].split() if abs(position[m] - position[month]) <= window) or "none"
    )


def criteria_words(row) -> str:
    return " and ".join(name for name, flag in (("LWZ", row.chosen_by_lwz), ("BIC", row.chosen_by_bic)) if flag)


f = factors[factors["years"] == f"1995-{LAST_YEAR}"].set_index("month_name")["seasonal_pct"]
recording = dates.loc[dates["share_within_12_months_of_2003_01"].idxmax()]
binding = sets[sets["segment_at_minimum"] & (sets["chosen_by_lwz"] | sets["chosen_by_bic"])]
bic_at_most = [
    trim
    for trim in sets["trimming_pct"].unique()
    if int(chosen[(trim, "bic")]["breaks"]) == int(chosen[(trim, "bic")]["most_breaks_allowed"])
]
lwz_by_trim = ", ".join(
    f"{int(chosen[(t, 'lwz')]['breaks'])} at {t:.0f}%" for t in sorted(sets["trimming_pct"].unique())
)
share_k = float(counts.loc[counts["breaks"] == K, "share_lwz"].iloc[0])
share_bic_k = float(counts.loc[counts["breaks"] == K, "share_bic"].iloc[0])
ORDER = list(chosen)  # criteria and trimmings in the table's order


def missing_sets(month: str) -> str:
    found = set(chosen_sets(month))
    return ", ".join(f"{c.upper()} {t:.0f}%" for t, c in ORDER if f"{c.upper()} {t:.0f}%" not in found)


persistence_words = "; ".join(
    f"{m}: in {len(chosen_sets(m))} of {len(chosen)}" + (f" (not in {missing_sets(m)})" if missing_sets(m) else "")
    for m in dates["first_month_of_new_segment"]
)
unsettled = len({int(row["breaks"]) for row in chosen.values()}) > 1
firm = [m for m in dates["first_month_of_new_segment"] if len(chosen_sets(m)) >= len(chosen) - 1]
loose = [m for m in dates["first_month_of_new_segment"] if m not in firm]
Markdown(
    f"""
- **Seasonality:** May runs {f.loc["May"]:+.1f}% against the trend (Mother's Day is 10 May in Mexico) and
  January {f.loc["Jan"]:+.1f}%, February {f.loc["Feb"]:+.1f}% (1995–{LAST_YEAR} average; the table shows the first
  and last ten years separately).
- **How many breaks {"is not settled" if unsettled else "every chosen fit agrees on"}.** LWZ chooses {
        lwz_by_trim
    } trimming: the shorter the minimum segment, the
  more breaks. BIC chooses {k_bic} at {HEAD:.0f}% ({chosen[(HEAD, "bic")]["break_months"]}){
        ", and at every trimming BIC chooses the most breaks the trimming allows"
        if len(bic_at_most) == len(TRIMMINGS)
        else ""
    }: a criterion stopping only at the bound says the errors are serially correlated more than that there are
  many breaks. BIC and LWZ disagree at {
        ", ".join(
            f"{t:.0f}%"
            for t in sorted(sets["trimming_pct"].unique())
            if chosen[(t, "bic")]["breaks"] != chosen[(t, "lwz")]["breaks"]
        )
        or "no"
    } trimming.
- **The trimming binds** in {len(binding)} of the {len(chosen)} chosen fits: {
        "; ".join(
            f"{criteria_words(row)} at {row.trimming_pct:.0f}% (a segment of exactly {row.min_segment_months} months)"
            for row in binding.itertuples()
        )
        or "none"
    }. The headline fit (LWZ, {HEAD:.0f}%) has its shortest segment at {
        int(chosen[(HEAD, "lwz")]["shortest_segment_months"])
    } months, {int(chosen[(HEAD, "lwz")]["shortest_segment_months"]) - MIN_SIZE} above the minimum of {MIN_SIZE}.
  BIC's {HEAD:.0f}% fit has {near("2003-01", chosen[(HEAD, "bic")], PERSIST)} within {PERSIST} months of January
  2003{
        ": its shortest segment is pushed to the minimum length instead"
        if chosen[(HEAD, "bic")]["segment_at_minimum"]
        else ""
    }.
- **Which breaks persist** (a break within {PERSIST} months in the six chosen fits, BIC and LWZ at three
  trimmings): {persistence_words}. The headline fit's second break, {dates["first_month_of_new_segment"].iloc[1]},
  is where the {HEAD:.0f}% minimum bites: LWZ at {min(TRIMMINGS) * 100:.0f}% puts
  {near(dates["first_month_of_new_segment"].iloc[1], chosen[(round(100 * min(TRIMMINGS), 6), "lwz")], WINDOW)}
  within {WINDOW} months of it instead, so the fall in trend growth around the 2008–09 crisis is dated by the
  trimming as much as by the data.
- **The bootstrap**, with *k* re-selected by LWZ in each draw: LWZ chooses {K} breaks in {share_k:.1%} of the
  draws{
        f", so the intervals with *k* re-selected and conditional on *k* = {K} are nearly the same"
        if share_k >= 0.95
        else f"; the intervals with *k* re-selected are the ones to read, those conditional on *k* = {K} understate"
    }. The draws are built from the fit with {K} breaks: they say how its dates would move if it were the truth,
  not that {K} is right (the trimming table does not settle it).{
        f" BIC, which chooses {k_bic} on the data, chooses {K} in {share_bic_k:.1%} of the draws: the draws are tidier"
        " than the data (their only breaks are the headline fit's), one more reason to read every bootstrap interval"
        " as conditional on that fit."
        if k_bic != K and share_bic_k > 0.5
        else ""
    }
  The trend grew {segments["trend_growth_pct_per_year"].iloc[0]:.1f}% a year in the first segment
  ({segments["first_month"].iloc[0]} to {segments["last_month"].iloc[0]}) and
  {segments["trend_growth_pct_per_year"].iloc[-1]:.1f}% a year in the last ({segments["first_month"].iloc[-1]} to
  {segments["last_month"].iloc[-1]}).
- **The 2002–03 recording change:** break {int(recording["break"])} opens a segment in
  {recording["first_month_of_new_segment"]} (95% interval {recording["ci95_low_month"]} to
  {recording["ci95_high_month"]} with *k* re-selected; {recording["share_within_12_months_of_2003_01"]:.0%} of the
  draws within a year of January 2003). This break coincides with the change in recording: part or all of the
  jump may be measurement, and these data cannot tell how much.
- **NAFTA:** outside the monthly data (they start in 1995). Nothing in 1995–{LAST_YEAR} can be attributed to it.
"""
)

# %%
fitted, _ = tb.segments_fit(y, ends)
x = pd.PeriodIndex(months, freq="M").to_timestamp()
fig, ax = plt.subplots(figsize=(8.5, 4.2))
ax.plot(x, np.exp(decomposition["log_inflows"]), color="#bbbbbb", linewidth=0.8, label="Monthly inflows")
ax.plot(x, np.exp(y), color=PALETTE["blue"], linewidth=1, label="Seasonally adjusted")
ax.plot(x, np.exp(fitted), color=PALETTE["vermillion"], linewidth=1.6, label=f"Segmented trend, {K} breaks (LWZ)")
for row in dates.itertuples():
    low, high = (
        pd.Period(row.ci95_low_month, freq="M").to_timestamp(),
        (pd.Period(row.ci95_high_month, freq="M") + 1).to_timestamp(),
    )
    ax.axvspan(low, high, color=PALETTE["orange"], alpha=0.25, linewidth=0)
ax.set_yscale("log")
ax.set_yticks([200, 500, 1000, 2000, 5000])
ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
ax.set_ylabel("USD millions a month (log scale)")
ax.set_xlabel("Month")
ax.legend(loc="lower right", fontsize=8)
ax.set_title(
    "Breaks in the trend, with bootstrap 95% intervals (shaded; k re-selected in each draw)", fontsize=10, loc="left"
)
plt.show()

# %% [markdown]
# ## 5. States since 2003: did the historical region lose share?
#
# The migration regions follow Durand and Massey (2003): the **historical region** of the west-centre
# (Aguascalientes, Colima, Durango, Guanajuato, Jalisco, Michoacán, Nayarit, San Luis Potosí, Zacatecas),
# the **border** states with Sinaloa, the **central** region around Mexico City (with Guerrero, Oaxaca,
# Puebla and others) and the **south-southeast** (`config/migration_regions.yaml`, with the citation and
# Durand's 2025 restatement, which names eight of the nine states; the share without Durango is shown
# too). A state's share is its part of the year's remittances as Banco de México records them by the
# state where they are received. The 32 states add up to the national figure every year (source audit).

# %%
region_of = {code: name for name, entry in regions["regions"].items() for code in entry["states"]}
labels = {name: entry["label"] for name, entry in regions["regions"].items()}
shares = r.state_shares(states, region_of)
nb.write_table("state_shares", shares)
region_frame = nb.read_table("region_shares")  # rule remittances_since_2005_results
trends = r.share_trend(region_frame, lags=2)
nb.write_table("region_trends", trends)
trends.rename(
    columns={
        "share_first_year_pct": "share, first year (%)",
        "share_last_year_pct": "share, last year (%)",
        "change_pp": "change (points)",
        "trend_pp_per_year": "trend (points a year)",
        "trend_ci95_low": "trend, 95% interval from",
        "trend_ci95_high": "trend, 95% interval to",
        "min_share_pct": "lowest share (%)",
        "max_share_pct": "highest share (%)",
    }
).round(2)

# %%
first_year, last_share_year = int(shares["year"].min()), int(shares["year"].max())


def trend_words(row: pd.Series) -> str:
    """A share's drift in words, read as a random walk (mean yearly change, Newey–West interval): a
    rise or fall only if its interval excludes zero."""
    numbers = (
        f"{row['mean_change_pp_per_year']:+.2f} points a year on average, 95% interval {row['ci95_low_pp']:+.2f} to "
        f"{row['ci95_high_pp']:+.2f}"
    )
    if row["ci95_low_pp"] > 0:
        return f"rose ({numbers})"
    if row["ci95_high_pp"] < 0:
        return f"fell ({numbers})"
    return f"moved by no more than its year-to-year wandering ({numbers})"


top = shares[shares["year"] == last_share_year].nlargest(5, "share_pct")
top_first = shares[shares["year"] == first_year].set_index("state")["share_pct"]
tr = trends.set_index("region")
hist = tr.loc[regions["traditional_region"]]
drift = pd.read_csv(nb.input("region_share_drift"))
dr = drift.set_index(["region", "first_year"])
dr_first = dr.xs(first_year, level="first_year")
border_2013 = dr.loc[("border", first_year)]
Markdown(
    f"""
- The historical region received {hist["share_first_year_pct"]:.1f}% of remittances in {first_year} and
  {hist["share_last_year_pct"]:.1f}% in {last_share_year} ({hist["change_pp"]:+.1f} percentage points; its yearly
  share ranged from {hist["min_share_pct"]:.1f}% to {hist["max_share_pct"]:.1f}%). Without Durango:
  {tr.iloc[-1]["share_first_year_pct"]:.1f}% → {tr.iloc[-1]["share_last_year_pct"]:.1f}%.
- The central region: {tr.loc["central", "share_first_year_pct"]:.1f}% →
  {tr.loc["central", "share_last_year_pct"]:.1f}%;
  the south-southeast: {tr.loc["south_southeast", "share_first_year_pct"]:.1f}% →
  {tr.loc["south_southeast", "share_last_year_pct"]:.1f}%; the border: {tr.loc["border", "share_first_year_pct"]:.1f}% →
  {tr.loc["border", "share_last_year_pct"]:.1f}%.
- **No steady rise or fall.** A straight-line trend through 23 autocorrelated shares would overstate how sure
  we can be; read as a random walk (the view this notebook takes of the levels), each region's share from
  {first_year}: """
    + "; ".join(
        f"{labels.get(name, 'historical region without Durango')} {trend_words(row)}"
        for name, row in dr_first.iterrows()
    )
    + "; from 2005 instead of 2003 the averages are "
    + ", ".join(
        f"{labels.get(name, 'historical region without Durango')} {row['mean_change_pp_per_year']:+.2f}"
        for name, row in dr.xs(2005, level="first_year").iterrows()
    )
    + f""" points a year. (The trend lines in the table above, with their Newey–West intervals, are kept for
  comparison; they assume the shares return to a line.)
- **Humps, not lines.** The historical region peaked at {hist["max_share_pct"]:.1f}% in
  {int(dr.loc[(regions["traditional_region"], first_year), "max_share_year"])}, the central region at
  {tr.loc["central", "max_share_pct"]:.1f}% in {int(dr.loc[("central", first_year), "max_share_year"])} before its
  low of {tr.loc["central", "min_share_pct"]:.1f}% in {int(dr.loc[("central", first_year), "min_share_year"])}, the
  border at {tr.loc["border", "max_share_pct"]:.1f}% in {int(dr.loc[("border", first_year), "max_share_year"])}.
- **2013: a one-year shift to flag.** The border's share jumped {border_2013["largest_one_year_change_pp"]:+.1f}
  points in {int(border_2013["largest_one_year_change_year"])}, its largest one-year change; from 2005 on, the
  historical region's largest one-year change was
  {dr.loc[(regions["traditional_region"], 2005), "largest_one_year_change_pp"]:+.1f} points in
  {int(dr.loc[(regions["traditional_region"], 2005), "largest_one_year_change_year"])}. A jump of that size in one
  year looks like a change in how Banco de
  México allocates transfers to states (where they are paid out) rather than in where migrants' families live;
  comparisons across 2013 deserve caution.
- The five largest recipients in {last_share_year}: """
    + "; ".join(
        f"{row.state} {row.share_pct:.1f}% ({top_first.loc[row.state]:.1f}% in {first_year})"
        for row in top.itertuples()
    )
    + """.
- These are shares of the place where money is *received*, as recorded by the paying firms; a shift between
  states can reflect where migrants come from, where their families now live, or where transfers are
  cashed. The data cannot separate these.
"""
)

# %%
fig, ax = plt.subplots(figsize=(8, 4.2))
colours = [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["orange"]]
for (name, label), colour in zip(labels.items(), colours, strict=True):
    part = region_frame[region_frame["region"] == name]
    ax.plot(part["year"], part["share_pct"], "o-", markersize=3, color=colour, label=label)
ax.set_ylim(0, None)
ax.set_xlabel("Year")
ax.set_ylabel("Share of Mexico's remittances (%)")
ax.legend(loc="center right", fontsize=8)
ax.set_title("Remittances by migration region (Durand & Massey, 2003)", fontsize=10, loc="left")
plt.show()

# %% [markdown]
# ## 6. Table 2's gap carried forward: GDP per head, 1994–2023
#
# Table 2 prints "Per capita GDP in current dollars" for 1994 and 2004 (sources "OECD, INEGI"). The World
# Bank's GDP in current dollars divided by its population gives the same concept for every year to 2023.
# The printed values are not World Bank values (source audit findings), so they are shown in their own
# columns and never joined to the World Bank series.

# %%
gap = nb.read_table("gdp_gap")  # rule remittances_since_2005_results, from 1994 (Table 2's first year)
gap[gap["year"].isin([1994, 1995, 2000, 2004, 2008, 2010, 2015, 2020, 2023])].round(2)

# %%
gp_ = gap.set_index("year")
table2 = findings[findings["check_id"].str.startswith("statistical_files:table2_gdp_per_head:")]
mx94 = table2[table2["check_id"].str.endswith("MEX:1994")].iloc[0]
us94 = table2[table2["check_id"].str.endswith("USA:1994")].iloc[0]
last_gap = int(gp_.index.max())
Markdown(
    f"""
- The World Bank's US/Mexico ratio of GDP per head: {gp_.loc[1994, "us_to_mexico_ratio_world_bank"]:.2f} in 1994,
  {gp_.loc[1995, "us_to_mexico_ratio_world_bank"]:.2f} in 1995 (the peso crisis), {
        gp_.loc[2004, "us_to_mexico_ratio_world_bank"]:.2f} in 2004 and {
        gp_.loc[last_gap, "us_to_mexico_ratio_world_bank"]:.2f} in
  {last_gap} (lowest {gp_["us_to_mexico_ratio_world_bank"].min():.2f} in {
        int(gp_["us_to_mexico_ratio_world_bank"].idxmin())
    },
  highest {gp_["us_to_mexico_ratio_world_bank"].max():.2f} in {int(gp_["us_to_mexico_ratio_world_bank"].idxmax())}).
  Table 2's printed values give {gp_.loc[1994, "us_to_mexico_ratio_table2"]:.2f} and {
        gp_.loc[2004, "us_to_mexico_ratio_table2"]:.2f}.
- On the World Bank's figures the gap is {
        "wider"
        if gp_.loc[1994, "us_to_mexico_ratio_world_bank"] > gp_.loc[1994, "us_to_mexico_ratio_table2"]
        else "narrower"
    } than Table 2 shows; it {
        "widened"
        if gp_.loc[2004, "us_to_mexico_ratio_world_bank"] > gp_.loc[1994, "us_to_mexico_ratio_world_bank"]
        else "did not widen"
    } from 1994 to 2004 (the paper's claim for its decade) and was {
        "wider"
        if gp_.loc[last_gap, "us_to_mexico_ratio_world_bank"] > gp_.loc[2004, "us_to_mexico_ratio_world_bank"]
        else "narrower"
    } in {last_gap}
  than in 2004. A current-dollar ratio moves with the exchange rate
  (it jumps in 1995 and narrows when the peso is strong), so single years should not be over-read.
- What Table 2 printed: Mexico {mx94["printed_text"]} in 1994 against the World Bank's {mx94["recomputed"]:,.0f};
  the United States {us94["printed_text"]} against {us94["recomputed"]:,.0f}. The US dollar is the numeraire of
  purchasing-power parities, so no PPP reading gives a US value so far below current-dollar GDP per head;
  nothing in this repository reproduces the printed values, and the finding is registered in the source audit.
"""
)

# %% [markdown]
# Single years in current dollars swing with the exchange rate: 1994 was the last year of an overvalued peso,
# and the ratio was far higher in 1990. Decade averages, and GDP per head at purchasing-power parity in
# constant 2021 international dollars (the World Bank's NY.GDP.PCAP.PP.KD, transcribed from a public copy of
# its bulk file with its source record), put the gap on firmer ground. Each row gives both countries' averages,
# their ratio and their difference (rule `gdp_per_head_gap_by_period`). No stored public copy of the World
# Bank's constant-dollar series at market exchange rates (NY.GDP.PCAP.KD) was found, so that reading is absent.

# %%
by_period = pd.read_csv(nb.input("gdp_gap_by_period"))
pd.DataFrame(
    {
        "measure": by_period["measure"],
        "period": by_period["period"],
        "Mexico (average per head)": by_period["mexico_mean"].map("{:,.0f}".format),
        "United States (average per head)": by_period["united_states_mean"].map("{:,.0f}".format),
        "US / Mexico": by_period["us_to_mexico_ratio"].map("{:.2f}".format),
        "US − Mexico": by_period["us_minus_mexico"].map("{:,.0f}".format),
    }
)

# %%
bp = by_period.set_index(["measure", "period"])
CUR = "current US dollars (World Bank, market exchange rates)"
PPP_LABEL = "PPP, constant 2021 international dollars (World Bank)"
ratio = bp["us_to_mexico_ratio"]
gap_difference = bp["us_minus_mexico"]
DECADES = ("1990s", "2000s", "2010s", "2020-2023")
ppp_ratios = [ratio[(PPP_LABEL, d)] for d in DECADES]
current_ratios = [ratio[(CUR, d)] for d in DECADES]
widened = gap_difference[(PPP_LABEL, "2020-2023")] > gap_difference[(PPP_LABEL, "1990s")]
Markdown(
    f"""
- **Current dollars:** the ratio was {ratio[(CUR, "1990")]:.1f} in 1990 and {ratio[(CUR, "1994")]:.1f} in 1994; by
  decade """
    + ", ".join(f"{v:.2f} ({d})" for d, v in zip(DECADES, current_ratios, strict=True))
    + f""". Its range across decades, {max(current_ratios) - min(current_ratios):.2f}, is partly the peso's.
- **PPP, constant 2021 international dollars:** by decade """
    + ", ".join(f"{v:.2f} ({d})" for d, v in zip(DECADES, ppp_ratios, strict=True))
    + f"""; the difference per head went from {gap_difference[(PPP_LABEL, "1990s")]:,.0f} to
  {gap_difference[(PPP_LABEL, "2020-2023")]:,.0f} international dollars. Relative to the United States, Mexico
  {"fell behind" if ppp_ratios[-1] > ppp_ratios[0] else "did not fall behind"} between the 1990s and 2020–2023 on this
  measure; in absolute terms the gap {"widened" if widened else "narrowed"}.
"""
)

# %%
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(
    gap["year"],
    gap["us_to_mexico_ratio_world_bank"],
    "o-",
    markersize=3,
    color=PALETTE["blue"],
    label="World Bank, current dollars",
)
printed_points = gap.dropna(subset=["us_to_mexico_ratio_table2"])
ax.plot(
    printed_points["year"],
    printed_points["us_to_mexico_ratio_table2"],
    "D",
    color=PALETTE["vermillion"],
    label="Table 2 as printed (basis unknown)",
)
ax.set_ylim(0, None)
ax.set_xlabel("Year")
ax.set_ylabel("US GDP per head / Mexico GDP per head")
ax.legend(loc="lower right", fontsize=8)
ax.set_title("The US–Mexico gap in GDP per head", fontsize=10, loc="left")
plt.show()

# %% [markdown]
# ## What the data support, twenty years on, and how sure we can be

# %%
Markdown(
    f"""
- **Survives, with good confidence: exponential growth did not continue at the paper's pace.** Remittances grew
  {before["compound_growth_pct"]:.1f}% a year in 1995–2005 as recorded, {no_2003["compound_growth_pct"]:.1f}% without
  2003's recording change, and {after["compound_growth_pct"]:.1f}% a year in 2005–{LAST_YEAR} (in constant pesos
  {gp.iloc[0]["compound_growth_pct"]:.1f}% and {gp.iloc[-1]["compound_growth_pct"]:.1f}% a year), with
  {g.loc["2009 fall", "compound_growth_pct"]:.1f}% in 2009, {g.loc["2010-2019", "compound_growth_pct"]:.1f}% a year in
  2010–2019, {g.loc["2020-2024", "compound_growth_pct"]:.1f}% a year in 2020–2024 and
  {g.iloc[-2]["compound_growth_pct"]:.1f}% in {LAST_YEAR}. In dollars the slowdown holds with intervals that allow for
  autocorrelated changes (difference in mean log change {cmp_usd["difference"]:.3f}, 95% Newey–West interval
  {cmp_usd["difference_ci95_low"]:.3f} to {cmp_usd["difference_ci95_high"]:.3f}; without 2003
  {cmp_usd_without["difference_ci95_low"]:.3f} to {cmp_usd_without["difference_ci95_high"]:.3f}); in constant pesos
  the interval, {cmp_mxn["difference_ci95_low"]:.3f} to {cmp_mxn["difference_ci95_high"]:.3f},
  {"excludes" if cmp_mxn["difference_ci95_low"] > 0 else "includes"} zero, because the peso series' annual changes
  are more dispersed (standard deviation {gp.iloc[-1]["sd_log_change"]:.3f} against {after["sd_log_change"]:.3f} in
  2005–{LAST_YEAR}). The size of the 1995–2005 rate is less sure than its direction:
  {share_2003:.0%} of the decade's log growth in the recorded series comes from the one year of changed recording.
- **Breaks: some dates persist, the number of breaks does not.** The monthly trend breaks in
  {recording["first_month_of_new_segment"]}, when Banco de México changed how transfers were recorded (in """
    + f"""{len(chosen_sets(recording["first_month_of_new_segment"]))} of the {len(chosen)} fits chosen by BIC or LWZ at
  5%, 10% and 15% trimming); that break cannot be read as a change in the flows alone. The headline fit's
  other breaks, each with its 95% bootstrap interval with the number of breaks re-selected in every draw: """
    + "; ".join(
        f"{row.first_month_of_new_segment} ({row.ci95_low_month} to {row.ci95_high_month}, found in "
        f"{getattr(row, f'share_with_a_break_within_{WINDOW}_months'):.0%} of draws, in "
        f"{len(chosen_sets(row.first_month_of_new_segment))} of the {len(chosen)} chosen fits)"
        for row in dates.iloc[1:].itertuples()
    )
    + f""", with trend growth per segment from {segments["trend_growth_pct_per_year"].min():.1f}% to
  {segments["trend_growth_pct_per_year"].max():.1f}% a year (§4). Breaks that persist (a break within
  {PERSIST} months in at least {len(chosen) - 1} of the {len(chosen)} chosen fits): {", ".join(firm) or "none"}; breaks
  that move with the trimming or the criterion: {", ".join(loose) or "none"}. The bootstrap's narrow intervals
  measure how the headline fit's dates move with the month-to-month noise, not the doubt that the choice of
  trimming and criterion adds. How many breaks there are is {
        "not settled" if unsettled else "the same in every chosen fit"
    }: LWZ chooses {lwz_by_trim}, BIC {
        "the most each trimming allows" if len(bic_at_most) == len(TRIMMINGS) else "more"
    }. NAFTA's start lies outside the monthly data.
- **Geography, with little confidence in any direction:** the historical west-centre region received
  {hist["share_first_year_pct"]:.0f}% of remittances in {first_year} and {hist["share_last_year_pct"]:.0f}% in
  {last_share_year}; read as random walks, its share {trend_words(dr_first.loc[regions["traditional_region"]])}, the
  central region's {trend_words(dr_first.loc["central"])} and the south-southeast's
  {trend_words(dr_first.loc["south_southeast"])}. The shares rose and fell in humps, and 2013 shows a one-year
  shift that looks like a change of allocation. Shares describe where money is received, not where migrants come
  from.
- **The gap, fairly sure:** single years in current dollars swing with the peso (the ratio was
  {ratio[(CUR, "1990")]:.1f} in 1990, {gp_.loc[1994, "us_to_mexico_ratio_world_bank"]:.1f} in 1994,
  {gp_.loc[last_gap, "us_to_mexico_ratio_world_bank"]:.1f} in {last_gap}); at purchasing-power parity and constant
  prices the ratio rose decade by decade, from {ppp_ratios[0]:.2f} in the 1990s to {ppp_ratios[-1]:.2f} in
  2020–2023, and the difference per head widened. The paper's "growing gap" holds on that measure, which is
  annual national accounts, not a sample. Table 2's printed values are on a basis that nothing here reproduces.
- All of this is association in recorded series; none of it identifies why the flows changed.

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Vintage.** One edition of a statistical series; Banco de México revises past figures, so the
#   figure first published for a year and today's figure for it may differ. Vintages are never joined.
# - **Constant pesos.** Dollars times the month's FIX exchange rate (pesos per dollar), divided by the
#   month's consumer price index (INPC) relative to the base year: what the money could buy in Mexico.
# - **Mean yearly log change.** The average of the yearly changes in the logarithm of a series: its
#   growth rate if it behaves like a random walk with drift.
# - **Newey–West interval.** An interval for an average that allows neighbouring years to be alike
#   (autocorrelated): it adds to the spread of the yearly changes their covariances with the next one or
#   two years, with declining weights. If the changes were independent it would equal the ordinary t
#   interval; with positively correlated changes it is wider.
# - **ADF and KPSS tests.** Two unit-root tests with opposite null hypotheses (ADF: the series has a
#   unit root; KPSS: it is stationary around a trend); with thirty years neither has much power.
# - **STL decomposition.** A split of a monthly series into trend, seasonal and remainder parts by
#   repeated local (loess) smoothing; the seasonal factors say how far each month lies above or below
#   the trend.
# - **Structural break search (ruptures).** An exact search for the months at which a piecewise trend
#   changes, the number of breaks chosen by an information criterion (LWZ, BIC) that penalises extra
#   breaks; a block bootstrap of the residuals gives an interval for each break date.
# - **Compound annual growth.** (end / start)^(1 / years) − 1: depends on the two end values only.
