"""The B2BSP SAT step: Glucose or MiniSat in this process, helper and reserve processes,
and the fixed-meeting check that answers before any search. Tiny instances with fixed
meetings, forbidden slots and precedences are checked against brute force."""

from __future__ import annotations

import itertools
import os
import random
import time

import pytest

from rabta.scheduling import b2bsp, satgaps
from rabta.scheduling.b2bsp import solve_b2bsp
from rabta.scheduling.compiled import compile_problem, to_schedule
from rabta.scheduling.dzn import read_dzn
from rabta.scheduling.metrics import count_idle_gaps
from rabta.scheduling.validate import unmet_required, validate

pytestmark = pytest.mark.skipif(not satgaps.available(), reason="python-sat is not installed")


def dzn(n_business, meetings, n_tables, n_slots, n_morning, fixed=(), forbidden=(), prec=()):
    fixed = list(fixed) or [0] * len(meetings)
    forbidden = list(forbidden) or [()] * n_business
    prec = list(prec) or [()] * len(meetings)
    sets = lambda rows: ", ".join("{" + ", ".join(map(str, row)) + "}" for row in rows)  # noqa: E731
    return (
        f"nBusiness = {n_business}; nMeetings = {len(meetings)}; nTables = {n_tables};\n"
        f"nTotalSlots = {n_slots}; nMorningSlots = {n_morning};\n"
        "requested = [|" + " |".join(f" {a}, {b}, {c}" for a, b, c in meetings) + " |];\n"
        f"fixed = [{', '.join(map(str, fixed))}];\n"
        f"forbidden = [{sets(row or (0,) for row in forbidden)}];\n"
        f"precedences = [{sets(prec)}];\n"
    )


def random_instance(seed: int) -> str:
    rng = random.Random(seed)
    n_business, n_slots = 4, rng.choice((5, 6))
    n_morning = rng.choice((n_slots, 3))
    pairs = rng.sample(list(itertools.combinations(range(1, n_business + 1), 2)), 5)
    meetings = [(a, b, rng.choice((3, 3, 1, 2)) if n_morning < n_slots else 3) for a, b in pairs]
    fixed = [rng.choice((0,) * 5 + (rng.randint(1, n_slots),)) for _ in meetings]
    forbidden = [tuple(s for s in range(1, n_slots + 1) if rng.random() < 0.08) for _ in range(4)]
    prec = [()] * len(meetings)
    if rng.random() < 0.5:
        m, e = rng.sample(range(1, len(meetings) + 1), 2)
        prec[m - 1] = (e,)
    return dzn(n_business, meetings, rng.choice((1, 2)), n_slots, n_morning, fixed, forbidden, prec)


def brute_force(path) -> int | None:
    """The fewest breaks over every slot assignment the validator accepts, or None."""
    problem = read_dzn(path)
    best = None
    slots = [s.id for s in problem.slots]
    tables = [t.id for t in problem.tables]
    from rabta.scheduling.model import Meeting, Schedule

    for choice in itertools.product(slots, repeat=len(problem.requests)):
        used: dict[str, int] = {}
        meetings = []
        for r, s in zip(problem.requests, choice, strict=True):
            k = used.get(s, 0)
            if k >= len(tables):
                break
            used[s] = k + 1
            meetings.append(Meeting(r.id, s, tables[k]))
        else:
            schedule = Schedule(tuple(meetings))
            if validate(problem, schedule) or unmet_required(problem, schedule):
                continue
            gaps = count_idle_gaps(problem, schedule)
            best = gaps if best is None else min(best, gaps)
    return best


@pytest.mark.parametrize("seed", range(24))
@pytest.mark.parametrize("workers", [1, 2])
def test_the_sat_step_matches_brute_force_with_fixed_forbidden_and_precedences(
    tmp_path, seed, workers
):
    path = tmp_path / f"r{seed}.dzn"
    path.write_text(random_instance(seed))
    expected = brute_force(path)
    result = solve_b2bsp(path, time_limit=600, workers=workers)  # proven at once; no clock
    if expected is None:
        assert result.status == "infeasible" and result.reasons
        return
    assert (result.status, result.breaks, result.lower_bound) == ("optimal", expected, expected)
    problem = read_dzn(path)
    assert validate(problem, result.schedule) == []
    assert unmet_required(problem, result.schedule) == []


def test_fixed_meetings_that_take_every_slot_of_a_meeting_answer_before_any_search(
    tmp_path, monkeypatch
):
    # meeting 3 (1 with 2) has no slot: 1 is fixed in slot 1 with 3, 2 in slot 2 with 4
    path = tmp_path / "crowd.dzn"
    path.write_text(dzn(4, [(1, 3, 3), (2, 4, 3), (1, 2, 3)], 2, 2, 2, fixed=[1, 2, 0]))

    def no_search(*args, **kwargs):  # pragma: no cover - must not run
        raise AssertionError("searched")

    monkeypatch.setattr(b2bsp, "_sat_first", no_search)
    result = solve_b2bsp(path, time_limit=600)
    assert result.status == "infeasible"
    assert result.reasons == (
        "request 3 has no slot left: the fixed meetings of 1 and 2 take every slot it could have",
    )
    assert brute_force(path) is None


def test_a_participant_crowded_out_by_its_partners_fixed_meetings_is_named(tmp_path):
    # 1 meets 2, 3 and 4 in three slots; 2 and 3 are fixed elsewhere in slots 1 and 2,
    # so 1's meetings with 2 and 3 both need slot 3
    path = tmp_path / "hall.dzn"
    meetings = [(1, 2, 3), (1, 3, 3), (1, 4, 3), (2, 5, 3), (3, 6, 3), (2, 6, 3), (3, 5, 3)]
    path.write_text(dzn(6, meetings, 3, 3, 3, fixed=[0, 0, 0, 1, 1, 2, 2]))
    result = solve_b2bsp(path, time_limit=600)
    assert result.status == "infeasible"
    assert result.reasons == (
        "participant 1 cannot meet all of requests 1, 2: with the fixed meetings of both "
        "sides they have only 1 slot between them (3)",
    )
    assert brute_force(path) is None


def test_a_helper_process_proves_the_optimum_on_its_own(tmp_path):
    path = tmp_path / "h.dzn"
    path.write_text(random_instance(3))
    expected = brute_force(path)
    c = compile_problem(read_dzn(path))
    shared = satgaps.SatShared()
    helper = satgaps.LadderProcess(c, shared, solver="cadical195")
    helper.reader.join()  # the child ends after its answer; the reader then reaps it
    if expected is None:
        assert shared.infeasible
    else:
        assert (shared.lower, shared.upper) == (expected, expected)
        schedule = to_schedule(c, *shared.solution)
        assert count_idle_gaps(read_dzn(path), schedule) == expected


def test_a_stopped_helper_process_is_killed_and_its_answers_ignored(tmp_path, monkeypatch):
    path = tmp_path / "h.dzn"
    path.write_text(random_instance(3))
    c = compile_problem(read_dzn(path))

    def forever(c, lower, out, *args):  # the child: a solver that never answers
        while True:
            time.sleep(3600)

    monkeypatch.setattr(satgaps, "_child_ladder", forever)
    shared = satgaps.SatShared()
    helper = satgaps.LadderProcess(c, shared)
    helper.stop()
    helper.reader.join()  # returns only once the child is dead (its pipe closed) and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)
    assert (shared.lower, shared.upper, shared.solution, shared.infeasible) == (
        0,
        None,
        None,
        False,
    )


def test_a_reserve_process_waits_for_its_turn_then_proves_the_optimum(tmp_path):
    path = tmp_path / "r.dzn"
    path.write_text(random_instance(5))
    expected = brute_force(path)
    c = compile_problem(read_dzn(path))
    held = satgaps.LadderProcess(c, satgaps.SatShared(), solver="cadical195", held=True)
    held.stop()  # never released: killed without a word
    held.reader.join()
    assert (held.shared.lower, held.shared.upper, held.shared.infeasible) == (0, None, False)
    shared = satgaps.SatShared()
    reserve = satgaps.LadderProcess(c, shared, solver="cadical195", held=True)
    reserve.release()
    reserve.reader.join()
    if expected is None:
        assert shared.infeasible
    else:
        assert (shared.lower, shared.upper) == (expected, expected)


@pytest.mark.parametrize("seed", range(6))
def test_the_sat_step_hands_over_to_the_reserve_when_its_cpu_budget_is_spent(
    tmp_path, monkeypatch, seed
):
    monkeypatch.setattr(b2bsp, "ESCALATE_CPU", 0.0)  # the main search stops at once
    path = tmp_path / f"e{seed}.dzn"
    path.write_text(random_instance(seed))
    expected = brute_force(path)
    result = solve_b2bsp(path, time_limit=600)
    if expected is None:
        assert result.status == "infeasible"
    else:
        assert (result.status, result.breaks, result.lower_bound) == (
            "optimal",
            expected,
            expected,
        )


@pytest.mark.parametrize("tight", [0.0, 10.0])
@pytest.mark.parametrize("seed", range(4))
def test_the_implied_busy_count_per_slot_changes_no_answer(tmp_path, monkeypatch, seed, tight):
    """With or without "at most 2 × tables participants busy per slot" (added only
    when the tables are nearly full), the SAT step finds the brute-force optimum."""
    monkeypatch.setattr(satgaps.GapsCnf, "TIGHT_TABLES", tight)
    path = tmp_path / f"t{seed}.dzn"
    path.write_text(random_instance(seed))
    expected = brute_force(path)
    result = solve_b2bsp(path, time_limit=600, workers=1)
    assert result.breaks == expected
    assert result.status == ("infeasible" if expected is None else "optimal")
