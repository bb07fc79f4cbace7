"""The main pages render in English, Russian and Urdu, with no interface text left in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.demo import (
    DEMO_PASSWORD,
    ORGANISER,
    PARTICIPANT_BY_LANGUAGE,
    load_demo_pages,
)
from tests.browser.helpers import english_words, log_in, switch_language
from tests.browser.test_layout import visit_in
from tests.factories import OrganisationFactory

# Interface text of the English page: navigation, footer, headings, labels and buttons, but not
# content (anything inside an element whose lang differs from the page's, e.g. a <bdi> name).
INTERFACE_STRINGS = """() => {
  const page = document.documentElement.lang;
  const selector = "nav a, nav button, footer p, footer a, main h1, main h2, main h3, main label, "
    + "main legend, main button, main a.button, main th, main .helptext";
  const texts = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.closest(".brand")) continue;
    const marked = element.closest("[lang]");
    if (marked && marked !== document.documentElement && marked.lang !== page) continue;
    if (element.querySelector("[lang]:not([lang='" + page + "'])")) continue;
    const text = element.innerText.trim();
    if (/[A-Za-z]{2,}/.test(text)) texts.push(text);
  }
  return [...new Set(texts)];
}"""

# Words that stay the same in every language.
SAME_EVERYWHERE = {"API", "rabta"}


@pytest.fixture
def main_pages(transactional_db) -> dict[str, str]:
    organisation = OrganisationFactory(
        name={
            "en": "Okara Textile Mills",
            "ru": "Окара Текстайл Миллс",
            "ur": "اوکاڑہ ٹیکسٹائل ملز",
        },
        description={
            "en": "Cotton yarn and home textiles.",
            "ru": "Хлопковая пряжа и домашний текстиль.",
            "ur": "سوتی دھاگا اور گھریلو ٹیکسٹائل۔",
        },
        city="Okara",
    )
    return {
        "home": reverse("home"),
        "directory": reverse("organisations:directory"),
        "organisation": reverse("organisations:detail", kwargs={"slug": organisation.slug}),
        "login": reverse("accounts:login"),
    }


@pytest.mark.parametrize(("language", "direction"), [("ru", "ltr"), ("ur", "rtl")])
def test_main_pages_are_translated(page, live_server, main_pages, language, direction):
    for name, path in main_pages.items():
        visit_in(page, live_server, path, "en")
        assert page.locator("html").get_attribute("dir") == "ltr"
        english = [text for text in page.evaluate(INTERFACE_STRINGS) if text not in SAME_EVERYWHERE]
        assert english, f"the English {name} page has interface text"

        visit_in(page, live_server, path, language)
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == direction
        visible = page.locator("body").inner_text()
        untranslated = [text for text in english if text in visible]
        assert untranslated == [], f"{name} in {language} shows English interface text"


@pytest.mark.parametrize("language", ["ru", "ur"])
def test_a_russian_or_urdu_reader_meets_no_english_word_on_the_main_pages(
    page, live_server, transactional_db, language
):
    """Every visible word of the interface, not only headings and labels: the main pages of a
    visitor, a participant and the organiser (content in other languages is marked or isolated)."""
    demo = load_demo_pages()
    programme = reverse("events:programme", kwargs={"slug": demo.event.slug})
    found = {}
    for name, path in {**demo.public, "programme": programme}.items():
        visit_in(page, live_server, path, language)
        found[name] = english_words(page)

    log_in(page, PARTICIPANT_BY_LANGUAGE[language], DEMO_PASSWORD)
    participant_pages = {
        **demo.participant,
        "my opportunities": reverse("marketplace:mine"),
        "new opportunity": reverse("marketplace:create"),
        "interests": reverse("marketplace:interests"),
        "meeting requests": reverse("events:requests", kwargs={"slug": demo.event.slug}),
    }
    for name, path in participant_pages.items():
        page.goto(path)
        found[name] = english_words(page)

    page.context.clear_cookies()
    log_in(page, ORGANISER, DEMO_PASSWORD)
    switch_language(page, language)
    slug = demo.event.slug
    organiser_pages = {
        **demo.organiser,
        "schedule": reverse("events:schedule", kwargs={"slug": slug}),
        "registrations": reverse("events:registrations", kwargs={"slug": slug}),
        "programme set-up": reverse("events:programme_manage", kwargs={"slug": slug}),
        "new event": reverse("events:create"),
    }
    for name, path in organiser_pages.items():
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        found[name] = english_words(page)

    assert {name: words for name, words in found.items() if words} == {}
