"""Every configuration file is checked against its JSON Schema: a misspelled key stops the workflow
with the file and the key, instead of being ignored (an `audits:` for `audit:` in config/tables.yaml
would otherwise drop every sum and share check of that table without a word)."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import REPO, copy_repository, run_snakemake

from migration_evidence.config import ConfigError, check_config, read_config, schema_for

SCHEMAS = REPO / "workflow" / "schemas"
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))


def _rename(mapping: dict, old: str, new: str) -> None:
    mapping[new] = mapping.pop(old)


def _first(mapping: dict) -> dict:
    return next(iter(mapping.values()))


# One misspelling per configuration file: (file, edit of its content, the key path the error must name).
MISSPELLINGS = {
    "config.yaml": (lambda d: _rename(d, "statistical_files_dir", "statistical_files_dirr"), "statistical_files_dirr"),
    "tables.yaml": (
        lambda d: _rename(d["tables"]["municipal_migration_intensity_2000"], "audit", "audits"),
        "tables.municipal_migration_intensity_2000.audits",
    ),
    "figures.yaml": (
        lambda d: _rename(d["figures"]["fig_mexico_us_gap"], "message", "mesage"),
        "fig_mexico_us_gap.mesage",
    ),
    "notebooks.yaml": (
        lambda d: _rename(d["notebooks"]["remittance_growth"], "source_tables", "source_table"),
        "notebooks.remittance_growth.source_table",
    ),
    "documents.yaml": (lambda d: _rename(_first(d["documents"]), "sha256", "sha265"), "sha265"),
    "paper_exhibits.yaml": (lambda d: _rename(d["exhibits"][12], "figures", "figure"), "exhibits[12].figure"),
    "microdata.yaml": (lambda d: _rename(d["files"]["migratory_intensity_2000"], "title", "titel"), "titel"),
    "external_series.yaml": (lambda d: _rename(d, "growth_periods", "growth_period"), "growth_period"),
    "statistical_tables.yaml": (
        lambda d: _rename(d["statistical_files"]["remittances_monthly"], "key", "keys"),
        "statistical_files.remittances_monthly.keys",
    ),
    "migration_regions.yaml": (
        lambda d: _rename(d["regions"]["historical"], "states", "state"),
        "regions.historical.state",
    ),
    "municipal_waves.yaml": (
        lambda d: _rename(d["files"]["migratory_intensity_2010"], "encoding", "encodng"),
        "files.migratory_intensity_2010.encodng",
    ),
    "column_dictionary.yaml": (
        lambda d: _rename(d["columns"]["morans_i"], "label", "lable"),
        "columns.morans_i.lable",
    ),
    "refresh_sources.yaml": (
        lambda d: _rename(d["sources"]["population"], "conversion", "convertion"),
        "sources.population.convertion",
    ),
    "statistics.yaml": (
        lambda d: _rename(d["municipal_migration_intensity"], "wild_replications", "wild_replication"),
        "municipal_migration_intensity.wild_replication",
    ),
}


def _schema_name(file_name: str) -> str:
    stem = file_name.removesuffix(".yaml")
    return stem


def test_every_configuration_file_has_a_schema_and_matches_it():
    files = sorted(p.name for p in (REPO / "config").glob("*.yaml"))
    assert files == sorted(MISSPELLINGS), "each config file needs a schema and a misspelling test"
    for name in files:
        read_config(REPO / "config" / name, schema_for(_schema_name(name), SCHEMAS))


def test_every_yaml_the_configuration_names_is_a_config_file_with_its_schema():
    named = {key: value for key, value in CONFIG.items() if str(value).endswith(".yaml")}
    for key, path in named.items():
        assert schema_for(key, SCHEMAS).is_file(), key
        assert (REPO / path).parent == REPO / "config", path


@pytest.mark.parametrize("name", sorted(MISSPELLINGS))
def test_a_misspelled_key_is_an_error_naming_file_and_key(name, tmp_path):
    edit, key = MISSPELLINGS[name]
    data = copy.deepcopy(yaml.safe_load((REPO / "config" / name).read_text(encoding="utf-8")))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(path, schema_for(_schema_name(name), SCHEMAS))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert key in message
    assert "unknown key" in message
    # The sentence names the key; it does not repeat the schema.
    assert "$schema" not in message and "additionalProperties" not in message


def test_a_missing_required_key_and_a_wrong_type_are_named_too(tmp_path):
    tables = yaml.safe_load((REPO / "config" / "tables.yaml").read_text(encoding="utf-8"))
    entry = tables["tables"]["zacatecas_3x1_1999_2003"]
    del entry["processed"]
    with pytest.raises(ConfigError, match=r"tables\.zacatecas_3x1_1999_2003: 'processed' is required"):
        check_config(tables, schema_for("tables", SCHEMAS), "config/tables.yaml")
    entry["processed"] = 3
    with pytest.raises(ConfigError, match=r"tables\.zacatecas_3x1_1999_2003\.processed: 3 is not of type 'string'"):
        check_config(tables, schema_for("tables", SCHEMAS), "config/tables.yaml")


@pytest.mark.end_to_end
def test_the_workflow_stops_at_start_on_a_misspelled_key(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    tables = repo / "config" / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    assert text.count("\n    audit:\n") >= 1
    tables.write_text(text.replace("\n    audit:\n", "\n    audits:\n", 1), encoding="utf-8")
    result = run_snakemake(repo, "--dry-run")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "config/tables.yaml: tables.municipal_migration_intensity_2000.audits: unknown key 'audits'" in output
    assert "additionalProperties" not in output
