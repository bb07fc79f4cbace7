"""Repair moves nothing that need not move.

For random small problems, published schedules and changes: every published
meeting that is still valid in the changed event stays exactly as it was (slot,
table, interpreter), the repaired schedule passes the validator, and nothing
the repair dropped or left out would still fit into it.
"""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rabta.scheduling import ChangeSpec, repair, solve, validate
from rabta.scheduling.model import (
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Slot,
    Table,
)
from rabta.scheduling.repair import apply_changes
from rabta.scheduling.validate import check_problem
from tests.scheduling.problems import tiny_problem


def solvable(p: Problem) -> bool:
    return not [e for e in check_problem(p) if e.severity == "error"]


def still_valid(changed: Problem, m: Meeting) -> bool:
    """The benchmark's test: the meeting on its own is valid in the changed event."""
    if m.request not in {r.id for r in changed.requests}:
        return False
    return not validate(replace(changed, locks=()), Schedule((m,)))


def fits_into(problem: Problem, schedule: Schedule, request: Request) -> Meeting | None:
    """A meeting for ``request`` that could be added to ``schedule`` as it is."""
    people = {p.id: p for p in problem.participants}
    stand = people[request.a].stand or people[request.b].stand or None
    for s in problem.slots:
        used = {m.table for m in schedule.meetings if m.slot == s.id}
        free = [
            t.id
            for t in problem.tables
            if t.id not in used and (t.available is None or s.id in t.available)
        ]
        for table in [None] if stand else free[:1]:
            for interp in [None, *(i.id for i in problem.interpreters)]:
                m = Meeting(request.id, s.id, table, stand, interp)
                if not validate(problem, Schedule((*schedule.meetings, m))):
                    return m
    return None


def random_change(p: Problem, rng: random.Random) -> ChangeSpec:
    kind = rng.choice(("withdraw", "late", "early", "table_out", "interpreter_out", "new_request"))
    if kind == "table_out" and p.tables:
        return ChangeSpec(
            "table_out", table=rng.choice(p.tables).id, from_slot=rng.choice(p.slots).id
        )
    if kind == "interpreter_out" and p.interpreters:
        return ChangeSpec(
            "interpreter_out",
            interpreter=rng.choice(p.interpreters).id,
            from_slot=rng.choice(p.slots).id,
        )
    if kind == "new_request":
        a, b = rng.sample([q.id for q in p.participants], 2)
        return ChangeSpec(
            "new_request", a=a, b=b, weight=rng.randint(1, 3), required=rng.random() < 0.3
        )
    person = rng.choice(p.participants).id
    if kind in ("late", "early"):
        return ChangeSpec(kind, participant=person, from_slot=rng.choice(p.slots).id)
    return ChangeSpec("withdraw", participant=person)


def published_schedule(p: Problem, rng: random.Random) -> Schedule:
    """A valid published schedule: the greedy one, sometimes thinned out (an
    organiser may have removed meetings by hand), so repairs can also add."""
    full = solve(p, solver="greedy", time_limit=1, seed=rng.randint(0, 9)).schedule
    if rng.random() < 0.5:
        return full
    return Schedule(tuple(m for m in full.meetings if rng.random() < 0.7))


def scenario(seed: int) -> tuple[Problem, Schedule, list[ChangeSpec], Problem] | None:
    rng = random.Random(seed)
    p = tiny_problem(rng, max_people=7, max_slots=6)
    if not solvable(p):
        return None
    published = published_schedule(p, rng)
    changes: list[ChangeSpec] = []
    changed = p
    for _ in range(rng.choice((1, 1, 2))):
        if len(changed.participants) < 2:
            break
        changes.append(random_change(changed, rng))
        changed = apply_changes(p, changes)
    if not changes or not solvable(changed):
        return None
    return p, published, changes, changed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_every_still_valid_published_meeting_is_kept_exactly(seed):
    case = scenario(seed)
    if case is None:
        return
    p, published, changes, changed = case
    res = repair(p, published, changes)
    assert validate(changed, res.schedule) == []
    assert res.report.weight_scheduled <= res.report.upper_bound
    after = res.schedule.by_request()
    for m in published.meetings:
        if still_valid(changed, m):
            assert after.get(m.request) == m, (
                f"{m} was still valid but became {after.get(m.request)}"
            )
    # only broken meetings are reported as moved, re-seated or dropped
    for ch in res.report.changes:
        if ch.kind != "added":
            assert not still_valid(changed, ch.before)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_nothing_is_left_out_that_would_still_fit(seed):
    case = scenario(seed)
    if case is None:
        return
    p, published, changes, changed = case
    res = repair(p, published, changes)
    met = res.schedule.by_request()
    for r in changed.requests:
        if r.id not in met:
            assert fits_into(changed, res.schedule, r) is None, f"{r.id} still fits"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_without_adding_a_broken_meeting_is_dropped_only_when_it_fits_nowhere(seed):
    case = scenario(seed)
    if case is None:
        return
    p, published, changes, changed = case
    res = repair(p, published, changes, add_unscheduled=False)
    assert validate(changed, res.schedule) == []
    assert not [ch for ch in res.report.changes if ch.kind == "added"]
    known = {r.id: r for r in changed.requests}
    for ch in res.report.changes:
        if ch.kind == "dropped" and ch.request in known:
            assert fits_into(changed, res.schedule, known[ch.request]) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_making_room_for_required_meetings_moves_only_non_required_ones(seed):
    case = scenario(seed)
    if case is None:
        return
    p, published, changes, changed = case
    res = repair(p, published, changes, make_room_for_required=True)
    assert validate(changed, res.schedule) == []
    after = res.schedule.by_request()
    required = {r.id for r in changed.requests if r.required}
    for m in published.meetings:
        if m.request in required and still_valid(changed, m):
            assert after.get(m.request) == m


def required_meeting_blocked_by_a_valid_one() -> tuple[Problem, Schedule]:
    """p1 arrives late: their required meeting with p2 (slot s1) has only s2
    left, where p2 already meets p3 in a meeting the change leaves valid."""
    p = Problem(
        slots=(Slot("s1", "am"), Slot("s2", "am")),
        participants=(Participant("p1"), Participant("p2"), Participant("p3")),
        requests=(Request("r12", "p1", "p2", 3, required=True), Request("r23", "p2", "p3", 1)),
        tables=(Table("T1"), Table("T2")),
    )
    published = Schedule((Meeting("r12", "s1", "T1"), Meeting("r23", "s2", "T1")))
    assert validate(p, published) == []
    return p, published


def test_a_broken_required_meeting_does_not_push_out_a_valid_one_unasked():
    p, published = required_meeting_blocked_by_a_valid_one()
    res = repair(p, published, {"kind": "late", "participant": "p1", "from_slot": "s2"})
    assert res.schedule.by_request()["r23"] == Meeting("r23", "s2", "T1")
    assert "r12" not in res.schedule.by_request()
    assert any("r12" in msg for msg in res.report.messages)
    assert [(ch.request, ch.kind) for ch in res.report.changes] == [("r12", "dropped")]


def test_the_organiser_can_ask_to_make_room_for_a_required_meeting():
    p, published = required_meeting_blocked_by_a_valid_one()
    res = repair(
        p,
        published,
        {"kind": "late", "participant": "p1", "from_slot": "s2"},
        make_room_for_required=True,
    )
    after = res.schedule.by_request()
    assert after["r12"].slot == "s2"
    assert after["r23"].slot == "s1"  # moved to make room
    assert {ch.request: ch.kind for ch in res.report.changes} == {"r12": "moved", "r23": "moved"}
