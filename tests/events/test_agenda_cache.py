"""The cached agenda (rabta.events.agenda_cache): read from the cache until the event's data
changes, and never stale after a change — a meeting moved or cancelled, a registration
cancelled, an organisation or interpreter renamed, the schedule hidden, a bulk write."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rabta.events import meeting_services, services
from rabta.events.models import Interpreter, Meeting, MeetingOffer, Slot, Table
from tests.events.conftest import rep
from tests.events.test_meeting_control import free_slot_for, meeting_of, publish_by_hand
from tests.factories import MemberFactory, UserFactory

URL = "/events/delegation-day/agenda/"


@pytest.fixture
def published(event, organiser, participants, mailoutbox):
    return publish_by_hand(event, organiser, participants, mailoutbox)


@pytest.fixture
def surgical_client(client, published):
    client.force_login(rep(published[0]))
    return client


def agenda(client, language="en"):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


def rows(response) -> list[tuple[int, str, str]]:
    """(slot, partner, place) of each meeting on the page."""
    return [
        (i.slot.pk, str(i.partner.organisation), str(i.meeting.table or ""))
        for i in response.context["items"]
        if not i.is_programme
    ]


def test_the_second_reading_comes_from_the_cache(surgical_client):
    with CaptureQueriesContext(connection) as first:
        agenda(surgical_client)
    with CaptureQueriesContext(connection) as second:
        page = agenda(surgical_client)
    assert len(second) <= len(first) - 4  # no meetings, group sessions or programme read
    assert "Ural Med" in page.text and "Kazan Sports" in page.text


def test_a_moved_meeting_shows_its_new_slot_and_table(event, organiser, published, surgical_client):
    surgical, ural, kazan, forward = published
    before = rows(agenda(surgical_client))
    meeting = meeting_of(event, surgical, kazan)
    target = free_slot_for(event, surgical, kazan)
    table = Table.objects.for_event(event).order_by("-number").first()
    meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=target, table=table)
    after = rows(agenda(surgical_client))
    assert after != before
    assert (target.pk, "Kazan Sports", str(table)) in after
    assert (meeting.slot_id, "Kazan Sports") not in [(s, p) for s, p, _t in after]


def test_a_cancelled_meeting_leaves_both_agendas(event, published, surgical_client, client):
    surgical, ural, kazan, forward = published
    assert "Kazan Sports" in agenda(surgical_client).text
    meeting_services.meeting_cancel(actor=rep(kazan), meeting=meeting_of(event, surgical, kazan))
    page = agenda(surgical_client)
    assert "Kazan Sports" not in [p for _s, p, _t in rows(page)]
    assert "Meeting with <bdi>Kazan Sports</bdi>" not in page.text


def test_a_cancelled_registration_leaves_its_partners_agendas(event, published, surgical_client):
    surgical, ural, kazan, forward = published
    assert "Ural Med" in agenda(surgical_client).text
    meeting_services.registration_cancel(actor=rep(ural), registration=ural)
    assert "Ural Med" not in [p for _s, p, _t in rows(agenda(surgical_client))]


def test_a_renamed_partner_organisation_shows_its_new_name(published, surgical_client):
    surgical, ural, kazan, forward = published
    assert "Kazan Sports" in agenda(surgical_client).text
    organisation = kazan.organisation
    organisation.name = {"en": "Kazan Sporting Goods"}
    organisation.save()
    page = agenda(surgical_client)
    assert "Kazan Sporting Goods" in page.text
    assert "Kazan Sports" not in page.text


def test_each_language_has_its_own_copy(published, surgical_client):
    surgical, ural, kazan, forward = published
    person = rep(surgical)
    person.language = ""  # the browser's language, then
    person.save()
    organisation = ural.organisation
    organisation.name = {"en": "Ural Med", "ru": "Урал Мед"}
    organisation.save()
    assert "Ural Med" in agenda(surgical_client, "en").text
    assert "Урал Мед" in agenda(surgical_client, "ru").text
    assert "Ural Med" in agenda(surgical_client, "en").text


def test_a_renamed_interpreter_shows_their_new_name(event, published, surgical_client):
    assert "Anna Volkova" in agenda(surgical_client).text
    Interpreter.objects.for_event(event).update(name="Anna Petrova")  # a bulk write
    page = agenda(surgical_client)
    assert "Anna Petrova" in page.text and "Anna Volkova" not in page.text


def test_a_bulk_write_whose_event_is_not_named_forgets_the_agendas(
    event, published, surgical_client
):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, ural)
    assert "Table" in dict((p, t) for _s, p, t in rows(agenda(surgical_client)))["Ural Med"]
    Meeting.objects.filter(request=meeting.request).update(table=None, stand="Hall B, stand 12")
    page = agenda(surgical_client)
    assert "Hall B, stand 12" in page.text


def test_hiding_the_schedule_hides_the_cached_meetings(event, published, surgical_client):
    assert rows(agenda(surgical_client))
    event.published_version = 0
    event.save()
    page = agenda(surgical_client)
    assert rows(page) == []
    assert "The organiser has not published the schedule yet" in page.text


def test_without_a_shared_cache_nothing_is_cached(settings, published, surgical_client):
    settings.RABTA_SHARED_CACHE = False
    agenda(surgical_client)
    with CaptureQueriesContext(connection) as second:
        agenda(surgical_client)
    with CaptureQueriesContext(connection) as third:
        agenda(surgical_client)
    assert len(third) == len(second)


def cancel_forms(page: str) -> int:
    return page.count('name="reason"')


def test_a_meeting_that_has_started_loses_its_cancel_form(
    event, published, surgical_client, monkeypatch
):
    from django.utils import timezone

    meetings = rows(agenda(surgical_client))
    first = min(
        Slot.objects.for_event(event).filter(pk__in=[s for s, _p, _t in meetings]),
        key=lambda s: s.start,
    )
    monkeypatch.setattr(timezone, "now", lambda: first.start - dt.timedelta(minutes=1))
    assert cancel_forms(agenda(surgical_client).text) == len(meetings)
    monkeypatch.setattr(timezone, "now", lambda: first.start + dt.timedelta(minutes=1))
    assert cancel_forms(agenda(surgical_client).text) == len(meetings) - 1


def test_the_cancel_form_of_a_cached_page_carries_this_session_s_token(event, published):
    surgical, ural, kazan, forward = published
    for person in (rep(surgical), rep(ural)):  # Ural's page is cached first: a token of its own
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(person)
        agenda(browser)
        page = agenda(browser).text
    meeting = meeting_of(event, surgical, ural)
    token = re.search(
        rf'action="/events/delegation-day/meetings/{meeting.pk}/cancel/"[^>]*>'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    ).group(1)
    response = browser.post(
        f"/events/delegation-day/meetings/{meeting.pk}/cancel/",
        {"reason": "Delayed", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert not Meeting.objects.for_event(event).filter(pk=meeting.pk).exists()
    assert "Sialkot Surgical" not in [p for _s, p, _t in rows(agenda(browser))]


def test_a_new_member_of_the_organisation_reads_its_agenda(published, client):
    surgical = published[0]
    newcomer = UserFactory(username="newcomer")
    client.force_login(newcomer)
    assert client.get(URL).status_code == 403
    MemberFactory(organisation=surgical.organisation, user=newcomer)
    assert "Ural Med" in agenda(client).text


def test_an_offer_made_on_the_day_shows_at_once(event, published, surgical_client):
    surgical, ural, kazan, forward = published
    assert "Accept the meeting" not in agenda(surgical_client).text
    missed = meeting_of(event, surgical, ural)
    MeetingOffer.objects.create(
        event=event, participant=surgical, partner=forward, slot=missed.slot, missed=missed
    )
    page = agenda(surgical_client).text
    assert "Accept the meeting" in page and "Forward Sports" in page


def test_joining_the_waiting_list_shows_at_once(event, published, surgical_client):
    assert "Join the meeting waiting list" in agenda(surgical_client).text
    surgical_client.post("/events/delegation-day/agenda/waiting-list/", {"on": "1"})
    assert "Leave the meeting waiting list" in agenda(surgical_client).text


def test_a_renamed_event_and_a_new_interpreter_show_at_once(
    event, organiser, published, surgical_client
):
    page = agenda(surgical_client).text
    assert "Delegation day" in page and "My roster" not in page
    services.event_update(actor=organiser, event=event, name={"en": "Trade day"})
    Interpreter.objects.create(event=event, name="Surgical's own", user=rep(published[0]))
    page = agenda(surgical_client).text
    assert "Trade day" in page and "My roster" in page
