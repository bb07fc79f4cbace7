"""Reads for representatives who meet in parallel and group sessions (issue 17): the group
sessions of the event page, a participant's group sessions in their agenda, and one person's
own agenda when their organisation's representatives meet in parallel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Badge, Event, Registration, Slot


def group_sessions(event: Event) -> QuerySet[GroupSession]:
    """The event's group sessions with their host, place and members (three queries)."""
    return (
        GroupSession.objects.for_event(event)
        .select_related("host__organisation", "host_person__person", "slot", "table", "interpreter")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.for_event(event)
                .select_related("registration__organisation", "person__person")
                .order_by("created_at", "pk"),
            )
        )
        .annotate(
            accepted_count=Count("members", filter=Q(members__status=GroupMember.Status.ACCEPTED))
        )
        .order_by("created_at", "pk")
    )


@dataclass
class GroupAgendaItem:
    """A group session in a participant's agenda (hosted or joined)."""

    group: GroupSession
    slot: Slot
    hosting: bool
    person_id: int | None = None  # the representative who goes, when one is named
    people: list[str] = field(default_factory=list)
    is_programme = False
    is_group = True

    @property
    def start(self) -> datetime:
        return self.slot.start

    @property
    def end(self) -> datetime:
        return self.slot.end


def group_agendas(
    event: Event, registrations: list[Registration]
) -> dict[int, list[GroupAgendaItem]]:
    """The placed group sessions of several participants (once the schedule is visible)."""
    out: dict[int, list[GroupAgendaItem]] = {r.pk: [] for r in registrations}
    if not event.agendas_visible or not registrations:
        return out
    ids = set(out)
    for g in group_sessions(event).filter(slot__isnull=False):
        accepted = [m for m in g.members.all() if m.status == GroupMember.Status.ACCEPTED]
        names = [str(m.registration.organisation) for m in accepted]
        if g.host_id in ids:
            out[g.host_id].append(GroupAgendaItem(g, g.slot, True, g.host_person_id, names))
        for m in accepted:
            if m.registration_id in ids:
                out[m.registration_id].append(
                    GroupAgendaItem(g, g.slot, False, m.person_id, [str(g.host.organisation)])
                )
    return out


def my_badge(registration: Registration, user) -> Badge | None:
    """The viewer's own badge in a registration (their person at the event)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Badge.objects.for_event(registration.event)
        .filter(registration=registration, person=user)
        .first()
    )


def booking_persons(request, user) -> tuple[Badge | None, Badge | None]:
    """Who meets on each side (sender, recipient) when ``user`` books ``request`` themselves.

    For an organisation whose representatives meet in parallel: the person the request names,
    else the booker when they attend for that side, so the meeting lands on their own agenda
    and their colleagues stay free in that slot. Otherwise None: the organisation as a whole
    (on the agenda of every representative, as for an organisation meeting as one)."""
    persons = []
    for registration, named_id in (
        (request.sender, request.sender_person_id),
        (request.recipient, request.recipient_person_id),
    ):
        person = None
        if registration.separate_agendas:
            if named_id:
                person = Badge.objects.for_event(registration.event).filter(pk=named_id).first()
            else:
                person = my_badge(registration, user)
        persons.append(person)
    return persons[0], persons[1]


def seats_taken(registration: Registration, person: Badge | None) -> QuerySet:
    """The seats that keep a side busy: a person's own and their organisation's unnamed ones
    (those are on every representative's agenda); every seat of an organisation meeting as one."""
    from rabta.events.models import MeetingSeat

    seats = MeetingSeat.objects.for_event(registration.event).filter(registration=registration)
    if person is None:
        return seats
    return seats.filter(Q(person=person) | Q(person__isnull=True))


def own_items(registration: Registration, user, items: list) -> list:
    """A person's own agenda: when the organisation's representatives meet in parallel, the
    meetings and group sessions of the viewer (and those no one in particular is named for);
    otherwise the organisation's whole agenda."""
    if not registration.separate_agendas:
        return items
    badge = my_badge(registration, user)
    if badge is None:
        return items  # an administrator of the organisation who does not attend: see it all
    return [i for i in items if getattr(i, "person_id", None) in (None, badge.pk)]


def attach_representatives(event: Event, registrations: list[Registration]) -> None:
    """Give each registration whose representatives meet in parallel its ``representatives``
    (badges, with their person), for the request form's "with whom" (one query, or none)."""
    separate = [r for r in registrations if r.separate_agendas]
    for r in registrations:
        r.representatives = []
    if not separate:
        return
    by_registration = {r.pk: r for r in separate}
    for badge in (
        Badge.objects.for_event(event)
        .filter(registration__in=separate)
        .select_related("person")
        .order_by("pk")
    ):
        by_registration[badge.registration_id].representatives.append(badge)


def chosen_person(event: Event, raw: str) -> Badge | None:
    """The representative a request form names ("": the scheduler chooses). An unknown id is
    a badge of no one here, which the service refuses with its message."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        return Badge(pk=0, registration_id=0)
    return Badge.objects.for_event(event).filter(pk=int(raw)).first() or Badge(
        pk=0, registration_id=0
    )
