"""Deterministic, atomic writing of outputs.

Every output is written to a temporary file in its destination directory and moved into place only
when complete, so a failed job never leaves a half-written file behind; once in place its SHA-256 is
recorded for the build's integrity check (migration_evidence.integrity.records).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .integrity.records import record_output

if TYPE_CHECKING:  # pandas is imported only by the writers that need it
    import pandas as pd


# A temporary file is named ``.<output name>.<pid of the writer>.<random>.partial`` (git-ignored as
# ``.*.partial``): a write killed before its rename leaves one behind, and the next run removes it
# once its writer is gone (remove_stale_partials).
PARTIAL_SUFFIX = ".partial"
_PARTIAL = re.compile(r"^\..+\.(\d+)\.[^.]+\.partial$")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_partials(directories: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Delete the temporary files of interrupted writes in ``directories`` (recursively) whose writing
    process no longer runs; return them. A write in progress, in this or a concurrent run, is left alone."""
    removed = []
    for directory in directories:
        root = Path(directory)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob(f".*{PARTIAL_SUFFIX}")):
            match = _PARTIAL.match(path.name)
            if match and not process_alive(int(match.group(1))):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` only on success, and record
    its SHA-256 (:func:`~migration_evidence.integrity.records.record_output`)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=PARTIAL_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
        record_output(target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text with ``\\n`` line endings, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def format_csv(frame: pd.DataFrame, float_format: str = "%.12g") -> str:
    """Render a frame as CSV text with a fixed float format, no index and ``\\n`` line endings."""
    return frame.to_csv(index=False, lineterminator="\n", float_format=float_format)


def write_csv(path: str | os.PathLike[str], frame: pd.DataFrame, float_format: str = "%.12g") -> None:
    """Write a frame as CSV deterministically and atomically."""
    write_text(path, format_csv(frame, float_format))
