# The site: one static site (Sphinx, MyST-NB, sphinx-book-theme; configuration in site/) of the executed
# notebooks, the source audit, the exhibits index, the municipal report, docs/ and the README, with one
# navigation, search and a bibliography. The notebooks are rendered from their executed outputs, never
# re-executed. The site is written to build/site (open build/site/index.html) and is not committed:
# Sphinx's search index and build records are not byte-for-byte reproducible, and every page is made
# from committed files by this rule.

SITE_PAGES = [
    *(nb.executed for nb in NOTEBOOKS.values()),
    "reports/source_audit.md",
    "reports/exhibits.md",
    "reports/municipal_microdata.md",
    "README.md",
    *sorted(str(path) for path in Path("docs").glob("*.md")),
]


rule site_source:
    input:
        pages=SITE_PAGES,
        # The result tables the "What we find" boxes are written from.
        results=sorted(
            {o for nb in NOTEBOOKS.values() for o in nb.outputs.values()}
            | {
                path
                for nb in NOTEBOOKS.values()
                for path in nb.inputs.values()
                if str(path).startswith("results/")
            }
        ),
        registry=config["notebooks"],
        references="site/references.bib",
    output:
        directory("build/site-source"),
    log:
        "logs/site_source.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/site_source.py"


rule site:
    input:
        source="build/site-source",
        conf="site/conf.py",
        static="site/_static/site.css",
    output:
        directory("build/site"),
    log:
        "logs/site.log",
    conda:
        ENVIRONMENT
    params:
        python=sys.executable,
    # -W: a warning (a broken cross-reference, a missing citation) stops the build; -E: no cached
    # environment from an earlier build; doctrees out of the site.
    shell:
        "{params.python} -m sphinx -q -E -W --keep-going -b html -c site -d build/site-doctrees "
        "{input.source} {output} > {log} 2>&1"


SITE = "build/site"
