"""The preview page in a real headless Chromium: it follows saves, shows check's messages and switches edition, never reloading."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SEED, require
from preview_helpers import RunningPreview, check_messages

# Chromium on a machine without network: no first-run, sync, component or other background connections.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000")
SEED_TITLE = ("ກອງປະຊຸມທາງໄກຮ່ວມມືອາຊຽນກ່ຽວກັບວຽກງານລັດຖະກອນ ລະດັບເຈົ້າໜ້າທີ່ອາວຸໂສ "
              "ແລະ ຫົວໜ້າລັດຖະກອນອາຊຽນ ຄັ້ງທີ 20")
NEW_TITLE = "ກອງປະຊຸມທົດລອງ"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    """Headless Chromium through chromedriver, with a profile of its own."""
    chromium = require("chromium", "the live preview test in a real browser")
    driver_path = require("chromedriver", "the live preview test in a real browser (Debian chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    yield driver
    driver.quit()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[RunningPreview]:
    """A preview of a copy of the seed."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED, folder / "accsm-20.yaml")
    running = RunningPreview("accsm-20.yaml", folder, logs=tmp_path)
    yield running
    running.stop()


def shown_page(driver: WebDriver) -> str | None:
    """The address of the first page image once it has loaded, else None."""
    return driver.execute_script(
        "const img = document.querySelector('#pages img');"
        "return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null;")


def problems(driver: WebDriver) -> list[str]:
    """The problem lines the page shows (none while the section is hidden)."""
    section = driver.find_element(By.ID, "problems")
    if not section.is_displayed():
        return []
    return [item.text for item in section.find_elements(By.CSS_SELECTOR, "#problem-list li")]


def test_page_follows_saves_without_reloading(browser: WebDriver, preview: RunningPreview, tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 60, poll_frequency=0.1)
    meeting = preview.cwd / "accsm-20.yaml"
    browser.get(preview.url)
    first = wait.until(shown_page)
    assert first == "/pages/1/1.png"
    browser.execute_script("window.previewMarker = 'the same document';")
    kept = "return window.previewMarker || null;"
    before = browser.find_element(By.CSS_SELECTOR, "#pages img").screenshot_as_png

    seed = meeting.read_text(encoding="utf-8")
    assert SEED_TITLE in seed
    edited = seed.replace(SEED_TITLE, NEW_TITLE)
    meeting.write_text(edited, encoding="utf-8")
    second = wait.until(lambda d: (src := shown_page(d)) != first and src)
    assert browser.execute_script(kept) == "the same document", "the page reloaded"
    after = browser.find_element(By.CSS_SELECTOR, "#pages img").screenshot_as_png
    assert after != before, "the new page image shows the new title"
    assert browser.find_element(By.ID, "status").text == "ອັບເດດແລ້ວ · Up to date"
    browser.save_screenshot(str(tmp_path / "edited.png"))

    meeting.write_text(edited.replace("  women: 5", "  women: 15"), encoding="utf-8")
    expected = check_messages("accsm-20.yaml", preview.cwd)
    assert len(expected) == 1 and expected[0].endswith("delegation.women: 15 is more than delegation.total (14)")
    wait.until(lambda d: problems(d) == expected)
    assert shown_page(browser) == second, "the last good pages stay under the message"
    assert browser.find_element(By.ID, "status").text == "ພົບບັນຫາ · Problems found (1)"
    assert browser.title.startswith("⚠ ")
    assert browser.execute_script(kept) == "the same document"
    browser.save_screenshot(str(tmp_path / "broken.png"))

    meeting.write_text(edited, encoding="utf-8")
    third = wait.until(lambda d: (src := shown_page(d)) not in (first, second) and src)
    assert problems(browser) == []
    assert browser.find_element(By.ID, "problem-list").find_elements(By.TAG_NAME, "li") == []
    assert browser.execute_script(kept) == "the same document"

    Select(browser.find_element(By.ID, "lang")).select_by_value("en")
    wait.until(lambda d: (src := shown_page(d)) not in (first, second, third) and src)
    assert browser.find_element(By.ID, "pdf").get_attribute("download") == "accsm-20-briefing-en.pdf"
    assert browser.find_element(By.ID, "docx").get_attribute("download") == "accsm-20-briefing-en.docx"
    assert preview.status()["lang"] == "en"
    assert browser.execute_script(kept) == "the same document"
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []
