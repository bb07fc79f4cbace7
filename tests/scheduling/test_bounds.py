"""The bounds are valid upper bounds: never below the brute-force optimum."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from rabta.scheduling.bounds import interpreter_lp, upper_bound
from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.model import Interpreter, Participant, Problem, Request, Slot, Table
from tests.scheduling.problems import brute_force_weight, problems


def interpreter_bound_problem(rng: random.Random) -> Problem:
    """A tiny event where interpreters bind: one-language sides, interpreters
    in shifts speaking different pairs."""
    langs = ("ru", "ur", "en")
    n_slots = rng.randint(2, 5)
    split = rng.randint(1, n_slots)
    slots = tuple(Slot(f"s{i + 1}", "am" if i < split else "pm") for i in range(n_slots))
    ids = [s.id for s in slots]

    def shift() -> frozenset[str] | None:
        return None if rng.random() < 0.3 else frozenset(s for s in ids if rng.random() < 0.6)

    people = tuple(
        Participant(f"p{i + 1}", languages=frozenset({rng.choice(langs)}), available=shift())
        for i in range(rng.randint(3, 6))
    )
    pairs = list(combinations(range(len(people)), 2))
    rng.shuffle(pairs)
    requests = tuple(
        Request(f"r{k + 1}", f"p{a + 1}", f"p{b + 1}", weight=rng.randint(1, 5))
        for k, (a, b) in enumerate(pairs[: rng.randint(2, 8)])
    )
    interpreters = tuple(
        Interpreter(f"i{k + 1}", languages=frozenset(rng.sample(langs, 2)), available=shift())
        for k in range(rng.randint(1, 3))
    )
    tables = tuple(Table(f"T{k + 1}") for k in range(rng.randint(1, 3)))
    return Problem(slots, people, requests, tables, interpreters, name="interpreter-bound")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_the_interpreter_bound_is_never_below_the_optimum(seed):
    p = interpreter_bound_problem(random.Random(seed))
    _required, best = brute_force_weight(p)
    c = compile_problem(p)
    bound = interpreter_lp(c)
    if any(r.needs_interpreter and r.feasible_mask for r in c.requests):
        assert bound is not None and bound >= best
    assert upper_bound(c).weight >= best


@settings(max_examples=40, deadline=None)
@given(problems(max_people=5, max_slots=5))
def test_every_bound_is_an_upper_bound_on_random_tiny_problems(p):
    p = replace(p, requests=tuple(replace(r, required=False) for r in p.requests))
    _required, best = brute_force_weight(p)
    bound = upper_bound(compile_problem(p))
    assert all(v >= best for v in bound.parts.values()), (bound, best)


def test_interpreters_in_shifts_tighten_the_bound():
    # two Russian-only visitors, two Urdu-only locals available in the
    # afternoon only; the one Russian–Urdu interpreter works the morning and
    # one afternoon slot: one meeting at most, whatever the day-long count says
    slots = tuple(Slot(f"s{i}", "am" if i < 2 else "pm") for i in range(4))
    pm = frozenset({"s2", "s3"})
    people = (
        Participant("v1", languages=frozenset({"ru"})),
        Participant("v2", languages=frozenset({"ru"})),
        Participant("l1", languages=frozenset({"ur"}), available=pm),
        Participant("l2", languages=frozenset({"ur"}), available=pm),
    )
    requests = tuple(
        Request(f"r{k}", a, b, weight=5)
        for k, (a, b) in enumerate((("v1", "l1"), ("v2", "l2"), ("v1", "l2"), ("v2", "l1")))
    )
    interpreter = Interpreter(
        "i1", languages=frozenset({"ru", "ur"}), available=frozenset({"s0", "s1", "s2"})
    )
    p = Problem(slots, people, requests, (Table("T1"), Table("T2")), (interpreter,))
    c = compile_problem(p)
    assert brute_force_weight(p) == (0, 5)
    bound = upper_bound(c)
    assert bound.parts["aggregate"] > 5
    assert bound.parts["interpreters"] == 5
    assert bound.weight == 5
