"""The site (workflow/rules/site.smk; Sphinx, MyST-NB, sphinx-book-theme) as a student and a reviewer
meet it.

Without a browser: the assembled sources (a findings box after each notebook's title, written from its
result tables; every code input folded), the front page, and the built site's links and scripts.
In a real headless browser (Chromium), every page at 1,280 and at 390 px: no table cell whose content
overflows it, no page-level horizontal scroll on a phone, no NaN, a findings box on every notebook
page, and a search for a printed number that finds its row of the source audit. The browser tests are
skipped, with the reason, where Chromium and its driver are not installed, unless
MIGRATION_REQUIRE_BROWSER=1 (as in CI), which makes their absence a failure.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import nbformat
import pytest
from conftest import REPO

from migration_evidence.notebooks.registry import load_notebooks
from migration_evidence.site.assemble import HIDE_INPUT_TAG, REMOVE_INPUT_TAG, assemble, relink
from migration_evidence.site.findings import notebook_findings

NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("MIGRATION_REQUIRE_BROWSER") == "1"
WIDTHS = (1280, 390)
MISSING = re.compile(r"(?<![\w-])(?:NaN|nan|<NA>|NaT)(?![\w-])")


@pytest.fixture(scope="module")
def site_source(tmp_path_factory):
    destination = tmp_path_factory.mktemp("site") / "source"
    assemble(REPO, destination, NOTEBOOKS, REPO / "site", functools.partial(notebook_findings, root=REPO))
    return destination


@pytest.fixture(scope="module")
def site(site_source):
    """The site built from the committed files, offline, as the rule `site` builds it."""
    out = site_source.parent / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-E", "-W", "--keep-going", "-b", "html", "-c", str(REPO / "site")]
        + ["-d", str(site_source.parent / "doctrees"), str(site_source), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# --- the sources --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_each_notebook_opens_with_its_findings_and_folds_every_input(site_source, name):
    nb = nbformat.read(site_source / NOTEBOOKS[name].executed, as_version=4)
    assert nb.cells[0].source.startswith(f"# {NOTEBOOKS[name].number}. "), "the title, numbered as registered"
    assert nb.cells[1].source.startswith("```{admonition} What we find"), "the findings box follows the title"
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = cell.metadata.get("tags", [])
            assert HIDE_INPUT_TAG in tags or REMOVE_INPUT_TAG in tags, f"{cell.id}: code shown unfolded"
    executed = nbformat.read(REPO / NOTEBOOKS[name].executed, as_version=4)
    assert [c.source for c in nb.cells if c.cell_type == "code"] == [
        c.source for c in executed.cells if c.cell_type == "code"
    ], "the site shows the executed cells, unchanged"


def test_the_front_page_lists_each_notebook_with_its_finding(site_source):
    front = (site_source / "index.md").read_text(encoding="utf-8")
    for spec in NOTEBOOKS.values():
        line = next(line for line in front.splitlines() if f"({spec.executed})" in line)
        assert line.startswith(f"{spec.number}. ")
        assert notebook_findings(spec, REPO)[0] in line
    assert ".csv" not in front, "findings, not a list of files"


def test_findings_state_the_publishers_figures():
    """Banco de México's early vintage: 698 (1980), 844 (1982) and 20,035 (2005) US$ millions."""
    sentences = " ".join(notebook_findings(NOTEBOOKS["remittance_growth"], REPO))
    assert f"{20035 / 698:.1f}-fold" in sentences and f"{20035 / 844:.1f}-fold" in sentences
    # Table 1 of the NAFTA paper: 162 + 330 municipalities of very high and high intensity.
    assert "The 492 municipalities" in notebook_findings(NOTEBOOKS["municipal_migration_intensity"], REPO)[0]


def test_links_to_files_that_are_not_pages_become_file_names():
    pages = {"reports/source_audit.md", "docs/data.md", "reports/notebooks/hta_funding.ipynb"}
    text = "See [the audit](../reports/source_audit.md), [the CSV](../results/tables/x.csv) and [x](https://a.b)."
    assert relink(text, "docs/data.md", pages) == (
        "See [the audit](../reports/source_audit.md), the CSV (`results/tables/x.csv`) and [x](https://a.b)."
    )
    assert relink("[4](reports/notebooks/hta_funding.html)", "README.md", pages) == (
        "[4](reports/notebooks/hta_funding.ipynb)"
    )


# --- the built site, without a browser ----------------------------------------------------------------


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.scripts = set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])


def _pages(site: Path) -> dict[Path, _Page]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


@pytest.mark.end_to_end
def test_every_internal_link_resolves_and_nothing_is_fetched(site):
    pages = _pages(site)
    broken = []
    for path, page in pages.items():
        assert all(not re.match(r"(https?:)?//", src) for src in page.scripts), f"{path.name} fetches a script"
        for href in page.links:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            file = (path.parent / urllib.parse.unquote(target)).resolve() if target else path
            if not file.is_file():
                broken.append(f"{path.relative_to(site)} -> {href}")
            elif anchor and file.suffix == ".html" and urllib.parse.unquote(anchor) not in pages[file].ids:
                broken.append(f"{path.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


# --- in a real browser -----------------------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    not REQUIRED and not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromedriver are not installed (CI installs them and sets MIGRATION_REQUIRE_BROWSER=1)",
)


@pytest.fixture(scope="module")
def served(site):
    """The site on a local HTTP server (127.0.0.1 only), as a reader's browser would load it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        # Scrollbars take no width: the page's own width is measured, not the scrollbar's.
        "--hide-scrollbars",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


PAGE_FACTS = """
const article = document.querySelector('article') || document.body;
const overflowing = [...article.querySelectorAll('td, th')]
  .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.innerText.slice(0, 80));
return {
  viewport: document.documentElement.clientWidth,
  pageWidth: document.documentElement.scrollWidth,
  overflowing: overflowing,
  text: article.innerText,
  findings: document.querySelectorAll('.admonition.findings').length,
};
"""


def _site_pages(site: Path) -> list[str]:
    skip = {"genindex.html", "search.html"}
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html")) if p.name not in skip]


@needs_browser
@pytest.mark.end_to_end
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_reads_in_a_browser(browser, served, site, width):
    browser.set_window_size(width, 900)
    problems = []
    for page in _site_pages(site):
        browser.get(f"{served}/{page}")
        facts = browser.execute_script(PAGE_FACTS)
        if facts["overflowing"]:
            problems.append(f"{page}: {len(facts['overflowing'])} cells overflow, e.g. {facts['overflowing'][:3]}")
        if facts["pageWidth"] > facts["viewport"]:
            problems.append(f"{page}: the page is {facts['pageWidth']} px wide in a {facts['viewport']} px window")
        found = MISSING.search(facts["text"])
        if found:
            context = facts["text"][max(0, found.start() - 60) : found.end() + 60]
            problems.append(f"{page}: shows {found.group(0)!r}: ...{context}...")
        if page.startswith("reports/notebooks/") and facts["findings"] != 1:
            problems.append(f"{page}: no 'What we find' box")
    assert not problems, "\n".join(problems)


def _search(browser, served, query: str) -> list[str]:
    browser.get(f"{served}/search.html?q={urllib.parse.quote(query)}")
    for _ in range(60):
        links = browser.execute_script(
            "return [...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'));"
        )
        status = browser.execute_script("return (document.querySelector('#search-results p') || {}).innerText || '';")
        if links or "did not match" in status:
            return links
        time.sleep(0.5)
    return []


@needs_browser
@pytest.mark.end_to_end
@pytest.mark.parametrize("query", ["7332", "7,332"])
def test_search_finds_a_printed_number_in_the_source_audit(browser, served, query):
    """Mexico's GDP per head in 1994 as Table 2 of the NAFTA paper prints it, plain and as printed."""
    links = _search(browser, served, query)
    assert any("reports/source_audit.html" in link for link in links), links
