"""Reports rendered from Jinja templates (``reporting/templates/``): the text of a report lives in its
template, the numbers and tables in the context the calling module computes. One environment serves
every report: Markdown templates (``*.md.j2``) render values as they are, and any HTML or XML template
autoescapes them (``select_autoescape``)."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).with_name("templates")


def markdown_table(rows: list[list[object]], header: list[str]) -> str:
    """A Markdown table: a header line, the separator, one line per row (cells as ``str``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def frame_table(frame) -> str:
    """A DataFrame as a Markdown table, values as ``str`` prints them."""
    return markdown_table([list(row) for row in frame.itertuples(index=False)], [str(c) for c in frame.columns])


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of the package's reports."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml"), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["table"] = markdown_table
    env.filters["frame_table"] = frame_table
    env.filters["g"] = lambda value: f"{value:g}"
    env.filters["int"] = lambda value: f"{int(value):,}"
    return env


def render(template: str, **context: object) -> str:
    """Render ``reporting/templates/<template>`` with ``context``; an undefined name is an error."""
    return environment().get_template(template).render(**context)
