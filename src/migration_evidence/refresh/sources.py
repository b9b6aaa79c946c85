"""The declared official download of each public statistical file (``config/refresh_sources.yaml``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_yaml, read_config

SOURCES = "config/refresh_sources.yaml"
SCHEMA = "workflow/schemas/refresh_sources.schema.yaml"
STATISTICAL_TABLES = "config/statistical_tables.yaml"
# Where a token goes in a URL that carries it (INEGI); the declared URL, the release record and every
# message keep this placeholder, so the token itself is never written anywhere.
TOKEN_PLACEHOLDER = "{token}"
# The columns of a wide file's cells read one by one (compare.py): the state a row belongs to, and the period.
WIDE_GROUP, WIDE_PERIOD, WIDE_VALUE = "ENTIDAD", "PERIODO", "VALOR"


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
    inegi: dict = field(default_factory=dict)
    wide: dict = field(default_factory=dict)  # a wide file: one column per period (see convert.py)
    final_newline: bool = True

    @property
    def token_in_url(self) -> bool:
        """Whether the token is a path segment of the URL (``{token}``), as INEGI's API asks, not a header."""
        return TOKEN_PLACEHOLDER in self.url

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
        if "wide" in entry:
            # A wide file (one row per state or municipality, one column per period) is declared by its
            # file name and name column; its period columns change with every release.
            wide = entry["wide"]
            file, columns, final_newline = entry["file"], (wide["name_column"],), True
            key, period = (WIDE_GROUP, wide["name_column"], WIDE_PERIOD), (WIDE_PERIOD,)
        else:
            table = tables.get(entry["table"])
            if table is None:
                raise ValueError(f"{path}: sources.{name}.table: {entry['table']!r} is not in {statistical_tables}")
            file, columns, final_newline = table["file"], tuple(table["columns"]), table.get("final_newline", True)
            key, period = tuple(table["key"]), tuple(entry["period"])
            for column in period:
                if column not in columns:
                    raise ValueError(f"{path}: sources.{name}.period: {column!r} is not a column of {file}")
        if "token_env" in entry and "token_header" not in entry and TOKEN_PLACEHOLDER not in entry["url"]:
            raise ValueError(
                f"{path}: sources.{name}: a token goes in token_header or in the URL as {TOKEN_PLACEHOLDER}"
            )
        if TOKEN_PLACEHOLDER in entry["url"] and "token_env" not in entry:
            raise ValueError(
                f"{path}: sources.{name}: the URL has {TOKEN_PLACEHOLDER} but no token_env names the token"
            )
        sources[name] = Source(
            name=name,
            file=file,
            columns=columns,
            key=key,
            period=period,
            publisher=entry["publisher"],
            title=entry["title"],
            url=entry["url"],
            conversion=entry["conversion"],
            token_env=entry.get("token_env"),
            token_header=entry.get("token_header"),
            banxico=entry.get("banxico", {}),
            inegi=entry.get("inegi", {}),
            wide=entry.get("wide", {}),
            final_newline=final_newline,
        )
    return sources, data["headline_estimates"]
