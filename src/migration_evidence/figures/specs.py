"""The figure registry (``config/figures.yaml``): what each figure shows and what it is drawn from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_yaml


@dataclass(frozen=True)
class FigureSpec:
    name: str
    function: str  # "module:function"
    inputs: dict[str, str]  # name -> file path
    source_tables: tuple[str, ...]  # printed tables the figure derives from (config/tables.yaml ids)
    message: str
    source: str  # footer line naming the source
    # Configuration files the drawing function reads ("tables", "documents"), as the rule declares them.
    config: dict[str, str] = field(default_factory=dict)


def load_figures(path: str | Path = "config/figures.yaml") -> dict[str, FigureSpec]:
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    figures = {}
    for name, entry in doc["figures"].items():
        unknown = set(entry) - {"function", "inputs", "source_tables", "message", "source"}
        if unknown:
            raise ValueError(f"{path}: figure {name}: unknown keys {sorted(unknown)}")
        if ":" not in entry["function"]:
            raise ValueError(f"{path}: figure {name}: function must be 'module:function'")
        figures[name] = FigureSpec(
            name=name,
            function=entry["function"],
            inputs=dict(entry["inputs"]),
            source_tables=tuple(entry.get("source_tables", [])),
            message=entry["message"],
            source=entry["source"],
        )
    return figures
