"""The build-performance figures the README reports are those the benchmark script last wrote."""

from __future__ import annotations

import re

from conftest import REPO

RESULTS = REPO / "benchmarks" / "results.md"


def test_readme_quotes_the_benchmark_results():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"<!-- benchmarks/results.md -->\n(.*?)\n<!-- end benchmarks/results.md -->", readme, re.S)
    assert quoted, "README has no benchmark section"
    assert quoted.group(1).strip() == RESULTS.read_text(encoding="utf-8").strip()


def test_benchmark_results_cover_every_measure_with_its_target():
    text = RESULTS.read_text(encoding="utf-8")
    assert "benchmarks/run_benchmarks.py" in text  # the command that produced them
    for measure in ("cold build", "no-op rerun", "rebuild after editing", "jobs rerun", "fresh `git clone`"):
        assert measure in text, measure
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| measure")]
    cells = [[c.strip() for c in line.strip()[1:-1].split("|")] for line in rows]
    assert all(len(c) == 4 for c in cells), cells
    met = [c[3] for c in cells if c[2]]  # rows with a target say whether it was met
    assert len(met) >= 3 and all(v == "yes" or v.startswith("no") for v in met), met
