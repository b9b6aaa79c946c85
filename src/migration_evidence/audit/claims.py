"""The claims register (``data/raw/claims.csv``): numbers the prose states, each with a formula.

One row per checkable numeric statement of the documents' prose:

claim_id   ``C`` and three digits, unique
document   the document file name (a key of ``config/documents.yaml``)
lines      the line, or first-last lines, of the statement in that document
quote      the statement, verbatim; where it skips text, the parts are joined by `` … ``
stated     the number as stated, in the units and scale the prose uses (``99,000``, ``2.1``, ``17``)
scale      ``thousand``, ``million``, ``billion``, or empty: the word after the number
unit       what the number counts or measures (for the reader)
rounded    ``yes`` if the prose rounds the number (a share, a ratio, "2.1 million"); ``no`` for an exact
           count or a year
relation   how the stated number must relate to the recomputed one: ``=`` (equal within the stated
           rounding); ``<`` or ``<=`` (the prose gives a lower bound: "more than forty", "at least");
           ``>`` or ``>=`` (an upper bound)
formula    what the statement should equal, in the language of :mod:`migration_evidence.audit.formulas`
note       what the formula recomputes, in words

Whether a stated number is approximate, and so how wide its rounding is, follows the one rule for
approximate statements (:mod:`migration_evidence.printed.statements`, with the markers declared in
``config/config.yaml``), the rule every other checked statement follows too.

Numbers written in a formula must occur in the quote (as digits or as a word: "fourteen"), so
every number a check uses traces to the page; 0, 1 and 100 are structure, not data, and need not.
The stated number must occur in the quote too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ..errors import InputError
from ..printed.statements import (  # noqa: F401 - the rule is part of this module's interface
    NUMBER_WORDS,
    SCALES,
    approximate_half_width,
    is_approximate,
    is_round_amount,
    stated_half_width,
)
from ..registers import REGISTERS, read_register
from .formulas import STRUCTURAL_CONSTANTS, Formula, FormulaError, parse_formula
from .intervals import Interval

CLAIM_COLUMNS = list(REGISTERS["claims"].columns)
# Separates the parts of a quote that leaves words out ("first part … second part").
QUOTE_GAP = " … "

_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_STATED = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class Claim:
    claim_id: str
    document: str
    lines: tuple[int, int]
    quote: str
    stated_text: str
    stated: Fraction  # in the prose's scale
    decimals: int
    scale: str
    unit: str
    rounded: bool
    relation: str
    formula: Formula
    note: str
    line: int  # line of the register
    approximate: bool = False  # the quote marks the number as approximate (see approximate_half_width)

    @property
    def half_width(self) -> Fraction:
        """The stated number's rounding, in the prose's scale: half a unit of its last stated digit, or,
        for an approximate statement or a round amount marked as rounded ("US$99,000"), of its last non-zero
        digit (the one rule, :mod:`migration_evidence.printed.statements`)."""
        return stated_half_width(self.stated_text, self.approximate or self.round_amount)

    @property
    def round_amount(self) -> bool:
        """A rounded amount written in full to the thousand ("99,000"), read to its last non-zero digit."""
        return self.rounded and is_round_amount(self.stated_text)

    @property
    def multiplier(self) -> int:
        return SCALES[self.scale]

    @property
    def value(self) -> Interval:
        """The stated value in base units, with the rounding the prose implies (used by claim())."""
        x = self.stated * self.multiplier
        if not self.rounded:
            return Interval.exact(x)
        h = self.half_width * self.multiplier
        return Interval(x, x - h, x + h)

    @property
    def printed(self) -> Interval:
        """The stated value judged with its rounding (the tolerance policy)."""
        x = self.stated * self.multiplier
        h = self.half_width * self.multiplier
        return Interval(x, x - h, x + h)

    @property
    def where(self) -> str:
        first, last = self.lines
        span = f"line {first}" if first == last else f"lines {first}-{last}"
        return f"{self.document}, {span}"


def quote_numbers(quote: str) -> set[Fraction]:
    """Every number a quote writes, in digits ("2,435", "17.1", the 3 and 1 of "3x1") or in words."""
    numbers = {Fraction(Decimal(m.group(0).replace(",", ""))) for m in _DIGITS.finditer(quote)}
    for word in re.findall(r"[A-Za-z]+", quote):
        if word.lower() in NUMBER_WORDS:
            numbers.add(Fraction(NUMBER_WORDS[word.lower()]))
    return numbers


def _lines(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text)
    if not match:
        raise ValueError("lines must be 'N' or 'N-M'")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise ValueError("the last line comes before the first")
    return first, last


def read_claims(
    path: str | Path, documents: set[str] | None = None, approximate_markers: tuple[str, ...] | list[str] = ()
) -> list[Claim]:
    """Read and check the register. Any problem raises InputError naming line, claim and column.
    A claim whose quote contains one of ``approximate_markers`` is judged by the rule for approximate
    statements (:func:`approximate_half_width`)."""
    path = str(path)
    claims: list[Claim] = []
    # Columns, filled-in cells, id pattern, unique ids, scale, rounded and relation: the register's schema.
    for _, cells in read_register(path, "claims").iterrows():
        line = int(cells["_line"])
        row = {c: cells[c] for c in CLAIM_COLUMNS}
        claim_id = row["claim_id"]

        def bad(column: str, problem: str, line: int = line, row: dict[str, str] = row) -> InputError:
            return InputError(path, problem, line=line, row=row["claim_id"], column=column, text=row[column])

        if documents is not None and row["document"] not in documents:
            raise bad("document", f"unknown document (known: {sorted(documents)})")
        try:
            lines = _lines(row["lines"])
        except ValueError as exc:
            raise bad("lines", str(exc)) from None
        stated_match = _STATED.fullmatch(row["stated"])
        if not stated_match:
            raise bad("stated", "the stated value must be a number as the prose writes it (e.g. 99,000 or 2.1)")
        stated = Fraction(Decimal(row["stated"].replace(",", "")))
        if stated not in quote_numbers(row["quote"]):
            raise bad("stated", "the stated number does not occur in the quote")
        try:
            formula = parse_formula(row["formula"])
        except FormulaError as exc:
            raise bad("formula", f"the formula is not valid: {exc}") from None
        quoted = quote_numbers(row["quote"])
        for literal in formula.literals():
            if literal.value not in quoted and literal.value not in STRUCTURAL_CONSTANTS:
                raise bad("formula", f"the number {literal.text} in the formula does not occur in the quote")
        for function, args in formula.references():
            if function == "claim" and args[0] == claim_id:
                raise bad("formula", "a claim cannot be checked against itself")
        claims.append(
            Claim(
                claim_id=claim_id,
                document=row["document"],
                lines=lines,
                quote=row["quote"],
                stated_text=row["stated"],
                stated=stated,
                decimals=len(stated_match.group(1) or ""),
                scale=row["scale"],
                unit=row["unit"],
                rounded=row["rounded"] == "yes",
                relation=row["relation"],
                formula=formula,
                note=row["note"],
                line=line,
                approximate=is_approximate(row["quote"], approximate_markers),
            )
        )
    ids = {c.claim_id for c in claims}
    for claim in claims:
        for function, args in claim.formula.references():
            if function == "claim" and args[0] not in ids:
                raise InputError(
                    path,
                    f"the formula names claim {args[0]!r}, which is not in the register",
                    line=claim.line,
                    row=claim.claim_id,
                    column="formula",
                    text=claim.formula.text,
                )
    return claims
