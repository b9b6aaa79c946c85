"""Processed tables re-derived in memory and compared with the files in ``data/processed/``.

Snakemake decides what to rebuild from file dates, so a processed file replaced behind its back (a
hand edit, a checkout, a failed build followed by restoring the raw file with its old date) is not
rebuilt, and whatever it holds would flow on to figures, notebooks and the checksum manifest. Whenever
a processed file or one of its sources changes (rule ``verify_processed_tables``, which the manifest
of the outputs waits for), every processed table and series is therefore cleaned again from its raw
files, in memory, and must equal its file byte for byte; otherwise the build stops and names the file,
the first line that differs and how to restore it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import InputError
from ..outputs import format_csv
from ..series.external import ExternalConfig, clean_external_series
from ..statistical_files.specs import StatisticalFilesConfig
from ..statistical_files.tables import processed_tables
from .clean import clean_table
from .specs import TableSpec


def _first_difference(path: str, expected: str) -> InputError | None:
    """None if the file holds ``expected``; else an error naming the file and its first differing line."""
    file = Path(path)
    if not file.is_file():
        return InputError(path, "processed file missing")
    actual = file.read_bytes().decode("utf-8", "replace")
    if actual == expected:
        return None
    actual_lines, expected_lines = actual.split("\n"), expected.split("\n")
    for number, (found, wanted) in enumerate(zip(actual_lines, expected_lines, strict=False), start=1):
        if found != wanted:
            return InputError(
                path,
                f"differs from the table re-derived from its raw files (expected {wanted!r})",
                line=number,
                text=found,
            )
    return InputError(
        path, f"has {len(actual_lines)} lines; re-derived from its raw files it has {len(expected_lines)}"
    )


def verify_processed(
    specs: Mapping[str, TableSpec],
    corrections_path: str,
    external: ExternalConfig | None = None,
    statistical: tuple[StatisticalFilesConfig, dict[str, str]] | None = None,
) -> list[str]:
    """Re-derive every processed table (external series and, with ``statistical`` = (declaration, file
    paths), the tables of the public statistical files too) and return one message per file that
    differs from what its raw files give; an empty list when all agree."""
    problems: list[str] = []
    expected: dict[str, str] = {}
    for spec in specs.values():
        expected[spec.processed] = format_csv(clean_table(spec, spec.raw, corrections_path))
    if external is not None:
        for series_id, series in external.processed.items():
            expected[series.path] = format_csv(clean_external_series(external, series_id))
    if statistical is not None:
        declaration, paths = statistical
        for name, frame in processed_tables(paths, declaration).items():
            expected[declaration.processed[name]] = format_csv(frame)
    for path, text in expected.items():
        error = _first_difference(path, text)
        if error is not None:
            problems.append(
                f"{error}. The file was changed without the build (by hand or by a git operation): restore it "
                f"with `git checkout -- {path}` or rebuild it with "
                f"`rm {path} && snakemake --profile profiles/default {path}`"
            )
    return problems
