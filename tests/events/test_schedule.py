import datetime as dt

import pytest
from django.utils import timezone, translation

from rabta.core.exceptions import InvalidInput
from rabta.events import schedule, selectors, services
from rabta.events.models import Meeting, MeetingSeat, Registration, ScheduleRun, Slot, Table
from tests.events.conftest import (
    accepted,
    make_participant,
    publish_greedy_schedule,
    rep,
    run_and_wait,
)


@pytest.fixture
def requested(event, organiser, participants):
    """Accepted requests between the four participants; one interpreter for Russian."""
    services.interpreter_add(
        actor=organiser, event=event, name="Anna Volkova", languages=["ru", "ur", "en"]
    )
    surgical, ural, kazan, forward = participants
    for a, b in [(surgical, ural), (surgical, kazan), (forward, kazan), (forward, ural)]:
        accepted(a, b)
    return participants


def test_the_scheduler_runs_in_the_background_and_reports(
    event, organiser, requested, django_capture_on_commit_callbacks
):
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    assert (run.status, run.progress, run.applied) == ("succeeded", 100, True)
    assert run.report["meetings_scheduled"] == 4
    assert run.report["meetings_requested"] == 4
    assert run.report["gap"] == 0.0
    assert run.report["interpreter_load_named"] == {"Anna Volkova": 2}
    meetings = list(selectors.schedule_meetings(event))
    assert len(meetings) == 4
    # Russian-only Ural Med meets Urdu/English speakers with the interpreter.
    assert all(
        m.interpreter is not None
        for m in meetings
        if m.request.recipient.organisation.name["en"] == "Ural Med"
    )
    assert MeetingSeat.objects.for_event(event).count() == 8
    # Not published yet: participants see nothing.
    assert selectors.agenda(event, requested[0]) == []


def test_publish_mails_every_participant_their_agenda(
    event, organiser, requested, mailoutbox, django_capture_on_commit_callbacks
):
    from rabta.events import programme_services
    from rabta.events.models import ProgrammeItem

    plenary = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.PLENARY, title={"en": "Opening plenary"},
        start=dt.datetime(2027, 3, 10, 9, tzinfo=event.tz), end=dt.datetime(2027, 3, 10, 9, 45, tzinfo=event.tz),
        room="SCCI auditorium",
    )  # fmt: skip
    programme_services.signup_create(actor=rep(requested[0]), item=plenary)
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        version = schedule.schedule_publish(actor=organiser, event=event, run=run)
    assert version.number == 1
    assert sorted(
        m.to[0] for m in mailoutbox if "/events/delegation-day/agenda/" in m.body
    ) == sorted(f"{rep(r).username}@example.org" for r in requested)
    agenda = selectors.agenda(event, requested[0])
    assert {item.partner.organisation.name["en"] for item in agenda} == {"Ural Med", "Kazan Sports"}
    assert agenda[0].slot.start < agenda[1].slot.start
    # The e-mail carries the agenda itself, in the recipient's language.
    surgical, ural = requested[0], requested[1]
    (english,) = [m for m in mailoutbox if m.to == [rep(surgical).email]]
    lines = english.body.split("\n\n")[2].splitlines()
    assert (
        lines[0] == "  10 March, 09:00–09:45 · Plenary session: Opening plenary · SCCI auditorium"
    )
    for line, item in zip(lines[1:], agenda, strict=True):
        start = timezone.localtime(item.slot.start, event.tz)
        assert line.startswith(f"  10 March, {start:%H:%M}–")
        assert f" · Meeting with {item.partner.organisation} · {item.meeting.table}" in line
    # Sialkot Surgical (en, ur) meets Ural Med (ru only) with the interpreter.
    assert "Interpreter: Anna Volkova" in english.body
    (russian,) = [m for m in mailoutbox if m.to == [rep(ural).email]]
    assert "Встреча с Sialkot Surgical" in russian.body
    assert "Переводчик: Anna Volkova" in russian.body
    assert "марта" in russian.body
    (urdu,) = [m for m in mailoutbox if m.to == [rep(requested[3]).email]]
    assert "Kazan Sports سے ملاقات" in urdu.body and "مارچ، " in urdu.body


def test_publishing_nothing_is_refused(event, organiser):
    with pytest.raises(InvalidInput):
        schedule.schedule_publish(actor=organiser, event=event)


def test_a_locked_meeting_stays_on_a_rerun(
    event, organiser, requested, django_capture_on_commit_callbacks
):
    run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    meeting = Meeting.objects.for_event(event).order_by("pk").first()
    last_slot = Slot.objects.for_event(event).order_by("-start").first()
    # Move it by hand to the last slot and lock it there.
    Meeting.objects.for_event(event).filter(pk=meeting.pk).update(slot=last_slot)
    MeetingSeat.objects.for_event(event).filter(meeting=meeting).update(slot=last_slot)
    services.meeting_lock(actor=organiser, meeting=meeting, locked=True)
    run_and_wait(event, organiser, django_capture_on_commit_callbacks, seed=3)
    again = Meeting.objects.for_event(event).get(request=meeting.request)
    assert (again.slot_id, again.locked) == (last_slot.pk, True)


def test_no_show_repair_tells_only_the_changed(
    event, organiser, requested, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = requested
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    mailoutbox.clear()
    schedule.attendance_mark(
        actor=organiser, registration=ural, attendance=Registration.Attendance.NO_SHOW
    )
    before_day = Slot.objects.for_event(event).order_by("start").first().start - dt.timedelta(
        hours=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = schedule.schedule_repair(
            actor=organiser, event=event, reason="Ural Med missed the flight", now=before_day
        )
    assert version.number == 2
    # Ural Med's two meetings are dropped: Ural Med, Sialkot Surgical and Forward Sports changed; Kazan did not.
    assert set(version.changed_registrations) == {ural.pk, surgical.pk, forward.pk}
    told = sorted(m.to[0] for m in mailoutbox)
    assert told == sorted(f"{rep(r).username}@example.org" for r in (surgical, ural, forward))
    assert all("/events/delegation-day/agenda/" in m.body for m in mailoutbox)
    english = [m for m in mailoutbox if m.to == [f"{rep(surgical).username}@example.org"]]
    assert english[0].subject == "Your agenda for Delegation day has changed"
    assert Meeting.objects.for_event(event).count() == 2
    run = ScheduleRun.objects.for_event(event).filter(kind="repair").get()
    assert sorted(c["kind"] for c in run.report["changes"]) == ["dropped", "dropped"]


def test_table_out_repair_moves_only_what_it_must(
    event, organiser, requested, django_capture_on_commit_callbacks
):
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    used = Meeting.objects.for_event(event).exclude(table=None).order_by("pk").first()
    table = used.table
    untouched = {
        m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.for_event(event).exclude(table=table)
    }
    first = Slot.objects.for_event(event).order_by("start").first()
    schedule.resource_out_of_service(actor=organiser, resource=table, since=first.start)
    version = schedule.schedule_repair(
        actor=organiser, event=event, now=first.start - dt.timedelta(minutes=5)
    )
    assert not Meeting.objects.for_event(event).filter(table=table).exists()
    assert Meeting.objects.for_event(event).count() == 4
    after = {(m.request_id): (m.slot_id, m.table_id) for m in Meeting.objects.for_event(event)}
    assert len([v for v in after.values() if v in untouched.values()]) == len(untouched)
    assert version.number == 2


def test_late_arrival_frees_the_early_slots(
    event, organiser, requested, django_capture_on_commit_callbacks
):
    surgical = requested[0]
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    slots = list(Slot.objects.for_event(event).order_by("start"))
    schedule.attendance_mark(
        actor=organiser,
        registration=surgical,
        attendance=Registration.Attendance.LATE,
        arrives_at=slots[2].start,
    )
    schedule.schedule_repair(
        actor=organiser, event=event, now=slots[0].start - dt.timedelta(minutes=1)
    )
    mine = Meeting.objects.for_event(event).filter(seats__registration=surgical)
    assert mine.exists()
    assert all(m.slot.start >= slots[2].start for m in mine)


def test_check_in_by_badge_code(event, organiser, requested):
    surgical = requested[0]
    registration = schedule.check_in(
        actor=organiser, event=event, code=f" {surgical.badge_code.lower()} "
    ).registration
    assert (registration.pk, registration.attendance) == (surgical.pk, "present")
    with pytest.raises(InvalidInput) as error:
        schedule.check_in(actor=organiser, event=event, code="NOPE")
    assert error.value.field_errors == {
        "code": ["No participant of this event has this badge code."]
    }


def test_check_in_by_scanning_the_badges_qr_code(event, organiser, requested):
    from rabta.events.documents import qr_svg  # the badge encodes rabta:<event>:<code>

    surgical = requested[0]
    assert qr_svg(f"rabta:{event.slug}:{surgical.badge_code}").startswith("<svg")
    registration = schedule.check_in(
        actor=organiser, event=event, code=f"rabta:{event.slug}:{surgical.badge_code}\n"
    ).registration
    assert (registration.pk, registration.attendance) == (surgical.pk, "present")
    with pytest.raises(InvalidInput) as error:
        schedule.check_in(
            actor=organiser, event=event, code=f"rabta:another-event:{requested[1].badge_code}"
        )
    assert error.value.field_errors == {"code": ["This badge is for another event."]}
    requested[1].refresh_from_db()
    assert requested[1].attendance == "expected"


def test_progress_is_throttled_and_capped(event, organiser, requested, monkeypatch):
    from rabta.events import engine

    calls = []

    def fake_solve(problem, *, progress, **kwargs):
        for pct in (10, 20, 30, 100):
            progress(pct)
            calls.append(ScheduleRun.objects.for_event(event).get().progress)
        return real(problem, **kwargs)

    real = engine.solve
    monkeypatch.setattr(engine, "solve", fake_solve)
    run = ScheduleRun.objects.create(event=event, solver="greedy", parameters={"time_limit": 5})
    schedule.schedule_run_execute(run_id=run.pk)
    # the first write happens at once, the next ones no more than twice a second; never 100 before the end
    assert calls[0] == 10
    assert max(calls) <= 99
    run.refresh_from_db()
    assert run.progress == 100
    assert Table.objects.for_event(event).count() == 3


def test_a_repair_in_another_language_tells_no_one_whose_agenda_is_the_same(
    event, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    """A stand without a name is stored as "own stand" in the language the engine ran in; a
    repair run by an organiser reading Russian must not count that as a change."""
    exhibitor = make_participant(event, "Alpha Surgical", has_stand=True)
    exhibitor.stand = ""
    exhibitor.save(update_fields=["stand"])
    visitor, other, third = (make_participant(event, n) for n in ("Beta", "Gamma", "Delta"))
    for a, b in [(visitor, exhibitor), (other, third)]:
        accepted(a, b)
    publish_greedy_schedule(event, organiser, django_capture_on_commit_callbacks)
    assert Meeting.objects.for_event(event).filter(table=None).get().stand == "own stand"
    mailoutbox.clear()
    first = Slot.objects.for_event(event).order_by("start").first()
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        version = schedule.schedule_repair(
            actor=organiser, event=event, now=first.start - dt.timedelta(hours=1)
        )
    assert version.changed_registrations == []
    assert mailoutbox == []


def test_the_run_reports_in_the_language_of_the_organiser_who_started_it(
    event, organiser, requested, django_capture_on_commit_callbacks
):
    from rabta.events.models import Interpreter

    # an interpreter with one language can cover no meeting: the engine warns
    lone = Interpreter.objects.create(event=event, name="Lone", languages=["ru"])
    with translation.override("ru"), django_capture_on_commit_callbacks() as callbacks:
        run = schedule.schedule_run_start(
            actor=organiser, event=event, solver="greedy", time_limit=5
        )
    with translation.override("en"):  # the worker runs in a language of its own
        for callback in callbacks:
            callback()
    run.refresh_from_db()
    assert run.status == "succeeded"
    assert (
        f"переводчик i{lone.pk} владеет меньше чем двумя языками "
        "и не может работать ни на одной встрече"
    ) in run.report["messages"]


def test_a_repair_runs_the_engine_in_the_language_active_now(
    event, organiser, requested, monkeypatch
):
    from rabta.events import engine
    from rabta.scheduling import i18n

    spoken = []

    def engine_repair(problem, published, changes, *, seed):
        spoken.append(i18n.get_language())
        return real(problem, published, changes, seed=seed)

    real = engine.engine_repair
    monkeypatch.setattr(engine, "engine_repair", engine_repair)
    bridge = engine.build_problem(event)
    with translation.override("ur"):
        engine.repair(bridge.problem, engine.current_schedule(event, bridge))
    engine.repair(bridge.problem, engine.current_schedule(event, bridge))
    assert spoken == ["ur", "en"]


def test_a_meeting_marked_first_comes_before_both_sides_other_meetings(
    event, organiser, participants, client, django_capture_on_commit_callbacks
):
    # "meet the chamber before the suppliers": the organiser arranges Surgical–Kazan first
    from rabta.events import engine
    from rabta.events.models import MeetingRequest

    services.interpreter_add(
        actor=organiser, event=event, name="Anna Volkova", languages=["ru", "ur", "en"]
    )
    surgical, ural, kazan, forward = participants
    for a, b in [(surgical, ural), (forward, kazan)]:
        accepted(a, b)
    client.force_login(organiser)
    client.post(
        _arrange_url(event),
        {"sender": surgical.organisation.name["en"], "recipient": kazan.organisation.name["en"],
         "first": "1"},
    )  # fmt: skip
    first = MeetingRequest.objects.get(event=event, first=True)
    assert {first.sender_id, first.recipient_id} == {surgical.pk, kazan.pk}
    bridge = engine.build_problem(event)
    key = f"q{first.pk}"
    others = {k for k, q in bridge.requests.items() if not q.first}
    assert {(p.before, p.after) for p in bridge.problem.precedences} == {
        (key, other) for other in others
    }
    run = run_and_wait(event, organiser, django_capture_on_commit_callbacks)
    assert run.status == "succeeded"
    meetings = {m.request_id: m for m in selectors.schedule_meetings(event)}
    assert len(meetings) == 3
    for m in meetings.values():
        if m.request_id != first.pk:
            assert meetings[first.pk].slot.start < m.slot.start


def _arrange_url(event) -> str:
    from django.urls import reverse

    return reverse("events:request_arrange", args=[event.slug])
