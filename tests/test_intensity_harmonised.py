"""2000 against 2010 on one basis: CONAPO's harmonised 2000 figures, transcribed, and their comparison.

The expected values are CONAPO's, as printed in *Índice absoluto de intensidad migratoria México–Estados
Unidos 2000–2010* (chapter 3, printed page 29; Cuadro 5, page 22; page 30), and the changes its text
states ("una quinta parte", "50 por ciento", "alrededor de 150 por ciento"), never what the code printed.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REPO

from migration_evidence.analysis import intensity_harmonised as h
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.errors import InputError

RAW = REPO / "data/raw/external/conapo_iaim_harmonised_2000_2010.csv"
SOURCES = set(pd.read_csv(REPO / "data/raw/external/sources.csv", dtype=str)["source_id"])

# CONAPO (2000-2010 publication), national % of dwellings, 2000 on the 2010 basis and 2010.
PUBLISHED_NATIONAL = {
    ("receiving_remittances", 2000): 4.59,
    ("receiving_remittances", 2010): 3.63,
    ("with_emigrants", 2000): 3.96,
    ("with_emigrants", 2010): 1.94,
    ("with_return_migrants", 2000): 0.87,
    ("with_return_migrants", 2010): 2.19,
    ("with_circular_migrants", 2010): 0.92,
}


def _harmonised():
    return h.read_harmonised(RAW, SOURCES)


def test_the_transcription_holds_conapos_published_national_shares():
    table = _harmonised()
    national = table[table["geography"] == "Nacional"].set_index(["indicator", "year"])["value_pct"]
    assert national.to_dict() == PUBLISHED_NATIONAL


def test_every_row_cites_a_page_and_a_recorded_source():
    table = _harmonised()
    assert set(table["source_id"]) == {"CONAPO_IAIM_2000_2010"}
    assert table["printed_page"].str.fullmatch(r"\d+").all()
    assert table["html_page"].str.fullmatch(r"page-?\d+").all()


def _panel():
    """Two states, three municipalities: shares and weights chosen so the weighted means are known."""
    frame = pd.DataFrame(
        {
            "state_code": [7, 7, 14],
            "in_2000": [True, True, True],
            "in_2010": [True, True, True],
            "in_2020": [True, True, True],
            "households_2000": [100, 300, 600],
            "dwellings_2010": [200, 200, 600],
            "dwellings_2020": [100, 100, 800],
        }
    )
    for year in (2000, 2010, 2020):
        for name in ("receiving_remittances", "with_emigrants", "with_circular_migrants", "with_return_migrants"):
            frame[f"{name}_pct_{year}"] = [1.0, 2.0, 4.0]
    return frame


def test_file_share_is_weighted_by_the_waves_own_units():
    panel = _panel()
    # 2000: households (100·1 + 300·2 + 600·4) / 1000 = 3.1; Chiapas alone (100·1 + 300·2) / 400 = 1.75.
    assert h.file_share(panel, 2000, "with_emigrants", 0) == pytest.approx(3.1)
    assert h.file_share(panel, 2000, "with_emigrants", 7) == pytest.approx(1.75)
    # 2010: dwellings (200·1 + 200·2 + 600·4) / 1000 = 3.0.
    assert h.file_share(panel, 2010, "with_emigrants", 0) == pytest.approx(3.0)


def test_the_like_for_like_changes_are_the_ones_conapo_states():
    table = h.comparison(_harmonised(), _panel()).set_index(["geography", "indicator"])
    relative = table["change_2000_2010_pct_of_2000"]
    # "una disminución de una quinta parte", "una reducción de 50 por ciento", "un aumento de alrededor de 150".
    assert round(relative[("Nacional", "receiving_remittances_pct")] / 5) * 5 == -20
    assert round(relative[("Nacional", "with_emigrants_pct")] / 10) * 10 == -50
    assert round(relative[("Nacional", "with_return_migrants_pct")] / 10) * 10 == 150
    # Chiapas, emigrants: "un crecimiento de 47 por ciento" (page 30).
    assert round(relative[("Chiapas", "with_emigrants_pct")]) == 47
    assert (table["file_2000_basis"] == h.NOT_COMPARABLE).all()


def test_the_method_change_is_a_not_comparable_finding_for_each_harmonised_2000_figure():
    table = h.comparison(_harmonised(), _panel())
    rows = h.findings(table, "data/raw/external/conapo_iaim_harmonised_2000_2010.csv", "test panel")
    assert {r["verdict"] for r in rows} == {"not_comparable"}
    assert sorted(float(r["printed"]) for r in rows) == [0.77, 0.87, 3.96, 4.59]


def test_the_findings_are_registered():
    """The rows the rule municipal_harmonised_2000_2010 writes, made by its functions: their ids and printed
    values come from the transcription alone (the panel gives only the recomputed shares)."""
    register = pd.read_csv(REPO / "data/raw/known_discrepancies.csv", dtype=str).set_index("check_id")
    table = round_estimates(h.comparison(_harmonised(), _panel()))
    rows = h.findings(table, "data/raw/external/conapo_iaim_harmonised_2000_2010.csv", "test panel")
    assert len(rows) == 4
    for row in rows:
        assert register.loc[row["check_id"], "verdict"] == "not_comparable"
        assert register.loc[row["check_id"], "printed"] == row["printed"]


@pytest.mark.parametrize(
    ("column", "text", "problem"),
    [
        ("value_pct", "4,59", "not a decimal number"),
        ("source_id", "NOPE", "source id"),
        ("year", "2005", "2000 or 2010"),
    ],
)
def test_a_bad_cell_stops_with_file_line_column_and_text(tmp_path, column, text, problem):
    frame = pd.read_csv(RAW, dtype=str, keep_default_na=False)
    frame.loc[2, column] = text
    if column == "value_pct":
        frame.loc[2, "printed_text"] = text
    bad = tmp_path / "bad.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(InputError, match=problem) as caught:
        h.read_harmonised(bad, SOURCES)
    assert caught.value.line == 4 and caught.value.column == column and caught.value.text == text
