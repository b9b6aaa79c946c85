# %% [markdown]
# # 4. Hometown-association funding: El Salvador's FISDL and Mexico's 3x1 programmes
#
# **The claims.** De la Garza (2005) describes how Salvadoran hometown associations (HTAs) co-fund
# local projects with the national fund FISDL (Table 1, lines 305–343 of the text) and how Mexican
# states match migrants' money in "3x1" programmes (Tables 2 and 3, lines 375–406). The text says
# (lines 283–293) that 28 of the 45 FISDL projects are in three departments, that "the average cost
# of a project [...] is US\$31,832", that HTAs "on average, give a total of 16% of the cost of
# projects", from "1% in San Salvador to 57% in Usulutan", and that in Cabañas HTAs gave
# "US\$99,000 –9% of the total cost– to match the FISDL's US\$780,000 –69% of the total–".
#
# **What we do.**
# 1. Check the printed totals and split each department's cost into HTA money, FISDL money and the
#    part that neither column accounts for.
# 2. Ask which average the table's "Total/average" row prints: a mean over departments, or money over money.
# 3. Check the text's numbers against the table.
# 4. Ask a question the text does not: do HTAs pay a larger share of larger projects? With 13
#    departments this is an exercise in what a small sample can and cannot say, and in asking the
#    question without comparing two ratios that share a denominator.
# 5. Describe the Zacatecas (1999–2003) and Michoacán (2002) 3x1 series, including a partial year.

# %%
from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from migration_evidence.analysis import hta_funding, small_samples
from migration_evidence.figures.printed import PALETTE
from migration_evidence.notebooks.session import open_notebook

nb = open_notebook("hta_funding")
settings = nb.settings()  # seeds and resamples: config/statistics.yaml
fisdl = nb.read_table("fisdl_hta_partnerships")
zacatecas = nb.read_table("zacatecas_3x1_1999_2003")
michoacan = nb.read_table("michoacan_3x1_2002")
fisdl

# %% [markdown]
# ## 1. Do the printed totals add up?
#
# The sum of the rows against each printed total, as the package's table checks compute and judge them
# (`results/tables/printed_checks.csv`, its `sum` and `not_additive` checks, the same rows the source audit
# reports). Municipalities are not additive (the same
# municipality can have projects in several years or stipends), so their "total" is checked only to
# see what it counts.

# %%
audit = pd.read_csv(nb.input("printed_checks"), dtype=str, keep_default_na=False)
checks = hta_funding.printed_total_checks(
    audit, ["fisdl_hta_partnerships", "zacatecas_3x1_1999_2003", "michoacan_3x1_2002"]
)
nb.write_table("total_checks", checks)
checks.round(2)

# %% [markdown]
# Projects, people and money add up to within a cent of rounding. Zacatecas's municipality "total"
# is the sum of the yearly counts, so it counts municipality-years, not distinct municipalities;
# Michoacán's total is smaller than the sum over stipends, so some municipalities had projects in
# more than one stipend.
#
# ## 2. Who paid? Funding composition by department
#
# Shares of each department's total cost, computed from the printed dollar amounts. HTA and FISDL
# money do not add up to the total cost: the rest (`unaccounted_share_pct`) is money the table does
# not attribute. The table does not say whose it is.

# %%
composition = hta_funding.funding_composition(fisdl)
nb.write_table("composition", composition)
composition[
    [
        "department",
        "projects_count",
        "total_cost_usd",
        "hta_share_pct",
        "fisdl_share_pct",
        "unaccounted_share_pct",
        "printed_hta_share_pct",
        "printed_fisdl_share_pct",
    ]
].round(1)

# %%
detail = composition[composition["row_type"] == "detail"]
total_row = composition[composition["row_type"] == "total"].iloc[0]
Markdown(
    f"The printed department shares agree with the amounts to within rounding (largest difference "
    f"{(detail['hta_share_pct'] - detail['printed_hta_share_pct']).abs().max():.2f} points for HTAs, "
    f"{(detail['fisdl_share_pct'] - detail['printed_fisdl_share_pct']).abs().max():.2f} for FISDL). Across all "
    f"projects, {total_row['unaccounted_share_pct']:.1f}% of the cost (USD {total_row['unaccounted_usd']:,.0f}) "
    f"is in neither column; by department it ranges from {detail['unaccounted_share_pct'].min():.1f}% to "
    f"{detail['unaccounted_share_pct'].max():.1f}%."
)

# %% [markdown]
# ## 3. Which average did the source print?
#
# The last row of Table 1 is labelled "Total/average". For amounts it prints totals. For the shares and
# the cost per project it could print either the **aggregate** (all HTA money over all costs; each
# dollar counts once) or the **unweighted mean of the 13 departments** (each department counts once,
# whether it had 1 project or 11).

# %%
averages = hta_funding.average_shares(fisdl)
nb.write_table("averages", averages)
averages.round(2)

# %%
avg = averages.set_index("measure")
hta, fisdl_share, cost = avg.loc["hta_share_pct"], avg.loc["fisdl_share_pct"], avg.loc["cost_per_project_usd"]
Markdown(
    f"The printed {hta['printed_total_row']:.1f}% and {fisdl_share['printed_total_row']:.1f}% are the unweighted means "
    f"of the printed department shares ({hta['unweighted_mean_of_printed_rows']:.2f} and "
    f"{fisdl_share['unweighted_mean_of_printed_rows']:.2f}), not the aggregate shares "
    f"({hta['aggregate_total_over_total']:.1f}% and {fisdl_share['aggregate_total_over_total']:.1f}%). The printed "
    f"average cost, USD {cost['printed_total_row']:,.2f}, is likewise the mean of the 13 department averages "
    f"(USD {cost['unweighted_mean_of_printed_rows']:,.2f}); total cost over total projects is "
    f"USD {cost['aggregate_total_over_total']:,.2f}. "
    "Both kinds of average are legitimate, but they answer different questions: *in the typical department, "
    "what share did HTAs pay?* (unweighted) and *what share of the money came from HTAs?* (aggregate). The "
    "text's 'HTAs, on average, give a total of 16% of the cost of projects' reads like the second question "
    "but quotes the answer to the first; the answer to the second is "
    f"{hta['aggregate_total_over_total']:.1f}%."
)

# %% [markdown]
# ## 4. The text's numbers against the table
#
# The package checks every number the text states, each at the precision the text prints it: half a
# unit of its last printed digit, so "57%" stands for 56.5 to 57.5; a round amount written in full to the
# thousand, such as "US\$99,000", is read to its last non-zero digit, 98,500 to 99,500
# (`results/tables/printed_checks.csv`, the claim checks the source audit also reports; the claims and
# their formulas are in `data/raw/claims.csv`).
# Its verdicts on the numbers about Table 1:

# %%
text_checks = hta_funding.text_claims(
    audit,
    pd.read_csv(nb.input("claims"), dtype=str, keep_default_na=False),
    ["C046", "C048", "C049", "C050", "C051", "C052", "C053", "C056", "C058", "C055", "C057", "C044"]
    + ["C074", "C075", "C076"],  # the three amounts read as colones (below)
)
nb.write_table("text_claims", text_checks)
text_checks.head(12)[["claim_id", "claim", "lines", "stated", "computed", "verdict"]].round(2)

# %% [markdown]
# The count and the department shares agree. The two averages agree only as means over departments
# (section 3). The three *amounts* do not; each is a multiple of the table's (`stated_over_computed`; the
# 2.1 is in millions):

# %%
amounts = text_checks[text_checks["claim_id"].isin(["C055", "C057", "C044"])]
amounts[["claim_id", "lines", "stated", "computed", "stated_over_computed"]].round(3)

# %% [markdown]
# The same factor for both Cabañas amounts points to a currency rather than a typing slip. El Salvador's
# colón was fixed at 8.75 colones per US dollar, the rate at which the Ley de Integración Monetaria
# (Decreto Legislativo No. 201 of 30 November 2000, art. 1) made the dollar legal tender from 2001
# (text of the law: http://biblioteca.utec.edu.sv/interactiva/41795/tomo%20I/ley%20integracion%20monetaria/capitulo%201lim.htm).
# The audit reads each amount as colones too: the table's dollars times the rate, declared once with its
# source (`public_facts` in `config/config.yaml`; claims C074 to C076):

# %%
colones = text_checks[text_checks["claim_id"].isin(["C074", "C075", "C076"])]
colones[["claim_id", "lines", "stated", "computed", "tolerance", "verdict"]].round(2)

# %%
reading = colones.set_index("claim_id")
off = (reading["computed"] - reading["stated"]).abs()
Markdown(
    f"In colones the table's HTA total is {reading.loc['C076', 'computed']:.2f} million, which the text's "
    f'"US\\$2.1 million" {"matches" if reading.loc["C076", "agrees"] else "does not match"} at the precision '
    "it is printed. The two "
    f"Cabañas amounts become {reading.loc['C074', 'computed']:,.2f} and {reading.loc['C075', 'computed']:,.2f} "
    f"colones: {off['C074']:,.2f} and {off['C075']:,.2f} from the text's 99,000 and 780,000 "
    f"({100 * off['C074'] / reading.loc['C074', 'stated']:.1f}% and "
    f"{100 * off['C075'] / reading.loc['C075', 'stated']:.1f}%), within the rounding of the text's round "
    "amounts (99,000 to the nearest thousand, 780,000 to the nearest ten thousand): the audit's verdicts are "
    f"{reading.loc['C074', 'verdict'].replace('_', ' ')} (C074) and {reading.loc['C075', 'verdict'].replace('_', ' ')} "
    "(C075). Read as dollars, the three amounts are off by a factor of "
    f"{amounts['stated_over_computed'].min():.1f} to {amounts['stated_over_computed'].max():.1f}; read as colones, "
    f'by at most {100 * (off / reading["stated"]).max():.1f}%. So the text\'s "US\\$99,000", "US\\$780,000" and '
    '"US\\$2.1 million" are most likely amounts in colones labelled as dollars. This is an inference from a '
    "coincidence of three ratios, not something the document says."
)

# %% [markdown]
# ## 5. Do HTAs pay a larger share of larger projects?
#
# **Question and data.** One observation per department (13). Departments aggregate 1 to 11 projects,
# so this is a comparison of departments, not of projects, and it describes these 45 projects, not a
# population of them.
#
# **The right comparison.** The obvious plot, the HTA share (HTA money ÷ total cost) against the cost
# per project (total cost ÷ projects), compares two ratios that share total cost: a department whose
# total cost happens to be high gets a lower share *and* a higher cost per project, so the two are
# negatively related even if HTA money has nothing to do with the cost. The question "is the HTA share
# larger where costs are larger?" is asked without that trap by the **elasticity** of HTA money with
# respect to total cost: the slope of log(HTA money) on log(total cost). A slope of 1 means a constant
# share; above 1, a share that rises with cost; below 1, one that falls.
#
# **Methods that fit 13 observations.** Least squares with HC3 standard errors and a *t* reference
# distribution (11 degrees of freedom), and the influence of each department (leverage, Cook's
# distance, the slope without it).

# %%
size = hta_funding.share_and_size(fisdl)
size[["department", "projects_count", "hta_donation_usd", "total_cost_usd", "hta_share_pct"]].round(2)

# %%
lx, ly = "log_total_cost", "log_hta_donation"
without_usulutan = size[size["department"] != "Usulutan"]
# Least squares on logs in both samples, and whether an elasticity of 1 (a constant share) is inside the
# slope's interval.
samples = {"all 13 departments": size, "without Usulután": without_usulutan}
elasticity = hta_funding.money_cost_elasticity(samples, ly, lx)
nb.write_table("elasticity", elasticity)
elasticity_loo = small_samples.leave_one_out(size, ly, lx, "department")
nb.write_table("elasticity_leave_one_out", elasticity_loo)
elasticity[elasticity["term"] == lx][
    ["sample", "n", "estimate", "std_error_hc3", "ci95_low_hc3", "ci95_high_hc3", "std_error_classical", "r_squared"]
].round(2)

# %%
el = elasticity[elasticity["term"] == lx].set_index("sample")
el_all, el_wo = el.loc["all 13 departments"], el.loc["without Usulután"]
most = elasticity_loo.loc[elasticity_loo["cooks_distance"].idxmax()]
Markdown(
    f"""
- A department with 1% more total cost had, on average, **{el_all["estimate"]:.2f}% more HTA money** (95% interval
  {el_all["ci95_low_hc3"]:.2f} to {el_all["ci95_high_hc3"]:.2f}, HC3). The interval contains 1: the data are
  consistent with HTAs paying a **constant share** whatever the cost, and cannot tell a rising share from a
  falling one.
- Without Usulután the elasticity is {el_wo["estimate"]:.2f} ({el_wo["ci95_low_hc3"]:.2f} to
  {el_wo["ci95_high_hc3"]:.2f}).
  The most influential department is {most["left_out"]} (Cook's distance {most["cooks_distance"]:.2f}); leaving any
  one department out moves the elasticity between {elasticity_loo["slope"].min():.2f} and
  {elasticity_loo["slope"].max():.2f}.
"""
)

# %% [markdown]
# ### Why not the share against the cost per project?
#
# For comparison, the ratio-on-ratio line, with its influence and rank correlations. Its slope is
# kept in the results so that it can be checked, but it does not answer the question: the two
# ratios share total cost, and one department (Usulután, two very large projects mostly paid by HTAs)
# reverses its sign.

# %%
x, y = "cost_per_project_thousand_usd", "hta_share_pct"
regression = pd.concat(
    [
        small_samples.ols_hc3(size, y, x, "all 13 departments"),
        small_samples.ols_hc3(without_usulutan, y, x, "without Usulután"),
    ],
    ignore_index=True,
)
nb.write_table("regression", regression)
loo = small_samples.leave_one_out(size, y, x, "department")
nb.write_table("leave_one_out", loo)
permutation = {"seed": settings["permutation_seed"], "n_resamples": settings["permutation_resamples"]}
rank = pd.concat(
    [
        small_samples.rank_correlations(size[x], size[y], "all 13 departments", **permutation),
        small_samples.rank_correlations(without_usulutan[x], without_usulutan[y], "without Usulután", **permutation),
    ],
    ignore_index=True,
)
nb.write_table("rank_correlation", rank)
regression[regression["term"] == x][["sample", "n", "estimate", "ci95_low_hc3", "ci95_high_hc3", "p_value_hc3"]].round(
    3
)

# %%
slope_all = regression[(regression["sample"] == "all 13 departments") & (regression["term"] == x)].iloc[0]
slope_wo = regression[(regression["sample"] == "without Usulután") & (regression["term"] == x)].iloc[0]
usu = loo.set_index("left_out").loc["Usulutan"]
tau_all = rank[(rank["sample"] == "all 13 departments") & (rank["statistic"] == "kendall_tau_b")].iloc[0]
Markdown(
    f"""
The ratio-on-ratio slope is {slope_all["estimate"]:+.2f} percentage points per US$1,000 of cost per project with all
13 departments and {slope_wo["estimate"]:+.2f} without Usulután (Cook's distance {usu["cooks_distance"]:.1f});
Kendall's τ = {tau_all["estimate"]:.2f} (exact p = {tau_all["p_value"]:.2f}). Neither sign means much: a negative
relation between these two ratios is what shared total cost produces by itself, so it is not evidence that larger
projects got a smaller HTA share. The elasticity above is the test of that question, and it finds no departure from a
constant share.
"""
)

# %%
fig, ax = plt.subplots(figsize=(7.2, 4.6))
ax.scatter(
    size["total_cost_usd"] / 1000,
    size["hta_donation_usd"] / 1000,
    s=18 + 6 * size["projects_count"],
    color=PALETTE["blue"],
    alpha=0.8,
    zorder=3,
)
ax.set_xscale("log")
ax.set_yscale("log")
offsets = {"Usulutan": (-10, 6), "San Salvador": (6, -4), "Cabañas": (6, -8), "La Unión": (6, 2), "Morazan": (6, 2)}
for row in size[size["department"].isin(list(offsets))].itertuples():
    ax.annotate(
        row.department,
        (row.total_cost_usd / 1000, row.hta_donation_usd / 1000),
        xytext=offsets[row.department],
        textcoords="offset points",
        fontsize=7,
        ha="right" if offsets[row.department][0] < 0 else "left",
    )
coef = elasticity[elasticity["sample"] == "all 13 departments"].set_index("term")["estimate"]
grid = np.geomspace(size["total_cost_usd"].min() * 0.8, size["total_cost_usd"].max() * 1.2, 50)
ax.plot(
    grid / 1000,
    np.exp(coef["intercept"] + coef[lx] * np.log(grid)) / 1000,
    color=PALETTE["vermillion"],
    label=f"least squares on logs: elasticity {coef[lx]:.2f}",
)
share = size["hta_donation_usd"].sum() / size["total_cost_usd"].sum()
ax.plot(
    grid / 1000,
    share * grid / 1000,
    color=PALETTE["grey"],
    linestyle="--",
    label=f"constant share ({share:.1%}, all projects pooled): elasticity 1",
)
ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.1f}".rstrip("0").rstrip(".")))
ax.set_xlabel("Total cost of the department's projects (US$ thousand, log scale)")
ax.set_ylabel("HTA money (US$ thousand, log scale)")
ax.legend(loc="upper left", fontsize=7.5)
ax.set_title(
    f"HTA money rose about in proportion to cost: elasticity {el_all['estimate']:.2f} "
    f"(95% interval {el_all['ci95_low_hc3']:.2f} to {el_all['ci95_high_hc3']:.2f})",
    fontsize=10,
)
fig.text(
    0.01,
    -0.03,
    "One point per department; marker area: number of projects. Source: FISDL, as printed in de la Garza (2005), "
    "Table 1.",
    fontsize=7.5,
    color="#444444",
)
plt.show()

# %% [markdown]
# ## 6. Mexico's 3x1 programmes
#
# ### Zacatecas, 1999–2003
#
# The 2003 row covers only 1 January to 12 April (the table's footnote). Scaling it to a full year
# (`projects_annualised`, `amount_annualised_usd`: × days in the year / days covered) assumes the
# programme ran at the same pace all year. The table itself argues against that:

# %%
zac = hta_funding.zacatecas_by_year(zacatecas, partial_until={2003: date(2003, 4, 12)})
nb.write_table("zacatecas", zac)
zac.round(1)

# %%
z = zac.set_index("year")
partial, full = z.loc[2003], z.loc[2002]
later = z.loc[2000:2002, "amount_per_project_usd"]
Markdown(
    f"""
- The 2003 figures cover {partial["days_covered"]} of 365 days. By 12 April 2003 Zacatecas had already counted
  {partial["projects_count"]} projects, almost as many as in all of 2002 ({full["projects_count"]}). Scaled to a
  full year that would be {partial["projects_annualised"]:,.0f} projects and
  USD {partial["amount_annualised_usd"] / 1e6:.1f} million, {partial["amount_annualised_usd"] / full["amount_usd"]:.1f}
  times 2002. Projects in such programmes are approved in rounds rather than at an even pace, so the first
  months probably hold most of the year's approvals: the scaled figure is what constant pace would imply,
  not an estimate of the 2003 total, and the partial row is best left out of growth rates.
- Full years: the amount grew {z.loc[2001, "amount_growth_pct"]:.0f}% in 2001 and
  {z.loc[2002, "amount_growth_pct"]:.0f}% in 2002, when projects rose from {z.loc[2001, "projects_count"]} to
  {z.loc[2002, "projects_count"]}.
- 1999 is out of line: USD {z.loc[1999, "amount_per_project_usd"]:,.0f} per project against
  USD {later.min():,.0f}–{later.max():,.0f} in 2000–2002. The table
  does not say why (a different share of the cost counted, or a different currency, would do it); the 1999→2000
  growth of {z.loc[2000, "amount_growth_pct"]:,.0f}% should not be read as growth of the programme.
"""
)

# %% [markdown]
# ### Michoacán, 2002, by stipend
#
# Investment per person benefited is the amount divided by the people the programme counted as
# benefiting; it depends entirely on how those people were counted.

# %%
mich = hta_funding.michoacan_by_stipend(michoacan)
nb.write_table("michoacan", mich)
mich.round(1)

# %%
m = mich[mich["row_type"] == "detail"].set_index("stipend")
m_total = mich[mich["row_type"] == "total"].iloc[0]
per_person, people = m["amount_per_person_usd"], m["people_benefited_persons"]
low, high = per_person.idxmin(), per_person.idxmax()
per_project = m["amount_per_project_usd"]
Markdown(
    f"Investment per person benefited ranges from USD {per_person[low]:,.2f} (stipend {low}) to "
    f"USD {per_person[high]:,.2f} (stipend {high}), a factor of {per_person[high] / per_person[low]:.0f}; over the "
    f"year it is USD {m_total['amount_per_person_usd']:,.2f}. Stipend {low} reports a round {people[low]:,} people "
    f"benefited, {people[low] / m_total['people_benefited_persons']:.0%} of the year's total: an estimate, not a "
    "count, and it alone pulls the yearly figure down. Per project the stipends are far more alike "
    f"(USD {per_project.min():,.0f} to USD {per_project.max():,.0f})."
)

# %% [markdown]
# ## What the data support, and what they do not

# %%
minority = int((detail["hta_share_pct"] < 50).sum())
Markdown(
    f"""
- **Supported:** the table's amounts, totals and department shares are internally consistent; HTAs paid less
  than half of the cost in {minority} of {len(detail)} departments; the text's shares for San Salvador, Usulután
  and Cabañas and its count of 28 projects in three departments match the table.
- **Supported, with a warning about the average:** the printed {hta["printed_total_row"]:.1f}% HTA share and
  USD {cost["printed_total_row"]:,.0f} average cost are means over departments. Pooled over the money, HTAs paid
  {hta["aggregate_total_over_total"]:.1f}% and a project cost USD {cost["aggregate_total_over_total"]:,.0f}.
- **Not supported as printed:** the text's Cabañas amounts and its "US\\$2.1 million" contributed by HTAs are
  not the table's dollars; all three are within {100 * (off / reading["stated"]).max():.1f}% of the table's
  dollars converted to colones.
- **Not shown by these data:** a relation between project size and the HTA share. HTA money rose about in
  proportion to total cost (elasticity {el_all["estimate"]:.2f}, 95% interval {el_all["ci95_low_hc3"]:.2f} to
  {el_all["ci95_high_hc3"]:.2f}), which is consistent with a constant share; thirteen departments cannot say more.
- **Not knowable from the tables:** whose money the unaccounted {total_row["unaccounted_share_pct"]:.1f}% of FISDL
  project costs was, and how much of the 3x1 money came from migrants (the text's "each party shares 25% of the
  cost", line 369, describes the programme's design, not these amounts).

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()

# %% [markdown]
# ## Glossary of the methods on this page
#
# - **Aggregate share and unweighted mean.** All HTA money over all costs (each dollar counts once)
#   against the mean of the departments' shares (each department counts once).
# - **Elasticity.** The slope of one logarithm on another: the percentage change of HTA money that goes
#   with a 1% higher total cost. An elasticity of 1 means a constant share.
# - **Ratios sharing a denominator.** Two ratios with the same quantity in them (here total cost) are
#   correlated even when the other quantities are unrelated; such a correlation is not evidence.
# - **HC3 standard errors.** Heteroskedasticity-robust standard errors that inflate the weight of
#   high-leverage observations; the least optimistic of the usual robust errors in small samples.
# - **Leverage and Cook's distance.** How unusual an observation's x value is, and how much the fitted
#   line moves when that observation is left out.
# - **Kendall's τ and Spearman's ρ.** Rank correlations: they use only the order of the values, so one
#   extreme value cannot set the answer. Kendall's exact p-value counts every ordering of 13 values.
# - **Annualising a partial year.** Scaling a count for part of a year by days in the year ÷ days
#   covered; it assumes an even pace through the year.
