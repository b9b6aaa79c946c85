"""The integrity gate (migration_evidence.integrity, workflow/rules/integrity.smk): every fault family
of the adversarial review, injected one at a time into one built copy of the project, in a whole build
and in a targeted build of one downstream file, stops the run (non-zero exit) with a message naming the
file at fault, and leaves every output byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import OUTPUT_DIRS, REPO, copy_repository, record_raw_change, run_snakemake

from migration_evidence.columns import check_header
from migration_evidence.config import ConfigError, check_migration_regions, read_config
from migration_evidence.errors import InputError
from migration_evidence.integrity.raw import RawIntegrityError, raw_problems, record_raw_md5s
from migration_evidence.integrity.records import (
    RECORDS_ENV,
    OutputIntegrityError,
    manifest_from_records,
    output_problems,
    record_output,
)
from migration_evidence.integrity.space import output_dir_problems, space_problem, writable_problem
from migration_evidence.integrity.workdir import root_problem
from migration_evidence.outputs import write_text

FISDL = "data/raw/de_la_garza_2005/table1_fisdl_hta_partnerships.csv"
FISDL_OUT = "data/processed/fisdl_hta_partnerships.csv"
FIG_FISDL = "figures/fig_fisdl_funding_composition.svg"
T2 = "data/raw/delgado_wise_marquez_2006/table2_mexico_us_asymmetries_1994_2004.csv"
T4 = "data/raw/delgado_wise_marquez_2006/table4_mexican_origin_population_2003.csv"
T4_OUT = "data/processed/mexican_origin_population_2003.csv"
FIG_T4 = "figures/fig_mexican_origin_generations.svg"
EXCERPT_T4 = "data/raw/delgado_wise_marquez_2006/table4_mexican_origin_population_2003.source.txt"
GAP_FINDINGS = "results/findings/remittances_mexico_us_gap_2025.csv"
ANNUAL_OUT = "data/processed/remittances_mexico_annual_1995_2025.csv"
NOTEBOOK6 = "reports/notebooks/remittances_since_2005.html"
CLAIMS = "data/raw/claims.csv"
CORRECTIONS = "data/raw/corrections.csv"
SOURCES = "data/raw/external/sources.csv"
BANXICO = "data/raw/external/banxico_family_remittances_1980_2005.csv"
REMITTANCES_OUT = "data/processed/remittances_mexico_1980_2005.csv"
AUDIT_MD = "reports/source_audit.md"
MANIFEST = "reports/output_checksums.sha256"
DATAPACKAGE = "data/raw/datapackage.json"
REGIONS = "config/migration_regions.yaml"
FIG_REGIONS = "figures/fig_remittances_by_region_2003_2025.svg"


# --- units ----------------------------------------------------------------------------------------


def _raw_tree(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "raw"
    (root / "sub").mkdir(parents=True)
    (root / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("text\n", encoding="utf-8")
    package = root / "datapackage.json"
    package.write_text(json.dumps({"resources": [{"path": "a.csv"}, {"path": "sub/b.txt"}]}), encoding="utf-8")
    return root, package


def test_raw_files_need_a_recorded_md5_and_a_reason_to_change(tmp_path):
    root, package = _raw_tree(tmp_path)
    assert all("records no md5" in p for p in raw_problems(root, package))
    with pytest.raises(ValueError, match="reason"):
        record_raw_md5s("", root, package)
    recorded = record_raw_md5s("first record of both files", root, package)
    assert recorded == [str(root / "a.csv"), str(root / "sub/b.txt")]
    assert raw_problems(root, package) == []
    assert record_raw_md5s("nothing changed since", root, package) == []
    (root / "a.csv").write_text("x,y\n1,3\n", encoding="utf-8")
    (root / "new.csv").write_text("z\n", encoding="utf-8")
    (root / "sub" / "b.txt").unlink()
    problems = raw_problems(root, package)
    assert len(problems) == 3
    changed_md5 = hashlib.md5(b"x,y\n1,3\n").hexdigest()
    assert problems[0].startswith(f"{root / 'a.csv'}: md5 is {changed_md5}")
    assert problems[1].startswith(f"{root / 'sub/b.txt'}: missing") and "git checkout" in problems[1]
    assert problems[2].startswith(f"{root / 'new.csv'}: not recorded")
    (root / "sub" / "b.txt").write_text("text\n", encoding="utf-8")
    record_raw_md5s("a.csv corrected: the value 3 is printed on line 2", root, package)
    resources = {r["path"]: r for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    assert [c["reason"] for c in resources["a.csv"]["changes"]] == [
        "first record of both files",
        "a.csv corrected: the value 3 is printed on line 2",
    ]
    assert resources["new.csv"]["hash"] == hashlib.md5(b"z\n").hexdigest()
    package.unlink()
    with pytest.raises(RawIntegrityError, match="datapackage.json: missing"):
        raw_problems(root, package)


def test_outputs_are_checked_against_their_jobs_records(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    records = tmp_path / "records"
    monkeypatch.setenv(RECORDS_ENV, str(records))
    write_text("out/a.csv", "a\n")
    write_text("out/b.csv", "b\n")
    record_output(tmp_path.parent / "elsewhere.csv")  # outside the project: never recorded
    assert sorted(p.name for p in records.rglob("*.sha256")) == ["a.csv.sha256", "b.csv.sha256"]
    assert output_problems([], records) == []
    Path("out/a.csv").write_text("edited\n", encoding="utf-8")
    (problem,) = output_problems([], records)
    assert problem.startswith("out/a.csv: differs from what its job wrote") and "rm out/a.csv && snakemake" in problem
    with pytest.raises(OutputIntegrityError, match="out/a.csv"):
        manifest_from_records(["out/a.csv", "out/b.csv"], records)
    write_text("out/a.csv", "a again\n")
    assert output_problems([], records) == []
    manifest = manifest_from_records(["out/b.csv", "out/a.csv"], records)
    assert manifest.splitlines()[0].endswith("  out/a.csv")
    # The committed version of an output counts as written (a pull, a checkout).
    Path("out/b.csv").write_text("committed\n", encoding="utf-8")
    blob = hashlib.sha1(b"blob 10\0committed\n").hexdigest()
    assert output_problems([], records, {"out/b.csv": blob}) == []


def test_without_records_an_output_must_match_the_committed_manifest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(RECORDS_ENV, raising=False)
    Path("a.csv").write_text("a\n", encoding="utf-8")
    digest = hashlib.sha256(b"a\n").hexdigest()
    Path("m.sha256").write_text(f"{digest}  a.csv\n", encoding="utf-8")
    assert output_problems(["m.sha256"], tmp_path / "none") == []
    Path("m.sha256").write_text(f"{'0' * 64}  a.csv\n", encoding="utf-8")
    (problem,) = output_problems(["m.sha256"], tmp_path / "none")
    assert problem.startswith("a.csv: differs from its SHA-256 in m.sha256")


def test_regions_must_partition_the_states():
    regions = read_config(REPO / REGIONS, REPO / "workflow/schemas/migration_regions.schema.yaml")
    check_migration_regions(regions, REGIONS)
    twice = json.loads(json.dumps(regions))
    twice["regions"]["central"]["states"].append(14)
    with pytest.raises(ConfigError, match=r"regions.central.states: state 14 is already in region 'historical'"):
        check_migration_regions(twice, REGIONS)
    none = json.loads(json.dumps(regions))
    none["regions"]["historical"]["states"].remove(14)
    with pytest.raises(ConfigError, match=r"regions: states \[14\] are in no region"):
        check_migration_regions(none, REGIONS)


def test_a_header_with_other_separators_or_stray_spaces_is_named():
    with pytest.raises(InputError, match="separated by semicolons"):
        check_header("f.csv", ["a;b;c"], ["a", "b", "c"], "in x")
    with pytest.raises(InputError, match=r"column 'b', text ' b': column name ' b' has spaces around it"):
        check_header("f.csv", ["a", " b", "c"], ["a", "b", "c"], "in x")


def test_unwritable_or_full_output_directories_are_named(tmp_path):
    blocker = tmp_path / "figures"
    blocker.write_text("a file where the directory should be", encoding="utf-8")
    problem = writable_problem(tmp_path / "figures" / "sub")
    assert problem.startswith(f"{tmp_path / 'figures' / 'sub'}: cannot write there")
    assert space_problem(tmp_path, free_bytes=5 * 2**20).startswith(f"{tmp_path}: only 5.0 MB free")
    assert output_dir_problems([tmp_path / "ok"]) == []


def test_the_run_must_start_in_the_project_root(tmp_path):
    (tmp_path / "config").mkdir()
    assert root_problem(tmp_path, tmp_path) is None
    assert "not in the project's root" in root_problem(tmp_path / "config", tmp_path)


# --- every fault family, in a whole and a targeted build of one built copy -------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One copy of the project with its committed (built) outputs, shared by every injection below,
    each of which restores what it changed."""
    return copy_repository(tmp_path_factory.mktemp("integrity") / "repo")


def _outputs(work: Path) -> dict[str, bytes]:
    found = {}
    for directory in OUTPUT_DIRS:
        for path in (work / directory).rglob("*"):
            if path.is_file():
                found[path.relative_to(work).as_posix()] = path.read_bytes()
    return found


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def inject(work: Path) -> None:
        text = (work / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (work / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return inject


def _understate_discrepancies(path: str) -> Callable[[Path], None]:
    """The summary's count of discrepancies cut to a third, as a hand edit of a report would."""

    def inject(work: Path) -> None:
        text = (work / path).read_text(encoding="utf-8")
        found = re.search(r"(\d+) discrepancies", text)
        assert found, f"no count of discrepancies in {path}"
        smaller = str(int(found.group(1)) // 3)
        (work / path).write_text(text[: found.start(1)] + smaller + text[found.end(1) :], encoding="utf-8")

    return inject


def _delete(path: str) -> Callable[[Path], None]:
    return lambda work: (work / path).unlink()


def _deliberate(inject: Callable[[Path], None]) -> Callable[[Path], None]:
    """A change recorded with its md5, as `make raw-md5` would: the checks behind the md5 gate are tested."""

    def both(work: Path) -> None:
        inject(work)
        record_raw_change(work)

    return both


def _semicolons(work: Path) -> None:
    """Table 4 saved by a spreadsheet set to semicolons (its cells hold no commas)."""
    path = work / T4
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")


def _edit_manifest_line(work: Path) -> None:
    """Change one digit of the first checksum of the manifest."""
    path = work / MANIFEST
    text = path.read_text(encoding="utf-8")
    path.write_text(("1" if text[0] != "1" else "2") + text[1:], encoding="utf-8")


# family -> (files the injection touches, injection, targeted output, fragment the message must hold)
FAULTS = {
    "1 processed table edited, one figure requested": (
        [FISDL_OUT],
        _replace(FISDL_OUT, "La Paz,detail,10,", "La Paz,detail,12,"),
        FIG_FISDL,
        f"{FISDL_OUT}: differs",
    ),
    "1 raw Table 2 edited, the statistical findings requested": (
        [T2],
        _replace(T2, "Underemployment (% of the EAP),43.7,", "Underemployment (% of the EAP),47.3,"),
        GAP_FINDINGS,
        f"{T2}: md5 is",
    ),
    "2 claim value changed": (
        [CLAIMS],
        _replace(CLAIMS, "26.6 million,26.6,", "26.6 million,62.6,"),
        AUDIT_MD,
        f"{CLAIMS}: md5 is",
    ),
    "3 statistical processed table edited": (
        [ANNUAL_OUT],
        _replace(ANNUAL_OUT, "\n2005,", "\n2005,1"),
        NOTEBOOK6,
        f"{ANNUAL_OUT}: differs",
    ),
    "4 report edited": (
        [AUDIT_MD],
        _understate_discrepancies(AUDIT_MD),
        MANIFEST,
        f"{AUDIT_MD}: differs",
    ),
    "4 manifest line edited": ([MANIFEST], _edit_manifest_line, MANIFEST, MANIFEST),
    "5 register deleted": ([CORRECTIONS], _delete(CORRECTIONS), T4_OUT, f"{CORRECTIONS}: missing"),
    "5 excerpt deleted": ([EXCERPT_T4], _delete(EXCERPT_T4), FIG_T4, f"{EXCERPT_T4}: missing"),
    "5 public file deleted": ([SOURCES], _delete(SOURCES), REMITTANCES_OUT, f"{SOURCES}: missing"),
    "6 correction without confirmation": (
        [CORRECTIONS, DATAPACKAGE],
        _deliberate(_replace(CORRECTIONS, "349,decimal point lost,34.9,", "349,decimal point lost,3.49,")),
        FIG_T4,
        f"{CORRECTIONS}, line 2, row 'No health coverage', column 'corrected', text '3.49'",
    ),
    "7 a state in two regions": (
        [REGIONS],
        _replace(REGIONS, "states: [9, 12,", "states: [14, 9, 12,"),
        FIG_REGIONS,
        f"{REGIONS}: regions.central.states: state 14 is already in region 'historical'",
    ),
    "8 data package deleted": ([DATAPACKAGE], _delete(DATAPACKAGE), FISDL_OUT, f"{DATAPACKAGE}: missing"),
    "8 semicolon-separated file": (
        [T4, DATAPACKAGE],
        _deliberate(_semicolons),
        T4_OUT,
        f"{T4}, line 1, text 'characteristic;total;mexican_emigrants;first_generation;second_generation': "
        "the file is separated by semicolons",
    ),
    "8 header with stray spaces": (
        [FISDL, DATAPACKAGE],
        _deliberate(_replace(FISDL, ",projects,", ", projects ,")),
        FISDL_OUT,
        f"{FISDL}, line 1, column 'projects', text ' projects ': column name ' projects ' has spaces around it",
    ),
}


PRINTED_CHECKS_OUT = "results/tables/printed_checks.csv"

# A deliberate (recorded) change whose content a job then refuses: that job fails, and Snakemake removes
# its output, stale since its input changed, rather than leave it beside the changed input.
# The checks of the printed tables read every raw table too, so in a whole build they fail on the same file.
REMOVED_BY_THE_FAILED_JOB = {
    "6 correction without confirmation": {T4_OUT},
    "8 semicolon-separated file": {T4_OUT, PRINTED_CHECKS_OUT},
    "8 header with stray spaces": {FISDL_OUT, PRINTED_CHECKS_OUT},
}


@pytest.mark.end_to_end
@pytest.mark.parametrize("scope", ["whole", "targeted"])
@pytest.mark.parametrize("family", sorted(FAULTS))
def test_every_fault_family_stops_the_build_and_changes_no_output(built, family, scope):
    files, inject, target, expected = FAULTS[family]
    saved = {}
    for name in files:
        path = built / name
        saved[name] = (path.read_bytes(), path.stat()) if path.exists() else None
    before = _outputs(built)
    times = {name: (built / name).stat() for name in before}
    inject(built)
    try:
        result = run_snakemake(built, *([target] if scope == "targeted" else []))
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        assert expected in output, f"{expected!r} not in:\n{output}"
        assert "Traceback" not in output, output
        after = _outputs(built)
        injected = {files[0]} if files[0] in before else set()  # the fault itself, when it is an output
        removed = REMOVED_BY_THE_FAILED_JOB.get(family, set())
        changed = sorted(
            p
            for p in (set(before) | set(after)) - injected
            if before.get(p) != after.get(p) and not (p in removed and p not in after)
        )
        assert not changed, f"outputs changed on disk: {changed}"
    finally:
        removed_now = sorted(set(before) - set(_outputs(built)))
        for name in removed_now:  # restored as it was, for the next injection
            (built / name).write_bytes(before[name])
            os.utime(built / name, ns=(times[name].st_atime_ns, times[name].st_mtime_ns))
        if removed_now:
            # Snakemake recorded the failed job's input checksums for these outputs: forget them, as a
            # copy whose outputs were never rebuilt would not have them.
            run_snakemake(built, "--cleanup-metadata", *removed_now)
        for name, kept in saved.items():
            path = built / name
            if kept is None:
                path.unlink(missing_ok=True)
                continue
            data, stat = kept
            path.write_bytes(data)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.end_to_end
def test_a_run_from_a_subdirectory_is_told_where_to_start(built):
    command = [sys.executable, "-m", "snakemake", "-s", "../Snakefile", "--configfile", "../config/config.yaml"]
    result = subprocess.run(command, cwd=built / "notebooks", capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "not in the project's root" in output and "Traceback" not in output, output


def test_the_raw_layer_is_what_the_data_package_records():
    """The committed raw files all have their md5 recorded (what the gate checks before every run)."""
    assert raw_problems(REPO / "data/raw", REPO / DATAPACKAGE) == []
    package = json.loads((REPO / DATAPACKAGE).read_text(encoding="utf-8"))
    assert all(resource.get("hash") for resource in package["resources"])
    assert "raw-md5:" in (REPO / "Makefile").read_text(encoding="utf-8")
