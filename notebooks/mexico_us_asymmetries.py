# %% [markdown]
# # 3. Mexico–US asymmetries, 1994–2004: did the gap widen?
#
# **The claim.** Delgado Wise and Márquez Covarrubias (2006, lines 281–285 of the text) write that
# "economic integration under NAFTA, rather than promoting convergence [...], helps accentuate the
# asymmetries that exist between the two countries. Whereas in 1994 per capita GDP in the U.S. was
# 2.6 times that of Mexico, by 2004 the ratio had increased to 2.9. Similarly, average manufacturing
# wages [...] in the U.S. were 5.7 times higher than those reported in Mexico in 1994, and 6.8 higher
# in 2004." Their Table 2 (lines 291–305) prints seven indicators for both countries in 1994 and 2004.
#
# **What we do.**
# 1. Recompute every US/Mexico ratio and difference and ask, indicator by indicator, whether the gap
#    widened, in relative and in absolute terms.
# 2. Annualise each indicator's growth over the years its values *really* refer to: footnote markers
#    say that four cells are for 1995 or 2003, not 1994 or 2004.
# 3. Check the text's four ratio claims against the table.
#
# **What kind of evidence this is.** Two dates, two countries, no sampling: there is nothing to test
# statistically and no standard error to report. The ratios are exact arithmetic on printed values;
# the questions are whether the arithmetic matches the text, and what two snapshots can and cannot
# say about a process (NAFTA) that happened between them.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from migration_evidence.analysis import asymmetries
from migration_evidence.analysis.text_claims import audit_claims
from migration_evidence.figures.printed import PALETTE
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("mexico_us_asymmetries")
table = nb.read_table("asymmetries")
table[["indicator_id", "country", "table_year", "reference_year", "value", "footnote_marker"]]

# %% [markdown]
# The footnote legend under the table is printed as "©1995°2003" (line 303): the marker `¢` sends a
# value to 1995, the markers `"` and `>` to 2003. The processed table keeps the year each value
# refers to in `reference_year`. Four of the 28 values are affected:

# %%
table[table["reference_year"] != table["table_year"]][["indicator", "country", "table_year", "reference_year", "value"]]

# %% [markdown]
# ## 1. The ratios, and whether each gap widened
#
# A gap can be measured two ways, and they need not agree. The **ratio** divides the larger country's
# value by the smaller one's (a rising ratio is a widening *relative* gap); the **difference** subtracts
# them, in the indicator's own unit (a rising difference is a widening *absolute* gap). If R&D spending
# rises from 0.3% to 0.4% of GDP in Mexico and from 2.4% to 2.7% in the US, the ratio falls (8 to 7) while
# the difference grows (2.1 to 2.3 points). Both are shown, side by side.
#
# For underemployment Mexico's value is the larger, so its gap is Mexico/US. Two rows are not gaps:
# population size (a large country is not a more developed one) and the rate of population growth (a
# ratio of two growth rates is not a gap in levels). They are shown but left out of the count.
#
# Where one of the four values refers to 1995 or 2003 the ratio compares different years. As a check
# (`aligned` columns) each such value is moved to 1994 or 2004 along its own country's compound annual
# growth; this assumes steady growth over the span and is used only to see whether a conclusion
# depends on the mismatch.

# %%
pairs = asymmetries.country_pairs(table)
nb.write_table("ratios", pairs)
change = asymmetries.ratio_change(table)
nb.write_table("ratio_change", change)
change[
    [
        "indicator",
        "larger_country",
        "larger_to_smaller_1994",
        "larger_to_smaller_2004",
        "gap_change_pct",
        "gap",
        "gap_change_pct_per_year",
        "reference_years_as_printed",
        "larger_to_smaller_aligned_1994",
        "larger_to_smaller_aligned_2004",
        "gap_aligned",
    ]
].round(3)

# %%
levels = change[change["counts_as_gap"]]
label = asymmetries.SHORT_LABELS
widened = [label[i] for i in levels[levels["gap"] == "widened"]["indicator_id"]]
narrowed = [label[i] for i in levels[levels["gap"] == "narrowed"]["indicator_id"]]
widened_diff = [label[i] for i in levels[levels["gap_in_differences"] == "widened"]["indicator_id"]]
depends = [label[i] for i in levels[levels["verdict_depends_on_metric"]]["indicator_id"]]
side_by_side = levels[
    ["indicator", "larger_country", "larger_to_smaller_1994", "larger_to_smaller_2004", "gap",
     "larger_minus_smaller_1994", "larger_minus_smaller_2004", "gap_in_differences"]
].round(2)  # fmt: skip
side_by_side

# %%
Markdown(
    f"""
- **In ratios** {len(widened)} of the {len(levels)} gaps widened ({", ".join(widened)}) and {len(narrowed)} narrowed
  ({", ".join(narrowed)}).
- **In differences** {len(widened_diff)} of {len(levels)} widened ({", ".join(widened_diff)}).
- The verdict depends on the metric for {", ".join(depends) if depends else "no gap"}: the relative gap closed while
  the absolute gap grew. "Did the gap widen?" has no single answer for these indicators, and a count of gaps that
  narrowed says as much about the metric chosen as about the countries.
- Aligning the 1995/2003 values to the printed years changes
  {"no verdict" if (levels["gap"] == levels["gap_aligned"]).all() else "some verdicts"} in ratios.
- **Underemployment is not comparable between the countries.** Each country's statistical office defines and
  measures underemployment in its own way, from its own labour-force survey (by hours worked, by the wish to work
  more, or by income), and the table names neither definition. Its ratio is shown, but the two numbers are not the
  same quantity, so it is not a gap in the sense of the others.
"""
)

# %% [markdown]
# ## 2. Annualised growth over the true span
#
# Compound annual growth is (x_end / x_start)^(1 / (t_end − t_start)) − 1, with *t* the
# *reference* years. For the four marked values the span is 8 or 9 years, not 10;
# `growth_pct_per_year_printed_span` shows what ignoring the markers would give. For indicators that
# are themselves percentages (underemployment, R&D spending, university studies) the linear change in
# percentage points per year (`change_per_year`) is often the more natural summary, and is given too.

# %%
growth = asymmetries.annualised_growth(table)
nb.write_table("growth", growth)
growth[
    [
        "indicator_id",
        "country",
        "start_reference_year",
        "end_reference_year",
        "span_years",
        "growth_pct_per_year",
        "growth_pct_per_year_printed_span",
        "change_per_year",
    ]
].round(3)

# %%
shifted = growth[growth["span_years"] != 10]
Markdown(
    "Where the span is not 10 years the correction changes the rate: "
    + "; ".join(
        f"{r.country} {label[r.indicator_id]} {r.start_reference_year}→{r.end_reference_year}: "
        f"{r.growth_pct_per_year:.2f}% a year, not {r.growth_pct_per_year_printed_span:.2f}%"
        for r in shifted.itertuples()
    )
    + ". It changes no conclusion about which gaps widened."
)

# %% [markdown]
# One internal check the table allows: the printed rates of population growth against the average
# growth implied by the printed population levels.

# %%
pop = growth[growth["indicator_id"] == "population"].set_index("country")["growth_pct_per_year"]
printed_rates = table[table["indicator_id"] == "population_growth"].pivot(
    index="country", columns="table_year", values="value"
)
printed_rates.assign(average_growth_implied_by_population_levels=pop).round(2)

# %%
mx_rates = printed_rates.loc["Mexico"]
us_rates = printed_rates.loc["United States"]
Markdown(
    f"Mexico's population rose {pop['Mexico']:.2f}% a year on average between the printed levels, yet the "
    f"table prints growth rates of {mx_rates[1994]:.2f}% (1994) and {mx_rates[2004]:.2f}% (2004). A rate that fell "
    f"steadily from {mx_rates[1994]:.2f}% to {mx_rates[2004]:.2f}% would average about halfway between the two, "
    f"well above {pop['Mexico']:.2f}%: the 1994 rate is hard to "
    "reconcile with the table's own population levels (and the round 104,000 thousand for 2004 is itself an "
    f"estimate). The US figures agree with each other ({pop['United States']:.2f}% a year against printed "
    f"rates of {us_rates[1994]:.2f}% and {us_rates[2004]:.2f}%)."
)

# %% [markdown]
# ## 3. The text's ratio claims
#
# The text gives each ratio to one decimal. The package's claim checks (`results/tables/printed_checks.csv`,
# the rows the source audit also reports; claims C014-C017 of `data/raw/claims.csv`) judge each against the
# ratio of the printed cells, with the rounding of both the stated ratio and the cells; their verdicts are
# shown here.

# %%
text_claims = asymmetries.ratio_claims(
    pairs,
    audit_claims(
        pd.read_csv(nb.input("printed_checks"), dtype=str, keep_default_na=False),
        pd.read_csv(nb.input("claims"), dtype=str, keep_default_na=False),
        ["C014", "C015", "C016", "C017"],
    ),
    [
        ("C014", "gdp_per_capita", 1994),
        ("C015", "gdp_per_capita", 2004),
        ("C016", "manufacturing_wage", 1994),
        ("C017", "manufacturing_wage", 2004),
    ],
)
nb.write_table("text_claims", text_claims)
text_claims[["claim_id", "claim", "lines", "stated", "computed", "tolerance", "verdict", "computed_from"]].round(4)

# %% [markdown]
# Three claims agree. The 2004 wage ratio does not: the table gives 16.2/2.5 = 6.48, not 6.8, further
# away than the rounding of the four numbers allows. Which single printed value would have to be
# different for the text to be right?

# %%
wage = text_claims[text_claims["claim"] == "US/Mexico manufacturing wage, 2004"].iloc[0]
print(
    f"A ratio of 6.8 (6.75 to 6.85) needs a US wage of {wage['us_value_for_stated_low']:.2f}"
    f"-{wage['us_value_for_stated_high']:.2f} (table: {wage['us_value']:.1f}) or a Mexican wage of"
    f" {wage['mexico_value_for_stated_low']:.3f}-{wage['mexico_value_for_stated_high']:.3f}"
    f" (table: {wage['mexico_value']:.1f})."
)

# %% [markdown]
# The table cannot tell us which value, if either, the authors used: the text's figure is simply not
# the table's. The direction of the claim survives, since with the table's own values the wage ratio
# still rose (section 1).

# %% [markdown]
# ## 4. The divergence, drawn
#
# Left: the gap (larger/smaller value) in 1994 and 2004 on a log scale, so that equal slopes mean equal
# percentage changes. Hollow markers: the ratio involves a value for 1995 or 2003. Right: each
# country's compound annual growth over the true span.

# %%
short = {i: label[i][0].upper() + label[i][1:] for i in asymmetries.GAP_INDICATORS}
short["underemployment"] = "Underemployment (Mexico/US)"
as_printed = pairs.set_index(["indicator_id", "table_year"])["reference_years_match"]
as_printed &= pairs.set_index(["indicator_id", "table_year"]).eval("mexico_reference_year == table_year")

fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 4.6), gridspec_kw={"width_ratios": [1.2, 1]})
label_positions = {}
for _, row in levels.sort_values("larger_to_smaller_2004").iterrows():
    # Labels at the 2004 end, nudged apart (in log units) where two lines end close together.
    position = np.log10(row["larger_to_smaller_2004"])
    if label_positions:
        position = max(position, max(label_positions.values()) + 0.035)
    label_positions[row["indicator_id"]] = position
for _, row in levels.iterrows():
    colour = PALETTE["vermillion"] if row["gap"] == "widened" else PALETTE["blue"]
    values = [row["larger_to_smaller_1994"], row["larger_to_smaller_2004"]]
    left.plot([1994, 2004], values, color=colour)
    for year, value in zip([1994, 2004], values, strict=True):
        face = colour if as_printed[(row["indicator_id"], year)] else "white"
        left.plot([year], [value], marker="o", color=colour, markerfacecolor=face, zorder=3)
    left.annotate(
        f"{short[row['indicator_id']]} {values[0]:.2f}→{values[1]:.2f}",
        (2004, values[1]),
        xytext=(2004.8, 10 ** label_positions[row["indicator_id"]]),
        textcoords="data",
        va="center",
        fontsize=7.5,
        color=colour,
    )
left.set_yscale("log")
ticks = [2, 3, 4, 5, 6, 8]
left.set_yticks(ticks, [str(t) for t in ticks])
left.yaxis.set_minor_locator(plt.NullLocator())
left.set_xlim(1993, 2014)
left.set_xticks([1994, 2004])
left.set_ylabel("Larger value ÷ smaller value (log scale)")
left.set_title("Gap between the countries", fontsize=9.5)
left.plot([], [], color=PALETTE["vermillion"], label="widened")
left.plot([], [], color=PALETTE["blue"], label="narrowed")
left.plot([], [], marker="o", color="grey", markerfacecolor="white", linestyle="", label="a value for 1995 or 2003")
left.legend(loc="upper center", bbox_to_anchor=(0.45, -0.1), ncols=3, fontsize=7.5, frameon=False)

growth_levels = growth[growth["indicator_id"].isin(list(short))]
y = np.arange(len(short))
bars = [(-0.2, "Mexico", PALETTE["orange"]), (0.2, "United States", PALETTE["sky"])]
for offset, country, colour in bars:
    part = growth_levels[growth_levels["country"] == country].set_index("indicator_id").loc[list(short)]
    right.barh(y + offset, part["growth_pct_per_year"], height=0.38, color=colour, label=country)
right.set_yticks(y, [label[i][0].upper() + label[i][1:] for i in short], fontsize=7.5)
right.invert_yaxis()
right.axvline(0, color="black", linewidth=0.6)
right.set_xlabel("Compound growth, % per year (true span)")
right.set_title("Growth of each indicator", fontsize=9.5)
right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=7.5, frameon=False)

gdp = levels.set_index("indicator_id").loc["gdp_per_capita"]
wage_gap = levels.set_index("indicator_id").loc["manufacturing_wage"]
fig.suptitle(
    f"In ratios GDP per head ({gdp['larger_to_smaller_1994']:.2f}→{gdp['larger_to_smaller_2004']:.2f}) and wages "
    f"({wage_gap['larger_to_smaller_1994']:.2f}→{wage_gap['larger_to_smaller_2004']:.2f}) diverged;\n"
    f"in differences {len(widened_diff)} of {len(levels)} gaps widened: the verdict depends on the metric",
    x=0.01,
    ha="left",
    fontsize=10.5,
    fontweight="bold",
)
fig.text(
    0.01,
    -0.1,
    "Source: OECD, INEGI, as printed in Delgado Wise & Márquez Covarrubias (2006), Table 2.",
    fontsize=7.5,
    color="#444444",
)
fig.subplots_adjust(wspace=0.6, top=0.85, bottom=0.12)
plt.show()

# %% [markdown]
# ## What the data support, and what they do not

# %%
agree = text_claims[text_claims["agrees"]]
disagree = text_claims[~text_claims["agrees"]]
mismatches = "; ".join(f"{r.claim}: the table gives {r.computed:.2f}, not {r.stated:g}" for r in disagree.itertuples())
Markdown(
    f"""
- **Supported:** in the table's current dollars, the US/Mexico ratio of GDP per head rose from
  {gdp["larger_to_smaller_1994"]:.2f} to {gdp["larger_to_smaller_2004"]:.2f} and that of manufacturing wages from
  {wage_gap["larger_to_smaller_1994"]:.2f} to {wage_gap["larger_to_smaller_2004"]:.2f}
  ({gdp["gap_change_pct_per_year"]:.1f}% and {wage_gap["gap_change_pct_per_year"]:.1f}% a year). The text's
  {", ".join(f"{v:g}" for v in agree["stated"])} match the table.
- **Not supported as printed:** {mismatches}.
- **Depends on the metric:** "accentuate the asymmetries" holds in ratios for {len(widened)} of the
  {len(levels)} gaps ({", ".join(narrowed)} narrowed) and in differences for {len(widened_diff)} of {len(levels)}.
  For {", ".join(depends)} the relative gap closed while the absolute gap grew. Population size is not counted
  as a gap, and the two countries' underemployment figures measure different things.
- **Not testable with these data:** that NAFTA *caused* any of it. Two snapshots have no counterfactual,
  and current-dollar ratios also move with exchange rates and prices, which the table does not separate
  from real growth. Nor does the table say whether its dollars are at market exchange rates or at
  purchasing-power parity.
- **Doubtful input:** Mexico's printed 1994 population growth rate ({mx_rates[1994]:.2f}%) does not fit the
  table's own population levels.

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Ratio and difference.** Two measures of a gap: the larger value divided by the smaller (relative)
#   and the larger minus the smaller (absolute, in the indicator's unit). They can move in opposite
#   directions.
# - **Compound annual growth.** (x_end / x_start)^(1 / years) − 1, over the years the values really
#   refer to.
# - **Reference year.** The year a value describes, which a footnote marker can set apart from the
#   column it is printed in.
# - **Aligning a value.** Moving a 1995 or 2003 value to 1994 or 2004 along its country's compound growth:
#   an assumption of steady growth, used only as a check.
# - **Current dollars.** Values at each year's prices and exchange rates, not adjusted for inflation.
