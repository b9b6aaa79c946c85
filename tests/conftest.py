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
# The source documents (text files named as in config/documents.yaml) are not in the repository;
# tests that compare excerpts and quotes with them read them from here and skip when absent.
SEEDS_DIR = Path(os.environ.get("MIGRATION_DOCUMENTS_DIR", REPO / "data" / "documents"))


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


NO_NETWORK_DIR = Path(__file__).resolve().parent / "no_network"


ISOLATE = 'ip link set lo up && exec "$@"'


def network_namespace_available() -> bool:
    """Whether the build can run in a network namespace of its own: only loopback up, no route out."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    probe = ["unshare", "-n", "sh", "-c", ISOLATE, "sh", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def offline(command: list[str], env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Make ``command`` run with no network.

    Every Python process it starts refuses outbound connections (a ``sitecustomize`` guard on
    PYTHONPATH) and, where the machine allows it, the whole command runs in a network namespace of its
    own with only loopback up.
    """
    env = {**env, "PYTHONPATH": os.pathsep.join(p for p in (str(NO_NETWORK_DIR), env.get("PYTHONPATH")) if p)}
    if network_namespace_available():
        command = ["unshare", "-n", "sh", "-c", ISOLATE, "sh", *command]
    return command, env


def snakemake_command(*args: str, no_network: bool = False) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run the pipeline with this interpreter's Snakemake."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "snakemake", "--profile", "profiles/default", *args]
    return offline(command, env) if no_network else (command, env)


def run_snakemake(
    workdir: Path, *args: str, no_network: bool = False, timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run the pipeline in ``workdir`` and wait for it."""
    command, env = snakemake_command(*args, no_network=no_network)
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=timeout, env=env)


def statistical_files_dir(root: Path = REPO) -> Path:
    """The directory the pipeline reads the public statistical files from (config/config.yaml)."""
    config = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
    return root / config["statistical_files_dir"]


def microdata_spec():
    from migration_evidence.microdata.specs import load_microdata_spec

    return load_microdata_spec(REPO / "config" / "microdata.yaml")


def microdata_outputs() -> set[str]:
    """Committed outputs that only a build with CONAPO's 2000 files produces (notebooks that read them and the
    2010/2020 waves, which are joined to them, included)."""
    from migration_evidence.figures.specs import load_figures
    from migration_evidence.microdata.waves_specs import load_waves_spec, with_waves_outputs
    from migration_evidence.notebooks.registry import load_notebooks

    figures = load_figures(REPO / "config" / "figures.yaml")
    outputs = microdata_spec().final_outputs(figures, load_notebooks(REPO / "config" / "notebooks.yaml"))
    return set(with_waves_outputs(outputs, load_waves_spec(REPO / "config" / "municipal_waves.yaml"), figures))


MISSING_MICRODATA = [p.name for p in microdata_spec().missing_files(statistical_files_dir())]
needs_microdata = pytest.mark.skipif(
    bool(MISSING_MICRODATA),
    reason=f"CONAPO's microdata not in {statistical_files_dir()} (missing {MISSING_MICRODATA}); "
    "see docs/municipal_microdata.md",
)


@pytest.fixture(scope="session")
def specs():
    from migration_evidence.printed.specs import load_specs

    return load_specs(REPO / "config" / "tables.yaml")


@pytest.fixture(scope="session")
def processed(specs):
    from migration_evidence.printed.processed import read_processed

    return {table_id: read_processed(REPO / spec.processed, spec) for table_id, spec in specs.items()}
