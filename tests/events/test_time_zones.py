"""Each person sees times in their own time zone (the delegation in Moscow time, the exporters in
Pakistan time): account page, agenda page, PDF, e-mails and .ics; the event's zone beside."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from rabta.core.time_zones import country_time_zone, zone_name
from rabta.events import meeting_services, selectors, services
from rabta.events.models import Event
from tests.events.conftest import DAY, rep
from tests.events.test_online_meetings import TEMPLATE, _accepted, _publish
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

MOSCOW, KARACHI = zoneinfo.ZoneInfo("Europe/Moscow"), zoneinfo.ZoneInfo("Asia/Karachi")


@pytest.fixture
def online_meeting(settings, event, organiser, participants, django_capture_on_commit_callbacks):
    """Sialkot Surgical (Karachi) meets Ural Med (Moscow) online, in the first slot (10:00 in
    Karachi, 08:00 in Moscow)."""
    settings.RABTA_VIDEO_LINK_TEMPLATE = TEMPLATE
    services.event_update(actor=organiser, event=event, format=Event.Format.ONLINE)
    services.interpreter_add(actor=organiser, event=event, name="Anna", languages=["ru", "en"])
    surgical, ural = participants[0], participants[1]
    _accepted(surgical, ural)
    _publish(event, organiser, django_capture_on_commit_callbacks)
    (meeting,) = selectors.schedule_meetings(event)
    first = event.slots.order_by("start").first()
    if meeting.slot != first:
        meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=first)
        meeting.refresh_from_db()
    assert meeting.slot.start == dt.datetime.combine(DAY, dt.time(10), KARACHI)
    return meeting


def test_a_country_gives_a_sensible_zone():
    assert country_time_zone("PK") == "Asia/Karachi"
    assert country_time_zone("ru") == "Europe/Moscow"  # not Kaliningrad, tzdata's first
    assert country_time_zone("AE") == "Asia/Dubai"
    assert country_time_zone("XX") is None and country_time_zone("") is None


def test_a_new_member_gets_the_zone_of_their_organisations_country(db):
    person = UserFactory(username="lena")
    assert person.time_zone == ""
    MemberFactory(user=person, organisation=OrganisationFactory(country="RU", slug="rosmed"))
    person.refresh_from_db()
    assert person.time_zone == "Europe/Moscow"
    # a zone the person chose is never replaced by a later membership
    MemberFactory(user=person, organisation=OrganisationFactory(country="PK", slug="pk-org"))
    person.refresh_from_db()
    assert person.time_zone == "Europe/Moscow"


def test_the_account_page_changes_the_zone_and_refuses_an_unknown_one(client, db):
    person = UserFactory(username="lena", full_name="Lena", language="ru")
    client.force_login(person)
    data = {"full_name": "Lena", "language": "ru", "time_zone": "Asia/Yekaterinburg"}
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "Asia/Yekaterinburg"
    response = client.post(reverse("accounts:profile"), {**data, "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert any("Mars/Olympus" in e for e in errors), errors
    person.refresh_from_db()
    assert person.time_zone == "Asia/Yekaterinburg"


def _ics_meeting(client, user, event):
    client.force_login(user)
    content = client.get(reverse("events:agenda_ics", args=[event.slug])).content
    (vevent,) = [c for c in Calendar.from_ical(content).walk("VEVENT")]
    return content.decode(), vevent


def test_the_ics_of_an_online_meeting_has_the_link_and_each_persons_time(
    client, event, participants, online_meeting
):
    surgical, ural = participants[0], participants[1]
    assert rep(ural).time_zone == "Europe/Moscow" and rep(surgical).time_zone == "Asia/Karachi"
    moscow_text, moscow = _ics_meeting(client, rep(ural), event)
    karachi_text, karachi = _ics_meeting(client, rep(surgical), event)
    for vevent in (moscow, karachi):
        assert str(vevent["location"]) == online_meeting.video_link
        assert str(vevent["url"]) == online_meeting.video_link
        assert vevent.decoded("dtstart") == online_meeting.slot.start  # the same instant
    assert "DTSTART;TZID=Europe/Moscow:20270310T080000" in moscow_text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Moscow" in moscow_text
    assert "DTSTART;TZID=Asia/Karachi:20270310T100000" in karachi_text
    # the Muscovite is told the event's local time too
    event_zone = zone_name("Asia/Karachi", rep(ural).language)  # «Пакистан», in their language
    assert "10:00" in str(moscow["description"]) and event_zone in str(moscow["description"])
    # the secret feed (no session) follows the zone its address names, else the registrant's
    feed = reverse("events:calendar_feed", args=[event.slug, ural.calendar_token])
    client.logout()
    assert (
        "TZID=Asia/Tokyo:20270310T140000" in client.get(feed, {"tz": "Asia/Tokyo"}).content.decode()
    )
    assert (
        "TZID=Europe/Moscow:20270310T080000" in client.get(feed, {"tz": "nowhere"}).content.decode()
    )


def test_the_agenda_page_and_pdf_are_in_the_readers_zone(
    client, event, participants, online_meeting
):
    ural = participants[1]
    client.force_login(rep(ural))
    page = client.get(reverse("events:agenda", args=[event.slug])).content.decode()
    # Russian times (G:i) and zones named as a Russian reader says them (CLDR): «Москва»
    own, at_event = zone_name("Europe/Moscow", "ru"), zone_name("Asia/Karachi", "ru")
    assert "8:00–8:20" in page and own in page and "Europe/Moscow" not in page
    assert "10:00" in page and at_event in page  # the event's own time beside
    assert f'href="{online_meeting.video_link}"' in page
    pdf = client.get(reverse("events:agenda_pdf", args=[event.slug]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "8:00–" in text and own in text  # the cell wraps in the PDF
    assert "10:00" in text
    # the link wraps in its cell, beside the other columns' text
    assert "https://meet.example.org/" in text and online_meeting.request.video_room in text


def test_e_mails_give_each_recipient_their_own_time(
    event, participants, online_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural = participants[0], participants[1]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        meeting_services.meeting_cancel(actor=rep(surgical), meeting=online_meeting, reason="ill")
    (to_moscow,) = [m for m in mailoutbox if m.to == [rep(ural).email]]
    # In the reader's language, as their agenda says it: not "2027-03-10 08:00 (Europe/Moscow)".
    assert f"8:00 ({zone_name('Europe/Moscow', 'ru')})" in to_moscow.body
    assert "10 марта 2027" in to_moscow.body and "Europe/Moscow" not in to_moscow.body
