"""One data dictionary for the notebooks' tables: every column of every results table a notebook reads or
writes has a label, a unit and its decimals in config/column_dictionary.yaml, and the renderer uses it."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import REPO

from migration_evidence.notebooks.tables import column_label, decimals_for, load_column_dictionary, people_table_html

DICTIONARY = load_column_dictionary(REPO / "config/column_dictionary.yaml")


def _results_tables() -> list[str]:
    notebooks = yaml.safe_load((REPO / "config/notebooks.yaml").read_text(encoding="utf-8"))["notebooks"]
    paths = []
    for spec in notebooks.values():
        for path in [*(spec.get("inputs") or {}).values(), *(spec.get("outputs") or {}).values()]:
            if str(path).startswith("results/tables/") and str(path).endswith(".csv"):
                paths.append(str(path))
    return sorted(set(paths))


@pytest.mark.parametrize("path", _results_tables())
def test_every_column_of_a_notebook_results_table_is_in_the_dictionary(path):
    columns = pd.read_csv(REPO / path, nrows=0).columns
    missing = [c for c in columns if c not in DICTIONARY]
    assert missing == [], f"{path}: columns without an entry in config/column_dictionary.yaml: {missing}"


def test_the_labels_a_student_reads():
    # Labels the word rules got wrong, each now from the dictionary.
    assert column_label("morans_i", dictionary=DICTIONARY) == "Moran's I"
    assert column_label("born_in_mexico_share", dictionary=DICTIONARY) == "Share born in Mexico (fraction)"
    assert column_label("p_value_mackinnon", dictionary=DICTIONARY) == "P-value (MacKinnon)"
    assert column_label("cooks_distance", dictionary=DICTIONARY) == "Cook's distance"
    assert column_label("critical_value_1pct", dictionary=DICTIONARY) == "Critical value, 1% level"
    assert column_label("cpi_u_1982_84_100", dictionary=DICTIONARY) == "US CPI-U (1982–84 = 100)"
    # No label is a bare snake_case name.
    assert not [name for name, entry in DICTIONARY.items() if "_" in entry.label]
    # A notebook's own label still wins (a label naming a setting, say).
    assert column_label("morans_i", {"morans_i": "I"}, DICTIONARY) == "I"


def test_the_renderer_uses_the_dictionarys_labels_and_decimals():
    frame = pd.DataFrame({"hta_share_pct": [16.15384, 18.6], "morans_i": [0.123, 0.2]})
    html = people_table_html(frame, dictionary=DICTIONARY)
    assert "HTA share (%)" in html
    assert "Moran's I" in html or "Moran&#x27;s I" in html
    assert decimals_for("hta_share_pct", DICTIONARY) == 2 and "16.15" in html


def test_a_bad_entry_is_refused(tmp_path):
    bad = tmp_path / "dictionary.yaml"
    bad.write_text("columns:\n  x: {label: '', unit: '', decimals: 2}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="column 'x'"):
        load_column_dictionary(bad)
    bad.write_text("columns:\n  x: {label: X, unit: '', decimals: 9}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="decimals"):
        load_column_dictionary(bad)
