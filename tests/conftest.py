"""Shared helpers: the repository root, its table declarations, and isolated pipeline copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
OUTPUT_DIRS = ["data/processed", "figures", "reports", "results"]
# Intermediate files (never committed) that a clean copy must not carry over.
INTERMEDIATE_DIRS = ["data/interim"]
SKIP_DIRS = {".venv", ".snakemake", "logs", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
SEEDS_DIR = Path(os.environ.get("MIGRATION_SEEDS_DIR", REPO.parent / "shared" / "seeds"))


def copy_repository(dest: Path, *, with_outputs: bool = True) -> Path:
    """Copy the project (without environment, caches or logs) to ``dest``."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n in SKIP_DIRS}
        rel = Path(directory).relative_to(REPO)
        if not with_outputs:
            skipped |= {n for n in names if (rel / n).as_posix() in OUTPUT_DIRS + INTERMEDIATE_DIRS}
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


def external_data_dir(root: Path = REPO) -> Path:
    """The directory the pipeline reads CONAPO's microdata from (config/config.yaml)."""
    config = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
    return root / config["external_data_dir"]


def microdata_spec():
    from migration_evidence.microdata_specs import load_microdata_spec

    return load_microdata_spec(REPO / "config" / "microdata.yaml")


def microdata_outputs() -> set[str]:
    """Committed outputs that only a build with CONAPO's files produces."""
    from migration_evidence.figure_specs import load_figures

    return set(microdata_spec().final_outputs(load_figures(REPO / "config" / "figures.yaml")))


MISSING_MICRODATA = [p.name for p in microdata_spec().missing_files(external_data_dir())]
needs_microdata = pytest.mark.skipif(
    bool(MISSING_MICRODATA),
    reason=f"CONAPO's microdata not in {external_data_dir()} (missing {MISSING_MICRODATA}); "
    "see README, 'Municipal microdata'",
)


@pytest.fixture(scope="session")
def specs():
    from migration_evidence.table_specs import load_specs

    return load_specs(REPO / "config" / "tables.yaml")


@pytest.fixture(scope="session")
def processed(specs):
    from migration_evidence.processed import read_processed

    return {table_id: read_processed(REPO / spec.processed, spec) for table_id, spec in specs.items()}
