"""Downloading every declared source into a dated release: lock, progress, resume, clear errors.

Uses ``requests`` (streamed, with connect and read timeouts, a bounded number of attempts for
timeouts, dropped connections and 5xx answers only). A download is complete only when its length is the
``Content-Length`` the server announced and its content passes the checks of :mod:`.convert`; only
then are the original and the converted file written (atomically) and recorded. A file already recorded
with its md5 is skipped, so a refresh interrupted or stopped by one bad source resumes where it
stopped. The committed files are only read.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import requests

from ..outputs import atomic_path, process_alive
from ..statistical_files.datapackage import file_md5
from . import release as rel
from .convert import to_committed_file
from .sources import TOKEN_PLACEHOLDER, RefreshError, Source

LOCK = ".refresh.lock"
USER_AGENT = "migration-evidence-refresh (+docs/refresh.md)"


class RefreshLockedError(RuntimeError):
    """Another refresh holds the lock."""


@contextmanager
def refresh_lock(root: str | Path):
    """Hold ``<root>/.refresh.lock`` (created exclusively) for one refresh; a lock of a dead process is taken over."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    lock = root / LOCK
    for _ in range(2):  # at most one stale lock removed
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            text = lock.read_text(encoding="utf-8").strip() if lock.exists() else ""
            pid = int(text.split()[0]) if text.split() and text.split()[0].isdigit() else None
            if pid is not None and pid != os.getpid() and process_alive(pid):
                raise RefreshLockedError(
                    f"another refresh is running (process {pid}, lock {lock}); wait for it to finish, or remove "
                    "the lock if that process is not a refresh"
                ) from None
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n")
        break
    else:
        raise RefreshLockedError(f"could not take the lock {lock}")
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)


class Progress:
    """One line per download on the terminal: bytes received, of how many, and the source's name."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()

    def update(self, label: str, received: int, total: int | None) -> None:
        if self.live:
            of = f" of {total / 1e3:,.1f}" if total else ""
            self.stream.write(f"\r  {label}: {received / 1e3:,.1f}{of} kB ")
            self.stream.flush()

    def done(self, label: str, message: str) -> None:
        self.stream.write(("\r" if self.live else "") + f"  {label}: {message}\n")
        self.stream.flush()


def download(
    source: Source,
    *,
    timeout: float = 60.0,
    attempts: int = 3,
    progress: Progress | None = None,
    label: str | None = None,
    session: requests.Session | None = None,
) -> bytes:
    """The bytes at the source's URL, complete, or a :class:`RefreshError` naming source, URL and problem."""
    url = source.url  # as declared: where the token goes in the URL, the placeholder stays in every message
    headers = {"User-Agent": USER_AGENT}
    token = source.token()
    request_url = url
    if token is not None and source.token_in_url:
        request_url = url.replace(TOKEN_PLACEHOLDER, quote(token, safe=""))
    elif token is not None:
        headers[source.token_header] = token

    def scrub(text: str) -> str:  # an exception's text can quote the URL requested
        return (
            text.replace(quote(token, safe=""), TOKEN_PLACEHOLDER).replace(token, TOKEN_PLACEHOLDER) if token else text
        )

    session = session or requests.Session()
    label = label or source.name
    last_problem = ""
    for attempt in range(1, attempts + 1):
        if attempt > 1:
            time.sleep(min(2 ** (attempt - 2), 8))
        try:
            with session.get(request_url, headers=headers, stream=True, timeout=(timeout, timeout)) as response:
                status = response.status_code
                if status in (401, 403) and token is not None:
                    raise RefreshError(
                        source.name,
                        url,
                        f"HTTP {status} {response.reason}: the token in {source.token_env} was refused",
                    )
                if 400 <= status < 500:
                    raise RefreshError(source.name, url, scrub(f"HTTP {status} {response.reason}"))
                if status >= 500:
                    last_problem = f"HTTP {status} {response.reason} (server error)"
                    continue
                expected = response.headers.get("Content-Length")
                total = int(expected) if expected and expected.isdigit() else None
                chunks, received = [], 0
                for chunk in response.iter_content(chunk_size=1 << 16):
                    chunks.append(chunk)
                    received += len(chunk)
                    if progress:
                        progress.update(label, received, total)
                data = b"".join(chunks)
        except RefreshError:
            raise
        except requests.exceptions.ConnectTimeout:
            last_problem = f"no connection within {timeout:g} s (host unreachable or timing out)"
            continue
        except requests.exceptions.ReadTimeout:
            last_problem = f"no data for {timeout:g} s (the server timed out)"
            continue
        except requests.exceptions.ConnectionError as exc:
            text = scrub(str(exc))
            if "Read timed out" in text:
                last_problem = f"no data for {timeout:g} s (the server timed out)"
            elif "IncompleteRead" in text or "Connection broken" in text:
                last_problem = f"truncated download: the connection closed before the announced length ({text[:160]})"
            else:
                last_problem = f"host unreachable ({text[:160]})"
            continue
        except requests.exceptions.ChunkedEncodingError as exc:
            last_problem = (
                f"truncated download: the connection closed before the announced length ({scrub(str(exc))[:160]})"
            )
            continue
        except requests.exceptions.RequestException as exc:
            raise RefreshError(source.name, url, scrub(f"request failed: {exc}")) from None
        if total is not None and len(data) != total:
            last_problem = f"truncated download: {len(data)} bytes received of the {total} announced"
            continue
        return data
    raise RefreshError(source.name, url, f"{last_problem}; gave up after {attempts} attempt(s)")


EXTENSIONS = {"csv": "csv", "banxico_sie_cuadro_xlsx": "xlsx"}  # the others are JSON APIs
MEDIATYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _extension(source: Source) -> str:
    return EXTENSIONS.get(source.conversion, "json")


def refresh(
    sources: dict[str, Source],
    *,
    releases: str | Path,
    date: str,
    committed_dir: str | Path,
    only: Iterable[str] | None = None,
    timeout: float = 60.0,
    attempts: int = 3,
    stream: TextIO | None = None,
) -> Path:
    """Download every declared source (or those in ``only``) into ``<releases>/<date>/``; return that directory.

    Every source is tried; the errors of those that failed are raised together at the end, after the
    others were recorded."""
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"the release date must be YYYY-MM-DD, not {date!r}") from None
    names = list(only) if only else list(sources)
    unknown = [n for n in names if n not in sources]
    if unknown:
        raise ValueError(f"unknown source(s) {unknown}; declared: {sorted(sources)}")
    progress = Progress(stream)
    release = Path(releases) / date
    errors: list[RefreshError] = []
    with refresh_lock(releases):
        record = rel.read_record(release)
        session = requests.Session()
        for index, name in enumerate(names, start=1):
            source = sources[name]
            label = f"[{index}/{len(names)}] {name}"
            target = f"{rel.STATISTICAL_DIR}/{source.file}"
            done = rel.recorded(record, target)
            if done and (release / target).is_file() and file_md5(release / target) == done["hash"]:
                progress.done(label, f"already in release {date}, skipped")
                continue
            try:
                started = time.monotonic()
                data = download(
                    source, timeout=timeout, attempts=attempts, progress=progress, label=label, session=session
                )
                retrieved = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                converted = to_committed_file(source, source.url, data)
                committed = Path(committed_dir) / source.file
                if committed.is_file():
                    rel.check_no_withdrawn_periods(source, source.url, committed.read_bytes(), converted)
            except RefreshError as exc:
                progress.done(label, f"FAILED: {exc.problem}")
                errors.append(exc)
                continue
            origin = {"title": source.title, "publisher": source.publisher, "url": source.url, "retrieved": retrieved}
            files = [(target, converted, "csv")]
            download_path = f"{rel.DOWNLOADS_DIR}/{name}.{_extension(source)}"
            if source.conversion != "csv":
                files.append((download_path, data, _extension(source)))
            for path, content, kind in files:
                with atomic_path(release / path) as tmp:
                    tmp.write_bytes(content)
                resource = {
                    "name": name if path == target else f"{name}_download",
                    "path": path,
                    "format": kind,
                    "mediatype": MEDIATYPES[kind],
                    **({"encoding": "utf-8"} if kind != "xlsx" else {}),
                    "bytes": len(content),
                    "hash": file_md5(release / path),
                    "title": source.title if path == target else f"{source.title}: the download as received",
                    "sources": [origin],
                }
                if path == target:
                    resource["conversion"] = source.conversion
                    resource["download"] = download_path if source.conversion != "csv" else path
                rel.put_resource(record, resource)
            rel.write_record(release, record)
            seconds = time.monotonic() - started
            progress.done(label, f"{len(data):,} bytes in {seconds:.1f} s, md5 {file_md5(release / target)}")
    if errors:
        raise RefreshErrors(errors, release)
    return release


class RefreshErrors(RuntimeError):
    """Some sources failed; the others are recorded in the release and the next run resumes."""

    def __init__(self, errors: list[RefreshError], release: Path) -> None:
        self.errors, self.release = errors, release
        lines = "\n".join(f"  - {e}" for e in errors)
        super().__init__(
            f"{len(errors)} source(s) failed; nothing committed was touched, the other sources are recorded in "
            f"{release}, and the next refresh with the same date resumes:\n{lines}"
        )
