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
# 1. Read the table across generations: what changes from the emigrants to the second generation.
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
from IPython.display import Markdown

from migration_evidence.analysis import generations
from migration_evidence.analysis.text_claims import Claim, compare_claims
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("mexican_origin_generations")
t4 = nb.read_table("mexican_origin_population_2003")
generations.wide(t4)

# %% [markdown]
# Two printed cells lost their decimal point in the source text ("349" and "224" for 34.9 and 22.4);
# the repository's corrections register (`data/raw/corrections.csv`) restores them with its reasons.
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

# %%
b = born.iloc[0]
doc = "004_47f626fd3a8bb81a.txt"
claims = compare_claims(
    [
        Claim(
            "Share of the Mexican-origin population born in Mexico (%)",
            doc,
            "596",
            "40",
            100 * b["born_in_mexico_share"],
            "100 × (100 − 68.9) / (100 − 21.8), Table 4 (2003)",
        ),
        Claim(
            "Share born in Mexico (%), from the text's 2004 figures: 10.2 of 26.6 million = 38.3",
            doc,
            "203-204",
            "38.3",
            100 * b["born_in_mexico_share"],
            "Table 4 (2003) against 100 × 10.2 / 26.6 (text, 2004)",
        ),
        Claim(
            "No health coverage among Mexican emigrants (%)",
            doc,
            "616",
            "52.6",
            g.loc["No health coverage", "mexican_emigrants"],
            "Table 4, emigrants column",
        ),
        Claim(
            "University degree or postgraduate among Mexican migrants (%)",
            doc,
            "623",
            "5.5",
            g.loc["University and postgraduate", "mexican_emigrants"],
            "Table 4, emigrants column",
        ),
    ]
)
nb.write_table("text_claims", claims)
claims[["claim", "lines", "stated", "computed", "computed_at_stated_precision", "agrees"]].round(2)

# %%
text_2004 = 100 * 10.2 / 26.6
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
# the three printed groups make it up. We solve for *u* from each row in turn and use it to predict the
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
- **Not determinable:** whether small differences between groups (poverty among emigrants against the first
  generation) are real, since no standard errors or sample sizes are printed; and how the US-born divide between
  the generations, since the rows imply {"compatible" if overlap else "incompatible"} splits under the
  one-population assumption.

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()
