"""Figures of notebook 6 (twenty years on): remittances 1980–2025 by vintage and in constant pesos, the
monthly trend's breaks, remittances by migration region, and the US–Mexico gap in GDP per head.

Each function takes its FigureSpec (inputs named in config/figures.yaml: the notebook's CSVs of
estimates) and returns a Figure; every number in a title or label is read from those files.
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

VINTAGES = {
    "early": ("Early vintage, 1980-2005: what the paper could see", PALETTE["blue"], "o"),
    "current": ("Current vintage, 1995-2025: Banco de México's monthly file, 2026", PALETTE["vermillion"], "s"),
}


def _read(path: str) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _thousands(ax) -> None:
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())


def remittances_1980_2025(spec: FigureSpec) -> plt.Figure:
    """Dollars by vintage (never spliced, the paper's window shaded) and constant pesos."""
    vintages = _read(spec.inputs["by_vintage"])
    constant = _read(spec.inputs["constant_pesos"])
    growth = _read(spec.inputs["growth_by_period"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.6, 4.6), gridspec_kw={"width_ratios": [1.35, 1]})
    early = vintages[vintages["vintage"] == "early"]
    window = (int(early["year"].min()), int(early["year"].max()))
    for ax in (left, right):
        ax.axvspan(window[0] - 0.5, window[1] + 0.5, color="#eeeeee", zorder=0, linewidth=0)
        ax.set_xlabel("Year")
    for vintage, (label, colour, marker) in VINTAGES.items():
        part = vintages[vintages["vintage"] == vintage].sort_values("year")
        left.plot(part["year"], part["value_usd_millions"], marker=marker, markersize=2.8, color=colour, label=label)
    left.set_yscale("log")
    left.set_yticks([500, 1000, 2000, 5000, 10000, 20000, 50000])
    _thousands(left)
    left.set_ylabel("USD millions a year (log scale)")
    left.text(window[0], 75000, "the paper's window", fontsize=7.5, color="#444444", va="top")
    left.legend(loc="lower right", fontsize=7)
    left.set_title("US dollars, by vintage", fontsize=9, fontweight="normal")
    base = int(constant["price_base_year"].iloc[0])
    right.plot(
        constant["year"],
        constant["inflows_mxn_millions_constant"] / 1e3,
        marker="s",
        markersize=2.8,
        color=PALETTE["green"],
    )
    right.set_xlim(window[0] - 1, int(constant["year"].max()) + 1)
    right.set_ylim(0, None)
    _thousands(right)
    right.set_ylabel(f"Billions of pesos of {base} (current vintage)")
    right.set_title(f"Constant pesos (FIX rate × INPC, {base} prices)", fontsize=9, fontweight="normal")
    usd = growth[growth["measure"].str.startswith("USD")].set_index("start_year")
    decade = usd[usd["end_year"] == window[1]]
    before = decade[decade["changes_left_out"].isna()].iloc[0]
    without = decade[decade["changes_left_out"].notna()].iloc[0]
    after = usd[(usd.index == window[1]) & (usd["end_year"] == usd["end_year"].max())].iloc[0]
    title = (
        f"Remittances grew {before['compound_growth_pct']:.0f}% a year in 1995-2005 as recorded "
        f"({without['compound_growth_pct']:.0f}% without 2003's recording change) but "
        f"{after['compound_growth_pct']:.1f}% a year in 2005-{int(after['end_year'])}: the paper's exponential growth "
        "did not continue"
    )
    fig.subplots_adjust(left=0.09, right=0.98, top=0.82, bottom=0.16, wspace=0.3)
    return finish(fig, spec, title)


def remittances_monthly_breaks(spec: FigureSpec) -> plt.Figure:
    """Monthly inflows, seasonally adjusted, with the segmented trend and the break dates' intervals."""
    decomposition = _read(spec.inputs["decomposition"])
    segments = _read(spec.inputs["break_segments"])
    dates = _read(spec.inputs["break_dates"])
    x = pd.PeriodIndex(decomposition["month"], freq="M").to_timestamp()
    y = decomposition["seasonally_adjusted"].to_numpy()
    fig, ax = plt.subplots(figsize=(8.6, 4.5))
    ax.plot(x, np.exp(decomposition["log_inflows"]), color="#bbbbbb", linewidth=0.7, label="Monthly inflows")
    ax.plot(x, np.exp(y), color=PALETTE["blue"], linewidth=0.9, label="Seasonally adjusted (STL)")
    months = decomposition["month"].tolist()
    for number, segment in enumerate(segments.itertuples()):
        start, end = months.index(segment.first_month), months.index(segment.last_month) + 1
        t = np.arange(start, end, dtype=float)
        slope, intercept = np.polyfit(t, y[start:end], 1)
        ax.plot(
            x[start:end],
            np.exp(intercept + slope * t),
            color=PALETTE["vermillion"],
            linewidth=1.8,
            label=f"Trend in {len(segments)} segments" if number == 0 else None,
        )
        middle = x[(start + end) // 2]
        ax.annotate(
            f"{segment.trend_growth_pct_per_year:+.0f}%/yr",
            (middle, np.exp(intercept + slope * (start + end) / 2)),
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            fontsize=7.5,
            color=PALETTE["vermillion"],
        )
    for number, row in enumerate(dates.itertuples()):
        low = pd.Period(row.ci95_low_month, freq="M").to_timestamp()
        high = pd.Period(row.ci95_high_month, freq="M") + 1
        ax.axvspan(
            low,
            high.to_timestamp(),
            color=PALETTE["orange"],
            alpha=0.35,
            linewidth=0,
            label="Break dates, bootstrap 95% intervals (breaks re-selected in each draw)" if number == 0 else None,
        )
    ax.set_yscale("log")
    ax.set_yticks([200, 500, 1000, 2000, 5000])
    _thousands(ax)
    ax.set_ylabel("USD millions a month (log scale)")
    ax.set_xlabel("Month")
    ax.legend(loc="lower right", fontsize=7.5)
    first = dates.iloc[0]
    title = (
        f"LWZ finds {len(dates)} breaks in the monthly trend (more with a shorter minimum segment); the first, "
        f"{first['first_month_of_new_segment']}, coincides with Banco de México's 2002-03 change in recording transfers"
    )
    fig.subplots_adjust(left=0.09, right=0.98, top=0.84, bottom=0.14)
    return finish(fig, spec, title)


def remittances_by_region(spec: FigureSpec) -> plt.Figure:
    """Each migration region's share of remittances, year by year."""
    shares = _read(spec.inputs["region_shares"])
    with open(spec.inputs["regions"], encoding="utf-8") as handle:
        regions = load_yaml(handle)
    colours = [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["orange"]]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    last_year = shares["year"].max()
    last = shares[shares["year"] == last_year].set_index("region")["share_pct"]
    # Labels at the right end, at least 1.6 points apart so that close shares stay legible.
    label_y, floor = {}, -np.inf
    for name in last.loc[list(regions["regions"])].sort_values().index:
        floor = max(last[name], floor + 1.6)
        label_y[name] = floor
    for (name, entry), colour in zip(regions["regions"].items(), colours, strict=True):
        part = shares[shares["region"] == name].sort_values("year")
        ax.plot(part["year"], part["share_pct"], marker="o", markersize=2.8, color=colour, label=entry["label"])
        ax.text(last_year + 0.3, label_y[name], f"{last[name]:.1f}%", va="center", fontsize=7.5, color=colour)
    ax.set_ylim(0, 50)
    ax.set_xlim(shares["year"].min() - 0.5, shares["year"].max() + 2)
    ax.set_xlabel("Year")
    ax.set_ylabel("Share of Mexico's remittances (%)")
    ax.legend(loc="center left", fontsize=7.5, ncols=2, bbox_to_anchor=(0, 0.62))
    drift = _read(spec.inputs["region_drift"])
    first = drift[drift["first_year"] == drift["first_year"].min()].set_index("region")
    historical, central = first.loc[regions["traditional_region"]], first.loc["central"]
    shift = first.loc["border"]
    shift_year = int(shift["largest_one_year_change_year"])
    ax.axvline(shift_year, color="#777777", linestyle=":", linewidth=1)
    ax.text(
        shift_year + 0.2,
        47,
        f"{shift_year}: border {shift['largest_one_year_change_pp']:+.1f} points in one year",
        fontsize=7,
        color="#444444",
        va="top",
    )
    regions_only = first.loc[list(regions["regions"])]
    no_drift = bool(((regions_only["ci95_low_pp"] <= 0) & (regions_only["ci95_high_pp"] >= 0)).all())
    title = (
        f"Shares of remittances moved in humps: historical region {historical['share_first_year_pct']:.0f}% to "
        f"{historical['share_last_year_pct']:.0f}%, central {central['share_first_year_pct']:.0f}% to "
        f"{central['share_last_year_pct']:.0f}% ({int(historical['first_year'])}-{int(historical['last_year'])}); "
        + (
            "read as random walks, no region's drift is distinguishable from zero"
            if no_drift
            else "read as random walks, some regions drift"
        )
    )
    fig.subplots_adjust(left=0.09, right=0.97, top=0.84, bottom=0.13)
    return finish(fig, spec, title)


def mexico_us_gdp_gap(spec: FigureSpec) -> plt.Figure:
    """US/Mexico GDP per head, World Bank current dollars 1994–2023, with Table 2's printed ratios."""
    gap = _read(spec.inputs["gdp_gap"])
    fig, ax = plt.subplots(figsize=(8, 4.3))
    ax.plot(
        gap["year"],
        gap["us_to_mexico_ratio_world_bank"],
        marker="o",
        markersize=3,
        color=PALETTE["blue"],
        label="World Bank: GDP (current US$) / population",
    )
    printed = gap.dropna(subset=["us_to_mexico_ratio_table2"])
    ax.plot(
        printed["year"],
        printed["us_to_mexico_ratio_table2"],
        "D",
        color=PALETTE["vermillion"],
        markersize=6,
        label="Table 2 as printed (basis not reproduced)",
    )
    for row in printed.itertuples():
        ax.annotate(
            f"{row.us_to_mexico_ratio_table2:.2f}",
            (row.year, row.us_to_mexico_ratio_table2),
            xytext=(6, -3),
            textcoords="offset points",
            fontsize=7.5,
            color=PALETTE["vermillion"],
        )
    ax.set_ylim(0, gap["us_to_mexico_ratio_world_bank"].max() * 1.15)
    ax.set_xlabel("Year")
    ax.set_ylabel("US GDP per head / Mexico GDP per head")
    ax.legend(loc="lower right", fontsize=7.5)
    first, last = gap.iloc[0], gap.iloc[-1]
    title = (
        f"US GDP per head was {first['us_to_mexico_ratio_world_bank']:.1f} times Mexico's in {int(first['year'])} and "
        f"{last['us_to_mexico_ratio_world_bank']:.1f} times in {int(last['year'])} (World Bank, current dollars); "
        "Table 2 printed a far smaller gap"
    )
    fig.subplots_adjust(left=0.09, right=0.97, top=0.84, bottom=0.13)
    return finish(fig, spec, title)
