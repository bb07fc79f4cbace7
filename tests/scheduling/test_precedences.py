"""Precedences ("meet the chamber before the suppliers") and fixed meetings:
the validator, the input checks, every solver phase, the .dzn reader."""

from __future__ import annotations

import random
import time
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rabta.scheduling import (
    ChangeSpec,
    Lock,
    Precedence,
    ProblemInputError,
    repair,
    solve,
    validate,
)
from rabta.scheduling.b2bsp import solve_b2bsp
from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.dzn import read_dzn
from rabta.scheduling.greedy import construct
from rabta.scheduling.localsearch import Budget, local_search
from rabta.scheduling.model import Meeting, Participant, Problem, Request, Schedule, Slot, Table
from rabta.scheduling.repair import apply_changes
from rabta.scheduling.validate import check_problem
from tests.scheduling.problems import brute_force_weight, tiny_problem
from tests.scheduling.test_dzn import B2BSP_DIR


def with_precedences(p: Problem, rng: random.Random, *, locks: bool = True) -> Problem:
    """``p`` with a few random precedences (acyclic: by request order, shuffled)
    and, sometimes, a lock."""
    ids = [r.id for r in p.requests]
    rank = {rid: k for k, rid in enumerate(rng.sample(ids, len(ids)))}
    pairs = set()
    for _ in range(rng.randint(1, 4)):
        a, b = rng.sample(ids, 2) if len(ids) > 1 else (ids[0], ids[0])
        if a != b:
            pairs.add((a, b) if rank[a] < rank[b] else (b, a))
    lks = ()
    if locks and rng.random() < 0.4:
        r = rng.choice(p.requests)
        lks = (Lock(r.id, rng.choice(p.slots).id),)
    return replace(p, precedences=tuple(Precedence(a, b) for a, b in sorted(pairs)), locks=lks)


def tiny_ordered(seed: int, **kw) -> Problem:
    rng = random.Random(seed)
    return with_precedences(tiny_problem(rng, **kw), rng)


def usable(p: Problem) -> bool:
    return not [e for e in check_problem(p) if e.severity == "error"]


def before(p: Problem, schedule: Schedule) -> None:
    """Every precedence whose two requests are met holds (checked here by hand too)."""
    order = {s.id: k for k, s in enumerate(p.slots)}
    got = schedule.by_request()
    for pr in p.precedences:
        if pr.before in got and pr.after in got:
            assert order[got[pr.before].slot] < order[got[pr.after].slot], pr


# --------------------------------------------------------------------------- validator

PEOPLE = tuple(Participant(f"p{k}") for k in range(1, 5))
SLOTS = tuple(Slot(f"s{k}", "am") for k in range(1, 4))
CHAMBER = Request("chamber", "p1", "p2", required=True)
SUPPLIER = Request("supplier", "p1", "p3")


def chamber_first(**kw) -> Problem:
    return Problem(
        SLOTS,
        PEOPLE,
        (CHAMBER, SUPPLIER),
        (Table("T1"), Table("T2")),
        precedences=(Precedence("chamber", "supplier"),),
        **kw,
    )


def test_the_validator_flags_a_meeting_in_the_wrong_order():
    p = chamber_first()
    wrong = Schedule((Meeting("chamber", "s2", "T1"), Meeting("supplier", "s1", "T1")))
    same = Schedule((Meeting("chamber", "s2", "T1"), Meeting("supplier", "s2", "T2")))
    right = Schedule((Meeting("chamber", "s1", "T1"), Meeting("supplier", "s3", "T1")))
    assert [v.request for v in validate(p, wrong)] == ["supplier"]
    assert "chamber must be met before request supplier" in validate(p, wrong)[0].message
    assert any("before" in v.message for v in validate(p, same))
    assert validate(p, right) == []


def test_a_precedence_binds_only_when_both_are_met():
    p = chamber_first()
    assert validate(p, Schedule((Meeting("supplier", "s1", "T1"),))) == []


def test_solve_puts_the_chamber_first_even_when_greedy_would_not():
    # the supplier is locked in s2: the chamber can only be in s1
    p = chamber_first(locks=(Lock("supplier", "s2"),))
    for solver in ("greedy", "cpsat"):
        res = solve(p, solver=solver, time_limit=5)
        assert validate(p, res.schedule) == []
        got = res.schedule.by_request()
        assert got["chamber"].slot == "s1" and got["supplier"].slot == "s2"


# --------------------------------------------------------------------------- input checks


def test_unknown_and_self_precedences_are_input_errors():
    p = replace(chamber_first(), precedences=(Precedence("chamber", "nope"), Precedence("x", "x")))
    errs = [e for e in check_problem(p) if e.severity == "error"]
    assert {e.field for e in errs} == {"after", "before"}
    assert any("unknown request 'nope'" in e.message for e in errs)
    p = replace(chamber_first(), precedences=(Precedence("chamber", "chamber"),))
    assert any("before itself" in e.message for e in check_problem(p))


def test_a_cycle_of_required_meetings_is_infeasible_with_its_members_named():
    reqs = (CHAMBER, replace(SUPPLIER, required=True))
    p = replace(
        chamber_first(),
        requests=reqs,
        precedences=(Precedence("chamber", "supplier"), Precedence("supplier", "chamber")),
    )
    infeasible = [e for e in check_problem(p) if e.severity == "infeasible"]
    assert len(infeasible) == 1
    assert "cycle" in infeasible[0].message and "chamber → supplier → chamber" in (
        infeasible[0].message
    )
    res = solve(p, solver="cpsat", time_limit=5)
    assert res.report.status == "infeasible"
    assert "cycle" in res.report.messages[0]
    assert validate(p, res.schedule) == []


def test_a_chain_longer_than_the_slots_is_infeasible_and_the_chain_is_named():
    reqs = tuple(Request(f"r{k}", "p1", f"p{k + 1}", required=True) for k in range(1, 4))
    p = Problem(
        SLOTS[:2],
        PEOPLE,
        reqs,
        (Table("T1"),),
        precedences=(Precedence("r1", "r2"), Precedence("r2", "r3")),
    )
    infeasible = [e for e in check_problem(p) if e.severity == "infeasible"]
    assert infeasible, check_problem(p)
    text = " ".join(e.message for e in infeasible)
    assert "precedences leave required request" in text and "r1" in text


def test_locks_in_the_wrong_order_conflict():
    p = replace(chamber_first(), locks=(Lock("chamber", "s3"), Lock("supplier", "s1")))
    errs = [e for e in check_problem(p) if e.severity == "error"]
    assert [e.kind for e in errs] == ["locks"]
    assert "chamber is locked in slot s3, but must come before supplier" in errs[0].message
    with pytest.raises(ProblemInputError, match="locks conflict"):
        solve(p, solver="cpsat", time_limit=5)


# --------------------------------------------------------------------------- every phase


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_greedy_and_local_search_respect_precedences_and_locks(seed):
    p = tiny_ordered(seed)
    if not usable(p):
        return
    c = compile_problem(p)
    try:
        state = construct(c, seed=seed)
    except ValueError:  # a lock that cannot be kept (check_problem says why)
        return
    first = state.schedule()
    assert validate(p, first) == []
    before(p, first)
    local_search(
        state, seed=seed, budget=Budget(time.perf_counter() + 5, max_ops=20_000, state=state)
    )
    assert validate(p, state.schedule()) == []
    before(p, state.schedule())


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_solver_respects_precedences_and_locks(seed):
    p = tiny_ordered(seed, max_people=5, max_slots=4)
    if not usable(p):
        return
    for solver in ("greedy", "cpsat", "auto"):
        try:
            res = solve(p, solver=solver, time_limit=3, seed=seed % 7)
        except ValueError as error:  # a lock that cannot be kept: refused, saying which
            assert "lock" in str(error)
            return
        assert validate(p, res.schedule) == [], solver
        before(p, res.schedule)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_repair_respects_precedences(seed):
    p = tiny_ordered(seed, max_people=5, max_slots=4)
    if not usable(p):
        return
    try:
        published = solve(p, solver="greedy", time_limit=1).schedule
    except ValueError as error:  # a lock that cannot be kept: refused, nothing to repair
        assert "lock" in str(error)
        return
    rng = random.Random(seed)
    who = rng.choice(p.participants).id
    change = rng.choice(
        [
            ChangeSpec("late", participant=who, from_slot=p.slots[-1].id),
            ChangeSpec("early", participant=who, from_slot=p.slots[-1].id),
            ChangeSpec("withdraw", participant=who),
        ]
    )
    res = repair(p, published, [change])
    # (a lock the change made impossible is dropped and reported: not checked here)
    changed = replace(apply_changes(p, [change]), locks=())
    assert validate(changed, res.schedule) == []
    before(changed, res.schedule)


def test_cpsat_matches_the_brute_force_optimum_with_precedences():
    checked = 0
    for seed in range(60):
        p = tiny_ordered(seed, max_people=5, max_slots=4)
        if not usable(p) or not p.precedences:
            continue
        required, best = brute_force_weight(p)
        if best < 0:  # the lock cannot be kept
            with pytest.raises(ProblemInputError):
                solve(p, solver="cpsat", time_limit=5)
            continue
        rep = solve(p, solver="cpsat", time_limit=5).report
        assert (rep.required_scheduled, rep.weight_scheduled) == (required, best), seed
        greedy = solve(p, solver="greedy", time_limit=1).report
        assert greedy.weight_scheduled <= best
        checked += 1
    assert checked >= 20


# --------------------------------------------------------------------------- .dzn

SMALL = """nBusiness = 3;
nMeetings = 3;
nTables = 2;
nTotalSlots = 3;
nMorningSlots = 3;
requested = [| 1, 2, 1 | 1, 3, 1 | 2, 3, 1 |];
fixed = [0, 0, 0];
forbidden = [{0}, {0}, {0}];
precedences = PRECEDENCES;
"""


def dzn(tmp_path, precedences: str, fixed: str = "[0, 0, 0]"):
    path = tmp_path / "p.dzn"
    path.write_text(SMALL.replace("PRECEDENCES", precedences).replace("[0, 0, 0]", fixed))
    return path


def test_the_dzn_reader_reads_precedences(tmp_path):
    p = read_dzn(dzn(tmp_path, "[{}, {1}, {1, 2}]"))
    assert set(p.precedences) == {Precedence("1", "2"), Precedence("1", "3"), Precedence("2", "3")}
    result = solve_b2bsp(p, time_limit=10)
    assert result.status == "optimal"
    assert result.slots == (1, 2, 3)


@pytest.mark.parametrize(
    "precedences, message",
    [
        ("[{}, {1}]", "one set per meeting"),
        ("[{}, {4}, {}]", "precedences\\[2\\] contains meeting 4"),
        ("[{1}, {}, {}]", "precedences\\[1\\] contains meeting 1"),
    ],
)
def test_the_dzn_reader_refuses_bad_precedences(tmp_path, precedences, message):
    from rabta.scheduling.dzn import DznError

    with pytest.raises(DznError, match=message):
        read_dzn(dzn(tmp_path, precedences))


def test_a_dzn_whose_fixed_meetings_clash_with_its_precedences_is_infeasible_with_the_reason(
    tmp_path,
):
    # meeting 2 must come after meeting 1, but 1 is fixed to slot 3
    p = read_dzn(dzn(tmp_path, "[{}, {1}, {}]", fixed="[3, 0, 0]"))
    result = solve_b2bsp(p, time_limit=10)
    assert result.status == "infeasible"
    assert any("precedences leave required request 2 no slot" in r for r in result.reasons)


VARIANT = B2BSP_DIR / "variants" / "tic-13.forb0007.dzn"


@pytest.mark.skipif(not VARIANT.exists(), reason=f"{VARIANT} not found")
def test_the_infeasible_literature_variant_is_reported_with_its_reason():
    result = solve_b2bsp(read_dzn(VARIANT), time_limit=30)
    assert result.status == "infeasible"
    assert any("required meetings but room for only" in r for r in result.reasons)


# --------------------------------------------------------------------------- JSON and XLSX


def test_precedences_round_trip_through_json_and_xlsx(tmp_path):
    from rabta.scheduling.io import problem_to_xlsx, read_problem, write_problem_json

    p = replace(chamber_first(), name="x", locks=(Lock("supplier", "s3"),))
    write_problem_json(p, tmp_path / "p.json")
    assert read_problem(tmp_path / "p.json") == p
    problem_to_xlsx(p, tmp_path / "p.xlsx")
    assert read_problem(tmp_path / "p.xlsx") == replace(p, name="p")


def test_a_precedence_naming_an_unknown_request_points_at_its_row(tmp_path):
    from rabta.scheduling.io import InputError, problem_from_json, problem_to_json

    data = problem_to_json(chamber_first())
    data["precedences"].append({"before": "supplier", "after": "lunch"})
    data["precedences"].append({"before": "supplier", "after": "chamber", "when": 1})
    with pytest.raises(InputError) as exc:
        problem_from_json(data)
    assert "precedences, row 3, when: unknown field" in str(exc.value)
    del data["precedences"][2]
    with pytest.raises(InputError) as exc:
        problem_from_json(data)
    assert "precedences, row 2, after: precedence names unknown request 'lunch'" in str(exc.value)


def test_an_infeasible_instance_names_the_fixed_meetings_that_clash(tmp_path):
    # one table: meetings 1 and 2 (four different participants) both fixed to slot 1;
    # meeting 3 is free and not part of the clash
    path = tmp_path / "clash.dzn"
    path.write_text(
        "nBusiness = 6; nMeetings = 3; nTables = 1; nTotalSlots = 3; nMorningSlots = 3;\n"
        "requested = [| 1, 2, 1 | 3, 4, 1 | 5, 6, 1 |];\n"
        "fixed = [1, 1, 0];\n"
        "forbidden = [{0}, {0}, {0}, {0}, {3}, {0}];\n"
        "precedences = [{}, {}, {}];\n"
    )
    for deterministic in (False, True):
        result = solve_b2bsp(path, time_limit=30, deterministic=deterministic, workers=1)
        assert result.status == "infeasible"
        (reason,) = result.reasons
        assert "request 1 fixed to slot 1; request 2 fixed to slot 1" in reason
        assert "participant 5" not in reason and "request 3" not in reason
