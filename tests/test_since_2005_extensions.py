"""Notebook 6's region-share drifts and GDP-per-head gaps by period: the functions on small cases whose
answers are known, and the transcribed PPP series against its source record."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REPO

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.errors import InputError

PPP = REPO / "data/raw/external/worldbank_gdp_per_head_ppp_constant_mex_usa_1990_2023.csv"


def test_share_drift_reads_the_shares_as_a_random_walk_and_finds_the_largest_shift():
    years = list(range(2003, 2011))
    shares = [40.0, 40.5, 41.0, 41.5, 38.0, 38.5, 39.0, 39.5]  # +0.5 a year but a -3.5 shift in 2007
    frame = pd.DataFrame({"year": years, "region": "west", "share_pct": shares})
    out = r.share_drift(frame, (2003, 2005)).set_index("first_year")
    assert out.loc[2003, "mean_change_pp_per_year"] == pytest.approx((39.5 - 40.0) / 7)
    assert out.loc[2005, "mean_change_pp_per_year"] == pytest.approx((39.5 - 41.0) / 5)
    assert out.loc[2003, "largest_one_year_change_year"] == 2007
    assert out.loc[2003, "largest_one_year_change_pp"] == pytest.approx(-3.5)
    assert (out.loc[2003, "max_share_year"], out.loc[2003, "min_share_year"]) == (2006, 2007)
    assert out.loc[2003, "ci95_low_pp"] < out.loc[2003, "mean_change_pp_per_year"] < out.loc[2003, "ci95_high_pp"]


def test_gdp_gap_by_period_gives_ratio_and_difference_of_the_period_means():
    current = pd.DataFrame(
        {
            "year": [1990, 1990, 1994, 1994],
            "country_code": ["MEX", "USA", "MEX", "USA"],
            "gdp_per_head_current_usd": [3000.0, 24000.0, 6202.0, 27695.0],
        }
    )
    ppp = pd.DataFrame(
        {
            "year": [1990, 1990, 1994, 1994],
            "country_code": ["MEX", "USA", "MEX", "USA"],
            "gdp_per_head_ppp_constant_2021_intl_usd": [17000.0, 44000.0, 19000.0, 47000.0],
        }
    )
    out = r.gdp_gap_by_period(current, ppp).set_index(["measure", "period"])
    current_label = "current US dollars (World Bank, market exchange rates)"
    # The World Bank's 1994 figures (docs/twenty_years_on.md): 27,695 / 6,202.
    assert out.loc[(current_label, "1994"), "us_to_mexico_ratio"] == pytest.approx(27695 / 6202)
    nineties = out.loc[(current_label, "1990s")]
    assert nineties["years"] == 2
    assert nineties["us_to_mexico_ratio"] == pytest.approx(((24000 + 27695) / 2) / ((3000 + 6202) / 2))
    assert nineties["us_minus_mexico"] == pytest.approx((24000 + 27695) / 2 - (3000 + 6202) / 2)
    ppp_label = "PPP, constant 2021 international dollars (World Bank)"
    assert out.loc[(ppp_label, "1990"), "us_to_mexico_ratio"] == pytest.approx(44000 / 17000)


def test_the_ppp_transcription_is_complete_and_cites_its_source():
    table = r.read_ppp_gdp_per_head(PPP)
    assert table.groupby("country_code")["year"].agg(["min", "max", "count"]).to_dict("index") == {
        "MEX": {"min": 1990, "max": 2023, "count": 34},
        "USA": {"min": 1990, "max": 2023, "count": 34},
    }
    sources = pd.read_csv(REPO / "data/raw/external/sources.csv", dtype=str).set_index("source_id")
    assert set(table["source_id"]) == {"WB_WDI_PPP_KD"}
    assert "NY.GDP.PCAP.PP.KD" in sources.loc["WB_WDI_PPP_KD", "title"]


def test_a_bad_ppp_cell_stops_with_file_line_column_and_text(tmp_path):
    frame = pd.read_csv(PPP, dtype=str)
    frame.loc[3, "gdp_per_head_ppp_constant_2021_intl_usd"] = "18,430.1"
    bad = tmp_path / "ppp.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(InputError) as caught:
        r.read_ppp_gdp_per_head(bad)
    assert caught.value.line == 5 and caught.value.text == "18,430.1"
