"""Figure of the source audit: how far each printed number is from its recomputation."""

from __future__ import annotations

import math
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..audit.claims import read_claims
from ..printed.specs import load_specs
from ..reporting.exhibits import load_documents
from ..series.results import read_remittance_claims as read_series_claims
from .printed import PALETTE, finish
from .specs import FigureSpec

VERDICT_STYLE = {
    "exact": ("exact", PALETTE["green"], "o"),
    "within_rounding": ("within printed rounding", PALETTE["blue"], "o"),
    "not_comparable": ("not comparable (reason given)", PALETTE["grey"], "s"),
    "discrepancy": ("discrepancy (explained)", PALETTE["vermillion"], "D"),
}


def _short_label(row: pd.Series) -> str:
    kind = row["kind"]
    if kind == "claim":
        return str(row["source"])
    if kind == "series_claim":
        compared = str(row["cells_used"]).split(": ", 1)[-1].replace(" value,", "").replace(" vintage", "")
        return f"{str(row['source']).split('_')[0]}: {compared}"
    if kind == "sum":
        return f"{row['column']} total"
    if kind.endswith("_weighted"):
        return f"{row['column']} (total row)"
    if kind == "growth_rate":
        return f"growth rates vs levels ({str(row['column']).split('_')[0]})"
    if ":" in str(row["check_id"]) and str(row["source"]) == "findings of other stages":
        return str(row["check_id"]).split(":", 1)[1]
    if kind == "not_additive":
        return f"{row['column']} total (not additive)"
    return f"{row['row']}: {row['column']}"


def _document_label(short: str) -> str:
    """'Delgado Wise & Márquez Covarrubias (2006)' -> 'Delgado Wise et al. (2006)'."""
    match = re.fullmatch(r"(.+?)(?: & .+)? \((\d{4})\)", short)
    if not match:
        return short
    name, year = match.groups()
    return f"{name}{' et al.' if '&' in short else ''} ({year})"


def source_audit_overview(spec: FigureSpec) -> plt.Figure:
    results = pd.read_csv(spec.inputs["source_audit"], dtype=str, keep_default_na=False)
    claims = {c.claim_id: c for c in read_claims(spec.inputs["claims"])}
    series_documents = dict(
        zip(*[read_series_claims(spec.inputs["remittance_claims"])[k] for k in ("claim_id", "document")], strict=True)
    )
    specs = load_specs(spec.config["tables"])
    documents = load_documents(spec.config["documents"])

    def group(source: str) -> str:
        if source in specs:
            s = specs[source]
            return f"{_document_label(documents[s.document]['short'])}\n{s.printed_table}"
        if source in series_documents:
            return f"{_document_label(documents[series_documents[source]]['short'])}\nremittance statements"
        if source in claims:
            return f"{_document_label(documents[claims[source].document]['short'])}\nprose (claims)"
        return "findings of other stages"

    # Each document's tables, then its prose, in the order config/tables.yaml lists the documents; then
    # the documents with claims but no table, in the register's order.
    order: list[str] = []
    for document in dict.fromkeys([*(s.document for s in specs.values()), *(c.document for c in claims.values())]):
        order += [group(t) for t, s in specs.items() if s.document == document]
        order += list(dict.fromkeys(group(c) for c, claim in claims.items() if claim.document == document))
        order += list(dict.fromkeys(group(c) for c, d in series_documents.items() if d == document))
    if any(group(s) == "findings of other stages" for s in results["source"]):
        order.append("findings of other stages")
    drawn = (results["relation"] == "=") & ~results["kind"].isin(["transcription", "not_additive"])
    equal = results[drawn].copy()
    equal["group"] = equal["source"].map(group)
    equal.loc[equal["group"] == "findings of other stages", "source"] = "findings of other stages"
    # A row that records no relative difference (a finding of another stage, a partial period) gets it
    # from its printed and recomputed values.
    printed = pd.to_numeric(equal["printed"], errors="coerce")
    recomputed = pd.to_numeric(equal["recomputed"], errors="coerce")
    fallback = ((printed - recomputed).abs() / recomputed.abs()).where(recomputed != 0)
    equal["relative_pct"] = (
        pd.to_numeric(equal["relative_difference"], errors="coerce").fillna(fallback).fillna(0.0) * 100
    )
    positive = equal.loc[equal["relative_pct"] > 0, "relative_pct"]
    floor = 10 ** math.floor(math.log10(positive.min())) / 10 if len(positive) else 1e-4
    equal["x"] = np.where(equal["relative_pct"] > 0, equal["relative_pct"], floor)

    fig, ax = plt.subplots(figsize=(9.2, 7.4))  # large enough to read at full width on a laptop
    y_of = {g: i for i, g in enumerate(order)}
    for verdict, (label, colour, marker) in VERDICT_STYLE.items():
        part = equal[equal["verdict"] == verdict]
        if part.empty:
            continue
        offsets = ((np.arange(len(part)) % 7) - 3) * 0.1
        ys = part["group"].map(y_of).to_numpy() + offsets
        ax.scatter(
            part["x"],
            ys,
            s=22 if verdict != "discrepancy" else 26,
            color=colour,
            marker=marker,
            label=f"{label} ({len(part)})",
            alpha=0.85,
            edgecolor="white",
            linewidth=0.4,
            zorder=3,
        )
        if verdict == "discrepancy":
            # Markers at almost the same place share one label; the others alternate above and below
            # their marker, so that neighbours do not overprint.
            places: dict[tuple[str, float], list] = {}
            for (_, row), yy in zip(part.iterrows(), ys, strict=True):
                key = (row["group"], round(math.log10(row["x"]), 1))
                places.setdefault(key, []).append((row, yy))
            for number, together in enumerate(places.values()):
                row, yy = together[0]
                at_right = row["x"] > 100  # near the right edge: the label goes to the marker's left
                ax.annotate(
                    ", ".join(_short_label(r) for r, _ in together),
                    (row["x"], yy),
                    textcoords="offset points",
                    xytext=(-5 if at_right else 4, 2 if number % 2 == 0 else -8),
                    fontsize=6.5,
                    color="#333333",
                    ha="right" if at_right else "left",
                )
    ax.set_xscale("log")
    ax.axvline(floor * 3, color="#bbbbbb", linewidth=0.8, linestyle=":")
    ticks = [t for t in 10.0 ** np.arange(math.log10(floor), 4) if t >= floor]
    ax.set_xticks(ticks, ["exact" if t == floor else f"{t:g}" for t in ticks])
    ax.set_xlim(floor / 3, max(equal["x"].max() * 40, 100))
    ax.set_yticks(range(len(order)), order, fontsize=8.5)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("|printed − recomputed| / |recomputed| (%, log scale); exact matches at the left")
    ax.set_ylabel("Printed table or prose of the document")
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=8, frameon=False)
    for g in order:
        if g not in set(equal["group"]):
            ax.text(
                floor * 10,
                y_of[g],
                "no arithmetic relation between its cells; checked through the prose's claims",
                va="center",
                fontsize=7,
                color="#666666",
            )
    ok = int(equal["verdict"].isin(["exact", "within_rounding"]).sum())
    compared = int((equal["verdict"] != "not_comparable").sum())
    all_discrepancies = int((results["verdict"] == "discrepancy").sum())
    bounds = results[~drawn & (results["kind"] != "transcription")]
    off_chart = [_short_label(r) for _, r in bounds[bounds["verdict"] == "discrepancy"].iterrows()]
    transcribed = int((results["kind"] == "transcription").sum())
    title = (
        f"{ok} of {compared} comparable numbers drawn are reproduced within their printed rounding; "
        f"all {all_discrepancies} discrepancies of the audit are explained"
    )
    note = f"Not drawn: {transcribed} transcription checks (all exact) and {len(bounds)} bound checks"
    note += f", of which {len(off_chart)} fail: {', '.join(off_chart)}." if off_chart else "."
    fig.text(0.99, 0.055, note, ha="right", va="bottom", fontsize=7.5, color="#444444")
    fig.subplots_adjust(left=0.25, right=0.98, top=0.86, bottom=0.14)
    return finish(fig, spec, title)
