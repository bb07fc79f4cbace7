"""The cached agenda (rabta.events.agenda_cache): read from the cache until the event's data
changes, and never stale after a change — a meeting moved or cancelled, a registration
cancelled, an organisation or interpreter renamed, the schedule hidden, a bulk write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rabta.events import meeting_services
from rabta.events.models import Interpreter, Meeting, Table
from tests.events.conftest import rep
from tests.events.test_meeting_control import free_slot_for, meeting_of, publish_by_hand

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
