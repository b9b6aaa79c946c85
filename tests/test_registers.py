"""The CSV registers are read through one path (migration_evidence.registers) and validated with pandera:
a bad cell stops the build naming file, line, row, column and text."""

from __future__ import annotations

import pytest
from conftest import REPO

from migration_evidence.errors import InputError
from migration_evidence.registers import REGISTERS, read_register

PATHS = {
    "claims": "data/raw/claims.csv",
    "corrections": "data/raw/corrections.csv",
    "known_discrepancies": "data/raw/known_discrepancies.csv",
    "remittance_claims": "data/raw/remittance_claims.csv",
    "sources": "data/raw/external/sources.csv",
    "banxico_municipality_names": "data/raw/banxico_municipality_names.csv",
}


@pytest.mark.parametrize("name", sorted(PATHS))
def test_every_register_reads_and_is_declared_once(name):
    frame = read_register(REPO / PATHS[name], name)
    assert list(frame.columns[:-1]) == list(REGISTERS[name].columns) and len(frame) > 0
    assert frame["_line"].tolist() == list(range(2, len(frame) + 2))


def _lines(name):
    return (REPO / PATHS[name]).read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_a_repeated_row_stops_the_build_naming_the_key(name, tmp_path):
    lines = _lines(name)
    path = tmp_path / "register.csv"
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(InputError, match="repeated") as caught:
        read_register(path, name)
    assert str(path) in str(caught.value) and "line" in str(caught.value)


def test_an_unknown_verdict_or_relation_or_an_empty_cell_is_named(tmp_path):
    path = tmp_path / "known.csv"
    text = "".join(_lines("known_discrepancies"))
    path.write_text(text.replace("claim:C017,discrepancy,", "claim:C017,differs,", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"row 'claim:C017', column 'verdict', text 'differs'"):
        read_register(path, "known_discrepancies")
    claims = tmp_path / "claims.csv"
    lines = _lines("claims")
    lines[1] = lines[1].replace(",yes,=,", ",yes,~,", 1)
    claims.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, row 'C001', column 'relation', text '~'"):
        read_register(claims, "claims")
    sources = tmp_path / "sources.csv"
    lines = _lines("sources")
    cells = lines[1].split(",", 2)
    lines[1] = ",".join([cells[0], "", cells[2]])
    sources.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"column 'publisher'.*needs a value"):
        read_register(sources, "sources")
