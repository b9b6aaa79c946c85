"""End to end: with no network, the pipeline rebuilds every committed output from the raw data
alone, byte for byte; an interrupted build, rerun, gives the same files."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import OUTPUT_DIRS, REPO, copy_repository, offline, run_snakemake, snakemake_command


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
    result = run_snakemake(work, no_network=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def test_clean_build_reproduces_every_committed_output(clean_build):
    _assert_same_outputs(clean_build)


def test_second_run_has_nothing_to_do(clean_build):
    result = run_snakemake(clean_build, "--dry-run")
    assert "Nothing to be done" in result.stdout + result.stderr


def _assert_same_outputs(work: Path) -> None:
    built, committed = _files(work), _files(REPO)
    assert built == committed, f"only built: {sorted(built - committed)}; only committed: {sorted(committed - built)}"
    differing = [f for f in sorted(built) if not filecmp.cmp(work / f, REPO / f, shallow=False)]
    assert not differing, f"outputs differ from the committed ones: {differing}"


def test_offline_guard_refuses_connections(tmp_path):
    """The offline build really is offline: the same environment cannot open a connection."""
    probe = "import socket; socket.create_connection(('93.184.215.14', 443), timeout=5)"
    command, env = offline([sys.executable, "-c", probe], dict(os.environ))
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "attempted during an offline build" in result.stderr


def test_interrupted_build_resumes_to_the_same_outputs(tmp_path):
    work = copy_repository(tmp_path / "repo", with_outputs=False)
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
    partial = _files(work)
    assert partial, "the build was interrupted before writing anything"
    # A hard kill leaves Snakemake's lock behind; releasing it is the documented first step.
    unlock = run_snakemake(work, "--unlock")
    assert unlock.returncode == 0, unlock.stdout + unlock.stderr
    result = run_snakemake(work, no_network=True)
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_same_outputs(work)
