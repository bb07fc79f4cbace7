"""Online meetings (a video call): no table, no stand, an interpreter when the sides need one."""

import pytest

from rabta.scheduling import solve
from rabta.scheduling.explain import explain
from rabta.scheduling.io import problem_from_json, problem_to_json
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
from rabta.scheduling.validate import validate


def _problem(*, online: bool, tables=()) -> Problem:
    return Problem(
        slots=(Slot("s1", "x"), Slot("s2", "x")),
        participants=(
            Participant("ru1", languages=frozenset({"ru"})),
            Participant("pk1", languages=frozenset({"ur", "en"}), stand="standA"),
            Participant("pk2", languages=frozenset({"ur"})),
        ),
        requests=(
            Request("q1", "ru1", "pk1", online=online),
            Request("q2", "ru1", "pk2", online=online),
        ),
        tables=tables,
        interpreters=(Interpreter("i1", languages=frozenset({"ru", "ur"})),),
    )


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_online_meetings_need_no_table_but_an_interpreter(solver):
    result = solve(_problem(online=True), solver=solver, time_limit=5)
    meetings = result.schedule.by_request()
    assert set(meetings) == {"q1", "q2"}
    for m in meetings.values():
        assert m.table is None and m.stand is None  # online: not at pk1's stand either
        assert m.interpreter == "i1"
    assert validate(_problem(online=True), result.schedule) == []


def test_in_person_meetings_without_a_table_are_not_placed():
    result = solve(_problem(online=False), solver="greedy", time_limit=5)
    # q1 meets at pk1's stand; q2 needs a table and there is none
    assert set(result.schedule.by_request()) == {"q1"}
    reasons = {u.request: u.reason for u in explain(_problem(online=False), result.schedule)}
    assert reasons["q2"] == "no_table"


def test_an_online_meeting_at_a_table_or_stand_is_a_violation():
    problem = _problem(online=True, tables=(Table("t1"),))
    bad = Schedule(
        meetings=(
            Meeting("q1", "s1", stand="standA", interpreter="i1"),
            Meeting("q2", "s2", table="t1", interpreter="i1"),
        )
    )
    found = [v.message for v in validate(problem, bad)]
    assert any("q1" in m and "online" in m for m in found)
    assert any("q2" in m and "online" in m for m in found)


def test_the_online_flag_survives_json():
    problem = _problem(online=True)
    again = problem_from_json(problem_to_json(problem))
    assert all(r.online for r in again.requests)
    assert "online" not in problem_to_json(_problem(online=False))["requests"][0]
