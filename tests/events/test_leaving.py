"""A person deletes their account: meetings nobody else attends for their organisation are
cancelled and the other side is told in their language; a colleague keeps them going."""

from __future__ import annotations

import pytest
from django.core import mail

from rabta.accounts import services as account_services
from rabta.events import selectors, services
from rabta.events.models import Event, Meeting, MeetingRequest
from tests.events.conftest import accepted, rep
from tests.factories import MemberFactory, UserFactory


@pytest.fixture
def self_event(event, organiser):
    services.event_update(actor=organiser, event=event, scheduling_mode=Event.SchedulingMode.SELF)
    return event


def booked(event, a, b):
    request = accepted(a, b)
    slot = selectors.free_slots_for(event, request)[0]
    return services.meeting_book(actor=rep(a), request=request, slot=slot)


def test_leaving_cancels_the_meetings_one_alone_attends_and_tells_the_other_side(
    self_event, participants, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = participants
    with_kazan = booked(self_event, surgical, kazan)
    from_ural = services.meeting_request_send(actor=rep(ural), sender=ural, recipient=surgical)
    from_forward = services.meeting_request_send(
        actor=rep(forward), sender=forward, recipient=surgical
    )
    untouched = booked(self_event, kazan, forward)
    leaving = rep(surgical)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        account_services.account_delete(user=leaving)

    assert not Meeting.objects.unscoped().filter(pk=with_kazan.pk).exists()
    for request_id in (with_kazan.request_id, from_ural.pk, from_forward.pk):
        assert MeetingRequest.objects.unscoped().get(pk=request_id).status == "cancelled"
    assert Meeting.objects.unscoped().filter(pk=untouched.pk).exists()
    assert surgical.organisation.members.count() == 0
    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {rep(kazan).email, rep(ural).email, rep(forward).email}
    # Each in their own language, the booked one with its time.
    english = told[rep(kazan).email]
    assert english.subject == "Your meeting with Sialkot Surgical is cancelled"
    assert "Sialkot Surgical has cancelled your meeting at Delegation day at 10 March 2027, " in (
        english.body
    )
    assert told[rep(ural).email].subject == "Ваш запрос на встречу с Sialkot Surgical отменён"
    assert "покинул rabta" in told[rep(ural).email].body
    assert told[rep(forward).email].subject == (
        "\u200fSialkot Surgical کے ساتھ آپ کی ملاقات کی درخواست منسوخ ہو گئی ہے"
    )


def test_a_colleague_still_attending_keeps_the_meetings(
    self_event, participants, django_capture_on_commit_callbacks
):
    surgical, _ural, kazan, _forward = participants
    meeting = booked(self_event, surgical, kazan)
    leaving = rep(surgical)
    colleague = UserFactory()
    MemberFactory(organisation=surgical.organisation, user=colleague)
    surgical.attendees.add(colleague)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        account_services.account_delete(user=leaving)

    assert Meeting.objects.unscoped().filter(pk=meeting.pk).exists()
    assert list(surgical.attendees.all()) == [colleague]
    assert mail.outbox == []


def test_the_creator_of_events_cannot_delete_the_account_and_nothing_changes(
    self_event, participants, organiser, django_capture_on_commit_callbacks
):
    from rabta.core.exceptions import InvalidInput

    surgical, _ural, kazan, _forward = participants
    meeting = booked(self_event, surgical, kazan)
    representative = rep(surgical)
    surgical.attendees.add(organiser)
    surgical.attendees.remove(representative)  # the organiser alone attends for Sialkot Surgical
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(InvalidInput, match="creator of events"),
    ):
        account_services.account_delete(user=organiser)

    assert callbacks == []  # no e-mail was waiting for a commit that never came

    assert Meeting.objects.unscoped().filter(pk=meeting.pk).exists()
    assert surgical.attendees.filter(pk=organiser.pk).exists()
    assert mail.outbox == []
