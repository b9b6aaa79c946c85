"""Checksum manifests: of every output (the reviewer's one-line diff between two builds), and of the
package code the build's jobs run (its fingerprint)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..outputs import write_text


def sha256_manifest(paths: list[str]) -> str:
    """Lines in ``sha256sum`` format (check with ``sha256sum -c``), sorted by path."""
    lines = []
    for path in sorted(set(paths)):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        lines.append(f"{digest}  {path}\n")
    return "".join(lines)


def package_files(directory: str | Path) -> list[str]:
    """Every file of a source tree that its code may read: modules, templates and any data file, not
    bytecode caches (``__pycache__``) nor hidden files (editors' lock and backup files)."""
    found = []
    for path in Path(directory).rglob("*"):
        parts = path.relative_to(directory).parts
        if any(part == "__pycache__" or part.startswith(".") for part in parts) or not path.is_file():
            continue
        found.append(path.as_posix())
    return sorted(found)


def refresh_manifest(manifest: str | Path, paths: list[str]) -> bool:
    """Rewrite ``manifest`` for ``paths`` only if it does not already record exactly their contents, so
    that its modification time moves when, and only when, one of them changed. Returns whether it was
    rewritten (atomically: a reader never sees half a manifest)."""
    manifest = Path(manifest)
    text = sha256_manifest(paths)
    if manifest.is_file() and manifest.read_text(encoding="utf-8") == text:
        return False
    write_text(manifest, text)
    return True


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
