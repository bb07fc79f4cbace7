"""Several representatives per organisation, and group sessions (1:n).

A problem *uses formats* when a participant names an organisation or the
problem has group sessions. Participants are then persons: the scheduled
resource. A request's side names a person or an organisation; an
organisation's side is served by whichever of its present representatives is
chosen. Representatives of one organisation meet in parallel.

Such a problem is solved in four steps on top of the one-to-one engine, which
stays as it is:

1. **group sessions** are placed first (:func:`place_groups`): the slot where
   every one of their people is free, with a table seating them all and an
   interpreter when their languages need one; the first and last slots of a
   session first (a group there adds no idle gap between 1:1 meetings), spread
   over slots;
2. **representatives** are chosen (:func:`choose_representatives`) by an LP
   over every alternative (pair of persons) of every request, with each
   person's capacity (their free slots once the groups are placed, their
   meeting limit), table-slots and interpreter-slots. A tiny cost on the
   alternatives needing an interpreter makes the LP prefer a representative
   who shares a language with the other side. Its value, rounded down, is the
   reported **upper bound** (no schedule of the problem weighs more, whatever
   representatives it uses);
3. the **person-level problem** (every request between two persons) is solved
   by :func:`rabta.scheduling.solve.solve` with the usual phases;
4. a request left out is tried once more **with its other representatives**
   in the free capacity (:func:`serve_with_others`), moving nothing.

Every meeting of the answer names the two persons who meet (``Meeting.a`` and
``Meeting.b``); group sessions are in ``Schedule.groups``. The independent
validator (``validate_formats.py``) checks the answer against the problem as
given.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.model import (
    GroupMeeting,
    GroupSession,
    Meeting,
    Participant,
    Problem,
    Request,
    Result,
    Schedule,
    needs_table,
    stand_of,
)

#: cost of an alternative needing an interpreter in the LP (a tie-break: the
#: weights are integers, so it never trades weight for a shared language)
INTERPRETER_COST = 1e-3


def uses_formats(problem: Problem) -> bool:
    """Whether the problem has organisations of several persons or group sessions."""
    return bool(problem.groups) or any(p.organisation is not None for p in problem.participants)


def organisation_of(p: Participant) -> str:
    return p.id if p.organisation is None else p.organisation


def organisations(problem: Problem) -> dict[str, tuple[str, ...]]:
    """Each organisation's persons, in the problem's order."""
    out: dict[str, list[str]] = defaultdict(list)
    for p in problem.participants:
        out[organisation_of(p)].append(p.id)
    return {k: tuple(v) for k, v in out.items()}


class Sides:
    """Who can serve a request's side: the person named, or the organisation's
    present representatives (all of them when none is present)."""

    def __init__(self, problem: Problem) -> None:
        slot_ids = frozenset(s.id for s in problem.slots)
        self.people = {p.id: p for p in problem.participants}
        self.orgs = organisations(problem)
        self._present = {
            org: tuple(
                p
                for p in reps
                if self.people[p].available is None or self.people[p].available & slot_ids
            )
            or reps
            for org, reps in self.orgs.items()
        }

    def persons(self, side: str) -> tuple[str, ...]:
        if side in self.people:
            return (side,)
        return self._present.get(side, ())

    def organisation(self, side: str) -> str | None:
        """The organisation a side belongs to (``None`` when unknown)."""
        if side in self.people:
            return organisation_of(self.people[side])
        return side if side in self.orgs else None


def group_people(group: GroupSession) -> tuple[str, ...]:
    return (group.host, *group.members)


def group_needs_interpreter(langs: list[frozenset[str]]) -> bool:
    """No language is spoken by all the people of a group who list languages."""
    known = [x for x in langs if x]
    return len(known) > 1 and not frozenset.intersection(*known)


def can_interpret_group(interpreter_langs: frozenset[str], langs: list[frozenset[str]]) -> bool:
    """The interpreter speaks a language of each person who lists languages."""
    return all(interpreter_langs & x for x in langs if x)


# --------------------------------------------------------------------------- step 1: groups


@dataclass
class GroupPlacement:
    placed: list[GroupMeeting]
    unplaced: list[tuple[str, str]]  # (group id, reason)


def place_groups(problem: Problem) -> GroupPlacement:
    """Place every group session; see the module's docstring."""
    slot_ids = [s.id for s in problem.slots]
    session_of = {s.id: s.session for s in problem.slots}
    edges: set[str] = set()
    for i, s in enumerate(problem.slots):
        if i == 0 or problem.slots[i - 1].session != s.session:
            edges.add(s.id)
        if i == len(problem.slots) - 1 or problem.slots[i + 1].session != s.session:
            edges.add(s.id)
    people = {p.id: p for p in problem.participants}

    def free_for(av: frozenset[str] | None, slot: str) -> bool:
        return av is None or slot in av

    busy_person: set[tuple[str, str]] = set()
    busy_table: set[tuple[str, str]] = set()
    busy_interp: set[tuple[str, str]] = set()
    per_slot: Counter[str] = Counter()
    interp_load: Counter[str] = Counter()
    out = GroupPlacement([], [])

    def candidates(g: GroupSession) -> list[str]:
        who = [people[p] for p in group_people(g) if p in people]
        return [
            s
            for s in slot_ids
            if (g.slot is None or s == g.slot)
            and (g.sessions is None or session_of[s] in g.sessions)
            and all(free_for(p.available, s) for p in who)
        ]

    order = sorted(
        problem.groups,
        key=lambda g: (g.slot is None, len(candidates(g)), -len(g.members), g.id),
    )
    for g in order:
        persons = group_people(g)
        size = len(persons)
        langs = [frozenset(people[p].languages) for p in persons if p in people]
        need_i = group_needs_interpreter(langs)
        capable = [
            it
            for it in problem.interpreters
            if need_i and can_interpret_group(frozenset(it.languages), langs)
        ]
        best: tuple | None = None
        reason = _("no slot where all of its people are available")
        for pos, s in enumerate(candidates(g)):
            if any((p, s) in busy_person for p in persons):
                reason = _("its people are in other group sessions whenever all are available")
                continue
            tables = [
                t
                for t in problem.tables
                if t.capacity >= size and free_for(t.available, s) and (t.id, s) not in busy_table
            ]
            if not tables:
                reason = ngettext(
                    "no free table seats %(count)s person when its people are available",
                    "no free table seats %(count)s people when its people are available",
                    size,
                ) % {"count": size}
                continue
            table = min(tables, key=lambda t: t.capacity)
            interp = None
            if need_i:
                free = [
                    it
                    for it in capable
                    if free_for(it.available, s) and (it.id, s) not in busy_interp
                ]
                if not free:
                    reason = _(
                        "no interpreter able to cover its languages is free when its "
                        "people are available"
                    )
                    continue
                interp = min(free, key=lambda it: interp_load[it.id]).id
            score = (s not in edges, per_slot[s], pos)
            if best is None or score < best[0]:
                best = (score, s, table.id, interp)
        if best is None:
            out.unplaced.append((g.id, reason))
            continue
        _score, s, table_id, interp = best
        out.placed.append(GroupMeeting(g.id, s, table_id, interp))
        per_slot[s] += 1
        busy_table.add((table_id, s))
        for p in persons:
            busy_person.add((p, s))
        if interp is not None:
            busy_interp.add((interp, s))
            interp_load[interp] += 1
    order_index = {s: i for i, s in enumerate(slot_ids)}
    out.placed.sort(key=lambda gm: (order_index[gm.slot], gm.group))
    return out


def without_group_slots(problem: Problem, placed: list[GroupMeeting]) -> Problem:
    """``problem`` with the slots the group sessions take away from their people,
    tables and interpreters; no organisations, no groups (a one-to-one problem
    apart from its requests, which may still name organisations)."""
    all_slots = frozenset(s.id for s in problem.slots)
    groups = {g.id: g for g in problem.groups}
    taken_person: dict[str, set[str]] = defaultdict(set)
    taken_table: dict[str, set[str]] = defaultdict(set)
    taken_interp: dict[str, set[str]] = defaultdict(set)
    for gm in placed:
        for p in group_people(groups[gm.group]):
            taken_person[p].add(gm.slot)
        taken_table[gm.table].add(gm.slot)
        if gm.interpreter is not None:
            taken_interp[gm.interpreter].add(gm.slot)

    def minus(av: frozenset[str] | None, taken: set[str]) -> frozenset[str] | None:
        if not taken:
            return av
        return (all_slots if av is None else av) - taken

    return dataclasses.replace(
        problem,
        participants=tuple(
            dataclasses.replace(p, available=minus(p.available, taken_person[p.id]))
            for p in problem.participants
        ),
        tables=tuple(
            dataclasses.replace(t, available=minus(t.available, taken_table[t.id]))
            for t in problem.tables
        ),
        interpreters=tuple(
            dataclasses.replace(i, available=minus(i.available, taken_interp[i.id]))
            for i in problem.interpreters
        ),
        groups=(),
    )


# --------------------------------------------------------------------------- step 2: representatives


@dataclass
class Choice:
    """The representatives chosen for every request, and the bound."""

    persons: dict[str, tuple[str, str]]  # request id -> (person a, person b)
    #: requests whose every hostable pair of persons another request already has
    dropped: list[str]
    alternatives: dict[str, list[tuple[str, str]]]  # request id -> hostable pairs, best first
    feasible: dict[tuple[str, str, str], tuple[int, ...]]  # (request, a, b) -> slot indices
    bound: int


def alternatives_of(sides: Sides, r: Request) -> list[tuple[str, str]]:
    """Every pair of persons who could meet for ``r``."""
    return [(a, b) for a in sides.persons(r.a) for b in sides.persons(r.b) if a != b]


def choose_representatives(reduced: Problem, original: Problem) -> Choice:
    """Choose a pair of persons for every request of ``reduced`` (the problem
    without the group slots) by the LP over their alternatives."""
    from rabta.scheduling.bounds import _floor, _glop

    sides = Sides(original)
    alts: list[tuple[int, str, str]] = []
    for ri, r in enumerate(reduced.requests):
        for a, b in alternatives_of(sides, r):
            alts.append((ri, a, b))
    plain = tuple(dataclasses.replace(p, organisation=None) for p in reduced.participants)
    expanded = Problem(
        slots=reduced.slots,
        participants=plain,
        requests=tuple(
            dataclasses.replace(reduced.requests[ri], id=str(k), a=a, b=b, required=False)
            for k, (ri, a, b) in enumerate(alts)
        ),
        tables=reduced.tables,
        interpreters=reduced.interpreters,
    )
    c = compile_problem(expanded)
    feasible = {
        (reduced.requests[ri].id, a, b): c.requests[k].feasible_slots
        for k, (ri, a, b) in enumerate(alts)
    }
    hostable = [k for k, cr in enumerate(c.requests) if cr.feasible_mask]
    by_request: dict[int, list[int]] = defaultdict(list)
    for k in hostable:
        by_request[alts[k][0]].append(k)
    y: dict[int, object] = {}
    bound = 0
    values: dict[int, float] = {}
    if hostable:
        solver = _glop()
        inf = solver.infinity()
        y = {k: solver.NumVar(0.0, 1.0, "") for k in hostable}
        by_pair: dict[frozenset[str], list[int]] = defaultdict(list)
        for k in hostable:
            by_pair[frozenset(alts[k][1:])].append(k)
        # each request once; two persons meet at most once, whatever the requests
        for ks in (*by_request.values(), *by_pair.values()):
            if len(ks) > 1:
                ct = solver.Constraint(-inf, 1.0)
                for k in ks:
                    ct.SetCoefficient(y[k], 1.0)
        for cp in c.participants:
            ks = [k for k in cp.requests if k in y]
            if not ks:
                continue
            used = 0
            for k in ks:
                used |= c.requests[k].feasible_mask
            ct = solver.Constraint(-inf, float(min(cp.max_meetings, used.bit_count())))
            for k in ks:
                ct.SetCoefficient(y[k], 1.0)
        ct = solver.Constraint(-inf, float(sum(len(ts) for ts in c.slot_tables)))
        for k in hostable:
            if c.requests[k].needs_table:
                ct.SetCoefficient(y[k], 1.0)
        caps_groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for k in hostable:
            if c.requests[k].needs_interpreter:
                caps_groups[c.requests[k].interpreters].append(k)
        interp_capacity = 0
        if caps_groups:
            every = sorted({i for caps in caps_groups for i in caps})
            interp_capacity = sum(len(c.interpreters[i].available) for i in every)
            ct = solver.Constraint(-inf, float(interp_capacity))
            for ks in caps_groups.values():
                for k in ks:
                    ct.SetCoefficient(y[k], 1.0)
            for caps, ks in caps_groups.items():
                cap = sum(len(c.interpreters[i].available) for i in caps)
                ct = solver.Constraint(-inf, float(cap))
                for k in ks:
                    ct.SetCoefficient(y[k], 1.0)
        obj = solver.Objective()
        for k in hostable:
            cost = INTERPRETER_COST if c.requests[k].needs_interpreter else 0.0
            obj.SetCoefficient(y[k], float(c.requests[k].weight) - cost)
        obj.SetMaximization()
        if solver.Solve() == solver.OPTIMAL:
            values = {k: y[k].solution_value() for k in hostable}
            # the interpreter cost lowered the value by at most cost × interpreter-slots
            bound = _floor(obj.Value() + INTERPRETER_COST * interp_capacity)
        else:  # pragma: no cover - a bounded LP always solves
            bound = 10**12
    weight_hostable = sum(reduced.requests[ri].weight for ri in by_request)
    bound = min(bound, weight_hostable)

    # rounding: the LP's favourite alternative; among equals the one needing no
    # interpreter, then the least loaded persons (relative to their room)
    room = {cp.id: max(1, cp.max_meetings) for cp in c.participants}
    load: Counter[str] = Counter()
    locks = {lk.request: lk.slot for lk in reduced.locks}
    slot_index = c.slot_index
    persons: dict[str, tuple[str, str]] = {}
    alternatives: dict[str, list[tuple[str, str]]] = {}
    taken: set[frozenset[str]] = set()
    dropped: list[str] = []
    order = sorted(
        range(len(reduced.requests)),
        key=lambda ri: -max((values.get(k, 0.0) for k in by_request.get(ri, [])), default=0.0),
    )
    for ri in order:
        r = reduced.requests[ri]
        ks = by_request.get(ri, [])
        locked = locks.get(r.id)
        if locked is not None and locked in slot_index:
            fitting = [k for k in ks if slot_index[locked] in c.requests[k].feasible_slots]
            ks = fitting or ks

        def rank(k: int) -> tuple:
            _ri, a, b = alts[k]
            return (
                -round(values.get(k, 0.0), 6),
                c.requests[k].needs_interpreter,
                load[a] / room[a] + load[b] / room[b],
                k,
            )

        ranked = sorted(ks, key=rank)
        alternatives[r.id] = [(alts[k][1], alts[k][2]) for k in ranked]
        free = [k for k in ranked if frozenset(alts[k][1:]) not in taken]
        if free or ranked:
            _ri, a, b = alts[(free or ranked)[0]]
        else:  # never hostable: any pair, so that the report says why
            pairs = alternatives_of(sides, r)
            a, b = pairs[0] if pairs else (sides.persons(r.a)[0], sides.persons(r.b)[-1])
        if frozenset((a, b)) in taken or a == b:
            dropped.append(r.id)
        persons[r.id] = (a, b)
        if r.id not in dropped:
            taken.add(frozenset((a, b)))
        load[a] += 1
        load[b] += 1
    return Choice(persons, dropped, alternatives, feasible, bound)


# --------------------------------------------------------------------------- step 4: other representatives


def serve_with_others(
    reduced: Problem, choice: Choice, meetings: list[Meeting], slot_ids: tuple[str, ...]
) -> list[Meeting]:
    """Meetings for requests left out, each with another pair of its
    representatives, in free capacity (nothing placed moves)."""
    people = {p.id: p for p in reduced.participants}
    interpreters = list(reduced.interpreters)
    busy: set[tuple[str, str]] = set()
    count: Counter[str] = Counter()
    table_busy: set[tuple[str, str]] = set()
    interp_busy: set[tuple[str, str]] = set()
    for m in meetings:
        for p in (m.a, m.b):
            busy.add((p, m.slot))
            count[p] += 1
        if m.table is not None:
            table_busy.add((m.table, m.slot))
        if m.interpreter is not None:
            interp_busy.add((m.interpreter, m.slot))
    met = {m.request for m in meetings}
    pairs = {frozenset((m.a, m.b)) for m in meetings}

    def avail(av: frozenset[str] | None, s: str) -> bool:
        return av is None or s in av

    added: list[Meeting] = []
    left = sorted(
        (
            r
            for r in reduced.requests
            if r.id not in met and (len(choice.alternatives[r.id]) > 1 or r.id in choice.dropped)
        ),
        key=lambda r: (not r.required, -r.weight, r.id),
    )
    for r in left:
        placed = None
        for a, b in choice.alternatives[r.id]:
            if frozenset((a, b)) in pairs:
                continue
            pa, pb = people[a], people[b]
            if any(
                pp.max_meetings is not None and count[pp.id] >= pp.max_meetings for pp in (pa, pb)
            ):
                continue
            stand = stand_of(r, pa, pb)
            la, lb = frozenset(pa.languages), frozenset(pb.languages)
            need_i = bool(la) and bool(lb) and not (la & lb)
            for si in choice.feasible[(r.id, a, b)]:
                s = slot_ids[si]
                if (a, s) in busy or (b, s) in busy:
                    continue
                table = None
                if needs_table(r, pa, pb):
                    table = next(
                        (
                            t.id
                            for t in reduced.tables
                            if avail(t.available, s) and (t.id, s) not in table_busy
                        ),
                        None,
                    )
                    if table is None:
                        continue
                interp = None
                if need_i:
                    interp = next(
                        (
                            it.id
                            for it in interpreters
                            if avail(it.available, s)
                            and (it.id, s) not in interp_busy
                            and frozenset(it.languages) & la
                            and frozenset(it.languages) & lb
                        ),
                        None,
                    )
                    if interp is None:
                        continue
                placed = Meeting(r.id, s, table, stand, interp, a, b)
                break
            if placed is not None:
                break
        if placed is None:
            continue
        added.append(placed)
        pairs.add(frozenset((placed.a, placed.b)))
        for p in (placed.a, placed.b):
            busy.add((p, placed.slot))
            count[p] += 1
        if placed.table is not None:
            table_busy.add((placed.table, placed.slot))
        if placed.interpreter is not None:
            interp_busy.add((placed.interpreter, placed.slot))
    return added


# --------------------------------------------------------------------------- the whole


def persons_problem(
    reduced: Problem, persons: dict[str, tuple[str, str]], leave_out: frozenset[str] = frozenset()
) -> Problem:
    """The one-to-one problem: every request between the persons chosen for it
    (but those in ``leave_out``)."""
    return dataclasses.replace(
        reduced,
        participants=tuple(dataclasses.replace(p, organisation=None) for p in reduced.participants),
        requests=tuple(
            dataclasses.replace(r, a=persons[r.id][0], b=persons[r.id][1])
            for r in reduced.requests
            if r.id not in leave_out
        ),
        groups=(),
    )


def _whole_schedule(
    problem: Problem,
    reduced: Problem,
    choice: Choice,
    meetings: list[Meeting],
    groups: GroupPlacement,
) -> Schedule:
    """``meetings`` (the person-level solver's, extended in place by those served with others
    and sorted by slot) with the placed group sessions, checked by the validator."""
    from rabta.scheduling.solve import InternalSolverError
    from rabta.scheduling.validate import validate

    slot_ids = tuple(s.id for s in problem.slots)
    meetings += serve_with_others(reduced, choice, meetings, slot_ids)
    order = {s: i for i, s in enumerate(slot_ids)}
    meetings.sort(key=lambda m: (order[m.slot], m.request))
    schedule = Schedule(tuple(meetings), tuple(groups.placed))
    violations = validate(problem, schedule)
    if violations:
        raise InternalSolverError(
            _("the solver produced an invalid schedule: %(violations)s")
            % {"violations": "; ".join(v.message for v in violations)}
        )
    return schedule


def solve_formats(problem: Problem, **options) -> Result:
    """:func:`rabta.scheduling.solve.solve` for a problem that uses formats."""
    from rabta.scheduling.report import build_report
    from rabta.scheduling.solve import ProblemInputError, solve
    from rabta.scheduling.validate_formats import check_formats

    t0 = time.perf_counter()
    issues = check_formats(problem)
    errors = [e for e in issues if e.severity == "error"]
    if errors:
        raise ProblemInputError(errors)
    notes = [e.message for e in issues if e.severity in ("infeasible", "warning")]

    groups = place_groups(problem)
    reduced = without_group_slots(problem, groups.placed)
    choice = choose_representatives(reduced, problem)
    person_level = persons_problem(reduced, choice.persons, frozenset(choice.dropped))
    inner = solve(person_level, **options)
    meetings = [
        dataclasses.replace(m, a=choice.persons[m.request][0], b=choice.persons[m.request][1])
        for m in inner.schedule.meetings
    ]
    schedule = _whole_schedule(problem, reduced, choice, meetings, groups)
    served = dict(choice.persons)
    for m in meetings:
        served[m.request] = (m.a, m.b)  # type: ignore[assignment]
    met_problem = persons_problem(dataclasses.replace(problem, groups=()), served)
    rep = inner.report
    messages = list(rep.messages)
    messages += [m for m in notes if m not in messages]
    status = rep.status
    if groups.unplaced:
        status = "infeasible" if status != "cancelled" else status
        messages = [
            _("group session %(group)s cannot be held: %(reason)s")
            % {"group": gid, "reason": reason}
            for gid, reason in groups.unplaced
        ] + messages
    weight = sum(r.weight for r in problem.requests if r.id in {m.request for m in meetings})
    if status == "optimal" and weight < choice.bound:
        status = "feasible"  # optimal for the representatives chosen, not proven for any
    report = build_report(
        met_problem,
        Schedule(tuple(meetings)),
        solver=rep.solver,
        status=status,
        upper_bound=choice.bound,
        solve_seconds=time.perf_counter() - t0,
        messages=tuple(messages),
    )
    load = Counter(report.interpreter_load)
    load.update(gm.interpreter for gm in groups.placed if gm.interpreter)
    report = dataclasses.replace(
        report,
        groups_scheduled=len(groups.placed),
        groups_requested=len(problem.groups),
        interpreter_load=dict(sorted(load.items())),
    )
    return Result(schedule, report)


__all__ = [
    "choose_representatives",
    "group_needs_interpreter",
    "organisations",
    "place_groups",
    "serve_with_others",
    "solve_formats",
    "uses_formats",
]


# --------------------------------------------------------------------------- repair and explain


def _kept_groups(problem: Problem, published: Schedule) -> Problem:
    """``problem`` with each group session fixed to its published slot while all of its
    people are still available then (the table and interpreter are chosen again)."""
    people = {p.id: p for p in problem.participants}
    where = {gm.group: gm.slot for gm in published.groups}

    def fits(g: GroupSession, slot: str) -> bool:
        return all(
            p in people and (people[p].available is None or slot in people[p].available)
            for p in group_people(g)
        )

    return dataclasses.replace(
        problem,
        groups=tuple(
            dataclasses.replace(g, slot=where[g.id])
            if g.slot is None and g.id in where and fits(g, where[g.id])
            else g
            for g in problem.groups
        ),
    )


def _published_persons(problem: Problem, published: Schedule) -> dict[str, tuple[str, str]]:
    """The persons of each published meeting who still serve its request's sides."""
    sides = Sides(problem)
    requests = {r.id: r for r in problem.requests}
    out: dict[str, tuple[str, str]] = {}
    for m in published.meetings:
        r = requests.get(m.request)
        if r is None or m.a is None or m.b is None:
            continue
        if m.a in sides.persons(r.a) and m.b in sides.persons(r.b) and m.a != m.b:
            out[r.id] = (m.a, m.b)
    return out


def to_persons(problem: Problem, schedule: Schedule) -> tuple[Problem, Schedule]:
    """The one-to-one problem and schedule behind ``schedule``: each met request between
    the persons who meet, the others between the persons the LP would choose, the
    slots of the schedule's group sessions taken from their people, tables and
    interpreters. (For :func:`rabta.scheduling.explain` and the web app's checks.)"""
    reduced = without_group_slots(problem, list(schedule.groups))
    choice = choose_representatives(reduced, problem)
    persons = dict(choice.persons)
    persons.update(_published_persons(problem, schedule))
    taken: dict[frozenset[str], str] = {}
    for rid, pair in persons.items():
        taken.setdefault(frozenset(pair), rid)
    met = {m.request for m in schedule.meetings}
    leave_out = frozenset(
        rid for rid, pair in persons.items() if taken[frozenset(pair)] != rid and rid not in met
    )
    plain = Schedule(tuple(dataclasses.replace(m, a=None, b=None) for m in schedule.meetings))
    return persons_problem(reduced, persons, leave_out), plain


def repair_formats(problem: Problem, published: Schedule, **options) -> Result:
    """:func:`rabta.scheduling.repair.repair` for a problem that uses formats (with no
    change specs: the problem already says what changed). Published group sessions stay
    in their slot while their people are there; published meetings keep their persons
    while these still serve the request; the rest is the one-to-one repair."""
    from rabta.scheduling.repair import repair
    from rabta.scheduling.solve import ProblemInputError
    from rabta.scheduling.validate_formats import check_formats

    t0 = time.perf_counter()
    errors = [e for e in check_formats(problem) if e.severity == "error"]
    if errors:
        raise ProblemInputError(errors)
    fixed = _kept_groups(problem, published)
    groups = place_groups(fixed)
    reduced = without_group_slots(problem, groups.placed)
    choice = choose_representatives(reduced, problem)
    kept = _published_persons(problem, published)
    persons = {**choice.persons, **kept}
    taken: dict[frozenset[str], str] = {}
    for rid in [*kept, *choice.persons]:
        taken.setdefault(frozenset(persons[rid]), rid)
    leave_out = frozenset(rid for rid, pair in persons.items() if taken[frozenset(pair)] != rid)
    person_level = persons_problem(reduced, persons, leave_out)
    in_problem = {r.id for r in person_level.requests}
    plain = Schedule(
        tuple(
            dataclasses.replace(m, a=None, b=None)
            for m in published.meetings
            if m.request in in_problem
        )
    )
    inner = repair(person_level, plain, [], **options)
    meetings = [
        dataclasses.replace(m, a=persons[m.request][0], b=persons[m.request][1])
        for m in inner.schedule.meetings
    ]
    choice.dropped = sorted(set(choice.dropped) | leave_out)
    schedule = _whole_schedule(problem, reduced, choice, meetings, groups)
    messages = [
        _("group session %(group)s cannot be held: %(reason)s") % {"group": gid, "reason": why}
        for gid, why in groups.unplaced
    ] + list(inner.report.messages)
    served = {**persons, **{m.request: (m.a, m.b) for m in meetings}}
    from rabta.scheduling.report import build_report

    report = build_report(
        persons_problem(dataclasses.replace(problem, groups=()), served),  # type: ignore[arg-type]
        Schedule(tuple(meetings)),
        solver=inner.report.solver,
        status="infeasible" if groups.unplaced else inner.report.status,
        upper_bound=max(
            inner.report.upper_bound,
            sum(r.weight for r in problem.requests if r.id in {m.request for m in meetings}),
        ),
        solve_seconds=time.perf_counter() - t0,
        changes=inner.report.changes,
        messages=tuple(messages),
    )
    report = dataclasses.replace(
        report, groups_scheduled=len(groups.placed), groups_requested=len(problem.groups)
    )
    return Result(schedule, report)
