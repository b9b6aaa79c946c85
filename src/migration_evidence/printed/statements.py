"""How a number stated in prose is read: the one rule for approximate statements.

The words that mark a stated number as approximate ("about", "approximately", "-fold", "one in", ...)
are declared once, as ``approximate_statements: markers`` in ``config/config.yaml``. Every statement
the project checks is read by the same rule, whichever stage checks it (the claims register,
:mod:`migration_evidence.audit.claims`; the statements about remittances compared with Banco de
México's series, :mod:`migration_evidence.series.results`):

- a number whose quote contains a marker is a round number, read to half a unit of its last non-zero
  digit: "approximately US$15 billion" is 14.5 to 15.5 billion, "thirty-fold" 25 to 35 times;
- a round amount, a whole number written in full digits to the thousand ("US$99,000", "780,000") that
  the claims register marks as rounded, is read the same way, to half a unit of its last non-zero digit
  (98,500 to 99,500; 775,000 to 785,000), so that an exact reading of it (a conversion of an exact
  table cell) is judged within its rounding;
- any other stated number is read to half a unit of its last written digit: "USD $20 billion" is 19.5
  to 20.5 billion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

SCALES = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?![\w])"
    r"(?:\s+(" + "|".join(s for s in SCALES if s) + r")\b)?",
    re.IGNORECASE,
)


def half_unit(decimals: int) -> Fraction:
    """Half a unit of the last written digit: 0.5 for a whole number, 0.05 for one decimal, ..."""
    return Fraction(1, 2 * 10**decimals)


def approximate_marker(quote: str, markers: tuple[str, ...] | list[str]) -> str | None:
    """The first declared marker the quote contains, as a word or word ending ("thirty-fold"), or None."""
    text = quote.lower()
    for marker in markers:
        word = marker.lower()
        # A marker that begins with a letter must begin a word; one that begins otherwise ("-fold") ends one.
        before = r"(?<![a-z])" if word[:1].isalpha() else ""
        if re.search(rf"{before}{re.escape(word)}(?![a-z])", text):
            return marker
    return None


def is_approximate(quote: str, markers: tuple[str, ...] | list[str]) -> bool:
    """Whether the quote marks its number as approximate (contains one of the declared ``markers``)."""
    return approximate_marker(quote, markers) is not None


def approximate_half_width(stated_text: str) -> Fraction:
    """Half a unit of the last non-zero digit of an approximate number, in the prose's scale: "15"
    stands for 14.5 to 15.5, "30" for 25 to 35 and "2.1" for 2.05 to 2.15. Trailing zeros of a whole
    number are not taken as stated precision.

    >>> approximate_half_width("30"), approximate_half_width("99,000"), approximate_half_width("2.1")
    (Fraction(5, 1), Fraction(500, 1), Fraction(1, 20))
    """
    text = stated_text.replace(",", "").lstrip("-")
    if "." in text:
        return half_unit(len(text.split(".", 1)[1]))
    stripped = text.rstrip("0")
    zeros = len(text) - len(stripped) if stripped else 0
    return Fraction(10**zeros, 2)


_ROUND_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*,000")


def is_round_amount(stated_text: str) -> bool:
    """A whole number written in full digits with thousands separators and ending in ",000".

    >>> is_round_amount("99,000"), is_round_amount("780,000"), is_round_amount("2,435"), is_round_amount("2000")
    (True, True, False, False)
    """
    return _ROUND_AMOUNT.fullmatch(stated_text.strip()) is not None


def stated_half_width(stated_text: str, approximate: bool) -> Fraction:
    """The rule: half a unit of the last non-zero digit if the statement is approximate, of the last
    written digit otherwise (in the prose's scale; ``stated_text`` is the number in digits)."""
    if approximate:
        return approximate_half_width(stated_text)
    text = stated_text.replace(",", "")
    return half_unit(len(text.split(".", 1)[1]) if "." in text else 0)


def rule_in_words(marker: str | None) -> str:
    """How a statement is read, for an explanation: which marker makes it approximate, and the rule."""
    if marker is None:
        return "a stated number, read to half a unit of its last written digit"
    return f"an approximate number (the statement says “{marker}”), read to half a unit of its last non-zero digit"


@dataclass(frozen=True)
class StatedNumber:
    """The number a statement writes, in the prose's own scale: "thirty-fold" is 30, "US$15 billion" is
    15 with the scale ``billion``."""

    digits: str  # the number in digits, as the rule reads it ("30", "15", "2.1")
    value: Fraction  # in the prose's scale
    scale: str  # "", "thousand", "million" or "billion"

    @property
    def multiplier(self) -> int:
        return SCALES[self.scale]


def read_stated_number(text: str) -> StatedNumber:
    """The first number ``text`` writes (in digits or as a word) and the scale word after it.

    >>> read_stated_number("thirty-fold"), read_stated_number("approximately US$15 billion annually").scale
    (StatedNumber(digits='30', value=Fraction(30, 1), scale=''), 'billion')
    """
    match = _NUMBER.search(text)
    if match is None:
        raise ValueError(f"no number in {text!r}")
    number, scale = match.group(1), (match.group(2) or "").lower()
    digits = str(NUMBER_WORDS[number.lower()]) if number.lower() in NUMBER_WORDS else number.replace(",", "")
    return StatedNumber(digits=digits, value=Fraction(Decimal(digits)), scale=scale)
