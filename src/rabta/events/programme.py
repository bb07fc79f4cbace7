"""Reads of the event programme: the public programme, who is busy when (for the scheduler),
attendance, waiting, transport and protocol lists, and the merged agenda.

Writes are in ``programme_services.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet

from rabta.core.exceptions import NotPermitted
from rabta.events.models import Event, ProgrammeItem, ProtocolEntry, Registration, SignUp
from rabta.events.permissions import can_manage, require_manager

Interval = tuple[datetime, datetime]


def programme_items(event: Event) -> QuerySet[ProgrammeItem]:
    return ProgrammeItem.objects.for_event(event).select_related("host").order_by("start", "pk")


def _window(item: ProgrammeItem) -> Interval:
    buffer = timedelta(minutes=item.travel_minutes)
    return item.start - buffer, item.end + buffer


@dataclass
class Busy:
    """When participants are away at programme items: by registration and by hosting body."""

    by_registration: dict[int, list[Interval]] = field(default_factory=dict)
    by_host: dict[int, list[Interval]] = field(default_factory=dict)

    def of(self, registration: Registration) -> list[Interval]:
        return [
            *self.by_registration.get(registration.pk, ()),
            *self.by_host.get(registration.organisation_id, ()),
        ]


def event_busy(event: Event, registration_ids=None) -> Busy:
    """Attendees of an item (a confirmed sign-up) are busy from ``travel_minutes`` before it
    until ``travel_minutes`` after; a visit's host organisation too, while it hosts."""
    busy = Busy(defaultdict(list), defaultdict(list))
    items = {i.pk: i for i in ProgrammeItem.objects.for_event(event)}
    if not items:
        return busy
    signups = SignUp.objects.for_event(event).filter(status=SignUp.Status.CONFIRMED)
    if registration_ids is not None:
        signups = signups.filter(registration_id__in=registration_ids)
    for registration_id, item_id in signups.values_list("registration_id", "item_id").distinct():
        busy.by_registration[registration_id].append(_window(items[item_id]))
    for item in items.values():
        if item.kind == ProgrammeItem.Kind.VISIT and item.host_id:
            busy.by_host[item.host_id].append(_window(item))
    return busy


def registration_busy(registration: Registration) -> list[Interval]:
    """The programme intervals of one participant (uses the scheduler's per-event cache)."""
    cached = getattr(registration.event, "_programme_busy", None)
    busy = cached if cached is not None else event_busy(registration.event, [registration.pk])
    return busy.of(registration)


def overlaps(start: datetime, end: datetime, intervals: list[Interval]) -> bool:
    return any(start < b_end and end > b_start for b_start, b_end in intervals)


# ---------------------------------------------------------------- lists


def can_see_lists(user, item: ProgrammeItem) -> bool:
    """Organisers, and members of the visit's host for their own visit."""
    if can_manage(user, item.event):
        return True
    return bool(
        user.is_authenticated
        and item.host_id
        and user.memberships.filter(organisation_id=item.host_id).exists()
    )


def require_lists(user, item: ProgrammeItem) -> None:
    if not can_see_lists(user, item):
        raise NotPermitted()


def _signups(item: ProgrammeItem, status: str) -> QuerySet[SignUp]:
    return (
        SignUp.objects.filter(item=item, status=status)
        .select_related("user", "registration__organisation")
        .order_by("-is_vip", "registration__organisation__name_key", "user__full_name", "pk")
    )


def attendance_list(user, item: ProgrammeItem) -> list[SignUp]:
    require_lists(user, item)
    return list(_signups(item, SignUp.Status.CONFIRMED))


def waiting_list(user, item: ProgrammeItem) -> list[SignUp]:
    require_lists(user, item)
    return list(
        SignUp.objects.filter(item=item, status=SignUp.Status.WAITING)
        .select_related("user", "registration__organisation")
        .order_by("created_at", "pk")
    )


def protocol_list(user, item: ProgrammeItem) -> list[ProtocolEntry]:
    """Names and identity details: the visit's host and the organisers only."""
    require_lists(user, item)
    return list(ProtocolEntry.objects.filter(item=item))


@dataclass
class TransportRow:
    item: ProgrammeItem
    signups: list[SignUp]


def transport_list(user, event: Event) -> list[TransportRow]:
    """Visits with transport, in departure order, with who travels (names, no identity data)."""
    require_manager(user, event)
    items = [i for i in programme_items(event) if i.departure_time or i.departure_point]
    by_item: dict[int, list[SignUp]] = defaultdict(list)
    for signup in (
        SignUp.objects.for_event(event)
        .filter(item__in=items, status=SignUp.Status.CONFIRMED)
        .select_related("user", "registration__organisation")
        .order_by("-is_vip", "registration__organisation__name_key", "user__full_name")
    ):
        by_item[signup.item_id].append(signup)
    items.sort(key=lambda i: (i.departure_time or i.start, i.pk))
    return [TransportRow(item=i, signups=by_item[i.pk]) for i in items]


def my_signups(event: Event, user) -> dict[int, SignUp]:
    """The user's live sign-ups by item id."""
    if not user.is_authenticated:
        return {}
    return {
        s.item_id: s
        for s in SignUp.objects.for_event(event).filter(
            user=user, status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING]
        )
    }


def seats_taken(event: Event) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for item_id in (
        SignUp.objects.for_event(event)
        .filter(status=SignUp.Status.CONFIRMED)
        .values_list("item_id", flat=True)
    ):
        counts[item_id] += 1
    return counts


# ---------------------------------------------------------------- the merged agenda


@dataclass
class ProgrammeAgendaItem:
    """A programme item in a participant's agenda: who of them goes, or that they host it."""

    item: ProgrammeItem
    people: list[SignUp]
    hosting: bool = False
    is_programme = True

    @property
    def start(self) -> datetime:
        return self.item.start

    @property
    def end(self) -> datetime:
        return self.item.end

    @property
    def waiting(self) -> bool:
        return bool(self.people) and all(s.status == SignUp.Status.WAITING for s in self.people)


def programme_agenda(event: Event, registration: Registration) -> list[ProgrammeAgendaItem]:
    return programme_agendas(event, [registration]).get(registration.pk, [])


def programme_agendas(
    event: Event, registrations: list[Registration]
) -> dict[int, list[ProgrammeAgendaItem]]:
    """The programme items of several participants at once (two queries), by registration id."""
    rows: dict[int, dict[int, ProgrammeAgendaItem]] = {r.pk: {} for r in registrations}
    if not registrations:
        return {}
    for signup in (
        SignUp.objects.for_event(event)
        .filter(
            registration_id__in=list(rows),
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING],
        )
        .select_related("item__host", "user")
        .order_by("item__start", "user__full_name")
    ):
        row = rows[signup.registration_id].setdefault(
            signup.item_id, ProgrammeAgendaItem(item=signup.item, people=[])
        )
        row.people.append(signup)
    hosts = defaultdict(list)
    for registration in registrations:
        hosts[registration.organisation_id].append(registration.pk)
    for item in programme_items(event).filter(
        kind=ProgrammeItem.Kind.VISIT, host_id__in=list(hosts)
    ):
        for registration_id in hosts[item.host_id]:
            rows[registration_id].setdefault(
                item.pk, ProgrammeAgendaItem(item=item, people=[])
            ).hosting = True
    for by_item in rows.values():
        for row in by_item.values():
            row.item.event = event
    return {pk: list(by_item.values()) for pk, by_item in rows.items()}


def merged_agenda(event: Event, registration: Registration) -> list:
    """Meetings (once the schedule is visible) and programme items, in time order (cached until
    the event's data changes: rabta.events.agenda_cache)."""
    from rabta.events import agenda_cache

    items = agenda_cache.cached_agenda(
        event, registration, lambda: merged_agendas(event, [registration])[registration.pk]
    )
    for item in items:  # the live event, not the copy cached with them
        if item.is_programme:
            item.item.event = event
        elif not getattr(item, "is_group", False):
            item.meeting.event = item.meeting.request.event = event
    return items


def merged_agendas(event: Event, registrations: list[Registration]) -> dict[int, list]:
    """:func:`merged_agenda` of several participants at once (three queries), by registration id."""
    from rabta.events.group_selectors import group_agendas
    from rabta.events.selectors import agendas

    meetings = agendas(event, registrations)
    programme = programme_agendas(event, registrations)
    groups = group_agendas(event, registrations)
    return {
        r.pk: sorted(
            [*meetings.get(r.pk, []), *groups.get(r.pk, []), *programme.get(r.pk, [])],
            key=lambda e: (e.start, e.is_programme is False),
        )
        for r in registrations
    }
