"""The notebook pages as a student sees them, opened in a real headless browser (1,280 px wide): code
folded away by default with one "Show code" toggle per cell, tables with no NaN or <NA> and no p-value
of 0 that fit the window, a table of contents whose links land on the page's sections, a link back to
the index and a glossary of the methods the page uses.

The same facts that need no browser (the page's markup) are checked without one, so that a machine
without Chromium still tests them."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import REPO

from migration_evidence.notebooks.registry import load_notebooks

NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("MIGRATION_REQUIRE_BROWSER") == "1"
WINDOW_WIDTH = 1280
MISSING = re.compile(r"(?<![\w-])(?:NaN|nan|<NA>|None|NaT)(?![\w-])")


def _page(name: str) -> str:
    return (REPO / NOTEBOOKS[name].html).read_text(encoding="utf-8")


class _Cells(HTMLParser):
    """Counts code inputs and the <details> that fold them, and collects table cells and headings."""

    def __init__(self) -> None:
        super().__init__()
        self.depth_in_details = 0
        self.inputs = 0
        self.inputs_folded = 0
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self.headings_with_id: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "details":
            self.depth_in_details += 1
        if "jp-InputArea-editor" in classes:  # the code of a code cell (markdown cells have none)
            self.inputs += 1
            self.inputs_folded += self.depth_in_details > 0
        if tag in ("td", "th"):
            self._cell = []
        if tag == "h2" and attributes.get("id"):
            self.headings_with_id.append(attributes["id"])

    def handle_endtag(self, tag):
        if tag == "details":
            self.depth_in_details -= 1
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_page_markup_folds_code_and_has_contents_glossary_and_index_link(name):
    page = _page(name)
    cells = _Cells()
    cells.feed(page)
    assert cells.inputs > 0 and cells.inputs_folded == cells.inputs, "every code input is inside a <details>"
    assert page.count('<details class="show-code">') == cells.inputs, "one toggle per shown code cell"
    assert '<a href="index.html">' in page
    contents = re.search(r'<nav class="page-contents">(.*?)</nav>', page, re.DOTALL)
    assert contents, "no table of contents"
    targets = re.findall(r'href="#([^"]+)"', contents.group(1))
    assert targets and set(targets) <= set(cells.headings_with_id)
    assert any(t.startswith("Glossary") for t in targets), "no glossary of the methods"
    shown = [cell for cell in cells.cells if MISSING.search(cell)]
    assert not shown, f"table cells showing a missing value: {shown[:5]}"


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_no_sentence_template_is_shown_as_code(name):
    # A cell that only writes text shows the text; its f-string template is not on the page.
    page = _page(name)
    assert "Markdown(" not in page.split("<details", 1)[0]
    folded = re.sub(r"<details.*?</details>", "", page, flags=re.DOTALL)
    assert "Markdown(" not in folded


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
        "--allow-file-access-from-files",
        f"--window-size={WINDOW_WIDTH},900",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


PAGE_FACTS = """
// A closed <details> hides its content with content-visibility, which keeps the boxes' sizes:
// checkVisibility() is the browser's own answer to "is this rendered?".
const visible = el => el.checkVisibility ? el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                                         : !!(el.offsetWidth || el.offsetHeight);
const inputs = [...document.querySelectorAll('.jp-InputArea-editor')];
const tables = [...document.querySelectorAll('.jp-OutputArea table')];
const pValueCells = [];
for (const table of tables) {
  const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText);
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => {
      if (heads[i] && /p-value/i.test(heads[i])) pValueCells.push(cell.innerText.trim());
    });
  }
}
const contents = document.querySelector('nav.page-contents');
const links = contents ? [...contents.querySelectorAll('a[href^="#"]')] : [];
return {
  viewport: document.documentElement.clientWidth,
  inputs: inputs.length,
  visibleInputs: inputs.filter(visible).length,
  toggles: document.querySelectorAll('details.show-code > summary').length,
  tableText: tables.map(t => t.innerText),
  widest: Math.max(0, ...tables.map(t => t.getBoundingClientRect().right)),
  pageWidth: document.documentElement.scrollWidth,
  pValueCells: pValueCells,
  contentsLinks: links.length,
  // nbconvert writes percent-encoded ids ("2000%E2%80%932005"); a fragment finds its element as written or decoded.
  brokenLinks: links.map(a => a.getAttribute('href').slice(1))
    .filter(id => !document.getElementById(id) && !document.getElementById(decodeURIComponent(id))),
  indexLink: !!document.querySelector('a[href="index.html"]'),
  contentsVisible: contents ? visible(contents) : false,
};
"""


@pytest.mark.skipif(
    not REQUIRED and not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromedriver are not installed (CI installs them and sets MIGRATION_REQUIRE_BROWSER=1)",
)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_page_in_a_headless_browser(browser, name):
    browser.get((REPO / NOTEBOOKS[name].html).as_uri())
    facts = browser.execute_script(PAGE_FACTS)
    assert facts["inputs"] > 0
    assert facts["visibleInputs"] == 0, f"{facts['visibleInputs']} code cells are visible before any click"
    assert facts["toggles"] == facts["inputs"], "one 'Show code' toggle per code cell"
    missing = [text for text in facts["tableText"] if MISSING.search(text)]
    assert not missing, f"a table shows NaN or <NA>: {missing[0][:300]}"
    zero_p = [cell for cell in facts["pValueCells"] if re.fullmatch(r"0(\.0*)?", cell)]
    assert not zero_p, "a p-value is shown as 0"
    assert facts["contentsLinks"] >= 3 and facts["contentsVisible"], "no table of contents"
    assert not facts["brokenLinks"], f"contents links that land nowhere: {facts['brokenLinks']}"
    assert facts["indexLink"]
    assert facts["widest"] <= facts["viewport"], f"a table is {facts['widest']:.0f} px wide in {WINDOW_WIDTH} px"
    # Opening a toggle shows that cell's code.
    browser.execute_script("document.querySelector('details.show-code > summary').click()")
    assert browser.execute_script(
        "return document.querySelector('details.show-code .jp-InputArea-editor').checkVisibility();"
    )
