"""The report opened in a real browser: headless Chromium, driven by Selenium through chromedriver.

CI installs Debian's chromium and chromium-driver and sets CLIPCLEAN_REQUIRE_BROWSER, so there this
test fails rather than skips when they are missing; elsewhere it skips, saying what to install.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke
from tests.test_report import make_run

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if BROWSER is None or DRIVER is None:
        if os.environ.get("CLIPCLEAN_REQUIRE_BROWSER"):
            pytest.fail("chromium or chromedriver is missing, and CLIPCLEAN_REQUIRE_BROWSER is set")
        pytest.skip("no chromium and chromedriver (apt-get install chromium chromium-driver runs this test)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def test_the_report_loads_with_its_plots_and_its_numbers(browser: Any, tmp_path: Path) -> None:
    from matplotlib import image
    from selenium.webdriver.common.by import By

    run, log, recs, stderr = make_run(tmp_path)
    page = tmp_path / "report.html"
    assert invoke("report", str(run), "--log", str(log), "-o", str(page)).exit_code == 0
    browser.get(page.as_uri())
    assert browser.title == "clipclean report"
    screenshot = tmp_path / "report.png"
    assert browser.save_screenshot(str(screenshot))
    assert image.imread(str(screenshot)).std() > 0.05  # something is drawn, not a blank page

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []

    plots = browser.find_elements(By.CSS_SELECTOR, "figure.plot")
    assert [plot.get_attribute("data-plot") for plot in plots] == ["outlets", "lengths", "languages"]
    for plot in plots:
        svg = plot.find_element(By.TAG_NAME, "svg")
        assert svg.size["width"] > 200 and svg.size["height"] > 100
        browser.execute_script("arguments[0].scrollIntoView()", plot)
        pixels = image.imread(io.BytesIO(plot.screenshot_as_png))
        assert pixels[..., :3].std() > 0.05, plot.get_attribute("data-plot")  # not blank
        assert len(plot.find_elements(By.CSS_SELECTOR, "path, rect, use")) > 10  # bars and axes are drawn

    def number(key: str) -> int:
        text = browser.find_element(By.CSS_SELECTOR, f'[data-count="{key}"]').text
        return int(re.sub(r"\D", "", text))

    failures = [
        line for line in stderr.splitlines() if line.startswith("clipclean: ") and " inputs, " not in line
    ]
    assert number("stories") == sum(1 for r in recs if r["dup_of"] is None)
    assert number("duplicates") == sum(1 for r in recs if r["dup_of"] is not None)
    assert number("failures") == len(failures)
    assert number("inputs") == len({r["source"] for r in recs}) + len(failures)
    assert number("removed") == sum(len(r.get("removed") or []) for r in recs)
