# Clean stage: raw printed cells -> tidy, typed, validated tables in data/processed/.


rule clean_table:
    input:
        raw=lambda wc: TABLES[wc.table].raw,
        corrections=config["corrections"],
        tables=config["tables"],
        code=package_code(
            "clean", "printed_numbers", "table_specs", "outputs", "errors"
        ),
    output:
        report(
            "data/processed/{table}.csv",
            caption="../report/processed_table.rst",
            category="Processed tables",
        ),
    log:
        "logs/clean_table/{table}.log",
    wildcard_constraints:
        table="|".join(TABLES),
    priority: 5
    conda:
        ENVIRONMENT
    script:
        "../scripts/clean_table.py"


rule data_dictionary:
    input:
        tables=config["tables"],
        external_series=config["external_series"],
        statistical_files=config["statistical_files"],
        code=package_code(
            "dictionary",
            "table_specs",
            "printed_numbers",
            "external_series",
            "statistical_files_specs",
            "outputs",
        ),
    output:
        "data/processed/data_dictionary.csv",
    log:
        "logs/data_dictionary.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/data_dictionary.py"


FINAL_OUTPUTS.extend(spec.processed for spec in TABLES.values())
FINAL_OUTPUTS.append("data/processed/data_dictionary.csv")
