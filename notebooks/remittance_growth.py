# %% [markdown]
# # 1. Remittance growth, 1980–2005
#
# **The claims.** Delgado Wise and Márquez Covarrubias (2006) write that Mexico "experienced an
# exponential growth in its receipts of remittances" (line 208 of the text), "in line with" a migration
# that "has grown exponentially over the past two decades" and whose growth "was accentuated with the
# implementation of NAFTA" (lines 193–195); that in 2005 remittances "amounted to USD \$20 billion"
# (lines 209–210); that they are "the source of foreign exchange with the most consistent rate of
# growth" (line 309); and that "during the period that neoliberal policies have been in force, official
# figures indicate that remittance receipts have increased thirty-fold" (lines 311–313). Their Chart 3,
# "Growth of Remittances in Mexico (USD millions)" (lines 315–317), prints no numbers. The paper marks
# three turns of Mexico's policy: a "drastic realignment of the economic model" in 1982 (lines
# 119–121), Mexico's entry into GATT in 1986 and NAFTA's entry into force in 1994 (lines 130–133).
#
# **The data.** Banco de México's annual family remittances, 1980–2005, in two *vintages*: the
# **early** vintage, as published before mid-2006 (what the paper could see), and the **revised**
# vintage (1995–2005), after Banco de México revised 2003 onward upward. The paper prints none of these
# figures; each value and its source are recorded in `data/raw/external/`. The vintages are never
# mixed silently: the "revised" series below is the revised vintage from 1995 and the early vintage
# before (the only figures published for 1980–1994), and every row says which vintage it uses.
#
# **What we do.**
# 1. Fit a log-linear (constant-growth) trend, with errors that allow for serial correlation.
# 2. Ask whether growth changed at NAFTA (1994) or at GATT (1986): Chow tests, and a scan over every
#    year a break could fall in, with p-values over a range of serial correlation up to a unit root;
#    whether the series behaves like a random walk with drift (then growth is the mean yearly log
#    change); and whether the growth *rate* changed (a bend in the trend, not a jump).
# 3. Compound annual growth by period, next to growth measured from every year of the period.
# 4. Check the "thirty-fold" claim under both vintages and for each possible starting year.
# 5. Repeat the growth measures in constant dollars (US prices of one year) beside current dollars.
#
# **What kind of evidence this is.** Twenty-six annual values of one country's series. That is a small
# sample, and its deviations from any smooth curve run in long swings (a year above the trend tends to
# be followed by another): each year is not a fresh, independent draw. Standard errors here describe
# how precisely a line summarises these 26 years, and they must allow for that serial correlation. A
# break in the series can be dated; what caused it cannot be read from the series.

# %%
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from IPython.display import Markdown
from scipy import stats

from migration_evidence.analysis import remittance_breaks as brk
from migration_evidence.analysis import remittances as rem
from migration_evidence.analysis.growth_intervals import newey_west_lags
from migration_evidence.figures.printed import PALETTE
from migration_evidence.notebooks.session import open_notebook
from migration_evidence.series.external import load_external_config, read_series
from migration_evidence.series.results import growth_rates

nb = open_notebook("remittance_growth")
settings = nb.settings()  # seeds, draws, trims: config/statistics.yaml
config = load_external_config(nb.input("external_series"))
remittances = read_series(nb.input("remittances"), config.processed["remittances_mexico_1980_2005"])
series = {name: rem.remittance_series(remittances, name) for name in rem.SERIES}
# The US consumer price index (BLS CPI-U), for remittances in constant dollars (section 6).
us_prices = read_series(nb.input("us_prices"), config.processed["us_cpi_u_1980_2005"])
BASE_YEAR = int(settings["constant_dollar_year"])
side_by_side = rem.vintages_side_by_side(remittances)
nb.labels.update(
    {
        "early": "Early vintage (US$ millions)",
        "revised": "Revised vintage (US$ millions)",
        "revised_minus_early": "Revised minus early (US$ millions)",
    }
)
side_by_side.round(1)

# %%
both_years = side_by_side.dropna()
revision_pct = (100 * both_years["revised_minus_early"] / both_years["early"]).round(0)
revised_up = revision_pct[both_years["revised_minus_early"].abs() >= 1]
Markdown(
    f"The two vintages differ by less than one million dollars from {int(both_years.index.min())} to "
    f"{int(revised_up.index.min()) - 1} (the early vintage is printed in whole millions); the revision raised "
    + ", ".join(f"{year} by {pct:.0f}%" for year, pct in revised_up.items())
    + "."
)

# %% [markdown]
# ## 1. A constant-growth trend
#
# If remittances grew "exponentially", that is at a constant rate, their logarithm is a straight line
# in time: log(value) = a + b·year, and exp(b) − 1 is the annual growth rate. We fit it by least
# squares to all 26 years.
#
# **Standard errors.** Deviations from the line are serially correlated, so ordinary least-squares
# standard errors are too small. We use Newey–West (heteroskedasticity- and autocorrelation-consistent,
# HAC) errors with a Bartlett kernel, the small-sample factor n/(n − 2) and *t* intervals with 24
# degrees of freedom. The truncation lag is **2**: Newey and West's (1994) rule, floor(4·(n/100)^(2/9)),
# gives 2 for n = 26 (so does the common textbook rule floor(0.75·n^(1/3))). It is fixed before looking
# at the results. HAC errors are a large-sample device: with 26 observations and autocorrelation as
# strong as here they still tend to be too small, so the table after the estimates shows the interval
# for every lag from 0 to 6.

# %%
NEWEY_WEST_LAGS = newey_west_lags(len(series["early"]))
trend = rem.trend_table(list(series.values()), NEWEY_WEST_LAGS)
nb.write_table("trend", trend)
trend[
    [
        "series",
        "n",
        "slope_log_per_year",
        "std_error_classical",
        "std_error_hac",
        "annual_growth_pct",
        "annual_growth_ci95_low_pct",
        "annual_growth_ci95_high_pct",
        "r_squared",
        "durbin_watson",
        "residual_autocorrelation_lag1",
    ]
].round(4)

# %%
LAGS = settings["hac_lags_shown"]
lag_sensitivity = rem.hac_lag_sensitivity(list(series.values()), range(LAGS[0], LAGS[1] + 1), NEWEY_WEST_LAGS)
nb.write_table("trend_hac_lags", lag_sensitivity)
lag_sensitivity.round(3)

# %%
t_early = trend.set_index("series").loc["early"]
t_revised = trend.set_index("series").loc["revised"]
early_lags = lag_sensitivity[lag_sensitivity["series"] == "early"]
lows, highs = early_lags["annual_growth_ci95_low_pct"], early_lags["annual_growth_ci95_high_pct"]
years = series["early"]["year"].to_numpy()
residuals = rem.trend_residuals(series["early"], trend)
run_first, run_last, run_sign = rem.longest_run_of_one_sign(years, residuals)
after_run = residuals[years > run_last]
# Year by year, every number the text below quotes: both vintages, the revision, growth over the
# previous year in each vintage, and the early vintage's distance from its trend.
by_year = rem.vintages_by_year(remittances, trend)
nb.write_table("vintages_by_year", by_year)
Markdown(
    f"""
- On the early vintage the trend growth is **{t_early["annual_growth_pct"]:.1f}% a year** (95% interval
  {t_early["annual_growth_ci95_low_pct"]:.1f}% to {t_early["annual_growth_ci95_high_pct"]:.1f}%, Newey–West, lag
  {NEWEY_WEST_LAGS}); with the revised vintage from 1995 it is {t_revised["annual_growth_pct"]:.1f}%
  ({t_revised["annual_growth_ci95_low_pct"]:.1f}% to {t_revised["annual_growth_ci95_high_pct"]:.1f}%). The line
  explains {t_early["r_squared"]:.1%} of the variance of the logarithms.
- The HAC standard error is {t_early["std_error_hac"] / t_early["std_error_classical"]:.1f} times the classical
  one. Over lags 0 to 6 the interval's lower end moves between {lows.min():.1f}% and {lows.max():.1f}%, its upper
  end between {highs.min():.1f}% and {highs.max():.1f}%: the lag choice does not change the answer, though all of
  these intervals are probably somewhat too narrow.
- But the growth was not constant. The residuals' first-order autocorrelation is
  {t_early["residual_autocorrelation_lag1"]:.2f} and the Durbin–Watson statistic {t_early["durbin_watson"]:.2f}
  (2 with no autocorrelation). Remittances ran {"below" if run_sign < 0 else "above"} the line in every year from
  {run_first} to {run_last} ({run_last - run_first + 1} years in a row), then up to {np.expm1(after_run.max()):.0%}
  above it by {years[-1]}. The trend rate is a summary of 26 years, not a rate that held in each of them.
"""
)

# %% [markdown]
# ## 2. Did growth change at NAFTA (1994) or at GATT (1986)?
#
# **The test.** A Chow test compares one straight line for all years (in logs) with two separate lines,
# one for the years before the break year and one from it on (both intercept and slope may change):
#
# F = ((RSS_one_line − RSS_before − RSS_after) / 2) / ((RSS_before + RSS_after) / (n − 4)),
#
# referred to an F(2, 22) distribution. NAFTA came into force on 1 January 1994, so 1994 opens the second
# segment; Mexico joined GATT during 1986, which also opens its segment. Both years come from the paper's
# own periodisation and were chosen before looking at the data.
#
# **Why three p-values.** The F table assumes independent errors, which these are not; serially
# correlated errors make large F statistics common even without a break. So each F statistic is also
# referred to its distribution simulated (20,000 draws, fixed seed) when the truth is one straight line
# with (a) independent errors and (b) first-order autoregressive errors whose coefficient is the lag-1
# autocorrelation of the one-line residuals. (a) only checks the simulation against the F table; (b) is
# the p-value that allows for serial correlation. Its coefficient is estimated from the model *without*
# a break: if a break is real, that exaggerates the autocorrelation and makes (b) conservative; in 26
# observations the estimate is also biased towards zero, which works the other way.

# %%
# The tests are computed by the rule remittance_break_tests (migration_evidence.analysis.remittance_breaks,
# settings in config/statistics.yaml); this notebook reads its tables.
all_breaks = nb.read_table("breaks")
full_sample = f"{int(series['early']['year'].min())}-{int(series['early']['year'].max())}"
breaks = all_breaks[all_breaks["sample"] == full_sample]
sup_f = nb.read_table("sup_f")
BREAKS = dict(breaks[breaks["series"] == "early"][["break", "break_year"]].itertuples(index=False))
breaks[
    [
        "series",
        "break",
        "break_year",
        "years_before",
        "years_from_break",
        "growth_before_pct",
        "growth_from_break_pct",
        "f_statistic",
        "p_value_f",
        "p_value_simulated_iid",
        "p_value_simulated_ar1",
        "ar1_coefficient",
    ]
].round(4)

# %%
b = breaks.set_index(["series", "break"])
nafta, gatt = b.loc[("early", "NAFTA")], b.loc[("early", "GATT")]
nafta_rev = b.loc[("revised", "NAFTA")]
Markdown(
    f"""
- **NAFTA, 1994.** Fitted growth was {nafta["growth_before_pct"]:.1f}% a year in {nafta["years_before"]} and
  {nafta["growth_from_break_pct"]:.1f}% in {nafta["years_from_break"]}; F = {nafta["f_statistic"]:.2f}, p =
  {nafta["p_value_f"]:.4f} from the F table. Allowing for serial correlation (AR(1), coefficient
  {nafta["ar1_coefficient"]:.2f}) the p-value is **{nafta["p_value_simulated_ar1"]:.3f}** (Monte Carlo standard
  error {nafta["p_value_simulated_ar1_mc_std_error"]:.3f}). With the revised vintage:
  F = {nafta_rev["f_statistic"]:.2f}, p = {nafta_rev["p_value_simulated_ar1"]:.3f} allowing for serial correlation.
- **GATT, 1986.** {gatt["growth_before_pct"]:.1f}% a year in {gatt["years_before"]},
  {gatt["growth_from_break_pct"]:.1f}% in {gatt["years_from_break"]}; F = {gatt["f_statistic"]:.2f},
  p = {gatt["p_value_f"]:.2f} (F table), {gatt["p_value_simulated_ar1"]:.2f} allowing for serial correlation. Six
  years before the break leave the first line poorly determined; the data show no break at 1986.
- Of the two breaks the paper's periodisation suggests, 1994 fits far better than 1986 (F {nafta["f_statistic"]:.1f}
  against {gatt["f_statistic"]:.1f}). Whether the 1994 break is more than serially correlated noise is borderline
  at the plug-in coefficient, and the plug-in coefficient is probably too small (see below).
"""
)

# %% [markdown]
# ### Every candidate year: a descriptive check
#
# If instead of fixing the break year in advance we try every year and keep the best, the largest F is
# bound to be large, and the F table's p-value for it is meaningless (it is optimistic). The scan below
# computes the Chow F for every break year that leaves at least 15% of the sample (4 years) on each side,
# 1984–2002. It is **descriptive**: it says where a single break fits the data best. The distribution of
# the largest F (the sup-F statistic, Andrews 1993) is simulated in the same two ways as above.

# %%
scan = nb.read_table("break_scan")
p_columns = ["p_value_f_table_single_break", "p_value_sup_f_simulated_iid", "p_value_sup_f_simulated_ar1"]
shown = sup_f[["series", "candidate_years", "sup_f", "best_fitting_break_year", *p_columns, "ar1_coefficient"]].copy()
# A simulated p-value cannot be below 1 / (draws + 1); show the small ones as a bound.
for column in p_columns:
    shown[column] = shown[column].map(lambda p: "< 0.0001" if p < 0.0001 else f"{p:.4f}")
shown.round(4)

# %%
early_scan = scan[scan["series"] == "early"].set_index("break_year")
best = sup_f.set_index("series").loc["early"]
best_year = int(best["best_fitting_break_year"])
rank_1994 = int((early_scan["f_statistic"] > early_scan.loc[config.nafta_start_year, "f_statistic"]).sum()) + 1
Markdown(
    f"""
- The F statistic rises almost steadily with the break year up to **{best_year}** (F = {best["sup_f"]:.1f}), where
  one break fits best: growth of {early_scan.loc[best_year, "growth_before_pct"]:.1f}% a year before and
  {early_scan.loc[best_year, "growth_from_break_pct"]:.1f}% from {best_year} on. 1994 ranks {rank_1994} of
  {len(early_scan)} candidate years. On the revised vintage, higher from 2003, the best break is
  {int(sup_f.set_index("series").loc["revised", "best_fitting_break_year"])}.
- After searching all {int(best["candidates"])} years and allowing for serial correlation at the plug-in
  coefficient, a break as large as the one at {best_year} would arise by chance with probability about
  {best["p_value_sup_f_simulated_ar1"]:.3f}; a single break fits the early 2000s better than 1994. How much that
  probability depends on the plug-in coefficient is the subject of the next table.
"""
)

# %% [markdown]
# Is the 1994 break in the F table a result of the years after the best-fitting break? The same Chow test
# at 1994 on the series cut at that year (a sample **chosen after seeing the data**, so this is a check of
# where the evidence comes from, not a test of its own):

# %%
cut = all_breaks[all_breaks["sample"] == f"{full_sample[:4]}-{best_year}"].reset_index(drop=True)
nafta_cut = cut.iloc[0]
cut[["series", "sample", "break_year", "growth_before_pct", "growth_from_break_pct", "f_statistic", "p_value_f",
     "p_value_simulated_ar1", "ar1_coefficient"]].round(4)  # fmt: skip

# %%
Markdown(
    f"""
On {nafta_cut["sample"]} the fitted growth from 1994 ({nafta_cut["growth_from_break_pct"]:.1f}% a year) is
{"below" if nafta_cut["growth_from_break_pct"] < nafta_cut["growth_before_pct"] else "above"} that of the years
before ({nafta_cut["growth_before_pct"]:.1f}%), and F = {nafta_cut["f_statistic"]:.2f} (p = {nafta_cut["p_value_f"]:.2f}
from the F table, {nafta_cut["p_value_simulated_ar1"]:.2f} allowing for serial correlation). The 1994 break on the full
series is significant in the F table because the years from 1994 include the surge after {best_year}; it does not
show that growth accelerated at NAFTA's start.
"""
)

# %% [markdown]
# ### How much do these p-values depend on the serial correlation?
#
# The p-values "allowing for serial correlation" plug in the lag-1 autocorrelation of 26 residuals.
# That estimate is biased towards zero in a sample this short (a true coefficient of 0.8 gives about
# 0.5 on average), so the plug-in value probably understates the serial correlation, and the p-values
# with it. The table below repeats the simulation for a range of coefficients, from independent errors
# (0) through the estimate to a **unit root** (1: errors that are a random walk), for the two tests
# fixed in advance (1994, 1986) and for the sup-F scan. A conclusion that holds only at the plug-in
# value is fragile.

# %%
rho_sensitivity = nb.read_table("break_rho_sensitivity")
rho_table = rho_sensitivity[rho_sensitivity["series"] == "early"].pivot(
    index="test", columns="ar1_coefficient", values="p_value_simulated"
)
rho_table.columns = [
    f"p-value at AR(1) coefficient {rho:g}" if rho < 1 else "p-value, random walk" for rho in rho_table.columns
]
rho_table.round(4)

# %%
early_rho = rho_sensitivity[rho_sensitivity["series"] == "early"].set_index(["test", "ar1_coefficient"])[
    "p_value_simulated"
]
chow_1994 = f"Chow at {config.nafta_start_year} (NAFTA)"
sup_test = f"sup-F over {sup_f.iloc[0]['candidate_years']}"
plug_in = float(b.loc[("early", "NAFTA"), "ar1_coefficient"])
sup_survives = bool((early_rho.xs(sup_test, level="test") < 0.05).all())
Markdown(
    f"""
- **1994.** At the plug-in coefficient ({plug_in:.2f}) the Chow test at 1994 has p =
  {early_rho[(chow_1994, round(plug_in, 2))]:.3f}; at 0.8 it is {early_rho[(chow_1994, 0.8)]:.2f}, and with a random
  walk {early_rho[(chow_1994, 1.0)]:.2f}. Nothing in
  these data shows a break at NAFTA once the serial correlation is allowed its plausible size.
- **The best-fitting break ({best_year}).** The sup-F has p = {early_rho[(sup_test, round(plug_in, 2))]:.3f} at the
  plug-in coefficient, {early_rho[(sup_test, 0.8)]:.3f} at 0.8, {early_rho[(sup_test, 0.9)]:.2f} at 0.9 and
  {early_rho[(sup_test, 1.0)]:.2f} with a random walk. It {"survives" if sup_survives else "does not survive"} the
  whole range, so the break around {best_year} is **{"supported" if sup_survives else "suggestive, not established"}**:
  a series this autocorrelated produces breaks this large by chance {"rarely" if sup_survives else "often enough"}.
"""
)

# %% [markdown]
# ### A random walk with drift?
#
# A straight line in logs assumes the series returns to its trend after a shock. The alternative is a
# **random walk with drift**: each year's log change is the drift (the growth rate) plus a shock that is
# never undone. The augmented Dickey–Fuller (ADF) test asks whether a unit root (random walk) can be
# rejected; its p-values are approximate, and with 26 years the test has little power, so "cannot
# reject" is not proof of a random walk, only that the data are consistent with one.

# %%
unit_root = pd.concat([rem.unit_root_tests(frame) for frame in series.values()], ignore_index=True)
nb.write_table("unit_root", unit_root)
unit_root[
    ["series", "tested", "adf_statistic", "p_value_mackinnon", "lags_chosen_by_aic", "critical_value_5pct"]
].round(3)

# %% [markdown]
# If the series is a random walk with drift, the natural growth estimate is the **mean yearly log
# change**, exp(mean) − 1, with no trend line. Its interval is the project's one growth-rate interval
# (the same function notebook 6 uses): Newey–West, so that it stays honest if the yearly changes are
# themselves correlated (a drift that wanders); the interval that treats them as independent is beside it.

# %%
drift = pd.DataFrame([rem.mean_log_change(frame) for frame in series.values()])
pd.DataFrame(
    {
        "series": drift["series"],
        "years": drift["years"],
        "yearly changes": drift["yearly_changes"],
        "growth a year (%)": drift["growth_pct"].round(1),
        "95% interval, Newey–West (%)": [
            f"{lo:.1f} to {hi:.1f}"
            for lo, hi in zip(drift["growth_ci95_low_pct"], drift["growth_ci95_high_pct"], strict=True)
        ],
        "95% interval if the changes were independent (%)": [
            f"{lo:.1f} to {hi:.1f}"
            for lo, hi in zip(
                drift["growth_ci95_low_pct_independent"], drift["growth_ci95_high_pct_independent"], strict=True
            )
        ],
        "lag-1 autocorrelation of the changes": drift["lag1_autocorrelation"].round(2),
    }
)

# %%
adf_level = unit_root[(unit_root["series"] == "early") & (unit_root["regression"] == "ct")].iloc[0]
d_early = drift.set_index("series").loc["early"]
width_ratio = (d_early["growth_ci95_high_pct"] - d_early["growth_ci95_low_pct"]) / (
    t_early["annual_growth_ci95_high_pct"] - t_early["annual_growth_ci95_low_pct"]
)
Markdown(
    f"""
- The ADF test on the log series (constant and trend) gives {adf_level["adf_statistic"]:.2f} against a 5% critical
  value of {adf_level["critical_value_5pct"]:.2f} (p ≈ {adf_level["p_value_mackinnon"]:.2f}): a random walk with drift
  cannot be rejected. The yearly changes themselves show no unit root.
- Measured as the mean yearly log change, growth was **{d_early["growth_pct"]:.1f}% a year**, 95% Newey–West interval
  {d_early["growth_ci95_low_pct"]:.1f}% to {d_early["growth_ci95_high_pct"]:.1f}%: about the trend's rate, but an
  interval {width_ratio:.1f} times as wide as the trend's Newey–West interval
  ({t_early["annual_growth_ci95_low_pct"]:.1f}% to
  {t_early["annual_growth_ci95_high_pct"]:.1f}%). If the series is a random walk, the trend's interval is far too
  narrow.
"""
)

# %% [markdown]
# ### Did the growth *rate* change? A bend, not a jump
#
# The paper's claim is that migration's growth "was accentuated" with NAFTA: a faster growth rate
# after 1994, not a one-off jump in the level. A Chow test lets both the level and the slope change, so
# it also rejects for a jump. Two tests of a change in the rate alone:
#
# - a **kinked trend**: one continuous line in logs that bends at the break year, with Newey–West errors
#   (valid if the series is stationary around the line);
# - the **mean yearly log change** before and after the break year, compared by Welch's *t* test (the
#   comparison that fits a random walk with drift).

# %%
growth_change = pd.concat(
    [rem.growth_change_tests(frame, {**BREAKS, "best-fitting (chosen after seeing the data)": best_year},
                             NEWEY_WEST_LAGS) for frame in series.values()],
    ignore_index=True,
)  # fmt: skip
growth_change[growth_change["series"] == "early"][
    ["break", "break_year", "test", "growth_before_pct", "growth_after_pct", "ci95_low", "ci95_high", "p_value"]
].round(3)

# %%
gc = growth_change[growth_change["series"] == "early"].set_index(["break_year", "test"])
kink_1994 = gc.loc[(config.nafta_start_year, "kinked trend, Newey-West")]
welch_1994 = gc.loc[(config.nafta_start_year, "mean yearly log change, Welch t")]
welch_best = gc.loc[(best_year, "mean yearly log change, Welch t")]
change_years = series["early"]["year"].to_numpy()[1:]
n_before = int((change_years <= config.nafta_start_year).sum())
n_after = int((change_years > config.nafta_start_year).sum())
Markdown(
    f"""
- The kinked trend bends up at 1994, from {kink_1994["growth_before_pct"]:.1f}% to {kink_1994["growth_after_pct"]:.1f}%
  a year (p = {kink_1994["p_value"]:.3f} with Newey–West errors). But that test assumes the series returns to a line;
  compared as mean yearly changes, growth was {welch_1994["growth_before_pct"]:.1f}% a year up to 1994 and
  {welch_1994["growth_after_pct"]:.1f}% after (Welch p = {welch_1994["p_value"]:.2f}): with yearly changes this
  variable (standard deviation {d_early["sd_log_change"]:.2f} in logs), {n_before} and {n_after} changes cannot
  show a difference of this size.
- At {best_year}, a year found by searching, mean growth went from {welch_best["growth_before_pct"]:.1f}% to
  {welch_best["growth_after_pct"]:.1f}% (Welch p = {welch_best["p_value"]:.3f}, but only
  {2005 - best_year} yearly changes after it, and a p-value after a search overstates the evidence).
- **Recording, not only flows.** Banco de México changed how it compiles remittances in 2002–2003: its rules of
  October 2002 made the banks and firms that transfer funds report the remittances they pay out, and it later
  revised 2003 onward upward (the revised vintage). Canales (2008, "Las cifras sobre remesas en México. ¿Son
  creíbles?", *Migraciones Internacionales* 4(4)) discusses how much of the rise that change of method explains.
  Part of the rise in the early 2000s may be better counting of the same money; the series cannot tell the two
  apart.
"""
)

# %% [markdown]
# ## 3. Compound annual growth by period
#
# Compound annual growth between two years, (end/start)^(1/years) − 1, depends only on the two end
# values. Next to it: the trend growth fitted to every year of the period, and the range of the
# year-on-year changes within it. The periods are those declared for Chart 3 (the paper's GATT and NAFTA
# dates, and 1995–2005, where both vintages exist), plus NAFTA's years split at the best-fitting break
# found above, a split **chosen after seeing the data**. Each period uses one vintage throughout.

# %%
# The declared periods and NAFTA's years split at the best-fitting break.
periods = rem.periods_with_best_break(config, best_year, last_year=int(years[-1]))
endpoint_growth = growth_rates(remittances, periods)
by_period = rem.growth_by_period(remittances, endpoint_growth)
by_period[
    [
        "period",
        "vintage",
        "label",
        "ratio",
        "cagr_pct",
        "trend_growth_pct",
        "yearly_growth_min_pct",
        "yearly_growth_max_pct",
        "years_with_decline",
    ]
].round(2)

# %%
g = by_period.set_index(["period", "vintage"])
first_nafta = g.loc[(f"{config.nafta_start_year}-{best_year}", "early")]
gatt_nafta = g.loc[("1986-1994", "early")]
both = g.loc["1995-2005"]
yearly = series["early"].set_index("year")["value_usd_millions"].pct_change() * 100
first_revised = int(revised_up.index.min())
step = 100 * (side_by_side.loc[first_revised] / side_by_side.loc[first_revised - 1] - 1)
Markdown(
    f"""
- Growth between the paper's dates: {g.loc[("1980-1986", "early"), "cagr_pct"]:.1f}% a year from 1980 to 1986,
  {gatt_nafta["cagr_pct"]:.1f}% from 1986 to 1994, {g.loc[("1994-2005", "early"), "cagr_pct"]:.1f}% from 1994 to
  2005, and {g.loc[("1980-2005", "early"), "cagr_pct"]:.1f}% over the whole series (early vintage).
- In NAFTA's first years growth did not accelerate: {first_nafta["cagr_pct"]:.1f}% a year from 1994 to {best_year},
  less than the {gatt_nafta["cagr_pct"]:.1f}% of 1986–1994. The higher growth of 1994–2005 comes from the years after
  {best_year} ({g.loc[(f"{best_year}-2005", "early"), "cagr_pct"]:.1f}% a year on the early vintage,
  {g.loc[(f"{best_year}-2005", "revised"), "cagr_pct"]:.1f}% on the revised).
- 1995–2005, where both vintages exist: {both.loc["early", "cagr_pct"]:.1f}% a year on the early vintage and
  {both.loc["revised", "cagr_pct"]:.1f}% on the revised; the revision of 2003–2005 adds
  {both.loc["revised", "cagr_pct"] - both.loc["early", "cagr_pct"]:.1f} points a year. The revision starts with
  {int(revised_up.index.min())}: in the revised vintage {int(revised_up.index.min())} is
  {step["revised"]:.0f}% above {int(revised_up.index.min()) - 1} (early vintage: {step["early"]:.0f}%), a step that
  mixes growth with the revision itself.
- "The most consistent rate of growth" (line 309): year-on-year growth ranged from {yearly.min():.1f}%
  ({int(yearly.idxmin())}) to {yearly.max():.1f}% ({int(yearly.idxmax())}), and remittances fell in
  {int((yearly < 0).sum())} years. These data cannot compare that consistency with other foreign-exchange sources,
  which the paper does not quantify either.
"""
)

# %% [markdown]
# ## 4. "Thirty-fold"
#
# The text does not say when "the period that neoliberal policies have been in force" starts. The
# repository's claim check (`results/tables/remittance_claims.csv`, read here, not recomputed) takes the
# first year of the series, 1980, as the base. It reads "thirty-fold" by the one rule every approximate
# statement of the two papers follows (`approximate_statements` in `config/config.yaml`): a round number
# marked as approximate ("-fold", "about", "approximately", ...) stands for anything within half a unit
# of its last non-zero digit, so "thirty" is 25 to 35, as "approximately US\$15 billion" is 14.5 to 15.5
# billion.

# %%
claims = pd.read_csv(nb.input("remittance_claims"))
thirty = claims[claims["claim_id"] == "nafta_remittances_thirty_fold"]
thirty[["lines", "stated_text", "comparison", "recomputed_value", "accepted_low", "accepted_high", "verdict"]].round(2)

# %% [markdown]
# The same ratio for every base year the paper's periodisation could point to, 1980 to 1994, with the
# 2005 value of each vintage (the base years exist in the early vintage only):

# %%
(accepted,) = set(zip(thirty["accepted_low"], thirty["accepted_high"], strict=True))  # one range for the claim
fold = rem.fold_increase_by_base_year(
    remittances,
    end_year=2005,
    base_years=list(range(1980, config.nafta_start_year + 1)),
    stated=float(thirty["stated_value"].iloc[0]),
    accepted=accepted,
    prices=us_prices.set_index("year")["index_1982_84_100"],
)
nb.write_table("fold_increase", fold)
fold.pivot(index="base_year", columns="end_vintage", values="ratio").round(1).loc[[1980, 1981, 1982, 1986, 1994]]

# %%
f = fold.set_index(["base_year", "end_vintage"])["ratio"]
agreeing = {v: sorted(fold.loc[fold["agrees"] & (fold["end_vintage"] == v), "base_year"]) for v in ["early", "revised"]}
if 1982 in agreeing["early"]:
    from_1982 = "within the rule's range"
elif 1982 in agreeing["revised"]:
    from_1982 = "within the rule's range only with the revised 2005 figure, published after the paper"
else:
    from_1982 = "outside the rule's range with either 2005 figure"
amounts = {
    (row.base_year, row.end_vintage): f"{row.end_usd_millions:,.1f} / {row.base_usd_millions:,.0f}".replace(
        ".0 /", " /"
    )
    for row in fold.itertuples()
}
Markdown(
    f"""
- From 1980: {f[(1980, "early")]:.1f}-fold with the 2005 figure the paper could see
  ({amounts[(1980, "early")]}) and {f[(1980, "revised")]:.1f}-fold with the revised 2005 figure
  ({amounts[(1980, "revised")]}). Both lie within {accepted[0]:g} to {accepted[1]:g}.
- Base years that agree with the 2005 figure the paper could see: {", ".join(str(y) for y in agreeing["early"])};
  with the revised 2005 figure: {", ".join(str(y) for y in agreeing["revised"])}. From 1982, the year the paper gives
  for Mexico's realignment "toward one that favored exports under neoliberally inspired guidelines" (lines 119–121),
  the increase is {f[(1982, "early")]:.1f}-fold ({f[(1982, "revised")]:.1f} with the revised 2005 figure); from GATT
  (1986) {f[(1986, "early")]:.1f}-fold; from NAFTA (1994) {f[(1994, "early")]:.1f}-fold.
- So on the figures the paper could see, "thirty-fold" is the increase over the whole series from its first year. If
  the neoliberal period starts with Mexico's realignment in 1982, the increase is about {f[(1982, "early")]:.0f}-fold
  ({from_1982}). The paper's other date, the late
  1970s, when "the United States began to promote neoliberal policies" in Latin America (line 147), lies before the
  series starts, so these data cannot check the claim from there.
"""
)

# %% [markdown]
# ## 5. The series, the trend and the breaks

# %%
early = series["early"]
fit = brk.segmented_fit(early, config.nafta_start_year)
revised_only = remittances[remittances["vintage"] == "revised"]
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.6), gridspec_kw={"width_ratios": [1.25, 1]})
left.set_yscale("log")
left.plot(
    early["year"],
    early["value_usd_millions"],
    "o",
    color=PALETTE["blue"],
    markersize=4,
    label="Early vintage (to mid-2006)",
    zorder=4,
)
left.plot(
    revised_only["year"],
    revised_only["value_usd_millions"],
    "o",
    color=PALETTE["vermillion"],
    markerfacecolor="white",
    markersize=5,
    label="Revised vintage",
    zorder=3,
)
left.plot(
    fit["year"],
    np.exp(fit["trend_fitted"]),
    color=PALETTE["grey"],
    linewidth=1.4,
    label=f"Trend: {t_early['annual_growth_pct']:.1f}% a year",
)
for segment, part in fit.groupby("segment"):
    left.plot(
        part["year"],
        np.exp(part["segmented_fitted"]),
        color=PALETTE["green"],
        linewidth=1.8,
        label=(
            f"Break at 1994: {nafta['growth_before_pct']:.1f}% a year before,\n"
            f"{nafta['growth_from_break_pct']:.1f}% from 1994"
        )
        if segment == "before"
        else None,
    )
for year, name in [(1986, "GATT"), (config.nafta_start_year, "NAFTA")]:
    left.axvline(year, color="#777777", linestyle=":", linewidth=1)
    left.text(year + 0.3, 540, name, fontsize=7.5, color="#444444", va="bottom")
left.set_ylim(500, 25000)
left.set_yticks([500, 1000, 2000, 5000, 10000, 20000])
left.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
left.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
left.set_xlabel("Year")
left.set_ylabel("Family remittances (USD millions, log scale)")
left.legend(loc="upper left", fontsize=7)

critical = stats.f.ppf(0.95, 2, len(early) - 4)
for name, style in [("early", "-"), ("revised", "--")]:
    part = scan[scan["series"] == name]
    right.plot(
        part["break_year"],
        part["f_statistic"],
        style,
        marker="o",
        markersize=3,
        color=PALETTE["blue"] if name == "early" else PALETTE["vermillion"],
        markerfacecolor="white" if name == "revised" else None,
        label=f"{'Early' if name == 'early' else 'Revised'} vintage",
    )
right.axhline(
    critical,
    color="#777777",
    linestyle=":",
    linewidth=1,
    label=f"F table 5% value, {critical:.2f}\n(one break fixed in advance, independent errors)",
)
offsets = {1986: (4, 22), config.nafta_start_year: (-10, 0), best_year: (4, -85)}
for year, name in [(1986, "GATT"), (config.nafta_start_year, "NAFTA"), (best_year, "best fit")]:
    value = early_scan.loc[year, "f_statistic"]
    right.annotate(
        f"{name} {year}\nF = {value:.1f}",
        (year, value),
        xytext=offsets[year],
        textcoords="offset points",
        ha={1986: "left", best_year: "center"}.get(year, "right"),
        fontsize=7,
        arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.6},
    )
right.set_xlabel("Break year (first year of the second line)")
right.set_ylabel("Chow F statistic")
right.set_xticks(range(1984, 2004, 4))
right.legend(loc="upper left", fontsize=7)
right.set_title("Fit of one break, every candidate year (descriptive)", fontsize=9, fontweight="normal")
fig.suptitle(
    f"Remittances grew {t_early['annual_growth_pct']:.1f}% a year on trend, 1980–2005; one break fits best in "
    f"{best_year}, not at NAFTA (1994) or GATT (1986)",
    fontsize=10.5,
    fontweight="bold",
    x=0.01,
    ha="left",
)
fig.text(
    0.01,
    -0.02,
    "Source: Banco de México, family remittances; values and their sources in "
    "data/raw/external/. Early vintage unless marked.",
    fontsize=7.5,
    color="#444444",
)
fig.subplots_adjust(wspace=0.3, top=0.86)
plt.show()

# %% [markdown]
# ## 6. In constant dollars: real growth beside nominal
#
# Every figure above is in **current** US dollars: a dollar of 1980 and a dollar of 2005 are counted
# alike, though US consumer prices more than doubled in between. To see how much of the growth is
# inflation, each year's remittances are re-expressed in **constant dollars** of one base year (set as
# `constant_dollar_year` in `config/statistics.yaml`; the tables name it): the value times
# CPI(base year) / CPI(year),
# where CPI is the annual average of the US Consumer Price Index for
# All Urban Consumers (CPI-U, U.S. city average, all items, 1982–84 = 100), as the Bureau of Labor
# Statistics prints it (`data/raw/external/`; the source audit checks that its 1982–84 average is 100).
#
# **What "real" means here.** Growth in constant dollars is growth of what the remitted dollars would
# buy *in the United States*. It is not the purchasing power of the receiving household, which spends
# pesos in Mexico: that depends on the exchange rate and on Mexican prices, and is notebook 6's
# constant-peso series (Banco de México's monthly figures, from 1995). The US deflator answers a narrower
# question: did remittances grow faster than US prices, the prices migrants' earnings are set in?
#
# The same measures as above, now on both scales: the mean yearly log change with its interval, compound
# growth by period (with the trend over each period), and the kinked trend's growth before and after each
# break year. The break tests' simulated p-values are not repeated (no new simulations); in logs, the
# constant-dollar series is the current-dollar series minus the log of the price index, a smooth curve.

# %%
real = rem.constant_dollars(remittances, us_prices, BASE_YEAR)
real_series = {name: rem.remittance_series(real, name) for name in rem.SERIES}
constant_by_year = rem.constant_dollars_by_year(remittances, us_prices, BASE_YEAR)
nb.write_table("constant_dollars", constant_by_year)
nb.labels.update(
    {
        # The base year is a setting: these labels name it (the data dictionary has the others).
        "price_factor": f"Multiplier to {BASE_YEAR} dollars",
        "early_constant_usd_millions": f"Early vintage, US$ millions of {BASE_YEAR}",
        "revised_constant_usd_millions": f"Revised vintage, US$ millions of {BASE_YEAR}",
    }
)
constant_by_year.drop(columns="constant_dollar_year").round(2)

# %%
drift_real = pd.DataFrame([rem.mean_log_change(frame) for frame in real_series.values()])
# Each measure on both scales in one table, a column saying which.
nb.write_table("mean_log_change", rem.by_dollars(drift, drift_real, BASE_YEAR))
endpoint_real = growth_rates(real, periods)
by_period_real = rem.growth_by_period(real, endpoint_real)
nb.write_table("growth_by_period", rem.by_dollars(by_period, by_period_real, BASE_YEAR))
growth_change_real = pd.concat(
    [rem.growth_change_tests(frame, {**BREAKS, "best-fitting (chosen after seeing the data)": best_year},
                             NEWEY_WEST_LAGS) for frame in real_series.values()],
    ignore_index=True,
)  # fmt: skip
nb.write_table("growth_change", rem.by_dollars(growth_change, growth_change_real, BASE_YEAR))

# Side by side, early vintage: each growth measure in current and in constant dollars (% a year).
dr = drift_real.set_index("series").loc["early"]
gr = by_period_real.set_index(["period", "vintage"])
kink_real = growth_change_real[
    (growth_change_real["series"] == "early") & (growth_change_real["test"] == "kinked trend, Newey-West")
].set_index("break_year")
kink_nominal = growth_change[
    (growth_change["series"] == "early") & (growth_change["test"] == "kinked trend, Newey-West")
].set_index("break_year")
rows = [
    ("Mean yearly log change, 1980–2005", d_early["growth_pct"], dr["growth_pct"]),
    ("  95% interval, low", d_early["growth_ci95_low_pct"], dr["growth_ci95_low_pct"]),
    ("  95% interval, high", d_early["growth_ci95_high_pct"], dr["growth_ci95_high_pct"]),
]
rows += [
    (f"Compound growth, {period}", g.loc[(period, "early"), "cagr_pct"], gr.loc[(period, "early"), "cagr_pct"])
    for period in ["1980-1986", "1986-1994", "1994-2005", f"{config.nafta_start_year}-{best_year}", f"{best_year}-2005",
                   "1980-2005"]
]  # fmt: skip
for year in (1986, config.nafta_start_year):
    rows += [
        (f"Kinked trend at {year}: before", kink_nominal.loc[year, "growth_before_pct"],
         kink_real.loc[year, "growth_before_pct"]),
        (f"Kinked trend at {year}: after", kink_nominal.loc[year, "growth_after_pct"],
         kink_real.loc[year, "growth_after_pct"]),
    ]  # fmt: skip
nominal_real = pd.DataFrame(rows, columns=["measure", "current", "constant"])
nb.labels.update(
    {
        "measure": "Growth measure (early vintage)",
        "current": "Current dollars (% a year)",
        "constant": f"Constant {BASE_YEAR} dollars (% a year)",
    }
)
nominal_real.round(1)

# %%
cpi = us_prices.set_index("year")["index_1982_84_100"]
inflation = 100 * ((cpi.loc[2005] / cpi.loc[1980]) ** (1 / 25) - 1)
f_real = fold.set_index(["base_year", "end_vintage"])["ratio_constant_dollars"]
kink_p = {year: (kink_nominal.loc[year, "p_value"], kink_real.loc[year, "p_value"]) for year in (1986, 1994)}
welch_real = growth_change_real[
    (growth_change_real["series"] == "early")
    & (growth_change_real["break_year"] == config.nafta_start_year)
    & (growth_change_real["test"] == "mean yearly log change, Welch t")
].iloc[0]
first_real, gatt_real = gr.loc[(f"{config.nafta_start_year}-{best_year}", "early")], gr.loc[("1986-1994", "early")]
paper_periods = [(1980, 1986), (1986, 1994), (1994, 2005)]
period_inflation = [100 * ((cpi.loc[b] / cpi.loc[a]) ** (1 / (b - a)) - 1) for a, b in paper_periods]
inflation_fell = all(x > y for x, y in zip(period_inflation, period_inflation[1:], strict=False))
kink_stronger = kink_p[1994][1] < kink_p[1994][0]
both_bends = (
    "In constant dollars the trend bends up at GATT (1986) as well as at NAFTA, as US inflation fell: the bend is "
    "not specific to NAFTA. "
    if kink_p[1986][1] < 0.05 and kink_p[1994][1] < 0.05
    else ""
)
Markdown(
    f"""
- US consumer prices rose {100 * (cpi.loc[2005] / cpi.loc[1980] - 1):.0f}% from 1980 to 2005 (CPI-U
  {cpi.loc[1980]:.1f} to {cpi.loc[2005]:.1f}), {inflation:.1f}% a year on average, fastest at the start. In constant
  {BASE_YEAR} dollars remittances grew **{dr["growth_pct"]:.1f}% a year** (mean yearly log change, 95% interval
  {dr["growth_ci95_low_pct"]:.1f}% to {dr["growth_ci95_high_pct"]:.1f}%), against {d_early["growth_pct"]:.1f}% in
  current dollars: still fast, and still far from zero.
- "Thirty-fold" is a statement about current dollars, as the "official figures" are; in dollars of constant
  purchasing power in the US, 1980 to 2005 is a {f_real[(1980, "early")]:.1f}-fold increase
  ({f_real[(1980, "revised")]:.1f} with the revised 2005 figure).
- US inflation {"fell" if inflation_fell else "changed"} across the paper's periods
  ({", ".join(f"{x:.1f}%" for x in period_inflation)} a year in 1980–1986, 1986–1994 and 1994–2005), so real growth
  differs from period to period more than nominal growth: {gr.loc[("1980-1986", "early"), "cagr_pct"]:.1f}%,
  {gatt_real["cagr_pct"]:.1f}% and {gr.loc[("1994-2005", "early"), "cagr_pct"]:.1f}% a year in constant dollars,
  against {g.loc[("1980-1986", "early"), "cagr_pct"]:.1f}%, {gatt_nafta["cagr_pct"]:.1f}% and
  {g.loc[("1994-2005", "early"), "cagr_pct"]:.1f}% in current dollars.
- **Does a conclusion change?** The pattern does not: in constant dollars too, growth in NAFTA's first years
  (1994–{best_year}, {first_real["cagr_pct"]:.1f}% a year) was
  {"slower" if first_real["cagr_pct"] < gatt_real["cagr_pct"] else "faster"} than in 1986–1994
  ({gatt_real["cagr_pct"]:.1f}%), and the higher growth of 1994–2005 comes from the years after {best_year}. Compared
  as mean yearly changes, the comparison that fits a random walk, growth after 1994 was
  {"not " if welch_real["p_value"] >= 0.05 else ""}significantly faster (Welch p = {welch_real["p_value"]:.2f};
  {welch_1994["p_value"]:.2f} in current dollars). The kinked trend's bend is
  {"firmer" if kink_stronger else "weaker"} in constant dollars: p = {kink_p[1994][1]:.3f} at 1994
  ({kink_p[1994][0]:.3f} in current dollars) and p = {kink_p[1986][1]:.2f} at 1986 ({kink_p[1986][0]:.2f}).
  {both_bends}That test assumes a series that returns to its trend line, which the unit-root test does not
  support. Deflating lowers every rate by roughly the inflation of its years; it does not make the case for a
  NAFTA acceleration.
"""
)

# %% [markdown]
# ## What the data support, and what they do not

# %%
Markdown(
    f"""
- **Supported:** remittances grew fast, {t_early["annual_growth_pct"]:.1f}% a year on trend (95% interval
  {t_early["annual_growth_ci95_low_pct"]:.1f}% to {t_early["annual_growth_ci95_high_pct"]:.1f}%, Newey–West, an
  interval that is too narrow if the series is a random walk) on the figures the paper could see, and a little
  faster with the revised figures. The text's 2005 figure of "USD \\$20 billion" is the early vintage's
  {side_by_side.loc[2005, "early"]:,.0f} million (the revised
  figure, {side_by_side.loc[2005, "revised"]:,.1f} million, came later).
- **Supported from 1980, a base year the paper does not state:** "thirty-fold" (read, like every approximate
  number, as {accepted[0]:g} to {accepted[1]:g}) is 2005 over 1980 ({f[(1980, "early")]:.1f}, or
  {f[(1980, "revised")]:.1f} with the revised 2005 figure). From 1982, the year the paper gives for Mexico's
  neoliberal realignment, it is {f[(1982, "early")]:.1f}-fold ({from_1982}). In constant dollars, 1980 to 2005 is
  {f_real[(1980, "early")]:.1f}-fold.
- **In constant dollars** (US prices of {BASE_YEAR}): growth was {dr["growth_pct"]:.1f}% a year (95% interval
  {dr["growth_ci95_low_pct"]:.1f}% to {dr["growth_ci95_high_pct"]:.1f}%) rather than
  {d_early["growth_pct"]:.1f}%. The conclusions below hold in constant dollars too; only the kinked trend's bend is
  {"firmer" if kink_stronger else "weaker"} there{", at GATT as at NAFTA" if both_bends else ""} (section 6).
- **Not shown by these data:** that growth accelerated with NAFTA. Growth in 1994–{best_year}
  ({first_nafta["cagr_pct"]:.1f}% a year) was slower than in 1986–1994 ({gatt_nafta["cagr_pct"]:.1f}%). A Chow test
  at 1994 is significant by the F table (p = {nafta["p_value_f"]:.4f}) but borderline once serial correlation is
  allowed for (p = {nafta["p_value_simulated_ar1"]:.3f}), and its significance comes from the surge after
  {best_year}, where a single break fits best (without the years after {best_year}: F = {nafta_cut["f_statistic"]:.2f},
  p = {nafta_cut["p_value_f"]:.2f}). With an AR(1) coefficient of 0.8, more plausible than the plug-in estimate,
  p = {early_rho[(chow_1994, 0.8)]:.2f}; and compared as mean yearly changes, growth after 1994 was not
  significantly faster (Welch p = {welch_1994["p_value"]:.2f}). Nor is there a break at GATT (1986;
  p = {gatt["p_value_f"]:.2f}).
- **Suggestive only:** a change of growth around {best_year}. It is the best-fitting single break, but its sup-F
  p-value rises from {early_rho[(sup_test, round(plug_in, 2))]:.3f} at the plug-in AR(1) coefficient to
  {early_rho[(sup_test, 1.0)]:.2f} under a random walk, and Banco de México changed its recording in 2002–2003.
- **Growth, measured two ways:** the log series is consistent with a random walk with drift (ADF p ≈
  {adf_level["p_value_mackinnon"]:.2f}); measured as the mean yearly log change, growth was {d_early["growth_pct"]:.1f}%
  a year, 95% interval {d_early["growth_ci95_low_pct"]:.1f}% to {d_early["growth_ci95_high_pct"]:.1f}%, far wider than
  the trend's interval.
- **Not shown by these data:** that the rate of growth was "consistent": the trend leaves long runs of residuals of one
  sign, and yearly growth ranged from {yearly.min():.1f}% to {yearly.max():.1f}%.
- **Not knowable from this series:** why growth changed around {best_year}. A series of recorded receipts changes when
  the flows change and when the recording changes; 26 annual values cannot tell the two apart, nor attribute a change
  to a trade agreement. The best-fitting year was found by searching, so it is a description, not a tested hypothesis.

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Log-linear trend.** A straight line fitted to the logarithm of a series; its slope b is the
#   constant growth rate (exp(b) − 1 a year) that best summarises the years.
# - **HAC (Newey–West) standard errors.** Standard errors that allow the errors of nearby years to be
#   correlated (heteroskedasticity- and autocorrelation-consistent); the truncation lag says how many
#   years apart errors may be correlated. They are a large-sample device and tend to be too small in
#   26 years.
# - **AR(1) errors, unit root.** Errors in which each year carries a fraction ρ (the AR(1) coefficient)
#   of the previous year's error. With ρ = 1 (a unit root) shocks never fade: the series is a random walk.
# - **Chow test.** An F test of whether two separate lines, before and from a break year fixed in
#   advance, fit much better than one.
# - **sup-F test.** The largest Chow F over all candidate break years (Andrews 1993); its distribution
#   is not the F table's, and is simulated here.
# - **Simulated (Monte Carlo) p-value.** The share of series simulated with no break whose statistic is
#   at least as large as the one observed; its own Monte Carlo standard error is given.
# - **Augmented Dickey–Fuller (ADF) test.** A test of the hypothesis that a series has a unit root;
#   failing to reject it is not proof of a random walk, especially with few years.
# - **Random walk with drift, mean log change.** A series whose yearly log change is a constant (the
#   drift) plus an independent shock; its growth is estimated by the mean yearly log change.
# - **Kinked trend.** One continuous line in logs whose slope changes at a given year: a change in the
#   growth rate without a jump in level.
# - **Welch's t test.** A comparison of two means that does not assume equal variances.
# - **Compound annual growth (CAGR).** (end / start)^(1 / years) − 1: depends on the two end values only.
# - **Consumer price index (CPI-U).** The US Bureau of Labor Statistics' index of the prices urban
#   consumers pay for a fixed basket of goods and services; 1982–84 = 100 means the index averages 100
#   over those three years.
# - **Constant (real) dollars.** Current-dollar values multiplied by CPI(base year) / CPI(year), so that
#   every year's dollars buy the same basket in the US; growth in constant dollars is growth net of US
#   inflation.
