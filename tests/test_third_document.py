"""The third document (González Gutiérrez & Ayón's essay, with its reading list and teaser): declared
with its SHA-256, its claims checked against published figures transcribed with their sources."""

from __future__ import annotations

import csv
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SEEDS_DIR, quote_occurs

from migration_evidence.audit.claims import read_claims
from migration_evidence.audit.public_values import declared_public_facts, read_public_values
from migration_evidence.errors import InputError
from migration_evidence.series.external import read_sources

ESSAY = "000_26f5658d28ef2178.txt"
READING_LIST = "001_9cf52cd636976a15.txt"
TEASER = "002_6c0a52311c2c4373.txt"
CONFIG = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))
DOCUMENTS = yaml.safe_load((REPO / "config/documents.yaml").read_text(encoding="utf-8"))["documents"]
SOURCES = REPO / "data/raw/external/sources.csv"
VALUES_PATH = REPO / CONFIG["public_values"]


@pytest.fixture(scope="module")
def values():
    return read_public_values(VALUES_PATH, set(read_sources(SOURCES).index))


def _value(values, name: str) -> Decimal:
    return values[name].value


def test_the_five_seed_documents_are_declared():
    assert {ESSAY, READING_LIST, TEASER} <= set(DOCUMENTS)
    assert len(DOCUMENTS) == 5


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_declared_sha256_is_the_documents():
    for name, entry in DOCUMENTS.items():
        assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == entry["sha256"], name


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_teaser_repeats_the_essay_opening():
    essay = (SEEDS_DIR / ESSAY).read_text(encoding="utf-8").splitlines()
    teaser = (SEEDS_DIR / TEASER).read_text(encoding="utf-8").splitlines()
    assert teaser[7] == essay[6] + " " + essay[8]  # the essay's first two paragraphs, joined
    assert essay[10].startswith(teaser[9].removesuffix(" ...more."))


# Published values, as the publishers print them.
def test_census_counts_of_the_population_of_mexican_origin(values):
    # The Census Bureau's 2010 brief: 20.6 million in 2000, 31.8 million in 2010, up 54 percent.
    assert _value(values, "census_mexican_origin_2000") == 20_600_000
    assert _value(values, "census_mexican_origin_2010") == 31_800_000
    growth = 100 * (_value(values, "census_mexican_origin_2010") / _value(values, "census_mexican_origin_2000") - 1)
    assert abs(growth - _value(values, "census_mexican_origin_growth_2000_2010_pct")) < 1  # 54.4 from rounded counts
    # ACS 2006, table B03001: Mexican 28,339,354.
    assert _value(values, "acs_mexican_origin_2006") == 28_339_354


def test_pew_tabulations_add_up_to_the_totals_pew_prints(values):
    # Pew's 2017 fact sheet: 36.6 million of Mexican origin, 11.2 million of them born abroad.
    total_2017 = _value(values, "pew_mexican_origin_foreign_born_2017") + _value(
        values, "pew_mexican_origin_us_born_2017"
    )
    assert round(total_2017 / 1_000_000, 1) == Decimal("36.6") == _value(values, "pew_mexican_origin_2017") / 1_000_000
    assert round(_value(values, "pew_mexican_origin_foreign_born_2017") / 1_000_000, 1) == Decimal("11.2")


def test_border_patrol_peak_of_2000_in_both_publications(values):
    # The Statistical Abstract's table (DHS yearbook): 1,676,438 in fiscal 2000; the DHS fact sheet: 1,676,000.
    assert _value(values, "usbp_apprehensions_2000") == 1_676_438
    assert round(_value(values, "usbp_apprehensions_2000"), -3) == 1_676_000
    assert _value(values, "usbp_apprehensions_peak_since_1986_year") == 2000
    later = [_value(values, f"usbp_apprehensions_{year}") for year in (2001, 2002, 2003, 2004, 2005, 2010)]
    assert max(later) < _value(values, "usbp_apprehensions_2000")


def test_which_measure_peaked_when(values):
    # "Mexican migration ... peaked in 2006": no measure found peaked in 2006.
    assert _value(values, "pew_mexican_born_peak_year") == 2007
    assert _value(values, "pew_mexican_born_2008_record_year") == 2008
    assert _value(values, "pew_unauthorized_mexican_peak_year") == 2007
    assert _value(values, "usbp_apprehensions_peak_since_1986_year") == 2000
    # Arrivals from Mexico: 3 million in 1995-2000, 1.4 million in 2005-2010 (Pew, 2012).
    assert _value(values, "pew_mexican_arrivals_2005_2010") < _value(values, "pew_mexican_arrivals_1995_2000")


def test_growth_of_the_population_of_mexican_origin_slowed_after_2010(values):
    """'continues to grow at a rapid pace': it grows, at under half its 2000-2010 yearly rate."""
    before = (_value(values, "census_mexican_origin_2010") / _value(values, "census_mexican_origin_2000")) ** Decimal(
        "0.1"
    ) - 1
    pew = {
        year: _value(values, f"pew_mexican_origin_foreign_born_{year}")
        + _value(values, f"pew_mexican_origin_us_born_{year}")
        for year in (2010, 2015, 2017)
    }
    assert pew[2010] < pew[2015] < pew[2017]
    after = (pew[2017] / pew[2010]) ** (Decimal(1) / 7) - 1
    assert Decimal("0.04") < before < Decimal("0.05")  # 4.4 % a year
    assert Decimal("0.01") < after < Decimal("0.02")  # 1.5 % a year
    assert after < before / 2


def test_every_value_names_a_described_source(values):
    sources = read_sources(SOURCES)
    for item in values.values():
        assert item.source_id in sources.index
    used = {item.source_id for item in values.values()}
    package = json.loads((REPO / "data/raw/datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["path"] == "external/public_values_mexico_us_migration.csv"]
    assert {s["source_id"] for s in resource["sources"]} == used
    assert resource["hash"] == hashlib.md5(VALUES_PATH.read_bytes()).hexdigest()


def test_a_value_that_is_not_in_its_words_stops_the_reading(tmp_path: Path):
    text = VALUES_PATH.read_text(encoding="utf-8").replace(
        "31.8 million in 2010,31800000", "31.8 million in 2010,31900000"
    )
    bad = tmp_path / "public_values.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_public_values(bad, set(read_sources(SOURCES).index))
    message = str(error.value)
    assert str(bad) in message and "column 'value'" in message and "'31900000'" in message
    assert "row 'census_mexican_origin_2010'" in message


def test_an_unknown_source_id_stops_the_reading(tmp_path: Path):
    text = VALUES_PATH.read_text(encoding="utf-8").replace("persons,CB_ACS03,", "persons,CB_ACS04,")
    bad = tmp_path / "public_values.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="column 'source_id', text 'CB_ACS04'"):
        read_public_values(bad, set(read_sources(SOURCES).index))


def test_a_public_value_may_not_shadow_a_public_fact(values):
    clash = {"census_mexican_origin_2010": {"value": 1, "source": "a made-up declaration for the test"}}
    with pytest.raises(ValueError, match="census_mexican_origin_2010"):
        declared_public_facts(clash, values)


# The essay's claims in the register and their verdicts in the source audit.
ESSAY_VERDICTS = {
    "C077": "discrepancy",  # Mexican-born stock peaked in 2007 (Pew)
    "C078": "discrepancy",  # record year 2008 in Pew's 2009 vintage
    "C079": "discrepancy",  # unauthorized Mexicans peaked in 2007 (Pew)
    "C080": "discrepancy",  # apprehensions peaked in fiscal 2000 (DHS)
    "C081": "consistent",  # 31.8 million in 2010 exceeds 30 million
    "C082": "consistent",
    "C083": "consistent",
    "C084": "not_comparable",  # 6.1 million is of 2011
    "C085": "not_comparable",  # the 50 consulates are counted in 2021
    "C086": "exact",  # first vote from abroad in 2006
    "C087": "discrepancy",  # 1997 against the NAFTA paper's 1996
    "C088": "discrepancy",  # 1997 against March 1998
}


def test_essay_claims_are_in_the_register_with_a_public_source():
    claims = read_claims(REPO / "data/raw/claims.csv", set(DOCUMENTS), CONFIG["approximate_statements"]["markers"])
    essay = {c.claim_id: c for c in claims if c.document == ESSAY}
    assert set(essay) == set(ESSAY_VERDICTS)
    for claim in essay.values():
        named = [args[0] for function, args in claim.formula.references() if function in ("fact", "claim")]
        assert named, claim.claim_id
        if SEEDS_DIR.is_dir():
            lines = (SEEDS_DIR / ESSAY).read_text(encoding="utf-8").splitlines()
            first, last = claim.lines
            assert quote_occurs(claim.quote, "\n".join(lines[first - 1 : last])), claim.claim_id


def test_source_audit_counts_the_essay_claims_with_their_verdicts():
    with open(REPO / "reports/source_audit.csv", encoding="utf-8", newline="") as handle:
        verdicts = {row["check_id"]: row["verdict"] for row in csv.DictReader(handle)}
    for claim_id, verdict in ESSAY_VERDICTS.items():
        assert verdicts[f"claim:{claim_id}"] == verdict, claim_id


def test_exhibits_index_lists_all_five_seed_documents():
    index = (REPO / "reports/exhibits.md").read_text(encoding="utf-8")
    for entry in DOCUMENTS.values():
        assert f"| {entry['short']} |" in index, entry["short"]
