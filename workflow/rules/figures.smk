# Figures: one rule draws any registered figure (config/figures.yaml) as SVG and PNG.


rule figure:
    input:
        data=figure_inputs,
        registry=config["figures"],
        specs=config["tables"],
        documents=config["documents"],
        style=config["figure_style"],
        code=PACKAGE_CODE,
    output:
        svg=report(
            "figures/{figure}.svg",
            caption="../report/figure.rst",
            category="Figures",
        ),
        png="figures/{figure}.png",
    log:
        "logs/figure/{figure}.log",
    wildcard_constraints:
        figure="|".join(FIGURES),
    conda:
        ENVIRONMENT
    params:
        message=lambda wc: FIGURES[wc.figure].message,
        source=lambda wc: FIGURES[wc.figure].source,
    script:
        "../scripts/draw_figure.py"


# Figures drawn from the municipal microdata are left out when the external files are absent.
FINAL_OUTPUTS.extend(
    f"figures/{name}.{ext}" for name in DRAWABLE_FIGURES for ext in ("svg", "png")
)
