# %% [markdown]
# # 2. Municipal migratory intensity, 2000: many small municipalities, population loss and marginalisation
#
# **The claims.** Table 1 of Delgado Wise and Márquez Covarrubias (2006), lines 222–242 of the text,
# sorts Mexico's 2,443 municipalities by CONAPO's index of migratory intensity for 2000 into six
# degrees, from "Very high" to "Null". The text says that "in 2000, 96.2% of the country's
# municipalities reported some form of association with the phenomenon" (lines 212–213) and that
# "the change in migratory patterns and falling birth rates domestically are leading to a growing and
# worrisome trend toward depopulation: between 2000 and 2005, of the country's 2,435 municipalities,
# 832 (one out of every three) reported a negative rate growth" (lines 267–269).
#
# The paper puts migration and depopulation side by side but does not show, municipality by
# municipality, that the two go together. CONAPO's municipal files let us ask it:
#
# 1. What Table 1 says as a distribution: where the municipalities, people and households are, and how
#    large the municipalities and households of each degree are.
# 2. Did municipalities with more migration in 2000 grow less, or lose population more often, between
#    2000 and 2005, among municipalities of the same state, marginalisation and size?
# 3. How does migration relate to marginalisation? Migration research expects a "migration hump"
#    (Martin and Taylor 1996): the poorest places lack the means to emigrate, so migration should peak
#    at middling, not extreme, deprivation.
#
# Parts 2 and 3 use CONAPO's municipal files (committed in `data/raw/statistical_files/`), as the
# pipeline's microdata stage checked and joined them.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from migration_evidence.analysis import municipal, municipal_hump
from migration_evidence.analysis import municipal_robustness as robust
from migration_evidence.figures.printed import PALETTE
from migration_evidence.microdata.ingest import read_joined
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("municipal_migration_intensity")
settings = nb.settings()  # seeds, replications, bandwidths: config/statistics.yaml
table1 = nb.read_table("municipal_migration_intensity_2000")
table1

# %% [markdown]
# ## 1. Table 1 as a distribution: many municipalities, few people
#
# The printed table gives counts and shares. Dividing counts by counts gives what it does not print:
# the mean size of a municipality of each degree (persons per municipality) and of its households
# (persons per household). `population_share_over_municipality_share` below 1 means that the
# degree's municipalities are smaller than the average municipality.

# %%
size = municipal.size_by_degree(table1)
nb.write_table("size_by_degree", size)
size[
    [
        "degree",
        "municipalities",
        "municipalities_share_pct",
        "population_share_pct",
        "households_share_pct",
        "persons_per_municipality",
        "persons_per_household",
        "population_share_over_municipality_share",
    ]
].round(3)

# %%
by = size.set_index("degree")
everyone = by.loc["Absolutes"]
degrees = by[by["row_type"] == "detail"]
high = degrees.loc[["Very high", "High"]].sum()
biggest, smallest = degrees["persons_per_municipality"].idxmax(), degrees["persons_per_municipality"].idxmin()
households = degrees["persons_per_household"].sort_values()
Markdown(
    f"""
- **Many but small.** The {by.loc["Very high", "municipalities"]} municipalities of very high intensity are
  {by.loc["Very high", "municipalities_share_pct"]:.2f}% of all municipalities but hold
  {by.loc["Very high", "population_share_pct"]:.2f}% of the population: on average
  {by.loc["Very high", "persons_per_municipality"]:,.0f} people, against {everyone["persons_per_municipality"]:,.0f}
  in the average municipality ({by.loc["Very high", "population_share_over_municipality_share"]:.2f} times).
  Very high and high together are {high["municipalities"]:,} municipalities
  ({high["municipalities_share_pct"]:.1f}%) with {high["population_share_pct"]:.1f}% of the people. Size rises
  from very high to medium and {biggest.lower()} intensity ({degrees.loc[biggest, "persons_per_municipality"]:,.0f}
  people on average); the smallest municipalities are those of degree
  {smallest} ({degrees.loc[smallest, "persons_per_municipality"]:,.0f} people): no migration at all goes with
  very small places. Part of that is mechanical: the index comes from a census sample of about one household in
  ten, and in a small municipality such a sample can find no migrant household by chance (section 2 puts numbers
  on it).
- **Households.** A household of a very-high-intensity municipality has on average
  {by.loc["Very high", "persons_per_household"]:.3f} members (2,201,710 / 498,466), against
  {everyone["persons_per_household"]:.3f} nationally. The largest households are in the {households.index[-1]}
  municipalities ({households.iloc[-1]:.3f}; 633,587 / 126,844), the smallest in the {households.index[0]} and
  {households.index[1]} degrees ({households.iloc[0]:.3f}, {households.iloc[1]:.3f}), where most people live.
- **"Some form of association".** All but the {by.loc["Null", "municipalities"]} Null municipalities
  ({by.loc["Null", "municipalities_share_pct"]:.2f}%) have some migration: the text's 96.2% is
  100 − {by.loc["Null", "municipalities_share_pct"]:.2f}, rounded.
- **What the table cannot say.** These are averages over whole degrees. They do not say whether the small
  size of high-intensity municipalities is a cause of migration, a consequence of it (people who left are not
  counted), or a trait of the rural regions where both are common; and household sizes do not say who lives
  in the households or who has left them.
"""
)

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.8), gridspec_kw={"width_ratios": [1.5, 1]})
detail = size[size["row_type"] == "detail"]
positions = np.arange(len(detail))
for offset, (column, label, colour) in zip(
    (-0.27, 0, 0.27),
    [
        ("municipalities_share_pct", "municipalities", PALETTE["orange"]),
        ("population_share_pct", "population", PALETTE["blue"]),
        ("households_share_pct", "households", PALETTE["sky"]),
    ],
    strict=True,
):
    left.bar(positions + offset, detail[column], width=0.27, color=colour, label=label)
left.set_xticks(positions, detail["degree"])
left.set_ylabel("Share of the national total (%)")
left.set_xlabel("Degree of migratory intensity, 2000")
left.legend(fontsize=8)
right.barh(positions, detail["persons_per_municipality"] / 1000, color=PALETTE["blue"])
right.axvline(everyone["persons_per_municipality"] / 1000, color="#444444", linestyle="--", linewidth=1)
right.text(everyone["persons_per_municipality"] / 1000, len(detail) - 0.4, " all", fontsize=8, color="#444444")
right.set_yticks(positions, detail["degree"])
right.invert_yaxis()
right.set_xlabel("Persons per municipality (thousand)")
fig.suptitle(
    f"Very high intensity: {by.loc['Very high', 'municipalities_share_pct']:.1f}% of municipalities, "
    f"{by.loc['Very high', 'population_share_pct']:.1f}% of people",
    fontsize=11,
)
fig.text(
    0.01,
    -0.04,
    "Source: Conapo (2000), as printed in Delgado Wise and Márquez Covarrubias (2006), Table 1.",
    fontsize=7.5,
)
plt.show()

# %% [markdown]
# ## 2. CONAPO's municipal files
#
# The pipeline's microdata stage checks the files (checksums, schemas, that the degrees stratify the
# index), joins them into one row per municipality and rebuilds every cell of Table 1 from them; this
# notebook reads that joined table. Only aggregates are written out.

# %%
joined = read_joined(nb.input("municipalities"))
display(Markdown(f"CONAPO's two files, checked and joined by the microdata stage: {len(joined):,} municipalities."))

# %% [markdown]
# ### The 93 "Null" municipalities
#
# CONAPO gives no index to the 93 municipalities of degree "Null" (no household with migrants,
# remittances or returnees); the file writes 0.0 in their place. That 0.0 is not a low value: the
# index is standardised, so 0.0 is above the median. Read as written, the Null municipalities would
# rank among the more migratory ones.
#
# The index combines four shares of households (receiving remittances, with emigrants to the United
# States in 1995–2000, with circular migrants, with return migrants) linearly, so it can be recovered
# as `a + Σ b_j share_j` from the municipalities that have one (the fit below is exact); its value at
# zero shares, `a`, is the index a municipality without migration would get. The main analyses leave the Null
# municipalities out (they have no index); robustness checks put them at `a`, and, to show what the
# mistake would do, at the 0.0 the file writes.

# %%
# The fit of the index on its four shares, made by the microdata stage from the index file.
formula = pd.read_csv(nb.input("index_formula"))
at_zero_shares = float(formula.set_index("quantity").loc["index_at_zero_shares", "value"])
frame = municipal.analysis_frame(joined, at_zero_shares)
# Population change in the other periods, households and the 1990 marginalisation index (sections 2-4).
frame = robust.with_other_periods(
    frame,
    joined,
    joined.set_index("municipality_key")["marginalisation_index_1990"],
)
samples = municipal.sample_table(frame, joined)
nb.write_table("samples", samples)
display(formula, samples)

# %%
f = formula.set_index("quantity")["value"]
s = samples.set_index("quantity")["municipalities"]
creating_states = samples.set_index("quantity").loc["states_that_created_municipalities", "note"]
display(
    Markdown(
        f"""
- The formula reproduces all {f["municipalities_with_index"]:,.0f} published indices (largest difference
  {f["max_abs_residual"]:.1e}). At zero shares it gives **{at_zero_shares:.4f}**, just below the lowest published
  index ({f["lowest_published_index"]:.4f}): the Null municipalities belong at the bottom, as their degree says.
  The 0.0 the file writes would put them above {f["share_of_indexed_below_written_zero_pct"]:.1f}% of the
  municipalities that have an index.
- Samples: {s["main_sample"]:,} municipalities have both an index and a marginalisation index for 2000 (the
  main sample); {s["without_marginalisation_index_2000"]} municipality has no marginalisation index and it is of
  degree Null. With the Null municipalities at the index of zero shares the sample is
  {s["sample_with_null_at_zero_shares"]:,}.
- Geography: between 2000 and 2005, {s["municipalities_created_2000_2005"]} municipalities were created in
  {s["states_that_created_municipalities"]} states ({creating_states}).
  The files do not say which municipalities ceded the territory, so a loss of population there can be a change
  of boundaries; one robustness check leaves those states out ({s["main_sample_in_those_states"]} municipalities).
"""
    )
)

# %% [markdown]
# ### "No migration at all": zero by chance?
#
# CONAPO's four household shares come from the 2000 census's extended questionnaire, which about one
# household in ten answered. A municipality is "Null" when that sample holds no household with an
# emigrant, a return migrant, a circular migrant or remittances. In a small municipality that can
# happen even if some households do have migrants: with H households of which a share p has
# migration, a sample of H/10 finds none with probability about (1 − p)^(H/10). The first two rows
# compare the size of the Null municipalities with the others; the rest give that probability.

# %%
sampling = robust.null_sampling(frame)
nb.write_table("null_sampling", sampling)
display(
    sampling[sampling["kind"] == "households"][
        ["group", "municipalities", "households_median", "households_p10", "households_p90",
         "share_under_500_households_pct", "share_under_1000_households_pct"]
    ].round(1),
    sampling[sampling["kind"] == "probability"]
    .pivot(index="households", columns="share_with_migration_pct",
           values="probability_no_migrant_household_in_sample_pct")
    .rename(columns=lambda p: f"No migrant household in the sample if {p:g}% have migration (%)")
    .round(1),
)  # fmt: skip

# %%
sz = sampling[sampling["kind"] == "households"].set_index("group")
pr = sampling[sampling["kind"] == "probability"].set_index(["households", "share_with_migration_pct"])[
    "probability_no_migrant_household_in_sample_pct"
]
display(
    Markdown(
        f"""
- The Null municipalities are small: a median of {sz.loc["Null", "households_median"]:,.0f} households against
  {sz.loc["with an index", "households_median"]:,.0f} for the others;
  {sz.loc["Null", "share_under_500_households_pct"]:.0f}% of them have fewer than 500 households (others:
  {sz.loc["with an index", "share_under_500_households_pct"]:.0f}%).
- In a municipality of 500 households where 2% of households have migration, a one-in-ten sample finds none with
  probability {pr[(500, 2.0)]:.0f}%; at 1,000 households it is {pr[(1000, 2.0)]:.0f}%, at 2,500 households
  {pr[(2500, 2.0)]:.1f}%. So "no migration at all" in a small municipality often means "few migrants, none
  sampled": the link between the Null degree and small size is partly a property of the measurement.
"""
    )
)

# %% [markdown]
# ## 3. Did municipalities with more migration grow less, 2000–2005?
#
# **Outcome.** Population change between the two counts in CONAPO's file, as a log difference,
# `100 × ln(P2005 / P2000)` (log points). Logs treat a loss and a gain of the same proportion
# symmetrically, add up over sub-periods, and read as percentages for changes of a few percent, while
# the handful of municipalities that doubled or lost most of their population (often boundary changes)
# weigh less than in percent changes. A check uses the percent change. Growth is not annualised: all
# municipalities share the interval, so that would only rescale every coefficient.
#
# **Model.** Least squares of the outcome on the index of migratory intensity (IIM, 2000), CONAPO's
# index of marginalisation (IM, 2000; higher = more deprived) and the log of the 2000 population, with
# one intercept per state (state fixed effects), so that municipalities are compared with others of
# their own state. Each municipality counts once, whatever its size: the question is about
# municipalities, not people.
#
# **Uncertainty.** Municipalities of a state share policies, labour markets and migration networks,
# so their errors are correlated: standard errors are clustered by state. There are only **32
# clusters**, which is enough for cluster-robust errors to be usable but few enough for them to be
# somewhat optimistic; tests and intervals therefore use Student's *t* with 31 degrees of freedom, and
# the coefficient on the index is also checked with a wild cluster bootstrap (Rademacher weights drawn
# per state, 9,999 draws, fixed seed; the `wildboottest` library, which computes each draw from the
# states' scores instead of re-estimating the model): the restricted version for the p-value, the
# bootstrap-*t* for the interval. The classical (independent-errors) standard error is shown for comparison. A
# p-value below 0.001 is shown as "< 0.001"; the CSV files keep it to six significant digits.

# %%
growth = municipal.growth_regressions(frame, replications=settings["wild_replications"], seed=settings["wild_seed"])
nb.write_table("growth_regression", growth)
display(
    growth[
        [
            "specification",
            "term",
            "estimate",
            "std_error_cluster",
            "ci95_low",
            "ci95_high",
            "p_value",
            "std_error_classical",
            "wild_p_value",
            "wild_ci95_low",
            "wild_ci95_high",
            "n",
            "clusters",
        ]
    ].round(3)
)

# %%
index_rows = growth[growth["term"].str.startswith(("migratory_intensity", "index_null"))].reset_index(drop=True)
fig, ax = plt.subplots(figsize=(8, 3.6))
y = np.arange(len(index_rows))[::-1]
ax.errorbar(
    index_rows["estimate"],
    y + 0.12,
    xerr=[index_rows["estimate"] - index_rows["ci95_low"], index_rows["ci95_high"] - index_rows["estimate"]],
    fmt="o",
    color=PALETTE["blue"],
    label="95% interval:\nclustered by state, t(G − 1)",
)
ax.errorbar(
    index_rows["estimate"],
    y - 0.12,
    xerr=[
        index_rows["estimate"] - index_rows["wild_ci95_low"],
        index_rows["wild_ci95_high"] - index_rows["estimate"],
    ],
    fmt="s",
    color=PALETTE["vermillion"],
    markersize=4,
    label="95% interval:\nwild cluster bootstrap-t",
)
ax.axvline(0, color="#444444", linewidth=0.8)
ax.set_yticks(y, [f"{r.specification} (n = {r.n:,})" for r in index_rows.itertuples()], fontsize=8)
ax.set_xlabel("Change in population 2000–2005 per unit of the index (log points)")
ax.set_xlim(-7, 4.5)
ax.legend(fontsize=7.5, loc="lower right", framealpha=0.95)
main = index_rows.iloc[0]
ax.set_title(
    f"Municipalities with one point more migratory intensity grew {-main['estimate']:.1f} log points less, "
    "2000–2005\n(an association within states, at equal marginalisation and size)",
    fontsize=10,
)
fig.text(
    0.01,
    -0.04,
    "Source: CONAPO, municipal indices of migratory intensity (2000) and marginalisation; population counts.",
    fontsize=7.5,
)
plt.show()

# %%
g = growth.set_index(["specification", "term"])
main = g.loc[("main: log points, state fixed effects", "migratory_intensity_index")]
margin = g.loc[("main: log points, state fixed effects", "marginalisation_index_2000")]
logsize = g.loc[("main: log points, state fixed effects", "log_population_2000")]
index_estimates = growth[growth["term"] != "marginalisation_index_2000"]
index_estimates = index_estimates[index_estimates["term"] != "log_population_2000"]
display(
    Markdown(
        f"""
- Within states and at equal marginalisation and size, a municipality with an index one point higher (the index's
  standard deviation is {main["regressor_sd"]:.2f}) grew **{-main["estimate"]:.2f} log points** less over
  2000–2005 (95% interval {main["ci95_low"]:.2f} to {main["ci95_high"]:.2f} with errors clustered by state;
  wild cluster bootstrap {main["wild_ci95_low"]:.2f} to {main["wild_ci95_high"]:.2f}, p = {main["wild_p_value"]:.4f}
  with {main["n"]:,} municipalities in {main["clusters"]} states). The average municipality changed by
  {main["outcome_mean"]:.2f} log points, with a standard deviation of {main["outcome_sd"]:.1f}.
- Clustering matters: the classical standard error ({main["std_error_classical"]:.2f}) is
  {main["std_error_cluster"] / main["std_error_classical"]:.1f} times smaller than the clustered one. The bootstrap
  interval is wider than the clustered one but far from zero.
- The estimate hardly moves across specifications: from {index_estimates["estimate"].min():.2f} to
  {index_estimates["estimate"].max():.2f} log points per point of the index, without state effects, without the
  four states that created municipalities, in percent, and with the Null municipalities in either coding.
- Marginalisation and size: more deprived municipalities grew less ({margin["estimate"]:.2f} log points per point
  of the marginalisation index, interval {margin["ci95_low"]:.2f} to {margin["ci95_high"]:.2f}), larger ones more
  ({logsize["estimate"]:.2f} per log point of 2000 population, interval {logsize["ci95_low"]:.2f} to
  {logsize["ci95_high"]:.2f}).
"""
    )
)

# %% [markdown]
# ### Is the 2005 count a good outcome? Other periods, and placebos
#
# The outcome so far rests on the 2005 count (Conteo de Población y Vivienda 2005), a shorter, quicker
# operation than a census. About half of all municipalities "lost" population between 2000 and 2005, a
# tenth between 2005 and 2010 (table below): a swing that large suggests that the 2005 count missed more
# people than the censuses on either side of it, and if it missed more of them in some municipalities
# than in others, the 2000–2005 change carries that error. Two checks:
#
# - **2000–2010**, from census to census, as the outcome instead;
# - **placebos**: population change *before* the index's reference period (1990–1995) and during it
#   (1995–2000). If the index is as strongly associated with change before 2000 as after, the 2000–2005
#   association is the continuation of a long-standing pattern (places that were already losing people),
#   not something that began after the index was measured.
#
# Each period's model is the main one (state fixed effects, marginalisation and log population of 2000,
# errors clustered by state). The wild cluster bootstrap uses fewer draws here than above
# (`wild_replications_by_period` in `config/statistics.yaml`), so its p-values have a coarser floor,
# 1 / (draws + 1).

# %%
periods = robust.period_summary(frame)
nb.write_table("population_change_by_period", periods)
by_period = robust.period_regressions(
    frame, replications=settings["wild_replications_by_period"], seed=settings["wild_seed"]
)
nb.write_table("growth_by_period_regression", by_period)
display(
    periods.round(1),
    by_period[["check", "role", "estimate", "ci95_low", "ci95_high", "p_value", "wild_p_value", "n"]].round(3),
)

# %%
pe = periods.set_index("period")
bp = by_period.set_index("check")
display(
    Markdown(
        f"""
- Share of municipalities that lost population: {pe.loc["1990-1995", "lost_population_pct"]:.0f}% in 1990–1995,
  {pe.loc["1995-2000", "lost_population_pct"]:.0f}% in 1995–2000, **{pe.loc["2000-2005", "lost_population_pct"]:.0f}%
  in 2000–2005**, {pe.loc["2005-2010", "lost_population_pct"]:.0f}% in 2005–2010 and
  {pe.loc["2000-2010", "lost_population_pct"]:.0f}% over 2000–2010. The 2000–2005 figure stands out; the paper's
  count of "one out of every three" municipalities rests on the same 2005 count.
- From census to census (2000–2010) the association is as strong: {bp.loc["2000-2010", "estimate"]:.2f} log points
  per point of the index over ten years (95% interval {bp.loc["2000-2010", "ci95_low"]:.2f} to
  {bp.loc["2000-2010", "ci95_high"]:.2f}). So the 2000–2005 result does not depend on the 2005 count alone.
- **Placebos.** Before the index's reference period, in 1990–1995, municipalities with a higher 2000 index already
  grew less ({bp.loc["1990-1995", "estimate"]:.2f} log points per point, interval {bp.loc["1990-1995", "ci95_low"]:.2f}
  to {bp.loc["1990-1995", "ci95_high"]:.2f}), and in 1995–2000 too ({bp.loc["1995-2000", "estimate"]:.2f}). The
  index marks places that were losing people before it was measured: the association after 2000 continues an
  older pattern, which is one more reason not to read it as an effect of the migration the index records.
"""
    )
)

# %% [markdown]
# ## 4. Which municipalities lost population?
#
# The paper counts municipalities with negative growth. A logit of losing population (P2005 < P2000) on
# the same regressors says how the probability of a loss varies with the index. With state fixed
# effects, a state where every municipality kept or gained population has an infinite state effect and
# tells nothing about the other coefficients, so its municipalities are dropped (the list is in the
# table). Errors are clustered by state, with *t*(G − 1) intervals. Coefficients of a logit are log
# odds; the **average marginal effect** (AME) is the change in the probability of a loss, in percentage
# points, per unit of a regressor, averaged over the municipalities (delta-method standard errors).

# %%
logit = municipal.loss_logits(frame)
nb.write_table("loss_logit", logit)
display(
    logit[
        [
            "specification",
            "term",
            "coefficient",
            "std_error_cluster",
            "odds_ratio",
            "ame_pp",
            "ame_ci95_low_pp",
            "ame_ci95_high_pp",
            "ame_p_value",
            "n",
            "clusters",
            "lost_population_pct",
            "states_dropped_names",
        ]
    ].round(3)
)

# %%
lg = logit.set_index(["specification", "term"])
ame = lg.loc[("main: state fixed effects", "migratory_intensity_index")]
ame_margin = lg.loc[("main: state fixed effects", "marginalisation_index_2000")]
pooled = lg.loc[("no state fixed effects", "migratory_intensity_index")]
display(
    Markdown(
        f"""
- In the main sample {ame["lost_population_pct"]:.1f}% of the municipalities lost population. At equal
  marginalisation and size, within states, one more point of the index goes with a probability of losing
  population higher by **{ame["ame_pp"]:.1f} percentage points** on average (95% interval
  {ame["ame_ci95_low_pp"]:.1f} to {ame["ame_ci95_high_pp"]:.1f}; odds ratio {ame["odds_ratio"]:.2f}).
  {ame["states_dropped_names"]} ({ame["municipalities_dropped"]} municipalities, none of which lost population)
  drop out of this model; without state effects, keeping them, the effect is {pooled["ame_pp"]:.1f} points.
- More deprived municipalities were more likely to lose population too ({ame_margin["ame_pp"]:.1f} points per
  point of the marginalisation index, interval {ame_margin["ame_ci95_low_pp"]:.1f} to
  {ame_margin["ame_ci95_high_pp"]:.1f}).
"""
    )
)

# %% [markdown]
# ### One robustness table
#
# The coefficient on the index in the main models, and what becomes of it when:
#
# - **one state is left out** at a time (Oaxaca alone holds over a fifth of the municipalities; the table
#   shows the estimate without it and the smallest and largest of the 32);
# - **municipalities are weighted by their population** (the question becomes one about people rather
#   than municipalities);
# - **the 1990 marginalisation index** replaces that of 2000 (the 2000 index may itself respond to
#   migration: remittances pay for better houses and services, which lower marginalisation, so
#   controlling for it can absorb part of the association);
# - losing population is modelled by a **linear probability model** (least squares on the 0/1 outcome,
#   coefficient in percentage points) beside the logit's average marginal effect.
#
# All with state fixed effects and errors clustered by state, *t*(G − 1).

# %%
checks = robust.robustness(frame)
nb.write_table("robustness", checks)
out_of_state = robust.leave_one_state_out(frame)
nb.write_table("leave_one_state_out", out_of_state)
display(checks[["check", "estimate", "ci95_low", "ci95_high", "p_value", "n", "clusters"]].round(2))

# %%
ck = checks.set_index("check")
oax = out_of_state.set_index("state_left_out").loc["Oaxaca"]
lpm = ck.loc["losing population: linear probability model (percentage points)"]
lgt = ck.loc["losing population: logit, average marginal effect (percentage points)"]
display(
    Markdown(
        f"""
- Oaxaca holds {oax["share_of_municipalities_left_out_pct"]:.0f}% of the municipalities of the main sample;
  without it the coefficient is {oax["estimate"]:.2f} (main: {ck.iloc[0]["estimate"]:.2f}). Leaving out any one
  state keeps it between {out_of_state["estimate"].min():.2f} and {out_of_state["estimate"].max():.2f}.
- Weighted by population: {ck.loc["weighted by 2000 population", "estimate"]:.2f}; with the 1990 marginalisation
  index: {ck.loc["1990 marginalisation index instead of 2000", "estimate"]:.2f}.
- Losing population: {lpm["estimate"]:.1f} percentage points per point of the index in the linear probability
  model, {lgt["estimate"]:.1f} as the logit's average marginal effect (the logit drops the states where no
  municipality lost population).
- The sign and rough size of the association survive every check; none of them turns it into a causal effect.
"""
    )
)

# %% [markdown]
# ## 5. Migration and marginalisation: a hump?
#
# The index of migratory intensity regressed on the index of marginalisation and its square. If the
# square's coefficient is negative the fitted curve is an inverted U with its peak (turning point) at
# `−b1 / (2 b2)`. A peak is only a hump if it lies inside the data: the Lind–Mehlum test asks that the
# slope be significantly positive at the least marginalised municipality and significantly negative at
# the most marginalised one. The turning point is a ratio of estimates, so its interval is given two
# ways: by the delta method (errors clustered by state) and by drawing whole states with replacement
# (4,999 draws, fixed seed, percentile interval). A quadratic forces a symmetric hump, so binned means
# (twenty groups of equal size) and a lowess curve (local linear fits to the nearest 30% of the
# municipalities) show the shape without that constraint.

# %%
hump = pd.concat(
    [
        municipal_hump.hump(frame, replications=settings["pairs_replications"], seed=settings["pairs_seed"]),
        municipal_hump.lowess_peak(frame, frac=settings["lowess_fraction"]),
    ],
    ignore_index=True,
)
nb.write_table("intensity_marginalisation", hump)
bins = municipal_hump.intensity_by_marginalisation_bin(frame, bins=settings["marginalisation_bins"])
nb.write_table("marginalisation_bins", bins)
shown = hump[~hump["quantity"].isin(["marginalisation_min", "marginalisation_max"])]
display(
    shown[
        [
            "specification",
            "quantity",
            "estimate",
            "std_error",
            "ci95_low",
            "ci95_high",
            "p_value",
            "method",
            "n",
        ]
    ].round(4)
)

# %%
display(bins.round(3))

# %%
q = hump[hump["specification"] == "main: municipalities with an index"].set_index(["quantity", "method"])
b1 = q.loc[("marginalisation", "CRV1 by state, t(G-1)"), "estimate"]
b2 = q.loc[("marginalisation_squared", "CRV1 by state, t(G-1)"), "estimate"]
turning = q.loc[("turning_point", "delta method, CRV1, t(G-1)")]
curve = municipal_hump.lowess_curve(frame, frac=settings["lowess_fraction"])
peak = hump[hump["quantity"] == "marginalisation_at_peak"].iloc[0]
data = frame.dropna(subset=["migratory_intensity_index", "marginalisation_index_2000"])
fig, ax = plt.subplots(figsize=(8, 4.6))
ax.scatter(
    data["marginalisation_index_2000"],
    data["migratory_intensity_index"],
    s=4,
    color=PALETTE["grey"],
    alpha=0.35,
    rasterized=True,
    label="municipalities (Null: no index, not shown)",
)
ax.plot(bins["marginalisation_mean"], bins["index_mean"], "o", color=PALETTE["blue"], label="mean, by twentieth")
ax.plot(curve[:, 0], curve[:, 1], color=PALETTE["green"], label="lowess")
grid = np.linspace(data["marginalisation_index_2000"].min(), data["marginalisation_index_2000"].max(), 200)
intercept = data["migratory_intensity_index"].mean() - (
    b1 * data["marginalisation_index_2000"].mean() + b2 * (data["marginalisation_index_2000"] ** 2).mean()
)
ax.plot(grid, intercept + b1 * grid + b2 * grid**2, color=PALETTE["vermillion"], label="quadratic fit")
ax.axvspan(turning["ci95_low"], turning["ci95_high"], color=PALETTE["vermillion"], alpha=0.12)
ax.axvline(turning["estimate"], color=PALETTE["vermillion"], linestyle="--", linewidth=1)
ax.set_ylim(-1.2, 3.5)
ax.set_xlabel("Index of marginalisation, 2000 (higher = more deprived)")
ax.set_ylabel("Index of migratory intensity, 2000")
ax.legend(fontsize=7.5, loc="upper right")
ax.set_title(
    f"Migration peaks at middling marginalisation: turning point {turning['estimate']:.2f} "
    f"(95% interval {turning['ci95_low']:.2f} to {turning['ci95_high']:.2f})",
    fontsize=10,
)
fig.text(
    0.01,
    -0.04,
    "Axis cut at 3.5: a few municipalities reach an index of 6.4. Shaded: delta-method interval of the "
    "turning point. Source: CONAPO.",
    fontsize=7.5,
)
plt.show()

# %%
boot = q.loc[("turning_point", hump.loc[hump["method"].str.startswith("pairs"), "method"].iloc[0])]
lo, hi = q.loc[("marginalisation_min", ""), "estimate"], q.loc[("marginalisation_max", ""), "estimate"]
test = q.loc[("inverted_u_test", "Lind-Mehlum: larger one-sided p")]
below = q.loc[("municipalities_below_turning_point_pct", "share of n"), "estimate"]
within = hump[hump["specification"] == "within states (state fixed effects)"].set_index(["quantity", "method"])
within_tp = within.loc[("turning_point", "delta method, CRV1, t(G-1)")]
nulls = hump[hump["specification"] == "Null municipalities at the index of zero shares"].set_index(
    ["quantity", "method"]
)
nulls_tp = nulls.loc[("turning_point", "delta method, CRV1, t(G-1)")]
top_bin = bins.loc[bins["index_mean"].idxmax()]
display(
    Markdown(
        f"""
- The square's coefficient is negative ({b2:.3f}) and the fitted curve peaks at a marginalisation index of
  **{turning["estimate"]:.2f}** (95% interval {turning["ci95_low"]:.2f} to {turning["ci95_high"]:.2f} by the delta
  method, {boot["ci95_low"]:.2f} to {boot["ci95_high"]:.2f} by drawing states), well inside the observed range
  ({lo:.2f} to {hi:.2f}); {below:.0f}% of the municipalities lie below it. The slope is positive at the least
  marginalised end and negative at the most marginalised one (Lind–Mehlum p = {test["p_value"]:.4f}): an
  inverted U, not just a curve that flattens.
- Without the quadratic's symmetry the shape is the same: the binned means are highest in twentieth
  {top_bin["bin"]:.0f} (marginalisation {top_bin["marginalisation_low"]:.2f} to {top_bin["marginalisation_high"]:.2f},
  most often of degree "{top_bin["marginalisation_degree_most_common"]}") and the lowess curve peaks at
  {peak["estimate"]:.2f}. The shape is not symmetric: intensity rises quickly from the least marginalised
  municipalities and falls slowly towards the most deprived ones, so the peak lies left of the quadratic's turning
  point, and the quadratic, forced to be symmetric, falls too steeply at the most deprived end.
- Within states the hump remains (turning point {within_tp["estimate"]:.2f}, interval
  {within_tp["ci95_low"]:.2f} to {within_tp["ci95_high"]:.2f}), so it is not only a contrast between states.
  With the Null municipalities, which are concentrated among the most deprived, at the index of zero shares, the
  turning point is {nulls_tp["estimate"]:.2f}.
- In the most deprived twentieth of municipalities {bins["null_degree_pct"].iloc[-1]:.0f}% have no migration
  at all (degree Null).
"""
    )
)

# %% [markdown]
# ## What the data support, and what they do not

# %%
# The count of municipalities that lost population, 2000-2005, is the pipeline's (rule
# municipal_population_change), set against the paper's.
vs_paper = pd.read_csv(nb.input("depopulation_vs_paper")).set_index("measure")
# Conley (spatial-HAC) errors for the same regression, from the rule municipal_conley_errors (notebook 7).
conley = pd.read_csv(nb.input("growth_conley")).set_index(["period", "term"])
spatial = conley.loc[("2000-2005", "migratory_intensity_index")]
if abs(spatial["estimate"] - main["estimate"]) > 1e-6:
    raise ValueError("notebook 7's 2000-2005 regression is not this notebook's main regression")
paper_lost, files_lost = vs_paper.loc["municipalities_lost_population", ["paper", "microdata"]]
paper_counted, files_counted = vs_paper.loc["municipalities_counted", ["paper", "microdata"]]
display(
    Markdown(
        f"""
- **Supported: many but small.** High-intensity municipalities are numerous and small; Table 1's
  shares and sizes say so directly, and the text's 96.2% is the share of municipalities that are not Null.
- **Supported, as an association: more migration, less growth.** Municipalities with a higher index in 2000
  grew less and lost population more often in 2000–2005, compared with municipalities of the same state,
  marginalisation and size ({main["estimate"]:.2f} log points per point of the index; {ame["ame_pp"]:.1f}
  percentage points more likely to lose population). This is the municipal pattern the paper's sentence on
  depopulation implies. The paper's count itself ({paper_lost:,.0f} of {paper_counted:,.0f}) is not reproduced:
  the files give {files_lost:,.0f} of {files_counted:,.0f} (the pipeline's count; `reports/municipal_microdata.md`
  discusses why).
- **Not shown: that migration caused the losses.** The index and the outcome are not independent measurements
  of cause and effect: the index counts households whose members left in 1995–2000, so it partly measures the
  same emigration that continues after 2000; and whatever made people leave (farm incomes, the end of local jobs,
  falling fertility, which the paper also names) can lower growth by itself. Moves to Mexican cities are in the
  outcome but not in the index. The index is associated with population loss in 1990–1995 as well, before the
  migration it records. No variable here separates these explanations.
- **Not robust to the reverse channel, and not meant to be:** migration also changes marginalisation, since
  remittances pay for houses, services and schooling, so the 2000 marginalisation index is partly an outcome of
  the migration it is meant to hold constant. Using the 1990 index instead leaves the estimate about where it was.
- **The outcome's count.** Half the municipalities "lost" population in 2000–2005 and a tenth in 2005–2010; the
  2005 count probably missed more people than the censuses. From census to census (2000–2010) the association is
  the same in sign and larger over the longer span.
- **Supported: a hump.** Migration is highest at middling marginalisation (turning point {turning["estimate"]:.2f},
  interval {turning["ci95_low"]:.2f} to {turning["ci95_high"]:.2f}, inside the data) and lowest among the most
  deprived municipalities, within states too. Both indices are relative measures built for 2000, so the peak is a
  position in Mexico's 2000 distribution of marginalisation, not a level of income; and one cross-section cannot
  say that a municipality becomes more migratory as it develops, which is what the hump argument is about.
- **Small number of clusters.** Inference rests on {main["clusters"]} states. The wild cluster bootstrap,
  which keeps its stated size with this many clusters in simulations (Cameron, Gelbach and Miller 2008), puts
  every coefficient of the index far from zero (largest bootstrap p-value
  {index_estimates["wild_p_value"].max():.4f}); the coefficients of marginalisation and size rely on the
  clustered errors alone.
- **Correlation across state borders.** Clustering by state allows any correlation inside a state and none
  across its border. Conley's spatial-HAC errors (correlation between municipalities within 100 km, weighted down
  with distance, whatever the border; notebook 7, section 6) give the index a standard error of
  {spatial["std_error_conley_100km"]:.2f} against {spatial["std_error_cluster"]:.2f} clustered by state (50 km:
  {spatial["std_error_conley_50km"]:.2f}; 200 km: {spatial["std_error_conley_200km"]:.2f}): the clustered
  interval is the more cautious, and the association is far from zero under both.
- **Sampling.** "No migration at all" is partly a sampling zero: the index comes from a one-in-ten census
  sample, and the Null municipalities are small.
- **Coding and geography.** The 93 Null municipalities have no index: left out in the main models, placed at the
  value the index formula gives to no migration in checks; the 0.0 the file writes would rank them above most
  municipalities. Eleven municipalities were created in 2000–2005; leaving out the four states where that
  happened barely changes the estimates.
- **Municipalities, not people.** Each municipality counts once; the estimates describe municipalities and say
  nothing about which households or people left.

Every number in this notebook is in these files:
"""
    )
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Log points.** 100 × the change in the natural logarithm; close to a percent change for small
#   changes, and symmetric for gains and losses.
# - **State fixed effects.** One intercept per state, so that municipalities are compared only with
#   others of their own state.
# - **Clustered standard errors.** Standard errors that let the errors of municipalities in the same
#   state be correlated; with 32 states, tests use Student's *t* with 31 degrees of freedom.
# - **Wild cluster bootstrap.** A resampling check of a clustered test that keeps its stated size with
#   few clusters: each state's residuals are multiplied by +1 or −1 at random, many times. "Restricted"
#   draws impose a zero coefficient (for the p-value); "unrestricted" ones do not (for the interval).
# - **Logit and average marginal effect (AME).** A model of the probability of losing population; the
#   AME is the change in that probability, in percentage points, per unit of a regressor, averaged over
#   the municipalities, with a **delta-method** standard error (a linear approximation of a non-linear
#   function of the estimates).
# - **Linear probability model.** Least squares on a 0/1 outcome: its coefficients are changes in
#   probability directly.
# - **Placebo outcome.** An outcome the explanation should not affect (here, change before the index's
#   period); an association there points to something other than the explanation.
# - **Sampling zero.** A zero count that arises because only a sample was observed.
# - **Quadratic turning point and the Lind–Mehlum test.** The peak −b1 / (2 b2) of a fitted parabola, and
#   a test that the slope is positive before the peak and negative after it within the data.
# - **Lowess.** A smooth curve made of local straight-line fits to the nearest 30% of the points.
# - **Pairs cluster bootstrap.** Resampling whole states with replacement to get an interval.
