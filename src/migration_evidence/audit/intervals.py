"""Exact arithmetic on printed numbers that carry their rounding.

A printed number such as ``6.63`` stands for any value that rounds to it: ``[6.625, 6.635]``. The
source audit recomputes printed totals, shares and ratios from other printed numbers, and a
recomputation from rounded inputs is itself only known to an interval. :class:`Interval` keeps the
value computed from the numbers as printed (``point``) and the bounds implied by the rounding of its
inputs (``lo``, ``hi``). Everything is exact (:class:`fractions.Fraction`), so "exact" in an audit
verdict means equal, not "equal up to floating-point noise".

>>> share = Interval.exact(162) * 100 / Interval.exact(2443)
>>> float(share.point) == 100 * 162 / 2443, share.radius
(True, Fraction(0, 1))
>>> wage_ratio = Interval.rounded("16.2") / Interval.rounded("2.5")
>>> float(wage_ratio.point), round(float(wage_ratio.lo), 3), round(float(wage_ratio.hi), 3)
(6.48, 6.333, 6.633)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Union

from ..printed.statements import half_unit

Number = Union[int, Fraction, "Interval"]


def to_fraction(value: int | float | str | Decimal | Fraction) -> Fraction:
    """An exact fraction. Floats are read through their shortest decimal representation, so a
    float parsed from the printed text ``1307342.09`` becomes exactly 130734209/100."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, (int, Decimal)):
        return Fraction(value)
    if isinstance(value, str):
        return Fraction(Decimal(value))
    raise TypeError(f"cannot read {type(value).__name__} as a number")


@dataclass(frozen=True)
class Interval:
    """A value computed from printed numbers, with the bounds their rounding allows.

    Always ``lo <= point <= hi``: the constructors and the arithmetic below preserve it.
    """

    point: Fraction
    lo: Fraction
    hi: Fraction

    @classmethod
    def exact(cls, value: int | float | str | Fraction) -> Interval:
        x = to_fraction(value)
        return cls(x, x, x)

    @classmethod
    def rounded(cls, value: int | float | str | Fraction, decimals: int | None = None) -> Interval:
        """A number rounded to ``decimals`` places (by default, the places written in ``value``)."""
        if decimals is None:
            if not isinstance(value, str):
                raise TypeError("give the printed text, or the number of decimals")
            decimals = len(value.split(".", 1)[1]) if "." in value else 0
        x = to_fraction(value)
        h = half_unit(decimals)
        return cls(x, x - h, x + h)

    @property
    def radius(self) -> Fraction:
        """The largest distance from the point to a bound."""
        return max(self.point - self.lo, self.hi - self.point)

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi

    # Arithmetic -------------------------------------------------------------------------------
    @staticmethod
    def _coerce(other: Number) -> Interval:
        if isinstance(other, Interval):
            return other
        if isinstance(other, (int, Fraction)) and not isinstance(other, bool):
            return Interval.exact(other)
        return NotImplemented  # type: ignore[return-value]

    def __add__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return Interval(self.point + o.point, self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.point, -self.hi, -self.lo)

    def __pos__(self) -> Interval:
        return self

    def __sub__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        corners = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Interval(self.point * o.point, min(corners), max(corners))

    __rmul__ = __mul__

    def __truediv__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("division by a number whose rounding interval contains zero")
        return self * Interval(1 / o.point, 1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, other: Number) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return o / self

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(abs(self.point), Fraction(0), max(-self.lo, self.hi))

    def round(self, places: int) -> Interval:
        """Round point and bounds to ``places`` decimals (half to even, as Python does)."""
        return Interval(_round(self.point, places), _round(self.lo, places), _round(self.hi, places))


def _round(x: Fraction, places: int) -> Fraction:
    return Fraction(round(x, places))


def smallest(values: list[Interval]) -> Interval:
    """The minimum: its point is the smallest point, its bounds the smallest bounds."""
    return Interval(min(v.point for v in values), min(v.lo for v in values), min(v.hi for v in values))


def largest(values: list[Interval]) -> Interval:
    return Interval(max(v.point for v in values), max(v.lo for v in values), max(v.hi for v in values))


def total(values: list[Interval]) -> Interval:
    return Interval(
        sum((v.point for v in values), Fraction(0)),
        sum((v.lo for v in values), Fraction(0)),
        sum((v.hi for v in values), Fraction(0)),
    )
