"""End to end: the pipeline rebuilds every committed output from the raw data alone, byte for byte;
bad input stops it with file, row, column and text, and leaves no partial output.

Outputs built from CONAPO's municipal microdata are rebuilt only when the files are in the configured
directory (copied along with the repository); without them the build must produce every other
committed output, identical, and leave the microdata outputs alone."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from conftest import MISSING_MICRODATA, OUTPUT_DIRS, REPO, copy_repository, microdata_outputs, run_snakemake


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


def _assert_reproduces(work: Path, expected: set[str]) -> None:
    built = _files(work)
    assert built == expected, f"only built: {sorted(built - expected)}; only expected: {sorted(expected - built)}"
    differing = [f for f in sorted(built) if not filecmp.cmp(work / f, REPO / f, shallow=False)]
    assert not differing, f"outputs differ from the committed ones: {differing}"


def test_microdata_outputs_are_committed():
    missing = sorted(f for f in microdata_outputs() if not (REPO / f).is_file())
    assert not missing, f"outputs of the municipal microdata are not committed: {missing}"


def test_clean_build_reproduces_every_committed_output(clean_build):
    expected = _files(REPO)
    if MISSING_MICRODATA:  # this build cannot make them; a test below checks that it leaves them alone
        expected -= microdata_outputs()
    _assert_reproduces(clean_build, expected)


def test_build_without_microdata_plans_every_other_output(tmp_path):
    """Without CONAPO's files a clean build plans exactly the committed outputs not made from them (the
    clean build above reproduces each of those byte for byte, by the same rules)."""
    work = copy_repository(tmp_path / "repo", with_outputs=False)
    result = run_snakemake(work, "--config", f"external_data_dir={tmp_path / 'absent'}", "--summary")
    assert result.returncode == 0, result.stdout + result.stderr
    planned = {line.split("\t")[0] for line in result.stdout.splitlines()[1:] if "\t" in line}
    planned = {path for path in planned if any(path.startswith(f"{d}/") for d in OUTPUT_DIRS)}
    expected = _files(REPO) - microdata_outputs()
    assert planned == expected, f"only planned: {sorted(planned - expected)}; not planned: {sorted(expected - planned)}"


def test_build_without_microdata_says_what_it_skips_and_leaves_committed_outputs_alone(clean_build, tmp_path):
    """A checkout carries the microdata outputs; a build without the files must neither need nor touch them."""
    work = tmp_path / "repo"
    shutil.copytree(clean_build, work, symlinks=True, ignore=shutil.ignore_patterns(".snakemake"))
    for path in sorted(microdata_outputs()):
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / path, work / path)
    result = run_snakemake(work, "--config", f"external_data_dir={tmp_path / 'absent'}")
    message = result.stdout + result.stderr
    assert result.returncode == 0, message
    assert "Nothing to be done" in message, message
    assert "Municipal microdata: skipped" in message, message
    for name in ("conapo_iim2000_municipal.csv", "conapo_marginacion_municipal_1990_2015.csv"):
        assert name in message
    for path in sorted(microdata_outputs()):
        assert path in message, f"the skip message does not name {path}"
        assert filecmp.cmp(work / path, REPO / path, shallow=False), f"{path} was changed or removed"


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
