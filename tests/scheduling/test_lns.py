"""The large-neighbourhood search never makes a schedule worse, and improves
weak ones; the pipeline uses it on events too large for one CP-SAT model."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rabta.scheduling import Lock, solve, validate
from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.greedy import construct, place_locks
from rabta.scheduling.lns import KINDS, LargeNeighbourhoodSearch, effective_weights, improve
from rabta.scheduling.state import State
from tests.scheduling.problems import brute_force_weight, tiny_problem

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _start(p, keep: float, seed: int, lock: float = 0.0):
    """A valid but weak starting schedule: greedy, then a random part dropped;
    with ``lock``, that share of the kept meetings becomes locks of the problem."""
    c = compile_problem(p)
    state = State(c)
    place_locks(state)
    construct(c, seed, state)
    rng = random.Random(seed)
    for r in list(state.assign):
        if r not in state.locked and rng.random() > keep:
            state.remove(r)
    if lock:
        schedule = state.schedule()
        locks = tuple(
            Lock(m.request, m.slot, m.table, m.interpreter)
            for m in schedule.meetings
            if rng.random() < lock
        )
        p = replace(p, locks=locks)
        c = compile_problem(p)
        return p, c, c.assignment(schedule)
    return p, c, state.snapshot()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.0, 1.0), st.sampled_from((0.0, 0.3)))
def test_lns_never_returns_a_worse_schedule(seed, keep, lock):
    p = tiny_problem(random.Random(seed), max_people=6, max_slots=5)
    p, c, start = _start(p, keep, seed, lock)
    assert validate(p, c.schedule(start)) == []
    w = effective_weights(c)
    before = sum(w[r] for r in start)
    search = LargeNeighbourhoodSearch(c, start, seed=seed, workers=1)
    for k in range(6):
        search.round(KINDS[k % len(KINDS)], seconds=2.0)
    after = c.schedule(search.assign)
    assert validate(p, after) == []
    assert sum(w[r] for r in search.assign) == search.weight >= before
    locked = {lk.request for lk in c.locks}
    assert {r: v for r, v in search.assign.items() if r in locked} == {
        r: v for r, v in start.items() if r in locked
    }


def test_lns_reaches_the_optimum_of_tiny_problems_from_an_empty_schedule():
    for seed in range(8):
        p = tiny_problem(random.Random(seed), max_people=5, max_slots=4)
        p = replace(p, locks=())
        p, c, start = _start(p, 0.0, seed)
        required, best = brute_force_weight(p)
        big = sum(cr.weight for cr in c.requests) + 1
        # stops on reaching the optimum; the time limit is only a safety net
        out = improve(c, start, time_limit=20.0, seed=seed, workers=1, upper=required * big + best)
        met = set(out.assignment)
        weight = sum(cr.weight for r, cr in enumerate(c.requests) if r in met)
        assert validate(p, c.schedule(out.assignment)) == []
        # one "session" round frees everything of a session; a few rounds cover the day
        assert (sum(1 for r in met if c.requests[r].required), weight) == (required, best)


def test_auto_improves_an_interpreter_day_on_sub_problems():
    from benchmarks.interpreter_days import interpreter_day

    p = interpreter_day(0, "medium")
    res = solve(p, solver="auto", time_limit=6, seed=0)
    rep = res.report
    assert validate(p, res.schedule) == []
    assert "+lns" in rep.solver
    # the first note says what happened to CP-SAT and what the LNS did, in words
    assert rep.messages[0].startswith("CP-SAT did not run on the whole event")
    assert "large-neighbourhood search" in rep.messages[0]
    greedy = solve(p, solver="greedy", seed=0).report
    assert rep.weight_scheduled >= greedy.weight_scheduled


def test_both_interpreter_encodings_keep_the_schedule_valid(monkeypatch):
    """Hall's condition (few capable sets) and interpreter variables (many) —
    the latter forced here — both give valid schedules, never lighter."""
    from rabta.scheduling import lns
    from tests.scheduling.test_bounds import interpreter_bound_problem

    for hall_sets in (8, 0):
        monkeypatch.setattr(lns, "HALL_MAX_SETS", hall_sets)
        for seed in range(15):
            p = interpreter_bound_problem(random.Random(seed))
            p, c, start = _start(p, 0.5, seed)
            w = effective_weights(c)
            search = LargeNeighbourhoodSearch(c, start, seed=seed, workers=1)
            for kind in KINDS:
                search.round(kind, seconds=2.0)
            assert validate(p, c.schedule(search.assign)) == []
            assert search.weight >= sum(w[r] for r in start)


def test_interpreters_are_matched_whenever_halls_condition_holds():
    from rabta.scheduling.lns import match_interpreters

    # three meetings, interpreters 0-2: {0}, {0, 1}, {1, 2} -> 0, 1, 2
    assert match_interpreters([(7, 0b001), (8, 0b011), (9, 0b110)]) == {7: 0, 8: 1, 9: 2}
    # an augmenting path: the first takes 0, the second needs 0 -> the first moves to 1
    out = match_interpreters([(1, 0b011), (2, 0b001)])
    assert out == {2: 0, 1: 1}


def test_lns_reaches_the_optimum_where_interpreters_bind(monkeypatch):
    from rabta.scheduling import lns
    from tests.scheduling.test_bounds import interpreter_bound_problem

    for hall_sets in (8, 0):
        monkeypatch.setattr(lns, "HALL_MAX_SETS", hall_sets)
        for seed in range(10):
            p = interpreter_bound_problem(random.Random(100 + seed))
            p, c, start = _start(p, 0.0, seed)
            _required, best = brute_force_weight(p)
            out = improve(c, start, time_limit=20.0, seed=seed, workers=1, upper=best)
            assert validate(p, c.schedule(out.assignment)) == []
            assert out.weight == best
