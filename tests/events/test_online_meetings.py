"""Online and hybrid events: video links from the configured template, no table, an interpreter
when the languages need one, the link in the agenda (page, PDF, e-mail, .ics) and the API."""

from __future__ import annotations

import re
import zoneinfo

import pytest
from django.core import checks
from django.urls import reverse
from django.utils import formats, translation
from icalendar import Calendar

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.time_zones import zone_name
from rabta.events import schedule, selectors, services
from rabta.events.models import Event, MeetingRequest
from rabta.events.online import template_problem, video_link
from tests.events.conftest import accepted, rep, run_and_wait
from tests.factories import UserFactory

TEMPLATE = "https://meet.example.org/rabta-{room}"
LINK = re.compile(r"https://meet\.example\.org/rabta-[0-9a-f]{32}")


@pytest.fixture(autouse=True)
def _video_template(settings):
    settings.RABTA_VIDEO_LINK_TEMPLATE = TEMPLATE


def _accepted(a, b, *, online=False) -> MeetingRequest:
    request = accepted(a, b, online=online)
    request.refresh_from_db()
    return request


def _publish(event, organiser, capture):
    run = run_and_wait(event, organiser, capture)
    assert run.status == "succeeded", run.error
    with capture(execute=True):
        schedule.schedule_publish(actor=organiser, event=event, run=run)
    return run


@pytest.mark.parametrize(
    "template, problem",
    [
        ("https://meet.example.org/rabta", "room placeholder"),
        ("https://meet.example.org/{room}/{event}", "only the placeholder"),
        ("https://meet.example.org/{room", "unbalanced"),
        ("meet.example.org/{room}", "https://"),
    ],
)
def test_a_template_that_cannot_make_a_link_is_refused_clearly(settings, template, problem):
    assert problem in template_problem(template)
    settings.RABTA_VIDEO_LINK_TEMPLATE = template
    errors = checks.run_checks()
    assert any(e.id == "rabta.E101" and problem in e.msg for e in errors)
    assert video_link("abc") == ""


def test_an_online_event_needs_a_template(settings, organiser):
    settings.RABTA_VIDEO_LINK_TEMPLATE = ""
    with pytest.raises(InvalidInput) as error:
        services.event_create(
            actor=organiser, slug="online-day", name={"en": "Online day"}, venue={"en": "—"},
            format=Event.Format.ONLINE,
        )  # fmt: skip
    assert "RABTA_VIDEO_LINK_TEMPLATE" in str(error.value.field_errors["format"])
    assert not Event.objects.filter(slug="online-day").exists()


def test_online_event_meetings_take_no_table_and_keep_their_interpreter(
    event, organiser, participants, django_capture_on_commit_callbacks, mailoutbox
):
    services.event_update(actor=organiser, event=event, format=Event.Format.ONLINE)
    services.interpreter_add(actor=organiser, event=event, name="Anna", languages=["ru", "ur"])
    # no table at all: in person nothing could be placed
    for table in list(event.tables.all()):
        services.table_delete(actor=organiser, table=table)
    surgical, ural, kazan, forward = participants
    rooms = {_accepted(forward, ural).video_room, _accepted(surgical, kazan).video_room}
    assert len(rooms) == 2  # each meeting its own room
    _publish(event, organiser, django_capture_on_commit_callbacks)
    meetings = list(selectors.schedule_meetings(event))
    assert len(meetings) == 2
    for m in meetings:
        assert m.table is None and m.stand == ""
        assert LINK.fullmatch(m.video_link) and m.request.video_room in m.video_link
    (with_interpreter,) = [m for m in meetings if m.interpreter]
    assert with_interpreter.request.recipient == ural  # Urdu/English meets Russian only
    # the agenda e-mail names the link, in the recipient's language
    (russian,) = [m for m in mailoutbox if m.to == [rep(ural).email] and "rabta-" in m.body]
    assert "Онлайн-встреча (видеозвонок)" in russian.body
    assert with_interpreter.video_link in russian.body


def test_hybrid_event_one_meeting_goes_online(
    event, organiser, participants, django_capture_on_commit_callbacks, client
):
    services.event_update(actor=organiser, event=event, format=Event.Format.HYBRID)
    surgical, ural, kazan, forward = participants
    online = _accepted(surgical, kazan, online=True)
    in_person = _accepted(forward, kazan)
    _publish(event, organiser, django_capture_on_commit_callbacks)
    by_request = {m.request_id: m for m in selectors.schedule_meetings(event)}
    assert by_request[online.pk].table is None and LINK.fullmatch(by_request[online.pk].video_link)
    assert by_request[in_person.pk].table is not None and by_request[in_person.pk].video_link == ""
    # the agenda page shows the link as a link
    client.force_login(rep(surgical))
    page = client.get(reverse("events:agenda", args=[event.slug])).content.decode()
    assert f'href="{by_request[online.pk].video_link}"' in page
    # the other side makes the in-person meeting a video call: it gives up its table
    client.force_login(rep(forward))
    response = client.post(
        reverse("events:request_online", args=[event.slug, in_person.pk]), {"online": "1"}
    )
    assert response.status_code == 302
    meeting = selectors.schedule_meetings(event).get(request=in_person)
    assert meeting.table is None and LINK.fullmatch(meeting.video_link)
    # back to a table is the organiser's move: refused with a clear message, nothing changes
    with translation.override("en"), pytest.raises(InvalidInput, match="organiser"):
        services.meeting_request_set_online(actor=rep(forward), request=in_person, online=False)
    in_person.refresh_from_db()
    assert in_person.online


def test_only_the_two_sides_or_an_organiser_choose_online(event, organiser, participants):
    services.event_update(actor=organiser, event=event, format=Event.Format.HYBRID)
    surgical, ural, kazan, forward = participants
    request = _accepted(surgical, kazan)
    with pytest.raises(NotPermitted):
        services.meeting_request_set_online(actor=rep(ural), request=request, online=True)
    services.meeting_request_set_online(actor=organiser, request=request, online=True)
    request.refresh_from_db()
    assert request.online


def test_an_in_person_event_has_no_online_meetings(event, organiser, participants):
    surgical, ural, kazan, forward = participants
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_send(
            actor=rep(surgical), sender=surgical, recipient=kazan, online=True
        )
    assert error.value.field_errors["online"]
    assert not MeetingRequest.objects.filter(sender=surgical).exists()
    request = _accepted(surgical, kazan)
    with translation.override("en"), pytest.raises(InvalidInput, match="hybrid"):
        services.meeting_request_set_online(actor=rep(surgical), request=request, online=True)


def test_the_ics_and_the_api_carry_the_link(
    event, organiser, participants, django_capture_on_commit_callbacks, client
):
    services.event_update(actor=organiser, event=event, format=Event.Format.ONLINE)
    surgical, ural, kazan, forward = participants
    _accepted(surgical, kazan)
    _publish(event, organiser, django_capture_on_commit_callbacks)
    (meeting,) = selectors.schedule_meetings(event)
    client.force_login(rep(surgical))
    ics = Calendar.from_ical(client.get(reverse("events:agenda_ics", args=[event.slug])).content)
    (vevent,) = [c for c in ics.walk("VEVENT") if str(c["uid"]).startswith("meeting-")]
    assert str(vevent["location"]) == meeting.video_link
    assert str(vevent["url"]) == meeting.video_link
    agenda = client.get(f"/api/v1/events/{event.slug}/agenda").json()
    assert agenda[0]["online"] is True and agenda[0]["video_link"] == meeting.video_link
    assert agenda[0]["table"] is None


def test_self_booking_an_online_meeting_takes_no_table(event, organiser, participants):
    services.event_update(
        actor=organiser, event=event, format=Event.Format.ONLINE,
        scheduling_mode=Event.SchedulingMode.SELF,
    )  # fmt: skip
    surgical, ural, kazan, forward = participants
    request = _accepted(surgical, kazan)
    slot = event.slots.order_by("start").first()
    meeting = services.meeting_book(actor=rep(surgical), request=request, slot=slot)
    assert meeting.table is None and meeting.stand == "" and meeting.video_link


def test_the_api_asks_for_a_video_call_in_a_hybrid_event_only(
    client, event, organiser, participants
):
    surgical, ural, kazan, forward = participants
    client.force_login(rep(surgical))
    url = f"/api/v1/events/{event.slug}/requests"
    refused = client.post(
        url, {"recipient": kazan.pk, "online": True}, content_type="application/json"
    )
    assert refused.status_code == 422 and "online" in refused.json()["error"]["fields"]
    services.event_update(actor=organiser, event=event, format=Event.Format.HYBRID)
    response = client.post(
        url, {"recipient": kazan.pk, "online": True}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["online"] is True


def test_an_interpreters_roster_is_in_their_own_zone_with_the_link(
    client, event, organiser, participants, django_capture_on_commit_callbacks
):
    services.event_update(actor=organiser, event=event, format=Event.Format.ONLINE)
    anna = UserFactory(username="anna", is_interpreter=True, time_zone="Europe/Moscow")
    interpreter = services.interpreter_add(
        actor=organiser, event=event, name="Anna", languages=["ru", "ur"]
    )
    interpreter.user = anna
    interpreter.save()
    surgical, ural, kazan, forward = participants
    _accepted(forward, ural)
    _publish(event, organiser, django_capture_on_commit_callbacks)
    (meeting,) = selectors.schedule_meetings(event)
    client.force_login(anna)
    page = client.get(reverse("events:roster", args=[event.slug])).content.decode()
    assert f'href="{meeting.video_link}"' in page
    local = meeting.slot.start.astimezone(zoneinfo.ZoneInfo("Europe/Moscow"))
    with translation.override("en"):
        assert formats.time_format(local, "TIME_FORMAT") in page
        assert zone_name("Asia/Karachi") in page and zone_name("Europe/Moscow") in page
