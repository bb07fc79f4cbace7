"""Small random problems for property tests, and a brute-force optimum."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import combinations

from hypothesis import strategies as st

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

LANGS = ("ar", "en", "fr")


def tiny_problem(rng: random.Random, *, max_people: int = 6, max_slots: int = 6) -> Problem:
    n_slots = rng.randint(2, max_slots)
    split = rng.randint(1, n_slots)
    slots = tuple(Slot(f"s{i + 1}", "am" if i < split else "pm") for i in range(n_slots))
    slot_ids = [s.id for s in slots]

    def avail() -> frozenset[str] | None:
        if rng.random() < 0.5:
            return None
        return frozenset(s for s in slot_ids if rng.random() < 0.7)

    n_people = rng.randint(2, max_people)
    people = tuple(
        Participant(
            id=f"p{i + 1}",
            languages=frozenset(x for x in LANGS if rng.random() < 0.4),
            available=avail(),
            stand=f"st{i + 1}" if rng.random() < 0.15 else None,
            max_meetings=rng.choice((None, None, 1, 2, 3)),
        )
        for i in range(n_people)
    )
    pairs = list(combinations(range(n_people), 2))
    rng.shuffle(pairs)
    pairs = pairs[: rng.randint(1, min(len(pairs), 9))]
    requests = tuple(
        Request(
            id=f"r{k + 1}",
            a=f"p{a + 1}",
            b=f"p{b + 1}",
            weight=rng.randint(1, 3),
            required=rng.random() < 0.1,
            sessions=frozenset({rng.choice(sorted({s.session for s in slots}))})
            if rng.random() < 0.15
            else None,
        )
        for k, (a, b) in enumerate(pairs)
    )
    tables = tuple(Table(f"T{k + 1}", avail()) for k in range(rng.randint(0, 3)))
    interpreters = tuple(
        Interpreter(f"i{k + 1}", languages=frozenset(rng.sample(LANGS, 2)), available=avail())
        for k in range(rng.randint(0, 2))
    )
    return Problem(slots, people, requests, tables, interpreters, name="tiny")


@st.composite
def problems(draw, max_people: int = 6, max_slots: int = 6) -> Problem:
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    return tiny_problem(random.Random(seed), max_people=max_people, max_slots=max_slots)


def brute_force_weight(problem: Problem) -> tuple[int, int]:
    """The best (required met, total weight) of any valid schedule, lexicographically,
    by exhaustive search (tables are interchangeable within a slot, so the first
    free one is tried; every interpreter is tried). A locked request is met in
    its slot (and at its table/with its interpreter when named), never left out.
    Returns (-1, -1) when the locks cannot all be kept."""
    people = {p.id: p for p in problem.participants}
    locks = {lk.request: lk for lk in problem.locks}
    unlocked = replace(problem, locks=())
    requests = problem.requests
    big = sum(r.weight for r in requests) + 1
    weights = [r.weight + (big if r.required else 0) for r in requests]
    suffix = [sum(weights[k:]) for k in range(len(weights) + 1)]
    best = -1

    def options(k: int, chosen: list[Meeting]):
        r = requests[k]
        a, b = people[r.a], people[r.b]
        stand = a.stand or b.stand or None
        lk = locks.get(r.id)
        for s in problem.slots:
            if lk is not None and s.id != lk.slot:
                continue
            used_t = {m.table for m in chosen if m.slot == s.id}
            free_t = [
                t.id
                for t in problem.tables
                if t.id not in used_t and (t.available is None or s.id in t.available)
            ]
            if lk is not None and lk.table is not None and not stand:
                free_t = [lk.table] if lk.table in free_t else []
            tables = [None] if stand else free_t[:1] if free_t else []
            for t in tables:
                for i in [None, *[x.id for x in problem.interpreters]]:
                    if lk is None or lk.interpreter in (None, i):
                        yield Meeting(r.id, s.id, t, stand, i)
        if lk is None:
            yield None

    def dfs(k: int, chosen: list[Meeting], weight: int) -> None:
        nonlocal best
        if weight + suffix[k] <= best:
            return
        if k == len(requests):
            best = weight
            return
        for m in options(k, chosen):
            if m is None:
                dfs(k + 1, chosen, weight)
                continue
            chosen.append(m)
            if not validate(unlocked, Schedule(tuple(chosen))):
                dfs(k + 1, chosen, weight + weights[k])
            chosen.pop()

    dfs(0, [], 0)
    if best < 0:
        return -1, -1
    return best // big, best % big
