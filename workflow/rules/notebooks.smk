# Notebooks: every notebook registered in config/notebooks.yaml is executed from its source in
# notebooks/ (one kernel, working directory = repository root, nothing injected) into
# reports/notebooks/<name>.ipynb (rendered by the site, workflow/rules/site.smk, without executing it
# again); the CSVs of estimates it writes are outputs of its rule.
# Snakemake outputs cannot depend on a wildcard's value, so each notebook gets its own rule
# (`notebook_<name>`), generated from the registry: adding a notebook is one registry entry.
# A notebook registered with `requires_microdata: true` also reads CONAPO's files (from
# config["statistical_files_dir"], passed to its kernel): they are inputs of its rule, and when a
# user's directory lacks them its outputs are left out of the build and keep their committed
# versions, like the other outputs made from the microdata.


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
            code=PACKAGE_CODE,
            municipal_files=(
                list(MUNICIPAL_FILES.values()) if _notebook.requires_microdata else []
            ),
        output:
            executed=_notebook.executed,
            estimates=list(_notebook.outputs.values()),
        log:
            f"logs/notebook/{_name}.log",
        priority: 10
        conda:
            ENVIRONMENT
        params:
            notebook=_name,
            # The directory CONAPO's files are read from, for a notebook that reads them.
            statistical_files_dir=lambda wildcards, input: (
                os.path.dirname(input.municipal_files[0])
                if input.municipal_files
                else ""
            ),
        script:
            "../scripts/run_notebook.py"


FINAL_OUTPUTS.extend(
    path
    for nb in RUNNABLE_NOTEBOOKS.values()
    for path in [nb.executed, *nb.outputs.values()]
)
