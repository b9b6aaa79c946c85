"""Every printed cell in the audit, every reading of a cell that differs from its print, and verdicts a
careful reader would sign: round amounts within their rounding, rows that test nothing counted apart,
the same comparison judged the same way wherever it appears."""

from __future__ import annotations

import csv
import re
from fractions import Fraction

import pytest
import yaml
from conftest import REPO

from migration_evidence.audit import audit_markdown, run_audit
from migration_evidence.audit.cells import cell_coverage, reading_verdict
from migration_evidence.audit.public_values import declared_public_facts, read_public_values
from migration_evidence.audit.run import (
    declared_price_indexes,
    printed_checks,
    results_frame,
    summary_line,
    verify_printed_checks,
)
from migration_evidence.audit.verdicts import comparison_verdict, same_comparison_problems
from migration_evidence.reporting.exhibits import load_documents
from migration_evidence.series.external import read_sources
from migration_evidence.series.specs import load_external_config

CONFIG = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))
DOCUMENTS = set(yaml.safe_load((REPO / "config/documents.yaml").read_text(encoding="utf-8"))["documents"])
PUBLIC_FACTS = declared_public_facts(
    CONFIG["public_facts"],
    read_public_values(REPO / CONFIG["public_values"], set(read_sources(REPO / "data/raw/external/sources.csv").index)),
)


@pytest.fixture(scope="module")
def audit(specs):
    return run_audit(
        specs,
        str(REPO / CONFIG["corrections"]),
        str(REPO / CONFIG["claims"]),
        str(REPO / CONFIG["known_discrepancies"]),
        documents=DOCUMENTS,
        root=REPO,
        series_claims_path=str(REPO / "results/tables/remittance_claims.csv"),
        series_register_path=str(REPO / "data/raw/remittance_claims.csv"),
        findings_paths=[str(REPO / f) for f in CONFIG["findings"]],
        approximate_markers=CONFIG["approximate_statements"]["markers"],
        price_indexes=declared_price_indexes(load_external_config(REPO / "config/external_series.yaml")),
        public_facts=PUBLIC_FACTS,
    )


@pytest.fixture(scope="module")
def checks(audit):
    return {c.check_id: c for c in audit.checks}


def _printed_cells() -> int:
    """Non-empty cells of every printed table as transcribed (row labels included, header excluded)."""
    count = 0
    for path in sorted((REPO / "data/raw").glob("*/table*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        count += sum(1 for row in rows[1:] for cell in row if cell.strip())
    return count


# Every printed cell -----------------------------------------------------------------------------


def test_every_printed_cell_has_a_row(audit):
    cells = cell_coverage(audit.tables, audit.checks)
    # The six printed tables (de la Garza Tables 1-3, Delgado Wise & Márquez Tables 1, 2 and 4) hold
    # 112 + 24 + 30 + 49 + 35 + 20 = 270 non-empty cells.
    assert len(cells) == _printed_cells() == 270
    assert not cells.duplicated(["table", "row", "column"]).any()
    covered = cells["coverage"].str.startswith(("checked by", "covered by the transcription check"))
    assert covered.all(), cells.loc[~covered, ["table", "row", "column", "coverage"]]


def test_a_printed_number_is_found_as_printed_and_in_plain_digits(audit, specs):
    coverage = cell_coverage(audit.tables, audit.checks)
    cells = coverage.set_index(["table", "row", "column"])
    # Delgado Wise & Márquez (2006), Table 2: Mexico's GDP per head, 1994, printed 7332.
    gdp = cells.loc[("mexico_us_asymmetries_1994_2004", "Per capita GDP in current dollars", "mexico_1994")]
    assert (gdp["printed_text"], gdp["plain_digits"], gdp["grouped"]) == ("7332", "7332", "7,332")
    # Table 1: population of the total row, printed with spaces.
    population = cells.loc[("municipal_migration_intensity_2000", "Absolutes", "population")]
    assert (population["plain_digits"], population["grouped"]) == ("97483412", "97,483,412")
    # The report, made as the source_audit rule makes it, shows both forms.
    report = audit_markdown(
        audit.checks,
        specs,
        audit.claims,
        load_documents(REPO / "config/documents.yaml"),
        audit.series_claims,
        findings_files=CONFIG["findings"],
        cells=coverage,
    )
    assert "7,332" in report and "7332" in report and "97,483,412" in report


# Cells read differently from their print -----------------------------------------------------------


def test_every_correction_is_an_audit_row_with_its_own_verdict(checks):
    with open(REPO / "data/raw/corrections.csv", encoding="utf-8", newline="") as handle:
        corrections = list(csv.DictReader(handle))
    assert len(corrections) == 3
    readings = [c for c in checks.values() if c.kind == "reading"]
    for fix in corrections:
        match = [
            c
            for c in readings
            if c.source == fix["table"] and c.column == fix["column"] and c.printed_text == fix["printed"]
        ]
        assert len(match) == 1, fix
        assert match[0].recomputed == fix["corrected"] and match[0].verdict in ("consistent", "discrepancy", "no_test")
    # Table 4 prints "349" for a share of people: above the column's 100, while 34.9 is within it.
    lost = checks["mexican_origin_population_2003:reading:No health coverage:total"]
    assert (lost.printed, lost.recomputed, lost.verdict) == ("349", "34.9", "consistent")
    assert "reinterpreted" in lost.explanation and "100" in lost.explanation
    # de la Garza, Table 3: the label "1we" read as stipend 1; the row's amounts enter sums that agree.
    label = checks["michoacan_3x1_2002:reading:1:stipend"]
    assert (label.printed, label.recomputed, label.verdict) == ("1we", "1", "consistent")


def test_decimal_commas_and_footnote_markers_are_audit_rows(checks):
    # Table 1 prints "6,14" (decimal comma) for the households of degree High.
    comma = checks["municipal_migration_intensity_2000:reading:High:households_share"]
    assert (comma.printed, comma.recomputed, comma.verdict) == ("6,14", "6.14", "consistent")
    # Table 2 prints "1.2¢": the marker's legend year adjacent to 1994 is 1995.
    marker = checks["mexico_us_asymmetries_1994_2004:reading:Rate of population growth:united_states_1994"]
    assert (marker.printed, marker.recomputed) == ("1.2¢", "1.2")
    assert "reference year 1995" in marker.explanation
    research = checks[
        "mexico_us_asymmetries_1994_2004:reading:Research and development spending (% of GDP):mexico_2004"
    ]
    assert research.printed == '0.43"' and "reference year 2003" in research.explanation


def test_the_reading_verdict_rule():
    assert reading_verdict([], None) == "no_test"
    assert reading_verdict([], True) == "consistent"
    assert reading_verdict([], False) == "discrepancy"


# Verdicts a careful reader would sign ---------------------------------------------------------------


def test_round_amounts_are_judged_within_their_rounding(checks):
    # de la Garza (2005) line 292: "US$99,000"; Table 1 gives Cabañas's HTA donation as USD 11,283.60, which at
    # the fixed 8.75 colones per dollar (Ley de Integración Monetaria, 2001) is 98,731.50 colones: 99,000 to
    # the nearest thousand. Line 293: "US$780,000"; FISDL funds USD 88,895.22 are 777,833.175 colones:
    # 780,000 to the nearest ten thousand.
    for claim_id, dollars, stated, unit in [("C074", "11283.60", 99000, 1000), ("C075", "88895.22", 780000, 10000)]:
        colones = Fraction(dollars) * Fraction("8.75")
        assert round(colones / unit) * unit == stated
        check = checks[f"claim:{claim_id}"]
        assert check.verdict == "within_rounding", claim_id
        assert Fraction(check.tolerance) == Fraction(unit, 2)
    # Read as dollars the same amounts stay discrepancies.
    assert checks["claim:C055"].verdict == checks["claim:C057"].verdict == "discrepancy"


def test_rows_that_test_nothing_are_not_flagged(audit, checks):
    # 623 HTAs x at least 50 people is at least 0.3% of the 10.2 million born in Mexico: a floor any share
    # satisfies, which cannot test the 9% (C072) nor the 50 (C073).
    assert checks["claim:C072"].verdict == checks["claim:C073"].verdict == "no_test"
    assert checks["claim:C072"].arithmetic_verdict == "consistent"
    verdicts = [c.verdict for c in audit.checks]
    flagged = verdicts.count("not_comparable") + verdicts.count("discrepancy")
    summary = summary_line(verdicts)
    assert f"{verdicts.count('no_test')} that test nothing; {flagged} flagged (" in summary


def test_the_same_comparison_gets_the_same_verdict(checks):
    # Delgado Wise & Márquez (2006) lines 268-269: "of the country's 2,435 municipalities". Table 1 counts
    # 2,443 (2000) and CONAPO's 2005 rows 2,454: the count of one quantity, judged alike.
    assert checks["claim:C012"].verdict == checks["municipal_microdata:municipalities_2005"].verdict == "discrepancy"
    # Table 2's "Per capita GDP in current dollars" against the World Bank's current dollars: levels and
    # their US/Mexico ratios judged alike.
    gdp = [c for c in checks.values() if c.check_id.startswith("statistical_files:table2_gdp_per_head")]
    assert len(gdp) == 6 and {c.verdict for c in gdp} == {"discrepancy"}


def test_a_comparison_judged_two_ways_is_refused(checks):
    first = checks["claim:C017"]
    twin = type(first)(**{**first.__dict__, "check_id": "claim:C017_twin", "verdict": "not_comparable"})
    problems = same_comparison_problems([first, twin])
    assert len(problems) == 1 and "claim:C017_twin" in problems[0]


def test_comparison_verdict_is_the_one_rule():
    assert comparison_verdict(Fraction(0), Fraction(1, 2)) == "exact"
    assert comparison_verdict(Fraction(-8), Fraction(1, 2)) == "discrepancy"
    assert comparison_verdict(Fraction(2167), Fraction(5000)) == "within_rounding"
    assert comparison_verdict(Fraction(3), Fraction(0), ">=") == "consistent"
    assert comparison_verdict(Fraction(-3), Fraction(0), ">=") == "discrepancy"
    assert comparison_verdict(Fraction(-3), Fraction(0), comparable=False) == "not_comparable"


def test_thirty_fold_is_checked_from_both_bases(checks):
    # Delgado Wise & Márquez (2006) lines 311-313: "remittance receipts have increased thirty-fold" during
    # the neoliberal period, which the text does not date: from 1980 (the series' start) or from 1982.
    fold = {c.check_id.rsplit(":", 1)[1]: c for c in checks.values() if "nafta_remittances_thirty_fold" in c.check_id}
    assert set(fold) == {
        "2005_early_1980_early",
        "2005_revised_1980_early",
        "2005_early_1982_early",
        "2005_revised_1982_early",
    }
    # Banco de México, early vintage: 1980 698, 1982 844, 2005 20,035; revised 2005 21,688.3. "-fold" reads
    # thirty as 25 to 35.
    assert fold["2005_early_1980_early"].verdict == "within_rounding"  # 28.7
    assert fold["2005_early_1982_early"].verdict == "discrepancy"  # 23.7
    assert fold["2005_revised_1982_early"].verdict == "within_rounding"  # 25.7
    assert float(fold["2005_early_1982_early"].recomputed) == pytest.approx(20035 / 844, abs=1e-4)


# Results stage and report ------------------------------------------------------------------------------


def test_the_printed_checks_are_the_audits_rows(specs, audit):
    checks = printed_checks(
        specs,
        str(REPO / CONFIG["corrections"]),
        str(REPO / CONFIG["claims"]),
        str(REPO / CONFIG["known_discrepancies"]),
        documents=DOCUMENTS,
        root=REPO,
        approximate_markers=CONFIG["approximate_statements"]["markers"],
        public_facts=PUBLIC_FACTS,
    )
    frame = results_frame(checks).astype(str)
    assert verify_printed_checks(frame, audit.checks, "printed_checks.csv") == []
    moved = frame.copy()
    moved.loc[moved["check_id"] == "claim:C074", "verdict"] = "discrepancy"
    assert len(verify_printed_checks(moved, audit.checks, "printed_checks.csv")) == 1


def test_readme_quotes_the_new_summary():
    report = (REPO / "reports/source_audit.md").read_text(encoding="utf-8")
    summary = next(line for line in report.splitlines() if line.startswith("**Summary:"))
    assert "that test nothing" in summary and "flagged" in summary
    assert summary in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_municipal_report_shows_table_1_printed_beside_rebuilt():
    report = (REPO / "reports/municipal_microdata.md").read_text(encoding="utf-8")
    section = report.split("## Table 1 of the NAFTA paper", 1)[1].split("\n## ", 1)[0]
    # Table 1 prints the total population as "97 483 412" and the High households' share as "6,14".
    assert re.search(r"\| 97 483 412 \| 97,483,412 \|", section)
    assert re.search(r"\| 6,14 \| 6\.14 \|", section)
