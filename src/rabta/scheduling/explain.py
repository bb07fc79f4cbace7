"""Why a request is not in a schedule: one reason per unscheduled request.

:func:`explain` looks at the :class:`Problem` and a :class:`Schedule` (string ids,
like :mod:`validate`) and says, for each request the schedule leaves out, the first
reason in this order that keeps it out *now*:

``unknown``         one side is not in the problem (not approved, cancelled, absent);
``limit_reached``   one side (``participant``) already has its maximum of meetings;
``no_common_slot``  the two sides are never available at the same time;
``both_busy``       every slot where both are available is taken by their other meetings;
``no_interpreter``  they share no language and no interpreter for the pair is free
                    in any slot where both are free;
``no_table``        no table is free in any slot where both (and an interpreter) are free;
``fits``            a free place exists: a repair or the organiser can place it.

The codes are stable; the web app turns them into sentences in the reader's language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rabta.scheduling.compiled import can_interpret, needs_interpreter
from rabta.scheduling.model import Problem, Schedule, needs_table

REASONS = (
    "unknown",
    "limit_reached",
    "no_common_slot",
    "both_busy",
    "no_interpreter",
    "no_table",
    "fits",
)


@dataclass(frozen=True, slots=True)
class Unplaced:
    request: str
    reason: str
    #: the participant who reached the limit (``limit_reached``), else None
    participant: str | None = None


def explain(problem: Problem, schedule: Schedule) -> list[Unplaced]:
    """The reason each request of ``problem`` missing from ``schedule`` is missing."""
    if problem.groups or any(p.organisation is not None for p in problem.participants):
        from rabta.scheduling.formats import to_persons

        problem, schedule = to_persons(problem, schedule)  # between the persons who would meet
    slot_ids = [s.id for s in problem.slots]
    session_of = {s.id: s.session for s in problem.slots}
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}
    busy: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    tables_used: dict[str, set[str]] = defaultdict(set)
    interpreters_used: dict[str, set[str]] = defaultdict(set)
    for m in schedule.meetings:
        r = requests.get(m.request)
        if r is None:
            continue
        for pid in (r.a, r.b):
            busy[pid].add(m.slot)
            count[pid] += 1
        if m.table:
            tables_used[m.slot].add(m.table)
        if m.interpreter:
            interpreters_used[m.slot].add(m.interpreter)
    placed = {m.request for m in schedule.meetings}

    def available(obj, slot: str) -> bool:
        return obj.available is None or slot in obj.available

    out = []
    for r in problem.requests:
        if r.id in placed:
            continue
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            out.append(Unplaced(r.id, "unknown"))
            continue
        full = next(
            (p for p in (a, b) if p.max_meetings is not None and count[p.id] >= p.max_meetings),
            None,
        )
        if full is not None:
            out.append(Unplaced(r.id, "limit_reached", full.id))
            continue
        common = [
            s
            for s in slot_ids
            if available(a, s)
            and available(b, s)
            and (r.sessions is None or session_of[s] in r.sessions)
        ]
        if not common:
            out.append(Unplaced(r.id, "no_common_slot"))
            continue
        free = [s for s in common if s not in busy[a.id] and s not in busy[b.id]]
        if not free:
            out.append(Unplaced(r.id, "both_busy"))
            continue
        la, lb = frozenset(a.languages), frozenset(b.languages)
        if needs_interpreter(la, lb):
            free = [
                s
                for s in free
                if any(
                    can_interpret(frozenset(i.languages), la, lb)
                    and available(i, s)
                    and i.id not in interpreters_used[s]
                    for i in problem.interpreters
                )
            ]
            if not free:
                out.append(Unplaced(r.id, "no_interpreter"))
                continue
        if needs_table(r, a, b):
            free = [
                s
                for s in free
                if any(available(t, s) and t.id not in tables_used[s] for t in problem.tables)
            ]
            if not free:
                out.append(Unplaced(r.id, "no_table"))
                continue
        out.append(Unplaced(r.id, "fits"))
    return out
