"""Why a request is not scheduled: explain() agrees with the independent validator."""

from __future__ import annotations

from hypothesis import given, settings

from rabta.scheduling import explain, solve, validate
from rabta.scheduling.model import (
    Interpreter,
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Slot,
    Table,
)
from tests.scheduling.problems import problems


def fits_somewhere(problem: Problem, schedule: Schedule, request: Request) -> bool:
    """Whether any slot, table (or stand) and interpreter lets the validator accept the request."""
    people = {p.id: p for p in problem.participants}
    stand = people[request.a].stand or people[request.b].stand or None
    for slot in problem.slots:
        for table in [None] if stand else [t.id for t in problem.tables]:
            for interpreter in [None, *[i.id for i in problem.interpreters]]:
                meeting = Meeting(request.id, slot.id, table, stand, interpreter)
                if not validate(problem, Schedule((*schedule.meetings, meeting))):
                    return True
    return False


@settings(max_examples=60, deadline=None)
@given(problems())
def test_a_request_left_out_fits_exactly_when_explain_says_so(problem):
    schedule = solve(problem, solver="greedy", time_limit=1).schedule
    if validate(problem, schedule):
        return  # the solver may leave required requests unmet; then nothing is claimed
    placed = {m.request for m in schedule.meetings}
    reasons = {u.request: u for u in explain(problem, schedule)}
    assert set(reasons) == {r.id for r in problem.requests if r.id not in placed}
    for request in problem.requests:
        if request.id in placed:
            continue
        assert (reasons[request.id].reason == "fits") == fits_somewhere(
            problem, schedule, request
        ), reasons[request.id]


def two(**kw) -> Problem:
    base = dict(
        slots=(Slot("s1", "am"), Slot("s2", "am")),
        participants=(
            Participant("a", languages=frozenset({"en"}), max_meetings=1),
            Participant("b", languages=frozenset({"en"})),
            Participant("c", languages=frozenset({"ru"})),
        ),
        requests=(Request("q1", "a", "b"),),
        tables=(Table("t1"),),
    )
    base.update(kw)
    return Problem(**base)


def reason(problem: Problem, *meetings: Meeting) -> str:
    return {u.request: u.reason for u in explain(problem, Schedule(meetings))}["q1"]


def test_each_reason():
    assert reason(two()) == "fits"
    full = two(requests=(Request("q1", "a", "b"), Request("q0", "a", "c")))
    (u,) = [u for u in explain(full, Schedule((Meeting("q0", "s1", "t1"),))) if u.request == "q1"]
    assert (u.reason, u.participant) == ("limit_reached", "a")
    apart = two(
        participants=(
            Participant("a", available=frozenset({"s1"})),
            Participant("b", available=frozenset({"s2"})),
        )
    )
    assert reason(apart) == "no_common_slot"
    busy = two(
        slots=(Slot("s1", "am"),),
        participants=(Participant("a"), Participant("b"), Participant("c")),
        requests=(Request("q1", "a", "b"), Request("q0", "b", "c")),
    )
    assert reason(busy, Meeting("q0", "s1", "t1")) == "both_busy"
    babel = two(
        participants=(
            Participant("a", languages=frozenset({"en"})),
            Participant("b", languages=frozenset({"ru"})),
        ),
        interpreters=(Interpreter("i1", languages=frozenset({"en", "ur"})),),
    )
    assert reason(babel) == "no_interpreter"
    assert reason(two(tables=())) == "no_table"
    assert reason(two(participants=(Participant("a"),))) == "unknown"
