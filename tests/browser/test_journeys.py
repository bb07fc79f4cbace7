"""The main journeys in English, Russian and Urdu, with screenshots at desktop and phone widths.

A Russian-only or Urdu-only reader meets no English interface word on any page of the journeys
(content in another language is marked with lang=…, names are isolated in <bdi>).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.demo import DEMO_PASSWORD, PARTICIPANT_BY_LANGUAGE, load_demo_pages
from tests.browser.helpers import PDF_DOWNLOAD_TIMEOUT, english_words, log_in, visit_in

LANGUAGES = ["en", "ru", "ur"]
DIRECTIONS = {"en": "ltr", "ru": "ltr", "ur": "rtl"}


@pytest.fixture
def check(screenshot):
    """check(page, language, name): the page is in the language, shows no English interface
    word to a Russian or Urdu reader, fits a phone, and is saved at both widths."""

    def run(page, language: str, name: str) -> None:
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == DIRECTIONS[language]
        page.evaluate("() => document.fonts.ready.then(() => true)")
        if language != "en":
            assert english_words(page) == [], f"English words on the {name} page in {language}"
        screenshot(page, f"journey-{name}-{language}-desktop")
        page.set_viewport_size(PHONE)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the {name} page scrolls sideways on a phone in {language}"
        screenshot(page, f"journey-{name}-{language}-phone")
        page.set_viewport_size(DESKTOP)

    return run


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_browses_the_directory_and_opens_an_organisation(
    page, live_server, transactional_db, check, language
):
    demo = load_demo_pages()
    visit_in(page, live_server, "/", language)
    with page.expect_navigation():
        page.locator("nav a[href$='/organisations/']").first.click()
    check(page, language, "directory")

    page.locator("main input[name=q]").fill("Aftab")
    with page.expect_navigation():
        page.locator("main form.filters [type=submit]").first.click()
    link = page.locator(f"main a[href$='/organisations/{demo.organisation.slug}/']").first
    with page.expect_navigation():
        link.click()
    assert demo.organisation.name[language] in page.locator("main h1").inner_text()
    check(page, language, "organisation")


@pytest.mark.parametrize("language", LANGUAGES)
def test_participant_follows_a_recommendation_and_expresses_interest(
    page, live_server, transactional_db, check, language
):
    load_demo_pages()
    log_in(page, PARTICIPANT_BY_LANGUAGE[language], DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("nav a[href$='/recommendations/']").click()
    check(page, language, "recommendations")

    opportunity = page.locator("#opportunities-heading ~ .cards .card a").first
    title = opportunity.inner_text()
    with page.expect_navigation():
        opportunity.click()
    assert title in page.locator("main h1").inner_text()
    page.locator("main textarea[name=message]").fill("Нам это интересно / ہمیں دلچسپی ہے")
    with page.expect_navigation():
        page.locator("main form[action$='/interest/'] [type=submit]").click()
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator("main form[action$='/interest/']").count() == 0
    check(page, language, "interest")


@pytest.mark.parametrize("language", LANGUAGES)
def test_participant_opens_the_agenda_and_downloads_pdf_and_ical(
    page, live_server, transactional_db, check, language
):
    demo = load_demo_pages()
    log_in(page, PARTICIPANT_BY_LANGUAGE[language], DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("nav a[href$='/events/']").first.click()
    with page.expect_navigation():
        page.locator(f"main a[href$='/events/{demo.event.slug}/']").first.click()
    with page.expect_navigation():
        page.locator("main a[href$='/agenda/']").first.click()
    assert page.locator("main table tbody tr").count() > 0
    check(page, language, "agenda")

    with page.expect_download(timeout=PDF_DOWNLOAD_TIMEOUT) as pdf:
        page.locator("main a[href$='/agenda.pdf']").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with open(pdf.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    with page.expect_download() as ical:
        page.locator("main a[href$='/agenda.ics']").click()
    with open(ical.value.path(), encoding="utf-8") as file:
        calendar = file.read()
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in calendar
