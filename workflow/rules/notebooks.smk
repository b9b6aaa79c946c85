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
            style="config/matplotlibrc",
            page="src/migration_evidence/notebook_page.html.j2",
            code=notebook_code(_notebook),
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
        conda:
            ENVIRONMENT
        params:
            notebook=_name,
        script:
            "../scripts/run_notebook.py"


rule notebook_index:
    input:
        registry=config["notebooks"],
        code=package_code("notebook_registry", "outputs"),
    output:
        "reports/notebooks/index.html",
    log:
        "logs/notebook_index.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/notebook_index.py"


FINAL_OUTPUTS.append("reports/notebooks/index.html")
FINAL_OUTPUTS.extend(
    path
    for nb in NOTEBOOKS.values()
    for path in [nb.executed, nb.html, *nb.outputs.values()]
)
