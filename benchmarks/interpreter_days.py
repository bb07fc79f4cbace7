"""Interpreter-bound delegation days (issue 19, item 1): a generator.

A delegation of visiting companies meets local ones; most of the visitors speak
only Russian and many locals only Urdu, so most meetings need one of a handful
of Russian–Urdu interpreters — the bottleneck: demand far above what the interpreters can serve, weights skewed
towards the meetings that need one, part-time availability of the monolingual
locals. Deterministic per seed. First version: it does NOT yet reproduce the
issue's 7 % gap (rabta reaches 99.9-100 % of the LP bound on seeds 0-2 of
"issue", docs/benchmarks.md), so it is not adversarial enough yet and is not in
``make bench``. ``interpreter_day(seed, size)``: size "issue" is the
instance of the issue (280 participants: 30 visitors, 250 locals; 2,500
requests; 2 × 12 slots; 60 tables; 6 interpreters), "small" and "large" scale it.
"""

from __future__ import annotations

import random

from rabta.scheduling.model import Interpreter, Participant, Problem, Request, Slot, Table

SIZES = {
    # visitors, locals, requests, slots per session, tables, interpreters
    "small": (12, 100, 800, 8, 24, 3),
    "issue": (30, 250, 2500, 12, 60, 6),
    "large": (45, 400, 4000, 12, 90, 8),
}


def interpreter_day(seed: int = 0, size: str = "issue") -> Problem:
    visitors, locals_, n_requests, per_session, n_tables, n_interp = SIZES[size]
    rng = random.Random(seed)
    slots = tuple(
        Slot(id=f"s{k + 1}-{j + 1:02d}", session=f"session{k + 1}")
        for k in range(2)
        for j in range(per_session)
    )
    slot_ids = [s.id for s in slots]
    people = []
    for i in range(visitors):
        langs = {"ru"} if rng.random() < 0.6 else {"ru", "en"}
        people.append(
            Participant(id=f"v{i + 1}", name=f"Visitor {i + 1}", languages=frozenset(langs))
        )
    for i in range(locals_):
        langs = {"ur"} if rng.random() < 0.3 else {"ur", "en"}
        available = None
        if "en" not in langs and rng.random() < 0.4:  # monolingual locals: part of the day
            half = len(slot_ids) // 2
            start = rng.randrange(0, len(slot_ids) - half + 1)
            available = frozenset(slot_ids[start : start + half])
        people.append(
            Participant(
                id=f"l{i + 1}",
                name=f"Local {i + 1}",
                languages=frozenset(langs),
                available=available,
            )
        )
    pairs: set[tuple[int, int]] = set()
    requests = []
    popularity = [rng.paretovariate(1.2) for _ in range(locals_)]
    while len(requests) < min(n_requests, visitors * locals_):
        v = rng.randrange(visitors)
        loc = rng.choices(range(locals_), weights=popularity)[0]
        if (v, loc) in pairs:
            continue
        pairs.add((v, loc))
        a, b = people[v], people[visitors + loc]
        needs = not (a.languages & b.languages)
        weight = rng.choice((2, 3, 5)) if needs else rng.choice((1, 1, 2, 3))
        requests.append(Request(id=f"r{len(requests) + 1}", a=a.id, b=b.id, weight=weight))
    interpreters = tuple(
        Interpreter(f"i{k + 1}", f"Interpreter {k + 1}", frozenset({"ru", "ur"}))
        for k in range(n_interp)
    )
    return Problem(
        slots=slots,
        participants=tuple(people),
        requests=tuple(requests),
        tables=tuple(Table(f"T{k + 1}") for k in range(n_tables)),
        interpreters=interpreters,
        name=f"interpreter-day-{size}-{seed}",
    )
