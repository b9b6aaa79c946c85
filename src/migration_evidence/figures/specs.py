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

    @property
    def group(self) -> str:
        """The module that draws the figure ("printed" for ``migration_evidence.figures.printed:…``):
        the build draws each module's figures in one job, so pandas and matplotlib load once per module."""
        return self.function.split(":")[0].rsplit(".", 1)[-1]


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


def figure_groups(figures: dict[str, FigureSpec]) -> dict[str, list[str]]:
    """The figures' names by the module that draws them, in registry order: one build job per module.

    >>> from dataclasses import replace
    >>> spec = FigureSpec("a", "pkg.figures.printed:a", {}, (), "", "")
    >>> figure_groups({"a": spec, "b": replace(spec, name="b", function="pkg.figures.series:b"), "c": spec})
    {'printed': ['a', 'c'], 'series': ['b']}
    """
    groups: dict[str, list[str]] = {}
    for name, spec in figures.items():
        groups.setdefault(spec.group, []).append(name)
    return groups
