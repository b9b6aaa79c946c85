"""Every raw file recorded with its md5 in the data package, and checked against it.

``data/raw/datapackage.json`` has one resource per file under ``data/raw/`` (tables as printed,
excerpts, registers, public series and files): its ``hash`` is the file's md5 and ``bytes`` its size.
:func:`raw_problems` lists every file that is missing, not recorded, or changed since it was recorded;
the workflow stops on any of them before a job runs (workflow/rules/integrity.smk).

A change made on purpose is recorded with :func:`record_raw_md5s` (``make raw-md5 REASON="..."``):
the new md5 and size, and under ``changes`` the md5 with the reason given, so the data package keeps
the history of every deliberate change next to the record it changed.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from ..statistical_files.datapackage import DATAPACKAGE, file_md5

RAW_DIR = "data/raw"
RECORD_COMMAND = 'make raw-md5 REASON="what changed and why"'


class RawIntegrityError(Exception):
    """The raw layer is not what its data package records: one line per file at fault."""


def _read_package(datapackage: str | Path) -> dict:
    path = Path(datapackage)
    if not path.is_file():
        raise RawIntegrityError(
            f"{path}: missing. It records the source and md5 of every raw file; restore it with "
            f"`git checkout -- {path}`."
        )
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RawIntegrityError(f"{path}: not valid JSON ({exc}); restore it with `git checkout -- {path}`.") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise RawIntegrityError(f"{path}: has no list of 'resources'; restore it with `git checkout -- {path}`.")
    return package


def raw_files(root: str | Path = RAW_DIR, datapackage: str | Path = DATAPACKAGE) -> list[str]:
    """Every file under ``root`` but the data package itself and hidden files, as paths relative to it."""
    root = Path(root)
    skip = Path(datapackage).resolve()
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file() or path.resolve() == skip:
            continue
        found.append(relative.as_posix())
    return sorted(found)


def raw_problems(root: str | Path = RAW_DIR, datapackage: str | Path = DATAPACKAGE) -> list[str]:
    """One line per raw file that keeps ``root`` from being what ``datapackage`` records (empty if none)."""
    package = _read_package(datapackage)
    root = Path(root)
    recorded = {str(r.get("path")): r for r in package["resources"]}
    problems = []
    for relative, resource in sorted(recorded.items()):
        path = root / PurePosixPath(relative)
        declared = resource.get("hash")
        if not path.is_file():
            problems.append(f"{path}: missing, but {datapackage} records it; restore it with `git checkout -- {path}`")
        elif not declared:
            problems.append(f"{path}: {datapackage} records no md5 for it; record it with `{RECORD_COMMAND}`")
        elif (actual := file_md5(path)) != declared:
            problems.append(
                f"{path}: md5 is {actual}, but {datapackage} records {declared}: changed since it was recorded. "
                f"Undo the change with `git checkout -- {path}`, or, if the source really reads so, record it "
                f"with `{RECORD_COMMAND}` (a fix that needs judgement belongs in data/raw/corrections.csv)"
            )
    for relative in raw_files(root, datapackage):
        if relative not in recorded:
            problems.append(
                f"{root / relative}: not recorded in {datapackage}; add its source record, then `{RECORD_COMMAND}`"
            )
    return problems


def check_raw(root: str | Path = RAW_DIR, datapackage: str | Path = DATAPACKAGE) -> None:
    """Raise :class:`RawIntegrityError` listing every problem of :func:`raw_problems`."""
    problems = raw_problems(root, datapackage)
    if problems:
        raise RawIntegrityError("\n".join(problems))


def record_raw_md5s(reason: str, root: str | Path = RAW_DIR, datapackage: str | Path = DATAPACKAGE) -> list[str]:
    """Record the md5 and size of every raw file whose record lacks them or differs, with ``reason``.

    A file without a resource gets a minimal one (name, path, size, md5) to be completed with its
    source. Returns the files recorded; the data package is rewritten only if there are any."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ValueError('give the reason for the change (REASON="...", at least a few words)')
    package = _read_package(datapackage)
    root = Path(root)
    by_path = {str(r.get("path")): r for r in package["resources"]}
    for relative in raw_files(root, datapackage):
        if relative not in by_path:
            resource = {"name": PurePosixPath(relative).stem.replace(".", "_").lower(), "path": relative}
            package["resources"].append(resource)
            by_path[relative] = resource
    changed = []
    for relative, resource in by_path.items():
        path = root / PurePosixPath(relative)
        if not path.is_file():
            raise ValueError(f"{path}: recorded in {datapackage} but missing; restore it or remove its record")
        digest = file_md5(path)
        if resource.get("hash") == digest and resource.get("bytes") == path.stat().st_size:
            continue
        resource["bytes"] = path.stat().st_size
        resource["hash"] = digest
        resource.setdefault("changes", []).append({"hash": digest, "reason": reason})
        changed.append(str(path))
    if changed:
        text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
        tmp = Path(datapackage).with_name(f".{Path(datapackage).name}.partial")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(datapackage)
    return changed
