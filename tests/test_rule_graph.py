"""Estimates flow one way, raw → processed → results → audit → figures and pages, checked on the graph
Snakemake itself builds from the rules (``snakemake --rulegraph``), not on what the rule files say."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest
from conftest import REPO, snakemake_command

# The rules that may read what a notebook rule writes: the site renders the executed notebooks, the
# checksum manifest records every output, and `all` collects them.
READS_NOTEBOOKS = {"site_source", "output_checksums", "all"}


@pytest.fixture(scope="module")
def rule_graph() -> dict[str, set[str]]:
    """Each rule and the rules that read its outputs, for the whole build."""
    command, env = snakemake_command("--rulegraph", "dot", "--forceall", "--quiet", "all")
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    names = dict(re.findall(r'^\s*(\d+)\[label = "([^"]+)"', result.stdout, flags=re.MULTILINE))
    readers: dict[str, set[str]] = defaultdict(set)
    for first, second in re.findall(r"^\s*(\d+) -> (\d+)", result.stdout, flags=re.MULTILINE):
        readers[names[first]].add(names[second])
    assert len(names) > 30 and "source_audit" in names.values(), "the rule graph was not read"
    return {name: readers[name] for name in names.values()}


def test_no_rule_reads_what_a_notebook_writes(rule_graph):
    notebooks = [name for name in rule_graph if name.startswith("notebook_")]
    assert len(notebooks) == 7
    for name in notebooks:
        assert rule_graph[name] <= READS_NOTEBOOKS, f"{name} feeds {sorted(rule_graph[name] - READS_NOTEBOOKS)}"


def test_the_audit_reads_no_page_and_no_notebook_reads_the_audit(rule_graph):
    audit_readers = rule_graph["source_audit"]
    assert not any(reader.startswith("notebook_") for reader in audit_readers), sorted(audit_readers)
    feeds_audit = {name for name, readers in rule_graph.items() if "source_audit" in readers}
    assert not any(name.startswith(("notebook_", "figures_", "site")) for name in feeds_audit), sorted(feeds_audit)


def test_the_exhibits_index_refuses_a_figure_that_reads_a_notebooks_table():
    from migration_evidence.figures.specs import load_figures
    from migration_evidence.notebooks.registry import load_notebooks
    from migration_evidence.reporting.exhibits import flow_context, one_way_problems, stage_of

    figures = load_figures(REPO / "config" / "figures.yaml")
    notebooks = load_notebooks(REPO / "config" / "notebooks.yaml")
    assert one_way_problems(figures, notebooks) == []
    assert [stage_of(p) for p in ("data/raw/claims.csv", "data/interim/x.csv", "results/tables/x.csv")] == [
        "raw", "processed", "results"
    ]  # fmt: skip
    name, figure = next(iter(figures.items()))
    written = next(iter(notebooks["hta_funding"].outputs.values()))
    broken = {name: type(figure)(**{**figure.__dict__, "inputs": {**figure.inputs, "estimates": written}})}
    with pytest.raises(ValueError, match=f"figure {name} reads {written}, written by notebook hta_funding"):
        flow_context(broken, notebooks)


def test_one_jinja_environment_autoescapes_html_and_leaves_markdown_as_written():
    from migration_evidence.reporting import templates

    env = templates.environment()
    assert env.autoescape("page.html") is True and env.autoescape("report.md.j2") is False
    assert {path.name for path in templates.TEMPLATE_DIR.iterdir()} >= {"source_audit.md.j2", "exhibits.md.j2"}
    assert not any(p.name == "templates" for p in (REPO / "src" / "migration_evidence" / "audit").iterdir())
