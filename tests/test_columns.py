"""One column declaration, one type map and one header check (migration_evidence.columns) for every file
the project reads: a printed table, a transcribed series, a statistical file, a CONAPO file, a register
and a findings file all stop on a wrong header with the same message, naming file, line and column."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO

from migration_evidence.audit.findings import read_findings
from migration_evidence.columns import PANDAS_DTYPES, TABLE_SCHEMA_TYPES, Column, check_header, pandas_dtype
from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import read_municipal_file
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.microdata.waves_remittances import read_exceptions
from migration_evidence.printed.clean import check_shape
from migration_evidence.printed.specs import load_specs
from migration_evidence.raw_csv import read_csv_strict
from migration_evidence.registers import read_register
from migration_evidence.series.external import read_raw_file, read_sources
from migration_evidence.series.specs import load_external_config
from migration_evidence.statistical_files.tables import load_config, read_statistical_file

TABLES = load_specs(REPO / "config/tables.yaml")
EXTERNAL = load_external_config(REPO / "config/external_series.yaml")
STATISTICAL = load_config(REPO / "config/statistical_tables.yaml")
MICRODATA = load_microdata_spec(REPO / "config/microdata.yaml")


def test_the_header_check_names_the_missing_the_undeclared_and_the_misplaced_column():
    declared = ["a", "b", "c"]
    check_header("f.csv", ["a", "b", "c"], declared, "in x.yaml")
    with pytest.raises(InputError) as caught:
        check_header("f.csv", ["a", "c"], declared, "in x.yaml")
    assert str(caught.value) == "f.csv, line 1, column 'b': missing column (declared columns: ['a', 'b', 'c'])"
    with pytest.raises(InputError) as caught:
        check_header("f.csv", ["a", "b", "c", "d"], declared, "in x.yaml")
    assert str(caught.value) == "f.csv, line 1, column 'd', text 'd': column not declared in x.yaml"
    with pytest.raises(InputError, match=r"f.csv, line 1: columns are out of order"):
        check_header("f.csv", ["b", "a", "c"], declared, "in x.yaml")


def test_one_type_map_for_every_declaration():
    # The declared types of every file (printed, transcribed, statistical, CONAPO) are in the one map.
    declared = {c.dtype for spec in TABLES.values() for c in (*spec.columns, *spec.output_columns)}
    declared |= {c.dtype for spec in EXTERNAL.processed.values() for c in spec.columns}
    declared |= {c.dtype for spec in STATISTICAL.files.values() for c in spec.columns}
    declared |= {c.dtype for columns in STATISTICAL.columns.values() for c in columns}
    declared |= {c.dtype for spec in MICRODATA.files.values() for c in spec.columns}
    assert declared <= set(PANDAS_DTYPES) == set(TABLE_SCHEMA_TYPES)
    assert pandas_dtype("int") == "Int64" and pandas_dtype("int", nullable=False) == "int64"
    # Every declaration is a Column, whatever file it declares.
    kinds = {type(c) for spec in TABLES.values() for c in spec.columns}
    kinds |= {type(c) for f in EXTERNAL.raw_files.values() for c in f.columns}
    kinds |= {type(c) for spec in STATISTICAL.files.values() for c in spec.columns}
    kinds |= {type(c) for spec in MICRODATA.files.values() for c in spec.columns}
    assert kinds == {Column}


def _renamed_header(source, tmp_path, old, new):
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    assert old in first.split(","), (old, first)
    path.write_text(",".join(new if c == old else c for c in first.split(",")) + "\n" + rest, encoding="utf-8")
    return path


def _readers():
    """(file, a column of its header, how the project reads it) for each kind of file read."""
    fisdl = TABLES["fisdl_hta_partnerships"]
    remittances = EXTERNAL.raw_files[next(iter(EXTERNAL.raw_files))]
    monthly = STATISTICAL.files["remittances_monthly"]
    return {
        "printed table": (REPO / fisdl.raw, "projects", lambda p: check_shape(read_csv_strict(p), fisdl)),
        "transcribed series": (
            REPO / remittances.path,
            remittances.columns[-1].raw,
            lambda p: read_raw_file(remittances, read_sources(REPO / EXTERNAL.sources), p),
        ),
        "statistical file": (
            REPO / "data/raw/statistical_files" / monthly.file,
            "VALOR_USD",
            lambda p: read_statistical_file(p, monthly),
        ),
        "CONAPO file": (
            REPO / "data/raw/statistical_files" / MICRODATA.files["migratory_intensity_2000"].file,
            MICRODATA.files["migratory_intensity_2000"].columns[-1].raw,
            lambda p: read_municipal_file(p, MICRODATA.files["migratory_intensity_2000"]),
        ),
        "register": (REPO / "data/raw/claims.csv", "formula", lambda p: read_register(p, "claims")),
        "name exceptions": (REPO / "data/raw/banxico_municipality_names.csv", "reason", read_exceptions),
        "findings file": (REPO / "results/findings/municipal_microdata.csv", "verdict", read_findings),
    }


@pytest.mark.parametrize("kind", sorted(_readers()))
def test_every_reader_checks_its_header_the_same_way(kind, tmp_path):
    source, column, read = _readers()[kind]
    if not source.is_file():
        pytest.skip(f"{source} is not in this checkout")
    path = _renamed_header(source, tmp_path, column, "renamed")
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 1, column {column!r}: missing column (declared columns: ["), message
