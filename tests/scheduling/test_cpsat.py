"""The CP-SAT solver: optimal on tiny problems, valid schedules, gaps, resources."""

from __future__ import annotations

import dataclasses
import itertools
import random
import threading

import pytest

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.cpsat import CpsatProgress, solve_cpsat
from rabta.scheduling.metrics import count_idle_gaps
from rabta.scheduling.model import (
    Interpreter,
    Lock,
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Slot,
    Table,
)
from rabta.scheduling.validate import unmet_required, validate
from tests.scheduling.problems import tiny_problem


def solve(problem: Problem, **kw):
    kw.setdefault("time_limit", 10)
    kw.setdefault("workers", 1)
    kw.setdefault("deterministic", True)
    return solve_cpsat(compile_problem(problem), **kw)


def line(n_slots: int, sessions: tuple[str, ...] = ("am",)) -> tuple[Slot, ...]:
    per = n_slots // len(sessions)
    return tuple(
        Slot(f"s{i + 1}", sessions[min(i // per, len(sessions) - 1)]) for i in range(n_slots)
    )


def people(*ids: str, **kw) -> tuple[Participant, ...]:
    return tuple(Participant(i, **kw) for i in ids)


def brute_force(problem: Problem) -> tuple[int, int] | None:
    """Best (weight, -gaps) over all valid schedules of a problem without
    interpreters, or None when the required requests cannot all be met."""
    best: tuple[int, int] | None = None
    options = [None, *[s.id for s in problem.slots]]
    for choice in itertools.product(options, repeat=len(problem.requests)):
        meetings = []
        used: dict[str, int] = {}
        ok = True
        for r, slot in zip(problem.requests, choice, strict=True):
            if slot is None:
                continue
            free = [t.id for t in problem.tables if t.available is None or slot in t.available]
            k = used.get(slot, 0)
            pa = next(p for p in problem.participants if p.id == r.a)
            pb = next(p for p in problem.participants if p.id == r.b)
            stand = pa.stand or pb.stand
            if stand:
                meetings.append(Meeting(r.id, slot, None, stand))
                continue
            if k >= len(free):
                ok = False
                break
            used[slot] = k + 1
            meetings.append(Meeting(r.id, slot, free[k]))
        if not ok:
            continue
        schedule = Schedule(tuple(meetings))
        if validate(problem, schedule) or unmet_required(problem, schedule):
            continue
        weight = sum(r.weight for r, s in zip(problem.requests, choice, strict=True) if s)
        key = (weight, -count_idle_gaps(problem, schedule))
        if best is None or key > best:
            best = key
    return best


def without_interpreters(problem: Problem) -> Problem:
    return dataclasses.replace(
        problem,
        interpreters=(),
        participants=tuple(
            dataclasses.replace(p, languages=frozenset()) for p in problem.participants
        ),
        requests=problem.requests[:6],
    )


@pytest.mark.parametrize("seed", range(25))
def test_cpsat_finds_the_brute_force_optimum_on_tiny_problems(seed):
    problem = without_interpreters(tiny_problem(random.Random(seed), max_people=5, max_slots=4))
    expected = brute_force(problem)
    outcome = solve(problem)
    if expected is None:
        assert outcome.status == "infeasible"
        return
    assert outcome.status == "optimal"
    assert validate(problem, outcome.schedule) == []
    assert unmet_required(problem, outcome.schedule) == []
    got = sum(r.weight for r in problem.requests if r.id in outcome.schedule.by_request())
    assert (got, -count_idle_gaps(problem, outcome.schedule)) == expected
    assert outcome.objectives["gaps"] == -expected[1]


@pytest.mark.parametrize("seed", range(15))
def test_cpsat_schedules_with_interpreters_and_stands_are_valid(seed):
    problem = tiny_problem(random.Random(1000 + seed), max_people=6, max_slots=5)
    outcome = solve(problem)
    if outcome.status == "infeasible":
        return
    assert outcome.status == "optimal"
    assert validate(problem, outcome.schedule) == []
    assert unmet_required(problem, outcome.schedule) == []


def test_a_participant_with_a_hole_between_meetings_has_one_gap():
    # a meets b and c; a is unavailable in s2, and there are only three slots:
    # with both meetings required and s1/s3 the only choices, one gap is forced.
    problem = Problem(
        slots=line(3),
        participants=(
            Participant("a", available=frozenset({"s1", "s3"})),
            *people("b", "c"),
        ),
        requests=(
            Request("r1", "a", "b", required=True),
            Request("r2", "a", "c", required=True),
        ),
        tables=(Table("T1"),),
    )
    outcome = solve(problem)
    assert outcome.status == "optimal"
    assert outcome.objectives["gaps"] == 1
    assert count_idle_gaps(problem, outcome.schedule) == 1


def test_meetings_of_one_participant_are_packed_without_gaps():
    problem = Problem(
        slots=line(6),
        participants=people("a", "b", "c", "d"),
        requests=tuple(Request(f"r{k}", "a", x, required=True) for k, x in enumerate("bcd")),
        tables=(Table("T1"),),
    )
    outcome = solve(problem)
    assert outcome.status == "optimal"
    slots = sorted(int(m.slot[1:]) for m in outcome.schedule.meetings)
    assert slots == list(range(slots[0], slots[0] + 3))


def test_the_lunch_break_is_not_a_gap():
    # a must meet b in the morning and c in the afternoon: no gap either way
    problem = Problem(
        slots=line(4, ("am", "pm")),
        participants=people("a", "b", "c"),
        requests=(
            Request("r1", "a", "b", required=True, sessions=frozenset({"am"})),
            Request("r2", "a", "c", required=True, sessions=frozenset({"pm"})),
        ),
        tables=(Table("T1"),),
    )
    outcome = solve(problem)
    assert outcome.objectives["gaps"] == 0
    sessions = {m.request: m.slot for m in outcome.schedule.meetings}
    assert sessions["r1"] in {"s1", "s2"} and sessions["r2"] in {"s3", "s4"}


def test_table_capacity_limits_meetings_per_slot_and_tables_get_ids():
    problem = Problem(
        slots=line(2),
        participants=people("a", "b", "c", "d", "e", "f"),
        requests=(
            Request("r1", "a", "b"),
            Request("r2", "c", "d"),
            Request("r3", "e", "f"),
        ),
        tables=(Table("T1"), Table("T2", available=frozenset({"s2"}))),
    )
    outcome = solve(problem)
    assert outcome.status == "optimal"
    assert len(outcome.schedule.meetings) == 3
    assert validate(problem, outcome.schedule) == []
    per_slot = [m.slot for m in outcome.schedule.meetings]
    assert per_slot.count("s1") == 1 and per_slot.count("s2") == 2


def test_meetings_without_a_shared_language_take_the_one_interpreter_in_turn():
    problem = Problem(
        slots=line(2),
        participants=(
            Participant("a", languages=frozenset({"ar"})),
            Participant("b", languages=frozenset({"fr"})),
            Participant("c", languages=frozenset({"ar"})),
            Participant("d", languages=frozenset({"fr"})),
        ),
        requests=(Request("r1", "a", "b", required=True), Request("r2", "c", "d", required=True)),
        tables=(Table("T1"), Table("T2")),
        interpreters=(Interpreter("i1", languages=frozenset({"ar", "fr"})),),
    )
    outcome = solve(problem)
    assert outcome.status == "optimal"
    assert validate(problem, outcome.schedule) == []
    assert {m.interpreter for m in outcome.schedule.meetings} == {"i1"}
    assert len({m.slot for m in outcome.schedule.meetings}) == 2


def test_higher_weight_wins_and_locks_are_kept():
    problem = Problem(
        slots=line(1),
        participants=people("a", "b", "c"),
        requests=(Request("r1", "a", "b", weight=1), Request("r2", "a", "c", weight=3)),
        tables=(Table("T1"),),
        locks=(),
    )
    assert solve(problem).schedule.by_request().keys() == {"r2"}
    locked = dataclasses.replace(problem, locks=(Lock("r1", "s1"),))
    outcome = solve(locked)
    assert outcome.schedule.by_request().keys() == {"r1"}
    assert outcome.objectives["weight"] == 1


def test_fairness_spreads_meetings_when_weight_and_gaps_tie():
    # 3 slots, 1 table: 3 of the 5 requests fit; {a-c, a-d, b-c} would leave b
    # with 1/3 of its requests, the fairest choice gives everyone at least 1/2.
    pairs = ["ab", "ac", "ad", "bc", "bd"]
    problem = Problem(
        slots=line(3),
        participants=people("a", "b", "c", "d"),
        requests=tuple(Request(f"r{p}", p[0], p[1]) for p in pairs),
        tables=(Table("T1"),),
    )
    outcome = solve(problem)
    assert outcome.status == "optimal"
    assert outcome.objectives == {"weight": 3, "gaps": 0, "fairness": 500}
    met = outcome.schedule.by_request()
    for person, total in {"a": 3, "b": 3, "c": 2, "d": 2}.items():
        assert sum(1 for p in pairs if person in p and f"r{p}" in met) / total >= 0.5


def test_required_meetings_that_cannot_fit_make_the_problem_infeasible():
    problem = Problem(
        slots=line(1),
        participants=people("a", "b", "c"),
        requests=(Request("r1", "a", "b", required=True), Request("r2", "a", "c", required=True)),
        tables=(Table("T1"),),
    )
    outcome = solve(problem)
    assert outcome.status == "infeasible"
    assert outcome.schedule is None


def test_hint_progress_and_cancellation():
    problem = Problem(
        slots=line(4),
        participants=people("a", "b", "c", "d"),
        requests=tuple(
            Request(f"r{i}{j}", x, y)
            for i, x in enumerate("abcd")
            for j, y in enumerate("abcd")
            if i < j
        ),
        tables=(Table("T1"), Table("T2")),
    )
    hint = Schedule((Meeting("r01", "s1", "T1"),))
    seen: list[CpsatProgress] = []
    outcome = solve(problem, hint=hint, progress=seen.append)
    assert outcome.status == "optimal"
    assert outcome.objectives["weight"] == 6
    assert seen and {p.phase for p in seen} <= {"weight", "gaps", "fairness"}
    cancel = threading.Event()
    cancel.set()
    assert solve(problem, cancel=cancel).status == "cancelled"


def test_deterministic_mode_repeats_itself():
    problem = tiny_problem(random.Random(7), max_people=6, max_slots=6)
    a = solve(problem, seed=3, workers=2)
    b = solve(problem, seed=3, workers=2)
    assert a.schedule == b.schedule


def test_a_model_too_large_for_the_time_limit_is_given_up_and_the_greedy_schedule_kept():
    from rabta.scheduling.generate import delegation_day
    from rabta.scheduling.solve import solve as solve_problem

    problem = delegation_day(seed=3)
    outcome = solve_cpsat(compile_problem(problem), time_limit=0.01)
    assert outcome.status == "unknown" and outcome.schedule is None
    assert outcome.phase_status == {"model": "too large"}
    result = solve_problem(problem, solver="cpsat", time_limit=0.01)
    assert result.schedule.meetings
    assert validate(problem, result.schedule) == []
    assert any("CP-SAT was skipped" in m for m in result.report.messages)


def test_a_model_over_the_variable_budget_is_not_built(monkeypatch):
    from rabta.scheduling import cpsat
    from rabta.scheduling.generate import delegation_day
    from rabta.scheduling.solve import solve as solve_problem

    problem = delegation_day(seed=3)
    c = compile_problem(problem)
    monkeypatch.setattr(cpsat, "MAX_VARIABLES", cpsat.model_variables(c) - 1)
    outcome = solve_cpsat(c, time_limit=30)
    assert outcome.status == "unknown" and outcome.phase_status == {"model": "too many variables"}
    result = solve_problem(problem, solver="cpsat", time_limit=30)
    assert validate(problem, result.schedule) == []
    rep = result.report
    # said first, in words (the headline), whether the LNS took the time left or not
    assert any("memory budget" in m for m in rep.messages[: rep.headline])


def test_model_variables_counts_what_the_model_builds():
    from rabta.scheduling.cpsat import GeneralModel, model_variables

    problem = tiny_problem(random.Random(4), max_people=6, max_slots=5)
    c = compile_problem(problem)
    gm = GeneralModel(c)
    assert model_variables(c) == len(gm.x) + len(gm.y)
