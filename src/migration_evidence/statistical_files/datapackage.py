"""Public statistical files (CONAPO, INEGI, Banco de México, World Bank) committed bytes unchanged.

The one declaration of these files is ``data/raw/datapackage.json``: every resource whose path lies
under ``statistical_files/`` gives the file's name, its md5 (``hash``), size, origin and license. The
build reads them from the directory ``statistical_files_dir`` of ``config/config.yaml`` (by default the
committed copies in ``data/raw/statistical_files``; a user may point it at official downloads) and
checks every file it reads with :func:`verify_statistical_file`, so that no result is ever computed
from a copy other than the one it was checked against.

Kept free of pandas so that the workflow can load it cheaply when it is parsed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputError

DATAPACKAGE = "data/raw/datapackage.json"
# Where the committed copies are, relative to the repository root (the default of statistical_files_dir).
DEFAULT_DIR = "data/raw/statistical_files"
_PREFIX = "statistical_files/"


@dataclass(frozen=True)
class PackagedFile:
    """One declared file: its name, md5 and size, and where the committed copy was found."""

    name: str  # resource name in the data package
    file: str  # file name, the same in the committed directory and in a user's directory
    md5: str
    bytes: int
    title: str
    # repository, path and commit of the public copy; or, for a file adopted from a refresh release
    # (migration_evidence.refresh), the URL it was downloaded from and when
    found_in: dict[str, str]

    @property
    def origin(self) -> str:
        if "repository" not in self.found_in:
            return f"{self.found_in['url']}, retrieved {self.found_in['retrieved']}"
        return f"{self.found_in['repository']}, {self.found_in['path']}, commit {self.found_in['commit']}"

    def path(self, directory: str | Path) -> Path:
        return Path(directory) / self.file


def load_statistical_files(datapackage: str | Path = DATAPACKAGE) -> dict[str, PackagedFile]:
    """Every statistical file declared in the data package, by file name."""
    with open(datapackage, encoding="utf-8") as handle:
        package = json.load(handle)
    files: dict[str, PackagedFile] = {}
    for resource in package["resources"]:
        if not resource["path"].startswith(_PREFIX):
            continue
        where = f"{datapackage}: resource {resource.get('name')!r}"
        digest = str(resource.get("hash", ""))
        if not (len(digest) == 32 and all(c in "0123456789abcdef" for c in digest)):
            raise ValueError(f"{where}: 'hash' must be the file's md5 (32 lower-case hex digits), not {digest!r}")
        (source,) = resource["sources"]
        name = PurePosixPath(resource["path"]).name
        files[name] = PackagedFile(
            name=resource["name"],
            file=name,
            md5=digest,
            bytes=int(resource["bytes"]),
            title=resource["title"],
            found_in={key: source[key] for key in ("repository", "path", "commit")}
            if "repository" in source
            else {key: source[key] for key in ("url", "retrieved")},
        )
    return files


def file_md5(path: str | Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_statistical_file(path: str | Path, declared: PackagedFile) -> str:
    """Return the file's md5, or stop naming the file and both checksums if it is not the declared copy."""
    if not Path(path).is_file():
        raise InputError(str(path), f"file not found: {declared.title} ({declared.file}) is declared in {DATAPACKAGE}")
    actual = file_md5(path)
    if actual != declared.md5:
        raise InputError(
            str(path),
            f"md5 is {actual}, expected {declared.md5}. This is not the copy of {declared.title} that the "
            f"results were checked against (found in {declared.origin}; declared in {DATAPACKAGE}); "
            "see docs/municipal_microdata.md",
        )
    return actual
