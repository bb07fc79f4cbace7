"""One meeting at a time: the organiser places, moves, swaps and cancels meetings and arranges
requests; participants withdraw requests, cancel meetings and cancel their registration; a
request accepted after publication is placed by itself.

Every change is checked by the engine's own validator (through ``engine.check_changes``) against
everything the engine knows: people, tables, stands, interpreters, programme items,
availability and locks. A refused change writes nothing and says why. After publication each
change is a new schedule version and exactly the participants whose agenda changed are told.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.events import engine, notifications, schedule
from rabta.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    Slot,
    Table,
)
from rabta.events.permissions import acts_for, can_manage, require_manager
from rabta.scheduling import Meeting as EMeeting
from rabta.scheduling import Schedule

LIVE = (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED)
REASON_MAX = 200


def _lock_event(event: Event) -> Event:
    """The event's row, locked until the transaction ends: one change of its schedule at a time."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    event.published_version = locked.published_version
    return locked


def _key(request_or_meeting) -> str:
    pk = getattr(request_or_meeting, "request_id", None) or request_or_meeting.pk
    return f"q{pk}"


def _require_future(slot: Slot, now: datetime, *, meeting: bool) -> None:
    if slot.start <= now:
        raise InvalidInput(
            _("This meeting has already started or taken place; it cannot be changed.")
            if meeting
            else _("This slot has already started. Choose a later slot.")
        )


def _live(event: Event, now: datetime):
    bridge = engine.build_problem(event, not_before=now)
    return bridge, engine.current_schedule(event, bridge)


def _refuse_if_invalid(bridge, current, changes: dict[str, EMeeting | None]) -> None:
    problems = engine.check_changes(bridge, current, changes)
    if problems:
        raise InvalidInput(
            _("This change is not possible: %(reasons)s") % {"reasons": "; ".join(problems)}
        )


def _stand_name(request: MeetingRequest, placed: EMeeting) -> str:
    if placed.table or not placed.stand:
        return ""
    holder = request.sender if request.sender.has_stand else request.recipient
    return holder.stand_name


def _write(event: Event, changes: dict[str, EMeeting], *, source: str) -> dict[str, Meeting]:
    """Write ``changes`` (request key -> its meeting): existing meetings are updated in place
    (their seats re-made), new ones created. Tables and seats are freed first, so a swap passes
    the database's uniqueness checks."""
    pks = [engine.pk_of(key) for key in changes]
    requests = {
        q.pk: q
        for q in MeetingRequest.objects.for_event(event)
        .filter(pk__in=pks)
        .select_related("sender", "recipient")
    }
    existing = {
        m.request_id: m for m in Meeting.objects.for_event(event).filter(request_id__in=pks)
    }
    MeetingSeat.objects.for_event(event).filter(meeting__in=existing.values()).delete()
    Meeting.objects.for_event(event).filter(pk__in=[m.pk for m in existing.values()]).update(
        table=None, interpreter=None
    )
    written = {}
    for key, placed in changes.items():
        q = requests[engine.pk_of(key)]
        meeting = existing.get(q.pk) or Meeting(event=event, request=q)
        meeting.source = source
        meeting.slot_id = engine.pk_of(placed.slot)
        meeting.table_id = engine.pk_of(placed.table)
        meeting.interpreter_id = engine.pk_of(placed.interpreter)
        meeting.stand = _stand_name(q, placed)
        meeting.sender_person_id = engine.badge_pk(placed.a)
        meeting.recipient_person_id = engine.badge_pk(placed.b)
        meeting.save()
        written[key] = meeting
    MeetingSeat.objects.bulk_create(engine.seats_of(event, written.values()))
    return written


def _meeting(event: Event, meeting: Meeting) -> Meeting:
    if meeting.event_id != event.pk:
        raise NotFound()
    return meeting


def _slot(event: Event, slot: Slot) -> Slot:
    if slot.event_id != event.pk:
        raise NotFound()
    return slot


def _table(event: Event, table: Table | None) -> str | None:
    if table is None:
        return None
    if table.event_id != event.pk:
        raise NotFound()
    return f"t{table.pk}"


# ---------------------------------------------------------------- the organiser


@transaction.atomic
def meeting_place(
    *,
    actor,
    request: MeetingRequest,
    slot: Slot,
    table: Table | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Place an accepted request in ``slot`` (at ``table``, or the first table free there)."""
    event = request.event
    require_manager(actor, event)
    _lock_event(event)
    now = now or timezone.now()
    _slot(event, slot)
    request.refresh_from_db()
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise InvalidInput(_("Only an accepted request can be placed in a slot."))
    if Meeting.objects.for_event(event).filter(request=request).exists():
        raise InvalidInput(_("This request already has a meeting. Move the meeting instead."))
    _require_future(slot, now, meeting=False)
    bridge, current = _live(event, now)
    key = _key(request)
    if key not in bridge.requests:
        raise InvalidInput(_("One side of this request does not take part in the event now."))
    placed = engine.fit(bridge, current, key, f"s{slot.pk}", table=_table(event, table))
    _refuse_if_invalid(bridge, current, {key: placed})
    meeting = _write(event, {key: placed}, source=Meeting.Source.MANUAL)[key]
    audit_log(
        actor=actor, action="rabta.event.meeting.placed", obj=meeting,
        data={"request": request.pk, "slot": slot.pk, "table": meeting.table_id},
    )  # fmt: skip
    schedule.schedule_publish_change(actor=actor, event=event, note=_("A meeting was placed."))
    return meeting


@transaction.atomic
def meeting_move(
    *,
    actor,
    meeting: Meeting,
    slot: Slot,
    table: Table | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Move a meeting to ``slot`` (and ``table``, or the first table free there)."""
    event = meeting.event
    require_manager(actor, event)
    _lock_event(event)
    now = now or timezone.now()
    _meeting(event, meeting)
    _slot(event, slot)
    meeting = Meeting.objects.for_event(event).select_related("slot").get(pk=meeting.pk)
    _require_future(meeting.slot, now, meeting=True)
    _require_future(slot, now, meeting=False)
    bridge, current = _live(event, now)
    key = _key(meeting)
    if key not in bridge.requests:
        raise InvalidInput(_("One side of this request does not take part in the event now."))
    placed = engine.fit(bridge, current, key, f"s{slot.pk}", table=_table(event, table))
    _refuse_if_invalid(bridge, current, {key: placed})
    before = {"slot": meeting.slot_id, "table": meeting.table_id}
    meeting = _write(event, {key: placed}, source=Meeting.Source.MANUAL)[key]
    audit_log(
        actor=actor, action="rabta.event.meeting.moved", obj=meeting,
        data={"before": before, "after": {"slot": meeting.slot_id, "table": meeting.table_id}},
    )  # fmt: skip
    schedule.schedule_publish_change(actor=actor, event=event, note=_("A meeting was moved."))
    return meeting


@transaction.atomic
def meeting_swap(
    *, actor, meeting: Meeting, other: Meeting, now: datetime | None = None
) -> tuple[Meeting, Meeting]:
    """Swap the slots (and tables) of two meetings."""
    event = meeting.event
    require_manager(actor, event)
    _lock_event(event)
    now = now or timezone.now()
    _meeting(event, meeting)
    _meeting(event, other)
    first, second = (
        Meeting.objects.for_event(event).select_related("slot").get(pk=m.pk)
        for m in (meeting, other)
    )
    if first.pk == second.pk:
        raise InvalidInput(_("Choose two different meetings to swap."))
    for m in (first, second):
        _require_future(m.slot, now, meeting=True)
    bridge, current = _live(event, now)
    k1, k2 = _key(first), _key(second)
    if k1 not in bridge.requests or k2 not in bridge.requests:
        raise InvalidInput(_("One side of this request does not take part in the event now."))
    rest = Schedule(meetings=tuple(m for m in current.meetings if m.request not in (k1, k2)))
    t1 = f"t{first.table_id}" if first.table_id else None
    t2 = f"t{second.table_id}" if second.table_id else None
    p1 = engine.fit(bridge, rest, k1, f"s{second.slot_id}", table=t2)
    with_p1 = Schedule(meetings=(*rest.meetings, p1))
    p2 = engine.fit(bridge, with_p1, k2, f"s{first.slot_id}", table=t1)
    _refuse_if_invalid(bridge, current, {k1: p1, k2: p2})
    written = _write(event, {k1: p1, k2: p2}, source=Meeting.Source.MANUAL)
    audit_log(
        actor=actor, action="rabta.event.meeting.swapped", obj=event,
        data={"meetings": [first.pk, second.pk]},
    )  # fmt: skip
    schedule.schedule_publish_change(actor=actor, event=event, note=_("Two meetings were swapped."))
    return written[k1], written[k2]


@transaction.atomic
def meeting_request_arrange(
    *,
    actor,
    sender: Registration,
    recipient: Registration,
    required: bool = False,
    first: bool = False,
    message: str = "",
) -> MeetingRequest:
    """The organiser arranges a meeting for two participants (an accepted request, required if
    asked, before both participants' other meetings if ``first``); both are told. After publication it is placed like any late acceptance."""
    event = sender.event
    require_manager(actor, event)
    if recipient.event_id != event.pk:
        raise NotFound()
    if sender.pk == recipient.pk:
        raise InvalidInput(_("Choose two different participants."))
    for registration in (sender, recipient):
        if not registration.is_approved:
            raise InvalidInput(
                _("%(name)s is not an approved participant of this event.")
                % {"name": registration.organisation}
            )
    message = message.strip()
    if len(message) > 500:
        raise InvalidInput(field_errors={"message": [_("Keep the message under 500 characters.")]})
    low, high = (sender, recipient) if sender.pk < recipient.pk else (recipient, sender)
    if MeetingRequest.objects.for_event(event).filter(low=low, high=high, status__in=LIVE).exists():
        raise InvalidInput(
            _("These two participants already have a request; mark it required instead.")
        )
    request = MeetingRequest.objects.create(
        event=event, sender=sender, recipient=recipient, message=message, low=low, high=high,
        status=MeetingRequest.Status.ACCEPTED, answered_at=timezone.now(), required=required,
        first=first,
    )  # fmt: skip
    audit_log(
        actor=actor, action="rabta.event.request.arranged", obj=request,
        data={"required": required, "first": first},
    )  # fmt: skip
    notifications.request_arranged(request)
    after_accept(request)
    return request


# ---------------------------------------------------------------- cancelling


def _side_of(actor, request: MeetingRequest) -> Registration | None:
    """The side of ``request`` the actor is a member of (None: neither)."""
    if not actor.is_authenticated:
        return None
    orgs = set(actor.memberships.values_list("organisation_id", flat=True))
    for registration in (request.sender, request.recipient):
        if registration.organisation_id in orgs:
            return registration
    return None


@transaction.atomic
def meeting_cancel(
    *, actor, meeting: Meeting, reason: str = "", now: datetime | None = None
) -> MeetingRequest:
    """Cancel a meeting that has not started: by one side (the other is told, with the reason)
    or by the organiser (both are told). The request is cancelled and the slot freed."""
    event = meeting.event
    request = meeting.request
    side = _side_of(actor, request)
    if side is None and not can_manage(actor, event):
        raise NotPermitted()
    _lock_event(event)
    now = now or timezone.now()
    reason = " ".join(reason.split())
    if len(reason) > REASON_MAX:
        raise InvalidInput(field_errors={"reason": [_("Keep the reason under 200 characters.")]})
    meeting = Meeting.objects.for_event(event).select_related("slot").filter(pk=meeting.pk).first()
    if meeting is None:
        raise InvalidInput(_("This meeting has already been cancelled."))
    _require_future(meeting.slot, now, meeting=True)
    when = meeting.slot.start
    request.status = MeetingRequest.Status.CANCELLED
    request.cancelled_by = side
    request.cancel_reason = reason
    request.save(update_fields=["status", "cancelled_by", "cancel_reason"])
    meeting.delete()
    told = [r for r in (request.sender, request.recipient) if side is None or r.pk != side.pk]
    for registration in told:
        notifications.meeting_cancelled(request, registration, when=when, by_organiser=side is None)
    audit_log(
        actor=actor, action="rabta.event.meeting.cancelled", obj=request,
        data={"by": "organiser" if side is None else side.pk, "reason": reason},
    )  # fmt: skip
    schedule.schedule_publish_change(
        actor=actor, event=event, note=_("A meeting was cancelled."),
        quiet=frozenset((request.sender_id, request.recipient_id)),
    )  # fmt: skip
    return request


@transaction.atomic
def meeting_request_withdraw(*, actor, request: MeetingRequest) -> MeetingRequest:
    """The sender withdraws a request that has no meeting; the recipient is told."""
    side = _side_of(actor, request)
    if side is None or side.pk != request.sender_id:
        raise NotPermitted(_("Only the participant who sent a request can withdraw it."))
    request = MeetingRequest.objects.for_event(request.event).select_for_update().get(pk=request.pk)
    if request.status not in LIVE:
        raise InvalidInput(_("This request is no longer open; there is nothing to withdraw."))
    if Meeting.objects.for_event(request.event).filter(request=request).exists():
        raise InvalidInput(_("This request has a meeting. Cancel the meeting instead."))
    request.status = MeetingRequest.Status.CANCELLED
    request.cancelled_by = side
    request.save(update_fields=["status", "cancelled_by"])
    notifications.request_withdrawn(request)
    return request


@transaction.atomic
def registration_cancel(
    *, actor, registration: Registration, now: datetime | None = None
) -> Registration:
    """Cancel a registration: its open requests are cancelled, its meetings still to come are
    freed and every partner concerned is told; meetings already held stay on record."""
    event = registration.event
    if not acts_for(actor, registration):
        raise NotPermitted()
    _lock_event(event)
    now = now or timezone.now()
    registration = Registration.objects.for_event(event).select_for_update().get(pk=registration.pk)
    if registration.status in (Registration.Status.CANCELLED, Registration.Status.REJECTED):
        raise InvalidInput(_("This registration is not active; there is nothing to cancel."))
    meetings = list(
        Meeting.objects.for_event(event)
        .filter(seats__registration=registration, slot__start__gt=now)
        .select_related("request__sender__organisation", "request__recipient__organisation")
        .distinct()
    )
    past = set(
        Meeting.objects.for_event(event)
        .filter(seats__registration=registration, slot__start__lte=now)
        .values_list("request_id", flat=True)
    )
    requests = list(
        MeetingRequest.objects.for_event(event).filter(
            Q(sender=registration) | Q(recipient=registration), status__in=LIVE
        )
    )
    partners: set[int] = set()
    cancelled = [q for q in requests if q.pk not in past]
    for q in cancelled:
        partners.add(q.recipient_id if q.sender_id == registration.pk else q.sender_id)
    MeetingRequest.objects.for_event(event).filter(pk__in=[q.pk for q in cancelled]).update(
        status=MeetingRequest.Status.CANCELLED, cancelled_by=registration
    )
    Meeting.objects.for_event(event).filter(pk__in=[m.pk for m in meetings]).delete()
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    for partner in (
        Registration.objects.for_event(event)
        .filter(pk__in=partners)
        .select_related("registered_by")
        .prefetch_related("attendees")
    ):
        notifications.registration_cancelled(event, registration, partner)
    audit_log(
        actor=actor, action="rabta.event.registration.cancelled", obj=registration,
        data={"meetings": len(meetings), "requests": len(cancelled)},
    )  # fmt: skip
    schedule.schedule_publish_change(
        actor=actor, event=event, note=_("A participant cancelled their registration."),
        quiet=frozenset(partners | {registration.pk}),
    )  # fmt: skip
    return registration


# ---------------------------------------------------------------- after publication


def after_accept(request: MeetingRequest) -> None:
    """A request accepted after the schedule was published is placed once this transaction
    commits (in the background), moving nobody else."""
    from rabta.events.tasks import place_late_acceptance

    event = request.event
    if event.is_self_scheduling or event.published_version == 0:
        return
    transaction.on_commit(lambda: place_late_acceptance.enqueue(request_id=request.pk))


@transaction.atomic
def meeting_place_late(*, request_id: int, now: datetime | None = None) -> Meeting | None:
    """Place an accepted request into a free common slot with the engine's repair, moving no
    other meeting. Both sides are told: their new meeting (through the agenda-changed e-mail),
    or why it could not be placed; then it waits for the organiser."""
    request = (
        MeetingRequest.objects.unscoped()
        .select_related("event", "sender__organisation", "recipient__organisation")
        .filter(pk=request_id)
        .first()
    )
    if request is None or request.status != MeetingRequest.Status.ACCEPTED:
        return None
    event = _lock_event(request.event)
    if Meeting.objects.for_event(event).filter(request=request).exists():
        return None
    now = now or timezone.now()
    bridge, current = _live(event, now)
    key = _key(request)
    if key not in bridge.requests:
        return None
    placed = engine.place_one(bridge, current, key)
    if placed is None:
        why = engine.unplaced(bridge, current).get(request.pk)
        reason = why.reason if why else "no_common_slot"
        full = engine.pk_of(why.participant) if why and why.participant else None
        notifications.meeting_not_placed(request, reason=reason, full_registration_id=full)
        audit_log(
            actor=None, action="rabta.event.meeting.not_placed", obj=request,
            data={"reason": reason},
        )  # fmt: skip
        return None
    meeting = _write(event, {key: placed}, source=Meeting.Source.ENGINE)[key]
    audit_log(actor=None, action="rabta.event.meeting.placed_late", obj=meeting)
    schedule.schedule_publish_change(
        actor=None, event=event, note=_("A request accepted after publication was placed.")
    )
    return meeting


# ---------------------------------------------------------------- request rules (daily)


@transaction.atomic
def meeting_requests_remind(*, event: Event, now: datetime | None = None) -> int:
    """Remind the recipients of requests unanswered for the event's ``request_reminder_days``
    (once per request, while requests are open). Returns the number of reminders."""
    now = now or timezone.now()
    days = event.request_reminder_days
    if not days or not event.requests_are_open(now):
        return 0
    due = list(
        MeetingRequest.objects.for_event(event)
        .select_for_update()
        .filter(
            status=MeetingRequest.Status.PENDING,
            reminded_at__isnull=True,
            created_at__lte=now - timedelta(days=days),
        )
        .select_related("sender__organisation", "recipient__organisation", "event")
    )
    for request in due:
        notifications.request_reminder(request)
    MeetingRequest.objects.for_event(event).filter(pk__in=[q.pk for q in due]).update(
        reminded_at=now
    )
    return len(due)


@transaction.atomic
def meeting_requests_expire(*, event: Event, now: datetime | None = None) -> int:
    """At the request deadline, requests still unanswered expire; their senders are told.
    Returns the number expired."""
    now = now or timezone.now()
    if event.requests_close is None or now < event.requests_close:
        return 0
    expired = list(
        MeetingRequest.objects.for_event(event)
        .select_for_update()
        .filter(status=MeetingRequest.Status.PENDING)
        .select_related("sender__organisation", "recipient__organisation", "event")
    )
    MeetingRequest.objects.for_event(event).filter(pk__in=[q.pk for q in expired]).update(
        status=MeetingRequest.Status.EXPIRED
    )
    for request in expired:
        notifications.request_expired(request)
    return len(expired)
