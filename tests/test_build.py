"""End to end: the pipeline rebuilds every committed output from the raw data alone, byte for byte."""

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
