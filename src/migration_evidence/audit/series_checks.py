"""Checks of the transcribed public series: statements about remittances compared with Banco de
México's series (by the ``remittance_claims`` rule), each turned into an audit check, and the reference
period of a transcribed price index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ..columns import check_header
from ..errors import InputError
from ..raw_csv import read_csv_strict
from ..series.results import AGREES, DISAGREES
from ..series.results import read_remittance_claims as read_series_claims
from .intervals import Interval, total
from .verdicts import Check, _format, judge


@dataclass(frozen=True)
class SeriesClaim:
    """A statement about remittances that is compared with a public series, not with a printed table."""

    claim_id: str
    document: str
    lines: tuple[int, int]
    quote: str
    stated_text: str
    unit: str
    line: int  # line of data/raw/remittance_claims.csv


SERIES_RESULT_COLUMNS = [
    "claim_id",
    "document",
    "lines",
    "stated_text",
    "stated_value",
    "unit",
    "comparison",
    "recomputed_value",
    "accepted_low",
    "accepted_high",
    "verdict",
    "explanation",
]


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def series_claim_checks(results_path: str, register_path: str) -> tuple[list[Check], dict[str, SeriesClaim]]:
    """One audit check per comparison of a statement about remittances with Banco de México's series.

    The comparisons are made by the ``remittance_claims`` rule (``results_path``, from the register
    ``register_path``); here each becomes a check like any other, so a statement that does not agree with
    the series must be explained in the known-discrepancies register. The verdict is the rule's (it is
    computed once, by :func:`migration_evidence.series.external.check_claims`); the audit only translates
    it into its own terms and refuses a verdict it does not know.
    """
    register = read_series_claims(register_path)
    claims = {
        r["claim_id"]: SeriesClaim(
            claim_id=r["claim_id"],
            document=r["document"],
            lines=(int(r["first_line"]), int(r["last_line"])),
            quote=r["quote"],
            stated_text=r["stated_text"],
            unit=r["unit"],
            line=int(r["_line"]),
        )
        for _, r in register.iterrows()
    }
    raw = read_csv_strict(results_path)
    check_header(results_path, raw.header, SERIES_RESULT_COLUMNS, "in migration_evidence.audit.series_checks")
    checks = []
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row = dict(zip(raw.header, record, strict=True))
        claim = claims.get(row["claim_id"])
        if claim is None:
            raise InputError(
                results_path, f"no such claim in {register_path}", line=line, row=row["claim_id"], column="claim_id"
            )
        numbers = {}
        for name in ("stated_value", "recomputed_value", "accepted_low", "accepted_high"):
            try:
                numbers[name] = Fraction(Decimal(row[name]))
            except (InvalidOperation, ValueError):
                raise InputError(
                    results_path, "not a number", line=line, row=row["claim_id"], column=name, text=row[name]
                ) from None
        stated, recomputed = numbers["stated_value"], numbers["recomputed_value"]
        low, high = numbers["accepted_low"], numbers["accepted_high"]
        if row["verdict"] not in (AGREES, DISAGREES):
            raise InputError(
                results_path,
                f"verdict must be {AGREES!r} or {DISAGREES!r}",
                line=line,
                row=row["claim_id"],
                column="verdict",
                text=row["verdict"],
            )
        difference = stated - recomputed
        agrees = row["verdict"] == AGREES
        verdict = "exact" if agrees and difference == 0 else ("within_rounding" if agrees else "discrepancy")
        checks.append(
            Check(
                check_id=f"series_claim:{claim.claim_id}:{_slug(row['comparison'])}",
                source=claim.claim_id,
                kind="series_claim",
                file=register_path,
                line=claim.line,
                row=claim.claim_id,
                column="stated_value",
                cells_used=f"{results_path}: {row['comparison']}",
                printed_text=claim.stated_text,
                printed=_format(stated, 4, 0),
                recomputed=_format(recomputed, 4, 0),
                difference=_format(difference, 4, 0),
                tolerance=_format((high - low) / 2, 4, 0),
                relation="=",
                verdict=verdict,
                explanation=f"{row['comparison']}: {row['explanation']}",
                relative_difference=float(abs(difference) / abs(recomputed)) if recomputed else None,
                files_used=(register_path, results_path),
            )
        )
    return checks, claims


def price_index_base_check(raw_path: str, series_id: str, base_period: dict, column: str) -> Check:
    """The reference period of a transcribed price index: the mean of its annual averages over the base
    years (``base_period``: ``years`` [first, last] and ``value``, e.g. 1982-84 = 100) must equal the
    declared value to the rounding of the printed averages.

    Each annual average is read as printed (``column`` of ``raw_path``) and carries its rounding, so the
    tolerance is the rounding of the mean of the printed values (half a unit of their last digit).
    """
    raw = read_csv_strict(raw_path)
    first, last = (int(y) for y in base_period["years"])
    if "year" not in raw.header or column not in raw.header:
        raise InputError(raw_path, f"the header must hold 'year' and {column!r}", line=1, text=",".join(raw.header))
    cells = []
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row = dict(zip(raw.header, record, strict=True))
        if row["year"].isdigit() and first <= int(row["year"]) <= last:
            cells.append((int(row["year"]), line, row[column]))
    if [year for year, _, _ in cells] != list(range(first, last + 1)):
        raise InputError(raw_path, f"the base period {first}-{last} needs one row per year, in order", column="year")
    try:
        values = [Interval.rounded(text) for _, _, text in cells]
    except (ValueError, ArithmeticError):
        raise InputError(raw_path, "not a number", line=cells[0][1], column=column) from None
    mean = total(values) / len(values)
    stated = Fraction(Decimal(str(base_period["value"])))
    verdict, difference, tolerance = judge(Interval.exact(stated), mean, "=")
    printed_text = f"{first}-{str(last)[-2:]}={_format(stated, 4, 0)}"
    return Check(
        check_id=f"series_base:{series_id}",
        source=series_id,
        kind="base_period",
        file=raw_path,
        line=cells[0][1],
        row=f"{first}-{last}",
        column=column,
        cells_used=f"{raw_path}: {column} of " + ", ".join(f"{y} ({text})" for y, _, text in cells),
        printed_text=printed_text,
        printed=_format(stated, 4, 1),
        recomputed=_format(mean.point, 4, 1),
        difference=_format(difference, 4, 0),
        tolerance=_format(tolerance, 4, 0),
        relation="=",
        verdict=verdict,
        explanation=(
            f"the index's reference period, {printed_text}: the mean of the printed annual averages of "
            + ", ".join(str(y) for y, _, _ in cells)
            + " is "
            + _format(mean.point, 4, 1)
            + ", each average carrying its printed rounding"
        ),
        relative_difference=float(abs(difference) / abs(mean.point)) if mean.point else None,
        files_used=(raw_path,),
    )
