"""The output directories can be written, with room to spare, before any job starts."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

# A cold build writes about 20 MB of outputs, logs and records; below this much free space it stops
# before any job, instead of failing halfway with "No space left on device".
MIN_FREE_BYTES = 100 * 2**20


def writable_problem(directory: str | Path) -> str | None:
    """A sentence naming ``directory`` if a file cannot be created in it (read-only, no permission)."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe.", suffix=".partial", dir=directory)
    except OSError as exc:
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror
        return f"{directory}: cannot write there ({reason}): make it writable (or free space), then run again"
    os.close(fd)
    os.unlink(probe)
    return None


def space_problem(directory: str | Path, free_bytes: int | None = None, minimum: int = MIN_FREE_BYTES) -> str | None:
    """A sentence naming ``directory`` if its file system has less than ``minimum`` bytes free."""
    free = shutil.disk_usage(directory).free if free_bytes is None else free_bytes
    if free >= minimum:
        return None
    return (
        f"{directory}: only {free / 2**20:.1f} MB free on its disk, and a build may write {minimum / 2**20:.0f} MB: "
        "free some space, then run again"
    )


def output_dir_problems(directories: Iterable[str | Path]) -> list[str]:
    """Every output directory that cannot be written or lacks room, one line each."""
    problems = []
    for directory in directories:
        problem = writable_problem(directory) or space_problem(directory)
        if problem:
            problems.append(problem)
    return problems
