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
