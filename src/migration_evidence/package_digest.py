"""One SHA-256 of the package's code, which the workflow passes to every job that runs the package as a
parameter: Snakemake records each job's parameters and reruns a job whose parameters changed (its
``params`` rerun trigger), so an edit to any module or template reruns those jobs, and nothing is
written to the working tree to achieve it."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def package_files(directory: str | Path = PACKAGE_DIR) -> list[Path]:
    """Every file of a source tree that its code may read (modules, templates, data files), sorted, not
    bytecode caches (``__pycache__``) nor hidden files (editors' lock and backup files)."""
    directory = Path(directory)
    found = []
    for path in directory.rglob("*"):
        parts = path.relative_to(directory).parts
        if any(part == "__pycache__" or part.startswith(".") for part in parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def package_digest(directory: str | Path = PACKAGE_DIR) -> str:
    """SHA-256 over the relative path and the bytes of every file ``package_files`` lists: it changes
    when, and only when, a file is edited, added, removed or renamed, whatever the checkout's location
    or file dates."""
    directory = Path(directory)
    digest = hashlib.sha256()
    for path in package_files(directory):
        name = path.relative_to(directory).as_posix().encode()
        content = path.read_bytes()
        digest.update(len(name).to_bytes(8, "big") + name + len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()
