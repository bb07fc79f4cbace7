"""Synthetic problems of realistic shape (for tests, examples and benchmarks).

``delegation_day()`` ≈ 300 participants, 3,000 requests, 2 × 12 slots, 60
tables, 6 interpreters; ``trade_fair()`` ≈ 2,000 participants, 20,000
requests, 4 × 16 slots, 300 tables, 20 interpreters. Deterministic per seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from rabta.scheduling.model import Interpreter, Participant, Problem, Request, Slot, Table

LANGS_A = ("ar", "fr")  # one side of the corridor
LANGS_B = ("de", "en")  # the other


def random_person(
    rng: random.Random,
    own: tuple[str, ...],
    other: tuple[str, ...],
    slot_ids: list[str],
    monolingual_share: float,
    partial_availability_share: float,
) -> tuple[frozenset[str], frozenset[str] | None]:
    """A generated person's languages (one of their side's, often with English or one of the
    other side's) and the slots they are there for (None: all), drawn from ``rng``."""
    if rng.random() < monolingual_share:
        langs = frozenset({rng.choice(own)})
    else:
        langs = frozenset({rng.choice(own), "en" if rng.random() < 0.7 else rng.choice(other)})
    available = None
    if rng.random() < partial_availability_share:
        lo = rng.randrange(len(slot_ids) // 2)
        hi = rng.randrange(lo + len(slot_ids) // 3, len(slot_ids) + 1)
        available = frozenset(slot_ids[lo:hi])
    return langs, available


def slot_grid(sessions: int, slots_per_session: int) -> list[Slot]:
    """The generated events' slots: 20-minute slots from 9:00, two sessions a day (morning
    and afternoon), ``s<session>-<nn>`` ids."""
    day = datetime(2026, 5, 12, 9, 0)
    slots = []
    for k in range(sessions):
        start = day + timedelta(days=k // 2, hours=0 if k % 2 == 0 else 6)
        for j in range(slots_per_session):
            t0 = start + timedelta(minutes=20 * j)
            slots.append(
                Slot(f"s{k + 1}-{j + 1:02d}", f"session{k + 1}", t0, t0 + timedelta(minutes=20))
            )
    return slots


def random_problem(
    *,
    seed: int = 0,
    participants: int = 300,
    requests: int = 3000,
    sessions: int = 2,
    slots_per_session: int = 12,
    tables: int = 60,
    interpreters: int = 6,
    stand_share: float = 0.1,
    monolingual_share: float = 0.25,
    partial_availability_share: float = 0.2,
    required_share: float = 0.01,
    name: str = "random",
) -> Problem:
    rng = random.Random(seed)
    slots = slot_grid(sessions, slots_per_session)
    slot_ids = [s.id for s in slots]

    people = []
    for i in range(participants):
        side_a = i % 2 == 0
        own, other = (LANGS_A, LANGS_B) if side_a else (LANGS_B, LANGS_A)
        langs, available = random_person(
            rng, own, other, slot_ids, monolingual_share, partial_availability_share
        )
        people.append(
            Participant(
                id=f"p{i + 1}",
                name=f"Participant {i + 1}",
                languages=langs,
                available=available,
                stand=f"stand-{i + 1}" if rng.random() < stand_share else None,
                max_meetings=rng.choice((None, None, len(slot_ids) // 2, len(slot_ids) - 2)),
            )
        )

    pairs: set[tuple[int, int]] = set()
    reqs = []
    # popularity skew: some participants are asked a lot
    pop = [rng.paretovariate(1.5) for _ in range(participants)]
    total = min(requests, participants * (participants - 1) // 2)
    while len(reqs) < total:
        a = rng.randrange(participants)
        if rng.random() < 0.5:
            b = rng.choices(range(participants), weights=pop)[0]
        else:
            b = rng.randrange(participants)
        if a % 2 == b % 2:  # a bilateral corridor: requests go across
            b = b + 1 if b + 1 < participants else b - 1
        if a == b or a % 2 == b % 2:
            continue
        key = (min(a, b), max(a, b))
        if key in pairs:
            continue
        pairs.add(key)
        mutual = rng.random() < 0.3
        reqs.append(
            Request(
                id=f"r{len(reqs) + 1}",
                a=f"p{a + 1}",
                b=f"p{b + 1}",
                weight=3 if mutual else 1,
                required=rng.random() < required_share,
            )
        )
    # keep required requests plausible: at most 2 per participant
    seen: dict[str, int] = {}
    fixed = []
    for r in reqs:
        if r.required:
            if seen.get(r.a, 0) >= 2 or seen.get(r.b, 0) >= 2:
                r = Request(r.id, r.a, r.b, r.weight, False)
            else:
                seen[r.a] = seen.get(r.a, 0) + 1
                seen[r.b] = seen.get(r.b, 0) + 1
        fixed.append(r)

    interps = []
    pairs_lang = [(a, b) for a in LANGS_A for b in LANGS_B]
    for k in range(interpreters):
        a, b = pairs_lang[k % len(pairs_lang)]
        interps.append(Interpreter(f"i{k + 1}", f"Interpreter {k + 1}", frozenset({a, b})))
    return Problem(
        slots=tuple(slots),
        participants=tuple(people),
        requests=tuple(fixed),
        tables=tuple(Table(f"T{k + 1}") for k in range(tables)),
        interpreters=tuple(interps),
        name=name,
    )


def delegation_day(seed: int = 0) -> Problem:
    return random_problem(seed=seed, name="delegation-day")


def trade_fair(seed: int = 0) -> Problem:
    return random_problem(
        seed=seed,
        participants=2000,
        requests=20000,
        sessions=4,
        slots_per_session=16,
        tables=300,
        interpreters=20,
        name="trade-fair",
    )
