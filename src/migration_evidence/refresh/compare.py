"""What a release changes: published values, claim verdicts and headline estimates, before and after.

A published value "moved" only when the change exceeds its rounding: half a unit of the last digit
printed in either version (``17.3034`` against ``17.3035`` moved; ``64745.5`` against ``64745.50`` did
not). A row whose key is in both files but whose values moved is a *revision of a past period*; a key
only in the release is a *new period*. Rows outside a file's declared ``keep`` filter
(config/statistical_tables.yaml, e.g. the World Bank's other countries) are counted but not listed.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .convert import melt_wide
from .sources import Source


def half_unit(text: str) -> Decimal | None:
    """Half a unit of the last printed digit of a number as written, or None if it is not a number."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    return Decimal(5).scaleb(value.as_tuple().exponent - 1)


def moved(before: str, after: str) -> bool:
    """Whether a printed value changed beyond its rounding (text compared when either is not a number)."""
    if before == after:
        return False
    hb, ha = half_unit(before), half_unit(after)
    if hb is None or ha is None:
        return before.strip() != after.strip()
    return abs(Decimal(after.strip()) - Decimal(before.strip())) > max(hb, ha)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@dataclass
class FileChanges:
    source: str
    file: str
    key: tuple[str, ...]
    rows_before: int
    rows_after: int
    revisions: list[dict] = field(default_factory=list)  # {key, column, before, after}
    new_rows: list[dict[str, str]] = field(default_factory=list)
    revised_elsewhere: int = 0  # revised rows outside the keep filter
    new_elsewhere: int = 0
    dropped_rows: list[dict[str, str]] = field(default_factory=list)  # keys no longer in the release
    dropped_elsewhere: int = 0

    @property
    def revised_periods(self) -> list[str]:
        return sorted({r["period"] for r in self.revisions})


def compare_file(source: Source, before: bytes, after: bytes, keep: dict[str, list[str]] | None = None) -> FileChanges:
    """Revisions of past periods and new periods of one refreshed file against the committed one.

    A wide file is compared cell by cell: key (state, name, period), so a revised cell is a revision
    and a new column's cells are new periods."""
    if source.wide:
        long, before = melt_wide(source, before)
        _, after = melt_wide(source, after)
        source = long
    old, new = _rows(before), _rows(after)

    def key(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row[c] for c in source.key)

    def kept(row: dict[str, str]) -> bool:
        return all(row.get(column) in values for column, values in (keep or {}).items())

    old_by_key = {key(r): r for r in old}
    changes = FileChanges(source.name, source.file, source.key, len(old), len(new))
    values = [c for c in source.columns if c not in source.key]
    for row in new:
        k = key(row)
        previous = old_by_key.get(k)
        if previous is None:
            if kept(row):
                changes.new_rows.append(row)
            else:
                changes.new_elsewhere += 1
            continue
        differing = [c for c in values if moved(previous[c], row[c])]
        if not differing:
            continue
        if not kept(row):
            changes.revised_elsewhere += 1
            continue
        for column in differing:
            changes.revisions.append(
                {
                    "key": "/".join(k),
                    "period": "/".join(row[c] for c in source.period),
                    "column": column,
                    "before": previous[column],
                    "after": row[column],
                }
            )
    new_keys = {key(r) for r in new}
    for row in old:
        if key(row) not in new_keys:
            if kept(row):
                changes.dropped_rows.append(row)
            else:
                changes.dropped_elsewhere += 1
    return changes


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class VerdictChange:
    check_id: str
    source: str
    verdict_before: str
    verdict_after: str
    recomputed_before: str
    recomputed_after: str

    @property
    def changed(self) -> bool:
        return self.verdict_before != self.verdict_after

    @property
    def value_moved(self) -> bool:
        return moved(self.recomputed_before, self.recomputed_after)


def compare_audit(before: Path, after: Path) -> list[VerdictChange]:
    """Every check of the source audit (claims and findings), verdict before and after; changed ones first."""
    old = {r["check_id"]: r for r in _read_csv(before)}
    new = {r["check_id"]: r for r in _read_csv(after)}
    rows = []
    for check_id in list(old) + [c for c in new if c not in old]:
        b, a = old.get(check_id, {}), new.get(check_id, {})
        rows.append(
            VerdictChange(
                check_id,
                (b or a).get("source", ""),
                b.get("verdict", "(absent)"),
                a.get("verdict", "(absent)"),
                b.get("recomputed", ""),
                a.get("recomputed", ""),
            )
        )
    rows.sort(key=lambda r: (not r.changed, not r.value_moved))
    return rows


def audit_problems(log: Path) -> list[str]:
    """The discrepancies the source audit would have stopped on, from its log in a build on a release."""
    if not Path(log).is_file():
        return []
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Source audit gate off:")), None)
    if start is None:
        return []
    return [line[2:] for line in lines[start + 1 :] if line.startswith("- ")]


@dataclass
class EstimateChange:
    notebook: int
    file: str
    key: str
    column: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return _estimate_moved(self.before, self.after)


def _estimate_moved(before: str, after: str) -> bool:
    try:
        b, a = float(before), float(after)
    except ValueError:
        return before != after
    if math.isnan(b) and math.isnan(a):
        return False
    return not math.isclose(b, a, rel_tol=1e-9, abs_tol=1e-12)


def compare_headlines(before_root: Path, after_root: Path, headlines: list[dict]) -> list[EstimateChange]:
    """The declared headline estimates of notebooks 6 and 7, row by row, before and after."""
    out = []
    for table in headlines:
        old = {tuple(r[c] for c in table["key"]): r for r in _read_csv(Path(before_root) / table["file"])}
        new = {tuple(r[c] for c in table["key"]): r for r in _read_csv(Path(after_root) / table["file"])}
        for k in list(old) + [k for k in new if k not in old]:
            for column in table["values"]:
                out.append(
                    EstimateChange(
                        table["notebook"],
                        table["file"],
                        " / ".join(k),
                        column,
                        old.get(k, {}).get(column, "(absent)"),
                        new.get(k, {}).get(column, "(absent)"),
                    )
                )
    return out
