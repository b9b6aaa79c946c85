# Notebooks: every notebook registered in config/notebooks.yaml is executed from its source in
# notebooks/ (one kernel, working directory = repository root, nothing injected) into
# reports/notebooks/<name>.ipynb and .html; the CSVs of estimates it writes are outputs of its rule.
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
            style=config["figure_style"],
            page="src/migration_evidence/notebooks/page.html.j2",
            verified=VERIFIED,
        output:
            executed=_notebook.executed,
            html=report(
                _notebook.html,
                caption="../report/notebook.rst",
                category="Notebooks",
            ),
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


rule notebook_index:
    input:
        registry=config["notebooks"],
    output:
        "reports/notebooks/index.html",
    log:
        "logs/notebook_index.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/notebook_index.py"


FINAL_OUTPUTS.append("reports/notebooks/index.html")
FINAL_OUTPUTS.extend(
    path
    for nb in NOTEBOOKS.values()
    for path in [nb.executed, nb.html, *nb.outputs.values()]
)
