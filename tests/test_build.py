"""End to end: with no network, the pipeline rebuilds every committed output from the raw data
alone, byte for byte; an interrupted build, rerun, gives the same files."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    OUTPUT_DIRS,
    REPO,
    copy_repository,
    offline,
    run_snakemake,
    snakemake_command,
)

pytestmark = pytest.mark.end_to_end


def _files(root: Path) -> set[str]:
    found = set()
    for directory in OUTPUT_DIRS:
        base = root / directory
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}
    return found


def _expected_outputs() -> set[str]:
    """Every committed output (the data they are built from are all committed)."""
    return _files(REPO)


def _assert_reproduces(work: Path) -> None:
    built, expected = _files(work), _expected_outputs()
    assert built == expected, f"only built: {sorted(built - expected)}; only expected: {sorted(expected - built)}"
    differing = [f for f in sorted(built) if not filecmp.cmp(work / f, REPO / f, shallow=False)]
    assert not differing, f"outputs differ from the committed ones: {differing}"


def _interrupt_then_resume(work: Path) -> None:
    """One cold build, killed (SIGKILL to its whole process group) once it has written a few outputs,
    then unlocked and run again to the end."""
    command, env = snakemake_command(no_network=True)
    process = subprocess.Popen(
        command, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and len(_files(work)) < 3:
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _files(work), "the build was interrupted before writing anything"
    # A hard kill leaves Snakemake's lock behind; releasing it is the documented first step.
    unlock = run_snakemake(work, "--unlock")
    assert unlock.returncode == 0, unlock.stdout + unlock.stderr
    result = run_snakemake(work, no_network=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """The one cold build of the end-to-end tier, from a copy without outputs, offline; interrupted
    partway and resumed, so that it also shows that a killed build rerun gives the same files."""
    work = copy_repository(tmp_path_factory.mktemp("build") / "repo", with_outputs=False)
    assert not _files(work)
    _interrupt_then_resume(work)
    return work


def test_a_clean_build_interrupted_and_resumed_reproduces_every_committed_output(clean_build):
    _assert_reproduces(clean_build)


def test_second_run_has_nothing_to_do(clean_build):
    result = run_snakemake(clean_build, "--dry-run")
    assert "Nothing to be done" in result.stdout + result.stderr


def test_offline_guard_refuses_connections(tmp_path):
    """The offline build really is offline: the same environment cannot open a connection."""
    probe = "import socket; socket.create_connection(('93.184.215.14', 443), timeout=5)"
    command, env = offline([sys.executable, "-c", probe], dict(os.environ))
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "attempted during an offline build" in result.stderr


def _planned_rules(result: subprocess.CompletedProcess) -> dict[str, int]:
    """Rule -> job count from a dry run's 'Job stats' table."""
    stats, table = {}, (result.stdout + result.stderr).split("Job stats:", 1)
    for line in table[1].splitlines()[3:] if len(table) == 2 else []:
        fields = line.split()
        if len(fields) != 2 or fields[0] == "total":
            break
        stats[fields[0]] = int(fields[1])
    return stats


def test_editing_package_code_reruns_every_job_that_runs_it(clean_build, tmp_path):
    """Every rule that runs package code takes the package's digest as a parameter (workflow/rules/
    common.smk), which Snakemake's params trigger watches: an edit to any module must plan every job
    of the build again."""
    work = tmp_path / "repo"
    shutil.copytree(clean_build, work, symlinks=True)
    module = work / "src/migration_evidence/figures/specs.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    planned = _planned_rules(run_snakemake(work, "--dry-run"))
    everything = _planned_rules(run_snakemake(work, "--dry-run", "--forceall"))
    assert planned and planned == everything, f"planned {planned}, a full build runs {everything}"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, check=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git checkout")
def test_planning_linting_and_the_report_write_no_tracked_file(tmp_path):
    """Only a job that builds an output may write into the checkout: a dry run, --lint and a report
    build of the live checkout leave `git status` as it was."""
    before = _git("status", "--porcelain", "--untracked-files=all")
    for args in (["--dry-run"], ["--lint"], ["--report", str(tmp_path / "report.html")]):
        command, env = snakemake_command(*args)
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=900)
        assert result.returncode == 0, result.stdout + result.stderr
        after = _git("status", "--porcelain", "--untracked-files=all")
        assert after == before, f"snakemake {args[0]} changed the checkout"
