"""Building the pipeline on a release, and adopting a release.

Both do one thing to a repository tree: copy the release's statistical files into
``data/raw/statistical_files/`` and record their new md5, size and origin in ``data/raw/datapackage.json``.
:func:`prepare_tree` does it in a fresh copy of the repository's tracked files (outputs left out, so the
copy's build is a cold one with the same rules, schemas and audit); :func:`adopt` does it in the
repository itself, a deliberate step after reading the refresh report. The tree's configuration differs
in one setting: ``source_audit_gate: false`` (docs/refresh.md). In both, every release file is
first checked against the release's own record (:func:`.release.verify_release`), and the copy's
``datapackage.json`` then records exactly those bytes, so the build's md5 checks pass on them and on
nothing else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..outputs import atomic_path, write_text
from ..statistical_files.datapackage import DATAPACKAGE, DEFAULT_DIR, file_md5
from . import release as rel

OUTPUT_DIRS = ("data/processed", "figures", "reports", "results")
TREE_MARKER = ".refresh-release"
GATE_ON, GATE_OFF = "\nsource_audit_gate: true\n", "\nsource_audit_gate: false\n"


def _line_terminator(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data else "\n"


def adopt(root: str | Path, release: str | Path, keep: Iterable[str] = ()) -> list[str]:
    """Copy a verified release's files into ``root``'s statistical files and record them; return the files.

    Files named in ``keep`` stay as they are in ``root``."""
    root, release = Path(root), Path(release)
    files = rel.verify_release(release)
    record = rel.read_record(release)
    datapackage_path = root / DATAPACKAGE
    package = json.loads(datapackage_path.read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in package["resources"]}
    adopted = []
    keep = set(keep)
    for path in files:
        if path.name in keep:
            continue
        relative = f"{rel.STATISTICAL_DIR}/{path.name}"
        resource = by_path.get(relative)
        if resource is None:
            raise InputError(str(path), f"the release holds a file that {datapackage_path} does not declare")
        entry = rel.recorded(record, relative)
        data = path.read_bytes()
        with atomic_path(root / DEFAULT_DIR / path.name) as tmp:
            tmp.write_bytes(data)
        previous = {"hash": resource["hash"], "bytes": resource["bytes"], "sources": resource["sources"]}
        resource["bytes"] = len(data)
        resource["hash"] = file_md5(root / DEFAULT_DIR / path.name)
        resource["sources"] = [{**entry["sources"][0], "release": f"releases/{release.name}"}]
        resource["replaces"] = previous
        if "dialect" in resource:
            resource["dialect"]["lineTerminator"] = _line_terminator(data)
        adopted.append(path.name)
    write_text(datapackage_path, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return adopted


def tracked_files(repo: str | Path) -> list[str]:
    result = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, check=True, text=False)
    return [p for p in result.stdout.decode("utf-8").split("\0") if p]


def prepare_tree(repo: str | Path, release: str | Path, dest: str | Path, keep: Iterable[str] = ()) -> Path:
    """A copy of ``repo``'s tracked files without outputs, with ``release`` adopted in it (but for the
    files named in ``keep``, which stay the committed copies).

    A tree already prepared for the same release is reused (its build resumes); any other existing
    directory is refused rather than overwritten."""
    repo, release, dest = Path(repo), Path(release), Path(dest)
    rel.verify_release(release)
    keep = sorted(keep)
    stamp = json.dumps({"resources": rel.read_record(release)["resources"], "kept": keep}, sort_keys=True)
    marker = dest / TREE_MARKER
    if dest.exists():
        if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
            return dest
        raise InputError(str(dest), "exists and is not a tree prepared for this release; choose another --tree")
    staging = dest.with_name(dest.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    for name in tracked_files(repo):
        if any(name == d or name.startswith(d + "/") for d in OUTPUT_DIRS):
            continue
        source = repo / name
        if not source.is_file():  # deleted in the working copy
            continue
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    adopt(staging, release, keep)
    # The source audit records unexplained discrepancies instead of stopping: they are what the report is for.
    config = staging / "config" / "config.yaml"
    text = config.read_text(encoding="utf-8")
    if GATE_ON not in text:
        raise InputError(
            str(config), f"expected the line {GATE_ON.strip()!r}, to turn the audit's gate off in the tree"
        )
    config.write_text(text.replace(GATE_ON, GATE_OFF, 1), encoding="utf-8")
    (staging / TREE_MARKER).write_text(stamp, encoding="utf-8")
    staging.rename(dest)
    return dest
