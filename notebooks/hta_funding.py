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
#    departments, one of them very unlike the others, this is an exercise in what a small sample can
#    and cannot say.
# 5. Describe the Zacatecas (1999–2003) and Michoacán (2002) 3x1 series, including a partial year.

# %%
from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from migration_evidence.analysis import hta_funding, small_samples
from migration_evidence.analysis.text_claims import Claim, compare_claims
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
# The sum of the rows against each printed total. Municipalities are not additive (the same
# municipality can have projects in several years or stipends), so their "total" is checked only to
# see what it counts.

# %%
checks = pd.concat(
    [
        hta_funding.printed_total_checks(
            fisdl, "fisdl_hta_partnerships", ["projects_count", "hta_donation_usd", "fisdl_funds_usd", "total_cost_usd"]
        ),
        hta_funding.printed_total_checks(
            zacatecas, "zacatecas_3x1_1999_2003", ["projects_count", "municipalities_count", "amount_usd"]
        ),
        hta_funding.printed_total_checks(
            michoacan,
            "michoacan_3x1_2002",
            ["projects_count", "municipalities_count", "people_benefited_persons", "amount_usd"],
        ),
    ],
    ignore_index=True,
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
# Each stated number is compared at the precision the text gives it. The two Cabañas amounts are
# given to two significant figures, so they are compared after rounding to the nearest thousand and
# ten thousand dollars.

# %%
doc = "003_cea5b18b63cdda07.txt"
by_dept = detail.set_index("department")
cabanas = fisdl.set_index("department").loc["Cabañas"]
top3 = detail.sort_values("projects_count", ascending=False).head(3)
# (what the text says, its lines, the number as printed, the number from the table, how it was computed)
stated_numbers = [
    ("Projects in the three departments with most projects", "283-284", "28",
     float(top3["projects_count"].sum()), " + ".join(top3["department"])),
    ("Average cost of a project (USD), as the mean of department averages", "285-286", "31832",
     cost["unweighted_mean_of_printed_rows"], "mean of the 13 printed averages"),
    ("Average cost of a project (USD), as total cost / projects", "285-286", "31832",
     cost["aggregate_total_over_total"], "1,307,342.09 / 45"),
    ("HTA share of cost, on average (%), as the mean of department shares", "288", "16",
     hta["unweighted_mean_of_printed_rows"], "mean of the 13 printed shares"),
    ("HTA share of cost, on average (%), as all HTA money / all costs", "288", "16",
     hta["aggregate_total_over_total"], "243,747.56 / 1,307,342.09"),
    ("HTA share in San Salvador (%)", "290", "1", by_dept.loc["San Salvador", "hta_share_pct"], "685.32 / 72,980.69"),
    ("HTA share in Usulután (%)", "290", "57", by_dept.loc["Usulutan", "hta_share_pct"], "158,106.43 / 276,493.34"),
    ("HTA share in Cabañas (%)", "292", "9", by_dept.loc["Cabañas", "hta_share_pct"], "11,283.60 / 129,472.74"),
    ("FISDL share in Cabañas (%)", "293", "69", by_dept.loc["Cabañas", "fisdl_share_pct"], "88,895.22 / 129,472.74"),
]  # fmt: skip
claims = [Claim(what, doc, lines, stated, value, how) for what, lines, stated, value, how in stated_numbers]
# The two amounts are printed to two significant figures: compare them at that precision.
claims += [
    Claim("HTA money in Cabañas (USD)", doc, "292", "99000", cabanas["hta_donation_usd"], "11,283.60", unit=1000),
    Claim("FISDL money in Cabañas (USD)", doc, "293", "780000", cabanas["fisdl_funds_usd"], "88,895.22", unit=10000),
]
text_checks = compare_claims(claims)
text_checks[["claim", "lines", "stated", "computed", "computed_at_stated_precision", "agrees"]].round(2)

# %% [markdown]
# The counts and shares agree. The two Cabañas *amounts* do not; each is a multiple of the table's
# (`stated_over_computed`):

# %%
text_checks[text_checks["claim"].str.contains("money in Cabañas")][
    ["claim", "stated", "computed", "stated_over_computed"]
].round(3)

# %% [markdown]
# The same factor for both amounts points to a currency rather than a typing slip. El Salvador's colón
# was fixed at **8.75 colones per US dollar**, the rate at which the Ley de Integración Monetaria
# (Decreto Legislativo No. 201 of 30 November 2000, art. 1) made the dollar legal tender from 2001
# (text of the law: http://biblioteca.utec.edu.sv/interactiva/41795/tomo%20I/ley%20integracion%20monetaria/capitulo%201lim.htm).
# Converted at that rate, the table's dollars give the text's figures at the text's precision:

# %%
COLONES_PER_US_DOLLAR = 8.75  # Ley de Integración Monetaria (El Salvador, 2000), art. 1
colon_claims = [
    Claim(
        "HTA money in Cabañas, table USD in colones",
        doc,
        "292",
        "99000",
        cabanas["hta_donation_usd"] * COLONES_PER_US_DOLLAR,
        "11,283.60 × 8.75",
        unit=1000,
    ),
    Claim(
        "FISDL money in Cabañas, table USD in colones",
        doc,
        "293",
        "780000",
        cabanas["fisdl_funds_usd"] * COLONES_PER_US_DOLLAR,
        "88,895.22 × 8.75",
        unit=10000,
    ),
]
text_checks = pd.concat([text_checks, compare_claims(colon_claims)], ignore_index=True)
nb.write_table("text_claims", text_checks)
text_checks.tail(2)[["claim", "stated", "computed", "computed_at_stated_precision", "agrees"]].round(2)

# %% [markdown]
# So the text's "US\$99,000" and "US\$780,000" are most likely amounts in colones labelled as dollars.
# This is an inference from a coincidence of two ratios, not something the document says.
#
# ## 5. Do HTAs pay a larger share of larger projects?
#
# **Question and data.** One observation per department (13), the HTA share of its total cost
# against its cost per project. Departments aggregate 1 to 11 projects, so this is a comparison of
# departments, not of projects, and it describes these 45 projects, not a population of them.
#
# **Methods that fit 13 observations.** A least-squares line with HC3 standard errors and *t*
# reference distribution (11 degrees of freedom); the influence of each department (leverage, Cook's
# distance, the slope without it); and rank correlations, which do not let one extreme value set the
# answer: Kendall's τ with its exact p-value, Spearman's ρ with a permutation p-value.

# %%
size = hta_funding.share_and_size(fisdl)
size.round(2)

# %%
x, y = "cost_per_project_thousand_usd", "hta_share_pct"
without_usulutan = size[size["department"] != "Usulutan"]
regression = pd.concat(
    [
        small_samples.ols_hc3(size, y, x, "all 13 departments"),
        small_samples.ols_hc3(without_usulutan, y, x, "without Usulután"),
    ],
    ignore_index=True,
)
nb.write_table("regression", regression)
regression[
    [
        "sample",
        "n",
        "term",
        "estimate",
        "std_error_hc3",
        "ci95_low_hc3",
        "ci95_high_hc3",
        "p_value_hc3",
        "std_error_classical",
        "r_squared",
    ]
].round(3)

# %%
loo = small_samples.leave_one_out(size, y, x, "department")
nb.write_table("leave_one_out", loo)
loo.sort_values("cooks_distance", ascending=False).round(3)

# %%
permutation = {"seed": settings["permutation_seed"], "n_resamples": settings["permutation_resamples"]}
rank = pd.concat(
    [
        small_samples.rank_correlations(size[x], size[y], "all 13 departments", **permutation),
        small_samples.rank_correlations(without_usulutan[x], without_usulutan[y], "without Usulután", **permutation),
    ],
    ignore_index=True,
)
nb.write_table("rank_correlation", rank)
rank.round(4)

# %%
slope_all = regression[(regression["sample"] == "all 13 departments") & (regression["term"] == x)].iloc[0]
slope_wo = regression[(regression["sample"] == "without Usulután") & (regression["term"] == x)].iloc[0]
usu = loo.set_index("left_out").loc["Usulutan"]
others_cook = loo[loo["left_out"] != "Usulutan"]["cooks_distance"].max()
tau_all = rank[(rank["sample"] == "all 13 departments") & (rank["statistic"] == "kendall_tau_b")].iloc[0]
tau_wo = rank[(rank["sample"] == "without Usulután") & (rank["statistic"] == "kendall_tau_b")].iloc[0]
Markdown(
    f"""
- With all 13 departments the line slopes **up** ({slope_all["estimate"]:.2f} percentage points per USD 1,000 of cost
  per project), but the HC3 95% interval runs from {slope_all["ci95_low_hc3"]:.2f} to {slope_all["ci95_high_hc3"]:.2f}:
  the data are compatible with no slope at all. The classical standard error ({slope_all["std_error_classical"]:.2f})
  is {slope_all["std_error_hc3"] / slope_all["std_error_classical"]:.1f} times smaller than HC3 and would overstate
  the precision.
- Usulután alone decides the sign: its leverage is {usu["leverage"]:.2f} (the mean is 2/13 = {2 / 13:.2f}), its
  Cook's distance {usu["cooks_distance"]:.1f} (no other department exceeds {others_cook:.2f}), and without it the
  slope is **{slope_wo["estimate"]:.2f}** (95% interval {slope_wo["ci95_low_hc3"]:.2f} to
  {slope_wo["ci95_high_hc3"]:.2f}).
- The ranks, which Usulután cannot dominate, point down: Kendall's τ = {tau_all["estimate"]:.2f} with all 13
  (exact p = {tau_all["p_value"]:.2f}); τ = {tau_wo["estimate"]:.2f} without Usulután
  (exact p = {tau_wo["p_value"]:.3f}).
  The second test was chosen after seeing the data, so its p-value overstates the evidence.
- **Reading:** these 13 departments do not show that HTAs pay a larger share of larger projects; if anything,
  the typical department with larger projects had a smaller HTA share, and one department with two very large
  projects, mostly paid by HTAs, runs the other way. Thirteen aggregated departments cannot settle the question.
"""
)

# %%
fig, ax = plt.subplots(figsize=(7.2, 4.4))
ax.scatter(size[x], size[y], s=18 + 6 * size["projects_count"], color=PALETTE["blue"], alpha=0.8, zorder=3)
# Label the departments the text discusses or that stand out; the crowded rest are in the table above.
offsets = {
    "Usulutan": (-8, 6),
    "San Vicente": (6, -2),
    "Morazan": (6, -2),
    "San Salvador": (-20, -11),
    "La Unión": (-12, -13),
    "Cabañas": (7, 2),
    "La Paz": (7, -6),
    "Chalatenango": (-30, 9),
}
for row in size[size["department"].isin(list(offsets))].itertuples():
    ax.annotate(
        row.department,
        (getattr(row, x), getattr(row, y)),
        xytext=offsets[row.department],
        textcoords="offset points",
        fontsize=7,
    )
grid = np.linspace(0, size[x].max() * 1.05, 50)
for sample, frame, colour, style in [
    ("all 13 departments", size, PALETTE["vermillion"], "-"),
    ("without Usulután", without_usulutan, PALETTE["green"], "--"),
]:
    coef = regression[regression["sample"] == sample].set_index("term")["estimate"]
    reach = grid[grid <= frame[x].max() * 1.05]
    ax.plot(
        reach,
        coef["intercept"] + coef[x] * reach,
        color=colour,
        linestyle=style,
        label=f"least squares, {sample}: slope {coef[x]:+.2f}",
    )
ax.set_xlabel("Cost per project (US$ thousand)")
ax.set_ylabel("HTA share of total cost (%)")
ax.set_ylim(-5, 65)
ax.legend(loc="upper center", fontsize=7.5)
ax.set_title(
    f"One department sets the sign: slope {slope_all['estimate']:+.2f} with Usulután, "
    f"{slope_wo['estimate']:+.2f} without",
    fontsize=10,
)
fig.text(
    0.01,
    -0.03,
    "Marker area: number of projects. Source: FISDL, as printed in de la Garza (2005), Table 1.",
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
- **Not supported as printed:** the text's Cabañas amounts are not the table's dollars; they match the table's
  dollars converted to colones.
- **Not shown by these data:** a relation between project size and the HTA share. Thirteen departments, one of
  which alone reverses the least-squares slope, cannot establish it either way.
- **Not knowable from the tables:** whose money the unaccounted {total_row["unaccounted_share_pct"]:.1f}% of FISDL
  project costs was, and how much of the 3x1 money came from migrants (the text's "each party shares 25% of the
  cost", line 369, describes the programme's design, not these amounts).

Every number in this notebook is in these files:
"""
)

# %%
nb.outputs_written()
