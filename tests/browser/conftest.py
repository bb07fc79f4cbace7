"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

- Never downloads a browser: we launch /usr/bin/chromium (scripts/ensure-browser.sh installs it
  in `make test`); without it every test here is skipped with the reason.
- Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM calls
  ("You cannot call this from an async context") unless DJANGO_ALLOW_ASYNC_UNSAFE is set; we
  set it only while a browser is up (module scope) and remove it afterwards.
- Works with xdist: each worker has its own test database and its own live server on a free
  port. Works on PostgreSQL: the live server uses the transactional test database.
- The database is restored after each test (serialized rollback), so data made by migrations
  is still there for the next test on the same worker.
- Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--font-render-hinting=none",
]
REPO_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_DIR / "test-artifacts" / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason="Debian's chromium is not installed at /usr/bin/chromium "
                        "(run scripts/ensure-browser.sh or `apt-get install chromium`)"
                    )
                )


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture
def context(browser, live_server, django_db_serialized_rollback, settings) -> Iterator:
    """A fresh browser profile (no cookies) per test, pointed at the live server (and so are
    the links of the e-mails the site sends: SITE_URL).

    The live server needs a transactional database, which is emptied after each test; the
    serialized rollback puts back what migrations created (the sector taxonomy) for the tests
    that run next on this worker.
    """
    settings.SITE_URL = live_server.url
    browser_context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-GB", reduced_motion="reduce"
    )
    browser_context.set_default_timeout(15_000)
    try:
        yield browser_context
    finally:
        browser_context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def screenshot():
    """screenshot(page, "name") saves test-artifacts/screenshots/name.png (full page)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOT_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
