"""The Snakemake report for reviewers: self-contained HTML with every figure and its caption,
opened in a real headless browser to check that every figure loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("MIGRATION_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.end_to_end


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--profile", "profiles/default", "--report", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return path


def _figures():
    from migration_evidence.figures.specs import load_figures

    return load_figures(REPO / "config/figures.yaml")


def test_report_is_self_contained_with_every_figure_and_caption(report_html):
    html = report_html.read_text(encoding="utf-8")
    for name, spec in _figures().items():
        assert f'"figures/{name}.svg"' in html, f"{name} missing from the report"
        # Each figure carries its name, message and source line as labels (its job draws several figures,
        # so the caption, one per job, is generic); the report embeds them as JSON.
        labels = json.dumps({"figure": name, "message": spec.message, "source": spec.source})
        assert f'"labels": {labels}' in html, f"labels of {name} (its message and source) missing"
    assert "reports/exhibits.md" in html, "the caption pointing to the exhibits index is missing"
    # Self-contained: no resource is fetched from elsewhere.
    assert 'src="http' not in html and 'href="http' not in html.split("<body", 1)[0]


@pytest.mark.skipif(
    not REQUIRED and not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromedriver are not installed (CI installs them and sets MIGRATION_REQUIRE_BROWSER=1)",
)
def test_every_figure_loads_in_a_headless_browser(report_html):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(60)
        driver.get(report_html.as_uri())
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return typeof results === 'object'"))
        loaded = driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const entries = Object.entries(results).filter(([, r]) => r.mime_type.startsWith("image/"));
            Promise.all(entries.map(([path, r]) => new Promise(resolve => {
                const img = new Image();
                img.onload = () => resolve([path, img.naturalWidth, img.naturalHeight]);
                img.onerror = () => resolve([path, 0, 0]);
                img.src = r.data_uri;
            }))).then(done);
            """
        )
        title = driver.title
    finally:
        driver.quit()
    sizes = {path: (w, h) for path, w, h in loaded}
    expected = {f"figures/{name}.svg" for name in _figures()}
    assert expected <= set(sizes), f"figures not in the report: {sorted(expected - set(sizes))}"
    broken = [path for path, (w, h) in sizes.items() if not (w > 100 and h > 100)]
    assert not broken, f"figures that did not load in the browser: {broken}"
    assert title
