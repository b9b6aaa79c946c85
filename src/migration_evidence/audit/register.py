"""The register of known discrepancies (``data/raw/known_discrepancies.csv``) and its reconciliation
with the checks: an unexplained discrepancy, or a registered one that no longer occurs, is a problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..printed.clean import read_csv_strict
from .verdicts import Check

KNOWN_COLUMNS = ["check_id", "printed", "recomputed", "explanation"]


@dataclass(frozen=True)
class KnownDiscrepancy:
    check_id: str
    printed: str
    recomputed: str
    explanation: str
    line: int


def read_known_discrepancies(path: str | Path) -> dict[str, KnownDiscrepancy]:
    path = str(path)
    raw = read_csv_strict(path)
    if raw.header != KNOWN_COLUMNS:
        raise InputError(path, f"header must be {KNOWN_COLUMNS}", line=1, text=",".join(raw.header))
    known: dict[str, KnownDiscrepancy] = {}
    for record, line in zip(raw.rows, raw.lines, strict=True):
        entry = KnownDiscrepancy(*record, line=line)
        for name, value in zip(KNOWN_COLUMNS, record, strict=True):
            if not value.strip():
                raise InputError(
                    path, "every registered discrepancy needs a value here", line=line, row=entry.check_id, column=name
                )
        if entry.check_id in known:
            raise InputError(
                path, "check registered twice", line=line, row=entry.check_id, column="check_id", text=entry.check_id
            )
        known[entry.check_id] = entry
    return known


def _problem(check: Check, problem: str) -> str:
    others = [f for f in check.files_used if f != check.file]
    if others:
        problem += f" (cells read from {', '.join(others)})"
    return str(
        InputError(check.file, problem, line=check.line, row=check.row, column=check.column, text=check.printed_text)
    )


def reconcile(checks: list[Check], known: dict[str, KnownDiscrepancy], known_path: str) -> list[str]:
    """Attach registered explanations; return every unexplained or stale discrepancy as a message."""
    problems = []
    produced = {c.check_id: c for c in checks}
    for check in checks:
        if check.verdict != "discrepancy":
            continue
        entry = known.get(check.check_id)
        if check.kind == "transcription":
            problems.append(_problem(check, f"{check.explanation}; the excerpt reads {check.printed!r}"))
            continue
        if entry is None and check.kind == "not_additive":
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, sum of the rows {check.recomputed}: "
                    f"{check.explanation}; not explained in {known_path}",
                )
            )
        elif entry is None:
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, recomputed {check.recomputed} "
                    f"({check.explanation}); difference {check.difference} beyond the tolerance {check.tolerance} "
                    f"(relation {check.relation!r}), and not explained in {known_path}",
                )
            )
        elif (entry.printed, entry.recomputed) != (check.printed, check.recomputed):
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, recomputed {check.recomputed}, but "
                    f"{known_path} line {entry.line} explains printed {entry.printed}, recomputed {entry.recomputed}",
                )
            )
        else:
            check.registered = entry.explanation
    for entry in known.values():
        check = produced.get(entry.check_id)
        if check is None:
            problems.append(
                str(
                    InputError(
                        known_path,
                        "no audit check has this id",
                        line=entry.line,
                        row=entry.check_id,
                        column="check_id",
                        text=entry.check_id,
                    )
                )
            )
        elif check.verdict != "discrepancy":
            problems.append(
                str(
                    InputError(
                        known_path,
                        f"stale entry: the discrepancy no longer occurs (verdict now {check.verdict}: printed "
                        f"{check.printed}, recomputed {check.recomputed} at {check.file}, row {check.row!r}, "
                        f"column {check.column!r}); remove it from the register",
                        line=entry.line,
                        row=entry.check_id,
                        column="check_id",
                        text=entry.check_id,
                    )
                )
            )
    return problems
