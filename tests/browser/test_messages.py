"""Messages in Chromium: a Russian participant writes (in Russian, on a Russian page) to a
Pakistani one from the participants page; the Pakistani reader, whose rabta is in Urdu, sees the
unread count in the header of an Urdu page, opens the notification (an Urdu sentence) and reads
the message as it was written, with no e-mail address of the writer anywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.events import services
from rabta.messaging.models import Message
from tests.browser.helpers import log_in_user
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

WRITTEN = "Здравствуйте! Нужны скальпели, 500 шт. Когда можем встретиться?"


def _participant(event, name: str, country: str, language: str):
    slug = name.lower().replace(" ", "-")
    user = UserFactory(username=slug, language=language, spoken_languages=["en"])
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=slug, country=country
    )
    MemberFactory(organisation=organisation, user=user)
    registration = services.registration_create(
        actor=user, event=event, organisation=organisation, attendees=[user],
        sessions=list(event.sessions.all()), languages=["en"],
    )  # fmt: skip
    services.registration_decide(actor=event.created_by, registration=registration, approve=True)
    return registration, user


@pytest.mark.slow
def test_a_russian_writes_to_a_pakistani_who_sees_it_in_urdu(page, screenshot, transactional_db):
    organiser = OrganiserFactory(username="organiser-messages")
    event = services.event_create(
        actor=organiser, slug="corridor-day", name={"en": "Corridor day", "ru": "День коридора",
        "ur": "راہداری کا دن"}, venue={"en": "Expo centre"}, time_zone="Asia/Karachi",
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0),
    )  # fmt: skip
    ural, ural_user = _participant(event, "Ural Med", "RU", "ru")
    sialkot, sialkot_user = _participant(event, "Sialkot Surgical", "PK", "ur")

    log_in_user(page, ural_user)
    page.goto(f"/events/{event.slug}/participants/")
    assert page.locator("html").get_attribute("lang") == "ru"
    with page.expect_navigation():
        page.locator(f"[data-write='{sialkot.organisation.slug}']").click()
    page.locator("main textarea[name=body]").fill(WRITTEN)
    with page.expect_navigation():
        page.locator("main form.form [type=submit]").click()
    assert "Ваше сообщение отправлено." in page.locator(".messages").inner_text()
    screenshot(page, "messages-1-written-ru")
    assert Message.objects.get().body == WRITTEN

    log_in_user(page, sialkot_user)
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    count = page.locator(".site-nav__notifications [data-unread]")
    assert count.get_attribute("data-unread") == "1"
    assert "اطلاعات" in page.locator(".site-nav__notifications").inner_text()
    screenshot(page, "messages-2-unread-ur")
    page.goto("/notifications/")
    item = page.locator("main .notification--unread")
    assert "Ural Med" in item.inner_text() and "کا نیا پیغام" in item.inner_text()
    with page.expect_navigation():
        item.locator("button").click()
    body = page.locator("main .conversation__body")
    assert body.inner_text().strip() == WRITTEN  # as written, not translated
    assert ural_user.email not in page.content()
    assert page.locator(".site-nav__notifications [data-unread]").count() == 0
    screenshot(page, "messages-3-read-ur")
