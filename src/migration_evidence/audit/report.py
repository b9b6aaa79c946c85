"""The readable report, ``reports/source_audit.md``."""

from __future__ import annotations

import pandas as pd

from ..printed.specs import TableSpec
from ..reporting.templates import render
from .claims import Claim
from .run import summary_line, verdict_counts
from .series_checks import SeriesClaim
from .verdicts import Check


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _claim_where(check: Check, claims: dict[str, Claim | SeriesClaim], documents: dict[str, dict]) -> str:
    claim = claims[check.source]
    first, last = claim.lines
    span = f"line {first}" if first == last else f"lines {first}-{last}"
    return f"{documents.get(claim.document, {}).get('short', claim.document)}, {span}"


def _source_label(
    source: str, specs: dict[str, TableSpec], claims: dict[str, Claim | SeriesClaim], documents: dict[str, dict]
) -> str:
    if source in specs:
        spec = specs[source]
        return f"{documents.get(spec.document, {}).get('short', spec.document)}, {spec.printed_table}"
    if source not in claims:  # a transcribed public series (its processed table's id)
        return f"public series `{source}`"
    claim = claims[source]
    return f"{documents.get(claim.document, {}).get('short', claim.document)}, prose"


def audit_markdown(
    checks: list[Check],
    specs: dict[str, TableSpec],
    claims: list[Claim],
    documents: dict[str, dict],
    series_claims: dict[str, SeriesClaim] | None = None,
    *,
    findings_files: list[str] | tuple[str, ...] = (),
    approximate_rule: str = "",
    cells: pd.DataFrame | None = None,
) -> str:
    """The readable report (``templates/source_audit.md.j2``): summary, discrepancies and
    not-comparable rows first, then every check by source."""
    by_claim: dict[str, Claim | SeriesClaim] = {c.claim_id: c for c in claims}
    by_claim.update(series_claims or {})

    def where(c: Check) -> str:
        if c.kind in ("claim", "series_claim"):
            return f"{_claim_where(c, by_claim, documents)}: “{_md(by_claim[c.source].quote)}”"
        if c.findings_file:
            return _md(_finding_where(c))
        return f"{_source_label(c.source, specs, by_claim, documents)}, row {_md(c.row)}, column `{c.column}`"

    def explained(c: Check) -> str:
        text = f"{by_claim[c.source].note}. {c.registered}" if c.kind == "claim" else c.full_explanation
        if c.arithmetic_verdict:
            text += f" [arithmetic alone: {c.arithmetic_verdict}]"
        return _md(text)

    def flagged(verdict: str) -> list[dict]:
        return [
            {
                "check_id": _md(x.check_id),
                "where": where(x),
                "printed": x.printed,
                "recomputed": x.recomputed,
                "difference": x.difference,
                "explanation": explained(x),
            }
            for x in checks
            if x.verdict == verdict
        ]

    groups: dict[str, list[Check]] = {}
    for c in checks:
        groups.setdefault(_group_label(c, specs, by_claim, documents), []).append(c)
    tables = []
    for table_id, spec in specs.items():
        members = [c for c in checks if c.source == table_id and not c.findings_file]
        transcribed = [c for c in members if c.kind == "transcription"]
        tables.append(
            {
                "label": _source_label(table_id, specs, by_claim, documents),
                "title": spec.title,
                "excerpt": spec.excerpt,
                "transcribed": len(transcribed),
                "transcribed_exact": sum(c.verdict == "exact" for c in transcribed),
                "rows": [
                    {
                        "kind": c.kind,
                        "row": _md(c.row),
                        "column": c.column,
                        "printed": c.printed,
                        "recomputed": c.recomputed,
                        "tolerance": c.tolerance,
                        "verdict": c.verdict + ("" if c.relation == "=" else f" ({c.relation})"),
                        "explanation": _md(c.full_explanation),
                    }
                    for c in members
                    if c.kind != "transcription"
                ],
            }
        )
    claim_rows = []
    for c in checks:
        if c.kind != "claim":
            continue
        claim = by_claim[c.source]
        claim_rows.append(
            {
                "claim_id": c.source,
                "where": _claim_where(c, by_claim, documents),
                "quote": _md(claim.quote),
                "stated": claim.stated_text + (f" {claim.scale}" if claim.scale else ""),
                "recomputed": c.recomputed,
                "relation": c.relation,
                "verdict": c.verdict,
                "note": _md(claim.note),
            }
        )
    series_checks = [c for c in checks if c.kind == "series_claim"]
    series_rows = [
        {
            "claim_id": c.source,
            "where": _claim_where(c, by_claim, documents),
            "quote": _md(by_claim[c.source].quote),
            "printed": c.printed,
            "compared": _md(c.cells_used.split(": ", 1)[1]),
            "recomputed": c.recomputed,
            "tolerance": c.tolerance,
            "verdict": c.verdict,
        }
        for c in series_checks
    ]
    public_series_rows = [
        {
            "check_id": _md(c.check_id),
            "where": _md(_finding_where(c)),
            "printed": c.printed,
            "recomputed": c.recomputed,
            "tolerance": c.tolerance,
            "verdict": c.verdict,
            "explanation": explained(c),
        }
        for c in checks
        if c.kind == "base_period"
    ]
    finding_rows = [
        {
            "check_id": _md(c.check_id),
            "source": _md(c.source),
            "where": _md(_finding_where(c)),
            "printed": c.printed,
            "recomputed": c.recomputed,
            "tolerance": c.tolerance,
            "verdict": c.verdict,
            "explanation": explained(c),
        }
        for c in checks
        if c.findings_file
    ]
    text = render(
        "source_audit.md.j2",
        summary=summary_line([c.verdict for c in checks]),
        n_claims=len(claims),
        n_series_claims=len(series_claims or {}),
        series_checks=series_checks,
        findings=finding_rows,
        findings_files=list(findings_files),
        approximate_rule=approximate_rule,
        discrepancies=flagged("discrepancy"),
        not_comparable=flagged("not_comparable"),
        no_test=flagged("no_test"),
        groups=[
            {"label": label, "n": len(members), "counts": verdict_counts([c.verdict for c in members])}
            for label, members in groups.items()
        ],
        tables=tables,
        claims=claim_rows,
        series=series_rows,
        public_series=public_series_rows,
        cells=[{k: _md(v) for k, v in r.items()} for r in (cells.to_dict("records") if cells is not None else [])],
        n_cells_checked=0 if cells is None else int(cells["coverage"].str.startswith("checked").sum()),
    )
    return text.rstrip("\n")


def _finding_where(check: Check) -> str:
    parts = [check.file]
    if check.line is not None:
        parts.append(f"line {check.line}")
    if check.row:
        parts.append(f"row {check.row}")
    if check.column:
        parts.append(f"column `{check.column}`")
    return ", ".join(parts)


def _group_label(
    check: Check, specs: dict[str, TableSpec], claims: dict[str, Claim | SeriesClaim], documents: dict[str, dict]
) -> str:
    if check.findings_file and check.source not in specs:
        return check.source
    return _source_label(check.source, specs, claims, documents)
