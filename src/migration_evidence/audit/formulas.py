"""A small, safe expression language for recomputing the numbers a document states.

A claim of the prose ("28 [projects] are in three of the country's fourteen provinces") is checked by
a formula over printed table cells, other claims and numbers quoted with it::

    sum(largest(column("fisdl_hta_partnerships", "projects_count"), 3))

Formulas are parsed with :mod:`ast` and only this grammar is accepted; nothing is ever passed to
``eval``:

- numbers (``3``, ``17.1``), the operators ``+ - * /`` and unary minus, parentheses, lists ``[a, b]``;
- calls of the functions in :data:`FUNCTIONS`, with positional arguments only.

Every value is an :class:`~migration_evidence.audit.intervals.Interval`, or a list of them (``column``);
arithmetic applies element by element to lists. A number written in a formula is exact unless
wrapped in ``rounded(...)``, which makes it stand for anything that rounds to it (``rounded(17.1)``
is 17.05 to 17.15), as for a number the prose rounds.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

from .intervals import Interval, largest, smallest, total

Value = Interval | list[Interval]


class FormulaError(ValueError):
    """A formula that does not parse, uses something outside the grammar, or cannot be evaluated."""


class FormulaContext(Protocol):
    """What a formula may refer to: printed cells and other claims."""

    def cell(self, table: str, row: str, column: str) -> Interval: ...

    def column(self, table: str, column: str) -> list[Interval]: ...

    def total(self, table: str, column: str) -> Interval: ...

    def claim(self, claim_id: str) -> Interval: ...

    def fact(self, name: str) -> Interval: ...


# Reference functions take string arguments only: (number of arguments, description).
REFERENCES: dict[str, tuple[int, str]] = {
    "cell": (
        3,
        'cell(table, row, column): one printed cell, e.g. cell("michoacan_3x1_2002", "Total", "amount_usd")',
    ),
    "column": (2, "column(table, column): the detail rows of a column, in printed order (a list)"),
    "total": (2, "total(table, column): the printed total row of a column"),
    "claim": (1, 'claim(id): the value another claim states, e.g. claim("C012")'),
    "fact": (
        1,
        "fact(name): a public fact declared with its source under public_facts in config/config.yaml, "
        'e.g. fact("colones_per_us_dollar")',
    ),
}


def _scalar(name: str, value: Value) -> Interval:
    if isinstance(value, list):
        raise FormulaError(f"{name}() needs a single number, not a list")
    return value


def _values(name: str, args: tuple[Value, ...]) -> list[Interval]:
    """A list argument, or several scalar arguments, as one list."""
    if len(args) == 1 and isinstance(args[0], list):
        values = args[0]
    else:
        values = [_scalar(name, a) for a in args]
    if not values:
        raise FormulaError(f"{name}() of an empty list")
    return values


def _elementwise(function: Callable[..., Interval]) -> Callable[..., Value]:
    def apply(*args: Value) -> Value:
        lengths = {len(a) for a in args if isinstance(a, list)}
        if not lengths:
            return function(*args)
        if len(lengths) > 1:
            raise FormulaError(f"lists of different lengths {sorted(lengths)}")
        (n,) = lengths
        return [function(*(a[i] if isinstance(a, list) else a for a in args)) for i in range(n)]

    return apply


def _exact_integer(name: str, value: Value) -> int:
    value = _scalar(name, value)
    if not value.is_exact or value.point.denominator != 1 or value.point < 0:
        raise FormulaError(f"{name}() needs an exact whole number here")
    return int(value.point)


def _mean(*args: Value) -> Interval:
    values = _values("mean", args)
    return total(values) / len(values)


def _round(value: Value, places: Value) -> Value:
    n = _exact_integer("round", places)
    return _elementwise(lambda v: v.round(n))(value)


def _largest(values: Value, n: Value) -> list[Interval]:
    if not isinstance(values, list):
        raise FormulaError("largest() needs a list")
    k = _exact_integer("largest", n)
    if k > len(values):
        raise FormulaError(f"largest(): only {len(values)} values")
    order = sorted(range(len(values)), key=lambda i: (-values[i].point, i))
    return [values[i] for i in order[:k]]


def _years_between(start: Value, end: Value) -> Interval:
    """Whole years from a day of year ``start`` to a later day of year ``end`` when neither day is
    known: ``end - start - 1`` or ``end - start``."""
    a, b = _exact_integer("years_between", start), _exact_integer("years_between", end)
    return Interval(Fraction(b - a), Fraction(b - a - 1), Fraction(b - a))


def _attainable_pct(p: Value, n: Value) -> Interval:
    """The percentage k/n*100 (k whole) nearest to p: what a share of n items can actually be."""
    count = _exact_integer("attainable_pct", n)
    if count == 0:
        raise FormulaError("attainable_pct() of zero items")
    k = round(_scalar("attainable_pct", p).point * count / 100)
    return Interval.exact(Fraction(100 * k, count))


# Numeric functions: name -> (callable, description).
FUNCTIONS: dict[str, tuple[Callable[..., Value], str]] = {
    "sum": (lambda *a: total(_values("sum", a)), "sum(list) or sum(a, b, ...)"),
    "mean": (_mean, "mean(list): unweighted mean"),
    "min": (lambda *a: smallest(_values("min", a)), "min(list) or min(a, b, ...)"),
    "max": (lambda *a: largest(_values("max", a)), "max(list) or max(a, b, ...)"),
    "count": (lambda v: Interval.exact(len(v) if isinstance(v, list) else 1), "count(list): number of values"),
    "largest": (_largest, "largest(list, n): the n largest values"),
    "abs": (_elementwise(abs), "abs(x)"),
    "round": (_round, "round(x, places)"),
    "pct": (_elementwise(lambda part, whole: part * 100 / whole), "pct(part, whole) = 100 * part / whole"),
    "pct_of": (_elementwise(lambda p, whole: p * whole / 100), "pct_of(p, whole) = p / 100 * whole"),
    "ratio": (_elementwise(lambda a, b: a / b), "ratio(a, b) = a / b"),
    "thousand": (_elementwise(lambda x: x * 1000), "thousand(x) = x * 1,000"),
    "million": (_elementwise(lambda x: x * 10**6), "million(x) = x * 1,000,000"),
    "billion": (_elementwise(lambda x: x * 10**9), "billion(x) = x * 1,000,000,000"),
    "years_between": (
        _years_between,
        "years_between(a, b): whole years from a day of year a to a day of year b (b - a - 1 to b - a)",
    ),
    "attainable_pct": (_attainable_pct, "attainable_pct(p, n): the share of n items nearest to p percent"),
}
ROUNDED = "rounded"  # rounded(literal): a number rounded to its written digits

# Numbers a formula may use without quoting them: structure, not data.
STRUCTURAL_CONSTANTS = {Fraction(0), Fraction(1), Fraction(100)}

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


@dataclass(frozen=True)
class Literal:
    text: str
    value: Fraction
    rounded: bool


@dataclass(frozen=True)
class Formula:
    """A parsed, checked formula."""

    text: str
    tree: ast.Expression = field(repr=False)

    def literals(self) -> list[Literal]:
        found = []
        rounded_nodes = {
            id(node.args[0])
            for node in ast.walk(self.tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ROUNDED
        }
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Constant) and not isinstance(node.value, str):
                text = ast.get_source_segment(self.text, node) or repr(node.value)
                found.append(Literal(text, _literal_value(text), id(node) in rounded_nodes))
        return found

    def references(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every cell, column, total and claim the formula names: (function, arguments)."""
        refs = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in REFERENCES:
                refs.append((node.func.id, tuple(arg.value for arg in node.args)))  # type: ignore[attr-defined]
        return refs

    def evaluate(self, context: FormulaContext) -> Interval:
        try:
            value = _evaluate(self.tree.body, self.text, context)
        except ZeroDivisionError as exc:
            raise FormulaError(str(exc)) from None
        if isinstance(value, list):
            raise FormulaError("the formula gives a list; reduce it with sum(), min(), max() or mean()")
        return value


def _literal_value(text: str) -> Fraction:
    try:
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError):
        raise FormulaError(f"{text!r} is not a number") from None


def parse_formula(text: str) -> Formula:
    """Parse and check a formula against the grammar; raise :class:`FormulaError` otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("empty formula")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        where = f" at character {exc.offset}" if exc.offset else ""
        raise FormulaError(f"does not parse{where}: {exc.msg}") from None
    formula = Formula(text.strip(), tree)
    _check(tree.body, formula.text, in_reference=False)
    return formula


def _describe(node: ast.AST, text: str) -> str:
    segment = ast.get_source_segment(text, node)
    return f"{type(node).__name__} {segment!r}" if segment else type(node).__name__


def _check(node: ast.AST, text: str, *, in_reference: bool) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float, str)):
            raise FormulaError(f"{_describe(node, text)} is not allowed")
        if isinstance(node.value, str) and not in_reference:
            raise FormulaError(
                f"text {node.value!r} may only name a table, row, column, claim or fact "
                f"inside {', '.join(REFERENCES)}()"
            )
        if isinstance(node.value, (int, float)):
            _literal_value(ast.get_source_segment(text, node) or repr(node.value))
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise FormulaError(f"operator in {_describe(node, text)} is not allowed (only + - * /)")
        _check(node.left, text, in_reference=False)
        _check(node.right, text, in_reference=False)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise FormulaError(f"{_describe(node, text)} is not allowed")
        _check(node.operand, text, in_reference=False)
        return
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            _check(element, text, in_reference=False)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            raise FormulaError(f"only named functions may be called, not {_describe(node.func, text)}")
        name = node.func.id
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise FormulaError(f"{name}() takes positional arguments only")
        if name in REFERENCES:
            n, usage = REFERENCES[name]
            if len(node.args) != n or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            ):
                raise FormulaError(f"{name}() takes {n} quoted text argument(s): {usage}")
            return
        if name == ROUNDED:
            if len(node.args) != 1 or not (
                isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (int, float))
                and not isinstance(node.args[0].value, bool)
            ):
                raise FormulaError("rounded() takes one written number, e.g. rounded(17.1)")
            return
        if name not in FUNCTIONS:
            allowed = sorted([*FUNCTIONS, *REFERENCES, ROUNDED])
            raise FormulaError(f"unknown function {name}(); allowed: {', '.join(allowed)}")
        for arg in node.args:
            _check(arg, text, in_reference=False)
        return
    raise FormulaError(f"{_describe(node, text)} is not allowed in a formula")


def _evaluate(node: ast.AST, text: str, context: FormulaContext) -> Value:
    if isinstance(node, ast.Constant):
        return Interval.exact(_literal_value(ast.get_source_segment(text, node) or repr(node.value)))
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, text, context)
        right = _evaluate(node.right, text, context)
        return _elementwise(_BINARY[type(node.op)])(left, right)
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, text, context)
        return _elementwise(lambda v: -v)(operand) if isinstance(node.op, ast.USub) else operand
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_scalar("list", _evaluate(e, text, context)) for e in node.elts]
    if isinstance(node, ast.Call):
        name = node.func.id  # type: ignore[attr-defined]
        if name in REFERENCES:
            args = [a.value for a in node.args]  # type: ignore[attr-defined]
            return getattr(context, name)(*args)
        if name == ROUNDED:
            literal = ast.get_source_segment(text, node.args[0]) or repr(node.args[0].value)  # type: ignore[attr-defined]
            return Interval.rounded(literal)
        function, _ = FUNCTIONS[name]
        return function(*(_evaluate(a, text, context) for a in node.args))
    raise FormulaError(f"{_describe(node, text)} is not allowed in a formula")  # unreachable after _check
