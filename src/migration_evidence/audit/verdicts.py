"""Checks and verdicts: one comparison of a printed (or stated) number with its recomputation.

Tolerance policy. A printed (or stated) number is judged with half a unit of its last printed digit,
the decimals being those of the printed text. Inputs of a recomputation that are themselves rounded
(printed shares and averages, rounded prose numbers) carry their own rounding into the recomputed value
(interval arithmetic, see :mod:`migration_evidence.audit.intervals`); counts and money amounts are taken
as exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from .intervals import Interval
from .printed import PrintedCell

VERDICTS = ("exact", "within_rounding", "consistent", "discrepancy")
VERDICT_LABELS = {
    "exact": "exact",
    "within_rounding": "within printed rounding",
    "consistent": "consistent (bounds that hold)",
    "discrepancy": "discrepancies",
}
KNOWN_COLUMNS = ["check_id", "printed", "recomputed", "explanation"]
RESULT_COLUMNS = [
    "check_id",
    "source",
    "kind",
    "file",
    "line",
    "row",
    "column",
    "cells_used",
    "printed_text",
    "printed",
    "recomputed",
    "difference",
    "tolerance",
    "relation",
    "verdict",
    "relative_difference",
    "explanation",
]


@dataclass
class Check:
    check_id: str
    source: str
    kind: str
    file: str
    line: int | None
    row: str
    column: str
    cells_used: str
    printed_text: str
    printed: str
    recomputed: str
    difference: str
    tolerance: str
    relation: str
    verdict: str
    explanation: str
    relative_difference: float | None = None
    files_used: tuple[str, ...] = field(default_factory=tuple)
    registered: str = ""  # the explanation data/raw/known_discrepancies.csv gives for a discrepancy

    def record(self) -> dict[str, Any]:
        record = {name: getattr(self, name) for name in RESULT_COLUMNS}
        record["explanation"] = self.full_explanation
        return record

    @property
    def full_explanation(self) -> str:
        return ". ".join(x for x in [self.explanation, self.registered] if x)


def _format(x: Fraction, places: int, keep: int) -> str:
    """Fixed-point text of an exact number: ``places`` decimals, trailing zeros dropped down to
    ``keep`` decimals."""
    quantum = Decimal(1).scaleb(-places)
    text = format((Decimal(x.numerator) / Decimal(x.denominator)).quantize(quantum, rounding=ROUND_HALF_EVEN), "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0")
        frac = frac + "0" * max(0, keep - len(frac))
        text = f"{whole}.{frac}" if frac else whole
    return "0" if text in {"-0", "-0."} else text


def judge(printed: Interval, recomputed: Interval, relation: str) -> tuple[str, Fraction, Fraction]:
    """Verdict, signed difference (printed - recomputed) and tolerance for one comparison."""
    difference = printed.point - recomputed.point
    tolerance = printed.radius + recomputed.radius
    if relation == "=":
        if difference == 0:
            return "exact", difference, tolerance
        return ("within_rounding" if abs(difference) <= tolerance else "discrepancy"), difference, tolerance
    holds = {
        "<": difference < tolerance,
        "<=": difference <= tolerance,
        ">": difference > -tolerance,
        ">=": difference >= -tolerance,
    }[relation]
    if not holds:
        return "discrepancy", difference, tolerance
    return ("exact" if difference == 0 else "consistent"), difference, tolerance


def numeric_check(
    *,
    check_id: str,
    source: str,
    kind: str,
    file: str,
    line: int | None,
    row: str,
    column: str,
    used: list[PrintedCell],
    printed_text: str,
    printed: Interval,
    decimals: int,
    recomputed: Interval,
    relation: str,
    explanation: str,
    scale: int = 1,
    extra_files: tuple[str, ...] = (),
) -> Check:
    verdict, difference, tolerance = judge(printed, recomputed, relation)
    places = decimals + 4
    # Show enough decimals that a recomputed value which is not exactly the printed one never looks equal to it.
    while places < decimals + 12 and difference and _format(difference / scale, places, 0) in {"0", "-0"}:
        places += 1
    show = lambda x: _format(x / scale, places, decimals)  # noqa: E731
    relative = float(abs(difference) / abs(recomputed.point)) if recomputed.point and relation == "=" else None
    return Check(
        check_id=check_id,
        source=source,
        kind=kind,
        file=file,
        line=line,
        row=row,
        column=column,
        cells_used="; ".join(c.ref() for c in used),
        printed_text=printed_text,
        printed=show(printed.point),
        recomputed=show(recomputed.point),
        difference=show(difference),
        tolerance=_format(tolerance / scale, places, 0),
        relation=relation,
        verdict=verdict,
        explanation=explanation,
        relative_difference=relative,
        files_used=tuple(dict.fromkeys([*(c.path for c in used), *extra_files])),
    )
