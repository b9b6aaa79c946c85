"""Figures of the external series: the NAFTA paper's Chart 3 redrawn from Banco de México figures,
and two clearly labelled substitutes (a 2005 snapshot for Chart 6, CONAPO's sector series for
Chart 4).

Each function takes its FigureSpec (inputs named in config/figures.yaml) and returns a Figure; the
numbers in titles and labels are read from the processed tables and the growth-rate table, never
typed here.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..config import load_yaml
from .printed import PALETTE, finish  # noqa: E402
from .specs import FigureSpec  # noqa: E402

VINTAGE_STYLE = {
    "early": {"color": PALETTE["blue"], "linestyle": "-", "marker": "o", "markersize": 3.2},
    "revised": {
        "color": PALETTE["vermillion"],
        "linestyle": "--",
        "marker": "o",
        "markersize": 3.2,
        "markerfacecolor": "white",
    },
}
VINTAGE_LABEL = {
    "early": "Early vintage: as published before mid-2006 (what the paper could see)",
    "revised": "Revised vintage: Banco de México's later figures",
}


def _read_csv(path: str) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False)


def _settings(spec: FigureSpec) -> dict:
    with open(spec.inputs["settings"], encoding="utf-8") as handle:
        return load_yaml(handle)


def _short_name(publisher: str) -> str:
    """'Secretaría de Turismo (Sectur)' -> 'Sectur'; a name without an abbreviation is kept whole."""
    if publisher.endswith(")") and "(" in publisher:
        return publisher[publisher.rindex("(") + 1 : -1]
    return publisher


def _note(fig: plt.Figure, text: str, y: float = 0.045) -> None:
    fig.text(0.01, y, text, ha="left", va="bottom", fontsize=7.5, color="#222222")


def remittance_growth(spec: FigureSpec) -> plt.Figure:
    """Chart 3: remittances by year, linear and log, with the NAFTA start and growth by period."""
    remittances = _read_csv(spec.inputs["remittances"])
    growth = _read_csv(spec.inputs["growth_rates"])
    settings = _settings(spec)
    chart_vintage, nafta = settings["chart_vintage"], int(settings["nafta_start_year"])
    drawn = growth[growth["drawn_on_chart"]].sort_values("start_year")
    whole = growth[(growth["vintage"] == chart_vintage)]
    whole = whole.loc[(whole["end_year"] - whole["start_year"]).idxmax()]

    fig, axes = plt.subplots(1, 2, figsize=(7.6, 4.7))
    vintages = [chart_vintage] + sorted(v for v in remittances["vintage"].unique() if v != chart_vintage)
    for ax in axes:
        for vintage in vintages:
            part = remittances[remittances["vintage"] == vintage].sort_values("year")
            ax.plot(
                part["year"],
                part["value_usd_millions"],
                label=VINTAGE_LABEL.get(vintage, vintage),
                zorder=3 if vintage == chart_vintage else 2,
                linewidth=1.4,
                **VINTAGE_STYLE[vintage],
            )
        ax.axvline(nafta, color=PALETTE["grey"], linestyle=":", linewidth=1)
        ax.set_xlabel("Year")
        ax.set_xlim(remittances["year"].min() - 1, remittances["year"].max() + 1.5)
    linear, log = axes
    top = remittances["value_usd_millions"].max()
    linear.text(
        nafta - 0.4, top * 0.98, f"NAFTA in force ({nafta})", ha="right", va="top", fontsize=7.5, color="#444444"
    )
    linear.set_ylabel("USD millions per year (current dollars)")
    linear.set_ylim(0, top * 1.08)
    linear.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    linear.set_title("Linear scale", fontsize=9, fontweight="normal")
    for vintage in vintages:
        last = remittances[remittances["vintage"] == vintage].sort_values("year").iloc[-1]
        linear.annotate(
            f"{last['value_usd_millions']:,.0f}",
            (last["year"], last["value_usd_millions"]),
            textcoords="offset points",
            xytext=(3, -3 if vintage == chart_vintage else 3),
            fontsize=7,
            color=VINTAGE_STYLE[vintage]["color"],
            va="center",
        )
    first = remittances[remittances["vintage"] == chart_vintage].sort_values("year").iloc[0]
    linear.annotate(
        f"{first['value_usd_millions']:,.0f}",
        (first["year"], first["value_usd_millions"]),
        textcoords="offset points",
        xytext=(0, 6),
        ha="center",
        fontsize=7,
        color=VINTAGE_STYLE[chart_vintage]["color"],
    )

    log.set_yscale("log")
    log.set_ylim(400, top * 1.6)
    ticks = [500, 1000, 2000, 5000, 10000, 20000]
    log.set_yticks(ticks, [f"{t:,}" for t in ticks])
    log.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    log.set_ylabel("USD millions per year (log scale)")
    log.set_title("Log scale: equal slopes, equal growth rates", fontsize=9, fontweight="normal")
    for number, (_, period) in enumerate(drawn.iterrows()):
        xs = [period["start_year"], period["end_year"]]
        ys = [period["start_usd_millions"], period["end_usd_millions"]]
        log.plot(
            xs,
            ys,
            color=PALETTE["black"],
            linewidth=0.9,
            alpha=0.55,
            zorder=4,
            label="Compound growth between each period's end years" if number == 0 else None,
        )
        mid_x = (xs[0] + xs[1]) / 2
        mid_y = float(np.sqrt(ys[0] * ys[1]))
        log.annotate(
            f"{period['start_year']}–{period['end_year']}\n{period['cagr_pct']:+.1f}% a year",
            (mid_x, mid_y),
            textcoords="offset points",
            xytext=(4, -12),
            ha="left",
            va="top",
            fontsize=7.2,
        )
    handles, labels = linear.get_legend_handles_labels()
    chord_handles, chord_labels = log.get_legend_handles_labels()
    fig.legend(
        handles + chord_handles[-1:],
        labels + chord_labels[-1:],
        loc="lower left",
        bbox_to_anchor=(0.01, 0.105),
        ncols=2,
        fontsize=7.2,
    )

    # The title states what the figure shows and notebook 1 supports: the fold increase. Growth by
    # period is drawn, but its rise is not read as an acceleration at NAFTA (notebook 1 tests that).
    title = (
        f"Remittances to Mexico rose {whole['ratio']:.1f}-fold, {int(whole['start_year'])}–"
        f"{int(whole['end_year'])} (US${whole['start_usd_millions']:,.0f}m to "
        f"US${whole['end_usd_millions']:,.0f}m); the tests find no growth break at NAFTA ({nafta})"
    )
    fig.subplots_adjust(left=0.1, right=0.97, top=0.83, bottom=0.3, wspace=0.38)
    _note(
        fig,
        f"Drawn series and growth rates: the {chart_vintage} vintage. "
        f"{int(remittances['year'].min())}–{nafta} rest on one tabulation of Banco de México figures.",
    )
    _note(fig, _break_note(spec, chart_vintage, nafta), y=0.078)
    return finish(fig, spec, title)


def _break_note(spec: FigureSpec, vintage: str, nafta: int) -> str:
    """Where the trend's growth changed, from notebook 1's tests: the NAFTA break against the best-fitting
    one, with p-values from the estimated serial correlation up to a random walk."""
    breaks = _read_csv(spec.inputs["breaks"])
    at_nafta = breaks[(breaks["series"] == vintage) & (breaks["break_year"] == nafta)].iloc[0]
    scan = _read_csv(spec.inputs["break_scan"])
    best = scan[scan["series"] == vintage].iloc[0]
    rho = _read_csv(spec.inputs["break_rho"])
    unit_root = rho[(rho["series"] == vintage) & (rho["ar1_coefficient"] == 1.0)]
    chow_rw = unit_root[unit_root["test"].str.startswith(f"Chow at {nafta}")]["p_value_simulated"].iloc[0]
    sup_rw = unit_root[unit_root["test"].str.startswith("sup-F")]["p_value_simulated"].iloc[0]
    return (
        f"Notebook 1: Chow test at {nafta}, p = {at_nafta['p_value_simulated_ar1']:.2f} (estimated AR(1) errors) "
        f"to {chow_rw:.2f} (random walk); best break {int(best['best_fitting_break_year'])}, "
        f"p = {best['p_value_sup_f_simulated_ar1']:.2f} to {sup_rw:.2f}."
    )


def remittances_vs_other_inflows_2005(spec: FigureSpec) -> plt.Figure:
    """A 2005 snapshot of Mexico's main foreign-exchange inflows (not the paper's Chart 6)."""
    inflows = _read_csv(spec.inputs["inflows"])
    inflows = inflows.sort_values(["value_usd_millions", "source_id"], ascending=[True, True]).reset_index(drop=True)
    # An inflow given by more than one source is labelled with each publisher; a value that does not
    # cover the calendar year says what it covers.
    repeated = inflows["inflow"].duplicated(keep=False).to_numpy()
    labels = []
    for row, named in zip(inflows.itertuples(), repeated, strict=True):
        label = f"{row.inflow} ({_short_name(row.publisher)})" if named else row.inflow
        labels.append(label if row.coverage == "calendar year" else f"{label}\n{row.coverage}")
    colours = [PALETTE["vermillion"] if i == "Family remittances" else PALETTE["sky"] for i in inflows["inflow"]]
    fig, ax = plt.subplots(figsize=(7.2, 3.9))
    y = np.arange(len(inflows))
    values = inflows["value_usd_millions"].to_numpy() / 1000
    ax.barh(y, values, color=colours, height=0.62)
    for yy, v in zip(y, values, strict=True):
        ax.text(v + 0.3, yy, f"{v:,.1f}", va="center", fontsize=7.5)
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.set_xlabel("USD billions, 2005 (as published early in 2006)")
    ax.set_xlim(0, values.max() * 1.15)
    largest = inflows.groupby("inflow")["value_usd_millions"].max().sort_values(ascending=False)
    rank = list(largest.index).index("Family remittances")
    remit = largest["Family remittances"] / 1000
    if rank == 0:
        standing = "were the largest of these inflows"
    elif rank == 1:
        standing = f"were second only to {largest.index[0].lower()} (US${largest.iloc[0] / 1000:.1f}bn)"
    else:
        standing = f"ranked {rank + 1} of {len(largest)}"
    tourism = inflows[inflows["inflow"] == "Tourism receipts"]["value_usd_millions"]
    title = f"A 2005 snapshot, not the paper's Chart 6: remittances (US${remit:.1f}bn) {standing}"
    fig.subplots_adjust(left=0.3, right=0.97, top=0.84, bottom=0.22)
    note = "No series was found for the paper's chart (remittances in the balance of trade over time)."
    if len(tourism) > 1:
        note += f" Tourism: {len(tourism)} sources disagree."
    _note(fig, note, y=0.05)
    return finish(fig, spec, title)


SECTORS = [
    ("primary_sector_persons", "Primary", PALETTE["green"]),
    ("secondary_sector_persons", "Secondary", PALETTE["orange"]),
    ("tertiary_sector_persons", "Tertiary", PALETTE["blue"]),
]


def mexican_workers_by_sector_substitute(spec: FigureSpec) -> plt.Figure:
    """Substitute for Chart 4: employed Mexican-born workers in the US by sector, 1994-2005 (CONAPO)."""
    workers = _read_csv(spec.inputs["workers"]).sort_values("year")
    years = workers["year"].to_numpy()
    fig, (count_ax, share_ax) = plt.subplots(1, 2, figsize=(7.6, 4.0))
    bottom = np.zeros(len(workers))
    for column, label, colour in SECTORS:
        values = workers[column].to_numpy() / 1e6
        count_ax.bar(years, values, bottom=bottom, color=colour, label=label, width=0.75)
        bottom += values
    count_ax.set_ylabel("Employed persons, millions")
    count_ax.set_xlabel("Year")
    count_ax.set_title("Employed, by sector", fontsize=9, fontweight="normal")
    count_ax.legend(loc="upper left", fontsize=7.5)
    shares = {
        column: 100 * workers[column].to_numpy() / workers["employed_persons"].to_numpy() for column, _, _ in SECTORS
    }
    for column, label, colour in SECTORS:
        share_ax.plot(years, shares[column], color=colour, marker="o", markersize=3, label=label)
        share_ax.annotate(
            f"{shares[column][-1]:.0f}%",
            (years[-1], shares[column][-1]),
            textcoords="offset points",
            xytext=(4, 0),
            va="center",
            fontsize=7,
            color=colour,
        )
    share_ax.set_ylim(0, 70)
    share_ax.set_ylabel("Share of the employed (%)")
    share_ax.set_xlabel("Year")
    share_ax.set_title("Share of each sector", fontsize=9, fontweight="normal")
    for ax in (count_ax, share_ax):
        ax.set_xticks(years[::2])
    first, last = workers.iloc[0], workers.iloc[-1]
    tertiary = shares["tertiary_sector_persons"]
    title = (
        f"Substitute for the paper's Chart 4: Mexican-born workers employed in the US rose from "
        f"{first['employed_persons'] / 1e6:.1f} to {last['employed_persons'] / 1e6:.1f} million, "
        f"{int(first['year'])}–{int(last['year'])}; {tertiary.min():.0f}–{tertiary.max():.0f}% in the tertiary sector"
    )
    fig.subplots_adjust(left=0.09, right=0.95, top=0.8, bottom=0.2, wspace=0.3)
    _note(
        fig,
        "The paper's chart (occupations, 2004) is not recoverable; this is CONAPO's current series by sector, "
        "aged 16 and over.",
    )
    return finish(fig, spec, title)
