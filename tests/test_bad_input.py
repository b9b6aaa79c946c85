"""Corrupted inputs, each tried in a temporary copy of the project: every one stops the build with
file, row, column and the offending text (as listed in docs/bad_input.md) and leaves no partial
output behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, copy_repository, run_snakemake

T1 = "data/raw/delgado_wise_marquez_2006/table1_municipal_migration_intensity_2000.csv"
FISDL = "data/raw/de_la_garza_2005/table1_fisdl_hta_partnerships.csv"
T2 = "data/raw/delgado_wise_marquez_2006/table2_mexico_us_asymmetries_1994_2004.csv"
T1_OUT = "data/processed/municipal_migration_intensity_2000.csv"
FISDL_OUT = "data/processed/fisdl_hta_partnerships.csv"
T2_OUT = "data/processed/mexico_us_asymmetries_1994_2004.csv"
CLAIMS = "data/raw/claims.csv"
AUDIT_OUT = "reports/source_audit.csv"
BANXICO = "data/raw/external/banxico_family_remittances_1980_2005.csv"
REMITTANCES_OUT = "data/processed/remittances_mexico_1980_2005.csv"
BANXICO_MONTHLY = "data/raw/statistical_files/banxico_remesas_mensuales_1995_2026.csv"
MONTHLY_OUT = "data/processed/remittances_mexico_monthly_1995_2026.csv"


def replace_once(old: str, new: str):
    def corrupt(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return corrupt


def replace_bytes_once(old: bytes, new: bytes):
    """Change bytes in place, keeping everything else (line endings included) as it was."""

    def corrupt(path: Path) -> None:
        data = path.read_bytes()
        assert old in data, f"{old!r} not in {path}"
        path.write_bytes(data.replace(old, new, 1))

    return corrupt


def drop_last_column(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")


def add_column(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",notes"] + [line + "," for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def duplicate_row(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:4] + [lines[3]] + lines[4:]), encoding="utf-8")


def append_row(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "Unknown,1,0.04,10,0.00,2,0.00\n", encoding="utf-8")


def latin1(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))


def truncate_mid_line(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"Usulutan") + 17])


# case id -> (file corrupted, how, target output)
CASES = {
    "non-numeric cell": (T1, replace_once("High,330,13.51", "High,33O,13.51"), T1_OUT),
    "empty cell": (FISDL, replace_once("Cabañas,3,", "Cabañas,,"), FISDL_OUT),
    "missing column": (FISDL, drop_last_column, FISDL_OUT),
    "extra column": (T1, add_column, T1_OUT),
    "duplicated row": (T1, duplicate_row, T1_OUT),
    "extra row": (T1, append_row, T1_OUT),
    "value out of range": (T1, replace_once("High,330,13.51", "High,330,135.1"), T1_OUT),
    "wrong encoding": (FISDL, latin1, FISDL_OUT),
    "truncated file": (FISDL, truncate_mid_line, FISDL_OUT),
    "unknown footnote marker": (T2, replace_once("19304", "19304†"), T2_OUT),
    "claim formula that does not parse": (
        CLAIMS,
        replace_once('"pct_of(claim(""C030""), claim(""C029""))"', '"pct_of(claim(""C030""), claim(""C029"")"'),
        AUDIT_OUT,
    ),
    "external file with wrong columns": (
        BANXICO,
        replace_once("year,vintage,value_usd_millions,source_id,note", "year,vintage,value,source_id,note"),
        REMITTANCES_OUT,
    ),
    "statistical file changed after it was checked": (
        BANXICO_MONTHLY,
        replace_bytes_once(b"1995-01-01,1,Ingresos,767893,254572352", b"1995-01-01,1,Ingresos,767893,254572353"),
        MONTHLY_OUT,
    ),
}


def documented_messages() -> dict[str, str]:
    """The table in docs/bad_input.md: case -> message the build prints."""
    rows = {}
    for line in (REPO / "docs/bad_input.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| ([a-z -]+) \| `[^`]+` \| `(.+)` \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_every_case_is_documented():
    assert set(documented_messages()) == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_corrupted_input_stops_the_build(tmp_path, case):
    raw, corrupt, target = CASES[case]
    work = copy_repository(tmp_path / "repo")
    corrupt(work / raw)
    result = run_snakemake(work, target)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    expected = documented_messages()[case]
    assert expected in output, f"documented message not printed:\n{expected}\n---\n{output}"
    assert expected.startswith(raw), "the message must start with the file"
    assert not (work / target).exists(), "a failed job must not leave its output behind"
    leftovers = [p.name for p in (work / target).parent.iterdir() if p.name.startswith(".")]
    assert not leftovers, f"temporary files left behind: {leftovers}"
