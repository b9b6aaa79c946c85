"""Read numbers as the source documents print them.

Each column of a printed table declares a *format* (see ``config/tables.yaml``): whether it holds
integers or decimals, which character separates digit groups, which character(s) may mark the
decimal, and which footnote markers may be fused to the end of a number. The parser applies only
these mechanical rules. Anything that needs judgement (a lost decimal point, OCR residue) is not
guessed here: it must be a row of ``data/raw/corrections.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


class PrintedNumberError(ValueError):
    """A printed cell does not match the format declared for its column."""


@dataclass(frozen=True)
class PrintedFormat:
    """How a column writes its numbers.

    kind: "integer", "decimal" or "label" (text, not parsed).
    group: digit-group separator ("" for none, " " or ",").
    decimal: characters accepted as the decimal mark ("." or ",", or ".," for either).
    markers: characters that may follow a number as a footnote marker.
    """

    kind: str
    group: str = ""
    decimal: str = ""
    markers: str = ""

    def __post_init__(self) -> None:
        if self.kind not in {"integer", "decimal", "label"}:
            raise ValueError(f"unknown format kind {self.kind!r}")
        if self.kind == "integer" and self.decimal:
            raise ValueError("an integer format cannot declare a decimal mark")
        if self.group and self.group in self.decimal:
            raise ValueError("a character cannot be both group separator and decimal mark")

    @classmethod
    def from_mapping(cls, spec: Mapping[str, str]) -> PrintedFormat:
        unknown = set(spec) - {"kind", "group", "decimal", "markers"}
        if unknown:
            raise ValueError(f"unknown format keys {sorted(unknown)}")
        return cls(**spec)

    def describe(self) -> str:
        if self.kind == "label":
            return "text label"
        parts = [self.kind]
        if self.group:
            parts.append(f"digit groups separated by {self.group!r}")
        if self.decimal:
            marks = " or ".join(repr(c) for c in self.decimal)
            parts.append(f"decimal mark {marks}")
        if self.markers:
            parts.append(f"optional footnote marker one of {self.markers!r}")
        return ", ".join(parts)


@dataclass(frozen=True)
class PrintedNumber:
    """A parsed cell: its value, the footnote marker fused to it, and printed decimals."""

    value: float | int
    marker: str
    decimals: int


def _integer_part_pattern(group: str) -> str:
    if not group:
        return r"[0-9]+"
    sep = re.escape(group)
    # The first group may be longer than three digits: the documents sometimes drop a separator
    # ("6331 134", "2201710"), which loses no information. Later groups must have three digits.
    return rf"[0-9]+(?:{sep}[0-9]{{3}})*"


def parse_printed_number(text: str, fmt: PrintedFormat) -> PrintedNumber:
    """Parse one printed cell according to its column's declared format.

    >>> parse_printed_number("97 483 412", PrintedFormat("integer", group=" ")).value
    97483412
    >>> parse_printed_number("6,14", PrintedFormat("decimal", decimal=".,")).value
    6.14
    >>> parse_printed_number("1.2¢", PrintedFormat("decimal", decimal=".", markers="¢")).marker
    '¢'
    """
    if fmt.kind == "label":
        raise PrintedNumberError("a label column is not parsed as a number")
    if not isinstance(text, str):
        raise PrintedNumberError(f"expected text, got {type(text).__name__}")
    body = text.strip()
    if not body:
        raise PrintedNumberError("empty cell where a number is printed")
    marker = ""
    if fmt.markers and body[-1] in fmt.markers:
        marker = body[-1]
        body = body[:-1].rstrip()
    sign = ""
    if body.startswith("-"):
        sign, body = "-", body[1:]
    int_pattern = _integer_part_pattern(fmt.group)
    if fmt.kind == "integer":
        match = re.fullmatch(rf"({int_pattern})", body)
    else:
        dec = "[" + re.escape(fmt.decimal) + "]"
        match = re.fullmatch(rf"({int_pattern})(?:({dec})([0-9]+))?", body)
    if not match:
        raise PrintedNumberError(f"{text!r} is not a number in the declared format ({fmt.describe()})")
    digits = match.group(1).replace(fmt.group, "") if fmt.group else match.group(1)
    if fmt.kind == "integer":
        return PrintedNumber(int(sign + digits), marker, 0)
    fraction = match.group(3) or ""
    value = Decimal(sign + digits + ("." + fraction if fraction else ""))
    return PrintedNumber(float(value), marker, len(fraction))
