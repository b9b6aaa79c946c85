# Figures: every figure registered in config/figures.yaml is drawn as SVG and PNG by the function it
# names. The figures drawn by one module (migration_evidence.figures.<module>) are drawn in one job,
# `figures_<module>`, so that pandas and matplotlib are loaded once per module rather than once per
# figure; each figure's message and source line go with it into Snakemake's report as labels.


def figure_labels(name):
    spec = FIGURES[name]
    return {"figure": name, "message": spec.message, "source": spec.source}


for _group, _names in figure_groups(FIGURES).items():

    rule:
        name:
            f"figures_{_group}"
        input:
            data=sorted({p for n in _names for p in FIGURES[n].inputs.values()}),
            registry=config["figures"],
            specs=config["tables"],
            documents=config["documents"],
            style=config["figure_style"],
            verified=VERIFIED,
        output:
            svg=[
                report(
                    f"figures/{name}.svg",
                    caption="../report/figure.rst",
                    category="Figures",
                    labels=figure_labels(name),
                )
                for name in _names
            ],
            png=[f"figures/{name}.png" for name in _names],
        log:
            f"logs/figures/{_group}.log",
        conda:
            ENVIRONMENT
        params:
            code=PACKAGE_CODE,
            figures=_names,
        script:
            "../scripts/draw_figures.py"


FINAL_OUTPUTS.extend(
    f"figures/{name}.{ext}" for name in FIGURES for ext in ("svg", "png")
)
