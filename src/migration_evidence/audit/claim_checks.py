"""Claims of the prose (``data/raw/claims.csv``): each formula evaluated over the printed cells and
the other stated numbers, and judged like a printed number."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from ..errors import InputError
from .claims import Claim
from .formulas import FormulaError
from .intervals import Interval
from .printed import PrintedCell, PrintedTable
from .verdicts import Check, numeric_check


class ClaimContext:
    """What claim formulas may refer to, recording every printed cell they read."""

    def __init__(
        self,
        tables: dict[str, PrintedTable],
        claims: dict[str, Claim],
        facts: Mapping[str, float | Decimal] | None = None,
    ) -> None:
        self.tables = tables
        self.claims = claims
        self.facts = dict(facts or {})
        self.used: list[PrintedCell] = []

    def _table(self, table: str) -> PrintedTable:
        if table not in self.tables:
            raise FormulaError(f"unknown table {table!r} (tables: {sorted(self.tables)})")
        return self.tables[table]

    def cell(self, table: str, row: str, column: str) -> Interval:
        cell = self._table(table).cell(row, column)
        self.used.append(cell)
        return cell.interval

    def column(self, table: str, column: str) -> list[Interval]:
        cells = self._table(table).column_cells(column)
        self.used.extend(cells)
        return [c.interval for c in cells]

    def total(self, table: str, column: str) -> Interval:
        cell = self._table(table).total_cell(column)
        self.used.append(cell)
        return cell.interval

    def claim(self, claim_id: str) -> Interval:
        if claim_id not in self.claims:
            raise FormulaError(f"unknown claim {claim_id!r}")
        return self.claims[claim_id].value

    def fact(self, name: str) -> Interval:
        """A public fact (``public_facts`` in config/config.yaml), exact as declared."""
        if name not in self.facts:
            raise FormulaError(f"unknown fact {name!r} (declared under public_facts: {sorted(self.facts)})")
        return Interval.exact(Fraction(Decimal(str(self.facts[name]))))


def claim_checks(
    claims: list[Claim],
    tables: dict[str, PrintedTable],
    claims_path: str,
    facts: Mapping[str, float | Decimal] | None = None,
) -> list[Check]:
    by_id = {c.claim_id: c for c in claims}
    checks = []
    for claim in claims:
        context = ClaimContext(tables, by_id, facts)
        try:
            recomputed = claim.formula.evaluate(context)
        except FormulaError as exc:
            raise InputError(
                claims_path,
                f"the formula cannot be evaluated: {exc}",
                line=claim.line,
                row=claim.claim_id,
                column="formula",
                text=claim.formula.text,
            ) from None
        referenced = [args[0] for f, args in claim.formula.references() if f == "claim"]
        used_cells = list(dict.fromkeys(context.used))
        check = numeric_check(
            check_id=f"claim:{claim.claim_id}",
            source=claim.claim_id,
            kind="claim",
            file=claims_path,
            line=claim.line,
            row=claim.claim_id,
            column="stated",
            used=used_cells,
            printed_text=claim.stated_text,
            printed=claim.printed,
            decimals=claim.decimals,
            recomputed=recomputed,
            relation=claim.relation,
            explanation=f"{claim.where}: {claim.note}",
            scale=claim.multiplier,
        )
        if referenced:
            refs = "; ".join(f"{r}={by_id[r].stated_text}" for r in referenced)
            check.cells_used = "; ".join(x for x in [check.cells_used, f"claims: {refs}"] if x)
        named = [args[0] for f, args in claim.formula.references() if f == "fact"]
        if named:
            used = "; ".join(f"{name}={context.facts[name]:g}" for name in named)
            check.cells_used = "; ".join(x for x in [check.cells_used, f"public facts: {used}"] if x)
        checks.append(check)
    return checks
