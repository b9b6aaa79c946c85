"""The external series: Banco de México remittances (Chart 3), the 2005 inflows snapshot (Chart 6)
and CONAPO's workers by sector (Chart 4 substitute), with the documents' claims and the exhibit
registry. Expected values are the published figures, typed here from the sources, not from outputs."""

from __future__ import annotations

import csv
import json
import shutil
from fractions import Fraction

import pandas as pd
import pytest
import yaml
from conftest import REPO, SEEDS_DIR, copy_repository, record_raw_change, run_snakemake

from migration_evidence.audit.run import declared_price_indexes
from migration_evidence.audit.series_checks import price_index_base_check
from migration_evidence.errors import InputError
from migration_evidence.series.external import clean_external_series, load_external_config, read_series
from migration_evidence.series.results import (
    check_remittance_claims,
    growth_rates,
    read_remittance_claims,
    workers_accounting,
)

# Banco de México family remittances, USD millions (early: as published before mid-2006).
EARLY = {
    1980: 698, 1981: 859, 1982: 844, 1983: 984, 1984: 1127, 1985: 1157, 1986: 1290, 1987: 1478,
    1988: 1897, 1989: 2213, 1990: 2492, 1991: 2414, 1992: 3070, 1993: 3332, 1994: 3475, 1995: 3673,
    1996: 4224, 1997: 4865, 1998: 5627, 1999: 5909, 2000: 6573, 2001: 8895, 2002: 9814, 2003: 13266,
    2004: 16613, 2005: 20035,
}  # fmt: skip
REVISED = {
    1995: 3672.7, 1996: 4223.7, 1997: 4864.8, 1998: 5626.8, 1999: 5909.6, 2000: 6572.7, 2001: 8895.3,
    2002: 9814.4, 2003: 15138.7, 2004: 18331.7, 2005: 21688.3,
}  # fmt: skip
# CONAPO: year -> (economically active, employed, unemployed, primary, secondary, tertiary).
CONAPO = {
    1994: (3766995, 3347549, 419446, 245050, 1213050, 1889448),
    1995: (4200771, 3728210, 472561, 241974, 1316479, 2169757),
    1996: (4032145, 3586938, 445207, 228388, 1258732, 2099818),
    1997: (4412252, 4016076, 396176, 293456, 1462375, 2260245),
    1998: (4562745, 4235717, 327027, 266442, 1500052, 2469223),
    1999: (4611695, 4302159, 309536, 250553, 1504044, 2547563),
    2000: (5001045, 4641932, 359113, 351842, 1701631, 2588459),
    2001: (5816970, 5370020, 446949, 269319, 2035498, 3065203),
    2002: (6337051, 5784837, 552214, 276819, 2069449, 3438570),
    2003: (6453461, 5831974, 621486, 256437, 2112921, 3462616),
    2004: (6722519, 6216248, 506271, 314033, 2250176, 3652039),
    2005: (6949904, 6525926, 423978, 368958, 2428639, 3728328),
}
RAW_REMITTANCES = "data/raw/external/banxico_family_remittances_1980_2005.csv"
RAW_CPI = "data/raw/external/bls_cpi_u_annual_averages_1980_2005.csv"
# BLS, CPI-U, U.S. city average, all items, 1982-84=100 (CUUR0000SA0): annual averages as published.
CPI_U = {1980: 82.4, 1982: 96.5, 1983: 99.6, 1984: 103.9, 1986: 109.6, 1994: 148.2, 2000: 172.2, 2005: 195.3}
APPROXIMATE_MARKERS = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))[
    "approximate_statements"
]["markers"]


@pytest.fixture(scope="module")
def external():
    return load_external_config(REPO / "config/external_series.yaml")


@pytest.fixture(scope="module")
def remittances(external):
    spec = external.processed["remittances_mexico_1980_2005"]
    return read_series(REPO / spec.path, spec)


@pytest.fixture(scope="module")
def sources():
    with open(REPO / "data/raw/external/sources.csv", encoding="utf-8", newline="") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def growth(remittances, external):
    """The growth rates as the rule remittance_growth_rates computes them (the package's function)."""
    return growth_rates(remittances, external)


@pytest.fixture(scope="module")
def claims(remittances, external):
    """The remittance claims as the rule remittance_claims checks them (the package's function)."""
    path = REPO / "data/raw/remittance_claims.csv"
    return check_remittance_claims(
        remittances, read_remittance_claims(path), external, str(path), approximate_markers=APPROXIMATE_MARKERS
    )


def _series(frame, vintage):
    part = frame[frame["vintage"] == vintage]
    return dict(zip(part["year"], part["value_usd_millions"], strict=True))


def _csv(path):
    return pd.read_csv(REPO / path, keep_default_na=False)


# --- Remittances -----------------------------------------------------------------------------------


def test_remittances_equal_the_published_figures(remittances):
    assert _series(remittances, "early") == pytest.approx(EARLY)
    assert _series(remittances, "revised") == pytest.approx(REVISED)
    assert len(remittances) == len(EARLY) + len(REVISED)
    early, revised = _series(remittances, "early"), _series(remittances, "revised")
    assert early[1980] == 698 and early[1990] == 2492
    assert early[2005] == 20035 and revised[2005] == pytest.approx(21688.3)
    assert early[2003] == 13266 and revised[2003] == pytest.approx(15138.7)


def test_every_value_has_a_source_in_the_sources_table(remittances, sources):
    assert set(remittances["source_id"]) <= set(sources)
    assert (remittances["publisher"] == "Banco de México").all()
    for ids in remittances["corroborated_by"]:
        assert all(i in sources for i in ids.split("; ") if i)
    early = remittances[remittances["vintage"] == "early"].set_index("year")
    # 1980-1994 rest on tabulation A alone; 2002 is Banco de México's figure, not A's IDB estimate.
    assert (early.loc[1980:1994, "source_id"] == "A").all()
    assert early.loc[2002, "source_id"] == "C2"
    assert "10,502" in early.loc[2002, "disagreed_by"]
    assert "1,980" in early.loc[1990, "disagreed_by"]
    assert early.loc[2004, "source_id"] == "C3"
    assert (remittances[remittances["vintage"] == "revised"]["source_id"] == "B").all()


def test_raw_file_cites_a_known_source_on_every_row(sources):
    with open(REPO / RAW_REMITTANCES, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["source_id"] in sources for row in rows)
    for row in sources.values():
        assert all(row[k].strip() for k in ("publisher", "title", "url_or_tabulation", "date"))


def test_vintages_are_not_mixed(remittances, external, growth):
    early, revised = _series(remittances, "early"), _series(remittances, "revised")
    # 1995-2002 are the same in both vintages to within a unit; only 1999 does not round exactly.
    for year in range(1995, 2003):
        assert abs(early[year] - revised[year]) < 1
    assert [y for y in range(1995, 2003) if round(revised[y]) != early[y]] == [1999]
    # From 2003 Banco de México revised upward.
    assert all(revised[y] > early[y] for y in (2003, 2004, 2005))
    # The chart draws one vintage: the early one, with growth rates from that vintage only.
    assert external.chart_vintage == "early"
    drawn = growth[growth["drawn_on_chart"]]
    assert set(drawn["vintage"]) == {"early"}
    for _, row in growth.iterrows():
        values = _series(remittances, row["vintage"])
        assert row["start_usd_millions"] == pytest.approx(values[row["start_year"]])
        assert row["end_usd_millions"] == pytest.approx(values[row["end_year"]])


def test_2004_early_is_derived_from_the_2005_release():
    # dinero.com (1 March 2006): 2005 = 20,035, an increase of 3,422 over 2004.
    assert EARLY[2004] == 20035 - 3422


def test_growth_rates_agree_with_an_independent_calculation(growth):
    by_period = {(r.period, r.vintage): r for r in growth.itertuples()}
    expected = {
        ("1980-2005", "early"): (20035 / 698) ** (1 / 25) - 1,
        ("1980-1986", "early"): (1290 / 698) ** (1 / 6) - 1,
        ("1986-1994", "early"): (3475 / 1290) ** (1 / 8) - 1,
        ("1994-2005", "early"): (20035 / 3475) ** (1 / 11) - 1,
        ("1995-2005", "revised"): (21688.3 / 3672.7) ** (1 / 10) - 1,
    }
    for key, rate in expected.items():
        assert by_period[key].cagr_pct == pytest.approx(100 * rate, abs=1e-5), key
    assert by_period[("1980-2005", "early")].ratio == pytest.approx(20035 / 698, abs=1e-5)
    drawn = growth[growth["drawn_on_chart"]].sort_values("start_year")
    assert list(drawn["period"]) == ["1980-1986", "1986-1994", "1994-2005"]


def test_growth_rates_function_uses_one_vintage_per_row(remittances, external):
    table = growth_rates(remittances, external)
    whole = table[(table["period"] == "1980-2005") & (table["vintage"] == "early")].iloc[0]
    assert whole["cagr_pct"] == pytest.approx(100 * ((20035 / 698) ** (1 / 25) - 1))


# --- Claims ------------------------------------------------------------------------------------------


def test_claims_recomputed_from_the_series(claims):
    rows = {(r.claim_id, r.comparison): r for r in claims.itertuples()}
    fold = rows[("nafta_remittances_thirty_fold", "2005 (early) / 1980 (early)")]
    assert fold.recomputed_value == pytest.approx(20035 / 698, abs=1e-4)
    assert round(fold.recomputed_value, 1) == 28.7
    assert fold.verdict == "agrees at the stated precision"
    fold_revised = rows[("nafta_remittances_thirty_fold", "2005 (revised) / 1980 (early)")]
    assert round(fold_revised.recomputed_value, 1) == 31.1
    twenty = rows[("nafta_remittances_2005_20_billion", "2005 value, early vintage")]
    assert twenty.recomputed_value == 20035 and twenty.verdict == "agrees at the stated precision"
    fifteen = {r.comparison: r for r in claims.itertuples() if r.claim_id == "elcano_mexico_15_billion_annually"}
    assert fifteen["2003 value, early vintage"].recomputed_value == 13266
    assert fifteen["2003 value, revised vintage"].recomputed_value == pytest.approx(15138.7)
    assert fifteen["2004 value, early vintage"].recomputed_value == 16613
    # Approximately US$15 billion fits neither figure published before February 2005 at the billion.
    assert fifteen["2003 value, early vintage"].verdict == "does not agree at the stated precision"
    assert fifteen["2004 value, early vintage"].verdict == "does not agree at the stated precision"
    assert all(r.explanation for r in claims.itertuples())


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_claim_quotes_are_the_document_lines():
    claims = read_remittance_claims(REPO / "data/raw/remittance_claims.csv")
    for claim in claims.itertuples():
        lines = (SEEDS_DIR / claim.document).read_text(encoding="utf-8").splitlines()
        text = " ".join(" ".join(lines[claim.first_line - 1 : claim.last_line]).split())
        assert claim.quote in text, claim.claim_id


def test_a_claim_without_a_declared_comparison_is_refused(tmp_path, remittances, external):
    path = tmp_path / "claims.csv"
    text = (REPO / "data/raw/remittance_claims.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("nafta_remittances_2005_20_billion", "nafta_unknown_claim"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        check_remittance_claims(
            remittances, read_remittance_claims(path), external, str(path), approximate_markers=APPROXIMATE_MARKERS
        )
    assert "nafta_unknown_claim" in str(info.value)


def test_remittance_statements_follow_the_one_rule_for_approximate_statements(claims):
    # "thirty-fold" (line 313) is marked approximate by "-fold": 30 is read to half a unit of its last
    # non-zero digit, 25 to 35, as every approximate statement is (no tolerance of its own).
    ranges = {
        claim_id: set(zip(part["accepted_low"], part["accepted_high"], strict=True))
        for claim_id, part in claims.groupby("claim_id")
    }
    assert ranges["nafta_remittances_thirty_fold"] == {(25, 35)}
    # "approximately US$15 billion": 14.5 to 15.5 billion, as the claims register reads C037.
    assert ranges["elcano_mexico_15_billion_annually"] == {(14500, 15500)}
    # "USD $20 billion" is not marked approximate: half a unit of its last written digit, 19.5 to 20.5 billion.
    assert ranges["nafta_remittances_2005_20_billion"] == {(19500, 20500)}
    external = (REPO / "config/external_series.yaml").read_text(encoding="utf-8")
    assert "half_width" not in external, "a claim must not declare a tolerance of its own"


def test_reading_of_a_stated_number_by_the_rule():
    from migration_evidence.audit.claims import approximate_half_width
    from migration_evidence.printed.statements import approximate_marker, read_stated_number, stated_half_width

    fold = read_stated_number("thirty-fold")
    assert (fold.digits, fold.scale) == ("30", "")
    assert approximate_marker("remittance receipts have increased thirty-fold.", APPROXIMATE_MARKERS) == "-fold"
    assert stated_half_width(fold.digits, True) == approximate_half_width("30") == 5
    fifteen = read_stated_number("approximately US$15 billion annually")
    assert (fifteen.value, fifteen.multiplier) == (15, 10**9)
    assert stated_half_width("20", False) == Fraction(1, 2)
    # A marker that begins with a letter must begin a word: "about" is not in "roundabout".
    assert approximate_marker("a roundabout figure", ["about"]) is None


def test_a_stated_value_that_is_not_the_number_the_statement_writes_is_refused(tmp_path, remittances, external):
    path = tmp_path / "claims.csv"
    text = (REPO / "data/raw/remittance_claims.csv").read_text(encoding="utf-8")
    path.write_text(text.replace('USD $20 billion,"20,000"', 'USD $20 billion,"2,000"'), encoding="utf-8")
    with pytest.raises(InputError) as info:
        check_remittance_claims(
            remittances, read_remittance_claims(path), external, str(path), approximate_markers=APPROXIMATE_MARKERS
        )
    assert "nafta_remittances_2005_20_billion" in str(info.value) and "stated_value" in str(info.value)


# --- The US consumer price index (constant dollars in notebook 1) ------------------------------------


def test_cpi_u_is_the_published_bls_series(external):
    with open(REPO / RAW_CPI, encoding="utf-8", newline="") as handle:
        raw = {int(row["year"]): row for row in csv.DictReader(handle)}
    assert sorted(raw) == list(range(1980, 2006))
    for year, value in CPI_U.items():
        assert raw[year]["index_1982_84_100"] == f"{value:.1f}", year
    assert {row["source_id"] for row in raw.values()} == {"BLS_CPI"}
    spec = external.processed["us_cpi_u_1980_2005"]
    processed = read_series(REPO / spec.path, spec).set_index("year")
    assert processed["index_1982_84_100"].to_dict() == {y: float(r["index_1982_84_100"]) for y, r in raw.items()}
    assert set(processed["publisher"]) == {"U.S. Bureau of Labor Statistics"}
    # Prices rose in every year of 1980-2005 (the CPI-U fell in no calendar year of the period).
    values = [float(raw[y]["index_1982_84_100"]) for y in range(1980, 2006)]
    assert all(b > a for a, b in zip(values, values[1:], strict=False))


def test_cpi_u_averages_100_over_its_reference_period(external):
    with open(REPO / RAW_CPI, encoding="utf-8", newline="") as handle:
        raw = {int(row["year"]): Fraction(row["index_1982_84_100"]) for row in csv.DictReader(handle)}
    mean = (raw[1982] + raw[1983] + raw[1984]) / 3
    # 1982-84 = 100: the mean of the three printed annual averages is 100.0 to their printed rounding.
    assert abs(mean - 100) <= Fraction(5, 100)
    assert round(float(mean), 1) == 100.0
    # The source audit makes the same check, by the function run_audit calls for each declared price index.
    checks = [
        price_index_base_check(str(REPO / index.raw_path), index.series_id, index.base_period, index.column)
        for index in declared_price_indexes(external)
    ]
    (check,) = [c for c in checks if c.check_id == "series_base:us_cpi_u_1980_2005"]
    assert check.verdict == "exact" and float(check.recomputed) == pytest.approx(float(mean))


# --- Chart 6 snapshot and the Chart 4 substitute -----------------------------------------------------


def test_inflows_2005_snapshot(external):
    spec = external.processed["mexico_foreign_exchange_inflows_2005"]
    inflows = read_series(REPO / spec.path, spec)
    values = {(r.inflow, r.source_id): r.value_usd_millions for r in inflows.itertuples()}
    assert values == {
        ("Family remittances", "C3"): 20035,
        ("Oil exports", "AP2006"): 31700,
        ("Tourism receipts", "SECTUR"): 11800,
        ("Tourism receipts", "AP2006"): 10700,
        ("Foreign direct investment", "SE_FDI"): 17804,
    }
    fdi = inflows[inflows["inflow"] == "Foreign direct investment"].iloc[0]
    assert "21 December 2005" in fdi["coverage"]


def test_conapo_workers_equal_the_published_series(external):
    spec = external.processed["mexican_born_workers_by_sector_1994_2005"]
    workers = read_series(REPO / spec.path, spec).set_index("year")
    columns = [
        "economically_active_persons",
        "employed_persons",
        "unemployed_persons",
        "primary_sector_persons",
        "secondary_sector_persons",
        "tertiary_sector_persons",
    ]
    assert {year: tuple(int(v) for v in workers.loc[year, columns]) for year in workers.index} == CONAPO


def test_conapo_identities_hold_except_in_the_recorded_rows(external):
    # Computed from the published figures: sectors add to the employed, employed plus unemployed to
    # the active, except for differences of one person (rounding of weighted survey counts).
    sector_gaps = {y: p + s + t - e for y, (a, e, u, p, s, t) in CONAPO.items() if p + s + t != e}
    active_gaps = {y: e + u - a for y, (a, e, u, p, s, t) in CONAPO.items() if e + u != a}
    assert sector_gaps == {1994: -1, 1999: 1, 2002: 1, 2005: -1}
    assert active_gaps == {1998: -1, 2001: -1, 2003: -1}
    spec = external.processed["mexican_born_workers_by_sector_1994_2005"]
    accounting = workers_accounting(read_series(REPO / spec.path, spec)).set_index("year")
    recorded = {y for y in accounting.index if not accounting.loc[y, "adds_up"]}
    assert recorded == set(sector_gaps) | set(active_gaps)
    for year, gap in sector_gaps.items():
        assert accounting.loc[year, "sectors_minus_employed_persons"] == gap
    for year, gap in active_gaps.items():
        assert accounting.loc[year, "employed_plus_unemployed_minus_active_persons"] == gap


# --- Bad input -----------------------------------------------------------------------------------------


def _corrupt(tmp_path, old, new):
    path = tmp_path / "remittances.csv"
    text = (REPO / RAW_REMITTANCES).read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        (
            '1986,early,"1,290",A',
            '1986,early,"1,29O",A',
            ["line 8", "row '1986, early'", "column 'value_usd_millions'", "'1,29O'"],
        ),
        (
            "1981,early,859,A",
            "1981,early,859,Z",
            ["line 3", "row '1981, early'", "column 'source_id'", "'Z'", "sources table"],
        ),
        ("1983,early,984,A", "1983,late,984,A", ["line 5", "column 'vintage'", "'late'"]),
        (
            '2001,revised,"8,895.3",B',
            '2001,revised,"8,905.3",B',
            ["row '2001, revised'", "'8,905.3'", "agree to the unit"],
        ),
        ('2003,revised,"15,138.7",B', '2003,revised,"-15,138.7",B', ["row '2003, revised'", "'-15,138.7'"]),
    ],
    ids=["non-numeric value", "unknown source", "unknown vintage", "vintages disagree", "negative value"],
)
def test_bad_remittance_input_names_file_row_column_and_text(tmp_path, external, old, new, fragments):
    path = _corrupt(tmp_path, old, new)
    with pytest.raises(InputError) as info:
        clean_external_series(
            external,
            "remittances_mexico_1980_2005",
            raw_paths={"banxico_family_remittances": str(path)},
            sources_path=REPO / external.sources,
        )
    message = str(info.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message


def test_a_disagreement_that_agrees_is_refused(tmp_path, external):
    path = tmp_path / "readings.csv"
    text = (REPO / "data/raw/external/remittance_readings_other_sources.csv").read_text(encoding="utf-8")
    path.write_text(text.replace('mil 980 millones,"1,980"', 'mil 980 millones,"2,492"'), encoding="utf-8")
    with pytest.raises(InputError, match="recorded as a disagreement"):
        clean_external_series(
            external,
            "remittances_mexico_1980_2005",
            raw_paths={"remittance_readings": str(path)},
            sources_path=REPO / external.sources,
        )


@pytest.mark.end_to_end
def test_bad_remittance_input_stops_the_build(tmp_path):
    work = copy_repository(tmp_path / "repo")
    raw = work / RAW_REMITTANCES
    raw.write_text(
        raw.read_text(encoding="utf-8").replace('1986,early,"1,290"', '1986,early,"1,29O"'), encoding="utf-8"
    )
    record_raw_change(work)  # as deliberate (md5 recorded): the content checks are what is tested
    target = "data/processed/remittances_mexico_1980_2005.csv"
    (work / target).unlink()
    result = run_snakemake(work, target)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for fragment in [RAW_REMITTANCES, "line 8", "row '1986, early'", "column 'value_usd_millions'", "'1,29O'"]:
        assert fragment in output, output
    assert not (work / target).exists()
    assert not [p.name for p in (work / "data/processed").iterdir() if p.name.startswith(".")]
    shutil.rmtree(work)


# --- Provenance, registry and README ----------------------------------------------------------------


def test_source_record_lists_the_sources_each_external_file_uses(sources):
    package = json.loads((REPO / "data/raw/datapackage.json").read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in package["resources"]}
    for name in [
        "banxico_family_remittances_1980_2005.csv",
        "remittance_readings_other_sources.csv",
        "mexico_foreign_exchange_inflows_2005.csv",
        "bls_cpi_u_annual_averages_1980_2005.csv",
    ]:
        with open(REPO / "data/raw/external" / name, encoding="utf-8", newline="") as handle:
            used = {row["source_id"] for row in csv.DictReader(handle)}
        cited = {s["source_id"] for s in by_path[f"external/{name}"]["sources"]}
        assert used == cited, name
        for source in by_path[f"external/{name}"]["sources"]:
            assert source["publisher"] == sources[source["source_id"]]["publisher"]
    conapo = by_path["external/conapo_mexican_born_workers_1994_2005.csv"]["sources"]
    assert {s["source_id"] for s in conapo} == {"CONAPO_PEA", "CONAPO_SECTOR"}


EXPECTED_STATUS = {
    ("004_47f626fd3a8bb81a.txt", "Table 1"): "reproduced from the printed table",
    ("004_47f626fd3a8bb81a.txt", "Table 2"): "reproduced from the printed table",
    ("004_47f626fd3a8bb81a.txt", "Table 3"): "text table, not numeric",
    ("004_47f626fd3a8bb81a.txt", "Table 4"): "reproduced from the printed table",
    ("004_47f626fd3a8bb81a.txt", "Chart 1"): "not reproducible",
    ("004_47f626fd3a8bb81a.txt", "Chart 2"): "not reproducible",
    ("004_47f626fd3a8bb81a.txt", "Chart 3"): "reconstructed from a primary source",
    ("004_47f626fd3a8bb81a.txt", "Chart 4"): "substitute",
    ("004_47f626fd3a8bb81a.txt", "Chart 5"): "not reproducible",
    ("004_47f626fd3a8bb81a.txt", "Chart 6"): "substitute",
    ("003_cea5b18b63cdda07.txt", "Table 1"): "reproduced from the printed table",
    ("003_cea5b18b63cdda07.txt", "Table 2"): "reproduced from the printed table",
    ("003_cea5b18b63cdda07.txt", "Table 3"): "reproduced from the printed table",
    # The essay, its reading list and its teaser have no table or chart (their seeds' README says so).
    ("000_26f5658d28ef2178.txt", "Whole text"): "no tables or charts",
    ("001_9cf52cd636976a15.txt", "Whole text"): "no tables or charts",
    ("002_6c0a52311c2c4373.txt", "Whole text"): "no tables or charts",
}


@pytest.fixture(scope="module")
def paper_exhibits(specs, external):
    from migration_evidence.figures.specs import load_figures
    from migration_evidence.reporting.exhibits import load_documents, load_paper_exhibits

    figures = load_figures(REPO / "config/figures.yaml")
    documents = load_documents(REPO / "config/documents.yaml")
    return load_paper_exhibits(REPO / "config/paper_exhibits.yaml", specs, figures, external, documents)


def test_every_exhibit_of_both_documents_has_a_status(paper_exhibits, specs, external):
    assert {(e.document, e.exhibit): e.status for e in paper_exhibits} == EXPECTED_STATUS
    for exhibit in paper_exhibits:
        if exhibit.status != "reproduced from the printed table":
            assert len(exhibit.reason) > 20
        for path in exhibit.outputs(specs, external):
            assert (REPO / path).is_file(), path


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_exhibit_lines_hold_their_headings(paper_exhibits):
    # Exhibits not backed by a printed table: their lines hold the heading and the title.
    for exhibit in paper_exhibits:
        if exhibit.tables:
            continue
        lines = (SEEDS_DIR / exhibit.document).read_text(encoding="utf-8").splitlines()
        heading = " ".join(" ".join(lines[exhibit.lines[0] - 1 : exhibit.lines[1]]).split())
        if exhibit.status == "no tables or charts":  # a whole document: its lines hold its title
            assert heading == exhibit.title, (exhibit.document, heading)
            continue
        assert heading.startswith(exhibit.exhibit.upper()), (exhibit.exhibit, heading)
        assert exhibit.title in heading, (exhibit.exhibit, heading)


def test_exhibits_index_and_readme_show_the_status_of_every_exhibit(paper_exhibits):
    index = (REPO / "reports/exhibits.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Paper exhibits and reproduction status" in index
    assert "# External series" in (REPO / "docs/external_series.md").read_text(encoding="utf-8")
    documents = yaml.safe_load((REPO / "config/documents.yaml").read_text(encoding="utf-8"))["documents"]
    for exhibit in paper_exhibits:
        short = documents[exhibit.document]["short"]
        row = f"| {short} | {exhibit.exhibit} |"
        assert any(line.startswith(row) and f"| {exhibit.status} |" in line for line in index.splitlines()), row
        if exhibit.status == "no tables or charts":  # the README names these documents, not in its table
            assert f"`{exhibit.document[:4]}…`" in readme, exhibit.document
            continue
        assert any(line.startswith(row) and f"| {exhibit.status} |" in line for line in readme.splitlines()), row


def test_documented_growth_and_claims_tables_are_the_pipeline_outputs():
    readme = (REPO / "docs/external_series.md").read_text(encoding="utf-8").splitlines()
    growth = _csv("results/tables/remittance_growth_rates.csv")
    for row in growth.itertuples():
        cells = (
            f"| {row.period} | {row.vintage} | {row.label} | {row.start_usd_millions:,.1f} → "
            f"{row.end_usd_millions:,.1f} | {row.ratio:.1f} | {row.cagr_pct:.1f} |"
        )
        assert cells in readme, cells
    claims = _csv("results/tables/remittance_claims.csv")
    for row in claims.itertuples():
        value = f"{row.recomputed_value:.1f}" if row.unit == "times" else f"{row.recomputed_value:,.1f}"
        cells = f"| {row.lines} | {row.comparison} | {value} | {row.verdict} |"
        assert any(line.endswith(cells) for line in readme), cells
