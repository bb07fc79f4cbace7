"""One meeting at a time: the organiser places, moves, swaps and cancels; participants withdraw and
cancel; a late acceptance is placed by itself; every change tells exactly the people concerned."""

import datetime as dt

import pytest
from django.utils import translation

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.models import AuditEntry
from rabta.events import engine, meeting_services, schedule, services
from rabta.events.models import Meeting, MeetingRequest, MeetingSeat, Registration, Slot
from tests.events.conftest import accepted, make_participant, rep


def told(mailoutbox) -> set[str]:
    return {m.to[0] for m in mailoutbox}


def address(registration) -> str:
    return rep(registration).email


def state(event) -> set:
    return {
        (m.request_id, m.slot_id, m.table_id, m.interpreter_id)
        for m in Meeting.objects.for_event(event)
    }


def slots(event) -> list[Slot]:
    return list(Slot.objects.for_event(event).order_by("start"))


@pytest.fixture
def published(event, organiser, participants, mailoutbox):
    return publish_by_hand(event, organiser, participants, mailoutbox)


def publish_by_hand(event, organiser, participants, mailoutbox):
    """Four accepted requests placed by hand (before publication nobody is told), published:
    slot 0: Surgical–Ural (interpreter); slot 1: Surgical–Kazan, Forward–Ural (interpreter);
    slot 2: Forward–Kazan. Slots 3 and 4 are free."""
    services.interpreter_add(
        actor=organiser, event=event, name="Anna Volkova", languages=["ru", "ur", "en"]
    )
    surgical, ural, kazan, forward = participants
    s = slots(event)
    for (a, b), slot in zip(
        [(surgical, ural), (surgical, kazan), (forward, ural), (forward, kazan)],
        [s[0], s[1], s[1], s[2]],
        strict=True,
    ):
        request = accepted(a, b)
        meeting_services.meeting_place(actor=organiser, request=request, slot=slot)
    schedule.schedule_publish(actor=organiser, event=event)
    event.refresh_from_db()
    mailoutbox.clear()
    return participants


def meeting_of(event, a, b) -> Meeting:
    return (
        Meeting.objects.for_event(event)
        .filter(seats__registration=a)
        .filter(seats__registration=b)
        .select_related("slot", "request")
        .get()
    )


def free_slot_for(event, *registrations) -> Slot:
    busy = set(
        MeetingSeat.objects.for_event(event)
        .filter(registration__in=registrations)
        .values_list("slot_id", flat=True)
    )
    return Slot.objects.for_event(event).exclude(pk__in=busy).order_by("start").first()


def test_the_organiser_moves_a_meeting_and_only_its_two_sides_are_told(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    target = free_slot_for(event, surgical, kazan)
    with django_capture_on_commit_callbacks(execute=True):
        moved = meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=target)
    assert (moved.pk, moved.slot_id, moved.source) == (meeting.pk, target.pk, "manual")
    assert set(
        MeetingSeat.objects.for_event(event).filter(meeting=moved).values_list("slot_id", flat=True)
    ) == {target.pk}
    assert told(mailoutbox) == {address(surgical), address(kazan)}
    assert all(m.subject == "Your agenda for Delegation day has changed" for m in mailoutbox)
    event.refresh_from_db()
    assert event.published_version == 2
    assert AuditEntry.objects.filter(action="rabta.event.meeting.moved").count() == 1


def test_moving_into_a_slot_where_a_side_is_busy_is_refused_with_the_reason(
    event, organiser, published, mailoutbox
):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    busy = meeting_of(event, surgical, ural).slot
    before = state(event)
    with pytest.raises(InvalidInput) as error:
        meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=busy)
    message = str(error.value.message)
    assert message.startswith("This change is not possible: ")
    assert "participant Sialkot Surgical is in 2 meetings in slot 10 March" in message
    assert state(event) == before
    assert mailoutbox == []
    with translation.override("ru"), pytest.raises(InvalidInput) as error:
        meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=busy)
    assert str(error.value.message).startswith("Это изменение невозможно: ")


def test_a_locked_meeting_cannot_be_moved(event, organiser, published):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    services.meeting_lock(actor=organiser, meeting=meeting, locked=True)
    target = free_slot_for(event, surgical, kazan)
    with pytest.raises(InvalidInput) as error:
        meeting_services.meeting_move(actor=organiser, meeting=meeting, slot=target)
    assert "locked request Sialkot Surgical – Kazan Sports is in slot" in str(error.value.message)


def test_placing_at_a_taken_table_is_refused(event, organiser, published):
    surgical, ural, kazan, forward = published
    newcomer = make_participant(event, "Lahore Leather", languages=("en",))
    request = meeting_services.meeting_request_arrange(
        actor=organiser, sender=newcomer, recipient=kazan
    )
    taken = meeting_of(event, surgical, ural)
    before = state(event)
    with pytest.raises(InvalidInput) as error:
        meeting_services.meeting_place(
            actor=organiser, request=request, slot=taken.slot, table=taken.table
        )
    assert f"table {taken.table.number} is in 2 meetings" in str(error.value.message)
    assert state(event) == before


def test_swap_two_meetings(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    first, second = meeting_of(event, surgical, ural), meeting_of(event, forward, kazan)
    with django_capture_on_commit_callbacks(execute=True):
        a, b = meeting_services.meeting_swap(actor=organiser, meeting=first, other=second)
    assert (a.slot_id, b.slot_id) == (second.slot_id, first.slot_id)
    assert a.interpreter_id is not None and b.interpreter_id is None
    assert told(mailoutbox) == {address(r) for r in published}


def test_a_swap_that_double_books_is_refused(event, organiser, published, mailoutbox):
    surgical, ural, kazan, forward = published
    # Ural would meet in slot 1 twice.
    first, second = meeting_of(event, surgical, ural), meeting_of(event, surgical, kazan)
    before = state(event)
    with pytest.raises(InvalidInput) as error:
        meeting_services.meeting_swap(actor=organiser, meeting=first, other=second)
    assert "participant Ural Med is in 2 meetings" in str(error.value.message)
    assert state(event) == before
    assert mailoutbox == []


def test_the_organiser_cancels_a_meeting_and_both_sides_are_told(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    with django_capture_on_commit_callbacks(execute=True):
        request = meeting_services.meeting_cancel(
            actor=organiser, meeting=meeting, reason="Kazan's flight is late"
        )
    assert request.status == MeetingRequest.Status.CANCELLED
    assert not Meeting.objects.for_event(event).filter(pk=meeting.pk).exists()
    assert told(mailoutbox) == {address(surgical), address(kazan)}
    assert len(mailoutbox) == 2  # the cancellation, not also an agenda-changed e-mail
    english = next(m for m in mailoutbox if m.to == [address(surgical)])
    assert english.subject == "Your meeting with Kazan Sports is cancelled"
    assert "The organiser of Delegation day has cancelled your meeting" in english.body
    assert "Kazan's flight is late" in english.body


def test_a_participant_cancels_with_a_reason_and_only_the_other_side_is_told(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, ural)
    slot = meeting.slot
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_cancel(
            actor=rep(surgical), meeting=meeting, reason="Our director is ill"
        )
    assert told(mailoutbox) == {address(ural)}
    (russian,) = mailoutbox
    assert russian.subject == "Ваша встреча с Sialkot Surgical отменена"
    assert "Our director is ill" in russian.body
    # The slot is free again for both.
    assert (
        not MeetingSeat.objects.for_event(event).filter(slot=slot, registration=surgical).exists()
    )
    request = MeetingRequest.objects.for_event(event).get(pk=meeting.request_id)
    assert (request.cancelled_by_id, request.cancel_reason) == (surgical.pk, "Our director is ill")


def test_someone_else_cannot_cancel_a_meeting(event, published):
    surgical, ural, kazan, forward = published
    with pytest.raises(NotPermitted):
        meeting_services.meeting_cancel(
            actor=rep(forward), meeting=meeting_of(event, surgical, ural)
        )


def test_a_meeting_that_took_place_cannot_be_cancelled_or_moved(event, organiser, published):
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, ural)
    later = meeting.slot.end + dt.timedelta(minutes=1)
    with pytest.raises(InvalidInput) as error:
        meeting_services.meeting_cancel(actor=rep(surgical), meeting=meeting, now=later)
    assert str(error.value.message) == (
        "This meeting has already started or taken place; it cannot be changed."
    )
    with pytest.raises(InvalidInput):
        meeting_services.meeting_move(
            actor=organiser, meeting=meeting, slot=Slot.objects.for_event(event).last(), now=later
        )
    assert Meeting.objects.for_event(event).filter(pk=meeting.pk).exists()


def test_the_organiser_places_an_accepted_request_in_a_chosen_slot(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    newcomer = make_participant(event, "Lahore Leather", languages=("en",))
    request = MeetingRequest.objects.create(
        event=event, sender=newcomer, recipient=kazan, low=min(newcomer, kazan, key=lambda r: r.pk),
        high=max(newcomer, kazan, key=lambda r: r.pk), status=MeetingRequest.Status.ACCEPTED,
    )  # fmt: skip
    busy = meeting_of(event, surgical, kazan).slot
    with pytest.raises(InvalidInput):
        meeting_services.meeting_place(actor=organiser, request=request, slot=busy)
    target = slots(event)[0]  # Kazan is free there; a table is free too
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.meeting_place(actor=organiser, request=request, slot=target)
    assert (meeting.slot_id, meeting.source) == (target.pk, "manual")
    assert meeting.table_id is not None
    assert told(mailoutbox) == {address(newcomer), address(kazan)}


def test_a_request_accepted_after_publication_is_placed_without_moving_anyone(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    before = state(event)
    request = services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=ural)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    meeting = Meeting.objects.for_event(event).get(request=request)
    assert meeting.interpreter_id is None  # Kazan speaks Russian too
    assert state(event) - {(request.pk, meeting.slot_id, meeting.table_id, None)} == before
    agenda_mails = [m for m in mailoutbox if "has changed" in m.subject or "изменился" in m.subject]
    assert {m.to[0] for m in agenda_mails} == {address(kazan), address(ural)}
    event.refresh_from_db()
    assert event.published_version == 2


def test_a_late_acceptance_that_fits_nowhere_tells_both_why_and_waits(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    services.event_update(actor=organiser, event=event, max_meetings=2)
    before = state(event)
    request = services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=ural)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    assert state(event) == before
    not_placed = [m for m in mailoutbox if "no slot yet" in m.subject or "слота" in m.subject]
    assert {m.to[0] for m in not_placed} == {address(kazan), address(ural)}
    english = next(m for m in not_placed if m.to == [address(kazan)])
    assert "already has as many meetings as the organiser allows" in english.body
    bridge = engine.build_problem(event)
    why = engine.unplaced(bridge, engine.current_schedule(event, bridge))
    assert why[request.pk].reason == "limit_reached"


def test_the_organiser_arranges_a_required_meeting(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    with django_capture_on_commit_callbacks(execute=True):
        request = meeting_services.meeting_request_arrange(
            actor=organiser, sender=kazan, recipient=ural, required=True
        )
    assert (request.status, request.required) == ("accepted", True)
    assert Meeting.objects.for_event(event).filter(request=request).exists()
    arranged = [m for m in mailoutbox if "arranged" in m.subject or "организовал" in m.body]
    assert {m.to[0] for m in arranged} == {address(kazan), address(ural)}
    with pytest.raises(InvalidInput):
        meeting_services.meeting_request_arrange(actor=organiser, sender=ural, recipient=kazan)
    with pytest.raises(NotPermitted):
        meeting_services.meeting_request_arrange(actor=rep(kazan), sender=kazan, recipient=forward)


def test_withdraw_a_request(event, participants, mailoutbox, django_capture_on_commit_callbacks):
    surgical, ural, kazan, forward = participants
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=forward)
    mailoutbox.clear()
    with pytest.raises(NotPermitted):
        meeting_services.meeting_request_withdraw(actor=rep(forward), request=request)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_request_withdraw(actor=rep(surgical), request=request)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.CANCELLED
    (urdu,) = mailoutbox
    assert urdu.to == [address(forward)]
    assert "Sialkot Surgical" in urdu.subject
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_answer(actor=rep(forward), request=request, accept=True)
    assert str(error.value.message) == "This request has been withdrawn."
    # A new request to the same participant is possible again.
    services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=forward)


def test_cancel_a_registration_frees_its_meetings_and_tells_its_partners(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    pending = services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=ural)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.registration_cancel(actor=rep(ural), registration=ural)
    ural.refresh_from_db()
    assert ural.status == Registration.Status.CANCELLED
    assert not MeetingSeat.objects.for_event(event).filter(registration=ural).exists()
    pending.refresh_from_db()
    assert pending.status == MeetingRequest.Status.CANCELLED
    # Surgical and Forward lose a meeting, Kazan a pending request: each told once.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        address(r) for r in (surgical, forward, kazan)
    )
    assert all("Ural Med" in m.subject for m in mailoutbox)
    with pytest.raises(InvalidInput):
        meeting_services.registration_cancel(actor=rep(ural), registration=ural)


def test_explain_says_why_each_request_is_left_out(event, organiser, participants):
    surgical, ural, kazan, forward = participants
    # Ural (ru) and Surgical (en, ur) share no language and the event has no interpreter.
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=ural)
    services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    other = services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=forward)
    services.meeting_request_answer(actor=rep(forward), request=other, accept=True)
    bridge = engine.build_problem(event)
    why = engine.unplaced(bridge, engine.current_schedule(event, bridge))
    assert why[request.pk].reason == "no_interpreter"
    assert why[other.pk].reason == "fits"
