"""axe-core finds no accessibility violation on the main pages, in English, Russian and Urdu (RTL);
the login form and the language switcher work with the keyboard alone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.demo import (
    DEMO_PASSWORD,
    ORGANISER,
    PARTICIPANT_BY_LANGUAGE,
    load_demo_pages,
)
from tests.browser.helpers import axe_violations, log_in, switch_language, visit_in


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_main_pages_have_no_axe_violations(page, live_server, transactional_db, language):
    demo = load_demo_pages()
    found = {}
    for name, path in demo.public.items():
        visit_in(page, live_server, path, language)
        found[name] = axe_violations(page)

    # On a phone, with the menu unfolded.
    page.set_viewport_size(PHONE)
    visit_in(page, live_server, demo.public["home"], language)
    page.locator(".nav-toggle").click()
    found["home, phone, menu open"] = axe_violations(page)
    page.set_viewport_size(DESKTOP)

    log_in(page, PARTICIPANT_BY_LANGUAGE[language], DEMO_PASSWORD)
    assert page.locator("html").get_attribute("lang") == language
    for name, path in demo.participant.items():
        page.goto(path)
        found[name] = axe_violations(page)

    page.context.clear_cookies()
    log_in(page, ORGANISER, DEMO_PASSWORD)
    if language != "en":
        switch_language(page, language)
    for name, path in demo.organiser.items():
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        found[name] = axe_violations(page)

    assert {name: violations for name, violations in found.items() if violations} == {}


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName.toLowerCase(), name: el.name || "", id: el.id,
                  cls: el.className, outline: style.outlineStyle !== "none"
                  && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== "none"};
        }"""
    )


def tab_to(page, matches, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; every stop must show a focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"], f"no visible focus on {element}"
        if matches(element):
            return element
    raise AssertionError("never reached the element with the keyboard")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_login_and_language_switcher_by_keyboard(page, live_server, transactional_db, language):
    from tests.factories import DEFAULT_PASSWORD, UserFactory

    user = UserFactory(username="keyboard-user", language=language)
    # On a fresh page the first Tab reaches the skip link, which jumps to the content.
    visit_in(page, live_server, "/", language)
    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"

    # The login form starts in the e-mail or user name field; Tab moves to the password, Enter logs in.
    page.goto("/accounts/login/")
    assert focused(page)["name"] == "login"
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("form[action$='/logout/']").count() == 1

    # The language switcher: Tab to it, choose with the arrow keys (the page stays), confirm.
    page.evaluate("() => document.activeElement.blur()")
    assert not page.locator(".language-switcher [type=submit]").is_visible()
    tab_to(page, lambda el: el["id"] == "language-select")
    target = "ru"
    page.keyboard.press("Home")
    for _ in range(3):
        if page.locator("#language-select").input_value() == target:
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#language-select").input_value() == target
    assert page.locator("html").get_attribute("lang") == language, "choosing alone navigated"
    page.keyboard.press("Tab")
    assert "language-switcher__submit" in focused(page)["cls"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "ru"
    user.refresh_from_db()
    assert user.language == "ru"


def test_a_mouse_choice_of_language_applies_at_once(page, live_server, transactional_db):
    visit_in(page, live_server, "/", "en")
    select = page.locator("#language-select")
    select.dispatch_event("pointerdown")
    with page.expect_navigation():
        select.select_option("ur")
    assert page.locator("html").get_attribute("dir") == "rtl"
