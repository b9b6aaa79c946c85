"""Every output hashed by the job that writes it, and checked against that record before each run.

The atomic writers of :mod:`migration_evidence.outputs` call :func:`record_output` once a file is in
place: when the environment variable ``MIGRATION_OUTPUT_RECORDS`` names a directory (the workflow sets
it for its jobs), the file's SHA-256 goes to ``<directory>/<output path>.sha256``, in ``sha256sum``
format. Before any job runs, :func:`output_problems` compares every output with its record. An output
without a record (a fresh clone, or records removed) must be its committed version: the blob git has
for it in ``HEAD`` or, outside a git checkout, its line in the committed checksum manifests. Anything
else was changed behind the build's back (edited by hand) and is reported with the command that
rebuilds it. The manifests are themselves outputs, so a hand-edited manifest line is caught the same
way; and the manifest is assembled from the records (:func:`manifest_from_records`), so it can only
certify bytes a job wrote.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

RECORDS_ENV = "MIGRATION_OUTPUT_RECORDS"
RECORDS_DIR = "logs/output_records"
SUFFIX = ".sha256"


class OutputIntegrityError(Exception):
    """Outputs whose bytes no job of the build wrote: one line per file."""


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _relative(path: str | Path) -> str | None:
    """``path`` relative to the working directory (the project root in a build), or None if outside it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return None


def record_path(output: str, records_dir: str | Path) -> Path:
    return Path(records_dir) / f"{output}{SUFFIX}"


def record_output(path: str | Path) -> None:
    """Write the SHA-256 record of the output just written at ``path``, if the build asked for records."""
    directory = os.environ.get(RECORDS_ENV)
    relative = _relative(path) if directory else None
    if relative is None:
        return
    record = record_path(relative, directory)
    record.parent.mkdir(parents=True, exist_ok=True)
    tmp = record.with_name(f".{record.name}.{os.getpid()}.partial")
    tmp.write_text(f"{sha256_file(path)}  {relative}\n", encoding="utf-8")
    os.replace(tmp, record)


def read_record(record: Path) -> tuple[str, str]:
    digest, _, path = record.read_text(encoding="utf-8").rstrip("\n").partition("  ")
    return digest, path


def _git_blob(path: str | Path) -> str:
    data = Path(path).read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def committed_blobs(directories: Iterable[str]) -> dict[str, str] | None:
    """Git's blob ids in ``HEAD`` for the files under ``directories`` (paths relative to the working
    directory), or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "ls-tree", "-r", "-z", "HEAD", "--", *directories],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    blobs = {}
    for entry in result.stdout.decode("utf-8", "replace").split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            blobs[path] = parts[2]
    return blobs


def rebuild_hint(path: str) -> str:
    return (
        f"rebuild it with `rm {path} && snakemake --profile profiles/default {path}`, "
        f"or restore the committed version with `git checkout -- {path}`"
    )


def _manifest_lines(manifest: Path) -> dict[str, str]:
    lines = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        lines[path] = digest
    return lines


def output_problems(
    manifests: Iterable[str],
    records_dir: str | Path = RECORDS_DIR,
    committed: dict[str, str] | None = None,
) -> list[str]:
    """One line per output whose bytes are neither its job's record nor its committed version."""
    problems = []
    seen: set[str] = set()
    records = Path(records_dir)
    if records.is_dir():
        for record in sorted(records.rglob(f"*{SUFFIX}")):
            if record.name.startswith("."):
                continue
            digest, path = read_record(record)
            seen.add(path)
            if not path or not Path(path).is_file() or sha256_file(path) == digest:
                continue
            if committed is not None and committed.get(path) == _git_blob(path):
                continue  # its committed version, checked out (a pull, a checkout, a merge)
            problems.append(f"{path}: differs from what its job wrote (SHA-256 in {record}): {rebuild_hint(path)}")
    for manifest in map(Path, manifests):
        candidates = [manifest.as_posix()]
        lines = _manifest_lines(manifest) if manifest.is_file() else {}
        candidates += lines
        for path in candidates:
            if path in seen or not Path(path).is_file():
                continue
            seen.add(path)
            if committed is not None:
                if committed.get(path) != _git_blob(path):
                    problems.append(
                        f"{path}: differs from its committed version and no job of this build wrote it: "
                        f"{rebuild_hint(path)}"
                    )
            elif path in lines and sha256_file(path) != lines[path]:
                problems.append(
                    f"{path}: differs from its SHA-256 in {manifest} (one of the two was edited by hand): "
                    f"{rebuild_hint(path)}"
                )
    return problems


def manifest_from_records(paths: Iterable[str], records_dir: str | Path = RECORDS_DIR) -> str:
    """The ``sha256sum`` lines of ``paths`` from their jobs' records (sorted by path). A file without a
    record is its committed version (checked when the run started) and is hashed; a file whose bytes
    differ from its record stops the manifest, naming it."""
    lines = []
    for path in sorted(set(paths)):
        actual = sha256_file(path)
        record = record_path(path, records_dir)
        if record.is_file():
            digest, _ = read_record(record)
            if digest != actual:
                raise OutputIntegrityError(
                    f"{path}: differs from what its job wrote (SHA-256 in {record}): {rebuild_hint(path)}"
                )
        lines.append(f"{actual}  {path}\n")
    return "".join(lines)
