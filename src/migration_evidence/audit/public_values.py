"""Public values a claim formula may name: figures transcribed from a cited publication, one per row.

``data/raw/external/public_values_mexico_us_migration.csv`` (declared as ``public_values`` in
``config/config.yaml``) holds the published figures the third document's claims are checked against
(Census Bureau, Pew Research Center, DHS, SRE and IFE figures), one value per row:

value_id      the name a claim formula uses, ``fact("value_id")``
measure       what the number counts, in words
period        the year or years it refers to
printed_text  the words of the stored copy that print it, verbatim ("31.8 million in 2010")
value         the number in the unit given, plain digits ("31800000"); it must be a number of
              ``printed_text`` times 1, a thousand, a million or a billion, so it traces to the words
unit          persons, year, percent, ...
source_id     a source of ``data/raw/external/sources.csv`` (publisher, publication, the stored copy read)
note          anything a reader needs (vintage, universe, rounding)

The values join the public facts of ``config/config.yaml`` (:func:`declared_public_facts`): both are
numbers from outside the documents that a claim formula may use by name. Any bad cell raises
:class:`~migration_evidence.errors.InputError` naming file, line, row, column and text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ..errors import InputError
from ..printed.statements import SCALES
from ..registers import read_register
from .claims import quote_numbers


@dataclass(frozen=True)
class PublicValue:
    value_id: str
    measure: str
    period: str
    printed_text: str
    value: Decimal
    unit: str
    source_id: str
    note: str
    line: int


def read_public_values(path: str | Path, source_ids: set[str]) -> dict[str, PublicValue]:
    """Read and check the public values: every source id known, every value traceable to its words."""
    path = str(path)
    values: dict[str, PublicValue] = {}
    multipliers = sorted({1, *SCALES.values()})
    for _, cells in read_register(path, "public_values").iterrows():
        line = int(cells["_line"])
        value_id = cells["value_id"]
        if cells["source_id"] not in source_ids:
            raise InputError(
                path,
                "unknown source id (not in data/raw/external/sources.csv)",
                line=line,
                row=value_id,
                column="source_id",
                text=cells["source_id"],
            )
        value = Decimal(cells["value"])
        written = quote_numbers(cells["printed_text"])
        if not any(Fraction(value) == n * m for n in written for m in multipliers):
            raise InputError(
                path,
                "the value is not a number of printed_text (times 1, a thousand, a million or a billion)",
                line=line,
                row=value_id,
                column="value",
                text=cells["value"],
            )
        values[value_id] = PublicValue(
            value_id=value_id,
            measure=cells["measure"],
            period=cells["period"],
            printed_text=cells["printed_text"],
            value=value,
            unit=cells["unit"],
            source_id=cells["source_id"],
            note=cells["note"],
            line=line,
        )
    return values


def declared_public_facts(
    config_facts: Mapping[str, Mapping[str, object]],
    public_values: Mapping[str, PublicValue] | None = None,
) -> dict[str, Decimal]:
    """Every number a claim formula may name with ``fact(...)``: the public facts of
    ``config/config.yaml`` and the transcribed public values. A name declared in both is an error."""
    facts = {name: Decimal(str(fact["value"])) for name, fact in config_facts.items()}
    for name, item in (public_values or {}).items():
        if name in facts:
            raise ValueError(f"public value {name!r} is also a public fact of config/config.yaml")
        facts[name] = item.value
    return facts
