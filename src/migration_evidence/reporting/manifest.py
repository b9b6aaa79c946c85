"""Checksum manifests of outputs (the reviewer's one-line diff between two builds)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_manifest(paths: list[str]) -> str:
    """Lines in ``sha256sum`` format (check with ``sha256sum -c``), sorted by path."""
    lines = []
    for path in sorted(set(paths)):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        lines.append(f"{digest}  {path}\n")
    return "".join(lines)


def manifest_mismatches(manifest: str | Path, paths: list[str]) -> list[str]:
    """What keeps ``paths`` from being exactly the files ``manifest`` records: one line per path that
    is missing, not recorded, or changed, and one per manifest entry not among ``paths``."""
    manifest = Path(manifest)
    if not manifest.is_file():
        return [f"{manifest}: missing"]
    recorded = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        recorded[path] = digest
    problems = []
    for path in sorted(set(paths)):
        if not Path(path).is_file():
            problems.append(f"{path}: missing")
        elif path not in recorded:
            problems.append(f"{path}: not recorded in {manifest}")
        elif hashlib.sha256(Path(path).read_bytes()).hexdigest() != recorded[path]:
            problems.append(f"{path}: differs from its SHA-256 in {manifest}")
    problems += [f"{path}: recorded in {manifest} but not an output" for path in sorted(set(recorded) - set(paths))]
    return problems
