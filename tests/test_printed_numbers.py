"""The printed-number parser on the damaged forms that occur in the documents, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migration_evidence.printed.numbers import PrintedFormat, PrintedNumberError, parse_printed_number

INT_SPACE = PrintedFormat("integer", group=" ")
INT_COMMA = PrintedFormat("integer", group=",")
PCT_EITHER = PrintedFormat("decimal", decimal=".,")
USD = PrintedFormat("decimal", group=",", decimal=".")
MARKED = PrintedFormat("decimal", group=" ", decimal=".", markers='¢">')


@pytest.mark.parametrize(
    ("text", "fmt", "value", "marker", "decimals"),
    [
        ("97 483 412", INT_SPACE, 97483412, "", 0),  # NAFTA paper, Table 1, total population
        ("2201710", INT_SPACE, 2201710, "", 0),  # separators lost entirely
        ("6331 134", INT_SPACE, 6331134, "", 0),  # one separator lost
        ("1389 695", INT_SPACE, 1389695, "", 0),
        ("6,14", PCT_EITHER, 6.14, "", 2),  # decimal comma
        ("0,65", PCT_EITHER, 0.65, "", 2),
        ("13.51", PCT_EITHER, 13.51, "", 2),
        ("100", PCT_EITHER, 100, "", 0),
        ("1.2¢", MARKED, 1.2, "¢", 1),  # footnote marker fused to the number (Table 2)
        ('0.43"', MARKED, 0.43, '"', 2),
        ("38.4>", MARKED, 38.4, ">", 1),
        ("88 402", MARKED, 88402, "", 0),
        ("1,307,342.09", USD, 1307342.09, "", 2),  # de la Garza, Table 1 total
        ("685.32", USD, 685.32, "", 2),
        ("273,990", INT_COMMA, 273990, "", 0),
        ("2003*", PrintedFormat("integer", markers="*"), 2003, "*", 0),
    ],
)
def test_printed_forms_from_the_documents(text, fmt, value, marker, decimals):
    parsed = parse_printed_number(text, fmt)
    assert parsed.value == pytest.approx(value, abs=0)
    assert parsed.marker == marker
    assert parsed.decimals == decimals


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("1we", INT_COMMA),  # OCR residue needs a correction, not a guess
        ("", INT_SPACE),
        ("  ", PCT_EITHER),
        ("12 34", INT_SPACE),  # a digit group of two is not a separator
        ("6;14", PCT_EITHER),
        ("1,307,342.09", PrintedFormat("decimal", group=" ", decimal=".")),  # wrong separator for the column
        ("1.2¢", PrintedFormat("decimal", decimal=".")),  # marker not declared for the column
        ("6.14", PrintedFormat("integer", group=" ")),
        ("1.2.3", USD),
        ("n/a", USD),
        ("1,23", USD),
    ],
)
def test_text_outside_the_declared_format_is_refused(text, fmt):
    with pytest.raises(PrintedNumberError):
        parse_printed_number(text, fmt)


def test_a_character_cannot_be_group_and_decimal():
    with pytest.raises(ValueError):
        PrintedFormat("decimal", group=",", decimal=",")


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([" ", ","]))
def test_grouped_integers_round_trip(n, sep):
    assert parse_printed_number(_group(n, sep), PrintedFormat("integer", group=sep)).value == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99), st.sampled_from([".", ","]))
def test_decimal_comma_and_point_read_the_same(whole, cents, mark):
    text = f"{whole}{mark}{cents:02d}"
    parsed = parse_printed_number(text, PrintedFormat("decimal", decimal=".,"))
    assert parsed.value == pytest.approx(whole + cents / 100, rel=1e-15)
    assert parsed.decimals == 2


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(list('¢">')))
def test_a_declared_marker_never_changes_the_value(n, marker):
    plain = parse_printed_number(_group(n, " "), MARKED)
    marked = parse_printed_number(_group(n, " ") + marker, MARKED)
    assert marked.value == plain.value and marked.marker == marker


@given(st.text(alphabet=st.characters(categories=["L", "P", "S"]), min_size=1, max_size=6))
def test_text_without_digits_is_never_a_number(text):
    with pytest.raises(PrintedNumberError):
        parse_printed_number(text, USD)


@pytest.mark.parametrize("text", ["٣٤", "１２", "²"])
def test_only_ascii_digits_are_digits(text):
    with pytest.raises(PrintedNumberError):
        parse_printed_number(text, INT_SPACE)
