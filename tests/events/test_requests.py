import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import services
from rabta.events.models import Event, MeetingRequest, Registration
from tests.events.conftest import make_participant, rep

KHI = ZoneInfo("Asia/Karachi")


def test_request_received_accepted_and_mailed_in_each_language(
    event, participants, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural = participants[0], participants[1]
    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_send(
            actor=rep(surgical),
            sender=surgical,
            recipient=ural,
            message="Scalpels for Yekaterinburg clinics",
        )
    assert request.status == MeetingRequest.Status.PENDING
    assert [m.to for m in mailoutbox] == [["u-Ural Med@example.org"]]
    assert "Scalpels for Yekaterinburg clinics" in mailoutbox[0].body
    # Ural Med's representative reads Russian: the event name comes in Russian.
    assert "День делегации" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert mailoutbox[1].to == ["u-Sialkot Surgical@example.org"]
    assert mailoutbox[1].subject == "Ural Med accepted your meeting request"


def test_declined_request_is_mailed(
    event, participants, mailoutbox, django_capture_on_commit_callbacks
):
    a, b = participants[0], participants[2]
    request = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(actor=rep(b), request=request, accept=False)
    assert mailoutbox[-1].subject == "Kazan Sports declined your meeting request"


def test_only_the_recipient_answers(event, participants):
    a, b = participants[0], participants[2]
    request = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    with pytest.raises(NotPermitted):
        services.meeting_request_answer(actor=rep(a), request=request, accept=True)


def test_a_request_to_oneself_is_refused(event, participants):
    a = participants[0]
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_send(actor=rep(a), sender=a, recipient=a)
    assert str(error.value.message) == "You cannot request a meeting with yourself."


def test_a_request_twice_is_refused(event, participants):
    a, b = participants[0], participants[2]
    services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    assert str(error.value.message) == "You have already requested a meeting with this participant."
    assert MeetingRequest.objects.for_event(event).count() == 1


def test_asking_back_makes_the_request_mutual(event, participants):
    a, b = participants[0], participants[2]
    first = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    second = services.meeting_request_send(actor=rep(b), sender=b, recipient=a)
    assert second.pk == first.pk
    assert (second.status, second.mutual, second.weight) == ("accepted", True, 3)


def test_a_request_to_someone_not_attending_is_refused(event, participants):
    a = participants[0]
    pending = make_participant(event, "Not Yet", approve=False)
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_send(actor=rep(a), sender=a, recipient=pending)
    assert str(error.value.message) == "This participant is not attending the event."


def test_a_request_outside_the_window_is_refused(event, organiser, participants):
    services.event_update(
        actor=organiser, event=event, requests_close=dt.datetime(2020, 1, 1, tzinfo=KHI)
    )
    a, b = participants[0], participants[2]
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    assert str(error.value.message) == "Meeting requests are not open for this event."
    assert not MeetingRequest.objects.for_event(event).exists()


def test_auto_accept_mode(event, organiser, participants):
    services.event_update(actor=organiser, event=event, request_mode=Event.RequestMode.AUTO_ACCEPT)
    a, b = participants[0], participants[2]
    a.event.refresh_from_db()
    request = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    assert request.status == MeetingRequest.Status.ACCEPTED


def test_someone_else_cannot_send_for_an_organisation(event, participants):
    a, b = participants[0], participants[2]
    with pytest.raises(NotPermitted):
        services.meeting_request_send(actor=rep(b), sender=a, recipient=b)
    assert Registration.objects.for_event(event).count() == 4
