# Clean stage: raw printed cells -> tidy, typed, validated tables in data/processed/.


rule clean_table:
    input:
        raw=lambda wc: TABLES[wc.table].raw,
        corrections=config["corrections"],
        tables=config["tables"],
        code=package_code(
            "printed.clean", "printed.numbers", "printed.specs", "outputs", "errors"
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
        code=package_code(
            "reporting.dictionary",
            "printed.specs",
            "printed.numbers",
            "series.external",
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
