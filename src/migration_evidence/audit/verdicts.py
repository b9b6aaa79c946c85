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

VERDICTS = ("exact", "within_rounding", "consistent", "no_test", "not_comparable", "discrepancy")
VERDICT_LABELS = {
    "exact": "exact",
    "within_rounding": "within printed rounding",
    "consistent": "consistent (bounds that hold)",
    "no_test": "no test (a bound that holds whatever the stated number, so it tests nothing)",
    "not_comparable": "not comparable (different year, vintage, universe or concept)",
    "discrepancy": "discrepancies",
}
# Verdicts that need an explanation registered in data/raw/known_discrepancies.csv.
REGISTERED_VERDICTS = ("no_test", "not_comparable", "discrepancy")
# Verdicts that flag a row for a reader's attention (listed first in the report and counted as flagged).
FLAGGED_VERDICTS = ("not_comparable", "discrepancy")
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
    findings_file: str = ""  # the findings file of another stage this row was read from
    arithmetic_verdict: str = ""  # for a check registered as not comparable: what its arithmetic alone says

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


def comparison_verdict(
    difference: Fraction | Decimal | float,
    tolerance: Fraction | Decimal | float,
    relation: str = "=",
    *,
    comparable: bool = True,
) -> str:
    """The one verdict rule for a comparison of a printed (or stated) number with another reading of it,
    whichever stage makes the comparison (the audit's own checks, the findings of other stages):
    ``difference`` is printed minus recomputed, ``tolerance`` the rounding both carry.

    - two numbers of a different year, vintage, universe or concept (``comparable=False``): ``not_comparable``;
    - ``=``: ``exact`` if equal, ``within_rounding`` if no further apart than the tolerance, else ``discrepancy``;
    - a bound (``<``, ``<=``, ``>``, ``>=``): ``consistent`` if it holds (``exact`` if the two are equal),
      else ``discrepancy``.

    >>> comparison_verdict(Fraction(-8), Fraction(1, 2))
    'discrepancy'
    >>> comparison_verdict(Fraction(268), Fraction(500))
    'within_rounding'
    """
    if not comparable:
        return "not_comparable"
    if relation == "=":
        if difference == 0:
            return "exact"
        return "within_rounding" if abs(difference) <= tolerance else "discrepancy"
    holds = {
        "<": difference < tolerance,
        "<=": difference <= tolerance,
        ">": difference > -tolerance,
        ">=": difference >= -tolerance,
    }[relation]
    if not holds:
        return "discrepancy"
    return "exact" if difference == 0 else "consistent"


def judge(printed: Interval, recomputed: Interval, relation: str) -> tuple[str, Fraction, Fraction]:
    """Verdict (:func:`comparison_verdict`), signed difference (printed - recomputed) and tolerance for one
    comparison."""
    difference = printed.point - recomputed.point
    tolerance = printed.radius + recomputed.radius
    return comparison_verdict(difference, tolerance, relation), difference, tolerance


def same_comparison_problems(checks: list[Check]) -> list[str]:
    """The same comparison must get the same verdict wherever it appears: every pair of checks that set
    the same printed value beside the same recomputed value (relation ``=``) read from the same files must
    share their verdict. Returns one message per comparison judged differently."""
    verdicts: dict[tuple, dict[str, list[str]]] = {}
    for check in checks:
        if check.kind in ("transcription", "reading") or check.relation != "=":
            continue
        try:
            key = (
                Decimal(check.printed).normalize(),
                Decimal(check.recomputed).normalize(),
                frozenset({check.file, *check.files_used}),
            )
        except ArithmeticError:
            continue
        verdicts.setdefault(key, {}).setdefault(check.verdict, []).append(check.check_id)
    return [
        f"the comparison of {printed} with {recomputed} gets different verdicts: "
        + "; ".join(f"{verdict} in {', '.join(ids)}" for verdict, ids in sorted(by_verdict.items()))
        for (printed, recomputed, _), by_verdict in verdicts.items()
        if len(by_verdict) > 1
    ]


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
