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
#    where the top degrees gained and lost; then the three waves on **2000's index scale**, beside
#    CONAPO's relative degrees.
# 4. **Population loss** by 2000 degree over 2000–2010, 2010–2020 and 2000–2020 from the censuses,
#    next to 2000–2005; what that does to the paper's "832 municipalities" and to the 2005 count; a
#    1990–1995 placebo.
# 5. **The migration hump** (intensity against marginalisation) re-estimated for 2010 and 2020.
# 6. **Maps**, a **spatial check** (Moran's I) of the growth regression's residuals, **Conley errors**
#    beside state clustering, and the wild bootstrap's interval by test inversion.
# 7. **An independent source:** Banco de México's municipal remittances against the census share of
#    dwellings receiving remittances.
#
# **How to read the waves.** The index of 2000 and 2010 is a principal-components score on each
# year's own basis; 2020's (DP2) is a distance on another scale, where *lower* means *more* intense.
# Each wave's own index values are therefore never compared across waves; section 3 instead scores
# every wave with the 2000 formula (the common scale), checked against the published 2000 index.
#
# **2000 is on another basis.** CONAPO changed its method in 2010: the dwelling became the unit of
# observation (2000's file counts households), unspecified answers are handled differently and the
# denominators were adjusted. It then republished 2000 on the 2010 basis (*Índice absoluto de intensidad
# migratoria México–Estados Unidos 2000–2010*, chapter 3 and note 14). Changes from 2000 are therefore
# read from those harmonised national figures; the 2000 municipal file's own percentages appear beside
# 2010 and 2020 only with the label **"2000 method, not comparable"**. The emigrant, circular and
# return shares refer to the five years before each census.
#
# **Degrees are relative.** CONAPO draws each wave's degree boundaries on that wave's own distribution,
# so a degree says where a municipality stands among its contemporaries, not how much migration it has.
# Counts of "very high" municipalities and the transitions between degrees are statements about
# position; the percentages and the common scale of section 3 measure level.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

from migration_evidence.analysis import common_scale
from migration_evidence.analysis import municipal_waves as waves
from migration_evidence.figures.municipal_waves import (
    degree_maps,
    remittances_vs_receiving,
    remittances_vs_receiving_title,
)
from migration_evidence.microdata.waves import read_panel
from migration_evidence.notebooks.session import open_notebook
from migration_evidence.notebooks.tables import people_table_html

nb = open_notebook("municipal_intensity_2000_2020")
panel = read_panel(nb.input("panel"))
created = pd.read_csv(nb.input("created"))
findings = pd.read_csv(nb.input("findings"), keep_default_na=False)
harmonised = pd.read_csv(nb.input("harmonised"))
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
findings[["check_id", "printed", "recomputed", "difference", "verdict"]].head(25).round(
    {"recomputed": 3, "difference": 3}
).rename(
    columns={
        "check_id": "check",
        "printed": "published",
        "recomputed": "from the files",
        "difference": "difference",
        "verdict": "verdict",
    }
)

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
created[["municipality_key", "state_name", "municipality_name", "first_wave", "population_first_wave"]].rename(
    columns={
        "municipality_key": "INEGI code",
        "state_name": "state",
        "municipality_name": "municipality",
        "first_wave": "first wave",
        "population_first_wave": "population in its first wave",
    }
)

# %% [markdown]
# ## 2. The four indicators, nationally and by 2000 degree
#
# First the like-for-like national change, from CONAPO's own harmonised figures: 2000 recomputed on
# the 2010 basis (percent of dwellings). The municipal files' shares stand beside them; 2000's, on the
# household basis of its own method, is not comparable with the others.

# %%
h = harmonised.set_index(["geography", "indicator"])
LABELS = {
    "receiving_remittances_pct": "receiving remittances",
    "with_emigrants_pct": "with an emigrant to the US (previous 5 years)",
    "with_circular_migrants_pct": "with a circular migrant (previous 5 years)",
    "with_return_migrants_pct": "with a return migrant (previous 5 years)",
}
like_for_like = pd.DataFrame(
    {
        "Indicator (% of dwellings)": [f"{g}: {LABELS[i]}" for g, i in h.index],
        "2000, CONAPO on the 2010 basis": h["conapo_2000_on_2010_basis_pct"]
        .map(lambda v: "not printed" if pd.isna(v) else f"{v:.2f}")
        .to_list(),
        "2010, CONAPO": h["conapo_2010_pct"].map("{:.2f}".format).to_list(),
        "change 2000→2010, % of 2000": h["change_2000_2010_pct_of_2000"]
        .map(lambda v: "–" if pd.isna(v) else f"{v:+.0f}%")
        .to_list(),
        "2000 file (2000 method, not comparable)": h["file_2000_pct"].map("{:.2f}".format).to_list(),
        "2010 file": h["file_2010_pct"].map("{:.2f}".format).to_list(),
        "2020 file": h["file_2020_pct"].map("{:.2f}".format).to_list(),
    }
)
like_for_like

# %%
n = h.loc["Nacional"]
file_change = 100 * (
    n.loc["receiving_remittances_pct", "file_2010_pct"] / n.loc["receiving_remittances_pct", "file_2000_pct"] - 1
)
Markdown(
    f"""
- **Like for like, 2000 to 2010, everything but return fell.** On CONAPO's harmonised basis the share of dwellings
  receiving remittances fell from {n.loc["receiving_remittances_pct", "conapo_2000_on_2010_basis_pct"]:.2f}% to
  {n.loc["receiving_remittances_pct", "conapo_2010_pct"]:.2f}%
  ({n.loc["receiving_remittances_pct", "change_2000_2010_pct_of_2000"]:+.0f}%, about a fifth, as CONAPO says), the
  share with an emigrant from {n.loc["with_emigrants_pct", "conapo_2000_on_2010_basis_pct"]:.2f}% to
  {n.loc["with_emigrants_pct", "conapo_2010_pct"]:.2f}% (halved) and the share with a return migrant rose from
  {n.loc["with_return_migrants_pct", "conapo_2000_on_2010_basis_pct"]:.2f}% to
  {n.loc["with_return_migrants_pct", "conapo_2010_pct"]:.2f}% (about two and a half times).
- **Reading the 2000 file against 2010 would understate the fall in remittances** (its
  {n.loc["receiving_remittances_pct", "file_2000_pct"]:.2f}% of households against
  {n.loc["receiving_remittances_pct", "file_2010_pct"]:.2f}% of dwellings is
  {file_change:+.0f}%,
  against {n.loc["receiving_remittances_pct", "change_2000_2010_pct_of_2000"]:+.0f}% like for like) and overstate the
  fall in emigration. The municipal file of 2000 is therefore used
  below only for positions within 2000 (degrees, the index) and never for changes in level.
- **2010 to 2020** compares two files on the dwelling basis: remittances rose to
  {n.loc["receiving_remittances_pct", "file_2020_pct"]:.2f}% of dwellings, emigration and return fell. CONAPO's 2020
  index is built differently, but its four percentages are of dwellings like 2010's.
- **By state** the publication's text quotes one 2000 figure on the new basis: Chiapas, the only state whose share
  of dwellings with an emigrant rose ({h.loc[("Chiapas", "with_emigrants_pct"), "conapo_2000_on_2010_basis_pct"]:.2f}%
  to {h.loc[("Chiapas", "with_emigrants_pct"), "conapo_2010_pct"]:.2f}%). Its table of 2000 by state is not among
  the pages stored for this project, so no other state is compared across the method change.
"""
)

# %% [markdown]
# Next, the files' shares by 2000 degree, weighted by each wave's households (2000) or dwellings (2010,
# 2020). "National" is every municipality of the wave; the degree rows follow the municipalities of
# each 2000 degree through time. The 2000 column is on the 2000 method and is shown for positions
# within 2000 only.

# %%
counts = waves.degree_counts(panel)
nb.write_table("degree_counts", counts)
indicators = waves.indicators_by_degree(panel)
nb.write_table("indicators", indicators)
shown = indicators.pivot(index="degree_2000", columns="wave", values=list(waves.INDICATORS)).loc[
    ["National", *waves.DEGREES]
]
shown = shown.rename(columns={2000: "2000 (2000 method, not comparable)"}, level=1)
shown.columns = shown.columns.set_levels([LABELS[c] for c in shown.columns.levels[0]], level=0)
shown.index.name = "2000 degree"
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
null_2000 = panel[panel["in_2000"] & panel["in_2010"] & (panel["degree_2000"] == "Null")]
null_rows = null_2000["degree_2010"].value_counts()
Markdown(
    f"""
- **On the dwelling basis, 2010 to 2020:** {national.loc[2010, "receiving_remittances_pct"]:.2f}% of dwellings
  received remittances in 2010 and {national.loc[2020, "receiving_remittances_pct"]:.2f}% in 2020; the share with an
  emigrant to the United States in the previous five years fell from {national.loc[2010, "with_emigrants_pct"]:.2f}%
  to {national.loc[2020, "with_emigrants_pct"]:.2f}%; return migration peaked in 2010
  ({national.loc[2010, "with_return_migrants_pct"]:.2f}%; 2005–2010 spans the US recession) and circular migration
  fell to {national.loc[2020, "with_circular_migrants_pct"]:.2f}%. Changes from 2000 are the harmonised ones above.
- **The 2000 gradient persists, as an ordering.** The municipalities of very high intensity in 2000 still have by
  far the highest shares: {very_high.loc[2020, "receiving_remittances_pct"]:.1f}% of their dwellings received
  remittances in 2020. From very high to very low (2000 degrees), {monotone} of the {len(ordered_checks)}
  indicator-and-wave pairs of 2010 and 2020 fall degree by degree. (Their 2000 share,
  {very_high.loc[2000, "receiving_remittances_pct"]:.1f}% of households, is on the 2000 method and not comparable.)
- **Degrees are positions.** Very high: {c[(2000, "Very high")]} municipalities in 2000, {c[(2010, "Very high")]} in
  2010, {c[(2020, "Very high")]} in 2020. CONAPO sets each wave's degree boundaries on that wave's distribution, so
  the counts say where a municipality stands among its contemporaries, not that migration rose or fell in absolute
  terms; the harmonised percentages say that.
- **"Null" means no migrant household in the census sample**, not no migration: {c[(2000, "Null")]} municipalities
  in 2000, {c[(2010, "Null")]} in 2010 and {c[(2020, "Null")]} in 2020. The indicators are estimated from the
  census sample (about one household in ten in 2000), and a small municipality can draw no migrant household by
  chance (notebook 2's sampling-zero analysis). Of the {int(null_rows.sum())} Null municipalities of 2000 present in
  2010, {int(null_rows.get("Very low", 0))} were "very low" and only {int(null_rows.get("Null", 0))} Null again in 2010.
"""
)

# %% [markdown]
# ## 3. Degree transitions: relative position, and level on one scale
#
# Rows: the degree at the start; columns: the degree at the end; municipalities present in both waves.
# Row shares are percentages of the row. These are CONAPO's degrees, each cut on its own wave's
# distribution: a transition here is a change of **relative position** among that wave's municipalities.
# The second part of this section puts the three waves on one scale.

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
    display(
        Markdown(
            f"**{start} → {end}, CONAPO's degrees (relative to each wave)**: municipalities (left) and row shares "
            "in % (right)"
        )
    )
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
- **Persistence of position.** Of the {int(stay["row_total"])} very-high municipalities of 2000,
  {int(stay["municipalities"])} ({stay["row_share_pct"]:.0f}%) were very high in 2020 and
  {int(stay_high["municipalities"])} more ({stay_high["row_share_pct"]:.0f}%) high:
  {stay["row_share_pct"] + stay_high["row_share_pct"]:.0f}% stayed in the two top degrees; {fell} fell to very low or
  Null. This is a statement about relative position (each wave's degrees are cut on that wave's distribution):
  these municipalities stayed near the top of the ranking while, nationally, emigration halved between 2000 and
  2010 on CONAPO's harmonised basis. Their level is another matter: on 2000's own scale (next part) far fewer
  stayed very high.
- **Sampling error and regression to the mean.** The indicators are estimates from the census sample, not counts:
  in a municipality of a few hundred households the sample holds a few dozen, and one migrant household more or
  less moves its shares by several points. Extreme degrees are therefore partly extreme draws, and some of the
  movement out of "very high" (and out of Null) between waves is the next sample drawing nearer the middle, not a
  change in migration. Transitions of small municipalities deserve the least weight; the 2000 census sample's
  design effects are not published by municipality, so no interval is put on them here.
- **Where the top degrees moved.** Municipalities of very high or high intensity: {int(national_top["top_2000"])} in
  2000, {int(national_top["top_2010"])} in 2010, {int(national_top["top_2020"])} in 2020.
  Net gains 2000→2020: {", ".join(f"{n} {int(v):+d}" for n, v in gainers["net_change_top_2000_2020"].items())};
  net losses: {", ".join(f"{n} {int(v):+d}" for n, v in losers["net_change_top_2000_2020"].items())}. The
  traditional west-centre ({", ".join(WEST_CENTRE)}) held {int(west["top_2000"])} of them in 2000 and
  {int(west["top_2020"])} in 2020; Oaxaca and Guerrero {int(south["top_2000"])} and {int(south["top_2020"])}.
"""
)

# %% [markdown]
# ### The waves on one scale: 2000's index applied to 2010 and 2020
#
# CONAPO's index is a standardised score (each share minus its mean, over its standard deviation, weighted
# by the first principal component's loadings), and its degrees are strata of that score **within each
# wave**. "Very high in 2000 and in 2020" therefore says a municipality kept its rank, not its level. To
# compare levels, the package (`migration_evidence.analysis.common_scale`) refits the 2000 index from the
# 2000 file's four shares (means, standard deviations and loadings over all 2,443 municipalities, CONAPO's
# method), checks that it reproduces the published 2000 index and every 2000 degree, and only then applies
# the 2000 formula and the 2000 degree boundaries to the 2010 and 2020 shares. CONAPO's own *absolute* index
# (2000–2010 publication) would be the publisher's common scale for 2000 and 2010, but its municipal values
# are not among the files stored for this project, and it stops at 2010.

# %%
common = common_scale.scale_2000(panel, harmonised)
scale_definition = common_scale.definition_table(common)
nb.write_table("common_scale_definition", scale_definition)
scale_check = common_scale.check_table(common)
nb.write_table("common_scale_check", scale_check)
scores = common_scale.scored(panel, common)
readings = common_scale.degrees_two_readings(scores)
nb.write_table("common_scale_degrees", readings)
scale_transitions = common_scale.transitions_two_readings(scores)
nb.write_table("common_scale_transitions", scale_transitions)
persistence = common_scale.persistence_two_readings(scores)
nb.write_table("common_scale_persistence", persistence)
HTML(
    people_table_html(
        scale_definition.assign(indicator=scale_definition["indicator"].map(LABELS)).round(4),
        labels={
            "mean_2000": "2000 mean (%)",
            "std_dev_2000": "2000 standard deviation (points)",
            "loading": "loading",
            "index_points_per_percentage_point": "index points per percentage point",
            "method_factor_2000_file_over_harmonised": "2000 file ÷ CONAPO's 2000 on the 2010 basis (national)",
        },
    )
)

# %%
sc = scale_check.set_index("quantity")["value"]
per_point = scale_definition.set_index("indicator")["index_points_per_percentage_point"]
widest_gap = common.cutoffs["gap_below"].max()
Markdown(
    f"""
- **The 2000 index is reproduced exactly.** Over the {int(sc["municipalities_compared"]):,} municipalities with an
  index, the refitted score differs from CONAPO's published value by at most
  {sc["max_abs_difference_from_published_index"]:.0e} (the file prints nine decimals), and the 2000 degree
  boundaries, taken as midpoints of the gaps between degrees (the widest gap is {widest_gap:.3f} index points),
  reproduce all {int(sc["degrees_2000_reproduced"]):,} degrees of 2000. The first component carries
  {100 * sc["share_of_variance"]:.0f}% of the four shares' variance. Return migration weighs most per percentage
  point ({per_point["with_return_migrants_pct"]:.3f} index points, against
  {per_point["receiving_remittances_pct"]:.3f} for remittances), because it varies least across municipalities.
"""
)

# %%
counts_side = readings.pivot_table(
    index=["wave", "degree"], columns="reading", values="municipalities", sort=False
).reset_index()
HTML(
    people_table_html(
        counts_side[["wave", "degree", "relative", "common_scale", "common_scale_method_adjusted"]],
        labels={
            "degree": "degree",
            "relative": "CONAPO's degree (relative to the wave)",
            "common_scale": "on 2000's scale",
            "common_scale_method_adjusted": "on 2000's scale, shares scaled to the 2000 method (sensitivity)",
        },
    )
)

# %%
ps = persistence.set_index(["wave", "reading"])
rd = readings.set_index(["wave", "reading", "degree"])["municipalities"]
HTML(
    people_table_html(
        persistence[["wave", "reading_label", "very_high_2000", "still_very_high", "very_high_or_high"]].assign(
            median=persistence["median_score_2000_scale"].round(2)
        ),
        labels={
            "reading_label": "reading",
            "very_high_2000": "very high in 2000",
            "still_very_high": "very high in the wave",
            "very_high_or_high": "very high or high in the wave",
            "median": "their median score on 2000's scale (2000: "
            f"{persistence['median_score_2000_scale_in_2000'].iloc[0]:.2f})",
        },
    )
)

# %%
order = ["Very high", "High", "Medium", "Low", "Very low", "Null"]
for start, end in ((2000, 2020), (2010, 2020)):
    part = scale_transitions[
        (scale_transitions["reading"] == "common_scale")
        & (scale_transitions["from_wave"] == start)
        & (scale_transitions["to_wave"] == end)
    ]
    matrix = part.pivot(index="from_degree", columns="to_degree", values="municipalities").loc[order, order]
    matrix.index.name = f"{start} (2000's scale)"
    matrix.columns.name = f"{end} (2000's scale)"
    display(Markdown(f"**{start} → {end} on 2000's scale** (degree boundaries of 2000 in both waves): municipalities"))
    display(matrix)

# %%
Markdown(
    f"""
- **Two readings of "persistence".** By CONAPO's relative degrees, {int(ps.loc[(2010, "relative"), "still_very_high"])}
  of the {int(ps.loc[(2010, "relative"), "very_high_2000"])} very-high municipalities of 2000 were very high in 2010
  and {int(ps.loc[(2020, "relative"), "still_very_high"])} in 2020: they kept their **rank**. On 2000's own scale,
  {int(ps.loc[(2010, "common_scale"), "still_very_high"])} were still above 2000's very-high boundary in 2010 but only
  {int(ps.loc[(2020, "common_scale"), "still_very_high"])} in 2020: by 2020 almost none had the **level** of
  migration that made a municipality very high in 2000, though
  {int(ps.loc[(2020, "common_scale"), "very_high_or_high"])}
  ({ps.loc[(2020, "common_scale"), "very_high_or_high_pct"]:.0f}%) were still at 2000's high level or above.
- **Nationally on one scale.** {int(rd[(2000, "relative", "Very high")])} municipalities were above 2000's very-high
  boundary in 2000, {int(rd[(2010, "common_scale", "Very high")])} in 2010 and
  {int(rd[(2020, "common_scale", "Very high")])} in 2020 (CONAPO's relative counts:
  {int(rd[(2010, "relative", "Very high")])} and {int(rd[(2020, "relative", "Very high")])}). 2010 stands high on
  2000's scale because return migration, the indicator weighted most, rose about two and a half times over 2005–2010
  (the US recession); a composite index counts return as intensity. By 2020 every indicator but remittances had
  fallen and the top of the distribution had thinned out.
- **What the common scale fixes, and what it does not.** It removes the moving yardstick: one formula and one set of
  boundaries for all waves. It does not remove the change of method: 2010's and 2020's shares are percent of
  dwellings on CONAPO's 2010 method, 2000's percent of households on the 2000 method. CONAPO's harmonised national
  figures put the two methods a few percent apart (factors in the first table); scaling every municipality's
  2010 and 2020 shares by those national ratios (the third reading) moves the counts only a little
  ({int(rd[(2020, "common_scale_method_adjusted", "Very high")])} very high in 2020 instead of
  {int(rd[(2020, "common_scale", "Very high")])}), but a municipal harmonisation is not published, so municipality
  by municipality the method gap stays unmeasured. Sampling error (above) applies to both readings alike.
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
rebound.rename(
    columns={
        "degree_2000": "2000 degree",
        "municipalities": "municipalities",
        "lost_2000_2005": "lost people 2000–2005",
        "lost_2000_2005_and_2000_2010": "…and lost 2000–2010",
        "lost_2000_2005_but_above_2000_in_2010": "…but more people in 2010 than 2000",
        "lost_2000_2010": "lost people 2000–2010",
        "grew_2005_2010_pct_of_lost_2000_2005": "% of the 2000–2005 losers growing 2005–2010",
    }
)

# %%
# Estimated by the rule municipal_growth_regressions (waves.growth_regressions), read here.
growth = nb.read_table("growth_regression")
HTML(
    people_table_html(
        growth[growth["term"] == "migratory_intensity_index"][
            ["period", "specification", "estimate", "ci95_low", "ci95_high", "p_value", "wild_p_value", "n"]
        ].round({"estimate": 2, "ci95_low": 2, "ci95_high": 2, "p_value": 4, "wild_p_value": 3}),
        labels={
            "estimate": "log points of growth per index point",
            "ci95_low": "95% interval from",
            "ci95_high": "95% interval to",
            "p_value": "p (clustered by state)",
            "wild_p_value": "p (wild cluster bootstrap)",
            "n": "municipalities",
        },
        dictionary=nb.dictionary,
    )
)

# %%
paper = pd.read_csv(nb.input("depopulation_vs_paper")).set_index("measure")
loss = main_sample.set_index(["period", "degree_2000"])
r = rebound.set_index("degree_2000").loc["All"]
index_rows = growth[(growth["term"] == "migratory_intensity_index") & growth["specification"].str.startswith("main")]
coef = index_rows.set_index("period")
placebo = coef.loc[waves.PERIODS[0][0]]
placebo_reading = (
    "The municipalities most migratory in 2000 were already growing more slowly before the index's window: the "
    "index marks places with long-standing slow growth, and the data cannot say how much of their later loss "
    "emigration caused."
    if placebo["ci95_high"] < 0
    else "The interval includes zero: before the index's window the most migratory municipalities did not grow "
    "measurably more slowly, which leaves room for the later association to reflect emigration, though an "
    "association it remains."
)
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
  association weakens in the second decade, and its clustered interval there just reaches zero while the wild
  bootstrap rejects zero; section 6 gives the bootstrap's own interval and Conley errors for it.
- **Placebo, 1990–1995.** The 2000 index counts emigrants of 1995–2000, who lower the 2000 population by
  construction, so a placebo must end by 1995. The same regression for 1990 (census) to 1995 (count), five years
  rather than ten, gives {placebo["estimate"]:+.2f} log points per index point ({placebo["ci95_low"]:+.2f} to
  {placebo["ci95_high"]:+.2f}, wild bootstrap p = {placebo["wild_p_value"]:.3f}; n = {int(placebo["n"]):,}).
  {placebo_reading}
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
# **Does the downturn show in the data, or only in the quadratic?** A quadratic always bends; where its
# turning point lies among the most marginalised few percent, the "downturn" beyond it may be the curve
# extrapolated. The rule `municipal_hump_binned` splits each wave's municipalities into 20 groups of equal
# size by marginalisation and takes the mean of each outcome in each group (all municipalities; the
# within-state fits above move the turning point somewhat). A downturn counts as shown when the highest
# group mean is not in the two most marginalised groups and the most marginalised group's mean lies more
# than two standard errors below it.

# %%
binned = pd.read_csv(nb.input("hump_binned_check"))
pd.DataFrame(
    {
        "wave": binned["wave"],
        "outcome": binned["outcome"],
        "quadratic's turning point (percentile of marginalisation)": binned["turning_point_percentile"].map(
            lambda v: "no maximum (convex)" if pd.isna(v) else f"percentile {v:.0f}"
        ),
        "highest group mean (group, of 20)": binned["peak_bin"],
        "highest group mean": binned["peak_bin_mean"].round(2),
        "most marginalised group's mean": binned["most_marginalised_bin_mean"].round(2),
        "binned means fall after their peak": binned["binned_means_fall_after_peak"].map({True: "yes", False: "no"}),
    }
)

# %%
not_shown = binned[~binned["binned_means_fall_after_peak"]]
Markdown(
    """
- **Where the binned means show no downturn, no hump is claimed:** """
    + (
        "; ".join(
            f"{row.outcome} in {row.wave} (turning point at percentile {row.turning_point_percentile:.0f}, "
            f"highest group mean in group {row.peak_bin} of 20)"
            for row in not_shown.itertuples()
        )
        or "none"
    )
    + """. There the relation is, as far as the data show, rising (or flat) all the way: more marginalised
  municipalities are more migratory, and the quadratic's downturn is its shape, not the data's.
- Where the binned means do fall after a peak, the inverted U is in the data, and the quadratic's turning point
  (table) says how far along the marginalisation scale it lies.
"""
)

# %% [markdown]
# ## 6. Maps, and the spatial dependence of the growth regression
#
# Municipalities as points at INEGI's representative coordinates, coloured by CONAPO's degree: each
# wave's degrees are cut on that wave's distribution, so the colours show relative position. No package that
# installs with pip ships Mexico's state boundaries for offline use and the build downloads nothing,
# so there are no outlines (the same figure is `figures/fig_municipal_intensity_map_2000_2020.svg`).

# %%
fig = degree_maps(panel)
fig.suptitle(
    "CONAPO's degrees of migratory intensity, 2000, 2010 and 2020: positions within each wave, not levels "
    "(on 2000's scale see section 3)",
    x=0.01,
    y=0.99,
    ha="left",
    va="top",
    fontsize=10,
    wrap=True,
)
fig.text(
    0.01,
    0.01,
    "Source: CONAPO, Índice de intensidad migratoria México–Estados Unidos 2000, 2010, 2020; INEGI, representative "
    "points (census 2020).",
    fontsize=7,
    color="#444444",
)
plt.show()

# %% [markdown]
# Municipalities of one region share labour markets and migrant networks across state lines, which
# clustering by state does not cover. Moran's I of the main growth regression's residuals (libpysal's
# k-nearest-neighbour weights on great-circle distances, row-standardised; esda's permutation test)
# says whether neighbouring municipalities' residuals are alike.

# %%
moran = waves.moran_residuals(panel)
nb.write_table("moran", moran)
HTML(
    people_table_html(
        moran[["period", "neighbours", "n", "morans_i", "p_value_permutation", "p_value_normal"]].round(
            {"morans_i": 2, "p_value_permutation": 3, "p_value_normal": 4}
        ),
        labels={
            "neighbours": "nearest neighbours",
            "n": "municipalities",
            "morans_i": "Moran's I",
            "p_value_permutation": "p (999 permutations)",
            "p_value_normal": "p (normal approximation)",
        },
        dictionary=nb.dictionary,
    )
)

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
  correlation across state borders. The next table measures what that does to the growth regressions.
"""
)

# %% [markdown]
# ### Conley errors beside state clustering
#
# Two ways of allowing municipalities' errors to be correlated. **Clustering by state** (32 clusters)
# allows any correlation among the municipalities of one state, however far apart, and none across a
# state border, however close. **Conley's spatial-HAC errors** allow correlation between any two
# municipalities closer than a bandwidth, weighted down linearly with distance (triangular kernel), and
# none beyond it, whatever the border. Distances are between INEGI's representative points projected to
# Mexico's Lambert conformal conic (EPSG:6372); bandwidths 50, 100 (the main one) and 200 km. Computed by
# the `municipal_conley_errors` rule with spreg's HAC covariance; state fixed effects in both.

# %%
conley = pd.read_csv(nb.input("growth_conley"))
shown_conley = conley[conley["term"] == "migratory_intensity_index"]
HTML(
    people_table_html(
        shown_conley[
            [
                "period",
                "estimate",
                "std_error_cluster",
                "std_error_conley_50km",
                "std_error_conley_100km",
                "std_error_conley_200km",
                "ci95_low_cluster",
                "ci95_high_cluster",
                "ci95_low_conley_100km",
                "ci95_high_conley_100km",
            ]
        ].round(2),
        labels={
            "estimate": "log points per index point",
            "std_error_cluster": "SE, clustered by state",
            "std_error_conley_50km": "SE, Conley 50 km",
            "std_error_conley_100km": "SE, Conley 100 km",
            "std_error_conley_200km": "SE, Conley 200 km",
            "ci95_low_cluster": "95% interval, clustered by state: from",
            "ci95_high_cluster": "clustered by state: to",
            "ci95_low_conley_100km": "95% interval, Conley 100 km: from",
            "ci95_high_conley_100km": "Conley 100 km: to",
        },
    )
)

# %%
ci = shown_conley.set_index("period")
ratio = ci["conley_100km_over_cluster"]
late = ci.loc["2010-2020"]
excludes_zero = [
    period
    for period, row in ci.iterrows()
    if all(
        row[f"ci95_high_{kind}"] < 0 or row[f"ci95_low_{kind}"] > 0
        for kind in ("cluster", "conley_50km", "conley_100km", "conley_200km")
    )
]
Markdown(
    f"""
- **Conley errors are no larger than the clustered ones here.** For the index, the 100 km Conley error is
  {ratio.min():.2f} to {ratio.max():.2f} times the state-clustered one across the five periods, and it grows with the
  bandwidth (200 km: up to {(ci["std_error_conley_200km"] / ci["std_error_cluster"]).max():.2f} times). Correlation
  across state borders, which Moran's I shows, does not make the clustered intervals too narrow: clustering by state
  already covers more than the neighbourhood correlation does. {len(excludes_zero)} of the {len(ci)} periods
  ({", ".join(excludes_zero)}) exclude zero under state clustering and under Conley errors at every bandwidth.
- **2010–2020 is the borderline case.** Clustered by state the interval is {late["ci95_low_cluster"]:+.2f} to
  {late["ci95_high_cluster"]:+.2f} (p = {late["p_value_cluster"]:.3f}); with Conley errors at 100 km
  {late["ci95_low_conley_100km"]:+.2f} to {late["ci95_high_conley_100km"]:+.2f}
  (p = {late["p_value_conley_100km"]:.3f}; 50 km: p = {late["p_value_conley_50km"]:.3f}, 200 km:
  p = {late["p_value_conley_200km"]:.3f}). Here the choice between the two ways of allowing for correlation decides
  whether the interval reaches zero.
"""
)

# %% [markdown]
# ### Where the clustered interval and the wild bootstrap disagree: the bootstrap's own interval
#
# The wild cluster bootstrap's p-value (section 4) imposes the null hypothesis β = 0 on the resampled
# data. The interval that goes with it is the set of values r that the same test, β = r, does not reject
# at 5%: the package tests a grid of r (the same bootstrap weights and seed for every r, 999 draws as in
# section 4) and refines each edge by bisection. It is reported for each coefficient whose clustered
# interval and wild p-value disagree about zero.

# %%
inverted = pd.read_csv(nb.input("growth_wild_inverted"))
HTML(
    people_table_html(
        inverted[
            [
                "period",
                "specification",
                "estimate",
                "ci95_low_cluster",
                "ci95_high_cluster",
                "wild_p_value_table",
                "inverted_ci95_low",
                "inverted_ci95_high",
            ]
        ].round(
            {
                "estimate": 2,
                "ci95_low_cluster": 2,
                "ci95_high_cluster": 2,
                "inverted_ci95_low": 2,
                "inverted_ci95_high": 2,
            }
        ),
        labels={
            "estimate": "log points per index point",
            "ci95_low_cluster": "95% interval, clustered by state (t): from",
            "ci95_high_cluster": "clustered by state (t): to",
            "wild_p_value_table": "wild bootstrap p (β = 0)",
            "inverted_ci95_low": "95% interval, wild bootstrap inverted: from",
            "inverted_ci95_high": "wild bootstrap inverted: to",
        },
    )
)

# %%
iv = inverted.iloc[0]
Markdown(
    f"""
- **{iv["reason"].capitalize()}:** {len(inverted)} coefficient(s). For {iv["period"]} ({iv["specification"]}) the
  clustered t interval is {iv["ci95_low_cluster"]:+.2f} to {iv["ci95_high_cluster"]:+.2f} and just includes zero, while
  the wild bootstrap rejects zero (p = {iv["wild_p_value_table"]:.3f}). Inverting the bootstrap test gives
  {iv["inverted_ci95_low"]:+.2f} to {iv["inverted_ci95_high"]:+.2f} (grid of {int(iv["grid_points"])} values and
  bisection to {iv["bisection_resolution"]:.4f}; {int(iv["p_value_calls"])} bootstrap tests), consistent with its
  p-value. The two methods disagree only about whether an interval reaching about zero ends just before or just
  after it: the 2010–2020 association is weak and of uncertain size, whichever is used.
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
correlation = nb.read_table("remittance_correlation")  # rule municipal_remittances_2020
by_degree = nb.read_table("remittances_by_degree")
display(correlation)
by_degree.round(2)

# %%
fig = remittances_vs_receiving(panel, correlation)
fig.suptitle(remittances_vs_receiving_title(correlation), x=0.01, y=0.99, ha="left", va="top", fontsize=10, wrap=True)
fig.text(
    0.01,
    0.01,
    "Source: Banco de México, remittances by municipality (CE166), 2020; CONAPO, Índice de intensidad migratoria "
    "2020 (census 2020).",
    fontsize=7,
    color="#444444",
)
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
# ## What holds twenty years on, and how sure we can be
#
# - **Holds, firmly:** migration to the United States fell between 2000 and 2010. On CONAPO's own
#   like-for-like basis the share of dwellings with an emigrant halved (3.96% → 1.94%), the share receiving
#   remittances fell by a fifth (4.59% → 3.63%) and return migration rose about two and a half times. These are
#   CONAPO's published national figures from a census sample of millions of dwellings; their sampling error is
#   far smaller than the changes. From 2010 to 2020 (both on the dwelling basis) emigration fell further while
#   remittances reached more dwellings (5.05%).
# - **Holds, as a statement about position:** the municipalities that were most migratory in 2000 are still near
#   the top of each wave's ranking (83 of the 162 very high in 2010, 56 in 2020, by CONAPO's relative degrees)
#   and still the most likely to lose population. Degrees are relative and estimated from samples, so single
#   transitions of small municipalities are partly noise (regression to the mean); the ordering across all
#   municipalities is robust.
# - **Does not hold as a statement about level:** on 2000's own index scale (the 2000 formula, which reproduces
#   CONAPO's published 2000 index to its ninth decimal), only 11 of those 162 were still at 2000's very-high
#   level in 2020, and only 25 municipalities in all; in 2010 more were (return migration, weighted heavily in the
#   index, peaked then). This comparison carries the 2010 change of method (households → dwellings), which a
#   national rescaling barely moves but which cannot be measured municipality by municipality: read it as
#   "the very-high level of 2000 had nearly vanished by 2020", not as exact counts.
# - **Association, not effect:** the index's link with slower growth is already there in 1990–1995, before the
#   emigration it counts. We read it as "migratory municipalities grow slowly", not "emigration empties
#   municipalities". **How sure:** the growth regressions' residuals are spatially correlated, but Conley errors
#   (correlation within 50–200 km, across state borders) are smaller than the state-clustered ones, so the
#   clustered intervals are not too narrow on that account; every period but 2010–2020 excludes zero under
#   every method. For 2010–2020 the clustered t interval just reaches zero while the wild bootstrap rejects it
#   (p = 0.02) and its inverted interval, about −2.8 to −0.1, excludes it: a weaker association that is probably
#   negative, of uncertain size.
# - **Does not hold as stated:** "832 of 2,435 municipalities" losing population. The 2005 count says about half,
#   the 2010 census about a quarter; neither says one in three, and the 2005 figure is in doubt.
# - **Changed, with moderate confidence:** the top degrees shrank in the west-centre and grew in the south, and the
#   migration hump's peak moved towards the most marginalised municipalities; both rest on relative degrees and
#   on cross-sections (the shift of the top degrees counts CONAPO's relative degrees). Where the binned means show no
#   downturn (the table in section 5), no hump is claimed: there more marginalised means more migratory.
# - **Not comparable, and not used for change:** the 2000 municipal file's own percentages (households, the 2000
#   method). Where they appear they are labelled "2000 method, not comparable".
#
# Every number in this notebook is in these files:

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Degree of migratory intensity.** CONAPO's five (six with "Null") classes of the index, cut on each
#   wave's own distribution: a position among that year's municipalities, not a level.
# - **Common scale.** The 2000 index formula (each share standardised with its 2000 mean and standard
#   deviation, weighted by the 2000 principal-component loadings) and the 2000 degree boundaries applied
#   to the shares of 2010 and 2020, so that "very high" means the same level in every wave.
# - **Principal component.** The weighted sum of standardised indicators that captures most of their
#   joint variation; CONAPO's index is the first one, scaled to unit variance.
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
# - **Conley (spatial-HAC) standard errors.** Errors that allow any two municipalities closer than a
#   bandwidth (50, 100, 200 km) to share shocks, with a weight falling linearly with distance, whatever
#   the state border; state clustering instead allows correlation within a state only.
# - **Interval by test inversion.** The values r of a coefficient that a test of "β = r" does not reject at
#   5%: here the wild cluster bootstrap's own interval, consistent with its p-value.
# - **Moran's I.** A measure of whether nearby municipalities (here the k nearest by INEGI's
#   coordinates) have similar residuals; its p-value comes from random permutations.
# - **Spearman's and Kendall's rank correlations.** Correlations of ranks, not values: robust to the
#   skewed distribution of remittances per dwelling.
