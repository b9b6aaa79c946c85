"""The data dictionary: every column of every processed table, with type, unit and source."""

from __future__ import annotations

import pandas as pd

from ..columns import TABLE_SCHEMA_TYPES
from ..printed.specs import TableSpec
from ..series.external import ExternalConfig, external_dictionary
from ..statistical_files.specs import StatisticalFilesConfig, dictionary_rows


def data_dictionary(
    specs: dict[str, TableSpec],
    external: ExternalConfig | None = None,
    statistical: StatisticalFilesConfig | None = None,
) -> pd.DataFrame:
    """One row per column of every processed table: the printed tables, the external series, then the
    tables made from the public statistical files."""
    rows = []
    for spec in specs.values():
        for col in spec.output_columns:
            rows.append(
                {
                    "file": spec.processed,
                    "column": col.name,
                    "type": TABLE_SCHEMA_TYPES[col.dtype],
                    "unit": col.unit,
                    "description": col.description,
                    "allowed_range": _range(col.min, col.max, col.allowed),
                    "source_document": spec.document,
                    "source_table": spec.printed_table,
                    "source_lines": f"{spec.lines[0]}-{spec.lines[1]}",
                    "raw_file": spec.raw,
                    "printed_column": col.raw,
                    "printed_format": col.format.describe() if col.raw else "",
                }
            )
    frame = pd.DataFrame(rows)
    if external is not None:
        frame = pd.concat([frame, external_dictionary(external)], ignore_index=True)
    if statistical is not None:
        frame = pd.concat([frame, pd.DataFrame(dictionary_rows(statistical))], ignore_index=True)
    return frame


def _range(low, high, allowed) -> str:
    if allowed is not None:
        return " | ".join(str(a) for a in allowed)
    if low is None and high is None:
        return ""
    return f"[{'' if low is None else low}, {'' if high is None else high}]"
