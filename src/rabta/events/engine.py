"""The web app's only bridge to the scheduling engine (``rabta.scheduling``).

``build_problem`` turns an event's registrations, accepted requests, tables,
interpreters and locked meetings into a :class:`rabta.scheduling.Problem`;
``apply_schedule`` writes a :class:`rabta.scheduling.Schedule` back as Meeting
rows. Engine ids are ``s<slot pk>``, ``x<session pk>``, ``r<registration pk>``,
``q<request pk>``, ``t<table pk>``, ``i<interpreter pk>``, ``g<group session pk>``.

A request the organiser marks ``first`` ("meet the chamber before the suppliers")
becomes a precedence before each other request of both sides (:func:`_first_meetings`).

When an organisation's representatives meet in parallel (``Registration.separate_agendas``),
each of its attendees is a person of the engine, ``b<badge pk>``, of organisation
``r<registration pk>``; a request names the person (``MeetingRequest.recipient_person``) or the
organisation, and the scheduler chooses who meets (``rabta.scheduling.formats``). Group
sessions with accepted members are the engine's group sessions.

Availability lives in :func:`available_slots` (participants), and
:func:`table_available_slots` / :func:`interpreter_available_slots`: extend
those (e.g. programme items that make a participant unavailable), never the
callers.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils import translation

from rabta.events.models import (
    Badge,
    Event,
    GroupMember,
    GroupSession,
    Interpreter,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    Slot,
    Table,
    meets_online,
    own_stand_labels,
)
from rabta.events.programme import event_busy, overlaps, registration_busy
from rabta.scheduling import Interpreter as EInterpreter
from rabta.scheduling import (
    Lock,
    Precedence,
    Problem,
    ProgressEvent,
    Result,
    Schedule,
    Unplaced,
)
from rabta.scheduling import Meeting as EMeeting
from rabta.scheduling import Participant as EParticipant
from rabta.scheduling import Request as ERequest
from rabta.scheduling import Slot as ESlot
from rabta.scheduling import Table as ETable
from rabta.scheduling import explain as engine_explain
from rabta.scheduling import repair as engine_repair
from rabta.scheduling import solve as engine_solve
from rabta.scheduling import validate as engine_validate
from rabta.scheduling.compiled import needs_interpreter as scheduling_needs_interpreter
from rabta.scheduling.i18n import language as engine_language
from rabta.scheduling.model import GroupMeeting as EGroupMeeting
from rabta.scheduling.model import GroupSession as EGroupSession
from rabta.scheduling.model import stand_of

# ---------------------------------------------------------------- availability


def _event_slots(event: Event) -> list[Slot]:
    cache = getattr(event, "_slot_cache", None)
    if cache is None:
        cache = list(Slot.objects.for_event(event).order_by("start"))
        event._slot_cache = cache
    return cache


def _slots_of_sessions(event: Event, session_ids: Iterable[int] | None) -> set[int]:
    ids = None if session_ids is None else set(session_ids)
    return {s.pk for s in _event_slots(event) if ids is None or s.session_id in ids}


def available_slots(registration: Registration, *, not_before: datetime | None = None) -> set[int]:
    """The slots (pks) where a participant can meet: their sessions, after a late arrival,
    none after a no-show. The one place to extend (programme items, personal breaks…)."""
    event = registration.event
    if registration.attendance == Registration.Attendance.NO_SHOW:
        return set()
    ids = _slots_of_sessions(event, [s.pk for s in registration.sessions.all()])
    cutoff = max(filter(None, [not_before, registration.arrives_at]), default=None)
    if cutoff is not None:
        ids = {s.pk for s in _event_slots(event) if s.pk in ids and s.start >= cutoff}
    busy = registration_busy(registration)  # programme items they attend or host, plus travel
    if busy:
        ids = {
            s.pk for s in _event_slots(event) if s.pk in ids and not overlaps(s.start, s.end, busy)
        }
    return ids


def _resource_slots(event: Event, sessions: list, out_from: datetime | None) -> set[int]:
    ids = _slots_of_sessions(event, [s.pk for s in sessions] or None)
    if out_from is not None:
        ids = {s.pk for s in _event_slots(event) if s.pk in ids and s.start < out_from}
    return ids


def table_available_slots(table: Table) -> set[int]:
    return _resource_slots(table.event, list(table.sessions.all()), table.out_of_service_from)


def interpreter_available_slots(interpreter: Interpreter) -> set[int]:
    return _resource_slots(
        interpreter.event, list(interpreter.sessions.all()), interpreter.out_of_service_from
    )


def needs_interpreter(a: Iterable[str], b: Iterable[str]) -> bool:
    """The engine's language rule (one rule for solver and self-booking)."""
    return scheduling_needs_interpreter(frozenset(a), frozenset(b))


def interpreter_for(
    request: MeetingRequest, slot: Slot, persons: tuple = (None, None)
) -> Interpreter | None | bool:
    """For self-booking: None when the sides share a language, a free interpreter, or False.
    ``persons``: the representative meeting on each side (their own languages), or None."""
    a, b = (
        set(person.spoken_languages if person is not None else registration.languages)
        for registration, person in zip((request.sender, request.recipient), persons, strict=True)
    )
    if not needs_interpreter(a, b):
        return None
    event = request.event
    busy = set(
        Meeting.objects.for_event(event)
        .filter(slot=slot, interpreter__isnull=False)
        .values_list("interpreter_id", flat=True)
    )
    for interpreter in Interpreter.objects.for_event(event).prefetch_related("sessions"):
        langs = set(interpreter.languages)
        if interpreter.pk in busy or not (langs & a and langs & b):
            continue
        if slot.pk in interpreter_available_slots(interpreter):
            return interpreter
    return False


# ---------------------------------------------------------------- models -> Problem


@dataclasses.dataclass
class Bridge:
    """A problem plus what is needed to map the engine's answer back."""

    problem: Problem
    event: Event
    requests: dict[str, MeetingRequest]
    kept: list[Meeting]  # meetings outside the problem (in past slots), kept as they are
    groups: dict[str, GroupSession] = dataclasses.field(default_factory=dict)


def _sid(pk: int) -> str:
    return f"s{pk}"


def _pk(engine_id: str | None) -> int | None:
    return int(engine_id[1:]) if engine_id else None


def build_problem(
    event: Event, *, not_before: datetime | None = None, locks: bool = True
) -> Bridge:
    """The scheduling problem of ``event``. With ``not_before``, slots that start earlier are left
    out and the meetings in them kept as they are (repair during the day)."""
    event._programme_busy = event_busy(event)  # one query for every participant's programme
    try:
        return _build_problem(event, not_before=not_before, locks=locks)
    finally:
        del event._programme_busy


def _build_problem(event: Event, *, not_before: datetime | None, locks: bool) -> Bridge:
    slots = [s for s in _event_slots(event) if not_before is None or s.start >= not_before]
    slot_ids = {s.pk for s in slots}
    registrations = list(
        Registration.objects.for_event(event)
        .filter(status=Registration.Status.APPROVED)
        .exclude(attendance=Registration.Attendance.NO_SHOW)
        .select_related("organisation")
        .only(
            "id",
            "event_id",
            "languages",
            "has_stand",
            "stand",
            "separate_agendas",
            "attendance",
            "arrives_at",
            "organisation__id",
            "organisation__name",
        )  # fmt: skip
        .prefetch_related("sessions")
    )
    for registration in registrations:
        registration.event = event
    # Plain rows, not model instances: on a large event this is most of the bridge's time.
    current = list(
        Meeting.objects.for_event(event).values_list(
            "pk",
            "slot_id",
            "table_id",
            "interpreter_id",
            "locked",
            "request_id",
            "request__sender_id",
            "request__recipient_id",
        )  # fmt: skip
    )
    past = [row for row in current if row[1] not in slot_ids]
    kept = list(Meeting.objects.for_event(event).filter(pk__in=[row[0] for row in past]))
    kept_requests = {row[5] for row in past}
    past_count: dict[int, int] = {}
    for row in past:
        for rid in (row[6], row[7]):
            past_count[rid] = past_count.get(rid, 0) + 1
    participants = []
    present = set()
    persons = _persons_of(event, [r for r in registrations if r.separate_agendas])
    for r in registrations:
        present.add(r.pk)
        available = frozenset(
            _sid(pk) for pk in available_slots(r, not_before=not_before) if pk in slot_ids
        )
        for badge in persons.get(r.pk) or [None]:
            participants.append(
                EParticipant(
                    id=f"r{r.pk}" if badge is None else f"b{badge.pk}",
                    name=str(r.organisation)
                    if badge is None
                    else f"{badge.person.get_full_name() or badge.person} ({r.organisation})",
                    languages=frozenset(r.languages if badge is None else badge.spoken_languages),
                    available=available,
                    stand=f"stand{r.pk}" if r.has_stand else None,
                    max_meetings=max(0, event.max_meetings - past_count.get(r.pk, 0)),
                    organisation=None if badge is None else f"r{r.pk}",
                )
            )
    side = _sides(persons)
    requests = {}
    for q in (
        MeetingRequest.objects.for_event(event)
        .filter(
            status=MeetingRequest.Status.ACCEPTED, sender_id__in=present, recipient_id__in=present
        )
        .only(
            "id",
            "sender_id",
            "recipient_id",
            "sender_person_id",
            "recipient_person_id",
            "mutual",
            "required",
            "first",
            "status",
            "online",
        )
        .order_by("pk")
    ):
        if q.pk not in kept_requests:
            requests[f"q{q.pk}"] = q
    tables = list(Table.objects.for_event(event).prefetch_related("sessions"))
    interpreters = list(Interpreter.objects.for_event(event).prefetch_related("sessions"))
    for obj in (*tables, *interpreters):
        obj.event = event
    lock_rows = []
    if locks:
        for _meeting, slot_id, table_id, interpreter_id, locked, request_id, _a, _b in current:
            if locked and slot_id in slot_ids and f"q{request_id}" in requests:
                lock_rows.append(
                    Lock(
                        request=f"q{request_id}",
                        slot=_sid(slot_id),
                        table=f"t{table_id}" if table_id else None,
                        interpreter=f"i{interpreter_id}" if interpreter_id else None,
                    )  # fmt: skip
                )
    problem = Problem(
        name=event.slug,
        slots=tuple(
            ESlot(id=_sid(s.pk), session=f"x{s.session_id}", start=s.start, end=s.end)
            for s in slots
        ),
        participants=tuple(participants),
        requests=tuple(
            ERequest(
                id=key,
                a=side(q.sender_id, q.sender_person_id),
                b=side(q.recipient_id, q.recipient_person_id),
                weight=q.weight,
                required=q.required,
                online=meets_online(event, q.online),  # a video call: no table, no stand
            )
            for key, q in requests.items()
        ),
        tables=tuple(
            ETable(
                id=f"t{t.pk}",
                available=frozenset(_sid(pk) for pk in table_available_slots(t) if pk in slot_ids),
                capacity=t.seats,
            )
            for t in tables
        ),
        interpreters=tuple(
            EInterpreter(
                id=f"i{i.pk}",
                name=i.name,
                languages=frozenset(i.languages),
                available=frozenset(
                    _sid(pk) for pk in interpreter_available_slots(i) if pk in slot_ids
                ),
            )  # fmt: skip
            for i in interpreters
        ),
        locks=tuple(lock_rows),
        precedences=_first_meetings(requests),
    )
    groups = _group_sessions(event, present, not_before)
    person = _group_person(persons)
    problem = dataclasses.replace(
        problem,
        groups=tuple(
            EGroupSession(
                id=key,
                host=person(g.host_id, g.host_person_id),
                members=tuple(person(m.registration_id, m.person_id) for m in g.accepted_members),
                capacity=g.capacity,
                topic=g.topic,
            )
            for key, g in groups.items()
        ),
    )
    return Bridge(problem=problem, event=event, requests=requests, kept=kept, groups=groups)


def _first_meetings(requests: dict[str, MeetingRequest]) -> tuple[Precedence, ...]:
    """A request marked ``first`` comes before every other request of either side
    that is not marked first too (the engine keeps it when both are placed)."""
    by_side: dict[int, list[str]] = {}
    for key, q in requests.items():
        for side in (q.sender_id, q.recipient_id):
            by_side.setdefault(side, []).append(key)
    out: dict[tuple[str, str], None] = {}
    for key, q in requests.items():
        if not q.first:
            continue
        for side in (q.sender_id, q.recipient_id):
            for other in by_side[side]:
                if not requests[other].first:
                    out[(key, other)] = None
    return tuple(Precedence(before, after) for before, after in out)


def _persons_of(event: Event, registrations: list[Registration]) -> dict[int, list[Badge]]:
    """The attendees (badges) of registrations whose representatives meet in parallel."""
    out: dict[int, list[Badge]] = {}
    if not registrations:
        return out
    for badge in (
        Badge.objects.for_event(event)
        .filter(registration__in=registrations)
        .select_related("person", "registration")
        .order_by("registration_id", "pk")
    ):
        out.setdefault(badge.registration_id, []).append(badge)
    return out


def _sides(persons: dict[int, list[Badge]]) -> Callable[[int, int | None], str]:
    """The engine id of a side: the person named when their organisation meets in parallel,
    else the organisation (the scheduler chooses), or the one participant it is."""
    badges = {b.pk: b for bs in persons.values() for b in bs}

    def side(registration_id: int, person_id: int | None) -> str:
        badge = badges.get(person_id) if person_id else None
        if badge is not None and badge.registration_id == registration_id:
            return f"b{badge.pk}"
        return f"r{registration_id}"  # the participant, or an organisation: the scheduler chooses

    return side


def _group_person(persons: dict[int, list[Badge]]) -> Callable[[int, int | None], str]:
    """The engine person of a group session's host or member: the person named, else the
    first attendee of an organisation that meets in parallel, else the participant."""
    side = _sides(persons)

    def person(registration_id: int, person_id: int | None) -> str:
        found = side(registration_id, person_id)
        if found.startswith("r") and persons.get(registration_id):
            return f"b{persons[registration_id][0].pk}"
        return found

    return person


def _group_sessions(
    event: Event, present: set[int], not_before: datetime | None = None
) -> dict[str, GroupSession]:
    """The group sessions to place: a present host and at least one accepted, present member.
    A member of an organisation that meets in parallel without a person named sends its
    first attendee."""
    out = {}
    sessions = GroupSession.objects.for_event(event).filter(host_id__in=present)
    if not_before is not None:  # a session already held (or under way) stays as it is
        sessions = sessions.exclude(slot__start__lt=not_before)
    for g in sessions.prefetch_related("members").order_by("pk"):
        accepted = [
            m
            for m in g.members.all()
            if m.status == GroupMember.Status.ACCEPTED and m.registration_id in present
        ]
        if accepted:
            g.accepted_members = accepted
            out[f"g{g.pk}"] = g
    return out


def current_schedule(event: Event, bridge: Bridge) -> Schedule:
    """The meetings now in the database within the problem, as an engine Schedule."""
    kept = {m.pk for m in bridge.kept}
    meetings = []
    rows = Meeting.objects.for_event(event).values_list(
        "pk", "request_id", "slot_id", "table_id", "interpreter_id", "request__sender_id",
        "request__recipient_id", "request__sender__has_stand", "request__recipient__has_stand",
        "request__online", "sender_person_id", "recipient_person_id",
    )  # fmt: skip
    for (
        pk, request_id, slot_id, table_id, interpreter_id, a, b, a_stand, b_stand, online,
        a_person, b_person,
    ) in rows:  # fmt: skip
        if pk in kept:
            continue
        holder, has_stand = (a, True) if a_stand else (b, b_stand)
        has_stand = has_stand and not meets_online(event, online)
        meetings.append(
            EMeeting(
                request=f"q{request_id}",
                slot=_sid(slot_id),
                table=f"t{table_id}" if table_id else None,
                stand=f"stand{holder}" if not table_id and has_stand else None,
                interpreter=f"i{interpreter_id}" if interpreter_id else None,
                a=f"b{a_person}" if a_person else None,
                b=f"b{b_person}" if b_person else None,
            )
        )
    groups = tuple(
        EGroupMeeting(
            group=key,
            slot=_sid(g.slot_id),
            table=f"t{g.table_id}",
            interpreter=f"i{g.interpreter_id}" if g.interpreter_id else None,
        )
        for key, g in bridge.groups.items()
        if g.slot_id and g.table_id and f"s{g.slot_id}" in {s.id for s in bridge.problem.slots}
    )
    return Schedule(meetings=tuple(meetings), groups=groups)


# ---------------------------------------------------------------- running the engine


def _percent(event: ProgressEvent) -> int:
    """Whole percentage of the engine's progress estimate."""
    return round(100 * min(1.0, max(0.0, event.fraction)))


def solve(
    problem: Problem,
    *,
    solver: str = "auto",
    time_limit: float = 10.0,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Result:
    """Run ``rabta.scheduling.solve``; ``progress`` gets whole percentages.

    The engine speaks the language active now (its warnings and reasons end up in the report)."""

    def on_progress(event: ProgressEvent) -> None:
        if progress is not None:
            progress(_percent(event))

    workers = max(1, min(2, os.cpu_count() or 1))
    with engine_language(translation.get_language()):
        return engine_solve(
            problem,
            solver=solver,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            progress=on_progress,
        )


def repair(problem: Problem, published: Schedule, *, seed: int = 0) -> Result:
    """Run the engine's repair mode. ``problem`` already reflects what changed (no-shows and late
    arrivals in availability, resources out, new accepted requests), so no change specs are
    needed: every published meeting that still fits stays exactly where it is, broken ones are
    re-placed or dropped, and new requests are added into free capacity. The engine speaks the
    language active now."""
    with engine_language(translation.get_language()):
        return engine_repair(problem, published, [], seed=seed)


# ---------------------------------------------------------------- Result -> JSON and Meetings


def schedule_to_json(schedule: Schedule) -> list[dict]:
    return [dataclasses.asdict(m) for m in schedule.meetings]


def groups_to_json(schedule: Schedule) -> list[dict]:
    """The group sessions of a schedule (kept in the run's report beside the meetings)."""
    return [dataclasses.asdict(g) for g in schedule.groups]


def schedule_from_json(rows: list[dict], groups: list[dict] | None = None) -> Schedule:
    return Schedule(
        meetings=tuple(EMeeting(**row) for row in rows),
        groups=tuple(EGroupMeeting(**row) for row in groups or []),
    )


def report_to_json(report) -> dict:
    data = dataclasses.asdict(report)
    data["changes"] = [
        {"request": c.request, "kind": c.kind, "participants": list(c.participants)}
        for c in report.changes
    ]
    data["messages"] = list(report.messages)
    return data


def apply_schedule(
    event: Event, schedule: Schedule, *, keep_past_before: datetime | None = None
) -> int:
    """Replace the event's meetings (in slots from ``keep_past_before`` on, or all) by ``schedule``.

    Returns the number of meetings written. Locked flags survive for requests that stay locked.
    """
    current = Meeting.objects.for_event(event)
    if keep_past_before is not None:
        current = current.filter(slot__start__gte=keep_past_before)
    locked = set(current.filter(locked=True).values_list("request_id", flat=True))
    current.delete()
    requests = {
        q.pk: q
        for q in MeetingRequest.objects.for_event(event)
        .filter(pk__in=[_pk(m.request) for m in schedule.meetings])
        .select_related("sender", "recipient")
    }
    rows = []
    for m in schedule.meetings:
        q = requests[_pk(m.request)]
        a_person, b_person = badge_pk(m.a), badge_pk(m.b)
        stand = ""
        if m.table is None and m.stand is not None:
            holder = (
                q.sender if q.sender.has_stand and m.stand == f"stand{q.sender_id}" else q.recipient
            )
            if not holder.has_stand:
                holder = q.sender
            stand = holder.stand_name
        rows.append(
            Meeting(
                event=event,
                request=q,
                slot_id=_pk(m.slot),
                table_id=_pk(m.table),
                stand=stand,
                interpreter_id=_pk(m.interpreter),
                sender_person_id=a_person,
                recipient_person_id=b_person,
                locked=q.pk in locked,
                source=Meeting.Source.ENGINE,
            )  # fmt: skip
        )
    created = Meeting.objects.bulk_create(rows)
    MeetingSeat.objects.bulk_create(seats_of(event, created))
    _apply_groups(event, schedule, keep_past_before)
    return len(created)


def badge_pk(engine_id: str | None) -> int | None:
    """The badge pk of an engine person ``b<pk>``; None for a participant ``r<pk>``."""
    return int(engine_id[1:]) if engine_id and engine_id.startswith("b") else None


def seats_of(event: Event, meetings: Iterable[Meeting]) -> list[MeetingSeat]:
    """The seats of written meetings: one per side, per person when the side's
    representatives meet in parallel (they may sit in two meetings at once)."""
    return [
        MeetingSeat(
            event=event, slot_id=m.slot_id, registration_id=rid, person_id=person, meeting=m
        )
        for m in meetings
        for rid, person in (
            (m.request.sender_id, m.sender_person_id),
            (m.request.recipient_id, m.recipient_person_id),
        )
    ]


def _apply_groups(event: Event, schedule: Schedule, keep_past_before: datetime | None) -> None:
    """Write where each group session takes place; the others get no place."""
    placed = {_pk(g.group): g for g in schedule.groups}
    sessions = GroupSession.objects.for_event(event)
    if keep_past_before is not None:
        sessions = sessions.exclude(slot__start__lt=keep_past_before)
    for g in sessions:
        where = placed.get(g.pk)
        g.slot_id = _pk(where.slot) if where else None
        g.table_id = _pk(where.table) if where else None
        g.interpreter_id = _pk(where.interpreter) if where else None
        g.save(update_fields=["slot", "table", "interpreter"])


def snapshot(event: Event) -> dict[str, dict]:
    """The current meetings as {request pk: {slot, table, interpreter, stand}} for a ScheduleVersion."""
    rows = Meeting.objects.for_event(event).values_list(
        "request_id", "slot_id", "table_id", "interpreter_id", "stand", "request__sender_id",
        "request__recipient_id",
    )  # fmt: skip
    return {
        str(request_id): {
            "slot": slot,
            "table": table,
            "interpreter": interpreter,
            "stand": stand,
            "a": a,
            "b": b,
        }  # fmt: skip
        for request_id, slot, table, interpreter, stand, a, b in rows
    }


def _comparable(row: dict | None) -> dict | None:
    """A snapshot row as the participant sees it: a stand without a name is stored as "own
    stand" in the language the engine ran in, but reads the same in every language."""
    if row and not row.get("table") and row.get("stand") in own_stand_labels():
        return {**row, "stand": ""}
    return row


def changed_registrations(before: dict[str, dict], after: dict[str, dict]) -> set[int]:
    """Registrations whose agenda differs between two snapshots."""
    changed: set[int] = set()
    for key in set(before) | set(after):
        b, a = _comparable(before.get(key)), _comparable(after.get(key))
        if b == a:
            continue
        for row in (b, a):
            if row:
                changed.update((row["a"], row["b"]))
    return changed


# ---------------------------------------------------------------- one meeting at a time


def check_changes(
    bridge: Bridge, current: Schedule, changes: dict[str, EMeeting | None]
) -> list[str]:
    """What the engine's validator finds wrong with ``current`` after ``changes`` (request key ->
    its new meeting, or None to remove it) that it did not find wrong before: sentences in the
    active language, the engine's ids replaced by names. Empty: the change is valid."""
    proposed = dict(current.by_request())
    for key, meeting in changes.items():
        if meeting is None:
            proposed.pop(key, None)
        else:
            proposed[key] = meeting
    with engine_language(translation.get_language()):
        before = {v.message for v in engine_validate(bridge.problem, current)}
        after = engine_validate(bridge.problem, Schedule(meetings=tuple(proposed.values())))
    name = _namer(bridge)
    return [name(v.message) for v in after if v.message not in before]


def fit(
    bridge: Bridge, schedule: Schedule, key: str, slot: str, *, table: str | None = None
) -> EMeeting:
    """Request ``key`` in ``slot``: at its stand, or at ``table`` (else the first table free
    there), with the first interpreter free there for the pair when the sides share no
    language. Nothing is checked here: :func:`check_changes` says what is wrong with it."""
    request = next(r for r in bridge.problem.requests if r.id == key)
    people = {p.id: p for p in bridge.problem.participants}
    others = [m for m in schedule.meetings if m.slot == slot and m.request != key]
    before = schedule.by_request().get(key)
    busy = {x for m in others for x in (m.a, m.b) if x}

    def person(side: str, kept: str | None) -> str:
        """The side itself, or the representative who meets: the one who met before, else
        one free in ``slot``."""
        if side in people:
            return side
        reps = [p for p in bridge.problem.participants if p.organisation == side]
        free = [
            p.id for p in reps if p.id not in busy and (p.available is None or slot in p.available)
        ]
        return kept if kept in free else (free or [p.id for p in reps] or [side])[0]

    pa = person(request.a, before.a if before else None)
    pb = person(request.b, before.b if before else None)
    a, b = people.get(pa), people.get(pb)
    stand = stand_of(request, a, b) if a and b else None
    if request.online:
        table = None
    elif stand is None and table is None:
        taken = {m.table for m in others}
        table = next(
            (
                t.id
                for t in bridge.problem.tables
                if t.id not in taken and (t.available is None or slot in t.available)
            ),
            None,
        )
    interpreter = None
    if a and b and needs_interpreter(a.languages, b.languages):
        taken = {m.interpreter for m in others}
        interpreter = next(
            (
                i.id
                for i in bridge.problem.interpreters
                if i.id not in taken
                and (i.available is None or slot in i.available)
                and i.languages & a.languages
                and i.languages & b.languages
            ),
            None,
        )
    return EMeeting(
        request=key,
        slot=slot,
        table=None if stand else table,
        stand=stand,
        interpreter=interpreter,
        a=pa if pa != request.a or a and a.organisation else None,
        b=pb if pb != request.b or b and b.organisation else None,
    )


def place_one(bridge: Bridge, current: Schedule, key: str, *, seed: int = 0) -> EMeeting | None:
    """Request ``key`` placed into free capacity by the engine's repair, moving no other meeting;
    None when it fits nowhere. Only the scheduled requests and ``key`` are given to the repair,
    so it adds this one meeting and nothing else."""
    scheduled = {m.request for m in current.meetings}
    problem = dataclasses.replace(
        bridge.problem,
        requests=tuple(r for r in bridge.problem.requests if r.id in scheduled or r.id == key),
    )
    with engine_language(translation.get_language()):
        result = engine_repair(problem, current, [], seed=seed)
    meeting = result.schedule.by_request().get(key)
    if meeting is None or check_changes(bridge, current, {key: meeting}):
        return None
    return meeting


def unplaced(bridge: Bridge, current: Schedule) -> dict[int, Unplaced]:
    """Why each accepted request of the problem is not in ``current`` (request pk -> reason)."""
    return {_pk(u.request): u for u in engine_explain(bridge.problem, current)}


def pk_of(engine_id: str | None) -> int | None:
    """The database pk in an engine id (``s12`` → 12, ``q7`` → 7, ``stand3`` → 3); None → None."""
    return int(engine_id.lstrip("abcdefghijklmnopqrstuvwxyz")) if engine_id else None


def _namer(bridge: Bridge) -> Callable[[str], str]:
    """Replace the engine's ids in a sentence by what a person calls them."""
    from django.utils import formats, timezone
    from django.utils.translation import gettext

    event = bridge.event
    registrations = {
        f"r{r.pk}": str(r.organisation)
        for r in Registration.objects.for_event(event).select_related("organisation")
    }
    names: dict[str, str] = dict(registrations)
    for s in _event_slots(event):
        start, end = timezone.localtime(s.start, event.tz), timezone.localtime(s.end, event.tz)
        names[_sid(s.pk)] = f"{formats.date_format(start, 'j E')} {start:%H:%M}–{end:%H:%M}"
    for t in Table.objects.for_event(event):
        names[f"t{t.pk}"] = str(t.number)
    for i in Interpreter.objects.for_event(event):
        names[f"i{i.pk}"] = i.name
    for key, q in bridge.requests.items():
        names[key] = (
            f"{registrations.get(f'r{q.sender_id}', '')} – {registrations.get(f'r{q.recipient_id}', '')}"
        )
    for r in bridge.problem.participants:
        if r.stand:
            names[r.stand] = gettext("the stand of %(name)s") % {"name": r.name}
    for p in bridge.problem.participants:
        if p.organisation is not None:  # a representative meeting in parallel: "b<badge pk>"
            names[p.id] = p.name
    for key, group in bridge.groups.items():
        names[key] = group.topic
    pattern = re.compile(r"'?\b((?:stand|[rsqtibg])\d+)\b'?")
    return lambda text: pattern.sub(lambda m: names.get(m.group(1), m.group(0)), text)
