"""Shared helpers: the repository root, its table declarations, and isolated pipeline copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from migration_evidence.determinism import SETTINGS as DETERMINISM

# The settings that make estimates byte-identical (migration_evidence.determinism), for the tests that
# compute in this process and for every process they start; before any test module loads NumPy.
os.environ.update(DETERMINISM)

REPO = Path(__file__).resolve().parents[1]
OUTPUT_DIRS = ["data/processed", "figures", "reports", "results"]
# Intermediate files (never committed) that a clean copy must not carry over.
INTERMEDIATE_DIRS = ["data/interim"]
SKIP_DIRS = {".venv", ".snakemake", "logs", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
# The source documents (text files named as in config/documents.yaml) are not in the repository;
# tests that compare excerpts and quotes with them read them from here and skip when absent.
SEEDS_DIR = Path(os.environ.get("MIGRATION_DOCUMENTS_DIR", REPO / "data" / "documents"))


# The module that builds the whole project from raw (a cold build, interrupted and resumed) takes as long
# as all the others on one core: run on several workers (`make test`: pytest-xdist, one module per
# worker), it starts first, so that the workers finish together.
FIRST_MODULES = ("test_build.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in FIRST_MODULES)


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


@pytest.fixture(scope="session")
def specs():
    from migration_evidence.printed.specs import load_specs

    return load_specs(REPO / "config" / "tables.yaml")


@pytest.fixture(scope="session")
def processed(specs):
    from migration_evidence.printed.processed import read_processed

    return {table_id: read_processed(REPO / spec.processed, spec) for table_id, spec in specs.items()}


def record_raw_change(work: Path, reason: str = "a deliberate change made by the test") -> list[str]:
    """Record the md5s of the raw files changed in the copy ``work`` as a deliberate change would
    (`make raw-md5`), so that the build goes past the md5 gate to the checks of the content."""
    from migration_evidence.integrity.raw import record_raw_md5s

    return record_raw_md5s(reason, work / "data/raw", work / "data/raw/datapackage.json")


def normalise_document_text(text: str) -> str:
    """Document lines as one string: words hyphenated across a line break rejoined, whitespace
    collapsed. Used to find a quote in the lines it cites."""
    text = re.sub(r"-[ \t]*\n[ \t]*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def quote_occurs(quote: str, document_lines: str) -> bool:
    """Whether every part of a quote (parts separated by the register's QUOTE_GAP) occurs, in order, in
    the (normalised) cited lines."""
    from migration_evidence.audit.claims import QUOTE_GAP

    haystack = normalise_document_text(document_lines)
    position = 0
    for part in quote.split(QUOTE_GAP):
        found = haystack.find(re.sub(r"\s+", " ", part.strip()), position)
        if found < 0:
            return False
        position = found + len(part.strip())
    return True


def assert_is_the_committed_table(frame, path: str, draw_dependent=(), rows=None, float_format="%.12g") -> None:
    """A test fixture's table against the file the pipeline published (``path``, from the repository
    root). The fixtures make a notebook's or a rule's tables with the package functions it calls, and the
    unit tests check those; this ties each fixture to what the pipeline really computes (the same
    functions, inputs and settings), so that a change to the notebook or the rule cannot leave the tests
    checking something it no longer publishes. Columns that depend on the number of bootstrap draws
    (``draw_dependent``; the fixtures draw fewer) are left out, and so are the rows ``rows`` rejects;
    ``float_format`` is the one the rule writes with (write_csv's default otherwise)."""
    from io import StringIO

    import pandas as pd

    from migration_evidence.outputs import format_csv

    ours = pd.read_csv(StringIO(format_csv(frame.reset_index(drop=True), float_format)), keep_default_na=False)
    committed = pd.read_csv(REPO / path, keep_default_na=False)
    assert list(ours.columns) == list(committed.columns), path
    if rows is not None:
        ours, committed = ours[rows(ours)], committed[rows(committed)]
    columns = [c for c in committed.columns if c not in set(draw_dependent)]
    pd.testing.assert_frame_equal(
        ours[columns].reset_index(drop=True),
        committed[columns].reset_index(drop=True),
        check_dtype=False,
        check_exact=True,
    )
