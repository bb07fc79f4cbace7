"""Two answers to one request, two people asking each other, bookings under contention and a
sign-up beside a booked meeting: one outcome wins, enforced by the database, with a clear message
for the other. The thread races run on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.core.exceptions import InvalidInput
from rabta.events import programme_services, services
from rabta.events.models import Event, Meeting, MeetingRequest, ProgrammeItem, Slot
from tests.events.conftest import DAY, accepted, make_participant, rep
from tests.events.races import at_once, needs_postgresql


def race_event(organiser, slug: str, *, tables: int = 10, mode=Event.SchedulingMode.SELF):
    event = services.event_create(
        actor=organiser, slug=slug, name={"en": "Race"}, venue={"en": "Hall"}, scheduling_mode=mode,
        max_meetings=10,
    )  # fmt: skip
    services.session_add(actor=organiser, event=event, date=DAY, start=dt.time(10), end=dt.time(12))
    services.tables_add(actor=organiser, event=event, count=tables)
    return event


@pytest.mark.django_db(transaction=True)
def test_accepting_and_declining_one_request_at_once_only_one_answer_wins(organiser, mailoutbox):
    needs_postgresql()
    event = race_event(organiser, "answers")
    host = make_participant(event, "Host")
    guests = [make_participant(event, f"Guest {n}") for n in range(8)]
    requests = [
        services.meeting_request_send(actor=rep(guest), sender=guest, recipient=host)
        for guest in guests
    ]
    mailoutbox.clear()
    for request in requests:
        accept, decline = at_once(
            [
                lambda r=request: services.meeting_request_answer(
                    actor=rep(host), request=r, accept=True
                ),
                lambda r=request: services.meeting_request_answer(
                    actor=rep(host), request=r, accept=False
                ),
            ]
        )
        won = [o for o in (accept, decline) if isinstance(o, MeetingRequest)]
        lost = [o for o in (accept, decline) if isinstance(o, InvalidInput)]
        assert len(won) == 1 and len(lost) == 1, (accept, decline)
        assert str(lost[0].message) == "This request has already been answered."
        request.refresh_from_db()
        assert request.status == won[0].status
    # the sender of each request heard one answer, not two
    for guest in guests:
        assert len([m for m in mailoutbox if m.to == [rep(guest).email]]) == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_asking_each_other_at_once_get_one_mutual_meeting(organiser):
    needs_postgresql()
    event = race_event(organiser, "mutual")
    pairs = [
        (make_participant(event, f"Left {n}"), make_participant(event, f"Right {n}"))
        for n in range(5)
    ]
    for left, right in pairs:
        outcomes = at_once(
            [
                lambda a=left, b=right: services.meeting_request_send(
                    actor=rep(a), sender=a, recipient=b
                ),
                lambda a=left, b=right: services.meeting_request_send(
                    actor=rep(b), sender=b, recipient=a
                ),
            ]
        )
        assert all(isinstance(o, MeetingRequest) for o in outcomes), outcomes
        (request,) = MeetingRequest.objects.for_event(event).filter(
            low__in=[left, right], high__in=[left, right]
        )
        assert (request.status, request.mutual) == (MeetingRequest.Status.ACCEPTED, True)


@pytest.mark.django_db(transaction=True)
def test_bookings_at_once_in_one_slot_take_the_free_tables_not_refusals(organiser):
    needs_postgresql()
    event = race_event(organiser, "tables", tables=8)
    pairs = [
        (make_participant(event, f"Buyer {n}"), make_participant(event, f"Seller {n}"))
        for n in range(6)
    ]
    requests = []
    for buyer, seller in pairs:
        request = services.meeting_request_send(actor=rep(buyer), sender=buyer, recipient=seller)
        requests.append(
            services.meeting_request_answer(actor=rep(seller), request=request, accept=True)
        )
    slot = Slot.objects.for_event(event).order_by("start").last()
    outcomes = at_once(
        [
            lambda r=request: services.meeting_book(actor=rep(r.sender), request=r, slot=slot)
            for request in requests
        ]
    )
    assert all(isinstance(o, Meeting) for o in outcomes), outcomes
    tables = Meeting.objects.for_event(event).filter(slot=slot).values_list("table_id", flat=True)
    assert len(set(tables)) == 6


# --- a meeting and a programme item at the same time (no race: one after the other) -----------


@pytest.fixture
def plenary(event, organiser):
    services.event_update(actor=organiser, event=event, scheduling_mode=Event.SchedulingMode.SELF)
    first = Slot.objects.for_event(event).order_by("start").first()
    return programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.PLENARY,
        title={"en": "Opening plenary"}, start=first.start, end=first.end, room="Hall A",
    )  # fmt: skip


def test_signing_up_for_an_item_during_a_booked_meeting_is_refused(event, participants, plenary):
    surgical, _ural, kazan, _forward = participants
    slot = Slot.objects.for_event(event).order_by("start").first()
    services.meeting_book(actor=rep(surgical), request=accepted(surgical, kazan), slot=slot)
    with pytest.raises(InvalidInput) as error:
        programme_services.signup_create(actor=rep(kazan), item=plenary)
    assert str(error.value.message).startswith(
        "You have a meeting with Sialkot Surgical at 10 a.m., during this item"
    )
    assert not plenary.signups.exists()
    # another item, after the meeting, is fine
    later = Slot.objects.for_event(event).order_by("start")[2]
    lunch = programme_services.programme_item_create(
        actor=event.created_by, event=event, kind=ProgrammeItem.Kind.RECEPTION,
        title={"en": "Tea"}, start=later.start, end=later.end, room="Hall B",
    )  # fmt: skip
    programme_services.signup_create(actor=rep(kazan), item=lunch)


def test_booking_a_meeting_during_an_item_one_attends_is_refused(event, participants, plenary):
    surgical, _ural, kazan, _forward = participants
    programme_services.signup_create(actor=rep(kazan), item=plenary)
    slot = Slot.objects.for_event(event).order_by("start").first()
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=rep(surgical), request=accepted(surgical, kazan), slot=slot)
    assert str(error.value.message) == "Kazan Sports is not available in this slot."
    assert not Meeting.objects.for_event(event).exists()


def test_answering_an_answered_request_is_refused(event, participants):
    surgical, _ural, kazan, _forward = participants
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=kazan)
    stale = MeetingRequest.objects.for_event(event).get(pk=request.pk)
    services.meeting_request_answer(actor=rep(kazan), request=request, accept=False)
    with pytest.raises(InvalidInput) as error:
        services.meeting_request_answer(actor=rep(kazan), request=stale, accept=True)
    assert str(error.value.message) == "This request has already been answered."
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED
