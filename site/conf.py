# Sphinx configuration of the project's site (built by `make`, rule `site` in workflow/rules/site.smk).
# The rule first assembles the pages into build/site-source (the executed notebooks, the source audit,
# the exhibits index, the municipal report and docs/, with each notebook's "What we find" box and
# folded code: migration_evidence.site), then runs `sphinx-build -c site build/site-source build/site`.
# Everything the build needs is installed with the pinned requirements: nothing is fetched.

project = "Migration evidence"
author = "The migration-evidence authors"
copyright = "the migration-evidence authors"  # no year: the same bytes on every build

extensions = ["myst_nb", "sphinxcontrib.bibtex"]

# The notebooks are executed by the pipeline (rule notebook_<name>); the site renders those outputs.
nb_execution_mode = "off"
# A table or figure is shown in its richest form; MyST-NB keeps the notebook's own order of outputs.
nb_merge_streams = True
# No dollarmath: a "$" in "US$" is money, not mathematics (and no MathJax is fetched).
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
# A link to a repository file that is not a page of the site (a CSV, a script) is shown as text
# naming that file, not as a broken link.
suppress_warnings = ["myst.header"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

html_theme = "sphinx_book_theme"
html_title = "Migration evidence"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme_options = {
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_navbar_depth": 1,
}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
