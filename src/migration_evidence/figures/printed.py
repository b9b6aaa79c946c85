"""Figures of the printed tables: one function per figure, each making the single point named in
config/figures.yaml.

Every drawing function takes the processed tables it needs (a dict of DataFrames keyed by table id)
and the figure's registry entry, and returns a matplotlib Figure. :func:`draw` resolves any
registered "module:function", and :func:`save_figure` writes SVG and PNG deterministically (no
dates, no software stamps, fixed hash salt from config/matplotlibrc). Figures of other stages live
in their own modules and use the same style, footer and saving.
"""

from __future__ import annotations

import importlib
import os
import textwrap
from dataclasses import replace

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..outputs import atomic_path  # noqa: E402
from .specs import FigureSpec  # noqa: E402

# Okabe-Ito colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "black": "#000000",
}


def use_project_style(style_file: str | os.PathLike[str]) -> None:
    """Reset matplotlib to defaults and apply the project's style file."""
    matplotlib.rcdefaults()
    matplotlib.rc_file(str(style_file))


def finish(fig: plt.Figure, spec: FigureSpec, title: str) -> plt.Figure:
    """Title (the message, with numbers from the data) and the source footer."""
    fig.suptitle(textwrap.fill(title, 74), x=0.01, y=0.99, ha="left", va="top", fontsize=10.5, fontweight="bold")
    fig.text(0.01, 0.01, spec.source, ha="left", va="bottom", fontsize=7.5, color="#444444")
    return fig


def save_figure(fig: plt.Figure, svg_path: str, png_path: str) -> None:
    """Write the figure as SVG and PNG, each atomically and without volatile metadata."""
    with atomic_path(svg_path) as tmp:
        fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, format="png", metadata={"Software": None})
    plt.close(fig)


def municipal_intensity_shares(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["municipal_migration_intensity_2000"]
    detail = df[df["row_type"] == "detail"].set_index("degree")
    order = ["Very high", "High", "Medium", "Low", "Very low", "Null"]
    detail = detail.loc[order]
    measures = [
        ("municipalities_pct", "Municipalities", PALETTE["vermillion"]),
        ("population_pct", "Population", PALETTE["blue"]),
        ("households_pct", "Households", PALETTE["sky"]),
    ]
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    y = np.arange(len(order))
    height = 0.26
    for k, (column, label, colour) in enumerate(measures):
        values = detail[column].to_numpy()
        ax.barh(y + (k - 1) * height, values, height=height, color=colour, label=label)
        for yy, v in zip(y + (k - 1) * height, values, strict=True):
            ax.text(v + 0.4, yy, f"{v:.1f}", va="center", fontsize=7)
    ax.set_yticks(
        y, [f"{d}\n({int(n):,} municipalities)" for d, n in zip(order, detail["municipalities_count"], strict=True)]
    )
    ax.invert_yaxis()
    ax.set_xlabel("Share of the national total (%), as printed")
    ax.set_ylabel("Degree of migratory intensity, 2000")
    ax.legend(loc="lower right")
    high = detail.loc[["Very high", "High"]]
    title = (
        f"High-intensity municipalities are many but small: {high['municipalities_pct'].sum():.0f}% of "
        f"municipalities, {high['population_pct'].sum():.0f}% of the people"
    )
    fig.subplots_adjust(left=0.25, right=0.97, top=0.86, bottom=0.17)
    return finish(fig, spec, title)


def mexico_us_gap(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["mexico_us_asymmetries_1994_2004"]
    wide = df.pivot_table(index=["indicator_id", "table_year"], columns="country", values="value").reset_index()
    wide["ratio"] = wide["United States"] / wide["Mexico"]
    panels = [
        ("gdp_per_capita", "GDP per head (current USD)"),
        ("manufacturing_wage", "Manufacturing wage (USD per man-hour)"),
    ]
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.8))
    colours = {"United States": PALETTE["blue"], "Mexico": PALETTE["vermillion"]}
    for ax, (indicator, label) in zip(axes, panels, strict=True):
        part = wide[wide["indicator_id"] == indicator].sort_values("table_year")
        years = part["table_year"].to_numpy()
        for country in ["United States", "Mexico"]:
            values = part[country].to_numpy()
            ax.plot(years, values, marker="o", color=colours[country], label=country)
            for x, v in zip(years, values, strict=True):
                ax.annotate(
                    f"{v:,.1f}" if v < 100 else f"{v:,.0f}",
                    (x, v),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7.5,
                )
        ax.set_xticks(years, [f"{y}\nUS/Mexico {r:.2f}" for y, r in zip(years, part["ratio"], strict=True)])
        ax.set_xlim(years.min() - 2, years.max() + 2)
        ax.set_ylim(0, part[["United States", "Mexico"]].to_numpy().max() * 1.2)
        ax.set_title(label, fontsize=9, fontweight="normal")
    axes[0].set_ylabel("Value in the unit of each panel")
    axes[0].legend(loc="upper left")
    gdp = wide[wide["indicator_id"] == "gdp_per_capita"].set_index("table_year")["ratio"]
    wage = wide[wide["indicator_id"] == "manufacturing_wage"].set_index("table_year")["ratio"]
    title = (
        f"The US-Mexico gap widened 1994→2004: GDP per head {gdp[1994]:.1f}→{gdp[2004]:.1f} times, "
        f"wages {wage[1994]:.1f}→{wage[2004]:.1f} times"
    )
    fig.subplots_adjust(left=0.11, right=0.95, top=0.8, bottom=0.2, wspace=0.35)
    return finish(fig, spec, title)


def mexican_origin_generations(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["mexican_origin_population_2003"]
    groups = ["mexican_emigrants", "first_generation", "second_generation", "total"]
    labels = {
        "mexican_emigrants": "Born in Mexico",
        "first_generation": "First generation",
        "second_generation": "Second generation",
        "total": "All of Mexican origin",
    }
    colours = [PALETTE["vermillion"], PALETTE["orange"], PALETTE["blue"], PALETTE["grey"]]
    characteristics = list(dict.fromkeys(df["characteristic"]))
    wide = df.pivot(index="characteristic", columns="population_group", values="share_pct").loc[characteristics]
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    x = np.arange(len(characteristics))
    width = 0.2
    for k, (group, colour) in enumerate(zip(groups, colours, strict=True)):
        values = wide[group].to_numpy()
        ax.bar(x + (k - 1.5) * width, values, width=width, color=colour, label=labels[group])
        for xx, v in zip(x + (k - 1.5) * width, values, strict=True):
            ax.text(xx, v + 1, f"{v:.1f}", ha="center", fontsize=6.5)
    ax.set_xticks(x, characteristics)
    ax.set_ylabel("Share of the group (%)")
    ax.set_ylim(0, 112)
    ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, 1.12), fontsize=7.5)
    cover = wide.loc["No health coverage"]
    title = (
        f"Without health coverage: {cover['mexican_emigrants']:.1f}% of those born in Mexico, "
        f"{cover['second_generation']:.1f}% of the second generation (2003)"
    )
    fig.subplots_adjust(left=0.09, right=0.98, top=0.78, bottom=0.14)
    return finish(fig, spec, title)


def fisdl_funding_composition(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["fisdl_hta_partnerships"]
    detail = df[df["row_type"] == "detail"].copy()
    total = df[df["row_type"] == "total"].copy()
    both = pd.concat([detail, total])
    both["other_usd"] = both["total_cost_usd"] - both["hta_donation_usd"] - both["fisdl_funds_usd"]
    parts = [
        ("hta_donation_usd", "Hometown associations", PALETTE["vermillion"]),
        ("fisdl_funds_usd", "FISDL", PALETTE["blue"]),
        ("other_usd", "Not accounted for by the printed columns", PALETTE["grey"]),
    ]
    shares = {col: 100 * both[col] / both["total_cost_usd"] for col, _, _ in parts}
    labels = [
        f"{d} ({int(n)})" if t == "detail" else f"All departments ({int(n)})"
        for d, n, t in zip(both["department"], both["projects_count"], both["row_type"], strict=True)
    ]
    fig, ax = plt.subplots(figsize=(7.2, 5.0))
    y = np.arange(len(both))
    y = np.where(both["row_type"].to_numpy() == "total", y + 0.6, y)
    left = np.zeros(len(both))
    for col, label, colour in parts:
        values = shares[col].to_numpy()
        ax.barh(y, values, left=left, color=colour, label=label, height=0.7)
        for yy, lft, v in zip(y, left, values, strict=True):
            if v >= 6:
                ax.text(lft + v / 2, yy, f"{v:.0f}", ha="center", va="center", fontsize=6.5, color="white")
        left += values
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of total project cost (%), computed from the printed US$ amounts")
    ax.set_ylabel("Department (number of projects)")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.4, 1.08), fontsize=7)
    hta = shares["hta_donation_usd"][both["row_type"] == "detail"]
    high = both.loc[hta[hta > 50].index, "department"].tolist()
    title = f"FISDL pays most of the cost; HTAs pay over half only in {' and '.join(high)}"
    fig.subplots_adjust(left=0.25, right=0.98, top=0.86, bottom=0.12)
    return finish(fig, spec, title)


def zacatecas_3x1(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["zacatecas_3x1_1999_2003"]
    detail = df[df["row_type"] == "detail"].sort_values("year")
    years = detail["year"].astype(int).to_numpy()
    partial = detail["footnote"].str.len().to_numpy() > 0
    fig, axes = plt.subplots(1, 3, figsize=(7.2, 3.4))
    series = [
        (detail["projects_count"].astype(float).to_numpy(), "Projects", "Number of projects"),
        (detail["amount_usd"].to_numpy() / 1e6, "Amount", "US$ million"),
        (
            detail["amount_usd"].to_numpy() / detail["projects_count"].astype(float).to_numpy() / 1e3,
            "Amount per project",
            "US$ thousand per project",
        ),
    ]
    for ax, (values, title, ylabel) in zip(axes, series, strict=True):
        bars = ax.bar(years, values, color=PALETTE["green"])
        for bar, is_partial in zip(bars, partial, strict=True):
            if is_partial:
                bar.set_facecolor("white")
                bar.set_edgecolor(PALETTE["green"])
                bar.set_hatch("///")
        ax.set_title(title, fontsize=9, fontweight="normal")
        ax.set_ylabel(ylabel)
        ax.set_xticks(years, [f"{y}*" if p else str(y) for y, p in zip(years, partial, strict=True)], fontsize=7.5)
    note = detail.loc[partial, "footnote"].tolist()
    fig.text(0.99, 0.01, f"* {note[0]} (hatched)" if note else "", ha="right", va="bottom", fontsize=7.5)
    by_year = detail.set_index("year")
    projects = {year: int(by_year.loc[year, "projects_count"]) for year in (2001, 2002)}
    millions = {year: by_year.loc[year, "amount_usd"] / 1e6 for year in (2001, 2002)}
    title = (
        f"Zacatecas 3x1: projects {projects[2001]}→{projects[2002]} "
        f"and US${millions[2001]:.1f}m→{millions[2002]:.1f}m from 2001 to 2002"
    )
    fig.subplots_adjust(left=0.08, right=0.99, top=0.76, bottom=0.2, wspace=0.5)
    return finish(fig, spec, title)


def michoacan_3x1(spec: FigureSpec) -> plt.Figure:
    tables = read_tables(spec)
    df = tables["michoacan_3x1_2002"]
    detail = df[df["row_type"] == "detail"].sort_values("stipend")
    stipends = detail["stipend"].astype(int).to_numpy()
    per_person = detail["amount_usd"].to_numpy() / detail["people_benefited_persons"].astype(float).to_numpy()
    per_project = detail["amount_usd"].to_numpy() / detail["projects_count"].astype(float).to_numpy() / 1e3
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.4))
    for ax, values, title, ylabel, fmt in [
        (axes[0], per_person, "Amount per person benefited", "US$ per person (log scale)", "{:,.0f}"),
        (axes[1], per_project, "Amount per project", "US$ thousand per project", "{:,.0f}"),
    ]:
        ax.bar(stipends, values, color=PALETTE["purple"])
        for x, v in zip(stipends, values, strict=True):
            ax.annotate(fmt.format(v), (x, v), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=7.5)
        ax.set_title(title, fontsize=9, fontweight="normal")
        ax.set_ylabel(ylabel)
        ax.set_xlabel("Stipend")
        ax.set_xticks(stipends)
    axes[0].set_yscale("log")
    axes[0].set_yticks([5, 10, 20, 50, 100, 200, 500], ["5", "10", "20", "50", "100", "200", "500"])
    axes[0].yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    title = (
        f"Michoacán 3x1, 2002: from US${per_person.min():,.0f} to US${per_person.max():,.0f} "
        "invested per person benefited, by stipend"
    )
    fig.subplots_adjust(left=0.1, right=0.98, top=0.76, bottom=0.2, wspace=0.35)
    return finish(fig, spec, title)


def read_tables(spec: FigureSpec) -> dict[str, pd.DataFrame]:
    """Read a figure's inputs that are processed printed tables, with their declared types."""
    from ..printed.processed import read_processed
    from ..printed.specs import load_specs

    specs = load_specs(spec.config["tables"])
    return {name: read_processed(path, specs[name]) for name, path in spec.inputs.items()}


def draw(spec: FigureSpec, style_file: str | os.PathLike[str], config: dict[str, str]) -> plt.Figure:
    """Draw a registered figure with the project style, given the configuration files it may read."""
    spec = replace(spec, config=dict(config))
    module_name, function_name = spec.function.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    use_project_style(style_file)
    return function(spec)
