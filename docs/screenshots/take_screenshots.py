"""Take the README's screenshots with Debian's headless Chromium against a running demo.

    make demo                                  # in one terminal (http://127.0.0.1:8000)
    .venv/bin/python docs/screenshots/take_screenshots.py [BASE_URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = [
    # (file, language, path, viewport width, full page)
    ("home-en.png", "en", "/", 1280, False),
    ("organisation-ur.png", "ur", "/organisations/indus-surgical-works/", 1280, False),
    ("directory-ru.png", "ru", "/organisations/", 1280, False),
    ("home-ur-phone.png", "ur", "/", 390, False),
]

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    for name, language, path, width, full_page in SHOTS:
        context = browser.new_context(
            viewport={"width": width, "height": 860 if width > 600 else 844},
            device_scale_factor=1,
        )
        context.add_cookies([{"name": "rabta_language", "value": language, "url": BASE_URL}])
        page = context.new_page()
        page.goto(BASE_URL + path)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.screenshot(path=str(HERE / name), full_page=full_page)
        print("saved", HERE / name)
        context.close()
    browser.close()
