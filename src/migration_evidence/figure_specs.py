"""The figure registry (``config/figures.yaml``): what each figure shows and what it is drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class FigureSpec:
    name: str
    function: str
    tables: tuple[str, ...]
    message: str
    source: str


def load_figures(path: str | Path = "config/figures.yaml") -> dict[str, FigureSpec]:
    with open(path, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    figures = {}
    for name, entry in doc["figures"].items():
        unknown = set(entry) - {"function", "tables", "message", "source"}
        if unknown:
            raise ValueError(f"{path}: figure {name}: unknown keys {sorted(unknown)}")
        figures[name] = FigureSpec(
            name=name,
            function=entry["function"],
            tables=tuple(entry["tables"]),
            message=entry["message"],
            source=entry["source"],
        )
    return figures
