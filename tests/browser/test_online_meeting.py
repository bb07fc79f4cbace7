"""An online meeting in Chromium, in Russian and Urdu: a participant of a hybrid event asks for a
video call (the checkbox on the participants page); once it is scheduled, their agenda shows the
video link and the time in their own time zone (the event's beside it), and the .ics they
download carries the link and their zone."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.utils import formats, timezone, translation

from rabta.core.time_zones import zone_name
from rabta.events import meeting_services, schedule, services
from rabta.events.models import Event, MeetingRequest, Slot
from tests.browser.helpers import axe_violations, english_words, log_in_user
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

TEMPLATE = "https://meet.example.org/rabta-{room}"
# ru: a Moscow distributor at an event in Karachi; ur: a Sialkot exporter at an event in Moscow
CASES = {
    "ru": {"viewer": ("Ural Med", "RU"), "other": ("Sialkot Surgical", "PK"), "event_zone": "Asia/Karachi"},
    "ur": {"viewer": ("Sialkot Surgical", "PK"), "other": ("Ural Med", "RU"), "event_zone": "Europe/Moscow"},
}  # fmt: skip


def _participant(event, name: str, country: str, language: str):
    slug = name.lower().replace(" ", "-")
    user = UserFactory(username=f"{slug}-{language}", language=language, spoken_languages=["en"])
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=f"{slug}-{language}", country=country
    )
    MemberFactory(organisation=organisation, user=user)  # the zone comes from the country
    registration = services.registration_create(
        actor=user, event=event, organisation=organisation, attendees=[user],
        sessions=list(event.sessions.all()), languages=["en"],
    )  # fmt: skip
    services.registration_decide(actor=event.created_by, registration=registration, approve=True)
    user.refresh_from_db()
    return registration, user


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ru", "ur"])
def test_an_online_meetings_link_in_the_agenda_in_ones_own_time_zone(
    page, screenshot, transactional_db, settings, language
):
    settings.RABTA_VIDEO_LINK_TEMPLATE = TEMPLATE
    case = CASES[language]
    organiser = OrganiserFactory(username=f"organiser-{language}")
    event = services.event_create(
        actor=organiser, slug=f"hybrid-{language}", name={"en": "Hybrid day", "ru": "Гибридный день",
        "ur": "ہائبرڈ دن"}, venue={"en": "Expo centre"}, time_zone=case["event_zone"],
        format=Event.Format.HYBRID, requests_open=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0),
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=2)
    viewer, viewer_user = _participant(event, *case["viewer"], language)
    other, other_user = _participant(event, *case["other"], "en")
    zone = zoneinfo.ZoneInfo(viewer_user.time_zone)
    assert viewer_user.time_zone != event.time_zone

    # The viewer asks for a video call from the participants page.
    log_in_user(page, viewer_user)
    page.goto(f"/events/{event.slug}/participants/")
    assert page.locator("html").get_attribute("lang") == language
    form = page.locator(
        "main form", has=page.locator(f"[data-request='{other.organisation.slug}']")
    )
    page.locator(f"summary[data-open-request='{other.organisation.slug}']").click()  # unfold
    form.locator("input[name=online]").check()
    screenshot(page, f"online-1-request-{language}")
    with page.expect_navigation():
        form.locator(f"[data-request='{other.organisation.slug}']").click()
    request = MeetingRequest.objects.for_event(event).get(sender=viewer)
    assert request.online
    services.meeting_request_answer(actor=other_user, request=request, accept=True)
    first = Slot.objects.for_event(event).order_by("start").first()
    meeting = meeting_services.meeting_place(actor=organiser, request=request, slot=first)
    schedule.schedule_publish(actor=organiser, event=event)
    assert meeting.table is None

    # The agenda: the link, the time in the viewer's zone, the event's own time beside.
    page.goto(f"/events/{event.slug}/agenda/")
    link = page.locator("main a.video-link")
    href = link.get_attribute("href")
    assert re.fullmatch(r"https://meet\.example\.org/rabta-[0-9a-f]{32}", href)
    assert href == meeting.video_link
    with translation.override(language):
        mine = formats.time_format(timezone.localtime(first.start, zone), "TIME_FORMAT")
        there = formats.time_format(timezone.localtime(first.start, event.tz), "TIME_FORMAT")
    assert mine != there
    cell = page.locator("main table tbody tr").first.locator("td").first
    assert mine in cell.inner_text() and there in cell.inner_text()
    note = page.locator("#time-zone-note").inner_text()  # zones as the reader says them
    assert zone_name(viewer_user.time_zone, language) in note
    assert zone_name(event.time_zone, language) in note and event.time_zone not in note
    assert english_words(page) == []
    assert axe_violations(page) == []
    screenshot(page, f"online-2-agenda-{language}")

    # The calendar file they download: the link, and their own zone.
    with page.expect_download() as download:
        page.locator("main a[href$='agenda.ics']").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    local = timezone.localtime(first.start, zone)
    assert f"DTSTART;TZID={viewer_user.time_zone}:{local:%Y%m%dT%H%M%S}" in ics
    assert f"LOCATION:{href}" in ics and f"URL:{href}" in ics
