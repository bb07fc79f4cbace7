"""Scheduling an event: runs of the engine, publication, the day itself and repair."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rabta.core import heartbeat
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.events import engine
from rabta.events.models import (
    Badge,
    Event,
    Interpreter,
    Registration,
    ScheduleRun,
    ScheduleVersion,
    Table,
)
from rabta.events.permissions import require_manager

logger = logging.getLogger(__name__)

SOLVERS = ("auto", "greedy", "cpsat")
PROGRESS_INTERVAL = 0.5  # seconds between progress writes


# ---------------------------------------------------------------- runs


@transaction.atomic
def schedule_run_start(
    *, actor, event: Event, solver: str = "auto", time_limit: int = 10, seed: int = 0
) -> ScheduleRun:
    """Queue a scheduler run; it starts in the background once this transaction commits."""
    from rabta.events.tasks import run_schedule

    require_manager(actor, event)
    if event.is_self_scheduling:
        raise InvalidInput(
            _("Participants book their own slots in this event; there is nothing to schedule.")
        )
    errors = {}
    if solver not in SOLVERS:
        errors["solver"] = [_("Choose a solver from the list.")]
    if not 1 <= int(time_limit) <= 600:
        errors["time_limit"] = [_("The time limit is between 1 and 600 seconds.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    if not event.slots.exists():
        raise InvalidInput(_("Add a session first: the event has no slots."))
    schedule_runs_fail_stalled(event=event)
    under_way = list(
        ScheduleRun.objects.for_event(event).filter(
            status__in=[ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING]
        )
    )
    if any(not run.waits_for_a_worker for run in under_way):
        raise InvalidInput(_("A scheduler run is already under way."))
    for waiting in under_way:  # no worker picked it up: given up, so a late worker skips it
        ScheduleRun.objects.for_event(event).filter(
            pk=waiting.pk, status=ScheduleRun.Status.QUEUED
        ).update(
            status=ScheduleRun.Status.FAILED,
            error=_("No task worker picked this run up; it was given up for a new run."),
            finished_at=timezone.now(),
        )
    run = ScheduleRun.objects.create(
        event=event,
        solver=solver,
        # the run speaks the language of the organiser who started it, wherever the task runs
        parameters={
            "time_limit": int(time_limit),
            "seed": int(seed),
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
        started_by=actor,
    )
    audit_log(
        actor=actor,
        action="rabta.event.schedule.started",
        obj=event,
        data={"run": run.pk, "solver": solver},
    )
    transaction.on_commit(lambda: run_schedule.enqueue(run_id=run.pk))
    return run


def schedule_run_execute(*, run_id: int) -> ScheduleRun:
    """The body of the background task: build the problem, solve, store the result.

    Before the first publication the result becomes the working schedule at once; after it,
    the organiser publishes the run to apply it (participants never see an unpublished draft).
    The engine's messages (warnings, reasons, errors) are in the language of the organiser who
    started the run. The run beats while it works (core.heartbeat); a run the watchdog failed
    meanwhile keeps its failure and its result is thrown away.
    """
    run = ScheduleRun.objects.unscoped().select_related("event").filter(pk=run_id).first()
    if run is None:
        return run
    event = run.event
    now = timezone.now()
    running = ScheduleRun.objects.for_event(event).filter(
        pk=run.pk, status=ScheduleRun.Status.RUNNING
    )
    claimed = (
        ScheduleRun.objects.for_event(event)
        .filter(pk=run.pk, status=ScheduleRun.Status.QUEUED)
        .update(status=ScheduleRun.Status.RUNNING, started_at=now, heartbeat_at=now, progress=1)
    )
    if not claimed:  # already run, or failed by the watchdog
        return run
    last = [0.0]

    def progress(percent: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL or percent >= 100:
            last[0] = now
            running.update(progress=min(99, percent), heartbeat_at=timezone.now())

    try:
        with heartbeat.beating(lambda: running.update(heartbeat_at=timezone.now())):
            bridge = engine.build_problem(event)
            with translation.override(_run_language(run)):
                result = engine.solve(
                    bridge.problem,
                    solver=run.solver,
                    time_limit=run.parameters.get("time_limit", 10),
                    seed=run.parameters.get("seed", 0),
                    progress=progress,
                )
        with transaction.atomic():
            run = running.select_for_update().first()
            if run is None:  # the watchdog gave up on it: leave the schedule as it is
                logger.warning("Scheduler run %s finished after it was marked failed", run_id)
                return ScheduleRun.objects.unscoped().get(pk=run_id)
            run.result = engine.schedule_to_json(result.schedule)
            run.report = describe_report(event, engine.report_to_json(result.report))
            run.report["group_sessions"] = engine.groups_to_json(result.schedule)
            run.status = ScheduleRun.Status.SUCCEEDED
            run.progress = 100
            run.finished_at = timezone.now()
            if event.published_version == 0:
                engine.apply_schedule(event, result.schedule)
                run.applied = True
            run.save()
    except Exception as error:  # the run records any failure for the organiser to see
        logger.exception("Scheduler run %s failed", run_id)
        running.update(
            status=ScheduleRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        run = ScheduleRun.objects.unscoped().get(pk=run_id)
    return run


def schedule_runs_fail_stalled(*, event: Event | None = None) -> int:
    """The watchdog: fail the runs (of ``event``, or of every event) whose worker stopped beating.

    Nothing else changes: the working and the published schedules stay as they are, and the
    organiser may start a new run at once. Returns how many runs were failed.
    """
    cutoff = heartbeat.stale_before()
    stalled = ScheduleRun.objects.unscoped().filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff),
        status=ScheduleRun.Status.RUNNING,
    )
    if event is not None:
        stalled = stalled.filter(event=event)
    failed = 0
    for run in stalled.select_related("started_by"):
        with translation.override(_run_language(run)):
            reason = _(
                "The scheduler stopped answering, so this run was given up: its worker may have "
                "been restarted or run out of memory. Nothing was changed; start a new run."
            )
        failed += stalled.filter(pk=run.pk).update(
            status=ScheduleRun.Status.FAILED, error=reason, finished_at=timezone.now()
        )
        logger.warning("Scheduler run %s of event %s stopped beating: failed", run.pk, run.event_id)
    return failed


def _run_language(run: ScheduleRun) -> str:
    """The language of the organiser who started ``run``: the one active when they started it
    (recorded with the run), else their account's, else the language active now."""
    language = run.parameters.get("language") or getattr(run.started_by, "language", "")
    return language or translation.get_language() or settings.LANGUAGE_CODE


def describe_report(event: Event, report: dict) -> dict:
    """Add names to the engine's ids for display (worst-served participant, interpreter load)."""
    names = {
        f"r{r.pk}": str(r.organisation)
        for r in Registration.objects.for_event(event).select_related("organisation")
    }
    worst = report.get("worst_served_participant") or ""
    if worst.startswith("b"):  # a representative of an organisation that meets in parallel
        badge = (
            Badge.objects.for_event(event)
            .select_related("person", "registration__organisation")
            .filter(pk=engine.pk_of(worst))
            .first()
        )
        if badge is not None:
            names[worst] = f"{badge.person} ({badge.registration.organisation})"
    interpreters = {f"i{i.pk}": i.name for i in Interpreter.objects.for_event(event)}
    report["worst_served_name"] = names.get(report.get("worst_served_participant") or "", "")
    report["interpreter_load_named"] = {
        interpreters.get(key, key): value
        for key, value in sorted(report.get("interpreter_load", {}).items())
    }
    return report


# ---------------------------------------------------------------- publication


def _publish_version(
    *,
    actor,
    event: Event,
    run: ScheduleRun | None,
    before: dict,
    note: str = "",
    quiet: frozenset[int] = frozenset(),
) -> ScheduleVersion:
    """Record the new version; its agendas are e-mailed by a background task once this commits
    (everyone the first time, afterwards only the participants whose agenda changed, but those in
    ``quiet``: registration pks the caller told in another e-mail)."""
    from rabta.events.tasks import deliver_agendas

    after = engine.snapshot(event)
    changed = engine.changed_registrations(before, after)
    event.published_version += 1
    event.save(update_fields=["published_version"])
    version = ScheduleVersion.objects.create(
        event=event, number=event.published_version, run=run, published_by=actor, meetings=after,
        changed_registrations=sorted(changed), note=note, delivery_updated_at=timezone.now(),
        told_otherwise=sorted(set(quiet) & changed),
    )  # fmt: skip
    transaction.on_commit(lambda: deliver_agendas.enqueue(version_id=version.pk))
    return version


@transaction.atomic
def schedule_publish(*, actor, event: Event, run: ScheduleRun | None = None) -> ScheduleVersion:
    """Publish the working schedule (or ``run``'s result). Everyone gets the agenda the first time;
    afterwards only the participants whose agenda changed are told, from a background task with
    progress (publication.py): the transaction writes meetings and a version, no e-mail."""
    require_manager(actor, event)
    given, event = event, Event.objects.select_for_update().get(pk=event.pk)
    if run is not None:
        if run.event_id != event.pk:
            raise NotFound()
        if run.status != ScheduleRun.Status.SUCCEEDED:
            raise InvalidInput(_("Only a finished run can be published."))
    before = _last_snapshot(event)
    if run is not None and not run.applied:
        engine.apply_schedule(
            event, engine.schedule_from_json(run.result, run.report.get("group_sessions"))
        )
        run.applied = True
    if run is not None:
        run.published_by = actor
        run.published_at = timezone.now()
        run.save(update_fields=["applied", "published_by", "published_at"])
    if not event.meetings.exists():
        raise InvalidInput(_("There is no meeting to publish. Run the scheduler first."))
    version = _publish_version(actor=actor, event=event, run=run, before=before)
    given.published_version = event.published_version
    audit_log(
        actor=actor,
        action="rabta.event.schedule.published",
        obj=event,
        data={"version": version.number},
    )
    return version


def schedule_publish_change(
    *, actor, event: Event, note: str = "", quiet: frozenset[int] = frozenset()
) -> ScheduleVersion | None:
    """After single meetings changed in a published schedule (the caller holds the event's row
    lock): a new version, and the participants whose agenda changed are told, but those in
    ``quiet`` (registration pks the caller told in another e-mail). Nothing before publication."""
    if event.published_version == 0:
        return None
    return _publish_version(
        actor=actor,
        event=event,
        run=None,
        before=_last_snapshot(event),
        note=note[:200],
        quiet=quiet,
    )


def _last_snapshot(event: Event) -> dict:
    last = ScheduleVersion.objects.for_event(event).order_by("-number").first()
    return last.meetings if last else {}


# ---------------------------------------------------------------- the day: check-in, attendance, repair


def badge_code_from_scan(event: Event, scanned: str) -> str:
    """The badge code in what was typed or scanned: the code itself, or the badge's QR code
    (``rabta:<event>:<code>``, as a scanner types it)."""
    text = scanned.strip()
    parts = text.split(":")
    if len(parts) == 3 and parts[0].lower() == "rabta":
        if parts[1] != event.slug:
            raise InvalidInput(field_errors={"code": [_("This badge is for another event.")]})
        text = parts[2].strip()
    return text.upper()


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    badge: Badge | None  # None when the organisation's own code was typed


@transaction.atomic
def check_in(*, actor, event: Event, code: str, now: datetime | None = None) -> CheckIn:
    """Check in the person whose badge this is (or, by the organisation's code, the
    organisation); their meetings under way with a partner already in are held."""
    require_manager(actor, event)
    code = badge_code_from_scan(event, code)
    now = now or timezone.now()
    badge = (
        Badge.objects.for_event(event)
        .filter(code=code)
        .select_related("registration__organisation", "person")
        .first()
    )
    registration = (
        badge.registration
        if badge
        else Registration.objects.for_event(event)
        .filter(badge_code=code)
        .select_related("organisation")
        .first()
    )
    if registration is None:
        raise InvalidInput(
            field_errors={"code": [_("No participant of this event has this badge code.")]}
        )
    if badge and badge.checked_in_at is None:
        badge.checked_in_at = now
        badge.save(update_fields=["checked_in_at"])
    registration.attendance = Registration.Attendance.PRESENT
    registration.checked_in_at = registration.checked_in_at or now
    registration.save(update_fields=["attendance", "checked_in_at"])
    audit_log(
        actor=actor, action="rabta.event.checked_in", obj=registration,
        data={"person": badge.person_id} if badge else {},
    )  # fmt: skip
    from rabta.events.day import meetings_held_mark

    meetings_held_mark(event=event, now=now)
    return CheckIn(registration=registration, badge=badge)


@transaction.atomic
def attendance_mark(
    *, actor, registration: Registration, attendance: str, arrives_at: datetime | None = None
) -> Registration:
    """Mark a participant present, late (arriving at ``arrives_at``) or a no-show."""
    require_manager(actor, registration.event)
    if attendance not in Registration.Attendance.values:
        raise InvalidInput(field_errors={"attendance": [_("Choose a value from the list.")]})
    if attendance == Registration.Attendance.LATE and arrives_at is None:
        raise InvalidInput(field_errors={"arrives_at": [_("Say when the participant arrives.")]})
    registration.attendance = attendance
    registration.arrives_at = arrives_at if attendance == Registration.Attendance.LATE else None
    registration.save(update_fields=["attendance", "arrives_at"])
    audit_log(actor=actor, action=f"rabta.event.attendance.{attendance}", obj=registration)
    return registration


@transaction.atomic
def resource_out_of_service(
    *, actor, resource: Table | Interpreter, since: datetime | None = None
) -> None:
    """A table or an interpreter is unavailable from ``since`` (now) on; run a repair next."""
    require_manager(actor, resource.event)
    resource.out_of_service_from = since or timezone.now()
    resource.save(update_fields=["out_of_service_from"])
    audit_log(actor=actor, action="rabta.event.resource.out", obj=resource)


@transaction.atomic
def resource_back_in_service(*, actor, resource: Table | Interpreter) -> None:
    """A table or an interpreter marked out of service is available again; run a repair next."""
    require_manager(actor, resource.event)
    resource.out_of_service_from = None
    resource.save(update_fields=["out_of_service_from"])
    audit_log(actor=actor, action="rabta.event.resource.back", obj=resource)


@transaction.atomic
def schedule_repair(
    *, actor, event: Event, reason: str = "", now: datetime | None = None
) -> ScheduleVersion:
    """Repair the published schedule for what changed (no-shows, late arrivals, resources out,
    new accepted requests) and publish it; only participants whose agenda changed are told.

    Meetings in slots that have already started stay as they are.
    """
    require_manager(actor, event)
    given, event = event, Event.objects.select_for_update().get(pk=event.pk)
    if event.published_version == 0:
        raise InvalidInput(_("Publish a schedule before repairing it."))
    now = now or timezone.now()
    bridge = engine.build_problem(event, not_before=now)
    published = engine.current_schedule(event, bridge)
    started = time.monotonic()
    result = engine.repair(bridge.problem, published)
    before = _last_snapshot(event)
    engine.apply_schedule(event, result.schedule, keep_past_before=now)
    run = ScheduleRun.objects.create(
        event=event, kind=ScheduleRun.Kind.REPAIR, solver=result.report.solver, status=ScheduleRun.Status.SUCCEEDED,
        progress=100, parameters={"reason": reason[:200], "seconds": round(time.monotonic() - started, 3)},
        report=describe_report(event, engine.report_to_json(result.report)),
        result=engine.schedule_to_json(result.schedule), started_by=actor, applied=True, published_by=actor,
        published_at=timezone.now(), started_at=timezone.now(), finished_at=timezone.now(),
    )  # fmt: skip
    version = _publish_version(actor=actor, event=event, run=run, before=before, note=reason[:200])
    given.published_version = event.published_version
    audit_log(
        actor=actor, action="rabta.event.schedule.repaired", obj=event,
        data={"version": version.number, "changed": version.changed_registrations},
    )  # fmt: skip
    return version
