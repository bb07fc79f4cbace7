"""On a phone (390 × 844) the agenda, the participants list and the organiser's check-in page
read without sideways scrolling, in English and in Urdu."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rabta.events import meeting_services, schedule
from rabta.events.models import Slot
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, visit_in
from tests.events.conftest import accepted, make_event, make_participant, rep
from tests.factories import DEFAULT_PASSWORD, OrganiserFactory


@pytest.fixture
def day_event(transactional_db):
    organiser = OrganiserFactory(username="organiser", full_name="Salman Sheikh")
    event = make_event(organiser, name={"en": "Delegation day"})
    long = "Sialkot Surgical Instruments Manufacturers Association of Pakistan"
    a = make_participant(event, long, languages=("en", "ur"))
    b = make_participant(event, "Ural Medical Equipment Trading House", country="RU")
    request = accepted(a, b)
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
