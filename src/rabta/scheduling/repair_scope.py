"""The part of a changed problem a repair has to solve.

A repair keeps every published meeting that is still valid exactly as it was,
so those meetings are fixed: only the broken and the unscheduled requests need
a solver. On a large event they are a fraction of all requests, and compiling
only them (with the capacity the kept meetings use taken away) makes a repair
much cheaper than compiling the whole event.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from operator import attrgetter

from rabta.scheduling.compiled import can_interpret, needs_interpreter
from rabta.scheduling.model import Meeting, Participant, Problem, Schedule, needs_table, stand_of


def still_valid_meetings(problem: Problem, published: Schedule) -> list[Meeting]:
    """The published meetings that are still valid in ``problem`` (each one as
    the validator sees it, and all of them together)."""
    order = {s.id: k for k, s in enumerate(problem.slots)}
    session = {s.id: s.session for s in problem.slots}
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}
    tables = {t.id: t for t in problem.tables}
    interpreters = {i.id: i for i in problem.interpreters}
    used: set[tuple[str, str, str]] = set()  # (kind, id, slot)
    count: Counter[str] = Counter()
    kept: list[Meeting] = []
    for m in sorted(published.meetings, key=attrgetter("slot", "request")):
        r = requests.get(m.request)
        if r is None or m.slot not in order or r.a == r.b:
            continue
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            continue
        if r.sessions is not None and session[m.slot] not in r.sessions:
            continue
        if not (_free(a, m.slot, used, count) and _free(b, m.slot, used, count)):
            continue
        stand = stand_of(r, a, b)
        if not needs_table(r, a, b):
            if m.table is not None or m.stand != stand:
                continue
        else:
            t = tables.get(m.table) if m.table is not None else None
            if (
                m.stand is not None
                or t is None
                or (t.available is not None and m.slot not in t.available)
                or ("t", t.id, m.slot) in used
            ):
                continue
        la, lb = frozenset(a.languages), frozenset(b.languages)
        if needs_interpreter(la, lb):
            i = interpreters.get(m.interpreter) if m.interpreter is not None else None
            if (
                i is None
                or (i.available is not None and m.slot not in i.available)
                or not can_interpret(frozenset(i.languages), la, lb)
                or ("i", i.id, m.slot) in used
            ):
                continue
        elif m.interpreter is not None:
            continue
        used.update((("p", a.id, m.slot), ("p", b.id, m.slot)))
        if m.table is not None:
            used.add(("t", m.table, m.slot))
        if m.interpreter is not None:
            used.add(("i", m.interpreter, m.slot))
        count[a.id] += 1
        count[b.id] += 1
        kept.append(m)
    return kept


def _free(p: Participant, slot: str, used: set, count: Counter[str]) -> bool:
    return (
        (p.available is None or slot in p.available)
        and ("p", p.id, slot) not in used
        and (p.max_meetings is None or count[p.id] < p.max_meetings)
    )


def without_meetings(problem: Problem, kept: list[Meeting]) -> Problem:
    """``problem`` minus the ``kept`` meetings: their requests and locks leave,
    and the slots (and meetings) they use leave the participants', tables' and
    interpreters' availability (and maximum number of meetings)."""
    all_slots = frozenset(s.id for s in problem.slots)
    requests = {r.id: r for r in problem.requests}
    person_slots: dict[str, set[str]] = {}
    table_slots: dict[str, set[str]] = {}
    interp_slots: dict[str, set[str]] = {}
    for m in kept:
        r = requests[m.request]
        for pid in (r.a, r.b):
            person_slots.setdefault(pid, set()).add(m.slot)
        if m.table is not None:
            table_slots.setdefault(m.table, set()).add(m.slot)
        if m.interpreter is not None:
            interp_slots.setdefault(m.interpreter, set()).add(m.slot)

    def less(available: frozenset[str] | None, taken: set[str] | None) -> frozenset[str] | None:
        if not taken:
            return available
        return (all_slots if available is None else available) - taken

    gone = {m.request for m in kept}
    return replace(
        problem,
        participants=tuple(
            replace(
                p,
                available=less(p.available, person_slots[p.id]),
                max_meetings=None
                if p.max_meetings is None
                else max(0, p.max_meetings - len(person_slots[p.id])),
            )
            if p.id in person_slots
            else p
            for p in problem.participants
        ),
        requests=tuple(r for r in problem.requests if r.id not in gone),
        tables=tuple(
            replace(t, available=less(t.available, table_slots.get(t.id))) for t in problem.tables
        ),
        interpreters=tuple(
            replace(i, available=less(i.available, interp_slots.get(i.id)))
            for i in problem.interpreters
        ),
        locks=tuple(lk for lk in problem.locks if lk.request not in gone),
    )
