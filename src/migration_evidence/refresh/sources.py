"""The declared official download of each public statistical file (``config/refresh_sources.yaml``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_yaml, read_config

SOURCES = "config/refresh_sources.yaml"
SCHEMA = "workflow/schemas/refresh_sources.schema.yaml"
STATISTICAL_TABLES = "config/statistical_tables.yaml"


class RefreshError(Exception):
    """A refresh that cannot go on: names the source, its URL and the problem."""

    def __init__(self, source: str, url: str, problem: str) -> None:
        self.source, self.url, self.problem = source, url, problem
        super().__init__(f"source {source!r} ({url}): {problem}")


@dataclass(frozen=True)
class Source:
    """One declared download and the committed file it refreshes."""

    name: str
    file: str  # the committed file's name in data/raw/statistical_files/
    columns: tuple[str, ...]  # the committed file's header, in order
    key: tuple[str, ...]
    period: tuple[str, ...]
    publisher: str
    title: str
    url: str
    conversion: str
    token_env: str | None = None
    token_header: str | None = None
    banxico: dict = field(default_factory=dict)
    final_newline: bool = True

    def token(self) -> str | None:
        """The access token from the environment, or stop if the source needs one and it is not set."""
        if self.token_env is None:
            return None
        value = os.environ.get(self.token_env, "").strip()
        if not value:
            raise RefreshError(
                self.name,
                self.url,
                f"needs a free access token from {self.publisher} in the environment variable {self.token_env}, "
                "which is not set (docs/refresh.md says where to request one)",
            )
        return value


def load_sources(
    path: str | Path = SOURCES,
    schema: str | Path = SCHEMA,
    statistical_tables: str | Path = STATISTICAL_TABLES,
) -> tuple[dict[str, Source], list[dict]]:
    """The declared sources by name, and the headline estimates the refresh report compares."""
    data = read_config(path, schema)
    tables = load_yaml(Path(statistical_tables).read_text(encoding="utf-8"))["statistical_files"]
    sources: dict[str, Source] = {}
    for name, entry in data["sources"].items():
        table = tables.get(entry["table"])
        if table is None:
            raise ValueError(f"{path}: sources.{name}.table: {entry['table']!r} is not in {statistical_tables}")
        columns = tuple(table["columns"])
        for column in entry["period"]:
            if column not in columns:
                raise ValueError(f"{path}: sources.{name}.period: {column!r} is not a column of {table['file']}")
        sources[name] = Source(
            name=name,
            file=table["file"],
            columns=columns,
            key=tuple(table["key"]),
            period=tuple(entry["period"]),
            publisher=entry["publisher"],
            title=entry["title"],
            url=entry["url"],
            conversion=entry["conversion"],
            token_env=entry.get("token_env"),
            token_header=entry.get("token_header"),
            banxico=entry.get("banxico", {}),
            final_newline=table.get("final_newline", True),
        )
    return sources, data["headline_estimates"]
