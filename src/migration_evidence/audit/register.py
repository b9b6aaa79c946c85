"""The register of known discrepancies (``data/raw/known_discrepancies.csv``) and its reconciliation
with the checks: an unexplained discrepancy, or a registered one that no longer occurs, is a problem.

Each entry names a check, the verdict it registers and the printed and recomputed values it explains:

- ``discrepancy``: the numbers disagree beyond the tolerance; the entry says why (a slip in the source,
  two estimates of one quantity, ...);
- ``not_comparable``: the check sets side by side two numbers of a different year, vintage, universe or
  concept, so no arithmetic verdict applies; the entry gives that reason. The check's verdict becomes
  ``not_comparable`` whatever its arithmetic says, so that no verdict rests on mixing the two;
- ``no_test``: the check is a bound that holds but would hold whatever the stated number were (it sets
  the number beside a floor far below it, or a concept that cannot test it), so it tests nothing; the entry
  says why. Only a bound that holds can be registered so (a failed one stays a discrepancy), and such a
  row is counted apart, not among the flagged rows.

A discrepancy or not-comparable finding without an entry, and an entry whose check no longer occurs as
recorded (another verdict, other values, or no such check), stop the build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..registers import read_register
from .verdicts import REGISTERED_VERDICTS, Check


@dataclass(frozen=True)
class KnownDiscrepancy:
    check_id: str
    verdict: str
    printed: str
    recomputed: str
    explanation: str
    line: int


def read_known_discrepancies(path: str | Path) -> dict[str, KnownDiscrepancy]:
    """The register, read and validated through :func:`migration_evidence.registers.read_register`."""
    frame = read_register(path, "known_discrepancies")
    return {
        r["check_id"]: KnownDiscrepancy(
            r["check_id"], r["verdict"], r["printed"], r["recomputed"], r["explanation"], line=int(r["_line"])
        )
        for _, r in frame.iterrows()
    }


def _problem(check: Check, problem: str) -> str:
    others = [f for f in check.files_used if f != check.file]
    if others:
        problem += f" (cells read from {', '.join(others)})"
    return str(
        InputError(check.file, problem, line=check.line, row=check.row, column=check.column, text=check.printed_text)
    )


def _register_problem(entry: KnownDiscrepancy, known_path: str, problem: str) -> str:
    return str(
        InputError(known_path, problem, line=entry.line, row=entry.check_id, column="check_id", text=entry.check_id)
    )


def reconcile(checks: list[Check], known: dict[str, KnownDiscrepancy], known_path: str) -> list[str]:
    """Apply the register: attach each registered explanation, turn a check registered as
    ``not_comparable`` into that verdict, and return every unexplained or stale entry as a message."""
    problems = []
    produced = {c.check_id: c for c in checks}
    for check in checks:
        entry = known.get(check.check_id)
        if check.kind == "transcription":
            if check.verdict == "discrepancy":
                problems.append(_problem(check, f"{check.explanation}; the excerpt reads {check.printed!r}"))
            continue
        if entry is not None and entry.verdict == "no_test" and check.verdict != "no_test":
            if check.relation == "=" or check.verdict not in ("consistent", "exact"):
                problems.append(
                    _problem(
                        check,
                        f"audit check {check.check_id} is registered as no_test in {known_path} line {entry.line}, "
                        f"but only a bound that holds can be (relation {check.relation!r}, verdict {check.verdict})",
                    )
                )
                continue
            check.arithmetic_verdict = check.verdict
            check.verdict = "no_test"
        if entry is not None and entry.verdict == "not_comparable" and check.verdict != "not_comparable":
            check.arithmetic_verdict = check.verdict
            check.verdict = "not_comparable"
        if check.verdict not in REGISTERED_VERDICTS:
            continue
        if entry is None and check.kind == "not_additive":
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, sum of the rows {check.recomputed}: "
                    f"{check.explanation}; not explained in {known_path}",
                )
            )
        elif entry is None and check.verdict == "not_comparable":
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id} is not comparable (printed {check.printed}, recomputed "
                    f"{check.recomputed}: {check.explanation}), and the reason is not registered in {known_path}",
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
        elif entry.verdict != check.verdict:
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: verdict {check.verdict}, but {known_path} line {entry.line} "
                    f"registers it as {entry.verdict}",
                )
            )
        else:
            check.registered = entry.explanation
    for entry in known.values():
        check = produced.get(entry.check_id)
        if check is None:
            problems.append(_register_problem(entry, known_path, "no audit check has this id"))
        elif check.verdict not in REGISTERED_VERDICTS:
            problems.append(
                _register_problem(
                    entry,
                    known_path,
                    f"stale entry: the discrepancy no longer occurs (verdict now {check.verdict}: printed "
                    f"{check.printed}, recomputed {check.recomputed} at {check.file}, row {check.row!r}, "
                    f"column {check.column!r}); remove it from the register",
                )
            )
    return problems
