"""Figures of CONAPO's municipal microdata, drawn by the generic ``figure`` rule (config/figures.yaml).

Each function takes its FigureSpec (inputs by name) and returns a matplotlib Figure whose title states
the point with numbers computed from the data.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..microdata.ingest import DEGREES, read_joined  # noqa: E402
from ..microdata.results import degree_column  # noqa: E402
from .printed import PALETTE, finish  # noqa: E402
from .specs import FigureSpec  # noqa: E402

DEGREE_COLOURS = {
    "Very high": PALETTE["vermillion"],
    "High": PALETTE["orange"],
    "Medium": PALETTE["green"],
    "Low": PALETTE["sky"],
    "Very low": PALETTE["blue"],
    "Null": PALETTE["grey"],
}


def depopulation_by_degree(spec: FigureSpec) -> plt.Figure:
    table = pd.read_csv(spec.inputs["depopulation_by_degree"]).set_index("degree")
    paper = pd.read_csv(spec.inputs["depopulation_vs_paper"]).set_index("measure")
    detail = table.loc[list(DEGREES)]
    total = table.loc["All"]
    paper_pct = float(paper.loc["municipalities_lost_population_pct", "paper"])
    paper_lost = int(paper.loc["municipalities_lost_population", "paper"])
    paper_total = int(paper.loc["municipalities_counted", "paper"])

    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    y = np.arange(len(detail))
    shares = detail["municipalities_lost_population_pct"].to_numpy()
    ax.barh(y, shares, color=[DEGREE_COLOURS[d] for d in detail.index], height=0.65, zorder=2)
    for yy, share, lost, n in zip(
        y, shares, detail["municipalities_lost_population"], detail["municipalities"], strict=True
    ):
        ax.text(
            share + 1,
            yy,
            f"{share:.0f}%  ({lost:,} of {n:,})",
            va="center",
            fontsize=7.5,
            zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
        )
    ax.axvline(total["municipalities_lost_population_pct"], color=PALETTE["black"], linewidth=1, zorder=1)
    ax.text(
        total["municipalities_lost_population_pct"] + 0.8,
        len(detail) - 0.35,
        f"all municipalities: {total['municipalities_lost_population_pct']:.1f}%",
        fontsize=7.5,
    )
    ax.axvline(paper_pct, color=PALETTE["black"], linewidth=1, linestyle="--", zorder=1)
    ax.text(
        paper_pct - 0.8,
        len(detail) - 0.35,
        f"paper: {paper_lost} of {paper_total:,} ({paper_pct:.1f}%)",
        fontsize=7.5,
        ha="right",
    )
    ax.set_yticks(y, list(detail.index))
    ax.set_ylim(len(detail) - 0.1, -0.6)
    ax.set_xlim(0, 115)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("Municipalities with fewer inhabitants in 2005 than in 2000 (% of the degree)")
    ax.set_ylabel("Degree of migratory intensity, 2000")
    title = (
        f"{int(total['municipalities_lost_population']):,} of {int(total['municipalities']):,} municipalities "
        f"lost population 2000→2005, not {paper_lost} of {paper_total:,} as the paper says; "
        f"{detail.loc['Very high', 'municipalities_lost_population_pct']:.0f}% of those with very high "
        "migratory intensity did"
    )
    fig.subplots_adjust(left=0.14, right=0.97, top=0.84, bottom=0.16)
    return finish(fig, spec, title)


def intensity_by_state(spec: FigureSpec) -> plt.Figure:
    table = pd.read_csv(spec.inputs["degree_by_state"])
    columns = [degree_column(d) for d in DEGREES]
    table = table.assign(high_or_very_high=table[columns[0]] + table[columns[1]])
    table = table.sort_values(["high_or_very_high", columns[0], "state_code"], ascending=[False, False, True])
    counts = table[columns].to_numpy()

    fig, ax = plt.subplots(figsize=(7.2, 8.4))
    image = ax.imshow(np.log1p(counts), cmap="Blues", aspect="auto")
    for (i, j), value in np.ndenumerate(counts):
        if value:
            dark = np.log1p(value) > 0.6 * np.log1p(counts.max())
            ax.text(j, i, str(value), ha="center", va="center", fontsize=6.5, color="white" if dark else "black")
    ax.set_xticks(range(len(DEGREES)), list(DEGREES))
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    labels = [
        f"{name} ({total})" for name, total in zip(table["state_name"], table["municipalities_total"], strict=True)
    ]
    ax.set_yticks(range(len(table)), labels, fontsize=7)
    ax.set_xlabel("Degree of migratory intensity, 2000 (cells: number of municipalities)")
    ax.set_ylabel("State (its municipalities), most high or very high intensity municipalities first")
    colourbar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    ticks = [t for t in (0, 1, 5, 20, 50, 100, 200, 500) if t <= counts.max()]
    colourbar.set_ticks(np.log1p(ticks), labels=[str(t) for t in ticks])
    colourbar.set_label("Municipalities (log scale)")
    very_high = table.sort_values([columns[0], "state_code"], ascending=[False, True])
    top = very_high.head(4)
    states_with = int((table[columns[0]] > 0).sum())
    title = (
        f"Very-high-intensity municipalities are in {states_with} of {len(table)} states; "
        f"{', '.join(top['state_name'].str.split().str[0])} hold {int(top[columns[0]].sum())} of "
        f"{int(table[columns[0]].sum())}"
    )
    fig.subplots_adjust(left=0.33, right=0.92, top=0.87, bottom=0.04)
    return finish(fig, spec, title)


def intensity_vs_marginalisation(spec: FigureSpec) -> plt.Figure:
    joined = read_joined(spec.inputs["municipalities"])
    data = joined[joined["in_migration_file"]]
    without_index = int(data["migratory_intensity_index"].isna().sum())
    data = data.dropna(subset=["migratory_intensity_index", "marginalisation_index_2000"])
    x = data["marginalisation_index_2000"].to_numpy()
    y = data["migratory_intensity_index"].to_numpy()
    # Imported here: scipy.stats takes about a second to import, and only this figure of the five drawn
    # from the municipal files (each in its own job) needs it.
    from scipy.stats import spearmanr

    rho = spearmanr(x, y).statistic

    fig, ax = plt.subplots(figsize=(7.2, 4.8))
    for degree in DEGREES[:-1]:
        part = data[data["migratory_intensity_degree"] == degree]
        ax.scatter(
            part["marginalisation_index_2000"],
            part["migratory_intensity_index"],
            s=5,
            alpha=0.6,
            color=DEGREE_COLOURS[degree],
            label=f"{degree} ({len(part):,})",
            linewidths=0,
            rasterized=True,  # the SVG carries an image of the points, not 2,350 coordinate pairs
        )
    deciles = pd.qcut(x, 10)
    medians = pd.DataFrame({"x": x, "y": y, "bin": deciles}).groupby("bin", observed=True).median()
    ax.plot(
        medians["x"],
        medians["y"],
        color=PALETTE["black"],
        marker="o",
        markersize=3.5,
        linewidth=1.3,
        label="median by tenth of marginalisation",
    )
    tenths = list(medians.index)
    peak, low = medians["y"].idxmax(), medians["y"].idxmin()
    ax.set_xlabel("Index of marginalisation, 2000 (CONAPO; higher = more deprived)")
    ax.set_ylabel("Index of migratory intensity, 2000 (CONAPO)")
    ax.legend(title="Degree of migratory intensity", fontsize=7, title_fontsize=7.5, loc="upper right", markerscale=2.5)
    ax.text(
        0.01,
        0.98,
        f"{without_index} municipalities of degree Null (no index) not shown",
        transform=ax.transAxes,
        fontsize=7,
        va="top",
    )
    peak_at = tenths.index(peak) + 1
    where = "middling" if 3 <= peak_at <= 8 else ("low" if peak_at < 3 else "high")
    lowest = "the most deprived tenth" if low == tenths[-1] else f"tenth {tenths.index(low) + 1} of marginalisation"
    title = (
        f"Migratory intensity peaks at {where} marginalisation and is lowest in {lowest} "
        f"(Spearman ρ = {rho:.2f}, {len(data):,} municipalities)"
    )
    fig.subplots_adjust(left=0.1, right=0.97, top=0.84, bottom=0.14)
    return finish(fig, spec, title)
