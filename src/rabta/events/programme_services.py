"""Every write of the event programme: items, sign-ups and the waiting list, invitations, VIPs,
the protocol list of visits and its purge after the event.

Capacity is enforced inside one transaction that locks the item's row (``select_for_update``:
a real row lock on PostgreSQL; SQLite serialises writers anyway), so two people can never take
the last seat at once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rabta.core import validation
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import notifications
from rabta.events.models import (
    Event,
    MeetingSeat,
    ProgrammeItem,
    ProtocolEntry,
    Registration,
    Session,
    SignUp,
    Slot,
)
from rabta.events.permissions import can_manage, require_manager

ITEM_FIELDS = (
    "kind", "title", "description", "start", "end", "room", "address", "map_url", "host",
    "languages", "interpretation", "capacity", "has_waiting_list", "travel_minutes",
    "departure_point", "departure_time", "is_open",
)  # fmt: skip

LIVE = (SignUp.Status.CONFIRMED, SignUp.Status.WAITING)


# ---------------------------------------------------------------- items


def event_days(event: Event) -> set[date]:
    """The event's days: the dates of its sessions."""
    return set(Session.objects.for_event(event).values_list("date", flat=True))


def event_end(event: Event) -> datetime | None:
    """When the event is over: the end of its last slot or programme item."""
    ends = [
        Slot.objects.for_event(event).aggregate(end=Max("end"))["end"],
        ProgrammeItem.objects.for_event(event).aggregate(end=Max("end"))["end"],
    ]
    return max(filter(None, ends), default=None)


def _check_item(item: ProgrammeItem) -> dict[str, list[str]]:
    """Field errors of an item (beyond the model's own validation)."""
    event = item.event
    errors: dict[str, list[str]] = {}
    if item.start and item.end and item.end <= item.start:
        errors["end"] = [_("The item must end after it starts.")]
    days = event_days(event)
    for field in ("start", "end"):
        value = getattr(item, field)
        if value is None:
            continue
        local = timezone.localtime(value, event.tz)
        if field == "end" and local.time() == datetime.min.time():
            local -= timedelta(microseconds=1)  # ends at midnight: still that day
        if local.date() not in days:
            errors.setdefault(field, []).append(
                _("The programme must take place on the event's days (the dates of its sessions).")
            )
    if item.kind == ProgrammeItem.Kind.VISIT and item.host_id is None:
        errors["host"] = [_("A company visit needs a host organisation.")]
    if item.capacity is not None and item.capacity < 1:
        errors["capacity"] = [_("The capacity must be at least one person, or empty.")]
    if item.travel_minutes > 240:
        errors["travel_minutes"] = [_("Travel time is at most 240 minutes each way.")]
    if item.departure_time and item.start and item.departure_time > item.start:
        errors["departure_time"] = [_("Transport must leave before the item starts.")]
    if item.departure_time and not item.departure_point:
        errors["departure_point"] = [_("Say where the transport leaves from.")]
    if item.room and item.start and item.end and "end" not in errors:
        clash = (
            ProgrammeItem.objects.for_event(event)
            .filter(room__iexact=item.room.strip(), start__lt=item.end, end__gt=item.start)
            .exclude(pk=item.pk)
            .first()
        )
        if clash is not None:
            errors.setdefault("room", []).append(
                _("%(room)s is already used by “%(title)s” at that time.")
                % {"room": item.room, "title": clash}
            )
    return errors


def _save_item(actor, item: ProgrammeItem) -> None:
    errors = _check_item(item)
    try:
        item.full_clean(exclude=["event", "host"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in validation.message_dict(error).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise InvalidInput(field_errors=errors)
    item.save()


def _fields(fields: dict) -> dict:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise InvalidInput(field_errors={key: [_("Unknown field.")] for key in sorted(unknown)})
    if "room" in fields and isinstance(fields["room"], str):
        fields["room"] = fields["room"].strip()
    return fields


@transaction.atomic
def programme_item_create(*, actor, event: Event, **fields) -> ProgrammeItem:
    require_manager(actor, event)
    fields = _fields(fields)
    # One writer at a time per event, so two overlapping items cannot slip into one room.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    item = ProgrammeItem(event=event, **fields)
    _save_item(actor, item)
    audit_log(
        actor=actor, action="rabta.event.programme.created", obj=event, data={"item": item.pk}
    )
    return item


@transaction.atomic
def programme_item_update(*, actor, item: ProgrammeItem, **fields) -> ProgrammeItem:
    event = item.event
    require_manager(actor, event)
    fields = _fields(fields)
    Event.objects.select_for_update().filter(pk=event.pk).first()
    item = _locked(item)
    capacity_before = item.capacity
    for key, value in fields.items():
        setattr(item, key, value)
    _save_item(actor, item)
    if item.capacity != capacity_before:
        _promote(item)  # more seats: the waiting list moves up at once
    audit_log(
        actor=actor,
        action="rabta.event.programme.updated",
        obj=event,
        data={"item": item.pk, "fields": sorted(fields)},
    )
    return item


@transaction.atomic
def programme_item_delete(*, actor, item: ProgrammeItem) -> None:
    event = item.event
    require_manager(actor, event)
    audit_log(
        actor=actor,
        action="rabta.event.programme.deleted",
        obj=event,
        data={"item": item.pk, "title": str(item)},
    )
    item.delete()


# ---------------------------------------------------------------- sign-ups


def _locked(item: ProgrammeItem) -> ProgrammeItem:
    """The item's row, locked until the transaction ends."""
    locked = ProgrammeItem.objects.for_event(item.event_id).select_for_update().get(pk=item.pk)
    locked.event = item.event
    return locked


def _confirmed_count(item: ProgrammeItem) -> int:
    return SignUp.objects.filter(item=item, status=SignUp.Status.CONFIRMED).count()


def _participant_registration(event: Event, user) -> Registration:
    registration = (
        Registration.objects.for_event(event)
        .filter(organisation__members__user=user, status=Registration.Status.APPROVED)
        .select_related("organisation")
        .first()
    )
    if registration is None:
        raise NotPermitted(_("Only participants with an approved registration can sign up."))
    registration.event = event
    return registration


def _place(item: ProgrammeItem, *, registration: Registration, user, invited: bool,
           is_vip: bool) -> SignUp:  # fmt: skip
    """Give ``user`` a seat, a place on the waiting list, or refuse (inside a transaction)."""
    item = _locked(item)
    if SignUp.objects.filter(item=item, user=user, status__in=LIVE).exists():
        raise InvalidInput(_("%(name)s is already signed up for this item.") % {"name": user})
    elsewhere = (
        SignUp.objects.filter(
            user=user, status=SignUp.Status.CONFIRMED, item__start__lt=item.end,
            item__end__gt=item.start,
        )
        .filter(item__event_id=item.event_id)
        .exclude(item=item)
        .select_related("item")
        .first()
    )  # fmt: skip
    if elsewhere is not None:
        raise InvalidInput(
            _("%(name)s already attends “%(title)s” at that time.")
            % {"name": user, "title": elsewhere.item}
        )
    full = item.capacity is not None and _confirmed_count(item) >= item.capacity
    if full and not item.has_waiting_list:
        raise InvalidInput(
            _("“%(title)s” is full and has no waiting list.") % {"title": item},
            field_errors={"item": [_("This item is full.")]},
        )
    try:
        with transaction.atomic():
            return SignUp.objects.create(
                event_id=item.event_id, item=item, registration=registration, user=user,
                status=SignUp.Status.WAITING if full else SignUp.Status.CONFIRMED,
                invited=invited, is_vip=is_vip,
            )  # fmt: skip
    except IntegrityError as error:
        raise InvalidInput(
            _("%(name)s is already signed up for this item.") % {"name": user}
        ) from error


@transaction.atomic
def signup_create(*, actor, item: ProgrammeItem) -> SignUp:
    """The actor signs up for ``item``: confirmed, on the waiting list when full, or refused."""
    event = item.event
    if not item.is_open and not can_manage(actor, event):
        raise NotPermitted(_("This item is by invitation of the organiser only."))
    if item.end <= timezone.now():
        raise InvalidInput(_("This item is over."))
    registration = _participant_registration(event, actor)
    # Locked like a booking locks both sides: a sign-up and a booking for the same participant
    # at once are taken one after the other, and the second sees the first.
    Registration.objects.for_event(event).select_for_update().filter(pk=registration.pk).exists()
    seat = _meeting_during(item, registration)
    if seat is not None:
        request = seat.meeting.request
        partner = request.recipient if request.sender_id == registration.pk else request.sender
        raise InvalidInput(
            _(
                "You have a meeting with %(partner)s at %(time)s, during this item or the way "
                "to it. Cancel the meeting first, or choose another item."
            )
            % {
                "partner": partner.organisation,
                "time": formats.time_format(timezone.localtime(seat.slot.start, event.tz)),
            }
        )
    return _place(item, registration=registration, user=actor, invited=False, is_vip=False)


def _meeting_during(item: ProgrammeItem, registration: Registration) -> MeetingSeat | None:
    """A meeting of ``registration`` that the participant knows of (booked, or on a published
    agenda) overlapping ``item`` with its travel time before and after."""
    event = item.event
    if not event.agendas_visible:
        return None
    buffer = timedelta(minutes=item.travel_minutes)
    return (
        MeetingSeat.objects.for_event(event)
        .filter(
            registration=registration,
            slot__start__lt=item.end + buffer,
            slot__end__gt=item.start - buffer,
        )
        .select_related(
            "slot",
            "meeting__request__sender__organisation",
            "meeting__request__recipient__organisation",
        )
        .order_by("slot__start")
        .first()
    )


@transaction.atomic
def programme_invite(*, actor, item: ProgrammeItem, user, is_vip: bool = False) -> SignUp:
    """The organiser puts a named participant on the item's list (counts against capacity)."""
    event = item.event
    require_manager(actor, event)
    registration = _participant_registration(event, user)
    signup = _place(item, registration=registration, user=user, invited=True, is_vip=is_vip)
    audit_log(
        actor=actor, action="rabta.event.programme.invited", obj=event,
        data={"item": item.pk, "user": user.pk, "vip": is_vip, "status": signup.status},
    )  # fmt: skip
    return signup


@transaction.atomic
def signup_set_vip(*, actor, signup: SignUp, is_vip: bool) -> SignUp:
    event = signup.item.event
    require_manager(actor, event)
    signup.is_vip = is_vip
    signup.save(update_fields=["is_vip"])
    ProtocolEntry.objects.filter(signup=signup).update(is_vip=is_vip)
    audit_log(
        actor=actor, action="rabta.event.programme.vip", obj=event,
        data={"signup": signup.pk, "vip": is_vip},
    )  # fmt: skip
    return signup


def _promote(item: ProgrammeItem) -> list[SignUp]:
    """Move people from the waiting list into free seats, first come first served. Someone who
    meanwhile attends another item at the same time keeps their place on the list instead."""
    promoted = []
    free = None if item.capacity is None else item.capacity - _confirmed_count(item)
    waiting = SignUp.objects.filter(item=item, status=SignUp.Status.WAITING).select_related("user")
    busy_elsewhere = set(
        SignUp.objects.for_event(item.event_id)
        .filter(
            status=SignUp.Status.CONFIRMED, item__start__lt=item.end, item__end__gt=item.start,
            user_id__in=waiting.values("user_id"),
        )
        .exclude(item=item)
        .values_list("user_id", flat=True)
    )  # fmt: skip
    for signup in waiting.order_by("created_at", "pk"):
        if free is not None and free <= 0:
            break
        if signup.user_id in busy_elsewhere:
            continue
        signup.status = SignUp.Status.CONFIRMED
        signup.promoted_at = timezone.now()
        signup.save(update_fields=["status", "promoted_at"])
        promoted.append(signup)
        if free is not None:
            free -= 1
    event = item.event
    if promoted:
        notifications.tell(
            [signup.user for signup in promoted],
            "programme_promoted",
            {
                "event_id": event.pk,
                "event_name": event.name,
                "item_title": item.title,
                "item_room": item.room,
                "item_url": reverse("events:programme_item", args=[event.slug, item.pk]),
            },
            per_user=lambda user: {"item_start": notifications.when_for(event, item.start, user)},
        )
    return promoted


@transaction.atomic
def signup_cancel(*, actor, signup: SignUp) -> list[SignUp]:
    """Cancel a sign-up (its person or an organiser); the waiting list moves up at once.

    Returns the sign-ups promoted from the waiting list."""
    item = _locked(signup.item)
    event = item.event
    if actor.pk != signup.user_id and not can_manage(actor, event):
        raise NotPermitted()
    signup.refresh_from_db()
    if signup.status == SignUp.Status.CANCELLED:
        return []
    signup.status = SignUp.Status.CANCELLED
    signup.save(update_fields=["status"])
    ProtocolEntry.objects.filter(signup=signup).delete()
    if actor.pk != signup.user_id:
        audit_log(
            actor=actor, action="rabta.event.programme.signup_cancelled", obj=event,
            data={"signup": signup.pk},
        )  # fmt: skip
    return _promote(item)


# ---------------------------------------------------------------- protocol list of visits


@transaction.atomic
def protocol_entry_add(
    *,
    actor,
    item: ProgrammeItem,
    full_name: str,
    organisation_name: str = "",
    nationality: str = "",
    document_kind: str = "",
    document_number: str = "",
    signup: SignUp | None = None,
    is_vip: bool = False,
) -> ProtocolEntry:
    """Add a name with identity details to a visit's protocol list: the organiser for anyone
    (e.g. an ambassador's party), a participant for their own confirmed or waiting sign-up."""
    event = item.event
    own = signup is not None and signup.user_id == actor.pk and signup.status in LIVE
    if not (can_manage(actor, event) or own):
        raise NotPermitted()
    if signup is not None and signup.item_id != item.pk:
        raise InvalidInput(_("This sign-up belongs to another item."))
    if not item.is_visit:
        raise InvalidInput(_("Only company visits keep a protocol list."))
    errors: dict[str, list[str]] = {}
    if not full_name.strip():
        errors["full_name"] = [_("Enter the full name as written in the identity document.")]
    if nationality and (len(nationality) != 2 or not nationality.isalpha()):
        errors["nationality"] = [_("Enter a two-letter country code such as PK or RU.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    if signup is not None:
        ProtocolEntry.objects.filter(signup=signup).delete()
    entry = ProtocolEntry.objects.create(
        event=event, item=item, signup=signup, full_name=full_name.strip(),
        organisation_name=organisation_name.strip(), nationality=nationality.upper(),
        document_kind=document_kind.strip(), document_number=document_number.strip(),
        is_vip=is_vip or bool(signup and signup.is_vip),
    )  # fmt: skip
    audit_log(
        actor=actor, action="rabta.event.programme.protocol_added", obj=event,
        data={"item": item.pk, "entry": entry.pk},
    )  # fmt: skip
    return entry


def protocol_purge(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Delete the protocol lists of every event that is over. Returns the number of entries."""
    now = now or timezone.now()
    total = 0
    for event in Event.objects.filter(programme_items__isnull=False).distinct():
        end = event_end(event)
        if end is None or end > now:
            continue
        entries = ProtocolEntry.objects.for_event(event)
        if dry_run:
            total += entries.count()
            continue
        with transaction.atomic():
            count, _rows = entries.delete()
        if count:
            audit_log(
                actor=None, action="rabta.event.programme.protocol_purged", obj=event,
                data={"entries": count},
            )  # fmt: skip
        total += count
    return total
