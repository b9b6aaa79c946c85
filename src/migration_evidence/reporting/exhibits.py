"""The exhibits index (reports/exhibits.md): every output back to its source, rule and script."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import load_yaml
from ..figures.specs import FigureSpec
from ..microdata.specs import MicrodataSpec
from ..microdata.waves_specs import WavesSpec
from ..notebooks.registry import NotebookSpec
from ..printed.specs import TableSpec
from ..series.external import ExternalConfig
from ..statistical_files.specs import PROCESSED_CONTENT, StatisticalFilesConfig
from .templates import render

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
    documents: dict[str, dict],
) -> list[PaperExhibit]:
    """Read the exhibit registry and check it against the table, figure and external registries."""
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    statuses = list(doc["statuses"])
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


def load_documents(path: str | Path) -> dict[str, dict]:
    """The source documents by file name (``config/documents.yaml``)."""
    with open(path, encoding="utf-8") as handle:
        return load_yaml(handle)["documents"]


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
    *,
    documents: dict[str, dict],
    statistical: StatisticalFilesConfig | None = None,
) -> str:
    """reports/exhibits.md, from ``reporting/templates/exhibits.md.j2``."""
    processed_rows = [
        [
            f"`{spec.processed}`",
            _source(spec, documents),
            f"`{spec.raw}`",
            "`clean_table`",
            "`workflow/scripts/clean_table.py` → `migration_evidence.printed.clean`",
        ]
        for spec in specs.values()
    ]
    processed_rows.append(
        [
            "`data/processed/data_dictionary.csv`",
            "all of the above",
            "`config/tables.yaml`",
            "`data_dictionary`",
            "`workflow/scripts/data_dictionary.py` → `migration_evidence.reporting.dictionary`",
        ]
    )
    figure_rows = [
        [
            f"`figures/{fig.name}.svg`, `.png`",
            fig.message,
            ", ".join(f"`{path}`" for path in fig.inputs.values()),
            "; ".join(_source(specs[t], documents) for t in fig.source_tables) or fig.source,
            f"`figures_{fig.group}`",
            f"`workflow/scripts/draw_figures.py` → `{fig.function.replace(':', '.')}`",
        ]
        for fig in figures.values()
    ]
    return render(
        "exhibits.md.j2",
        processed_rows=processed_rows,
        external=external,
        external_rows=_external_rows(external) if external is not None else [],
        statistical_rows=_statistical_rows(statistical) if statistical is not None else [],
        figure_rows=figure_rows,
        notebook_rows=_notebook_rows(notebooks or {}, specs, external, documents),
        microdata=_microdata_context(microdata, waves) if microdata is not None else None,
        status_rows=_status_rows(paper_exhibits, specs, external, documents) if paper_exhibits is not None else None,
        flow=flow_context(figures, notebooks or {}),
    )


def _notebook_rows(
    notebooks: dict[str, NotebookSpec],
    specs: dict[str, TableSpec],
    external: ExternalConfig | None,
    documents: dict[str, dict],
) -> list[list[str]]:
    external_tables = {spec.path: spec for spec in external.processed.values()} if external else {}
    rows = []
    for nb in notebooks.values():
        data = ", ".join(f"`{path}`" for path in nb.inputs.values())
        sources = "; ".join(
            [_source(specs[t], documents) for t in nb.source_tables if t in specs]
            + [
                f"{external_tables[path].exhibit}: public figures, sources in `{external.sources}`"
                for path in nb.inputs.values()
                if path in external_tables
            ]
        )
        estimates = ", ".join(f"`{path}`" for path in nb.outputs.values())
        rows.append([f"`{nb.executed}`", f"{nb.heading} (`{nb.source}`)", data, sources, estimates])
    return rows


def _statistical_rows(statistical: StatisticalFilesConfig) -> list[list[str]]:
    """The tables made from the Banco de México, INEGI and World Bank files, and the findings about them."""
    rows = []
    for name, path in statistical.processed.items():
        content, file_ids = PROCESSED_CONTENT[name]
        rows.append(
            [
                f"`{path}`",
                content,
                ", ".join(f"`{statistical.files[f].file}`" for f in file_ids),
                "`ingest_statistical_files`",
                "`workflow/scripts/ingest_statistical_files.py` → `migration_evidence.statistical_files.tables`",
            ]
        )
    rows.append(
        [
            f"`{statistical.findings}`",
            "findings about the sources, in the source audit's columns: vintages, state totals, Table 2's GDP per "
            "head, the World Bank's published GDP per head",
            "the processed tables above, `data/raw/external/banxico_family_remittances_1980_2005.csv`, Table 2 "
            "as printed",
            "`statistical_findings`",
            "`workflow/scripts/statistical_findings.py` → `migration_evidence.statistical_files.findings`",
        ]
    )
    return rows


def _external_rows(external: ExternalConfig) -> list[list[str]]:
    rows = []
    for spec in external.processed.values():
        raw = ", ".join(f"`{external.raw_files[r].path}`" for r in spec.raw_files)
        rows.append(
            [
                f"`{spec.path}`",
                f"{spec.title} ({spec.exhibit})",
                raw,
                "`clean_external_series`",
                "`workflow/scripts/clean_external_series.py` → `migration_evidence.series.external`",
            ]
        )
    for rule, result in external.results.items():
        data = ", ".join(f"`{p}`" for p in result["inputs"])
        function = result["function"].replace(":", ".")
        rows.append(
            [
                f"`{result['path']}`",
                result["content"],
                data,
                f"`{rule}`",
                f"`workflow/scripts/{rule}.py` → `{function}`",
            ]
        )
    return rows


def _status_rows(
    exhibits: list[PaperExhibit],
    specs: dict[str, TableSpec],
    external: ExternalConfig | None,
    documents: dict[str, dict],
) -> list[list[str]]:
    return [
        [
            documents[item.document]["short"],
            item.exhibit,
            item.title,
            f"{item.lines[0]}-{item.lines[1]}",
            item.status,
            ", ".join(f"`{p}`" for p in item.outputs(specs, external)) or "none",
            item.reason,
        ]
        for item in exhibits
    ]


def _microdata_context(microdata: MicrodataSpec, waves: WavesSpec | None = None) -> dict[str, object]:
    files = [spec.file for spec in microdata.files.values()]
    rows = [
        [
            f"`{output.path}`",
            output.description,
            f"`{output.rule}`",
            f"`workflow/scripts/{output.rule}.py` → `{output.module}`",
        ]
        for output in microdata.outputs.values()
    ]
    if waves is not None:  # the 2010 and 2020 waves, joined to the 2000 files (config/municipal_waves.yaml)
        files += [spec.file for spec in waves.files.values()] + [waves.remittances.file]
        rows += [
            [
                f"`{output.path}`",
                output.description,
                f"`{output.rule}`",
                f"`workflow/scripts/{output.rule}.py` → `migration_evidence.microdata.waves`",
            ]
            for output in waves.outputs.values()
        ]
    return {
        "files": ", ".join(f"`{file}`" for file in files),
        "rows": rows,
    }


# The stages of the build, in the only order estimates may flow: each stage reads the ones before it.
STAGES = (
    ("raw", "`data/raw/`", "the documents' tables as printed, the public files, the registers"),
    ("processed", "`data/processed/`, `data/interim/`", "tidy, typed, validated tables"),
    ("results", "`results/`", "estimates and findings, computed by rules from the package"),
    ("audit", "`reports/source_audit.*`", "every printed and stated number checked"),
    ("pages", "`figures/`, `reports/notebooks/`, `build/site/`", "figures, executed notebooks, the site"),
)


def stage_of(path: str) -> str:
    """The stage of a file of the build, by its directory (configuration files count as raw)."""
    if path.startswith(("data/processed/", "data/interim/")):
        return "processed"
    if path.startswith("results/"):
        return "results"
    if path.startswith("reports/source_audit"):
        return "audit"
    if path.startswith(("figures/", "reports/", "build/")):
        return "pages"
    return "raw"


def one_way_problems(figures: dict[str, FigureSpec], notebooks: dict[str, NotebookSpec]) -> list[str]:
    """Where the declarations break the one-way flow: a figure or a notebook that reads a notebook's
    estimates (a notebook's tables are for people; what another output needs is computed by a rule), or
    a file read before the stage that makes it."""
    written = {path: name for name, nb in notebooks.items() for path in nb.outputs.values()}
    problems = []
    for fig in figures.values():
        problems += [
            f"figure {fig.name} reads {p}, written by notebook {written[p]}"
            for p in fig.inputs.values()
            if p in written
        ]
    for name, nb in notebooks.items():
        problems += [
            f"notebook {name} reads {p}, written by notebook {written[p]}" for p in nb.inputs.values() if p in written
        ]
    return problems


def flow_context(figures: dict[str, FigureSpec], notebooks: dict[str, NotebookSpec]) -> dict[str, object]:
    """The one-way graph of the exhibits index: the stages, and what the pages read from each.

    Raises ValueError if a figure or notebook reads a notebook's estimates (:func:`one_way_problems`).
    """
    problems = one_way_problems(figures, notebooks)
    if problems:
        raise ValueError(
            "estimates must flow one way (raw → processed → results → audit → pages): " + "; ".join(problems)
        )
    order = [stage for stage, _, _ in STAGES]

    def counts(paths: list[str]) -> str:
        by_stage = {stage: len({p for p in paths if stage_of(p) == stage}) for stage in order}
        parts = [f"{stage} ({n})" for stage, n in by_stage.items() if n]
        return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)

    figure_inputs = [p for fig in figures.values() for p in fig.inputs.values()]
    notebook_inputs = [p for nb in notebooks.values() for p in nb.inputs.values()]
    return {
        "stages": [
            {"stage": stage, "where": where, "what": what, "last": i == len(STAGES) - 1}
            for i, (stage, where, what) in enumerate(STAGES)
        ],
        "figures": len(figures),
        "figure_reads": counts(figure_inputs),
        "notebooks": len(notebooks),
        "notebook_reads": counts(notebook_inputs),
        "notebook_tables": sum(len(nb.outputs) for nb in notebooks.values()),
    }
