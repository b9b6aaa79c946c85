"""Read processed tables back with their declared types."""

from __future__ import annotations

import pandas as pd

from ..columns import pandas_dtype
from .specs import TableSpec


def read_processed(path: str, spec: TableSpec) -> pd.DataFrame:
    """Read a processed CSV with the column types declared in config/tables.yaml.

    Empty cells are missing values (the key of a printed total row, a footnote that is absent).
    """
    dtypes = {c.name: pandas_dtype(c.dtype) for c in spec.output_columns}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in dtypes})
    for column in spec.output_columns:
        if column.dtype == "str":
            frame[column.name] = frame[column.name].fillna("")
    return frame
