"""The public statistical files (Banco de México, INEGI, World Bank) and notebook 6.

Published facts are checked against the processed tables and, independently, against the raw files
read with the csv module: Banco de México's annual inflows (2005 = 21,688.3 and 2023 = 63,318.7 USD
millions), the 32 states adding up to the national figure, the World Bank's published GDP per head of
Mexico in 2023 (13,790 USD). Then identity (md5), the ingest filter, bad input, the findings about the
sources and the notebook's estimates, each made here by the package functions the rules and notebook 6 call
(from the processed tables, checked above against the raw files), not read from the committed results."""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import REPO, assert_is_the_committed_table

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.errors import InputError
from migration_evidence.printed.processed import read_processed
from migration_evidence.series.specs import load_external_config
from migration_evidence.statistical_files import findings as sff
from migration_evidence.statistical_files import tables as sf
from migration_evidence.statistical_files.datapackage import load_statistical_files
from migration_evidence.statistical_files.findings import COLUMNS, VERDICTS

RAW = REPO / "data" / "raw" / "statistical_files"
MONTHLY = RAW / "banxico_remesas_mensuales_1995_2026.csv"
STATES = RAW / "banxico_remesas_entidad_trimestral_2003_2026.csv"
CONFIG = sf.load_config(REPO / "config" / "statistical_tables.yaml")
PROCESSED = {name: REPO / path for name, path in CONFIG.processed.items()}
# The transcribed early vintage, raw and processed (inputs of the rules statistical_findings and
# remittance_growth_by_period).
TRANSCRIBED_RAW = REPO / "data/raw/external/banxico_family_remittances_1980_2005.csv"
TRANSCRIBED = (
    REPO / load_external_config(REPO / "config/external_series.yaml").processed["remittances_mexico_1980_2005"].path
)
BREAK_SETTINGS = yaml.safe_load((REPO / "config/statistics.yaml").read_text(encoding="utf-8"))[
    "remittance_monthly_breaks"
]

# Published by Banco de México (SIE, family remittances, USD millions) and the World Bank (WDI,
# NY.GDP.PCAP.CD, Mexico 2023).
PUBLISHED_INFLOWS = {2005: 21688.3, 2023: 63318.7}
PUBLISHED_MEXICO_GDP_PER_HEAD_2023 = 13790


def _raw_inflows_by_year() -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    with open(MONTHLY, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["ID_FLUJO"] == "1":
                totals[int(row["PERIODO"][:4])] += int(row["VALOR_USD"])
    return dict(totals)


def _raw_months_by_year() -> dict[int, int]:
    months: dict[int, int] = defaultdict(int)
    with open(MONTHLY, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["ID_FLUJO"] == "1":
                months[int(row["PERIODO"][:4])] += 1
    return dict(months)


@pytest.fixture(scope="module")
def results(specs):
    """The findings and notebook 6's tables, made by the package functions that the rules (statistical_findings,
    remittance_growth_by_period, remittances_since_2005_results, remittance_monthly_breaks) and the notebook
    (partial year, state shares) call, with their settings."""
    annual = pd.read_csv(PROCESSED["remittances_annual"])
    monthly = pd.read_csv(PROCESSED["remittances_monthly"])
    prices = pd.read_csv(PROCESSED["prices_monthly"])
    states = pd.read_csv(PROCESSED["remittances_by_state"])
    gdp_per_head = pd.read_csv(PROCESSED["gdp_per_head"])
    transcribed = pd.read_csv(TRANSCRIBED)
    last_year = int(annual["year"].max())
    asymmetries = specs["mexico_us_asymmetries_1994_2004"]
    findings = sff.findings_frame(
        [
            *sff.vintage_findings(annual, str(TRANSCRIBED_RAW)),
            sff.revision_2024_finding(annual, CONFIG.reference_values["earlier_vintage_2024"]),
            *sff.state_total_findings(sf.state_totals_by_year(states, monthly)),
            *sff.table2_gdp_findings(str(REPO / asymmetries.raw), gdp_per_head),
            sff.published_gdp_per_head_finding(gdp_per_head, CONFIG.reference_values["published_gdp_per_head"]),
        ]
    )
    growth, _ = r.growth_tables(transcribed, annual, monthly, prices, CONFIG.constant_price_year)
    regions = yaml.safe_load((REPO / "config/migration_regions.yaml").read_text(encoding="utf-8"))["regions"]
    region_of = {code: name for name, entry in regions.items() for code in entry["states"]}
    # Fewer bootstrap draws than the rule's: the decomposition and the break sets do not depend on them.
    breaks = r.monthly_break_results(
        monthly,
        last_year,
        break_trimmings=BREAK_SETTINGS["break_trimmings"],
        break_headline_trimming=BREAK_SETTINGS["break_headline_trimming"],
        break_max_breaks=int(BREAK_SETTINGS["break_max_breaks"]),
        break_bootstrap_replications=19,
        break_bootstrap_block_months=int(BREAK_SETTINGS["break_bootstrap_block_months"]),
        break_bootstrap_seed=int(BREAK_SETTINGS["break_bootstrap_seed"]),
        break_near_months=int(BREAK_SETTINGS["break_near_months"]),
        break_persistence_months=int(BREAK_SETTINGS["break_persistence_months"]),
        named=r.NAMED_BREAKS,
    )
    return {
        "findings": findings,
        "partial_year": r.partial_year(monthly),
        "constant_pesos": r.constant_pesos(monthly[monthly["year"] <= last_year], prices, CONFIG.constant_price_year),
        # The rule writes the growth table to 6 decimals (round_estimates).
        "growth": round_estimates(growth),
        "by_vintage": r.vintages_1980_2025(transcribed, annual),
        "decomposition": breaks["decomposition"],
        "break_sets": breaks["break_sets"],
        "state_shares": r.state_shares(states, region_of),
        "gdp_gap": r.gdp_gap(gdp_per_head, read_processed(REPO / asymmetries.processed, asymmetries), 1994),
    }


def test_the_fixture_is_the_rules_and_the_notebooks_computation(results):
    published = {
        "partial_year": "remittances_partial_year_2026.csv",
        "constant_pesos": "remittances_constant_pesos_1995_2025.csv",
        "growth": "remittances_growth_by_period_1995_2025.csv",
        "by_vintage": "remittances_by_vintage_1980_2025.csv",
        "decomposition": "remittances_monthly_decomposition.csv",
        "break_sets": "remittances_monthly_break_sets_by_trimming.csv",
        "state_shares": "remittances_state_shares_2003_2025.csv",
        "gdp_gap": "gdp_per_head_gap_1994_2023.csv",
    }
    # (The findings name the files they were read from, here the test's paths.)
    assert set(results) - set(published) == {"findings"}
    for name, file in published.items():
        assert_is_the_committed_table(results[name], f"results/tables/{file}")


# --- published facts ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(PUBLISHED_INFLOWS))
def test_annual_inflows_equal_banco_de_mexicos_published_figures(year):
    raw = _raw_inflows_by_year()
    assert round(raw[year] / 1e6, 1) == PUBLISHED_INFLOWS[year]
    annual = pd.read_csv(PROCESSED["remittances_annual"]).set_index("year")
    assert round(annual.loc[year, "inflows_usd_millions"], 1) == PUBLISHED_INFLOWS[year]


def test_the_32_states_add_up_to_the_national_figure_every_year():
    national = _raw_inflows_by_year()
    states: dict[int, int] = defaultdict(int)
    quarters: dict[int, set] = defaultdict(set)
    codes: dict[str, set] = defaultdict(set)
    with open(STATES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            year = int(row["PERIODO"][:4])
            states[year] += int(row["VALOR_USD"])
            quarters[year].add(row["PERIODO"])
            codes[row["PERIODO"]].add(int(row["CVE_ENT"]))
    assert all(found == set(range(1, 33)) for found in codes.values())
    complete = [year for year in states if len(quarters[year]) == 4]
    assert complete == list(range(2003, 2026))
    for year in complete:
        # Each of 32 × 4 published state figures is rounded to the dollar.
        assert abs(states[year] - national[year]) <= 32 * 4 * 0.5, year


def test_mexico_gdp_per_head_2023_is_the_world_banks_published_figure():
    gdp = pd.read_csv(PROCESSED["gdp_per_head"]).set_index(["country_code", "year"])
    value = gdp.loc[("MEX", 2023), "gdp_per_head_current_usd"]
    assert abs(value / PUBLISHED_MEXICO_GDP_PER_HEAD_2023 - 1) < 0.001


def test_annual_table_holds_only_complete_years(results):
    months = _raw_months_by_year()
    annual = pd.read_csv(PROCESSED["remittances_annual"])
    assert annual["year"].tolist() == sorted(y for y, n in months.items() if n == 12)
    assert months[2026] == 5 and 2026 not in set(annual["year"])
    partial = results["partial_year"]
    assert partial["period"].tolist() == ["Jan–May 2025", "Jan–May 2026"]


# --- identity, filter, bad input ----------------------------------------------------------------


def test_every_statistical_file_has_its_md5_in_the_data_package():
    package = json.loads((REPO / "data/raw/datapackage.json").read_text(encoding="utf-8"))
    recorded = {
        res["path"]: res["hash"] for res in package["resources"] if res["path"].startswith("statistical_files/")
    }
    assert {spec.file for spec in CONFIG.files.values()} <= {p.removeprefix("statistical_files/") for p in recorded}
    for path, digest in recorded.items():
        actual = hashlib.md5((REPO / "data/raw" / path).read_bytes()).hexdigest()
        assert digest == actual, path
    # The checksums published with the copies (see data/raw/datapackage.json, sources).
    assert recorded["statistical_files/banxico_remesas_mensuales_1995_2026.csv"] == "3d0e41125f2e56ad9132171875f50260"
    assert recorded["statistical_files/worldbank_gdp_current_usd.csv"] == "fe19e4b9cee2bb249edbb2ebab59ad14"


def test_a_changed_file_stops_at_the_md5_check(tmp_path):
    copy = tmp_path / MONTHLY.name
    copy.write_bytes(MONTHLY.read_bytes().replace(b"254572352", b"254572353", 1))
    with pytest.raises(InputError) as caught:
        sf.verify_checksum(copy, load_statistical_files(REPO / "data/raw/datapackage.json")[MONTHLY.name])
    message = str(caught.value)
    assert message.startswith(str(copy)) and "expected 3d0e41125f2e56ad9132171875f50260" in message


def test_a_bad_cell_names_file_line_row_column_and_text(tmp_path):
    copy = tmp_path / MONTHLY.name
    copy.write_text(MONTHLY.read_text(encoding="utf-8").replace("248060497", "2480604g7", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        sf.read_statistical_file(copy, CONFIG.files["remittances_monthly"])
    assert str(caught.value) == (
        f"{copy}, line 3, row '1995-02-01/1', column 'VALOR_USD', text '2480604g7': '2480604g7' is not an integer"
    )


def test_an_out_of_range_flow_id_is_refused(tmp_path):
    copy = tmp_path / MONTHLY.name
    copy.write_text(MONTHLY.read_text(encoding="utf-8").replace("1995-03-01,1,", "1995-03-01,3,", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        sf.read_statistical_file(copy, CONFIG.files["remittances_monthly"])
    assert "line 4" in str(caught.value) and "column 'ID_FLUJO'" in str(caught.value)


def test_world_bank_files_are_reduced_to_mexico_and_the_united_states():
    kept = defaultdict(int)
    with open(RAW / "worldbank_gdp_current_usd.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["Country Code"] in {"MEX", "USA"}:
            kept[row["Country Code"]] += 1
    assert len(rows) > 10_000  # the original, all countries and aggregates, is committed as found
    gdp = pd.read_csv(PROCESSED["gdp_per_head"])
    assert set(gdp["country_code"]) == {"MEX", "USA"}
    assert gdp.groupby("country_code").size().to_dict() == dict(kept)


def test_fix_zeros_before_november_1991_are_missing_not_zero():
    prices = pd.read_csv(PROCESSED["prices_monthly"]).set_index("month")
    assert prices.loc["1991-10", "fix_mxn_per_usd"] != prices.loc["1991-10", "fix_mxn_per_usd"]  # NaN
    assert prices.loc["1991-11", "fix_mxn_per_usd"] > 0
    assert (prices["fix_mxn_per_usd"].dropna() > 0).all()


def test_config_declares_the_statistical_files_directory():
    config = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))
    assert config["statistical_files_dir"] == "data/raw/statistical_files"


# --- findings about the sources -----------------------------------------------------------------


def test_findings_have_the_source_audit_columns_and_verdicts(results):
    findings = results["findings"]
    assert findings.columns.tolist() == COLUMNS
    assert set(findings["verdict"]) <= set(VERDICTS)
    for row in findings.itertuples():
        if row.verdict in ("not_comparable", "discrepancy"):
            assert len(row.explanation) > 40, row.check_id


def test_revised_vintage_1995_2005_equals_the_current_file(results):
    findings = results["findings"]
    revised = findings[findings["check_id"].str.startswith("statistical_files:vintage:revised:")]
    assert len(revised) == 11
    assert set(revised["verdict"]) <= {"exact", "within_rounding"}
    revision = findings.set_index("check_id").loc["statistical_files:vintage:revision:2024"]
    assert revision["verdict"] == "not_comparable" and float(revision["recomputed"]) > float(revision["printed"])


def test_table2_gdp_per_head_is_not_world_bank_current_dollars(results):
    findings = results["findings"].set_index("check_id")
    mexico_1994 = findings.loc["statistical_files:table2_gdp_per_head:MEX:1994"]
    assert float(mexico_1994["printed"]) == 7332
    assert 6100 < float(mexico_1994["recomputed"]) < 6300
    assert mexico_1994["verdict"] == "discrepancy"


# --- notebook 6 ---------------------------------------------------------------------------------


def test_constant_pesos_follow_from_fix_and_inpc(results):
    fix, inpc = {}, {}
    with open(RAW / "banxico_usdmxn_fix_mensual.csv", encoding="utf-8", newline="") as handle:
        fix = {row["PERIODO"][:7]: float(row["TIPO_CAMBIO"]) for row in csv.DictReader(handle)}
    with open(RAW / "inegi_inpc_mensual.csv", encoding="utf-8", newline="") as handle:
        inpc = {row["PERIODO"][:7]: float(row["GENERAL"]) for row in csv.DictReader(handle)}
    base = CONFIG.constant_price_year
    base_level = sum(inpc[f"{base}-{m:02d}"] for m in range(1, 13)) / 12
    total = 0.0
    with open(MONTHLY, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            month = row["PERIODO"][:7]
            if row["ID_FLUJO"] == "1" and month.startswith("2005-"):
                total += int(row["VALOR_USD"]) * fix[month] * base_level / inpc[month]
    table = results["constant_pesos"].set_index("year")
    assert math.isclose(table.loc[2005, "inflows_mxn_millions_constant"], total / 1e6, rel_tol=1e-9)
    assert (table["price_base_year"] == base).all()


def test_compound_growth_2005_2025_from_the_published_endpoints(results):
    growth = results["growth"]
    row = growth[(growth["measure"] == "USD, current vintage") & (growth["start_year"] == 2005)]
    row = row[row["end_year"] == 2025].iloc[0]
    raw = _raw_inflows_by_year()
    # The table is written to 6 decimals (round_estimates).
    assert math.isclose(row["compound_growth_pct"], 100 * ((raw[2025] / raw[2005]) ** (1 / 20) - 1), abs_tol=1e-6)
    # 1995-2005 at the published 3,672.7 and 21,688.3: about 19.4% a year.
    paper = growth[(growth["measure"] == "USD, current vintage") & (growth["start_year"] == 1995)].iloc[0]
    assert round(paper["compound_growth_pct"], 1) == round(100 * ((21688.3 / 3672.7) ** 0.1 - 1), 1)


def test_vintages_are_never_spliced(results):
    vintages = results["by_vintage"]
    early = vintages[vintages["vintage"] == "early"]
    current = vintages[vintages["vintage"] == "current"]
    assert early["year"].tolist() == list(range(1980, 2006))
    assert current["year"].tolist() == list(range(1995, 2026))
    assert early.set_index("year").loc[2005, "value_usd_millions"] == 20035


def test_break_sets_state_their_rss_and_respect_their_trimming(results):
    """Every break set in the table, refitted here segment by segment with numpy's least squares on the
    seasonally adjusted series: the RSS agrees, every segment holds at least the trimming's share of the
    months (rounded up), and each trimming's criteria choose the set with the lowest value."""
    decomposition = results["decomposition"]
    y = decomposition["seasonally_adjusted"].to_numpy()
    position = {m: i for i, m in enumerate(decomposition["month"])}
    sets = results["break_sets"]
    assert sorted(sets["trimming_pct"].unique()) == [5, 10, 15]
    for row in sets.itertuples():
        assert row.min_segment_months == math.ceil(row.trimming_pct / 100 * len(y) - 1e-9)
        bounds = [0, *(position[m] for m in row.break_months.split()), len(y)]
        rss = 0.0
        for start, end in zip(bounds[:-1], bounds[1:], strict=True):
            assert end - start >= row.min_segment_months
            t = np.arange(start, end, dtype=float)
            rss += float(np.sum((y[start:end] - np.polyval(np.polyfit(t, y[start:end], 1), t)) ** 2))
        assert math.isclose(row.rss, rss, rel_tol=1e-6, abs_tol=1e-6)
    for _, part in sets.groupby("trimming_pct"):
        assert part.loc[part["lwz"].idxmin(), "chosen_by_lwz"] and part["chosen_by_lwz"].sum() == 1
        assert part.loc[part["bic"].idxmin(), "chosen_by_bic"] and part["chosen_by_bic"].sum() == 1


def test_state_and_region_shares_add_to_100(results):
    shares = results["state_shares"]
    assert (shares.groupby("year")["state_code"].nunique() == 32).all()
    assert np.allclose(shares.groupby("year")["share_pct"].sum(), 100)
    regions = yaml.safe_load((REPO / "config/migration_regions.yaml").read_text(encoding="utf-8"))["regions"]
    codes = [code for entry in regions.values() for code in entry["states"]]
    assert sorted(codes) == list(range(1, 33))
    assert sorted(regions["historical"]["states"]) == [1, 6, 10, 11, 14, 16, 18, 24, 32]


def test_gdp_gap_keeps_table2_beside_the_world_bank_series(results):
    gap = results["gdp_gap"].set_index("year")
    assert gap.index.min() == 1994 and gap.index.max() == 2023
    assert gap.loc[1994, "mexico_table2_printed"] == 7332 and gap.loc[2004, "united_states_table2_printed"] == 29673
    assert gap["mexico_table2_printed"].notna().sum() == 2


def test_data_dictionary_describes_every_column_of_the_processed_tables():
    dictionary = pd.read_csv(REPO / "data/processed/data_dictionary.csv", keep_default_na=False)
    for path in CONFIG.processed.values():
        header = pd.read_csv(REPO / path, nrows=0).columns.tolist()
        described = dictionary[dictionary["file"] == path]
        assert described["column"].tolist() == header, path
        assert (described["description"].str.len() > 3).all()


def test_growth_1995_2005_with_and_without_the_2003_recording_change(results):
    """Banco de México's file: 2002→2003 is the +54% of the recording change; leaving that change out,
    1995-2005 growth is the compound rate of the other nine changes."""
    raw = _raw_inflows_by_year()
    assert round(raw[2003] / raw[2002] - 1, 2) == 0.54
    growth = results["growth"]
    usd = growth[(growth["measure"] == "USD, current vintage") & (growth["start_year"] == 1995)]
    usd = usd.set_index(usd["changes_left_out"].fillna(""))
    expected = 100 * (((raw[2005] / raw[1995]) / (raw[2003] / raw[2002])) ** (1 / 9) - 1)
    assert math.isclose(usd.loc["2003", "compound_growth_pct"], expected, abs_tol=1e-6)
    assert usd.loc["2003", "annual_changes"] == 9 and usd.loc["", "annual_changes"] == 10
    # Every interval of the table is the Newey-West one (at least one lag wherever there is an interval).
    assert (growth.dropna(subset=["ci95_low_pct"])["hac_lags"] >= 1).all()
