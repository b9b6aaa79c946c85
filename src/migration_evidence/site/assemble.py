"""Assemble the sources of the project's site (Sphinx, MyST-NB, sphinx-book-theme; conf in ``site/``).

The site's pages are files the pipeline already writes, copied into one source directory with the
repository's own layout (so that a relative link between two of them works in the site as in the
repository):

- every executed notebook (``reports/notebooks/<name>.ipynb``, rendered without re-execution), with a
  "What we find" box after its title, generated from its result tables
  (:mod:`migration_evidence.site.findings`), and every code input folded (MyST-NB's ``hide-input`` tag;
  a cell tagged ``remove-input`` keeps showing its output alone);
- the source audit, the exhibits index and the municipal report (``reports/*.md``), the pages of
  ``docs/`` and the README;
- a front page listing each notebook with its finding, and a bibliography page.

A link from one of these pages to a repository file that is not a page of the site (a CSV, a script,
a configuration file) becomes the file's name in code type: the site holds no copy of it to link to.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import nbformat

from ..notebooks.registry import NotebookSpec
from ..outputs import write_text

HIDE_INPUT_TAG = "hide-input"
REMOVE_INPUT_TAG = "remove-input"
FINDINGS_CLASS = "findings"
# The Markdown pages of the site besides the notebooks, as repository paths, in navigation order.
REPORT_PAGES = ("reports/source_audit.md", "reports/exhibits.md", "reports/municipal_microdata.md")
SITE_CONFIG_FILES = ("references.bib",)
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)


def fold_code(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose code inputs are folded: every code cell not tagged ``remove-input`` gets
    the ``hide-input`` tag (MyST-NB shows its output, and its code behind a "Show code" toggle)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = list(cell.metadata.get("tags", []))
        if REMOVE_INPUT_TAG not in tags and HIDE_INPUT_TAG not in tags:
            tags.append(HIDE_INPUT_TAG)
        cell.metadata["tags"] = tags
    return nb


def findings_markdown(sentences: Iterable[str]) -> str:
    """The "What we find" box (a MyST admonition), one bullet per sentence."""
    bullets = "\n".join(f"- {sentence}" for sentence in sentences)
    if not bullets:
        raise ValueError("a findings box needs at least one sentence")
    return f"```{{admonition}} What we find\n:class: tip {FINDINGS_CLASS}\n\n{bullets}\n```\n"


def with_findings(nb: nbformat.NotebookNode, sentences: Iterable[str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the findings box right after its title (the first cell's ``#`` heading)."""
    nb = copy.deepcopy(nb)
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        raise ValueError("the notebook does not open with a markdown cell holding its '# ' title")
    title, _, rest = first.source.partition("\n")
    first.source = title
    cells = [first, nbformat.v4.new_markdown_cell(findings_markdown(sentences), id="what-we-find")]
    if rest.strip():
        cells.append(nbformat.v4.new_markdown_cell(rest.strip("\n"), id=f"{first.id}-body"))
    nb.cells = cells + nb.cells[1:]
    return nb


def relink(text: str, page: str, pages: set[str]) -> str:
    """``text`` (Markdown of the page at repository path ``page``) with each relative link that leads to
    no page of the site replaced by the linked file's name in code type; links to pages, anchors and
    addresses are kept. A link to a notebook's old HTML page leads to the notebook itself."""

    def replace(found: re.Match) -> str:
        target = found["target"]
        if EXTERNAL.match(target):
            return found.group(0)
        path, _, anchor = target.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(page), path))
        if resolved.startswith("reports/notebooks/") and resolved.endswith(".html"):
            notebook = resolved[: -len(".html")] + ".ipynb"
            if notebook in pages:
                new = os.path.relpath(notebook, os.path.dirname(page) or ".")
                return f"[{found['text']}]({new}{'#' + anchor if anchor else ''})"
        if resolved in pages:
            return found.group(0)
        name = found["text"].strip("`")
        return f"`{path}`" if name == path or name == resolved else f"{found['text']} (`{resolved}`)"

    return LINK.sub(replace, text)


NUMBER = re.compile(r"^(?P<sign>[-−]?)(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?$")
# Pages whose tables hold printed numbers a reviewer searches for, in the column headed "printed".
AUDIT_PAGES = ("reports/source_audit.md",)


def number_forms(text: str) -> list[str]:
    """The forms a reader may type for a printed number: as shown, in plain digits and with digit groups.

    >>> number_forms("7332"), number_forms("2,443"), number_forms("34.9"), number_forms("n/a")
    (['7332', '7,332'], ['2,443', '2443'], ['34.9'], [])
    """
    found = NUMBER.match(text.strip())
    if not found:
        return []
    digits = found["whole"].replace(",", "")
    tail = found["fraction"] or ""
    forms = [text.strip(), f"{found['sign']}{digits}{tail}", f"{found['sign']}{int(digits):,}{tail}"]
    return list(dict.fromkeys(forms))


def index_printed_numbers(text: str) -> str:
    """``text`` (a Markdown page of tables) with each number of a column headed "printed" made an index
    entry, in every form a reader may type (:func:`number_forms`): the site's search then finds the row
    of a printed number whether it is typed "7,332" or "7332" (Sphinx's full-text index leaves numbers
    out; its search looks them up among the index entries, which point to their row)."""
    out, column = [], None
    for line in text.split("\n"):
        if not line.startswith("|"):
            column = None
            out.append(line)
            continue
        cells = line.split("|")
        stripped = [cell.strip() for cell in cells]
        if column is None:
            column = stripped.index("printed") if "printed" in stripped else -1
        elif column > 0 and column < len(cells) and not set(stripped[column]) <= set("-: "):
            forms = number_forms(stripped[column])
            if forms:
                cells[column] = f" {{index}}`{forms[0]} <single: {'; '.join(forms)}>` "
        out.append("|".join(cells))
    return "\n".join(out)


def front_page(
    notebooks: list[NotebookSpec], findings: dict[str, list[str]], docs: list[str], project_title: str
) -> str:
    """The site's front page: each notebook with its finding, then the navigation of every page."""
    lines = [
        f"# {project_title}",
        "",
        "Two papers on migration between Mexico, El Salvador and the United States, reproduced from their "
        "printed tables and checked cell by cell, and their claims carried forward with public data. Each "
        "notebook below opens with what it finds; its code is folded under *Show code*. The "
        "[source audit](reports/source_audit.md) lists every check of a printed number (search it for a "
        "number as printed, e.g. 7,332), and the [exhibits index](reports/exhibits.md) maps every table "
        "and figure to the rule and script that make it.",
        "",
        "## The notebooks and what they find",
        "",
    ]
    for nb in notebooks:
        link = f"[{nb.title}](reports/notebooks/{nb.name}.ipynb)"
        lines.append(f"{nb.number}. **{link}.** " + " ".join(findings[nb.name]))
    lines += ["", "```{toctree}", ":caption: Notebooks", ":maxdepth: 1", ":hidden:", ""]
    lines += [f"reports/notebooks/{nb.name}" for nb in notebooks]
    lines += ["```", "", "```{toctree}", ":caption: Audit and reports", ":maxdepth: 1", ":hidden:", ""]
    lines += [page[: -len(".md")] for page in REPORT_PAGES]
    lines += ["```", "", "```{toctree}", ":caption: How it is built", ":maxdepth: 1", ":hidden:", ""]
    lines += ["README", *(page[: -len(".md")] for page in docs), "references"]
    lines += ["```", ""]
    return "\n".join(lines)


REFERENCES_PAGE = """# References

The documents reproduced, the publishers of the public data and the methods cited on the pages.

```{bibliography}
:all:
```
"""


def assemble(
    root: str | os.PathLike[str],
    destination: str | os.PathLike[str],
    notebooks: dict[str, NotebookSpec],
    site_config: str | os.PathLike[str],
    findings_of: Callable[[NotebookSpec], list[str]],
    project_title: str = "Migration evidence: Mexico, El Salvador and the United States",
) -> None:
    """Write the site's source directory ``destination`` from the repository at ``root``.

    ``findings_of(spec)`` gives the sentences of a notebook's "What we find" box. ``destination`` is
    emptied first, so a page no longer produced does not linger."""
    root, destination = Path(root), Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    docs = sorted(p.relative_to(root).as_posix() for p in (root / "docs").glob("*.md"))
    pages = {*REPORT_PAGES, *docs, "README.md", *(nb.executed for nb in notebooks.values())}
    findings = {name: findings_of(spec) for name, spec in notebooks.items()}
    for name, spec in notebooks.items():
        nb = nbformat.read(root / spec.executed, as_version=4)
        nb = with_findings(fold_code(nb), findings[name])
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source, spec.executed, pages)
        write_text(destination / spec.executed, nbformat.writes(nb, version=4) + "\n")
    for page in [*REPORT_PAGES, *docs, "README.md"]:
        text = relink((root / page).read_text(encoding="utf-8"), page, pages)
        if page in AUDIT_PAGES:
            text = index_printed_numbers(text)
        write_text(destination / page, text)
    write_text(destination / "index.md", front_page(list(notebooks.values()), findings, docs, project_title))
    write_text(destination / "references.md", REFERENCES_PAGE)
    for name in SITE_CONFIG_FILES:
        shutil.copyfile(Path(site_config) / name, destination / name)
