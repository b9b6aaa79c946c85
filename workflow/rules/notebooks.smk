# Notebooks: every notebook registered in config/notebooks.yaml is executed from its source in
# notebooks/ (one kernel, working directory = repository root, nothing injected) into
# reports/notebooks/<name>.ipynb (rendered by the site, workflow/rules/site.smk, without executing it
# again); the CSVs of estimates it writes are outputs of its rule.
# Snakemake outputs cannot depend on a wildcard's value, so each notebook gets its own rule
# (`notebook_<name>`), generated from the registry: adding a notebook is one registry entry.


for _name, _notebook in NOTEBOOKS.items():

    rule:
        name:
            f"notebook_{_name}"
        input:
            source=_notebook.source,
            data=list(_notebook.inputs.values()),
            registry=config["notebooks"],
            tables=config["tables"],
            dictionary=config["column_dictionary"],
            style=config["figure_style"],
            verified=VERIFIED,
        output:
            executed=_notebook.executed,
            estimates=list(_notebook.outputs.values()),
        log:
            f"logs/notebook/{_name}.log",
        priority: NOTEBOOK_PRIORITY
        conda:
            ENVIRONMENT
        params:
            code=PACKAGE_CODE,
            notebook=_name,
        script:
            "../scripts/run_notebook.py"


FINAL_OUTPUTS.extend(
    path for nb in NOTEBOOKS.values() for path in [nb.executed, *nb.outputs.values()]
)
