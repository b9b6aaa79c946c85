"""Shared helpers: the repository root, its table declarations, and isolated pipeline copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OUTPUT_DIRS = ["data/processed", "figures", "reports", "results"]
SKIP_DIRS = {".venv", ".snakemake", "logs", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
SEEDS_DIR = Path(os.environ.get("MIGRATION_SEEDS_DIR", REPO.parent / "shared" / "seeds"))


def copy_repository(dest: Path, *, with_outputs: bool = True) -> Path:
    """Copy the project (without environment, caches or logs) to ``dest``."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n in SKIP_DIRS}
        rel = Path(directory).relative_to(REPO)
        if not with_outputs:
            skipped |= {n for n in names if (rel / n).as_posix() in OUTPUT_DIRS}
        return skipped

    shutil.copytree(REPO, dest, ignore=ignore, symlinks=True)
    return dest


def run_snakemake(workdir: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the pipeline in ``workdir`` with this interpreter's Snakemake."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--profile", "profiles/default", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="session")
def specs():
    from migration_evidence.table_specs import load_specs

    return load_specs(REPO / "config" / "tables.yaml")


@pytest.fixture(scope="session")
def processed(specs):
    from migration_evidence.processed import read_processed

    return {table_id: read_processed(REPO / spec.processed, spec) for table_id, spec in specs.items()}
