"""Representatives who meet in parallel and group sessions in the events app: services, the
bridge to the engine, the schedule written back, publication and repair."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import engine, group_services, schedule, services
from rabta.events.group_models import GroupMember
from rabta.events.models import Badge, Meeting, MeetingSeat, Table
from rabta.scheduling import validate
from tests.events.conftest import accepted as accepted_by_one
from tests.events.conftest import make_event, make_participant, rep, rep_of, run_and_wait
from tests.factories import MemberFactory, UserFactory


@pytest.fixture
def one_slot_event(organiser):
    return make_event(
        organiser, slug="pharma-day", name={"en": "Pharma day"}, venue="SCCI", end=dt.time(10, 45)
    )


def add_person(registration, username: str, *, languages=()) -> Badge:
    user = UserFactory(username=username, full_name=f"{username} person")
    MemberFactory(organisation=registration.organisation, user=user)
    registration.attendees.add(user)
    badge = Badge.objects.get(registration=registration, person=user)
    if languages:
        badge.languages = list(languages)
        badge.save()
    return badge


def accepted(sender, recipient, **kwargs):
    """As tests.events.conftest.accepted, answered by the recipient's first representative."""
    return accepted_by_one(sender, recipient, answered_by=rep_of, **kwargs)


def run(event, organiser, capture):
    started = run_and_wait(event, organiser, capture)
    assert started.status == "succeeded", started.error
    return started


def olga_of_ural_pharma_and_two_visitors(event):
    """Ural Pharma (Russian), whose Olga (Russian and English) meets apart from her colleague,
    and two visitors who speak English."""
    pharma = make_participant(event, "Ural Pharma", country="RU", languages=("ru",))
    olga = add_person(pharma, "olga", languages=("ru", "en"))
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    visitors = [make_participant(event, f"Visitor {k}", languages=("en",)) for k in (1, 2)]
    return pharma, olga, visitors


def test_the_representative_sharing_a_language_meets_and_has_their_own_seats(
    one_slot_event, organiser, django_capture_on_commit_callbacks
):
    event = one_slot_event
    pharma, olga, visitors = olga_of_ural_pharma_and_two_visitors(event)
    for v in visitors:
        accepted(v, pharma)
    bridge = engine.build_problem(event)
    assert {p.organisation for p in bridge.problem.participants} >= {f"r{pharma.pk}"}
    run(event, organiser, django_capture_on_commit_callbacks)
    meetings = list(Meeting.objects.for_event(event).order_by("slot__start"))
    assert len(meetings) == 2
    assert {m.recipient_person_id for m in meetings} == {olga.pk}  # no interpreter needed
    assert all(m.interpreter_id is None for m in meetings)
    seats = MeetingSeat.objects.for_event(event).filter(registration=pharma)
    assert {s.person_id for s in seats} == {olga.pk}
    # the engine's own validator accepts what is in the database
    bridge = engine.build_problem(event)
    assert validate(bridge.problem, engine.current_schedule(event, bridge)) == []


def test_both_representatives_can_hold_the_only_slot_at_once(
    organiser, django_capture_on_commit_callbacks
):
    event = make_event(
        organiser, slug="one-slot", name={"en": "One slot"}, venue="SCCI", end=dt.time(10, 20),
        break_minutes=0, tables=2,
    )  # fmt: skip
    assert event.slots.count() == 1
    pharma = make_participant(event, "Ural Pharma", country="RU", languages=("ru", "en"))
    add_person(pharma, "olga")
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    visitors = [make_participant(event, f"Visitor {k}") for k in (1, 2)]
    for v in visitors:
        accepted(v, pharma)
    run(event, organiser, django_capture_on_commit_callbacks)
    meetings = list(Meeting.objects.for_event(event))
    assert len(meetings) == 2  # the same slot, two people of one organisation
    assert len({m.recipient_person_id for m in meetings}) == 2


def test_a_request_can_name_a_representative(one_slot_event, organiser):
    event = one_slot_event
    pharma = make_participant(event, "Ural Pharma", country="RU")
    olga = add_person(pharma, "olga")
    visitor = make_participant(event, "Visitor")
    with pytest.raises(InvalidInput) as refused:  # the company does not meet in parallel yet
        services.meeting_request_send(
            actor=rep(visitor), sender=visitor, recipient=pharma, recipient_person=olga
        )
    assert "recipient_person" in refused.value.field_errors
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    request = services.meeting_request_send(
        actor=rep(visitor), sender=visitor, recipient=pharma, recipient_person=olga
    )
    assert request.recipient_person == olga
    services.meeting_request_answer(actor=rep_of(pharma), request=request, accept=True)
    bridge = engine.build_problem(event)
    (req,) = bridge.problem.requests
    assert req.b == f"b{olga.pk}"
    other = make_participant(event, "Other")
    with pytest.raises(InvalidInput):
        services.meeting_request_send(
            actor=rep(other),
            sender=other,
            recipient=pharma,
            recipient_person=other.badges.get(),
        )


def test_representatives_update_checks_its_input(one_slot_event):
    pharma = make_participant(one_slot_event, "Ural Pharma", country="RU")
    badge = pharma.badges.get()
    with pytest.raises(InvalidInput) as bad:
        group_services.representatives_update(
            actor=rep_of(pharma), registration=pharma, separate=True, languages={badge.pk: ["xx"]}
        )
    assert "languages" in bad.value.field_errors
    pharma.refresh_from_db()
    assert pharma.separate_agendas is False  # nothing half-written
    stranger = UserFactory(username="stranger")
    with pytest.raises(NotPermitted):
        group_services.representatives_update(actor=stranger, registration=pharma, separate=True)
    group_services.representatives_update(
        actor=rep_of(pharma), registration=pharma, separate=True, languages={badge.pk: ["ru"]}
    )
    badge.refresh_from_db()
    assert badge.languages == ["ru"]


def test_group_session_from_creation_to_the_schedule(
    one_slot_event, organiser, django_capture_on_commit_callbacks
):
    event = one_slot_event
    Table.objects.filter(event=event, number=3).update(seats=6)
    host = make_participant(event, "Embassy Trade", country="RU", languages=("ru",))
    members = [make_participant(event, f"Maker {k}", languages=("ur",)) for k in range(1, 5)]
    services.interpreter_add(actor=organiser, event=event, name="Anna", languages=["ru", "ur"])
    with pytest.raises(InvalidInput) as too_big:
        group_services.group_session_create(
            actor=rep(host), event=event, host=host, topic="Pharma", capacity=8
        )
    assert "capacity" in too_big.value.field_errors
    group = group_services.group_session_create(
        actor=rep(host), event=event, host=host, topic="Distributors meet makers", capacity=3
    )
    asked = [
        group_services.group_session_join(actor=rep(m), group=group, registration=m)
        for m in members
    ]
    with pytest.raises(InvalidInput):
        group_services.group_session_join(
            actor=rep(members[0]), group=group, registration=members[0]
        )
    with pytest.raises(NotPermitted):  # only the host or the organiser decides
        group_services.group_member_decide(actor=rep(members[1]), member=asked[0], accept=True)
    for member in asked[:3]:
        group_services.group_member_decide(actor=rep(host), member=member, accept=True)
    with pytest.raises(InvalidInput) as full:
        group_services.group_member_decide(actor=organiser, member=asked[3], accept=True)
    assert "full" in str(full.value)
    assert asked[3].status == GroupMember.Status.REQUESTED
    accepted(members[3], host)  # a 1:1 meeting beside the group session
    run(event, organiser, django_capture_on_commit_callbacks)
    group.refresh_from_db()
    assert group.slot is not None
    assert group.table.number == 3
    assert group.interpreter is not None  # Russian host, Urdu makers
    meeting = Meeting.objects.for_event(event).get()
    assert meeting.slot_id != group.slot_id or meeting.interpreter_id != group.interpreter_id
    bridge = engine.build_problem(event)
    assert validate(bridge.problem, engine.current_schedule(event, bridge)) == []


def test_a_repair_keeps_the_group_session_and_who_meets(
    one_slot_event, organiser, django_capture_on_commit_callbacks
):
    event = one_slot_event
    Table.objects.filter(event=event, number=3).update(seats=6)
    pharma = make_participant(event, "Ural Pharma", country="RU", languages=("ru", "en"))
    olga = add_person(pharma, "olga")
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    visitors = [make_participant(event, f"Visitor {k}") for k in (1, 2, 3)]
    for v in visitors[:2]:
        accepted(v, pharma)
    group = group_services.group_session_create(
        actor=rep_of(pharma), event=event, host=pharma, topic="Distribution", capacity=2,
        host_person=olga,
    )  # fmt: skip
    member = group_services.group_session_join(
        actor=rep(visitors[2]), group=group, registration=visitors[2]
    )
    group_services.group_member_decide(actor=organiser, member=member, accept=True)
    published = run(event, organiser, django_capture_on_commit_callbacks)
    schedule.schedule_publish(actor=organiser, event=event, run=published)
    group.refresh_from_db()
    before = {
        m.request_id: (m.slot_id, m.recipient_person_id) for m in Meeting.objects.for_event(event)
    }
    first_slot = event.slots.order_by("start").first()
    schedule.schedule_repair(
        actor=organiser, event=event, reason="check", now=first_slot.start - dt.timedelta(hours=1)
    )
    after = {
        m.request_id: (m.slot_id, m.recipient_person_id) for m in Meeting.objects.for_event(event)
    }
    assert after == before
    slot_before = group.slot_id
    group.refresh_from_db()
    assert group.slot_id == slot_before


def test_a_representative_booked_in_two_places_is_refused_by_name(
    one_slot_event, organiser, django_capture_on_commit_callbacks
):
    from rabta.events import meeting_services

    event = one_slot_event
    pharma, olga, visitors = olga_of_ural_pharma_and_two_visitors(event)
    for v in visitors:
        accepted(v, pharma, recipient_person=olga)
    run(event, organiser, django_capture_on_commit_callbacks)
    first, second = Meeting.objects.for_event(event).order_by("slot__start")
    assert first.slot_id != second.slot_id  # Olga cannot be in two places
    with pytest.raises(InvalidInput) as refused:
        meeting_services.meeting_move(
            actor=organiser, meeting=second, slot=first.slot,
            now=first.slot.start - dt.timedelta(days=1),
        )  # fmt: skip
    text = str(refused.value)
    assert "olga person (Ural Pharma)" in text
    assert f"b{olga.pk}" not in text
    second.refresh_from_db()
    assert second.slot_id != first.slot_id  # nothing half-written
