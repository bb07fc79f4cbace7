"""On a phone (390 × 844) the agenda, the participants list and the organiser's check-in page
read without sideways scrolling, in English and in Urdu."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rabta.events import meeting_services, schedule, services
from rabta.events.models import Slot
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, visit_in
from tests.events.conftest import make_participant, rep
from tests.factories import DEFAULT_PASSWORD, OrganiserFactory


@pytest.fixture
def day_event(transactional_db):
    organiser = OrganiserFactory(username="organiser", full_name="Salman Sheikh")
    event = services.event_create(
        actor=organiser, slug="delegation-day", name={"en": "Delegation day"},
        venue={"en": "SCCI auditorium"}, city={"en": "Sialkot"}, time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0), meeting_minutes=20, break_minutes=5,
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=3)
    long = "Sialkot Surgical Instruments Manufacturers Association of Pakistan"
    a = make_participant(event, long, languages=("en", "ur"))
    b = make_participant(event, "Ural Medical Equipment Trading House", country="RU")
    request = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    services.meeting_request_answer(actor=rep(b), request=request, accept=True)
    slot = Slot.objects.for_event(event).order_by("start").first()
    meeting_services.meeting_place(actor=organiser, request=request, slot=slot)
    schedule.schedule_publish(actor=organiser, event=event)
    return event, organiser, a


@pytest.mark.parametrize("language", ["en", "ur"])
def test_agenda_participants_and_check_in_fit_a_phone(
    page, live_server, screenshot, day_event, language
):
    event, organiser, participant = day_event
    page.set_viewport_size(PHONE)
    fits = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    log_in(page, rep(participant).username, DEFAULT_PASSWORD)
    for name in ("agenda", "participants"):
        visit_in(page, live_server, reverse(f"events:{name}", args=[event.slug]), language)
        assert page.evaluate(fits), f"{name} scrolls sideways on a phone in {language}"
        screenshot(page, f"event-{name}-{language}-phone")
    page.context.clear_cookies()
    log_in(page, organiser.username, DEFAULT_PASSWORD)
    visit_in(page, live_server, reverse("events:day", args=[event.slug]), language)
    assert page.evaluate(fits), f"the check-in page scrolls sideways on a phone in {language}"
    screenshot(page, f"event-check-in-{language}-phone")
