import pytest
from django.db import connection
from django.urls import reverse

from rabta.core.exceptions import InvalidInput
from rabta.events import group_selectors, group_services, selectors, services
from rabta.events.models import Event, Meeting, MeetingSeat, Slot, Table
from tests.events.conftest import accepted, make_participant, rep, rep_of
from tests.events.races import at_once
from tests.events.test_formats import add_person
from tests.factories import MemberFactory, UserFactory


@pytest.fixture
def self_event(event, organiser):
    services.event_update(actor=organiser, event=event, scheduling_mode=Event.SchedulingMode.SELF)
    return event


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


# ---------------------------------------------------------------- representatives in parallel


@pytest.fixture
def pharma(self_event):
    """Ural Pharma sends two people who meet in parallel: its first representative and Olga."""
    pharma = make_participant(self_event, "Ural Pharma", country="RU", languages=("ru", "en"))
    add_person(pharma, "olga")
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    return pharma


def asks_pharma(visitor, pharma):
    return accepted(visitor, pharma, answered_by=rep_of)


def badge_of(registration, username):
    return registration.badges.get(person__username=username)


def own_meetings(event, registration, user):
    items = group_selectors.own_items(registration, user, selectors.agenda(event, registration))
    return [i.meeting for i in items]


def test_a_representative_who_books_meets_themselves_and_their_colleague_stays_free(
    self_event, pharma
):
    """What the page says (“Olga (Ural Pharma)”) is what happens: the meeting is on Olga's
    agenda, not on her colleague's, who can still book the same slot with someone else."""
    olga = badge_of(pharma, "olga")
    first, second = make_participant(self_event, "Visitor 1"), make_participant(self_event, "V 2")
    to_olga, to_colleague = asks_pharma(first, pharma), asks_pharma(second, pharma)
    slot = Slot.objects.for_event(self_event).first()

    meeting = services.meeting_book(actor=olga.person, request=to_olga, slot=slot)
    assert (meeting.recipient_person, meeting.sender_person) == (olga, None)
    assert own_meetings(self_event, pharma, olga.person) == [meeting]
    assert own_meetings(self_event, pharma, rep_of(pharma)) == []

    colleague = rep_of(pharma)
    persons = group_selectors.booking_persons(to_colleague, colleague)
    assert slot in selectors.free_slots_for(self_event, to_colleague, persons)
    parallel = services.meeting_book(actor=colleague, request=to_colleague, slot=slot)
    assert parallel.recipient_person == badge_of(pharma, colleague.username)
    assert own_meetings(self_event, pharma, colleague) == [parallel]
    # …and Olga is busy in that slot: a third meeting for her there is neither offered nor booked.
    third = asks_pharma(make_participant(self_event, "Visitor 3"), pharma)
    persons = group_selectors.booking_persons(third, olga.person)
    assert slot not in selectors.free_slots_for(self_event, third, persons)
    with pytest.raises(InvalidInput):
        services.meeting_book(actor=olga.person, request=third, slot=slot)


def test_a_request_naming_a_representative_is_booked_for_that_representative(self_event, pharma):
    olga = badge_of(pharma, "olga")
    visitor = make_participant(self_event, "Visitor")
    request = services.meeting_request_send(
        actor=rep(visitor), sender=visitor, recipient=pharma, recipient_person=olga
    )
    services.meeting_request_answer(actor=olga.person, request=request, accept=True)
    slot = Slot.objects.for_event(self_event).first()
    meeting = services.meeting_book(actor=rep(visitor), request=request, slot=slot)
    assert meeting.recipient_person == olga
    seats = MeetingSeat.objects.for_event(self_event).filter(meeting=meeting)
    assert {(s.registration_id, s.person_id) for s in seats} == {
        (visitor.pk, None),
        (pharma.pk, olga.pk),
    }


def test_an_organisation_wide_booking_never_lands_on_a_representative_s_meeting(self_event, pharma):
    """An administrator of Ural Pharma who does not attend books for the organisation as a
    whole (on every representative's agenda): a slot where one of them already meets is taken,
    even though the database's two seat rules (per organisation, per person) do not meet."""
    olga = badge_of(pharma, "olga")
    slot = Slot.objects.for_event(self_event).first()
    services.meeting_book(
        actor=olga.person,
        request=asks_pharma(make_participant(self_event, "V1"), pharma),
        slot=slot,
    )
    administrator = UserFactory(username="pharma-admin")
    MemberFactory(organisation=pharma.organisation, user=administrator)
    request = asks_pharma(make_participant(self_event, "V2"), pharma)
    assert group_selectors.booking_persons(request, administrator) == (None, None)
    assert slot not in selectors.free_slots_for(self_event, request)
    with pytest.raises(InvalidInput) as error:
        services.meeting_book(actor=administrator, request=request, slot=slot)
    assert str(error.value.message) == "This slot was taken meanwhile. Choose another slot."
    assert MeetingSeat.objects.for_event(self_event).filter(slot=slot).count() == 2


def test_the_booking_page_says_who_meets(client, self_event, pharma):
    olga = badge_of(pharma, "olga")
    visitor = make_participant(self_event, "Visitor")
    request = asks_pharma(visitor, pharma)
    client.force_login(olga.person)
    page = client.get(reverse("events:book", args=[self_event.slug, request.pk]))
    text = page.content.decode()
    assert f"<bdi>{olga.person}</bdi> (<bdi>Ural Pharma</bdi>)" in text
    slot = selectors.free_slots_for(self_event, request, (None, olga))[0]
    client.post(reverse("events:book", args=[self_event.slug, request.pk]), {"slot": slot.pk})
    assert Meeting.objects.for_event(self_event).get().recipient_person == olga
