"""Every write of the events app: set-up, registrations, meeting requests, self-booking.

Scheduling runs, publication, repair and the day itself are in ``schedule.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.events import notifications
from rabta.events.invitation_services import clean_emails, issue_invitations
from rabta.events.invitations import Invitation
from rabta.events.models import (
    Badge,
    Event,
    Interpreter,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    Session,
    Slot,
    Table,
)
from rabta.events.permissions import (
    can_create_events,
    can_decide,
    can_manage,
    co_organised_by,
    require_acts_for,
    require_manager,
)
from rabta.events.slots import derive_slot_times

EVENT_FIELDS = (
    "name", "description", "organiser", "venue", "city", "time_zone", "registration_opens",
    "registration_closes", "requests_open", "requests_close", "max_meetings", "request_mode",
    "scheduling_mode", "format", "is_listed", "max_requests_sent", "max_requests_pending",
    "request_reminder_days",
)  # fmt: skip


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise InvalidInput.from_django(error) from error


# ---------------------------------------------------------------- events


@transaction.atomic
def event_create(*, actor, slug: str, **fields) -> Event:
    if not can_create_events(actor):
        raise NotPermitted(_("Only organisers can create events."))
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise InvalidInput(field_errors={key: [_("Unknown field.")] for key in sorted(unknown)})
    if Event.objects.filter(slug=slug).exists():
        raise InvalidInput(field_errors={"slug": [_("An event with this address already exists.")]})
    event = Event(slug=slug, created_by=actor, **fields)
    _full_clean(event)
    event.save()
    audit_log(actor=actor, action="rabta.event.created", obj=event)
    return event


@transaction.atomic
def event_update(*, actor, event: Event, **fields) -> Event:
    require_manager(actor, event)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise InvalidInput(field_errors={key: [_("Unknown field.")] for key in sorted(unknown)})
    for key, value in fields.items():
        setattr(event, key, value)
    _full_clean(event)
    event.save()
    audit_log(actor=actor, action="rabta.event.updated", obj=event, data={"fields": sorted(fields)})
    return event


# ---------------------------------------------------------------- sessions and slots


@transaction.atomic
def session_add(
    *,
    actor,
    event: Event,
    date: date,
    start: time,
    end: time,
    meeting_minutes: int = 20,
    break_minutes: int = 5,
    pause_start: time | None = None,
    pause_end: time | None = None,
    name: dict | None = None,
) -> Session:
    """Add a session and derive its slots; a slot overlapping another of the event is refused."""
    require_manager(actor, event)
    errors: dict[str, list[str]] = {}
    if end <= start:
        errors["end"] = [_("The session must end after it starts.")]
    if not 5 <= meeting_minutes <= 240:
        errors["meeting_minutes"] = [_("A meeting lasts between 5 and 240 minutes.")]
    if break_minutes > 120:
        errors["break_minutes"] = [_("A break between meetings lasts at most 120 minutes.")]
    if (pause_start is None) != (pause_end is None):
        errors["pause_end"] = [_("Give both the start and the end of the pause, or neither.")]
    elif pause_start and pause_end and pause_end <= pause_start:
        errors["pause_end"] = [_("The pause must end after it starts.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    times = derive_slot_times(
        day=date, start=start, end=end, meeting_minutes=meeting_minutes, break_minutes=break_minutes,
        pause_start=pause_start, pause_end=pause_end, tz=event.tz,
    )  # fmt: skip
    if not times:
        raise InvalidInput(field_errors={"end": [_("The session is too short for one meeting.")]})
    overlapping = Slot.objects.for_event(event).filter(start__lt=times[-1][1], end__gt=times[0][0])
    if overlapping.exists():
        raise InvalidInput(
            field_errors={"start": [_("This session overlaps another session of the event.")]}
        )
    session = Session(
        event=event, name=name or {}, date=date, start=start, end=end, meeting_minutes=meeting_minutes,
        break_minutes=break_minutes, pause_start=pause_start, pause_end=pause_end,
    )  # fmt: skip
    _full_clean(session, exclude=["event"])
    session.save()
    Slot.objects.bulk_create(
        Slot(event=event, session=session, position=i, start=s, end=e)
        for i, (s, e) in enumerate(times)
    )
    audit_log(
        actor=actor, action="rabta.event.session.added", obj=event, data={"session": session.pk}
    )
    return session


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    event = session.event
    require_manager(actor, event)
    if Meeting.objects.for_event(event).filter(slot__session=session).exists():
        raise InvalidInput(_("This session has meetings; it cannot be deleted."))
    audit_log(
        actor=actor, action="rabta.event.session.deleted", obj=event, data={"session": str(session)}
    )
    session.delete()


# ---------------------------------------------------------------- tables and interpreters


@transaction.atomic
def tables_add(
    *,
    actor,
    event: Event,
    count: int,
    first_number: int | None = None,
    sessions: Iterable[Session] = (),
    seats: int = 2,
) -> list[Table]:
    """Add ``count`` numbered tables (numbering continues after the highest), each seating
    ``seats`` people (a group session needs one seating its host and members)."""
    require_manager(actor, event)
    if not 1 <= count <= 1000:
        raise InvalidInput(field_errors={"count": [_("Add between 1 and 1000 tables at a time.")]})
    if not 2 <= seats <= 60:
        raise InvalidInput(field_errors={"seats": [_("A table seats between 2 and 60 people.")]})
    existing = set(Table.objects.for_event(event).values_list("number", flat=True))
    start = first_number if first_number is not None else max(existing, default=0) + 1
    numbers = list(range(start, start + count))
    if existing & set(numbers):
        raise InvalidInput(
            field_errors={"first_number": [_("Some of these table numbers already exist.")]}
        )
    tables = Table.objects.bulk_create(Table(event=event, number=n, seats=seats) for n in numbers)
    sessions = list(sessions)
    for table in tables:
        if sessions:
            table.sessions.set(sessions)
    audit_log(actor=actor, action="rabta.event.tables.added", obj=event, data={"numbers": numbers})
    return tables


@transaction.atomic
def table_delete(*, actor, table: Table) -> None:
    require_manager(actor, table.event)
    if table.meetings.exists():
        raise InvalidInput(
            _("Table %(number)s has meetings. Move them or mark the table out of service instead.")
            % {"number": table.number}
        )
    audit_log(
        actor=actor,
        action="rabta.event.table.deleted",
        obj=table.event,
        data={"number": table.number},
    )
    table.delete()


@transaction.atomic
def interpreter_add(
    *,
    actor,
    event: Event,
    name: str,
    languages: list[str],
    user=None,
    sessions: Iterable[Session] = (),
) -> Interpreter:
    require_manager(actor, event)
    interpreter = Interpreter(event=event, name=name.strip(), languages=list(languages), user=user)
    _full_clean(interpreter, exclude=["event", "user"])
    if len(set(languages)) < 2:
        raise InvalidInput(
            field_errors={"languages": [_("An interpreter speaks at least two languages.")]}
        )
    interpreter.save()
    sessions = list(sessions)
    if sessions:
        interpreter.sessions.set(sessions)
    audit_log(
        actor=actor,
        action="rabta.event.interpreter.added",
        obj=event,
        data={"name": interpreter.name},
    )
    return interpreter


# ---------------------------------------------------------------- invitations and registrations


@transaction.atomic
def event_invite(
    *, actor, event: Event, emails: Iterable[str], language: str | None = None, brought_by=None
) -> int:
    """E-mail each address its own single-use invitation link (events.invitation_services);
    returns the number of people invited. People with an account read it in their own
    language, other addresses in ``language``. A co-organiser's
    invitations record it as who brought the guests (``brought_by``; a manager may name any
    co-organiser, or none)."""
    mine = co_organised_by(actor, event)
    if not can_manage(actor, event):
        if not mine:
            raise NotPermitted()
        brought_by_id = getattr(brought_by, "pk", None) or min(mine)
        if brought_by_id not in mine:
            raise NotPermitted()
        brought_by = event.co_organisers.get(organisation_id=brought_by_id).organisation
    elif (
        brought_by is not None and not event.co_organisers.filter(organisation=brought_by).exists()
    ):
        raise InvalidInput(
            field_errors={"brought_by": [_("Choose one of the event's co-organisers.")]}
        )
    addresses = clean_emails(emails)
    issue_invitations(
        actor=actor, event=event, addresses=addresses, language=language, brought_by=brought_by
    )
    audit_log(
        actor=actor,
        action="rabta.event.invited",
        obj=event,
        data={
            "count": len(addresses),
            "brought_by": brought_by.slug if brought_by is not None else None,
        },
    )
    return len(addresses)


@transaction.atomic
def registration_create(
    *,
    actor,
    event: Event,
    organisation,
    attendees: Iterable,
    sessions: Iterable[Session],
    languages: list[str],
    has_stand: bool = False,
    stand: str = "",
    invitation: Invitation | None = None,
) -> Registration:
    """Register ``organisation``. An unlisted event takes only people holding its invitation."""
    if (
        not actor.is_authenticated
        or not actor.memberships.filter(organisation=organisation).exists()
    ):
        raise NotPermitted(_("You can only register an organisation you belong to."))
    errors: dict[str, list[str]] = {}
    if not (event.is_listed or invitation is not None) or not event.registration_is_open():
        raise InvalidInput(_("Registration for this event is not open."))
    if not organisation.is_approved:
        raise InvalidInput(_("Your organisation must be approved before it can register."))
    if Registration.objects.for_event(event).filter(organisation=organisation).exists():
        raise InvalidInput(_("Your organisation is already registered for this event."))
    attendees = list(attendees)
    member_ids = set(organisation.members.values_list("user_id", flat=True))
    if not attendees:
        errors["attendees"] = [_("Choose who attends.")]
    elif any(user.pk not in member_ids for user in attendees):
        errors["attendees"] = [_("Only members of your organisation can attend for it.")]
    else:  # one person, one agenda: nobody attends an event for two organisations
        elsewhere = (
            Registration.attendees.through.objects.filter(
                registration__event=event, user__in=attendees
            )
            .exclude(
                registration__status__in=[
                    Registration.Status.REJECTED,
                    Registration.Status.CANCELLED,
                ]
            )
            .select_related("user", "registration__organisation")
        )
        errors["attendees"] = [
            _("%(person)s already attends this event for %(organisation)s.")
            % {"person": row.user, "organisation": row.registration.organisation}
            for row in elsewhere
        ]
        if not errors["attendees"]:
            del errors["attendees"]
    sessions = list(sessions)
    if not sessions:
        errors["sessions"] = [_("Choose at least one session you can attend.")]
    elif any(s.event_id != event.pk for s in sessions):
        errors["sessions"] = [_("Choose sessions of this event.")]
    if not languages:
        errors["languages"] = [_("Choose the languages you can hold a meeting in.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    brought_by_id = invitation.brought_by_id if invitation is not None else None
    if brought_by_id and not event.co_organisers.filter(organisation_id=brought_by_id).exists():
        brought_by_id = None  # no longer a co-organiser: the organisers validate it
    registration = Registration(
        event=event, organisation=organisation, registered_by=actor, languages=list(languages),
        has_stand=has_stand, stand=stand.strip() if has_stand else "", brought_by_id=brought_by_id,
    )  # fmt: skip
    _full_clean(registration, exclude=["event", "organisation", "registered_by"])
    registration.save()
    registration.attendees.set(attendees)
    registration.sessions.set(sessions)
    return registration


@transaction.atomic
def registration_decide(*, actor, registration: Registration, approve: bool) -> Registration:
    """Approve or reject: the event's managers, or the co-organiser that brought it."""
    if not can_decide(actor, registration):
        raise NotPermitted(
            _("Only the event's organisers and the co-organiser that brought it decide on it.")
        )
    registration.status = Registration.Status.APPROVED if approve else Registration.Status.REJECTED
    registration.save(update_fields=["status"])
    action = "approved" if approve else "rejected"
    audit_log(actor=actor, action=f"rabta.event.registration.{action}", obj=registration)
    return registration


# ---------------------------------------------------------------- meeting requests


def _pair(a: Registration, b: Registration) -> tuple[Registration, Registration]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def meeting_request_send(
    *,
    actor,
    sender: Registration,
    recipient: Registration,
    message: str = "",
    online: bool = False,
    recipient_person: Badge | None = None,
    now: datetime | None = None,
) -> MeetingRequest:
    """Ask for a meeting. A request to someone who already asked you accepts theirs (mutual).
    ``online``: a video call, in a hybrid event. ``recipient_person``: one representative of
    an organisation whose representatives meet in parallel (else the scheduler chooses)."""
    event = sender.event
    require_acts_for(actor, sender)
    if recipient_person is not None and (
        recipient_person.registration_id != recipient.pk or not recipient.separate_agendas
    ):
        raise InvalidInput(
            field_errors={
                "recipient_person": [
                    _("Choose one of the representatives of the organisation you ask.")
                ]
            }
        )
    if online and event.format == Event.Format.IN_PERSON:
        raise InvalidInput(field_errors={"online": [_("This event has no online meetings.")]})
    if recipient.event_id != event.pk:
        raise NotFound()
    if not event.requests_are_open(now):
        raise InvalidInput(_("Meeting requests are not open for this event."))
    if recipient.pk == sender.pk:
        raise InvalidInput(_("You cannot request a meeting with yourself."))
    if not sender.is_approved:
        raise InvalidInput(_("Your registration has not been approved yet."))
    if not recipient.is_approved or recipient.attendance == Registration.Attendance.NO_SHOW:
        raise InvalidInput(_("This participant is not attending the event."))
    message = message.strip()
    if len(message) > 500:
        raise InvalidInput(field_errors={"message": [_("Keep the message under 500 characters.")]})
    low, high = _pair(sender, recipient)
    live = _live_request(event, low, high)
    if live is not None:
        return _accept_as_mutual(live, sender)
    _check_request_caps(event, sender)
    auto = event.request_mode == Event.RequestMode.AUTO_ACCEPT
    request = MeetingRequest(
        event=event, sender=sender, recipient=recipient, message=message, low=low, high=high,
        online=online, recipient_person=recipient_person,
        status=MeetingRequest.Status.ACCEPTED if auto else MeetingRequest.Status.PENDING,
        answered_at=timezone.now() if auto else None,
    )  # fmt: skip
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        # The other side asked at the same moment and committed first: their request is
        # visible now, and asking back accepts it, as it would have a second later.
        live = _live_request(event, low, high)
        if live is None:
            raise InvalidInput(
                _("You have already requested a meeting with this participant.")
            ) from error
        return _accept_as_mutual(live, sender)
    notifications.request_received(request)
    if auto:
        _after_accept(request)
    return request


def _live_request(event: Event, low: Registration, high: Registration) -> MeetingRequest | None:
    """The pair's pending or accepted request, locked until the transaction ends."""
    return (
        MeetingRequest.objects.for_event(event)
        .select_for_update()
        .filter(
            low=low,
            high=high,
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        )
        .first()
    )


def _accept_as_mutual(live: MeetingRequest, sender: Registration) -> MeetingRequest:
    """``sender`` asks back someone who asked them: their request is accepted, and mutual."""
    if live.sender_id == sender.pk or live.status == MeetingRequest.Status.ACCEPTED:
        raise InvalidInput(_("You have already requested a meeting with this participant."))
    live.status = MeetingRequest.Status.ACCEPTED
    live.mutual = True
    live.answered_at = timezone.now()
    live.save(update_fields=["status", "mutual", "answered_at"])
    notifications.request_accepted(live)
    _after_accept(live)
    return live


def _check_request_caps(event: Event, sender: Registration) -> None:
    """The event's caps on requests a participant sends, and on those still unanswered."""
    sent = MeetingRequest.objects.for_event(event).filter(sender=sender)
    cap = event.max_requests_sent
    if cap is not None and sent.exclude(status=MeetingRequest.Status.CANCELLED).count() >= cap:
        raise InvalidInput(
            ngettext(
                "You have sent %(count)s request, the most this event allows.",
                "You have sent %(count)s requests, the most this event allows.",
                cap,
            )
            % {"count": cap}
        )
    cap = event.max_requests_pending
    if cap is not None and sent.filter(status=MeetingRequest.Status.PENDING).count() >= cap:
        raise InvalidInput(
            ngettext(
                "You have %(count)s request waiting for an answer, the most this event allows. "
                "Wait for an answer or withdraw a request first.",
                "You have %(count)s requests waiting for an answer, the most this event allows. "
                "Wait for an answer or withdraw a request first.",
                cap,
            )
            % {"count": cap}
        )


def _after_accept(request: MeetingRequest) -> None:
    from rabta.events.meeting_services import after_accept

    after_accept(request)


@transaction.atomic
def meeting_request_answer(
    *, actor, request: MeetingRequest, accept: bool, now: datetime | None = None
) -> MeetingRequest:
    require_acts_for(actor, request.recipient)
    # The row stays locked until the answer commits: of two answers at once (accept and decline,
    # two browser tabs), the second waits, then finds the request answered and is refused.
    given = request
    request = MeetingRequest.objects.for_event(request.event).select_for_update().get(pk=request.pk)
    if request.status == MeetingRequest.Status.EXPIRED or (
        request.status == MeetingRequest.Status.PENDING
        and request.event.requests_close is not None
        and (now or timezone.now()) >= request.event.requests_close
    ):
        raise InvalidInput(_("This request expired at the deadline for meeting requests."))
    if request.status == MeetingRequest.Status.CANCELLED:
        raise InvalidInput(_("This request has been withdrawn."))
    if request.status != MeetingRequest.Status.PENDING:
        raise InvalidInput(_("This request has already been answered."))
    request.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    given.status, given.answered_at = request.status, request.answered_at
    if accept:
        notifications.request_accepted(request)
        _after_accept(request)
    else:
        notifications.request_declined(request)
    return request


@transaction.atomic
def meeting_request_set_online(*, actor, request: MeetingRequest, online: bool) -> MeetingRequest:
    """In a hybrid event, either side (or an organiser) makes a meeting a video call, or an
    in-person meeting again. A scheduled meeting that goes online gives up its table or stand;
    one scheduled online cannot come back to a table here (the organiser moves it)."""
    event = request.event
    if not (
        can_manage(actor, event) or _acts(actor, request.sender) or _acts(actor, request.recipient)
    ):
        raise NotPermitted()
    if event.format != Event.Format.HYBRID:
        raise InvalidInput(_("Only in a hybrid event can a single meeting be online."))
    request = MeetingRequest.objects.for_event(event).select_for_update().get(pk=request.pk)
    if request.status not in (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED):
        raise InvalidInput(_("This request is no longer open."))
    if request.online == online:
        return request
    meeting = (
        Meeting.objects.for_event(event).filter(request=request).select_related("slot").first()
    )
    if meeting is not None and meeting.slot.start <= timezone.now():
        raise InvalidInput(_("This meeting has already started."))
    if meeting is not None and not online:
        raise InvalidInput(
            _(
                "This meeting is already scheduled as a video call. Ask the organiser to move it "
                "to a table."
            )
        )
    request.online = online
    request.save(update_fields=["online"])
    if meeting is not None:
        meeting.table = None
        meeting.stand = ""
        meeting.save(update_fields=["table", "stand"])
    audit_log(
        actor=actor,
        action="rabta.event.meeting_request.online",
        obj=event,
        data={"request": request.pk, "online": online},
    )
    return request


@transaction.atomic
def meeting_request_set_required(
    *, actor, request: MeetingRequest, required: bool
) -> MeetingRequest:
    require_manager(actor, request.event)
    request.required = required
    request.save(update_fields=["required"])
    audit_log(
        actor=actor, action="rabta.event.request.required", obj=request, data={"required": required}
    )
    return request


# ---------------------------------------------------------------- meetings (self-booking and by hand)


def create_meeting(
    *,
    request: MeetingRequest,
    slot: Slot,
    table: Table | None,
    stand: str = "",
    interpreter: Interpreter | None = None,
    source: str = Meeting.Source.ENGINE,
    locked: bool = False,
    persons: tuple = (None, None),
) -> Meeting:
    """Insert a meeting and its two seats; the database refuses any double booking.
    ``persons``: the representative who meets on each side (sender, recipient), or None."""
    sender_person, recipient_person = persons
    meeting = Meeting.objects.create(
        event_id=request.event_id, request=request, slot=slot, table=table, stand=stand,
        interpreter=interpreter, source=source, locked=locked,
        sender_person=sender_person, recipient_person=recipient_person,
    )  # fmt: skip
    MeetingSeat.objects.bulk_create(
        MeetingSeat(
            event_id=request.event_id,
            slot=slot,
            registration_id=rid,
            person=person,
            meeting=meeting,
        )  # fmt: skip
        for rid, person in (
            (request.sender_id, sender_person),
            (request.recipient_id, recipient_person),
        )
    )
    return meeting


def _stand_of(request: MeetingRequest) -> str:
    for registration in (request.recipient, request.sender):
        if registration.has_stand:
            return registration.stand_name
    return ""


@transaction.atomic
def meeting_book(*, actor, request: MeetingRequest, slot: Slot) -> Meeting:
    """Self-scheduling: book ``slot`` for an accepted request, at a free table (or a stand).

    Who meets on a side whose representatives meet in parallel: the person the request names,
    else the booker if they attend for it (``group_selectors.booking_persons``); the meeting is
    on that person's agenda only, and only their own meetings (and their organisation's
    unnamed ones) keep them busy."""
    from rabta.events.engine import available_slots, interpreter_for
    from rabta.events.group_selectors import booking_persons, seats_taken

    event = request.event
    if not event.is_self_scheduling:
        raise InvalidInput(_("The organiser schedules this event; slots cannot be booked."))
    if not any(_acts(actor, r) for r in (request.sender, request.recipient)):
        raise NotPermitted()
    if slot.event_id != event.pk:
        raise NotFound()
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise InvalidInput(_("Only an accepted request can be booked."))
    if slot.start <= timezone.now():
        raise InvalidInput(_("This slot has already started. Choose a later slot."))
    if Meeting.objects.for_event(event).filter(request=request).exists():
        raise InvalidInput(_("This meeting is already booked."))
    # Both sides' rows stay locked until the booking commits, so two bookings at once cannot
    # take a participant past the event's maximum.
    list(
        Registration.objects.for_event(event)
        .select_for_update()
        .filter(pk__in=[request.sender_id, request.recipient_id])
        .order_by("pk")
    )
    persons = booking_persons(request, actor)
    sides = list(zip((request.sender, request.recipient), persons, strict=True))
    for registration, person in sides:
        if seats_taken(registration, person).filter(slot=slot).exists():
            # A seat of the organisation as a whole and one of its representatives are two
            # different rows to the database: this check, under both rows' lock, keeps them apart.
            raise InvalidInput(_("This slot was taken meanwhile. Choose another slot."))
    for registration, person in sides:
        booked = seats_taken(registration, person).count()
        if booked >= event.max_meetings:
            raise InvalidInput(
                _("%(name)s already has as many meetings as the organiser allows.")
                % {"name": registration.organisation}
            )
    for registration in (request.sender, request.recipient):
        if slot.pk not in available_slots(registration):
            raise InvalidInput(
                _("%(name)s is not available in this slot.") % {"name": registration.organisation}
            )
    online = request.is_online  # a video call: no table, no stand
    stand = "" if online else _stand_of(request)
    tables = [] if stand or online else _tables_free(event, slot)
    # Another booking may take the table (or the interpreter) chosen here between the choice and
    # the insert: the database refuses the second, and the booking moves on to the next free one.
    for _attempt in range(len(tables) + 3):
        interpreter = interpreter_for(request, slot, persons)
        if interpreter is False:
            raise InvalidInput(_("No interpreter is free in this slot for your languages."))
        table = None
        if not stand and not online:
            taken = set(
                Meeting.objects.for_event(event)
                .filter(slot=slot, table__isnull=False)
                .values_list("table_id", flat=True)
            )
            free = [t for t in tables if t.pk not in taken]
            if not free:
                raise InvalidInput(_("Every table is taken in this slot. Choose another slot."))
            table = free[0]
        try:
            with transaction.atomic():
                return create_meeting(
                    request=request, slot=slot, table=table, stand=stand,
                    interpreter=interpreter or None, source=Meeting.Source.BOOKED,
                    persons=persons,
                )  # fmt: skip
        except IntegrityError as error:
            taken = any(seats_taken(r, p).filter(slot=slot).exists() for r, p in sides)
            if taken or Meeting.objects.for_event(event).filter(request=request).exists():
                raise InvalidInput(
                    _("This slot was taken meanwhile. Choose another slot.")
                ) from error
    raise InvalidInput(_("This slot was taken meanwhile. Choose another slot."))


def _acts(actor, registration: Registration) -> bool:
    from rabta.events.permissions import acts_for

    return acts_for(actor, registration)


def _tables_free(event: Event, slot: Slot) -> list[Table]:
    from rabta.events.engine import table_available_slots

    return [
        t
        for t in Table.objects.for_event(event).prefetch_related("sessions")
        if slot.pk in table_available_slots(t)
    ]


@transaction.atomic
def meeting_cancel_booking(*, actor, meeting: Meeting) -> None:
    request = meeting.request
    if not meeting.event.is_self_scheduling:
        raise InvalidInput(_("The organiser schedules this event."))
    if not any(_acts(actor, r) for r in (request.sender, request.recipient)):
        raise NotPermitted()
    meeting.delete()


@transaction.atomic
def meeting_lock(*, actor, meeting: Meeting, locked: bool) -> Meeting:
    require_manager(actor, meeting.event)
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    audit_log(
        actor=actor,
        action="rabta.event.meeting.locked" if locked else "rabta.event.meeting.unlocked",
        obj=meeting,
    )
    return meeting
