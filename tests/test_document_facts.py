"""The processed tables hold the values the documents print (asserted from the pages, not the code)."""

from __future__ import annotations

import pytest


def _row(frame, column, value):
    match = frame[frame[column] == value]
    assert len(match) == 1, f"expected one row with {column} == {value!r}"
    return match.iloc[0]


def test_municipal_table_totals(processed):
    # NAFTA paper, Table 1, line 231: "Absolutes 2443 100 97 483 412 100 22 639 808 100"
    t1 = processed["municipal_migration_intensity_2000"]
    total = _row(t1, "degree", "Absolutes")
    assert total["municipalities_count"] == 2443
    assert total["population_persons"] == 97_483_412
    assert total["households_count"] == 22_639_808
    detail = t1[t1["row_type"] == "detail"]
    # The six degrees add up to the printed totals.
    assert detail["municipalities_count"].sum() == 2443
    assert detail["population_persons"].sum() == 97_483_412
    assert detail["households_count"].sum() == 22_639_808


@pytest.mark.parametrize(
    ("degree", "municipalities", "population", "households", "households_pct"),
    [
        ("Very high", 162, 2_201_710, 498_466, 2.20),
        ("High", 330, 6_331_134, 1_389_695, 6.14),  # printed "6331 134", "1389 695", "6,14"
        ("Medium", 392, 11_664_651, 2_652_262, 11.72),
        ("Low", 593, 37_765_096, 8_873_610, 39.19),
        ("Very low", 873, 38_887_234, 9_098_931, 40.19),
        ("Null", 93, 633_587, 126_844, 0.56),
    ],
)
def test_municipal_table_rows(processed, degree, municipalities, population, households, households_pct):
    row = _row(processed["municipal_migration_intensity_2000"], "degree", degree)
    assert row["municipalities_count"] == municipalities
    assert row["population_persons"] == population
    assert row["households_count"] == households
    assert row["households_pct"] == pytest.approx(households_pct)


def test_asymmetries_values_and_reference_years(processed):
    t2 = processed["mexico_us_asymmetries_1994_2004"]
    assert len(t2) == 7 * 2 * 2

    def cell(indicator, country, year):
        return _row(t2[(t2["indicator_id"] == indicator) & (t2["country"] == country)], "table_year", year)

    assert cell("gdp_per_capita", "United States", 2004)["value"] == 29673
    assert cell("gdp_per_capita", "Mexico", 1994)["value"] == 7332
    assert cell("population", "Mexico", 1994)["value"] == 88402  # printed "88 402"
    assert cell("manufacturing_wage", "United States", 2004)["value"] == pytest.approx(16.2)
    # Footnote markers: "1.2¢" and "33.3¢" in 1994 columns refer to 1995; '0.43"' and "38.4>" to 2003.
    assert cell("population_growth", "United States", 1994)["reference_year"] == 1995
    assert cell("university_studies", "United States", 1994)["reference_year"] == 1995
    assert cell("rd_spending", "Mexico", 2004)["reference_year"] == 2003
    assert cell("university_studies", "United States", 2004)["reference_year"] == 2003
    unmarked = t2[t2["footnote_marker"] == ""]
    assert (unmarked["reference_year"] == unmarked["table_year"]).all()
    assert len(unmarked) == 24


def test_mexican_origin_table(processed):
    t4 = processed["mexican_origin_population_2003"]
    assert len(t4) == 16
    cover = t4[t4["characteristic"] == "No health coverage"].set_index("population_group")["share_pct"]
    # The text (line 614) quotes 52.6% without coverage among Mexican emigrants.
    assert cover["mexican_emigrants"] == pytest.approx(52.6)
    # Printed "349" and "224": decimal points restored by the corrections register.
    assert cover["total"] == pytest.approx(34.9)
    assert cover["second_generation"] == pytest.approx(22.4)
    citizens = t4[t4["characteristic"] == "U.S. citizen"].set_index("population_group")["share_pct"]
    assert citizens["first_generation"] == 100 and citizens["second_generation"] == 100


def test_fisdl_totals(processed):
    # de la Garza, Table 1, line 342: "Total/average 45 243,747.56 790,323.45 1,307,342.09 31,832.06 16.2 64.3"
    t = processed["fisdl_hta_partnerships"]
    total = _row(t, "row_type", "total")
    assert total["projects_count"] == 45
    assert total["total_cost_usd"] == pytest.approx(1_307_342.09, abs=0.005)
    assert total["average_cost_per_project_usd"] == pytest.approx(31_832.06, abs=0.005)
    detail = t[t["row_type"] == "detail"]
    assert len(detail) == 13  # the text: "only one [province] has had none" of fourteen
    assert detail["projects_count"].sum() == 45
    # The thirteen departments sum to 1,307,342.10, one cent above the printed total.
    assert detail["total_cost_usd"].sum() == pytest.approx(1_307_342.10, abs=0.004)
    # The text (line 284): 28 of the 45 projects are in three departments.
    assert detail.nlargest(3, "projects_count")["projects_count"].sum() == 28


def test_zacatecas_totals(processed):
    t = processed["zacatecas_3x1_1999_2003"]
    total = _row(t, "row_type", "total")
    assert total["projects_count"] == 937
    detail = t[t["row_type"] == "detail"]
    assert detail["projects_count"].sum() == 937
    assert list(detail["year"]) == [1999, 2000, 2001, 2002, 2003]
    assert _row(t, "year", 2003)["footnote"] == "Up to April 12, 2003"
    # Printed total 44,862,099.05; the years sum to 44,862,099.06 (a one-cent rounding difference).
    assert detail["amount_usd"].sum() == pytest.approx(44_862_099.06, abs=0.005)


def test_michoacan_totals(processed):
    t = processed["michoacan_3x1_2002"]
    total = _row(t, "row_type", "total")
    assert total["people_benefited_persons"] == 273_990
    assert total["projects_count"] == 64  # the text, line 389: "In that year there were 64 projects"
    detail = t[t["row_type"] == "detail"]
    assert detail["people_benefited_persons"].sum() == 273_990
    assert detail["projects_count"].sum() == 64
    assert list(detail["stipend"]) == [1, 2, 3, 4, 5]  # printed "1we": OCR residue corrected
