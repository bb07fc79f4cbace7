"""Repair moves nothing it need not move."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rabta.scheduling import ChangeSpec, ProblemInputError, repair, solve, validate
from rabta.scheduling.generate import delegation_day
from rabta.scheduling.repair import apply_changes, parse_changes
from rabta.scheduling.validate import check_problem
from tests.scheduling.problems import problems


def solvable(p) -> bool:
    return not [e for e in check_problem(p) if e.severity == "error"]


def still_valid(problem, meeting) -> bool:
    from rabta.scheduling.model import Schedule

    return not validate(problem, Schedule((meeting,)))


def random_change(p, rng: random.Random) -> ChangeSpec:
    kind = rng.choice(("withdraw", "late", "early", "table_out", "interpreter_out", "new_request"))
    person = rng.choice(p.participants).id
    slot = rng.choice(p.slots).id
    if kind == "table_out" and p.tables:
        return ChangeSpec("table_out", table=rng.choice(p.tables).id, from_slot=slot)
    if kind == "interpreter_out" and p.interpreters:
        return ChangeSpec("interpreter_out", interpreter=rng.choice(p.interpreters).id)
    if kind == "new_request":
        a, b = rng.sample([q.id for q in p.participants], 2)
        return ChangeSpec("new_request", a=a, b=b, weight=3)
    if kind in ("late", "early"):
        return ChangeSpec(kind, participant=person, from_slot=slot)
    return ChangeSpec("withdraw", participant=person)


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(0, 1000))
def test_repair_keeps_every_published_meeting_that_is_still_valid(p, seed):
    if not solvable(p):
        return
    published = solve(p, solver="greedy", time_limit=1).schedule
    change = random_change(p, random.Random(seed))
    new = apply_changes(p, [change])
    if not solvable(new):
        return
    res = repair(p, published, change)
    assert validate(new, res.schedule) == []
    after = res.schedule.by_request()
    for m in published.meetings:
        if m.request in {r.id for r in new.requests} and still_valid(new, m):
            assert after.get(m.request) == m
    # every change is reported with its participants
    before = published.by_request()
    for ch in res.report.changes:
        assert before.get(ch.request) == ch.before
        assert after.get(ch.request) == ch.after
        assert ch.participants


def test_withdrawal_on_a_delegation_day_drops_only_that_participants_meetings():
    p = delegation_day()
    published = solve(p, solver="greedy", time_limit=1).schedule
    res = repair(p, published, {"kind": "withdraw", "participant": "p7"})
    dropped = [ch for ch in res.report.changes if ch.kind == "dropped"]
    assert dropped and all("p7" in ch.participants for ch in dropped)
    assert not [ch for ch in res.report.changes if ch.kind == "moved"]
    # the freed places may be filled, moving nothing
    assert all(ch.kind in ("dropped", "added") for ch in res.report.changes)


def test_late_arrival_moves_only_the_lost_meetings():
    p = delegation_day()
    order = {s.id: k for k, s in enumerate(p.slots)}
    published = solve(p, solver="greedy", time_limit=1).schedule
    res = repair(p, published, {"kind": "late", "participant": "p3", "from_slot": "s1-06"})
    of_p3 = {r.id for r in p.requests if "p3" in (r.a, r.b)}
    lost = {m.request for m in published.meetings if m.request in of_p3 and order[m.slot] < 5}
    touched = {ch.request for ch in res.report.changes if ch.kind != "added"}
    assert lost and lost <= touched
    # nothing else moved or dropped
    assert touched == lost
    for m in res.schedule.meetings:
        if m.request in of_p3:
            assert order[m.slot] >= 5


def test_new_mutual_request_is_added_when_there_is_room():
    from rabta.scheduling.model import Participant, Problem, Request, Slot, Table

    p = Problem(
        slots=(Slot("s1", "am"), Slot("s2", "am")),
        participants=tuple(Participant(f"p{i}") for i in range(3)),
        requests=(Request("r1", "p0", "p1"),),
        tables=(Table("T1"),),
    )
    published = solve(p, solver="greedy").schedule
    res = repair(p, published, {"kind": "new_request", "a": "p1", "b": "p2", "weight": 3})
    kinds = {ch.request: ch.kind for ch in res.report.changes}
    assert kinds == {"new-p1-p2": "added"}
    assert res.schedule.by_request()["r1"] == published.by_request()["r1"]


def test_change_specs_parse_from_json_and_reject_nonsense():
    specs = parse_changes(
        [
            {"kind": "table_out", "table": "T4", "from_slot": "s03"},
            {"kind": "withdraw", "participant": "p7"},
        ]
    )
    assert specs[0] == ChangeSpec("table_out", table="T4", from_slot="s03")
    assert ChangeSpec.from_json(specs[1].to_json()) == specs[1]
    with pytest.raises(ValueError, match="unknown change kind"):
        parse_changes({"kind": "explode"})
    with pytest.raises(ValueError, match="needs participant"):
        parse_changes({"kind": "withdraw"})
    with pytest.raises(ValueError, match="unknown change field"):
        parse_changes({"kind": "withdraw", "participant": "p1", "when": "now"})


def test_change_naming_an_unknown_participant_is_bad_input():
    p = delegation_day()
    with pytest.raises(ProblemInputError, match="unknown participant"):
        repair(
            p,
            solve(p, solver="greedy", time_limit=0.5).schedule,
            {"kind": "withdraw", "participant": "nobody"},
        )


def test_a_lock_added_after_publishing_is_honoured_and_reported():
    from dataclasses import replace

    from rabta.scheduling.model import Lock

    p = delegation_day()
    published = solve(p, solver="greedy", time_limit=1).schedule
    m = published.meetings[0]
    other_slot = next(s.id for s in p.slots if s.id != m.slot)
    locked = replace(p, locks=(Lock(m.request, other_slot),))
    res = repair(locked, published, {"kind": "new_request", "a": "p1", "b": "p2"})
    after = res.schedule.by_request()
    if after.get(m.request) is not None and after[m.request].slot == other_slot:
        assert any(ch.request == m.request and ch.kind == "moved" for ch in res.report.changes)
    else:
        assert any("could not be kept" in msg for msg in res.report.messages)
    assert validate(locked, res.schedule) == [] or res.report.messages
