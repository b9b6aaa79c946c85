# %% [markdown]
# # 5. The Mexican-origin population by generation, 2003
#
# **The claims.** Table 4 of Delgado Wise and Márquez Covarrubias (2006, lines 631–646 of the text)
# prints, from Conapo's estimates on the Current Population Survey of March 2003, four characteristics of
# people of Mexican origin in the United States: university education, US citizenship, poverty and lack
# of health coverage, for those born in Mexico ("Mexican emigrants"), the US-born first and second
# generations, and all of them together. The text uses it in a section on social integration (lines
# 591–627) which concludes that "the persistent socioeconomic deterioration of first-, second-, and
# later-generation Mexican migrants in the United States has served to cut off access to social
# mobility" (lines 625–626). Elsewhere it says that of the people of Mexican origin "40% of them were
# born in Mexico" (line 596), and that in 2004 there were 26.6 million people of Mexican origin, 10.2
# million of them born in Mexico (lines 203–204).
#
# **What we do.**
# 1. Say who is in each group (CONAPO counts generations differently from the US Census Bureau) and
#    read the table across generations: what changes from the emigrants to the second generation.
# 2. Use the citizenship row, where the US-born are all citizens, to recover the share of the total born
#    in Mexico, and compare it with the text.
# 3. Ask whether one split of the US-born between the first and second generations reproduces every
#    row's total.
#
# **What kind of evidence this is.** Sixteen percentages, each an estimate from a survey sample, printed
# with one decimal and without standard errors or sample sizes. Differences of a point or two between
# groups cannot be told from sampling noise with what is printed; the arithmetic identities in sections
# 2 and 3 hold exactly for the population shares, and the only slack we can account for is rounding
# (±0.05 points on each printed value).

# %%
import pandas as pd
from IPython.display import Markdown

from migration_evidence.analysis import generations
from migration_evidence.analysis.text_claims import audit_claims
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("mexican_origin_generations")
t4 = nb.read_table("mexican_origin_population_2003")
generations.wide(t4)

# %% [markdown]
# Two printed cells lost their decimal point in the source text ("349" and "224" for 34.9 and 22.4);
# the repository's corrections register (`data/raw/corrections.csv`) restores them with its reasons.
#
# **Who is in each group.** The table counts generations as CONAPO does, which is not the US Census
# Bureau's usage. The Census Bureau calls the foreign-born the *first* generation, the US-born with at
# least one foreign-born parent the *second*, and the US-born with two US-born parents the *third and
# higher* generation (Census Bureau, Current Population Survey, "generational status"). CONAPO's table
# starts counting at the first generation born in the United States:
#
# | Table 4 column | Who | Census Bureau usage |
# | --- | --- | --- |
# | Mexican emigrants | born in Mexico | first generation |
# | First generation (born in the US) | born in the US, a parent born in Mexico | second generation |
# | Second generation | born in the US, both parents born in the US, of Mexican origin | third and higher generation |
#
# The CPS records only the birthplaces of a person and of their parents, so a grandchild of migrants
# cannot be told apart from later descendants: the "second generation" column necessarily holds every
# US-born person of Mexican origin whose parents were born in the US. The text's "first- or
# second-generation immigrants or more distantly descended" (lines 596–597) and the note in
# `config/tables.yaml` that the total also holds later generations describe the same people: they are
# in the "Second generation" column, not in a fourth, unprinted group. So the three printed groups do
# make up the total, which sections 2 and 3 use.
#
# **Not age-standardised.** The groups differ in age: the US-born generations include most of the
# children, the emigrants are mostly adults of working age. Poverty, health coverage and schooling all
# vary with age (a child has no university degree), so a difference between the columns mixes the
# groups' circumstances with their age structure. The table gives no age breakdown to correct for it.
#
# ## 1. Across generations
#
# Differences in percentage points between groups.

# %%
gaps = generations.generation_gaps(t4)
nb.write_table("gaps", gaps)
gaps.round(1)

# %%
g = gaps.set_index("characteristic")
citizen, cover, poor = g.loc["U.S. citizen"], g.loc["No health coverage"], g.loc["Poor"]
univ = g.loc["University and postgraduate"]
Markdown(
    f"""
- **Citizenship** jumps from {citizen["mexican_emigrants"]:.1f}% of those born in Mexico to 100% of the US-born,
  by definition (birthright citizenship).
- **Health coverage**: {cover["mexican_emigrants"]:.1f}% of those born in Mexico have none, against
  {cover["first_generation"]:.1f}% of the first and {cover["second_generation"]:.1f}% of the second generation:
  the largest gap in the table lies between those born in Mexico and the US-born, while the two US-born
  generations differ by {abs(cover["second_minus_first_pp"]):.1f} points.
- **Poverty** barely differs between the emigrants ({poor["mexican_emigrants"]:.1f}%) and the first generation
  ({poor["first_generation"]:.1f}%); it is {-poor["second_minus_first_pp"]:.1f} points lower in the second.
- **University education** rises with each generation, from {univ["mexican_emigrants"]:.1f}% to
  {univ["first_generation"]:.1f}% and {univ["second_generation"]:.1f}%, but stays low throughout.

These are differences between different people observed in one year, not the path of one family over
generations: the second generation of 2003 descends from migrants of earlier decades. The table therefore
describes groups at one date; it cannot show a "deterioration" over time or that mobility is "cut off" (lines
625–626). With no standard errors printed, the
{abs(poor["first_minus_emigrants_pp"]):.1f}-point difference in poverty between emigrants and the first
generation is not a finding either way.
"""
)

# %% [markdown]
# ## 2. The share born in Mexico, from the citizenship row
#
# If the three groups make up the total, the total's percentage is the mean of the group percentages
# weighted by group size. All the US-born are citizens (both columns print 100.0), so with *w* the share
# born in Mexico,
#
#     68.9 = w × 21.8 + (1 − w) × 100,   so   w = (100 − 68.9) / (100 − 21.8).
#
# The interval carries the rounding of the two printed values, 68.9 and 21.8 (each ±0.05); the US-born
# share of citizens is exactly 100 by birthright.

# %%
born = generations.born_in_mexico_share(t4)
nb.write_table("born_in_mexico", born)
born.round(4)

# %% [markdown]
# The text's numbers on this table, as the package's claim checks judge them
# (`results/tables/printed_checks.csv`, the rows the source audit also reports; claims C032, C031, C033 and
# C034 of `data/raw/claims.csv`):

# %%
b = born.iloc[0]
claims = audit_claims(
    pd.read_csv(nb.input("printed_checks"), dtype=str, keep_default_na=False),
    pd.read_csv(nb.input("claims"), dtype=str, keep_default_na=False),
    ["C032", "C031", "C033", "C034"],
)
nb.write_table("text_claims", claims)
claims[["claim_id", "lines", "quote", "stated", "computed", "verdict"]].round(2)

# %%
text_2004 = claims.set_index("claim_id").loc["C031", "computed"]  # 10.2 / 26.6 million, as the audit computes it
Markdown(
    f"The citizenship row implies that {100 * b['born_in_mexico_share']:.1f}% of the Mexican-origin population was "
    f"born in Mexico (between {100 * b['born_in_mexico_share_low']:.2f}% and "
    f"{100 * b['born_in_mexico_share_high']:.2f}% given the rounding). That agrees with the text's '40%' at the "
    f"precision the text uses. The text's own 2004 figures give {text_2004:.1f}%, outside the rounding interval: a "
    "different year and probably a different estimate, so the two are close but not the same number. The text's "
    "52.6% without coverage is the table's. Its 5.5% with university degrees (line 623) is not the table's "
    f"{univ['mexican_emigrants']:.1f}% for the same group; the text gives no source for it, and the two may count "
    "different ages."
)

# %% [markdown]
# ## 3. Does one split between the generations reproduce every row?
#
# With *w* fixed by the citizenship row, each other row has one unknown, the share *u* of the total in
# the first generation (the second generation is 1 − *w* − *u*). With T, E, F and S the row's printed
# percentages for the total, the emigrants and the first and second generations:
#
#     T = w E + u F + (1 − w − u) S,   so   u = (T − w E − (1 − w) S) / (F − S).
#
# **Assumption, stated:** every row refers to the same population (all people of Mexican origin), and
# the three printed groups make it up (they do if "Second generation" holds all later descendants, as
# the CPS's questions imply; see above). We solve for *u* from each row in turn and use it to predict the
# other rows' totals. If the assumption held, the three values of *u* would agree within rounding.

# %%
split = generations.generation_split(
    t4, b["born_in_mexico_share"], b["born_in_mexico_share_low"], b["born_in_mexico_share_high"]
)
nb.write_table("generation_split", split)
solved = split.drop_duplicates("solved_from")[
    [
        "solved_from",
        "first_generation_share",
        "first_generation_share_low",
        "first_generation_share_high",
        "second_generation_share",
        "feasible",
    ]
]
solved.round(3)

# %%
predictions = split[(split["characteristic"] != split["solved_from"]) & (split["characteristic"] != "U.S. citizen")]
predictions[["solved_from", "characteristic", "printed_total_pct", "predicted_total_pct", "difference_pp"]].round(2)

# %%
by_row = solved.set_index("solved_from")
lows, highs = by_row["first_generation_share_low"], by_row["first_generation_share_high"]
overlap = lows.max() <= highs.min()
shares = ", ".join(f"{100 * u:.0f}% ({row.lower()})" for row, u in by_row["first_generation_share"].items())
verdict = (
    "a single split is compatible with all rows"
    if overlap
    else "no single split of the US-born reproduces every printed total"
)
Markdown(
    f"""
The three rows give first-generation shares of {shares}. Even allowing for rounding the intervals
{"overlap" if overlap else "do not overlap"} (from {100 * lows.max():.1f}% at the highest lower bound to
{100 * highs.min():.1f}% at the lowest upper bound), so {verdict}.
The poverty row pins *u* down best, because the first and second generations differ most there
({abs(poor["second_minus_first_pp"]):.1f} points); the schooling row least
({abs(univ["second_minus_first_pp"]):.1f} points), so its interval is widest.

A likely reason is that the rows do not share one population. If, for instance, schooling were measured on adults
only and poverty on all persons, the weight of the US-born generations (whose members include many children)
would differ from row to row. The table does not state its universes, so this cannot be checked here; what the
check does show is that the printed totals are not weighted means of the printed groups with one set of weights.
"""
)

# %% [markdown]
# ## What the data support, and what they do not

# %%
# Citizenship is left out: the US-born are citizens by birthright, so that row cannot show anyone better placed.
better = {
    "University and postgraduate": g.loc["University and postgraduate", "second_minus_emigrants_pp"] > 0,
    "Poor": g.loc["Poor", "second_minus_emigrants_pp"] < 0,
    "No health coverage": g.loc["No health coverage", "second_minus_emigrants_pp"] < 0,
}
Markdown(
    f"""
- **Supported:** the citizenship row implies that {100 * b["born_in_mexico_share"]:.0f}% of the Mexican-origin
  population was born in Mexico, as the text says; lack of health coverage is far more common among those born in
  Mexico ({cover["mexican_emigrants"]:.1f}%) than among the US-born.
- **Not supported by this table:** a "deterioration" across generations. A cross-section compares different people
  at one date, and the second generation is better placed than those born in Mexico on {sum(better.values())} of
  the {len(better)} rows that can show it ({", ".join(better)}; citizenship is the US-born's by birthright).
- **Not age-standardised:** every difference between the columns mixes the groups' circumstances with their
  ages; the US-born generations hold most of the children.
- **Not determinable:** whether small differences between groups (poverty among emigrants against the first
  generation) are real, since no standard errors or sample sizes are printed; and how the US-born divide between
  the generations, since the rows imply {"compatible" if overlap else "incompatible"} splits under the
  one-population assumption.

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Generation.** Here CONAPO's usage: emigrants are born in Mexico, the first generation is born in
#   the US to a Mexican-born parent, the second generation is born in the US to US-born parents (see the
#   table in section 1 for the Census Bureau's names for the same groups).
# - **Weighted mean (mixture).** A total's percentage is the mean of its groups' percentages, each
#   weighted by the group's share of the total; sections 2 and 3 solve this for the unknown shares.
# - **Rounding interval.** A value printed with one decimal lies within ±0.05 of the printed number;
#   carrying those bounds through a formula gives the interval of what the table allows.
# - **Cross-section.** Different people observed at one date, as opposed to following the same
#   families over time.
# - **Age standardisation.** Reweighting groups to a common age structure before comparing them; this
#   table does not allow it.
