"""CONAPO's municipal microdata: Table 1 of the NAFTA paper rebuilt from its municipalities, the join,
the schemas, the checksums, and the paper's depopulation claim.

Tests that read CONAPO's files take them from the configured directory (by default their committed
copies in data/raw/statistical_files/) and are skipped, with the reason, when a user's directory lacks
them. Expected values come from the documents (Table 1, lines 222-242
and the sentence on lines 267-269 of the NAFTA paper) or from a cited public source, never from what
the pipeline printed.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    REPO,
    SEEDS_DIR,
    copy_repository,
    microdata_spec,
    run_snakemake,
    statistical_files_dir,
)

from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import (
    check_migratory_intensity,
    ingest,
    read_municipal_file,
    verify_checksum,
)
from migration_evidence.microdata.names import name_difference
from migration_evidence.microdata.results import read_paper_claim, rebuild_table1
from migration_evidence.statistical_files.datapackage import load_statistical_files

SPEC = microdata_spec()
INTENSITY = SPEC.files["migratory_intensity_2000"]
MARGIN = SPEC.files["marginalisation_1990_2015"]


@pytest.fixture(scope="module")
def ingested():
    return ingest(SPEC, SPEC.file_paths(statistical_files_dir()))


# --- Table 1 rebuilt from the municipalities ----------------------------------------------------

# NAFTA paper, Table 1, lines 233-240, as printed (shares with their printed decimals).
PRINTED_ROWS = [
    # degree, municipalities, %, population, %, households, %
    ("Very high", 162, 6.63, 2_201_710, 2.26, 498_466, 2.20),
    ("High", 330, 13.51, 6_331_134, 6.49, 1_389_695, 6.14),
    ("Medium", 392, 16.05, 11_664_651, 11.97, 2_652_262, 11.72),
    ("Low", 593, 24.27, 37_765_096, 38.74, 8_873_610, 39.19),
    ("Very low", 873, 35.73, 38_887_234, 39.89, 9_098_931, 40.19),
    ("Null", 93, 3.81, 633_587, 0.65, 126_844, 0.56),
]


@pytest.fixture(scope="module")
def rebuilt(ingested):
    return rebuild_table1(ingested.joined).set_index("degree")


def test_rebuilt_table1_totals_equal_the_printed_ones(rebuilt):
    # Line 231: "Absolutes 2443 100 97 483 412 100 22 639 808 100"
    total = rebuilt.loc["Absolutes"]
    assert total["municipalities_count"] == 2443
    assert total["population_persons"] == 97_483_412
    assert total["households_count"] == 22_639_808


@pytest.mark.parametrize("row", PRINTED_ROWS, ids=[r[0] for r in PRINTED_ROWS])
def test_rebuilt_table1_rows_equal_the_printed_ones(rebuilt, row):
    degree, municipalities, municipalities_pct, population, population_pct, households, households_pct = row
    ours = rebuilt.loc[degree]
    assert ours["municipalities_count"] == municipalities
    assert ours["population_persons"] == population
    assert ours["households_count"] == households
    # Shares agree within the printed rounding (two decimals).
    for column, printed in [
        ("municipalities_pct", municipalities_pct),
        ("population_pct", population_pct),
        ("households_pct", households_pct),
    ]:
        assert abs(ours[column] - printed) <= 0.005 + 1e-9, (column, ours[column], printed)


def test_every_municipality_joins(ingested):
    joined = ingested.joined
    of_2000 = joined[joined["in_migration_file"]]
    assert len(of_2000) == 2443  # Table 1: 2443 municipalities
    assert of_2000["population_2000"].notna().all(), "a municipality of the index file has no 2000 population"
    assert joined["population_2000"].notna().sum() == 2443, "a 2000 municipality is not in the index file"
    assert of_2000["population_2000"].sum() == 97_483_412


def test_null_municipalities_have_no_index(ingested):
    joined = ingested.joined
    null = joined[joined["migratory_intensity_degree"] == "Null"]
    assert len(null) == 93  # Table 1: "Null 93"
    assert null["migratory_intensity_index"].isna().all()
    of_2000 = joined[joined["in_migration_file"]]
    assert of_2000["migratory_intensity_index"].notna().sum() == 2443 - 93


# --- where high-intensity municipalities are ----------------------------------------------------


def test_state_view_agrees_with_conapos_published_counts():
    """CONAPO's release of the 2000 index, as reported by El Siglo de Torreón (2003), "Registra el 96% de
    municipios del país algún tipo de migración: CNP",
    https://archivos.elsiglodetorreon.com.mx/noticia/2003/registra-el-96-de-municipios-del-pais-algun-tipo-de-migracion-cnp.html:
    2,350 municipalities with some migration; very high intensity in 16 states, high in 23, medium in 26;
    high or very high in 73% of Aguascalientes, 59% of Durango and of Guanajuato, 65% of Jalisco, 63% of
    Michoacán and 72% of Zacatecas."""
    table = pd.read_csv(REPO / SPEC.path("degree_by_state")).set_index("state_code")
    assert (table["municipalities_total"] - table["municipalities_null"]).sum() == 2350
    assert (table["municipalities_very_high"] > 0).sum() == 16
    assert (table["municipalities_high"] > 0).sum() == 23
    assert (table["municipalities_medium"] > 0).sum() == 26
    high = 100 * (table["municipalities_very_high"] + table["municipalities_high"]) / table["municipalities_total"]
    published = {1: 73, 10: 59, 11: 59, 14: 65, 16: 63, 32: 72}
    assert {code: round(high[code]) for code in published} == published


# --- the paper's depopulation claim -------------------------------------------------------------


def test_paper_claim_is_read_as_printed():
    # Line 268: "of the country's 2,435 municipalities, 832 (one out of every three)"
    claim = read_paper_claim(REPO / SPEC.paper_claim.raw, SPEC.paper_claim)
    assert claim == {"municipalities": 2435, "municipalities_with_negative_growth": 832}
    excerpt = (REPO / SPEC.paper_claim.excerpt).read_text(encoding="utf-8")
    for text in ("2,435", "832", "one out of every three", "2000 and 2005"):
        assert text in excerpt


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source documents not found in {SEEDS_DIR}")
def test_paper_claim_excerpt_is_the_document_lines():
    claim = SPEC.paper_claim
    lines = (SEEDS_DIR / claim.document).read_bytes().decode("utf-8").splitlines(keepends=True)
    first, last = claim.lines
    assert "".join(lines[first - 1 : last]) == (REPO / claim.excerpt).read_text(encoding="utf-8")


def _committed(output_id: str) -> pd.DataFrame:
    return pd.read_csv(REPO / SPEC.path(output_id), keep_default_na=False, na_values=[""])


def test_comparison_with_the_paper_carries_the_printed_numbers():
    vs_paper = _committed("depopulation_vs_paper").set_index("measure")
    assert vs_paper.loc["municipalities_counted", "paper"] == 2435
    assert vs_paper.loc["municipalities_lost_population", "paper"] == 832
    assert vs_paper.loc["municipalities_counted", "microdata"] == 2443  # Table 1's municipalities


def test_depopulation_count_agrees_with_a_plain_reading_of_the_file():
    """Count losses 2000->2005 straight from CONAPO's CSV, without the pipeline's code."""
    population: dict[tuple[str, str], int] = {}
    with open(statistical_files_dir() / MARGIN.file, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["ENT"] != "Nacional" and row["AÑO"] in {"2000", "2005"}:
                population[(row["CVE_MUN"], row["AÑO"])] = int(row["POB_TOT"])
    codes_2000 = {code for code, year in population if year == "2000"}
    lost = sum(population[(code, "2005")] < population[(code, "2000")] for code in codes_2000)
    by_degree = _committed("depopulation_by_degree").set_index("degree")
    assert by_degree.loc["All", "municipalities"] == len(codes_2000) == 2443
    assert by_degree.loc["All", "municipalities_lost_population"] == lost
    assert by_degree.loc[[r[0] for r in PRINTED_ROWS], "municipalities_lost_population"].sum() == lost
    vs_paper = _committed("depopulation_vs_paper").set_index("measure")
    assert vs_paper.loc["municipalities_lost_population", "microdata"] == lost


def test_the_microdata_are_documented_and_the_results_left_to_the_generated_report():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = (REPO / "docs/municipal_microdata.md").read_text(encoding="utf-8")
    for heading in ("Getting the files", "Configuration", "What is built"):
        assert heading in section, f"docs/municipal_microdata.md lacks {heading!r}"
    # The paper's claim as printed; the microdata's answer is in the generated report, not typed here.
    assert "832" in section and "2,435" in section
    assert "reports/municipal_microdata.md" in section
    total = _committed("depopulation_by_degree").set_index("degree").loc["All"]
    report = (REPO / "reports/municipal_microdata.md").read_text(encoding="utf-8")
    assert f"{int(total['municipalities_lost_population']):,} of the {int(total['municipalities']):,}" in report
    for spec in SPEC.files.values():
        for text in (readme, section):
            assert spec.md5 in text and spec.found_in["commit"] in text


# --- the repository carries the files, bytes unchanged -------------------------------------------


def test_committed_statistical_files_are_the_declared_copies():
    """The copies committed in data/raw/statistical_files/ have the md5 and size the data package declares,
    which are the ones of the public copies named there (data/raw/datapackage.json)."""
    declared = load_statistical_files(REPO / "data/raw/datapackage.json")
    assert {spec.file for spec in SPEC.files.values()} <= set(declared)
    expected = {
        "conapo_iim2000_municipal.csv": "be40cef308137d975da5141607d06f2f",
        "conapo_marginacion_municipal_1990_2015.csv": "2592bbb7b2bd98bf2ce67530d5397b3d",
    }
    for name, md5 in expected.items():
        path = REPO / "data/raw/statistical_files" / name
        assert declared[name].md5 == md5
        assert hashlib.md5(path.read_bytes()).hexdigest() == md5, f"{path} is not the declared copy"
        assert path.stat().st_size == declared[name].bytes


def test_committed_outputs_are_aggregates():
    for output in (out.path for out in SPEC.outputs.values()):
        if output.endswith(".csv"):
            rows = len(pd.read_csv(REPO / output))
            assert rows < 1000, f"{output} has {rows} rows: committed outputs must be aggregates"


# --- bad input: schemas and checksums (synthetic files, not CONAPO's data) ----------------------

INTENSITY_HEADER = ",".join(INTENSITY.header)
GOOD_INTENSITY = [
    "1,1,Villa Uno,1200,4.5,3.9,1.5,1.0,-0.19,Low",
    "1,2,Villa Dos,700,16.0,15.4,6.1,2.1,1.50,High",
    "1,3,Villa Tres,300,0.0,0.0,0.0,0.0,0.0,Null",
]


def _intensity_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / INTENSITY.file
    path.write_text("\n".join([INTENSITY_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _replace_row(index: int, row: str) -> list[str]:
    rows = list(GOOD_INTENSITY)
    rows[index] = row
    return rows


BAD_INTENSITY = {
    "degree not in the list": (
        _replace_row(1, "1,2,Villa Dos,700,16.0,15.4,6.1,2.1,1.50,Very hihg"),
        ["line 3", "row '1/2'", "column 'GIM_2000'", "text 'Very hihg'", "isin"],
    ),
    "not a number": (
        _replace_row(0, "1,1,Villa Uno,12O0,4.5,3.9,1.5,1.0,-0.19,Low"),
        ["line 2", "row '1/1'", "column 'TOT_HUO'", "text '12O0'", "not an integer"],
    ),
    "share above 100": (
        _replace_row(1, "1,2,Villa Dos,700,160.0,15.4,6.1,2.1,1.50,High"),
        ["line 3", "column 'HOU_REM'", "text '160.0'"],
    ),
    "state code out of range": (
        _replace_row(0, "33,1,Villa Uno,1200,4.5,3.9,1.5,1.0,-0.19,Low"),
        ["line 2", "row '33/1'", "column 'FE_ID'", "text '33'"],
    ),
    "duplicated municipality": (
        _replace_row(2, "1,2,Villa Tres,300,0.0,0.0,0.0,0.0,0.0,Null"),
        ["line 3", "row '1/2'", "column 'FE_ID'", "lines [3, 4]"],
    ),
    "Null municipality with an index": (
        _replace_row(2, "1,3,Villa Tres,300,0.0,0.0,0.0,0.0,0.4,Null"),
        ["line 4", "row '1/3'", "column 'IIM_2000'", "text '0.4'"],
    ),
    "degrees out of the index order": (
        _replace_row(0, "1,1,Villa Uno,1200,4.5,3.9,1.5,1.0,1.90,Low"),
        ["line 2", "row '1/1'", "column 'GIM_2000'", "text 'Low'", "stratify"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INTENSITY))
def test_bad_intensity_file_names_file_line_column_and_text(tmp_path, case):
    rows, expected = BAD_INTENSITY[case]
    path = _intensity_file(tmp_path, rows)
    with pytest.raises(InputError) as caught:
        check_migratory_intensity(read_municipal_file(path, INTENSITY))
    message = str(caught.value)
    assert message.startswith(str(path)), message
    for fragment in expected:
        assert fragment in message, f"{fragment!r} missing from {message!r}"


def test_good_synthetic_intensity_file_reads(tmp_path):
    frame = check_migratory_intensity(read_municipal_file(_intensity_file(tmp_path, GOOD_INTENSITY), INTENSITY))
    assert list(frame["migratory_intensity_degree"]) == ["Low", "High", "Null"]
    assert frame["migratory_intensity_index"].isna().tolist() == [False, False, True]


def test_missing_value_where_one_is_required(tmp_path):
    header = ",".join(MARGIN.header)
    cells = {name: "-" for name in MARGIN.header}
    cells.update({"CVE_ENT": "1", "ENT": "Estado Uno", "CVE_MUN": "1001", "MUN": "Villa Uno", "POB_TOT": "-"})
    cells.update({"IM": "-1.2", "GM": "Bajo", "AÑO": "2000"})
    path = tmp_path / MARGIN.file
    path.write_text(header + "\n" + ",".join(cells[name] for name in MARGIN.header) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_municipal_file(path, MARGIN)
    message = str(caught.value)
    for fragment in [str(path), "line 2", "row '1001/2000'", "column 'POB_TOT'", "text '-'", "missing value"]:
        assert fragment in message, f"{fragment!r} missing from {message!r}"


def test_checksum_mismatch_names_the_file_and_both_checksums(tmp_path):
    path = _intensity_file(tmp_path, GOOD_INTENSITY)
    actual = hashlib.md5(path.read_bytes()).hexdigest()
    with pytest.raises(InputError) as caught:
        verify_checksum(path, INTENSITY)
    message = str(caught.value)
    assert str(path) in message and actual in message and INTENSITY.md5 in message


@pytest.mark.end_to_end
def test_checksum_mismatch_stops_the_build(tmp_path):
    work = copy_repository(tmp_path / "repo")
    # A directory of official downloads holds every statistical file the build reads (all are required).
    external = tmp_path / "external"
    shutil.copytree(statistical_files_dir(), external)
    altered = external / MARGIN.file
    altered.write_bytes(altered.read_bytes().replace(b"Aguascalientes", b"Aguascalientez", 1))
    target = SPEC.path("file_checks")
    result = run_snakemake(
        work, target, "--config", f"statistical_files_dir={external}", "--forcerun", "ingest_municipal_microdata"
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    actual = hashlib.md5(altered.read_bytes()).hexdigest()
    for fragment in [str(altered), f"md5 is {actual}", f"expected {MARGIN.md5}"]:
        assert fragment in output, f"{fragment!r} missing from:\n{output}"
    assert not (work / target).exists(), "a failed job must not leave its output behind"
    assert not any(p.name.startswith(".") for p in (work / "results/tables").iterdir()), "temporary files left behind"


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "kind"),
    [
        ("Villa Uno", " Villa Uno    ", "identical"),
        ("Villa De Uno", "Villa de Uno", "accents, case or blanks"),
        ("Santa María", "Santa Maria", "accents, case or blanks"),
        ("Compañ`Ia Uno", "Compañía Uno", "garbled accents"),
        ("Valle, El", "El Valle", "inverted article"),
        ("Doctor Uno", "Dr. Uno", "abbreviation"),
        ("Villa Uno", "Villa Uno de Abajo", "words added or dropped"),
        ("Villa Uno", "Vila Uno", "spelling"),
    ],
)
def test_name_differences_are_classified(one, other, kind):
    assert name_difference(one, other) == kind
