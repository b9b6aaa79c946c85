"""Corrupted inputs, each tried in a temporary copy of the project: every one stops the build with
file, row, column and the offending text (as listed in docs/bad_input.md) and leaves no partial
output behind."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SEEDS_DIR, copy_repository, record_raw_change, run_snakemake

T1 = "data/raw/delgado_wise_marquez_2006/table1_municipal_migration_intensity_2000.csv"
FISDL = "data/raw/de_la_garza_2005/table1_fisdl_hta_partnerships.csv"
T2 = "data/raw/delgado_wise_marquez_2006/table2_mexico_us_asymmetries_1994_2004.csv"
T1_OUT = "data/processed/municipal_migration_intensity_2000.csv"
FISDL_OUT = "data/processed/fisdl_hta_partnerships.csv"
T2_OUT = "data/processed/mexico_us_asymmetries_1994_2004.csv"
CLAIMS = "data/raw/claims.csv"
# The checks of the printed tables and prose claims, the first job that reads data/raw/claims.csv.
PRINTED_CHECKS_OUT = "results/tables/printed_checks.csv"
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


# case id -> (file corrupted, how, target output). Each change is recorded as deliberate (its md5 in the
# data package, as `make raw-md5` does) except the last, which the md5 check itself is about: otherwise
# the md5 gate would stop every case before the content is read (tests/test_integrity.py).
MD5_CASES = {"statistical file changed after it was checked"}
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
        PRINTED_CHECKS_OUT,
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


@pytest.mark.end_to_end
@pytest.mark.parametrize("case", sorted(CASES))
def test_corrupted_input_stops_the_build(tmp_path, case):
    raw, corrupt, target = CASES[case]
    work = copy_repository(tmp_path / "repo")
    corrupt(work / raw)
    if case not in MD5_CASES:
        record_raw_change(work)
    result = run_snakemake(work, target)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    expected = documented_messages()[case]
    assert expected in output, f"documented message not printed:\n{expected}\n---\n{output}"
    assert expected.startswith(raw), "the message must start with the file"
    if case in MD5_CASES:  # stopped by the gate before any job: the output is left as it was
        assert (work / target).read_bytes() == (REPO / target).read_bytes()
    else:
        assert not (work / target).exists(), "a failed job must not leave its output behind"
    leftovers = [p.name for p in (work / target).parent.iterdir() if p.name.startswith(".")]
    assert not leftovers, f"temporary files left behind: {leftovers}"


# --- Faults that used to build green: each now stops the build, naming the file, or leaves the outputs
# --- exactly as committed.

EXCERPT_T2 = "data/raw/delgado_wise_marquez_2006/table2_mexico_us_asymmetries_1994_2004.source.txt"
FIG_T1 = "figures/fig_municipal_intensity_shares.svg"
MANIFEST = "reports/output_checksums.sha256"


def _output(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.end_to_end
def test_a_missing_committed_statistical_file_stops_the_build(tmp_path):
    """The CONAPO files are part of the repository: without one the build says so instead of skipping."""
    work = copy_repository(tmp_path / "repo")
    missing = "data/raw/statistical_files/conapo_iim2000_municipal.csv"
    (work / missing).unlink()
    result = run_snakemake(work, "--dry-run")
    output = _output(result)
    assert result.returncode != 0, output
    assert missing in output and "git checkout" in output, output


@pytest.mark.end_to_end
def test_a_table_failing_its_checks_is_never_published(tmp_path):
    """A changed digit (330 municipalities of degree High typed 331) contradicts the excerpt and the
    printed total: the processed table is not written and no figure is drawn from it, however requested."""
    work = copy_repository(tmp_path / "repo")
    figure = (work / FIG_T1).read_bytes()
    replace_once("High,330,13.51", "High,331,13.51")(work / T1)
    record_raw_change(work)
    result = run_snakemake(work, FIG_T1, "--keep-going")
    output = _output(result)
    assert result.returncode != 0, output
    assert f"{T1} fails its checks" in output, output
    assert f"{T1}, line 4, row 'High', column 'municipalities', text '331'" in output, output
    assert not (work / T1_OUT).exists(), "a table failing its checks must leave no processed file"
    assert (work / FIG_T1).read_bytes() == figure, "the figure was redrawn from a table failing its checks"


@pytest.mark.end_to_end
def test_a_processed_file_changed_behind_the_builds_back_stops_the_build(tmp_path):
    """A hand-edited processed table (La Paz: 10 projects made 12) is stopped, not re-blessed by the manifest."""
    work = copy_repository(tmp_path / "repo")
    manifest = (work / MANIFEST).read_bytes()
    replace_once("La Paz,detail,10,", "La Paz,detail,12,")(work / FISDL_OUT)
    result = run_snakemake(work)
    output = _output(result)
    assert result.returncode != 0, output
    assert f"{FISDL_OUT}: differs from its SHA-256 in {MANIFEST}" in output, output
    assert f"rm {FISDL_OUT} && snakemake" in output, output
    assert (work / MANIFEST).read_bytes() == manifest, "the manifest re-blessed an edited output"


@pytest.mark.end_to_end
def test_a_value_changed_in_a_raw_table_and_its_excerpt_alike_stops_the_build(tmp_path):
    """Underemployment in Mexico, 1994, 43.7 made 47.3 in both files: no sum or claim uses the cell, but
    the excerpt no longer has the md5 the data package records."""
    work = copy_repository(tmp_path / "repo")
    replace_once("Underemployment (% of the EAP),43.7,", "Underemployment (% of the EAP),47.3,")(work / T2)
    replace_once("Underemployment (% of the EAP) 43.7 ", "Underemployment (% of the EAP) 47.3 ")(work / EXCERPT_T2)
    result = run_snakemake(work, T2_OUT)
    output = _output(result)
    assert result.returncode != 0, output
    assert f"{EXCERPT_T2}: md5 is" in output and "data/raw/datapackage.json records" in output, output
    # Stopped before any job runs: the processed table is left exactly as it was.
    assert (work / T2_OUT).read_bytes() == (REPO / T2_OUT).read_bytes()


@pytest.mark.end_to_end
def test_a_changed_value_of_a_public_series_stops_the_build(tmp_path):
    """Banco de México's 1980 remittances, 698 made 689: well formed, so only the recorded md5 catches it."""
    work = copy_repository(tmp_path / "repo")
    replace_once("1980,early,698,", "1980,early,689,")(work / BANXICO)
    result = run_snakemake(work, REMITTANCES_OUT)
    output = _output(result)
    assert result.returncode != 0, output
    assert f"{BANXICO}: md5 is" in output and "data/raw/datapackage.json records" in output, output
    assert (work / REMITTANCES_OUT).read_bytes() == (REPO / REMITTANCES_OUT).read_bytes()


@pytest.mark.end_to_end
def test_a_correction_must_obey_its_kind(tmp_path):
    """'349' read as 34.9 is a lost decimal point; 39.4 is not those digits and stops the build."""
    work = copy_repository(tmp_path / "repo")
    replace_once("349,decimal point lost,34.9,", "349,decimal point lost,39.4,")(work / "data/raw/corrections.csv")
    record_raw_change(work)
    target = "data/processed/mexican_origin_population_2003.csv"
    result = run_snakemake(work, target)
    output = _output(result)
    assert result.returncode != 0, output
    expected = "data/raw/corrections.csv, line 2, row 'No health coverage', column 'corrected', text '39.4'"
    assert expected in output and "decimal point lost" in output, output
    assert not (work / target).exists()


@pytest.mark.end_to_end
@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_an_excerpt_must_be_its_document_lines(tmp_path):
    """Even with the raw table, the excerpt and its recorded md5 all changed alike, the document tells."""
    work = copy_repository(tmp_path / "repo")
    if not (work / "data/documents").is_dir():
        shutil.copytree(SEEDS_DIR, work / "data/documents")
    replace_once("Underemployment (% of the EAP),43.7,", "Underemployment (% of the EAP),47.3,")(work / T2)
    excerpt = work / EXCERPT_T2
    old = hashlib.md5(excerpt.read_bytes()).hexdigest()
    replace_once("Underemployment (% of the EAP) 43.7 ", "Underemployment (% of the EAP) 47.3 ")(excerpt)
    replace_once(old, hashlib.md5(excerpt.read_bytes()).hexdigest())(work / "data/raw/datapackage.json")
    record_raw_change(work)
    result = run_snakemake(work, T2_OUT)
    output = _output(result)
    assert result.returncode != 0, output
    assert f"{EXCERPT_T2}, line 9, text 'Underemployment (% of the EAP) 47.3 37 8.8 7.6'" in output, output
    assert "differs from line 299 of" in output, output
    assert not (work / T2_OUT).exists()


@pytest.mark.end_to_end
def test_a_byte_order_mark_gives_the_same_outputs(tmp_path):
    """A raw table saved 'UTF-8 with BOM' by a spreadsheet is read as the same table."""
    work = copy_repository(tmp_path / "repo")
    path = work / FISDL
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    record_raw_change(work)
    result = run_snakemake(work, FISDL_OUT)
    assert result.returncode == 0, _output(result)
    assert (work / FISDL_OUT).read_bytes() == (REPO / FISDL_OUT).read_bytes()


@pytest.mark.end_to_end
def test_a_failing_notebook_is_reported_in_a_few_lines(tmp_path):
    """The cell, its line and the error, without the notebook client's coloured 80-line traceback."""
    work = copy_repository(tmp_path / "repo")
    source = work / "notebooks/hta_funding.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# %%\nshares = []\nshares[3]\n", encoding="utf-8")
    target = "reports/notebooks/hta_funding.ipynb"
    result = run_snakemake(work, target)
    output = _output(result)
    assert result.returncode != 0, output
    assert "\x1b[" not in output, "colour codes in the build's output"
    log = output.split("Logfile logs/notebook/hta_funding.log:", 1)[1].split("=" * 80)[1]
    lines = [line for line in log.splitlines() if line.strip()]
    assert len(lines) <= 4, log
    assert "notebook hta_funding (notebooks/hta_funding.py), cell cell-" in log, log
    assert "line 2 of the cell: shares[3]" in log and "IndexError: list index out of range" in log, log
    assert not (work / target).exists()


@pytest.mark.end_to_end
def test_temporary_files_of_interrupted_writes_are_ignored_and_removed(tmp_path):
    """A write killed before its rename leaves a temporary file: git ignores it, the next run removes it."""
    name = ".fisdl_hta_partnerships.csv.999999999.x1y2z3.partial"
    try:
        ignored = subprocess.run(["git", "check-ignore", "-q", f"data/processed/{name}"], cwd=REPO).returncode == 0
    except OSError:
        pytest.skip("git not available")
    assert ignored, "temporary files of interrupted writes must be git-ignored"
    work = copy_repository(tmp_path / "repo")
    stale = work / "data/processed" / name
    stale.write_text("half a table", encoding="utf-8")
    result = run_snakemake(work, "--dry-run")
    assert result.returncode == 0, _output(result)
    assert not stale.exists(), "the temporary file of an interrupted write was not removed"


def test_each_correction_kind_admits_only_its_rule():
    from migration_evidence.printed.clean import CORRECTION_KINDS

    lost, _ = CORRECTION_KINDS["decimal point lost"]
    assert lost("349", "34.9") and lost("224", "22.4") and lost("349", "3.49")
    for corrected in ("39.4", "34.90", "349", ".349", "349.", "35.9", "3.4.9"):
        assert not lost("349", corrected), corrected
    noise, _ = CORRECTION_KINDS["extraction noise"]
    assert noise("1we", "1") and noise("19304†", "19304")
    for printed, corrected in (("1we", "2"), ("12we", "1"), ("1we", "1we"), ("1we", "")):
        assert not noise(printed, corrected), (printed, corrected)
