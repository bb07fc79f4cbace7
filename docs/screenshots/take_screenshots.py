"""Take the README's screenshots with Debian's headless Chromium against a running demo.

    make demo                                  # in one terminal (http://127.0.0.1:8000)
    .venv/bin/python docs/screenshots/take_screenshots.py [BASE_URL]

The key pages in English, Russian and Urdu: the directory and the marketplace as a visitor sees
them, and a participant's agenda (logged in as the demo participant who reads that language).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
HERE = Path(__file__).resolve().parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "rabta-demo"
PARTICIPANT = {"en": "participant", "ru": "ru-participant", "ur": "ur-participant"}
AGENDA = "/events/russian-delegation-sialkot-2027/agenda/"
SHOTS = [
    # (file, language, path, viewport width, log in as the language's participant)
    ("home-en.png", "en", "/", 1280, False),
    ("organisation-ur.png", "ur", "/organisations/indus-surgical-works/", 1280, False),
    ("home-ur-phone.png", "ur", "/", 390, False),
] + [
    (f"{page}-{language}.png", language, path, 1280, page == "agenda")
    for page, path in [("directory", "/organisations/"), ("marketplace", "/marketplace/"),
                       ("agenda", AGENDA)]
    for language in ["en", "ru", "ur"]
]  # fmt: skip


def log_in(page, username: str) -> None:
    page.goto(BASE_URL + "/accounts/login/")
    page.locator("main form input[name=username]").fill(username)
    page.locator("main form input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    for name, language, path, width, logged_in in SHOTS:
        context = browser.new_context(
            viewport={"width": width, "height": 800 if width > 600 else 844},
            device_scale_factor=1,
        )
        context.add_cookies([{"name": "rabta_language", "value": language, "url": BASE_URL}])
        page = context.new_page()
        if logged_in:
            log_in(page, PARTICIPANT[language])
        page.goto(BASE_URL + path)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert page.locator("html").get_attribute("lang") == language, name
        page.screenshot(path=str(HERE / name))
        print("saved", HERE / name)
        context.close()
    browser.close()
