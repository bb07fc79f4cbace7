"""The scheduler keeps participants' meetings clear of the programme items they attend or host."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from rabta.core.exceptions import InvalidInput
from rabta.events import engine, programme_services, services
from rabta.events.models import Meeting, ProgrammeItem, SignUp, Slot
from tests.events.conftest import accepted, make_participant, publish_greedy_schedule, rep
from tests.events.test_programme_services import at


def slot_starts(event, ids) -> list[str]:
    return sorted(
        f"{s.start.astimezone(event.tz):%H:%M}"
        for s in Slot.objects.for_event(event)
        if s.pk in ids
    )


def visit_of(event, organiser, host_org, **fields) -> ProgrammeItem:
    values = {
        "kind": ProgrammeItem.Kind.VISIT, "title": {"en": "Factory visit"}, "start": at(11),
        "end": at(11, 30), "room": "Factory", "host": host_org, "travel_minutes": 30,
        "capacity": 10, **fields,
    }  # fmt: skip
    return programme_services.programme_item_create(actor=organiser, event=event, **values)


def test_attendees_and_hosts_are_unavailable_during_an_item_plus_travel(
    event, organiser, participants
):
    surgical, ural, kazan, forward = participants
    # Slots: 10:00, 10:25, 10:50, 11:15, 11:40 (20 minutes each).
    assert slot_starts(event, engine.available_slots(ural)) == [
        "10:00",
        "10:25",
        "10:50",
        "11:15",
        "11:40",
    ]
    item = visit_of(event, organiser, forward.organisation)  # busy 10:30–12:00 with travel
    programme_services.signup_create(actor=rep(ural), item=item)
    assert slot_starts(event, engine.available_slots(ural)) == ["10:00"]
    assert slot_starts(event, engine.available_slots(forward)) == ["10:00"]  # the host
    assert len(engine.available_slots(kazan)) == 5


def test_an_on_site_item_blocks_only_its_own_time(event, organiser, participants):
    surgical = participants[0]
    item = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.ROUNDTABLE, title={"en": "Roundtable"},
        start=at(10, 30), end=at(11), room="Committee room",
    )  # fmt: skip
    programme_services.signup_create(actor=rep(surgical), item=item)
    assert slot_starts(event, engine.available_slots(surgical)) == ["10:00", "11:15", "11:40"]


def test_the_waiting_list_does_not_block_meetings(event, organiser, participants):
    surgical, ural = participants[:2]
    item = visit_of(event, organiser, participants[3].organisation, capacity=1)
    programme_services.signup_create(actor=rep(surgical), item=item)
    waiting = programme_services.signup_create(actor=rep(ural), item=item)
    assert waiting.status == SignUp.Status.WAITING
    assert len(engine.available_slots(ural)) == 5


def test_a_solved_schedule_respects_the_programme(
    event, organiser, participants, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = participants
    services.interpreter_add(
        actor=organiser, event=event, name="Anna Volkova", languages=["ru", "ur", "en"]
    )
    extra = [
        make_participant(event, f"Partner {n}", country="RU", languages=("en",)) for n in range(3)
    ]
    item = visit_of(
        event, organiser, forward.organisation, start=at(10, 50), end=at(11, 20), travel_minutes=10
    )
    programme_services.signup_create(actor=rep(surgical), item=item)
    for a, b in [(surgical, ural), (surgical, kazan), (forward, kazan), (forward, ural), *[(surgical, p) for p in extra],
                 *[(forward, p) for p in extra]]:  # fmt: skip
        accepted(a, b)
    publish_greedy_schedule(event, organiser, django_capture_on_commit_callbacks)
    window = (item.start - dt.timedelta(minutes=10), item.end + dt.timedelta(minutes=10))
    busy_meetings = Meeting.objects.for_event(event).filter(
        seats__registration__in=[surgical, forward],
        slot__start__lt=window[1],
        slot__end__gt=window[0],
    )
    assert not busy_meetings.exists()
    assert Meeting.objects.for_event(event).filter(seats__registration=surgical).count() >= 2
    assert Meeting.objects.for_event(event).filter(seats__registration=forward).count() >= 2


def test_self_booking_refuses_a_slot_during_an_attended_item(event, organiser, participants):
    services.event_update(actor=organiser, event=event, scheduling_mode="self")
    surgical, ural = participants[:2]
    item = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.PLENARY, title={"en": "Plenary"},
        start=at(10), end=at(10, 20), room="Auditorium",
    )  # fmt: skip
    programme_services.signup_create(actor=rep(ural), item=item)
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=ural)
    services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    first = Slot.objects.for_event(event).order_by("start").first()
    with pytest.raises(InvalidInput):
        services.meeting_book(actor=rep(surgical), request=request, slot=first)


# ---------------------------------------------------------------- concurrency (PostgreSQL)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race needs PostgreSQL.",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity(event, organiser):
    people = [make_participant(event, f"Company {n}") for n in range(8)]
    item = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.PLENARY, title={"en": "Plenary"},
        start=at(9), end=at(10), room="Auditorium", capacity=3, has_waiting_list=False,
    )  # fmt: skip
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []
    lock = threading.Lock()

    def sign_up(registration) -> None:
        user = rep(registration)
        try:
            barrier.wait(timeout=10)
            programme_services.signup_create(actor=user, item=item)
            result = "confirmed"
        except InvalidInput:
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=sign_up, args=(r,)) for r in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["confirmed"] * 3 + ["refused"] * 5
    assert SignUp.objects.for_event(event).filter(status=SignUp.Status.CONFIRMED).count() == 3
