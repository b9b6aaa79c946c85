"""The raw layer: verbatim excerpts, cells as printed, corrections and the source record agree."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
import yaml
from conftest import REPO, SEEDS_DIR


def _cells(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_every_raw_cell_occurs_in_its_excerpt_in_order(specs):
    for spec in specs.values():
        excerpt = (REPO / spec.excerpt).read_text(encoding="utf-8")
        _, rows = _cells(REPO / spec.raw)
        position = 0
        for row in rows:
            for cell in row:
                found = excerpt.find(cell, position)
                assert found >= 0, f"{spec.raw}: cell {cell!r} not found in {spec.excerpt} after offset {position}"
                position = found + len(cell)


def test_raw_tables_have_the_declared_shape(specs):
    for spec in specs.values():
        header, rows = _cells(REPO / spec.raw)
        assert header == spec.raw_columns
        assert [r[0] for r in rows] == list(spec.rows)


def test_source_record_cites_every_raw_file(specs):
    package = json.loads((REPO / "data/raw/datapackage.json").read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in package["resources"]}
    documents = yaml.safe_load((REPO / "config/documents.yaml").read_text(encoding="utf-8"))["documents"]
    for spec in specs.values():
        for path in (spec.raw, spec.excerpt):
            resource = by_path[path.removeprefix("data/raw/")]
            (source,) = resource["sources"]
            assert source["document"] == spec.document
            assert source["table"] == spec.printed_table
            assert source["lines"] == list(spec.lines)
            assert source["document_sha256"] == documents[spec.document]["sha256"]
    on_disk = {p.relative_to(REPO / "data/raw").as_posix() for p in (REPO / "data/raw").rglob("*") if p.is_file()}
    on_disk.discard("datapackage.json")
    uncited = {p for p in on_disk if p not in by_path}
    assert not uncited, f"raw files without a source record: {sorted(uncited)}"
    for path in by_path:
        assert (REPO / "data/raw" / path).is_file(), f"source record names a missing file {path}"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_excerpts_are_the_document_lines_byte_for_byte(specs):
    documents = yaml.safe_load((REPO / "config/documents.yaml").read_text(encoding="utf-8"))["documents"]
    for spec in specs.values():
        data = (SEEDS_DIR / spec.document).read_bytes()
        assert hashlib.sha256(data).hexdigest() == documents[spec.document]["sha256"]
        lines = data.decode("utf-8").splitlines(keepends=True)
        first, last = spec.lines
        assert "".join(lines[first - 1 : last]) == (REPO / spec.excerpt).read_text(encoding="utf-8")


def test_every_correction_matches_a_printed_cell_and_gives_a_reason(specs):
    with open(REPO / "data/raw/corrections.csv", encoding="utf-8", newline="") as handle:
        corrections = list(csv.DictReader(handle))
    assert corrections, "the register is expected to hold the fixes the documents need"
    for fix in corrections:
        spec = specs[fix["table"]]
        header, rows = _cells(REPO / spec.raw)
        row = next(r for r in rows if r[0] == fix["row"])
        assert row[header.index(fix["column"])] == fix["printed"]
        assert len(fix["reason"]) > 20
