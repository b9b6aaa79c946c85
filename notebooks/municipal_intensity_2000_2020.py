# %% [markdown]
# # 7. Municipal migratory intensity twenty years on: 2000, 2010 and 2020
#
# **The question.** Notebook 2 and Table 1 of Delgado Wise and Márquez Covarrubias (2006) describe
# Mexico's municipalities in 2000: 162 of "very high" migratory intensity to the United States, many
# but small, and a "worrisome trend toward depopulation" (832 of 2,435 municipalities losing people
# between 2000 and 2005, lines 267–269 of the text). CONAPO has since published the same municipal
# index for 2010 and 2020, and the censuses of 2010 and 2020 counted every municipality. Do the
# paper's pictures still hold twenty years on?
#
# 1. **One panel.** Every municipality of 2000, 2010 and 2020 keyed by its INEGI code; the
#    municipalities created between the waves and how each is handled.
# 2. **The four indicators** (households or dwellings receiving remittances, with emigrants, with
#    circular migrants, with return migrants), nationally and by 2000 degree, wave by wave.
# 3. **Degree transitions** 2000→2010→2020: how many very-high municipalities stayed very high, and
#    where the top degrees gained and lost.
# 4. **Population loss** by 2000 degree over 2000–2010, 2010–2020 and 2000–2020 from the censuses,
#    next to 2000–2005; what that does to the paper's "832 municipalities" and to the 2005 count; a
#    1990–2000 placebo.
# 5. **The migration hump** (intensity against marginalisation) re-estimated for 2010 and 2020.
# 6. **Maps** and a **spatial check** (Moran's I) of the growth regression's residuals.
# 7. **An independent source:** Banco de México's municipal remittances against the census share of
#    dwellings receiving remittances.
#
# **How to read the waves.** The index of 2000 and 2010 is a principal-components score on each
# year's own basis; 2020's (DP2) is a distance on another scale, where *lower* means *more* intense.
# Index values are therefore never compared across waves: only the four percentages and the degrees.
# 2000's percentages are of households, 2010's and 2020's of inhabited dwellings (nearly the same
# units in Mexico's censuses); the emigrant, circular and return shares refer to the five years
# before each census.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from migration_evidence.analysis import municipal_waves as waves
from migration_evidence.figures.municipal_waves import degree_maps, remittances_vs_receiving
from migration_evidence.microdata.waves import read_panel
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("municipal_intensity_2000_2020")
panel = read_panel(nb.input("panel"))
created = pd.read_csv(nb.input("created"))
findings = pd.read_csv(nb.input("findings"), keep_default_na=False)
Markdown(
    f"The panel: {len(panel):,} municipalities (rows) × {panel.shape[1]} columns, read from `{nb.input('panel')}`."
)

# %% [markdown]
# ## 1. One panel, and the municipalities created between waves
#
# The pipeline's ingest step (`workflow/rules/municipal_waves.smk`) checks each file's md5, reads every
# column against its declaration (`config/municipal_waves.yaml`), and joins the waves by INEGI code
# (state × 1000 + municipality). Its findings about the files, checked against what CONAPO and INEGI
# publish:

# %%
findings[["check_id", "printed", "recomputed", "difference", "verdict"]].head(25)

# %%
in_all = int((panel["in_2000"] & panel["in_2010"] & panel["in_2020"]).sum())
by_wave = created.groupby("first_wave").size()
Markdown(
    f"""
- **Counts and totals agree with the publishers.** The municipalities of each degree equal CONAPO's published
  counts for 2010 and 2020 exactly; the dwelling-weighted national percentages of 2010 are within 0.01 of CONAPO's
  3.63 / 1.94 / 0.92 / 2.19 (the file's percentages are rounded to two decimals); both 2020 files sum to the
  census's 126,014,024 people.
- **{len(panel):,} municipalities appear in at least one wave; {in_all:,} are in all three.** {by_wave.get(2010, 0)}
  were created between 2000 and 2010 and {by_wave.get(2020, 0)} between 2010 and 2020 (table below). None
  disappeared. A new municipality has no 2000 degree, so it is outside every table by 2000 degree and every
  change starting before it existed; it counts in its waves' national figures. The municipality it was carved
  from lost territory, not only people: population changes are shown with and without the states that created
  municipalities in the period.
"""
)

# %%
created[["municipality_key", "state_name", "municipality_name", "first_wave", "population_first_wave"]]

# %% [markdown]
# ## 2. The four indicators, nationally and by 2000 degree
#
# Shares weighted by each wave's households (2000) or dwellings (2010, 2020). "National" is every
# municipality of the wave; the degree rows follow the municipalities of each 2000 degree through
# time.

# %%
counts = waves.degree_counts(panel)
nb.write_table("degree_counts", counts)
indicators = waves.indicators_by_degree(panel)
nb.write_table("indicators", indicators)
shown = indicators.pivot(index="degree_2000", columns="wave", values=list(waves.INDICATORS)).loc[
    ["National", *waves.DEGREES]
]
shown.round(2)

# %%
national = indicators[indicators["degree_2000"] == "National"].set_index("wave")
by_degree = indicators.set_index(["wave", "degree_2000"])
ordered_checks = [
    by_degree.loc[[(year, d) for d in waves.DEGREES[:-1]], column].is_monotonic_decreasing
    for year in (2010, 2020)
    for column in waves.INDICATORS
]
monotone = sum(ordered_checks)
very_high = indicators[indicators["degree_2000"] == "Very high"].set_index("wave")
c = counts.set_index(["wave", "degree"])["municipalities"]
Markdown(
    f"""
- **Remittances held up; emigration fell.** Nationally, {national.loc[2000, "receiving_remittances_pct"]:.2f}% of
  households received remittances in 2000, {national.loc[2010, "receiving_remittances_pct"]:.2f}% of dwellings in
  2010 and {national.loc[2020, "receiving_remittances_pct"]:.2f}% in 2020. The share with an emigrant to the United
  States in the previous five years fell from {national.loc[2000, "with_emigrants_pct"]:.2f}% to
  {national.loc[2010, "with_emigrants_pct"]:.2f}% and {national.loc[2020, "with_emigrants_pct"]:.2f}%; return
  migration peaked in 2010 ({national.loc[2010, "with_return_migrants_pct"]:.2f}%; 2005–2010 spans the US
  recession) and
  circular migration fell to {national.loc[2020, "with_circular_migrants_pct"]:.2f}%.
- **The 2000 gradient persists.** The municipalities of very high intensity in 2000 still have by far the highest
  shares: {very_high.loc[2020, "receiving_remittances_pct"]:.1f}% of their dwellings received remittances in 2020
  (against {very_high.loc[2000, "receiving_remittances_pct"]:.1f}% of households in 2000). From very high to very
  low (2000 degrees), {monotone} of the {len(ordered_checks)} indicator-and-wave pairs of 2010 and 2020 fall degree
  by degree.
- **Degrees.** Very high: {c[(2000, "Very high")]} municipalities in 2000, {c[(2010, "Very high")]} in 2010,
  {c[(2020, "Very high")]} in 2020; Null (no migration at all): {c[(2000, "Null")]}, {c[(2010, "Null")]},
  {c[(2020, "Null")]}. CONAPO sets each wave's degree boundaries on that wave's distribution, so the counts say
  where a municipality stands among its contemporaries, not that migration rose or fell in absolute terms; the
  percentages above say that.
"""
)

# %% [markdown]
# ## 3. Degree transitions
#
# Rows: the degree at the start; columns: the degree at the end; municipalities present in both waves.
# Row shares are percentages of the row.

# %%
transitions = waves.transitions(panel)
nb.write_table("transitions", transitions)
for start, end in ((2000, 2010), (2010, 2020), (2000, 2020)):
    part = transitions[(transitions["from_wave"] == start) & (transitions["to_wave"] == end)]
    matrix = part.pivot(index="from_degree", columns="to_degree", values="municipalities").loc[
        list(waves.DEGREES), list(waves.DEGREES)
    ]
    shares = part.pivot(index="from_degree", columns="to_degree", values="row_share_pct").loc[
        list(waves.DEGREES), list(waves.DEGREES)
    ]
    display(Markdown(f"**{start} → {end}**: municipalities (left) and row shares in % (right)"))
    display(pd.concat({"municipalities": matrix, "row share %": shares.round(1)}, axis=1))

# %%
top = waves.top_degrees_by_state(panel)
nb.write_table("top_by_state", top)
t = transitions.set_index(["from_wave", "to_wave", "from_degree", "to_degree"])
stay = t.loc[(2000, 2020, "Very high", "Very high")]
stay_high = t.loc[(2000, 2020, "Very high", "High")]
fell = int(sum(t.loc[(2000, 2020, "Very high", d), "municipalities"] for d in ("Very low", "Null")))
states = top[top["state_code"] > 0].set_index("state_name")
gainers = states.sort_values("net_change_top_2000_2020", ascending=False).head(3)
losers = states.sort_values("net_change_top_2000_2020").head(4)
national_top = top[top["state_code"] == 0].iloc[0]
WEST_CENTRE = ["Jalisco", "Michoacán de Ocampo", "Zacatecas", "Guanajuato", "Durango", "Nayarit"]
west = states.loc[WEST_CENTRE].sum()
south = states.loc[["Oaxaca", "Guerrero"]].sum()
Markdown(
    f"""
- **Persistence.** Of the {int(stay["row_total"])} very-high municipalities of 2000, {int(stay["municipalities"])}
  ({stay["row_share_pct"]:.0f}%) were very high in 2020 and {int(stay_high["municipalities"])} more
  ({stay_high["row_share_pct"]:.0f}%) high: {stay["row_share_pct"] + stay_high["row_share_pct"]:.0f}% stayed in
  the two top degrees; {fell} fell to very low or Null.
- **Where the top degrees moved.** Municipalities of very high or high intensity: {int(national_top["top_2000"])} in
  2000, {int(national_top["top_2010"])} in 2010, {int(national_top["top_2020"])} in 2020.
  Net gains 2000→2020: {", ".join(f"{n} {int(v):+d}" for n, v in gainers["net_change_top_2000_2020"].items())};
  net losses: {", ".join(f"{n} {int(v):+d}" for n, v in losers["net_change_top_2000_2020"].items())}. The
  traditional west-centre ({", ".join(WEST_CENTRE)}) held {int(west["top_2000"])} of them in 2000 and
  {int(west["top_2020"])} in 2020; Oaxaca and Guerrero {int(south["top_2000"])} and {int(south["top_2020"])}.
"""
)

# %% [markdown]
# ## 4. Population loss by 2000 degree, 1990–2020
#
# Population from CONAPO's marginalisation files (1990–2015 file: 1990, 1995, 2000, 2005, 2010, 2015;
# 2020 file: the 2020 census). 2000 and 2010 and 2020 are censuses; 1995 and 2005 are the shorter
# *conteos*. "Lost" means fewer inhabitants at the end of the period than at its start.

# %%
change = waves.population_change_by_degree(panel)
nb.write_table("population_change", change)
main_sample = change[change["sample"] == "all municipalities of 2000"]
main_sample.pivot(index="degree_2000", columns="period", values="lost_population_pct").loc[
    ["All", *waves.DEGREES], [p for p, _, _ in waves.PERIODS]
].round(1)

# %%
rebound = waves.rebound_after_2005(panel)
nb.write_table("rebound", rebound)
rebound

# %%
growth = waves.growth_regressions(panel)
nb.write_table("growth_regression", growth)
growth[growth["term"] == "migratory_intensity_index"][
    ["period", "specification", "estimate", "ci95_low", "ci95_high", "p_value", "wild_p_value", "n"]
].round(4)

# %%
paper = pd.read_csv(nb.input("depopulation_vs_paper")).set_index("measure")
loss = main_sample.set_index(["period", "degree_2000"])
r = rebound.set_index("degree_2000").loc["All"]
index_rows = growth[(growth["term"] == "migratory_intensity_index") & growth["specification"].str.startswith("main")]
coef = index_rows.set_index("period")
placebo = coef.loc[waves.PERIODS[0][0]]
Markdown(
    f"""
- **Half, then a quarter.** {int(loss.loc[("2000-2005", "All"), "lost_population"]):,} of
  {int(loss.loc[("2000-2005", "All"), "municipalities"]):,} municipalities had fewer people in the 2005 count than in
  the 2000 census ({loss.loc[("2000-2005", "All"), "lost_population_pct"]:.0f}%; the paper says
  {int(paper.loc["municipalities_lost_population", "paper"])} of {int(paper.loc["municipalities_counted", "paper"]):,}).
  Measured census to census, {int(loss.loc[("2000-2010", "All"), "lost_population"]):,}
  ({loss.loc[("2000-2010", "All"), "lost_population_pct"]:.0f}%) lost population 2000–2010,
  {int(loss.loc[("2010-2020", "All"), "lost_population"]):,}
  ({loss.loc[("2010-2020", "All"), "lost_population_pct"]:.0f}%) 2010–2020 and
  {int(loss.loc[("2000-2020", "All"), "lost_population"]):,}
  ({loss.loc[("2000-2020", "All"), "lost_population_pct"]:.0f}%) over the twenty years.
- **The 2005 count.** Of the {int(r["lost_2000_2005"]):,} municipalities that lost people 2000–2005,
  {r["grew_2005_2010_pct_of_lost_2000_2005"]:.0f}% grew again 2005–2010 and
  {int(r["lost_2000_2005_but_above_2000_in_2010"]):,} had more inhabitants in 2010 than in 2000. A loss that the
  next full census does not confirm in so many municipalities points at the 2005 count (an intercensal *conteo*, a
  shorter operation than a census) as much as at depopulation; these files cannot say which. The paper's 832
  cannot be confirmed with a census-to-census measure either: the
  2000–2010 count ({int(loss.loc[("2000-2010", "All"), "lost_population"]):,}) is smaller than 832, the
  2000–2005 count larger. Neither reading supports "one out of every three" as a stable fact; "a quarter to a
  half, depending on the count" is what the data allow.
- **The gradient by 2000 degree is real and lasting.** Very-high municipalities lost people far more often:
  {loss.loc[("2000-2010", "Very high"), "lost_population_pct"]:.0f}% of them 2000–2010 and
  {loss.loc[("2000-2020", "Very high"), "lost_population_pct"]:.0f}% over 2000–2020, against
  {loss.loc[("2000-2020", "Very low"), "lost_population_pct"]:.0f}% of the very-low ones; as a group they had
  {loss.loc[("2000-2020", "Very high"), "population_change_pct"]:+.1f}% more people in 2020 than in 2000 against
  {loss.loc[("2000-2020", "All"), "population_change_pct"]:+.1f}% nationally. In notebook 2's regression (state fixed
  effects, marginalisation and size held constant, errors clustered by state) one point more of the 2000 index goes
  with a growth of {coef.loc["2000-2010", "estimate"]:+.1f} log points 2000–2010 (95% interval
  {coef.loc["2000-2010", "ci95_low"]:+.1f} to {coef.loc["2000-2010", "ci95_high"]:+.1f}) and
  {coef.loc["2010-2020", "estimate"]:+.1f} 2010–2020 ({coef.loc["2010-2020", "ci95_low"]:+.1f} to
  {coef.loc["2010-2020", "ci95_high"]:+.1f}; wild bootstrap p = {coef.loc["2010-2020", "wild_p_value"]:.3f}): the
  association weakens in the second decade, and its interval there reaches zero.
- **Placebo: the association predates the index.** The same regression for 1990–2000, a decade that ends when the
  2000 index was measured, gives {placebo["estimate"]:+.1f} log points ({placebo["ci95_low"]:+.1f} to
  {placebo["ci95_high"]:+.1f}, wild bootstrap p = {placebo["wild_p_value"]:.3f}). The
  municipalities that were most migratory in 2000 were already growing least in the 1990s. So the index marks
  places with long-standing slow growth; the data cannot say how much of their later loss emigration caused.
"""
)

# %% [markdown]
# ## 5. The migration hump in 2000, 2010 and 2020
#
# Notebook 2's test, unchanged: the outcome on marginalisation and its square, errors clustered by
# state, a delta-method and a pairs-cluster-bootstrap interval for the turning point, and the
# Lind–Mehlum test (p = the larger of the two one-sided p-values for a rising slope at the least
# marginalised municipality and a falling one at the most marginalised). Marginalisation is oriented so
# that higher means more marginalised in every wave (2020's DP2 index reversed); outcomes are the
# share receiving remittances, the share with emigrants and the wave's own index (2020's reversed).
# Index values differ between waves, so the turning point is compared as the share of municipalities
# below it.

# %%
hump = waves.hump_by_wave(panel)
nb.write_table("hump", hump)
hump_summary = waves.hump_summary(hump)
nb.write_table("hump_summary", hump_summary)
hump_summary.round(4)

# %%
hs = hump_summary.set_index(["wave", "specification"])
below = hs["municipalities_below_turning_point_pct"]
key = "% receiving remittances: within states"
emig = "% with emigrants: within states"
Markdown(
    f"""
- **The hump's peak moved towards the most marginalised municipalities.** Within states, the share of
  municipalities below the turning point for remittances was {below[(2000, key)]:.0f}% in 2000,
  {below[(2010, key)]:.0f}% in 2010 and {below[(2020, key)]:.0f}% in 2020; for emigrants {below[(2000, emig)]:.0f}%,
  {below[(2010, emig)]:.0f}% and {below[(2020, emig)]:.0f}%. The Lind–Mehlum test still rejects a
  monotone relation in each wave (largest p-value {hump_summary["inverted_u_p_value"].max():.3f}), but by 2020 the
  downturn concerns only the most marginalised {100 - below[(2020, key)]:.0f}% (remittances) or
  {100 - below[(2020, emig)]:.0f}% (emigrants) of
  municipalities: over most of the range, more marginalised municipalities are more migratory.
- **What this does and does not show.** These are cross-sections: each wave says where migration is highest among
  that year's municipalities, not that a municipality becomes more or less migratory as it develops. The two
  marginalisation indices are CONAPO's own for each year and not on one scale.
"""
)

# %% [markdown]
# ## 6. Maps, and the spatial dependence of the growth regression
#
# Municipalities as points at INEGI's representative coordinates, coloured by degree. No package that
# installs with pip ships Mexico's state boundaries for offline use and the build downloads nothing,
# so there are no outlines (the same figure is `figures/fig_municipal_intensity_map_2000_2020.svg`).

# %%
fig = degree_maps(panel)
plt.show()

# %% [markdown]
# Municipalities of one region share labour markets and migrant networks across state lines, which
# clustering by state does not cover. Moran's I of the main growth regression's residuals (libpysal's
# k-nearest-neighbour weights on great-circle distances, row-standardised; esda's permutation test)
# says whether neighbouring municipalities' residuals are alike.

# %%
moran = waves.moran_residuals(panel)
nb.write_table("moran", moran)
moran

# %%
m = moran.set_index(["period", "neighbours"])
Markdown(
    f"""
- **Residuals are spatially correlated.** With 8 neighbours, Moran's I is {m.loc[("2000-2010", 8), "morans_i"]:.2f}
  for 2000–2010 and {m.loc[("2010-2020", 8), "morans_i"]:.2f} for 2010–2020 (permutation p-values
  {m.loc[("2000-2010", 8), "p_value_permutation"]:.3f} and {m.loc[("2010-2020", 8), "p_value_permutation"]:.3f},
  the smallest a {int(m["permutations"].iloc[0])}-permutation test can give being
  {1 / (int(m["permutations"].iloc[0]) + 1):.3f}); 4 and 12 neighbours give the same picture. Neighbouring
  municipalities grow alike beyond what the index, marginalisation, size and the state explain.
- **Consequence.** Clustering by state already allows any correlation inside a state; what it misses is
  correlation across state borders. The regressions above are therefore no firmer than their clustered intervals
  suggest, and probably somewhat less; their signs and the contrast between decades are the robust part, the
  exact p-values are not. Conley-type errors would be the next check.
"""
)

# %% [markdown]
# ## 7. An independent source: Banco de México's municipal remittances
#
# Banco de México publishes remittances by receiving municipality (table CE166) with names, not codes.
# The ingest step matches them to INEGI codes within the state after a declared normalisation (case,
# accents, blanks, punctuation; `config/municipal_waves.yaml`) and a short, declared table of
# exceptions with reasons (`data/raw/banxico_municipality_names.csv`). Match by state:

# %%
matches = pd.read_csv(nb.input("remittance_matches"))
unmatched = pd.read_csv(nb.input("remittance_unmatched"))
national_match = matches[matches["state_code"] == 0].iloc[0]
display(matches[matches["state_code"] == 0])
unmatched[unmatched["side"] == "inegi"][["state_code", "name", "municipality_key", "status"]]

# %%
correlation = waves.remittance_correlation(panel)
nb.write_table("remittance_correlation", correlation)
by_degree = waves.remittances_by_degree(panel)
nb.write_table("remittances_by_degree", by_degree)
display(correlation)
by_degree.round(2)

# %%
fig = remittances_vs_receiving(panel, correlation)
plt.show()

# %%
corr = correlation.set_index(["sample", "statistic"])["estimate"]
no_row = unmatched.loc[unmatched["side"] == "inegi", "municipality_key"].astype(int)
within = correlation[correlation["statistic"] == "median_of_state_spearman"].iloc[0]
bd = by_degree.set_index("degree_2020")
Markdown(
    f"""
- **Matching.** {int(national_match["matched_by_rule"]):,} of Banco de México's {int(national_match["banxico_names"]):,}
  municipal names match an INEGI municipality by the rules alone, {int(national_match["matched_by_exception"])} by a
  declared exception, {int(national_match["unmatched"])} remain unmatched ({national_match["match_rate_pct"]:.1f}%
  matched). Each state also has a row "No identificado" (remittances Banxico could not place), kept apart. The
  {int(national_match["inegi_without_banxico_name"])} INEGI municipalities without a Banxico row (listed above) include
  {len(set(no_row) & set(created.loc[created["first_wave"] == 2020, "municipality_key"]))} created between 2010 and
  2020.
- **The two measures agree in rank, loosely.** Dollars per dwelling in 2020 and the census share of dwellings
  receiving remittances have a Spearman correlation of {corr[("all matched municipalities", "spearman")]:.2f}
  (Kendall's τ {corr[("all matched municipalities", "kendall_tau_b")]:.2f}); within states the median correlation is
  {within["estimate"]:.2f}. By 2020 degree, dollars per dwelling fall from
  {bd.loc["Very high", "usd_per_dwelling"]:,.0f} in very-high municipalities to
  {bd.loc["Very low", "usd_per_dwelling"]:,.0f} in very-low ones, in the same order as the census shares.
- **Why not closer.** Banxico allocates transfers to the municipality where they are paid out, which is often a
  nearby town with a bank or a transfer agent, not where the receiving household lives; the census asks households.
  The loose agreement is what two measures of different things should show, not a flaw of either. The p-values in
  the table assume independent municipalities, which section 6 shows they are not: read them as descriptive.
"""
)

# %% [markdown]
# ## What holds twenty years on
#
# - **Holds:** the municipalities that were most migratory in 2000 are still the most migratory and still lose
#   population most often; remittances reach a larger share of dwellings than in 2010.
# - **Changed:** emigration and circular migration fell sharply; the top degrees shrank in the west-centre and grew
#   in the south; the migration hump's peak moved towards the most marginalised municipalities.
# - **Does not hold as stated:** "832 of 2,435 municipalities" losing population. The 2005 count says about half,
#   the 2010 census about a quarter; neither says one in three, and the 2005 figure is in doubt.
# - **Cannot be judged with these data:** whether emigration *caused* the population losses. The association
#   predates the 2000 index, and residuals are spatially correlated.
#
# Every number in this notebook is in these files:

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Degree of migratory intensity.** CONAPO's five (six with "Null") classes of the index; the index
#   itself is on a different scale in 2020, so waves are compared by degrees and percentages only.
# - **Transition matrix.** Counts (and row shares) of municipalities by degree in one wave against
#   their degree in the next.
# - **State fixed effects, errors clustered by state.** A separate intercept for each state, and
#   standard errors that allow municipalities of one state to share unobserved shocks.
# - **Wild cluster bootstrap.** A p-value from re-drawing each state's residuals with random signs,
#   reliable with few clusters (32 states).
# - **Delta method, pairs cluster bootstrap.** Two ways of giving an interval to a function of
#   estimates (here the turning point of the hump): a linear approximation, and re-sampling whole
#   states.
# - **Lind–Mehlum test.** A test of an inverted U: the slope must be significantly positive at the low
#   end of the data and significantly negative at the high end.
# - **Moran's I.** A measure of whether nearby municipalities (here the k nearest by INEGI's
#   coordinates) have similar residuals; its p-value comes from random permutations.
# - **Spearman's and Kendall's rank correlations.** Correlations of ranks, not values: robust to the
#   skewed distribution of remittances per dwelling.
