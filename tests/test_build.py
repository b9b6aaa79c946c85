"""End to end: the pipeline rebuilds every committed output from the raw data alone, byte for byte;
bad input stops it with file, row, column and text, and leaves no partial output."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from conftest import OUTPUT_DIRS, REPO, copy_repository, run_snakemake


def _files(root: Path) -> set[str]:
    found = set()
    for directory in OUTPUT_DIRS:
        base = root / directory
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}
    return found


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    work = copy_repository(tmp_path_factory.mktemp("build") / "repo", with_outputs=False)
    assert not _files(work)
    result = run_snakemake(work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def test_clean_build_reproduces_every_committed_output(clean_build):
    built, committed = _files(clean_build), _files(REPO)
    assert built == committed, f"only built: {sorted(built - committed)}; only committed: {sorted(committed - built)}"
    differing = [f for f in sorted(built) if not filecmp.cmp(clean_build / f, REPO / f, shallow=False)]
    assert not differing, f"outputs differ from the committed ones: {differing}"


def test_second_run_has_nothing_to_do(clean_build):
    result = run_snakemake(clean_build, "--dry-run")
    assert "Nothing to be done" in result.stdout + result.stderr


RAW_T1 = "data/raw/delgado_wise_marquez_2006/table1_municipal_migration_intensity_2000.csv"
RAW_FISDL = "data/raw/de_la_garza_2005/table1_fisdl_hta_partnerships.csv"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INPUTS = {
    "non-numeric cell": (
        RAW_T1,
        lambda p: _replace(p, "High,330,13.51", "High,33O,13.51"),
        ["line 4", "row 'High'", "column 'municipalities'", "'33O'"],
    ),
    "missing column": (
        RAW_FISDL,
        lambda p: p.write_text(
            "\n".join(",".join(line.split(",")[:-1]) for line in p.read_text(encoding="utf-8").splitlines()) + "\n",
            encoding="utf-8",
        ),
        [RAW_FISDL, "column 'fisdl_share'", "missing column"],
    ),
    "extra row": (
        RAW_T1,
        lambda p: p.write_text(p.read_text(encoding="utf-8") + "Unknown,1,0.04,10,0.00,2,0.00\n", encoding="utf-8"),
        ["line 9", "row 'Unknown'", "column 'degree'", "text 'Unknown'"],
    ),
    "value out of range": (
        RAW_T1,
        lambda p: _replace(p, "High,330,13.51", "High,330,135.1"),
        ["line 4", "row 'High'", "column 'municipalities_share'", "'135.1'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_stops_the_build_and_names_the_cell(tmp_path, case):
    raw, corrupt, expected = BAD_INPUTS[case]
    work = copy_repository(tmp_path / "repo")
    target = "data/processed/" + ("municipal_migration_intensity_2000.csv" if raw == RAW_T1 else "fisdl_hta_partnerships.csv")
    corrupt(work / raw)
    result = run_snakemake(work, target)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for fragment in expected:
        assert fragment in output, f"{fragment!r} missing from:\n{output}"
    assert not (work / target).exists(), "a failed job must not leave its output behind"
    leftovers = [p.name for p in (work / "data/processed").iterdir() if p.name.startswith(".")]
    assert not leftovers, f"temporary files left behind: {leftovers}"
