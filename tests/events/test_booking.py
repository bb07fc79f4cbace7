import pytest
from django.db import connection

from rabta.core.exceptions import InvalidInput
from rabta.events import selectors, services
from rabta.events.models import Event, Meeting, MeetingSeat, Slot, Table
from tests.events.conftest import rep
from tests.events.races import at_once


@pytest.fixture
def self_event(event, organiser):
    services.event_update(actor=organiser, event=event, scheduling_mode=Event.SchedulingMode.SELF)
    return event


def accepted(a, b):
    request = services.meeting_request_send(actor=rep(a), sender=a, recipient=b)
    services.meeting_request_answer(actor=rep(b), request=request, accept=True)
    return request


def test_booking_a_free_slot_puts_it_on_both_agendas(self_event, participants):
    surgical, _ural, kazan, _forward = participants
    request = accepted(surgical, kazan)
    slot = selectors.free_slots_for(self_event, request)[1]
    meeting = services.meeting_book(actor=rep(kazan), request=request, slot=slot)
    assert (meeting.slot, meeting.table.number, meeting.source) == (slot, 1, "booked")
    assert [i.meeting for i in selectors.agenda(self_event, surgical)] == [meeting]
    assert [i.meeting for i in selectors.agenda(self_event, kazan)] == [meeting]
    assert slot not in selectors.free_slots_for(self_event, accepted(surgical, participants[3]))


def test_a_participant_cannot_be_booked_twice_in_a_slot(self_event, participants):
    surgical, _ural, kazan, forward = participants
    first, second = accepted(surgical, kazan), accepted(surgical, forward)
    slot = Slot.objects.for_event(self_event).first()
    services.meeting_book(actor=rep(surgical), request=first, slot=slot)
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=rep(surgical), request=second, slot=slot)
    assert str(error.value.message) == "This slot was taken meanwhile. Choose another slot."
    assert Meeting.objects.for_event(self_event).count() == 1
    assert MeetingSeat.objects.for_event(self_event).count() == 2


def test_when_every_table_is_taken_the_slot_is_refused(self_event, organiser, participants):
    surgical, _ural, kazan, forward = participants
    Table.objects.for_event(self_event).exclude(number=1).delete()
    slot = Slot.objects.for_event(self_event).first()
    services.meeting_book(actor=rep(surgical), request=accepted(surgical, kazan), slot=slot)
    from tests.events.conftest import make_participant

    extra = make_participant(self_event, "Gujranwala Cutlery")
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=rep(forward), request=accepted(forward, extra), slot=slot)
    assert str(error.value.message) == "Every table is taken in this slot. Choose another slot."


def test_a_meeting_needing_an_interpreter_gets_one_or_is_refused(
    self_event, organiser, participants
):
    surgical, ural, _kazan, forward = participants
    slot = Slot.objects.for_event(self_event).first()
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=rep(ural), request=accepted(surgical, ural), slot=slot)
    assert str(error.value.message) == "No interpreter is free in this slot for your languages."
    services.interpreter_add(actor=organiser, event=self_event, name="Anna", languages=["ru", "ur"])
    meeting = services.meeting_book(actor=rep(ural), request=accepted(forward, ural), slot=slot)
    assert meeting.interpreter.name == "Anna"


def test_self_booking_keeps_to_the_maximum_meetings_per_participant(
    self_event, organiser, participants
):
    surgical, _ural, kazan, forward = participants
    services.event_update(actor=organiser, event=self_event, max_meetings=1)
    first, second = Slot.objects.for_event(self_event).order_by("start")[:2]
    services.meeting_book(actor=rep(surgical), request=accepted(surgical, kazan), slot=first)
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=rep(forward), request=accepted(forward, surgical), slot=second)
    assert str(error.value.message) == (
        "Sialkot Surgical already has as many meetings as the organiser allows."
    )
    assert MeetingSeat.objects.for_event(self_event).filter(registration=surgical).count() == 1


def test_booking_is_only_for_self_scheduling_events(event, participants):
    surgical, _ural, kazan, _forward = participants
    with pytest.raises(InvalidInput):
        services.meeting_book(
            actor=rep(surgical),
            request=accepted(surgical, kazan),
            slot=Slot.objects.for_event(event).first(),
        )


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_of_one_slot_never_double_book(organiser):
    """Several threads book the same participant into the same slot at once: exactly one wins."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL (run with DATABASE_URL).")
    import datetime as dt

    from tests.events.conftest import DAY, make_participant

    event = services.event_create(
        actor=organiser,
        slug="race",
        name={"en": "Race"},
        venue={"en": "Hall"},
        scheduling_mode=Event.SchedulingMode.SELF,
    )
    services.session_add(actor=organiser, event=event, date=DAY, start=dt.time(10), end=dt.time(11))
    services.tables_add(actor=organiser, event=event, count=10)
    host = make_participant(event, "Host")
    guests = [make_participant(event, f"Guest {i}") for i in range(6)]
    requests = [accepted(guest, host) for guest in guests]
    slot = Slot.objects.for_event(event).first()
    outcomes = book_at_once([(r, slot) for r in requests])
    assert sorted(outcomes) == ["booked"] + ["refused"] * 5
    assert MeetingSeat.objects.for_event(event).filter(slot=slot, registration=host).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_never_exceed_the_maximum_meetings(organiser):
    """Threads book one host into different slots at once with a maximum of two meetings."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL (run with DATABASE_URL).")
    import datetime as dt

    from tests.events.conftest import DAY, make_participant

    event = services.event_create(
        actor=organiser, slug="race-max", name={"en": "Race"}, venue={"en": "Hall"}, max_meetings=2,
        scheduling_mode=Event.SchedulingMode.SELF,
    )  # fmt: skip
    services.session_add(actor=organiser, event=event, date=DAY, start=dt.time(10), end=dt.time(13))
    services.tables_add(actor=organiser, event=event, count=10)
    host = make_participant(event, "Host")
    guests = [make_participant(event, f"Guest {i}") for i in range(6)]
    requests = [accepted(guest, host) for guest in guests]
    slots = list(Slot.objects.for_event(event).order_by("start"))[: len(requests)]
    outcomes = book_at_once(list(zip(requests, slots, strict=True)))
    assert sorted(outcomes) == ["booked"] * 2 + ["refused"] * 4
    assert MeetingSeat.objects.for_event(event).filter(registration=host).count() == 2


def book_at_once(bookings) -> list[str]:
    """Book every (request, slot) in its own thread, all released at the same
    moment; "booked" or "refused" per booking."""
    outcomes = at_once(
        [
            lambda request=request, slot=slot: services.meeting_book(
                actor=rep(request.sender), request=request, slot=slot
            )
            for request, slot in bookings
        ]
    )
    for outcome in outcomes:
        assert isinstance(outcome, Meeting | InvalidInput), outcome
    return ["booked" if isinstance(o, Meeting) else "refused" for o in outcomes]
