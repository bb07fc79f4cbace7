"""The Urdu journey: a participant switches rabta to Urdu and edits their profile's Urdu text."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.data import Participant, participant_with_organisation
from tests.browser.helpers import switch_language

URDU_NAME = "سیالکوٹ سرجیکل ورکس"
URDU_DESCRIPTION = "ہم ۱۹۶۲ سے جراحی اور دندان سازی کے آلات بناتے ہیں اور روس کو برآمد کرتے ہیں۔"

NASTALIQ_LOADED = """() => [...document.fonts].some(
    (face) => face.family.replace(/["']/g, "") === "Noto Nastaliq Urdu" && face.status === "loaded")"""


def log_in(page, participant: Participant) -> None:
    page.goto(reverse("accounts:login"))
    login_field = page.locator("main form input[name=login]")
    identifier = (
        participant.email if login_field.get_attribute("type") == "email" else participant.username
    )
    login_field.fill(identifier)
    page.locator("main form input[name=password]").fill(participant.password)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("form[action$='/logout/']").count() == 1, "the participant is logged in"


def edit_url(participant: Participant) -> str:
    try:
        return reverse("organisations:edit", kwargs={"slug": participant.organisation.slug})
    except NoReverseMatch:
        pytest.skip("the organisation edit page (organisations:edit) does not exist yet")


@pytest.mark.slow
def test_participant_edits_urdu_profile_in_urdu_interface(page, screenshot, transactional_db):
    participant = participant_with_organisation()
    url = edit_url(participant)

    log_in(page, participant)
    switch_language(page, "ur")

    page.goto(url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    name_ur = page.locator("main input[name=name_ur]")
    assert name_ur.get_attribute("lang") == "ur"
    assert name_ur.get_attribute("dir") == "rtl"
    name_ur.fill(URDU_NAME)
    page.locator("main textarea[name=description_ur]").fill(URDU_DESCRIPTION)
    form = page.locator("main form:has(input[name=name_ur])")
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()

    # What the participant sees after saving: their Urdu text, on a right-to-left Urdu page.
    page.goto(reverse("organisations:detail", kwargs={"slug": participant.organisation.slug}))
    html = page.locator("html")
    assert html.get_attribute("lang") == "ur"
    assert html.get_attribute("dir") == "rtl"
    heading = page.locator("main h1")
    assert URDU_NAME in heading.inner_text()
    assert URDU_DESCRIPTION in page.locator("main").inner_text()

    # The Urdu text is set in Nastaliq, and the vendored web font really loaded.
    page.evaluate("() => document.fonts.ready.then(() => true)")
    family = heading.evaluate("(el) => getComputedStyle(el).fontFamily")
    assert family.split(",")[0].strip().strip("\"'") == "Noto Nastaliq Urdu"
    assert page.evaluate(NASTALIQ_LOADED)
    assert page.evaluate(
        f"() => document.fonts.check('16px \"Noto Nastaliq Urdu\"', {URDU_NAME!r})"
    )

    # The navigation is mirrored: the brand sits on the right, the language switcher on the left.
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator("#language-select").bounding_box()
    assert brand["x"] + brand["width"] > DESKTOP["width"] / 2
    assert switcher["x"] < DESKTOP["width"] / 2
    screenshot(page, "profile-ur-desktop")

    # On a phone the menu folds behind a toggle, which opens it.
    page.set_viewport_size(PHONE)
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible()
    assert not page.locator("#site-menu").is_visible()
    screenshot(page, "profile-ur-phone")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-menu").is_visible()
    assert page.locator("main").bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "profile-ur-phone-menu")
