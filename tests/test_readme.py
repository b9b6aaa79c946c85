"""The README follows the data editors' template, stays short, and every file it points to exists."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTIONS = [
    "Quick start",
    "Overview",
    "Data availability and provenance",
    "Computational requirements",
    "Instructions to replicators",
    "List of exhibits",
    "References",
]


def test_readme_is_at_most_15_kb():
    size = len(README.encode("utf-8"))
    assert size <= 15 * 1024, f"README.md is {size} bytes; findings and long explanations belong in docs/"


def test_readme_has_the_template_sections_in_order():
    headings = [line[3:] for line in README.splitlines() if line.startswith("## ")]
    assert headings == SECTIONS


def test_every_file_the_readme_links_exists():
    targets = re.findall(r"\]\(((?:docs|reports|data|config|benchmarks)/[^)#]+)\)", README)
    assert targets
    for target in targets:
        assert (REPO / target).exists(), target


def test_every_docs_page_is_linked_from_the_readme():
    for page in sorted((REPO / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in README, page.name
