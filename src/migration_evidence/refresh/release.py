"""A dated release directory and its own record of md5s, sizes, URLs and retrieval times.

Layout of ``data/raw/releases/<date>/``::

    datapackage.json            one resource per file, in the form of data/raw/datapackage.json
    downloads/<source>.<ext>    each download in its original format, bytes as received
    statistical_files/<file>    the committed file's name and exact columns, made from the download

The record's resources carry ``path`` (relative to the release), ``bytes`` and ``hash`` (md5) exactly
as ``data/raw/datapackage.json`` does, so the release passes the same integrity check as the committed
files (:func:`migration_evidence.integrity.declared.verify_declared_hash`) before anything is built on it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..errors import InputError
from ..integrity.declared import verify_declared_hash
from ..outputs import write_text
from .sources import RefreshError, Source

RECORD = "datapackage.json"
STATISTICAL_DIR = "statistical_files"
DOWNLOADS_DIR = "downloads"


def read_record(release: str | Path) -> dict:
    path = Path(release) / RECORD
    if not path.is_file():
        return {"name": f"statistical-files-release-{Path(release).name}", "resources": []}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_record(release: str | Path, record: dict) -> None:
    record["resources"].sort(key=lambda r: r["path"])
    write_text(Path(release) / RECORD, json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def recorded(record: dict, path: str) -> dict | None:
    return next((r for r in record["resources"] if r["path"] == path), None)


def put_resource(record: dict, resource: dict) -> None:
    record["resources"] = [r for r in record["resources"] if r["path"] != resource["path"]] + [resource]


def verify_release(release: str | Path) -> list[Path]:
    """Check every file of a release against its own record (md5); return the statistical files."""
    release = Path(release)
    record_path = release / RECORD
    if not record_path.is_file():
        raise InputError(str(record_path), "a release directory must hold its record (datapackage.json)")
    files = []
    for resource in read_record(release)["resources"]:
        path = release / resource["path"]
        if not path.is_file():
            raise InputError(str(path), f"recorded in {record_path} but missing")
        verify_declared_hash(path, record_path)
        if resource["path"].startswith(STATISTICAL_DIR + "/"):
            files.append(path)
    if not files:
        raise InputError(str(record_path), "the release holds no statistical file")
    return files


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def check_no_withdrawn_periods(source: Source, url: str, committed: bytes, refreshed: bytes) -> None:
    """Stop if the refreshed file lacks periods the committed file has (a publisher withdrawing data)."""

    def periods(data: bytes) -> set[tuple[str, ...]]:
        if source.wide:  # one column per period, after the name column
            header = next(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            return {(label,) for label in header[1:]}
        return {tuple(row[c] for c in source.period) for row in rows_of(data)}

    withdrawn = sorted(periods(committed) - periods(refreshed))
    if withdrawn:
        shown = ", ".join("/".join(p) for p in withdrawn[:6]) + (" …" if len(withdrawn) > 6 else "")
        raise RefreshError(
            source.name,
            url,
            f"the release has fewer periods than the committed {source.file}: {len(withdrawn)} period(s) "
            f"withdrawn ({shown}); not recorded, so nothing is built on it",
        )


def wide_files_with_other_periods(
    sources: dict[str, Source], release: str | Path, committed_dir: str | Path
) -> list[str]:
    """The wide files of a release whose period columns are not the committed file's.

    The build reads such a file against the periods its configuration declares (the municipal
    remittances: whole years in config/municipal_waves.yaml), so the build on a release keeps the
    committed copy of these files; the report says so and still lists their revisions and new periods."""

    def header(path: Path) -> list[str]:
        return next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))

    out = []
    for source in sources.values():
        refreshed = Path(release) / STATISTICAL_DIR / source.file
        committed = Path(committed_dir) / source.file
        if source.wide and refreshed.is_file() and committed.is_file() and header(refreshed) != header(committed):
            out.append(source.file)
    return sorted(out)
