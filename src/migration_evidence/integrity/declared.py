"""Integrity of the raw layer without the test suite.

Two checks the build runs whenever it reads an excerpt or an external series:

- the file's md5 must be the one ``data/raw/datapackage.json`` records for it (``hash``), so that a
  value changed consistently in a raw table and its excerpt, or a changed value of a public series,
  stops the build instead of flowing into the outputs;
- an excerpt must be the lines of its source document that it cites, byte for byte, whenever the
  documents are at hand (``data/documents/``, or the directory named by ``MIGRATION_DOCUMENTS_DIR``),
  and that document must be the version whose SHA-256 the data package records.

Kept free of pandas.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..errors import InputError
from ..statistical_files.datapackage import DATAPACKAGE, file_md5

DOCUMENTS_ENV = "MIGRATION_DOCUMENTS_DIR"
DEFAULT_DOCUMENTS_DIR = "data/documents"


def documents_dir() -> Path:
    """Where the source documents are looked for (they are not in the repository)."""
    return Path(os.environ.get(DOCUMENTS_ENV) or DEFAULT_DOCUMENTS_DIR)


def _resources(datapackage: str) -> dict[str, dict]:
    with open(datapackage, encoding="utf-8") as handle:
        return {r["path"]: r for r in json.load(handle)["resources"]}


def _resource(path: str | Path, datapackage: str | Path) -> tuple[str, dict]:
    relative = Path(os.path.relpath(path, Path(datapackage).parent)).as_posix()
    resource = _resources(str(datapackage)).get(relative)
    if resource is None:
        raise InputError(str(path), f"the file has no source record in {datapackage}")
    return relative, resource


def verify_declared_hash(path: str | Path, datapackage: str | Path = DATAPACKAGE) -> None:
    """Stop, naming the file and both checksums, if ``path`` is not the version its record declares."""
    relative, resource = _resource(path, datapackage)
    declared = resource.get("hash")
    if declared is None:
        raise InputError(str(path), f"its source record in {datapackage} ({relative!r}) declares no hash")
    actual = file_md5(path)
    if actual != declared:
        with open(path, "rb") as handle:
            bom = handle.read(3) == b"\xef\xbb\xbf"
        raise InputError(
            str(path),
            f"md5 is {actual}, but {datapackage} records {declared} for it: the file changed after it was "
            "checked against its source"
            + (" (it now begins with a UTF-8 byte-order mark; save it as UTF-8 without BOM)" if bom else "")
            + f". If the source really reads so, correct the file and record its new md5 in {datapackage}; "
            "a fix that needs judgement belongs in data/raw/corrections.csv",
        )


def verify_excerpt_against_document(
    excerpt_path: str | Path, datapackage: str | Path = DATAPACKAGE, directory: str | Path | None = None
) -> bool:
    """Compare an excerpt with the document lines its record cites, if the document is at hand.

    Return whether the document was found (and so the comparison made); stop, naming the excerpt and
    the first line that differs, if the excerpt is not those lines byte for byte."""
    _, resource = _resource(excerpt_path, datapackage)
    (source,) = resource["sources"]
    document = Path(directory or documents_dir()) / source["document"]
    if not document.is_file():
        return False
    data = document.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != source["document_sha256"]:
        raise InputError(
            str(document),
            f"SHA-256 is {digest}, but {datapackage} records {source['document_sha256']}: not the version of "
            f"the document the excerpt {excerpt_path} was taken from",
        )
    first, last = source["lines"]
    expected = data.decode("utf-8").splitlines(keepends=True)[first - 1 : last]
    actual = Path(excerpt_path).read_text(encoding="utf-8").splitlines(keepends=True)
    for offset, wanted in enumerate(expected):
        found = actual[offset] if offset < len(actual) else ""
        if found != wanted:
            raise InputError(
                str(excerpt_path),
                f"differs from line {first + offset} of {document}, which reads {wanted.rstrip()!r}",
                line=offset + 1,
                text=found.rstrip("\n"),
            )
    if len(actual) != len(expected):
        raise InputError(
            str(excerpt_path), f"has {len(actual)} lines; lines {first}-{last} of {document} are {len(expected)}"
        )
    return True
