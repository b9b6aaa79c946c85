"""Figures of the municipal waves 2000, 2010 and 2020 (config/figures.yaml; notebook 7 shows them too).

Maps are municipalities drawn as points at INEGI's representative coordinates: no pip-installable
package ships Mexico's state or municipal boundaries for offline use, and the build downloads nothing,
so there are no outlines. The point layers are rasterised inside the SVG to keep it small.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..microdata.ingest import DEGREES  # noqa: E402
from ..microdata.waves import read_panel  # noqa: E402
from ..microdata.waves_files import WAVES  # noqa: E402
from .municipal import DEGREE_COLOURS  # noqa: E402
from .printed import PALETTE, finish  # noqa: E402
from .specs import FigureSpec  # noqa: E402

RANK = {degree: rank for rank, degree in enumerate(reversed(DEGREES))}  # Null 0 ... Very high 5
CHANGE_COLOURS = {
    "up two or more degrees": PALETTE["vermillion"],
    "up one degree": PALETTE["orange"],
    "same degree": "#d9d9d9",
    "down one degree": PALETTE["sky"],
    "down two or more degrees": PALETTE["blue"],
}
POINT_SIZE = 2.2


def _degree_change(panel: pd.DataFrame) -> pd.Series:
    steps = panel["degree_2020"].map(RANK) - panel["degree_2000"].map(RANK)
    return pd.cut(
        steps,
        bins=[-10, -2, -1, 0, 1, 10],
        labels=[
            "down two or more degrees",
            "down one degree",
            "same degree",
            "up one degree",
            "up two or more degrees",
        ],
    ).astype(str)


def degree_maps(panel: pd.DataFrame) -> plt.Figure:
    """Four panels: the degree in 2000, 2010 and 2020, and the change 2000→2020 in degrees."""
    fig, axes = plt.subplots(2, 2, figsize=(9.6, 7.4))
    for ax, year in zip(axes.flat, WAVES, strict=False):
        present = panel[panel[f"in_{year}"] & panel["longitude"].notna()]
        # Least intense first, so that the high degrees are drawn on top.
        for degree in reversed(DEGREES):
            group = present[present[f"degree_{year}"] == degree]
            ax.scatter(
                group["longitude"],
                group["latitude"],
                s=POINT_SIZE,
                color=DEGREE_COLOURS[degree],
                linewidths=0,
                rasterized=True,
                label=f"{degree} ({len(group):,})",
            )
        ax.set_title(f"{year}: {len(present):,} municipalities, degree relative to {year}", fontsize=9)
        ax.legend(fontsize=6.5, markerscale=3, loc="lower left", frameon=False, title="CONAPO degree", title_fontsize=7)
    ax = axes.flat[3]
    both = panel[panel["in_2000"] & panel["in_2020"] & panel["longitude"].notna()].copy()
    both["change"] = _degree_change(both)
    for label, colour in CHANGE_COLOURS.items():
        group = both[both["change"] == label]
        ax.scatter(
            group["longitude"],
            group["latitude"],
            s=POINT_SIZE,
            color=colour,
            linewidths=0,
            rasterized=True,
            label=f"{label} ({len(group):,})",
        )
    ax.set_title(f"Change of relative degree 2000→2020: {len(both):,} municipalities", fontsize=9)
    ax.legend(fontsize=6.5, markerscale=3, loc="lower left", frameon=False)
    for ax in axes.flat:
        ax.set_aspect(1 / np.cos(np.deg2rad(23)))
        ax.set_xlim(-118, -86)
        ax.set_ylim(14, 33)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.88, bottom=0.05, hspace=0.12, wspace=0.02)
    return fig


def degree_maps_figure(spec: FigureSpec) -> plt.Figure:
    panel = read_panel(spec.inputs["panel"])
    fig = degree_maps(panel)
    top = {year: int((panel[f"in_{year}"] & (panel[f"degree_{year}"] == "Very high")).sum()) for year in WAVES}
    stayed = int(((panel["degree_2000"] == "Very high") & (panel["degree_2020"] == "Very high")).sum())
    high = {year: panel[f"in_{year}"] & panel[f"degree_{year}"].isin(["Very high", "High"]) for year in (2000, 2020)}
    net = (high[2020].astype(int) - high[2000].astype(int)).groupby(panel["state_name"]).sum()
    title = (
        f"Very high migratory intensity relative to each wave: {top[2000]} municipalities in 2000, {top[2010]} in "
        f"2010, {top[2020]} in 2020; {stayed} of 2000's stayed very high. Top two degrees 2000→2020: "
        f"{net.idxmax()} {net.max():+d}, {net.idxmin()} {net.min():+d} (degrees are positions within each wave, "
        "not levels; points at INEGI's coordinates; no boundaries)"
    )
    return finish(fig, spec, title)


def remittances_vs_receiving(panel: pd.DataFrame, correlation: pd.DataFrame) -> plt.Figure:
    """Dollars per dwelling (Banxico, 2020) against the census share of dwellings receiving remittances."""
    data = panel[panel["in_2020"] & panel["remittances_usd_millions_2020"].notna()].copy()
    data["usd_per_dwelling"] = 1e6 * data["remittances_usd_millions_2020"] / data["dwellings_2020"]
    fig, ax = plt.subplots(figsize=(7.2, 4.8))
    for degree in reversed(DEGREES):
        group = data[data["degree_2020"] == degree]
        ax.scatter(
            group["receiving_remittances_pct_2020"],
            group["usd_per_dwelling"].clip(lower=1),
            s=5,
            color=DEGREE_COLOURS[degree],
            linewidths=0,
            alpha=0.8,
            rasterized=True,
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(base=10))
    ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("Dwellings receiving remittances, census 2020 (%)")
    ax.set_ylabel("Remittances per dwelling, 2020 (US dollars, log scale;\nmunicipalities with none drawn at 1)")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=DEGREE_COLOURS[d], label=d, markersize=4) for d in DEGREES
    ]
    ax.legend(handles=handles, title="degree 2020", fontsize=7, title_fontsize=7, loc="lower right", frameon=False)
    fig.subplots_adjust(top=0.84, bottom=0.15, left=0.16)
    return fig


def remittances_vs_receiving_figure(spec: FigureSpec) -> plt.Figure:
    panel = read_panel(spec.inputs["panel"])
    correlation = pd.read_csv(spec.inputs["correlation"])
    fig = remittances_vs_receiving(panel, correlation)
    return finish(fig, spec, remittances_vs_receiving_title(correlation))


def remittances_vs_receiving_title(correlation: pd.DataFrame) -> str:
    """The scatter's message, with the rank correlation over all matched municipalities."""
    row = correlation[
        (correlation["sample"] == "all matched municipalities") & (correlation["statistic"] == "spearman")
    ].iloc[0]
    return (
        f"Banco de México's remittances per dwelling rise with the census share of dwellings receiving them, "
        f"but loosely: Spearman {row['estimate']:.2f} over {int(row['n']):,} municipalities (2020)"
    )
