"""A stranger gets in alone, in English, Russian and Urdu: home page, language, sign-up, the
verification e-mail (read from the live server's locmem outbox), confirm, and on to register
an organisation, signed in. Screenshots of each step go to test-artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from rabta.accounts.models import User
from tests.browser.helpers import axe_violations, english_words, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Sialkot-surgical-2026"
PEOPLE = {
    "en": ("Ayesha Khan", "ayesha@sialkot.example"),
    "ru": ("Анна Смирнова", "anna@kazan.example"),
    "ur": ("عائشہ خان", "ayesha.ur@sialkot.example"),
}
CHECK_YOUR_EMAIL = {"en": "Check your e-mail", "ru": "Проверьте почту", "ur": "اپنی ای میل دیکھیں"}


def the_verification_link() -> str:
    [message] = mail.outbox
    [link] = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    return link


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_a_stranger_signs_up_verifies_and_registers_an_organisation(
    page, live_server, screenshot, language
):
    name, email = PEOPLE[language]
    mail.outbox.clear()

    page.goto("/")
    if language != "en":
        switch_language(page, language)
    screenshot(page, f"signup-{language}-1-home")
    with page.expect_navigation():
        page.locator("main a[href='/accounts/signup/']").first.click()

    assert page.locator("html").get_attribute("lang") == language
    if language != "en":
        assert english_words(page) == []
    assert axe_violations(page) == []
    page.locator("input[name=full_name]").fill(name)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    screenshot(page, f"signup-{language}-2-form")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()

    assert page.locator("h1").inner_text() == CHECK_YOUR_EMAIL[language]
    assert page.locator("form[action$='/logout/']").count() == 0  # not signed in yet
    screenshot(page, f"signup-{language}-3-check-your-email")

    [message] = mail.outbox
    assert message.to == [email]
    user = User.objects.get(email=email)
    assert (user.full_name, user.language) == (name, language)

    page.goto(the_verification_link())
    assert axe_violations(page) == []
    screenshot(page, f"signup-{language}-4-confirm")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()

    # Signed in, on "My organisation": register a new one or ask to join an existing one.
    assert page.url.endswith("/organisations/mine/")
    assert page.locator("form[action$='/logout/']").count() == 1, "signed in"
    assert page.locator("main a[href$='/organisations/join/']").count() >= 1
    if language != "en":
        assert english_words(page) == []
    screenshot(page, f"signup-{language}-5-my-organisation")
    with page.expect_navigation():
        page.locator("main a[href$='/organisations/register/']").first.click()

    assert page.url.endswith("/organisations/register/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("input[name=name_en], input[name^=name]").count() >= 1
    if language != "en":
        assert english_words(page) == []
    screenshot(page, f"signup-{language}-6-register-organisation")
