"""The exhibits index (reports/exhibits.md): every output back to its source, rule and script."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..figures.specs import FigureSpec
from ..microdata.specs import MicrodataSpec
from ..microdata.waves_specs import WavesSpec
from ..notebooks.registry import NotebookSpec
from ..printed.specs import TableSpec
from ..series.external import ExternalConfig

DOCUMENTS_FILE = Path(__file__).resolve().parents[3] / "config" / "documents.yaml"
REPRODUCED = "reproduced from the printed table"


@dataclass(frozen=True)
class PaperExhibit:
    """One table or chart of a source document and how far the project reproduces it."""

    document: str
    exhibit: str
    title: str
    lines: tuple[int, int]
    status: str
    reason: str
    tables: tuple[str, ...]
    external: tuple[str, ...]
    figures: tuple[str, ...]
    results: tuple[str, ...]

    def outputs(self, specs: dict[str, TableSpec], external: ExternalConfig | None) -> list[str]:
        paths = [specs[t].processed for t in self.tables]
        if external is not None:
            paths += [external.processed[e].path for e in self.external]
        paths += [f"figures/{f}.svg" for f in self.figures]
        return paths + list(self.results)


_EXHIBIT_KEYS = {
    "document",
    "exhibit",
    "title",
    "lines",
    "status",
    "reason",
    "tables",
    "external",
    "figures",
    "results",
}


def load_paper_exhibits(
    path: str | Path,
    specs: dict[str, TableSpec],
    figures: dict[str, FigureSpec],
    external: ExternalConfig,
) -> list[PaperExhibit]:
    """Read the exhibit registry and check it against the table, figure and external registries."""
    with open(path, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    statuses = list(doc["statuses"])
    documents = load_documents()
    exhibits: list[PaperExhibit] = []
    seen: set[tuple[str, str]] = set()
    for entry in doc["exhibits"]:
        where = f"{path}: {entry.get('document')} {entry.get('exhibit')}"
        unknown = set(entry) - _EXHIBIT_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if entry["document"] not in documents:
            raise ValueError(f"{where}: document not in config/documents.yaml")
        key = (entry["document"], entry["exhibit"])
        if key in seen:
            raise ValueError(f"{where}: listed twice")
        seen.add(key)
        status = entry["status"]
        if status not in statuses:
            raise ValueError(f"{where}: status {status!r} is not one of {statuses}")
        reason = " ".join(str(entry.get("reason", "")).split())
        if status != REPRODUCED and not reason:
            raise ValueError(f"{where}: status {status!r} needs a reason")
        tables = tuple(entry.get("tables", []))
        for name, registry, kind in [
            ("tables", specs, "config/tables.yaml"),
            ("external", external.processed, "config/external_series.yaml"),
            ("figures", figures, "config/figures.yaml"),
        ]:
            for item in entry.get(name, []):
                if item not in registry:
                    raise ValueError(f"{where}: {name} entry {item!r} is not in {kind}")
        if tables:
            spec = specs[tables[0]]
            if (spec.document, spec.printed_table) != key:
                raise ValueError(f"{where}: table {spec.id} is {spec.printed_table} of {spec.document}")
            title, lines = spec.title, spec.lines
        else:
            title, lines = entry["title"], tuple(entry["lines"])
        if status == REPRODUCED and not tables:
            raise ValueError(f"{where}: a reproduced table must name its table in config/tables.yaml")
        exhibits.append(
            PaperExhibit(
                document=entry["document"],
                exhibit=entry["exhibit"],
                title=title,
                lines=(int(lines[0]), int(lines[1])),
                status=status,
                reason=reason,
                tables=tables,
                external=tuple(entry.get("external", [])),
                figures=tuple(entry.get("figures", [])),
                results=tuple(entry.get("results", [])),
            )
        )
    listed = {t for e in exhibits for t in e.tables}
    missing = sorted(set(specs) - listed)
    if missing:
        raise ValueError(f"{path}: printed tables missing from the registry: {missing}")
    return exhibits


def load_documents(path: str | Path = DOCUMENTS_FILE) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["documents"]


def _source(spec: TableSpec, documents: dict[str, dict]) -> str:
    doc = documents[spec.document]["short"]
    return f"{doc}, {spec.printed_table}, lines {spec.lines[0]}-{spec.lines[1]} of `{spec.document}`"


def exhibits_markdown(
    specs: dict[str, TableSpec],
    figures: dict[str, FigureSpec],
    external: ExternalConfig | None = None,
    paper_exhibits: list[PaperExhibit] | None = None,
    notebooks: dict[str, NotebookSpec] | None = None,
    microdata: MicrodataSpec | None = None,
    waves: WavesSpec | None = None,
) -> str:
    documents = load_documents()
    out = [
        "# Exhibits index",
        "",
        "Generated by the `exhibits_index` rule from `config/tables.yaml`, `config/figures.yaml`,",
        "`config/external_series.yaml` and `config/paper_exhibits.yaml`; do not edit.",
        "Every output traces back through its rule and script to a printed table, whose verbatim excerpt and",
        "cells-as-printed sit in `data/raw/` (see `data/raw/datapackage.json` for line-level provenance),",
        "or to a public source recorded value by value in `data/raw/external/`.",
        "",
        "## Processed tables",
        "",
        "| output | source table | raw cells | rule | script |",
        "|---|---|---|---|---|",
    ]
    for spec in specs.values():
        out.append(
            f"| `{spec.processed}` | {_source(spec, documents)} | `{spec.raw}` | `clean_table` | "
            "`workflow/scripts/clean_table.py` → `migration_evidence.printed.clean` |"
        )
    out.append(
        "| `data/processed/data_dictionary.csv` | all of the above | `config/tables.yaml` | `data_dictionary` | "
        "`workflow/scripts/data_dictionary.py` → `migration_evidence.reporting.dictionary` |"
    )
    if external is not None:
        out += _external_section(external)
    out += [
        "",
        "## Figures",
        "",
        "| output | message | data | source table | rule | script |",
        "|---|---|---|---|---|---|",
    ]
    for fig in figures.values():
        data = ", ".join(f"`{path}`" for path in fig.inputs.values())
        sources = "; ".join(_source(specs[t], documents) for t in fig.source_tables) or fig.source
        function = fig.function.replace(":", ".")
        out.append(
            f"| `figures/{fig.name}.svg`, `.png` | {fig.message} | {data} | {sources} | `figure` | "
            f"`workflow/scripts/draw_figure.py` → `{function}` |"
        )
    out += [
        "",
        "## Reports",
        "",
        "| output | content | inputs | rule | script |",
        "|---|---|---|---|---|",
        "| `reports/source_audit.csv`, `reports/source_audit.md` | every printed total, share, average and ratio "
        "recomputed from the cells, and every number the prose states checked, with tolerance and verdict | "
        "all raw tables and excerpts, `data/raw/claims.csv`, `data/raw/known_discrepancies.csv`, `config/tables.yaml` "
        "(`audit:` blocks) | `source_audit` | `workflow/scripts/source_audit.py` → `migration_evidence.audit` |",
    ]
    if notebooks:
        out += [
            "",
            "## Notebooks",
            "",
            "Executed from `notebooks/<name>.py` by the rule `notebook_<name>`",
            "(`workflow/scripts/run_notebook.py` → `migration_evidence.notebooks.execution`); every estimate a",
            "notebook reports is also in its CSV files. Index: `reports/notebooks/index.html`.",
            "",
            "| output | notebook | data | source table | estimates |",
            "|---|---|---|---|---|",
        ]
        external_tables = {spec.path: spec for spec in external.processed.values()} if external else {}
        for nb in notebooks.values():
            data = ", ".join(f"`{path}`" for path in nb.inputs.values())
            if nb.requires_microdata:
                data += ", CONAPO's municipal files (`statistical_files_dir`)"
            sources = "; ".join(
                [_source(specs[t], documents) for t in nb.source_tables if t in specs]
                + [
                    f"{external_tables[path].exhibit}: public figures, sources in `{external.sources}`"
                    for path in nb.inputs.values()
                    if path in external_tables
                ]
            )
            estimates = ", ".join(f"`{path}`" for path in nb.outputs.values())
            page = f"`{nb.executed}`, `.html`"
            out.append(f"| {page} | {nb.heading} (`{nb.source}`) | {data} | {sources} | {estimates} |")
    if microdata is not None:
        out += _microdata_section(microdata, figures, notebooks or {})
    if waves is not None:
        out += _waves_section(waves, figures)
    if paper_exhibits is not None:
        out += _status_section(paper_exhibits, specs, external, documents)
    out.append("")
    return "\n".join(out)


def _external_section(external: ExternalConfig) -> list[str]:
    out = [
        "",
        "## External series",
        "",
        "Public figures for charts whose data the documents do not print; each value names its source in "
        f"`{external.sources}`.",
        f"Chart 3 uses the {external.chart_vintage} vintage. {external.chart_vintage_reason}",
        "",
        "| output | content | raw files | rule | script |",
        "|---|---|---|---|---|",
    ]
    for spec in external.processed.values():
        raw = ", ".join(f"`{external.raw_files[r].path}`" for r in spec.raw_files)
        out.append(
            f"| `{spec.path}` | {spec.title} ({spec.exhibit}) | {raw} | `clean_external_series` | "
            "`workflow/scripts/clean_external_series.py` → `migration_evidence.series.external` |"
        )
    for rule, result in external.results.items():
        data = ", ".join(f"`{p}`" for p in result["inputs"])
        function = result["function"].replace(":", ".")
        script = f"`workflow/scripts/{rule}.py` → `{function}`"
        out.append(f"| `{result['path']}` | {result['content']} | {data} | `{rule}` | {script} |")
    return out


def _status_section(
    exhibits: list[PaperExhibit],
    specs: dict[str, TableSpec],
    external: ExternalConfig | None,
    documents: dict[str, dict],
) -> list[str]:
    out = [
        "",
        "## Paper exhibits and reproduction status",
        "",
        "Every table and chart of the two documents (registry: `config/paper_exhibits.yaml`).",
        "",
        "| document | exhibit | title | lines | status | outputs | reason |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in exhibits:
        outputs = ", ".join(f"`{p}`" for p in item.outputs(specs, external)) or "none"
        out.append(
            f"| {documents[item.document]['short']} | {item.exhibit} | {item.title} | "
            f"{item.lines[0]}-{item.lines[1]} | {item.status} | {outputs} | {item.reason} |"
        )
    return out


def _microdata_section(
    microdata: MicrodataSpec, figures: dict[str, FigureSpec], notebooks: dict[str, NotebookSpec]
) -> list[str]:
    files = ", ".join(f"`{spec.file}`" for spec in microdata.files.values())
    readers = microdata.notebooks(notebooks)
    pages = ", ".join(f"`{notebooks[name].executed}`, `.html`" for name in readers)
    also = f" and the notebooks that read them, with their CSVs: {pages}" if readers else ""
    out = [
        "",
        "## Municipal microdata",
        "",
        f"Built from CONAPO's files {files} (committed bytes unchanged in `data/raw/statistical_files/`, md5 and",
        'origin in `data/raw/datapackage.json`; read from `statistical_files_dir`; README, "Municipal microdata").',
        "When a user's `statistical_files_dir` lacks them, the build checks and keeps these outputs and the figures "
        "drawn from them: " + ", ".join(f"`figures/{name}`" for name in microdata.figures(figures)) + also + ".",
        "",
        "| output | content | rule | script |",
        "|---|---|---|---|",
    ]
    for output in microdata.outputs.values():
        out.append(
            f"| `{output.path}` | {output.description} | `{output.rule}` | "
            f"`workflow/scripts/{output.rule}.py` → `{output.module}` |"
        )
    return out


def _waves_section(waves: WavesSpec, figures: dict[str, FigureSpec]) -> list[str]:
    files = ", ".join(f"`{spec.file}`" for spec in waves.files.values())
    out = [
        "",
        "## Municipal waves 2010 and 2020",
        "",
        f"Built from the public statistical files {files} and `{waves.remittances.file}` (committed bytes unchanged "
        "under `statistical_files_dir`, provenance and md5 in `data/raw/datapackage.json`), joined by INEGI code to "
        "the 2000 files above, with the declared name exceptions "
        f"`{waves.remittances.exceptions}`. Declared in `config/municipal_waves.yaml`; they need the 2000 files too "
        "and are skipped with them. Figures drawn from them: "
        + ", ".join(f"`figures/{name}`" for name in waves.figures(figures))
        + ".",
        "",
        "| output | content | rule | script |",
        "|---|---|---|---|",
    ]
    for output in waves.outputs.values():
        out.append(
            f"| `{output.path}` | {output.description} | `{output.rule}` | "
            f"`workflow/scripts/{output.rule}.py` → `migration_evidence.microdata.waves` |"
        )
    return out
