"""Interpreter-bound delegation days (issue 19, item 1): an adversarial generator.

A delegation of visiting companies meets local ones. Most visitors speak only
Russian and many locals only Urdu, so most meetings need one of a handful of
interpreters — the bottleneck. What makes it hard (each chosen because it
loosens the classic bounds or misleads a greedy):

* the interpreters work in shifts (morning, afternoon, or the whole day with a
  break) and speak different pairs (Russian–Urdu, Russian–English,
  Urdu–English), so "interpreter-slots" counted over the day overstate what
  the meetings that need them can use;
* the Urdu-only locals come for one session only, mostly the afternoon, when
  fewer interpreters work; the Russian-only visitors are there all day;
* weights favour exactly those meetings (Russian-only with Urdu-only: 3–5),
  so a bound that ignores *when* interpreters work promises weight no
  schedule can reach; meetings with a shared language weigh 1–2;
* demand is skewed (a few popular locals) and far above capacity.

Deterministic per seed. ``interpreter_day(seed, size, mix)``: size "issue" is the
instance of the issue (280 participants: 30 visitors, 250 locals; 2,500
requests; 2 × 12 slots; 60 tables; 6 interpreters; 60 % of the visitors
Russian-only, 30 % of the locals Urdu-only), "small" and "large" scale it.
"""

from __future__ import annotations

import random

from rabta.scheduling.model import Interpreter, Participant, Problem, Request, Slot, Table

SIZES = {
    # visitors, locals, requests, slots per session, tables, interpreters
    "small": (12, 100, 800, 8, 24, 4),
    "medium": (20, 160, 1500, 10, 40, 5),
    "issue": (30, 250, 2500, 12, 60, 6),
    "large": (45, 400, 4000, 12, 90, 9),
}
#: language pairs of the interpreters, in turn
INTERPRETERS = (  # languages and shift, in turn
    ({"ru", "ur"}, "morning"),
    ({"ru", "ur"}, "morning"),
    ({"ru", "en"}, "afternoon"),
    ({"ru", "ur"}, "day"),
    ({"ur", "en"}, "afternoon"),
    ({"ru", "ur"}, "late"),
)


AFTERNOON = 0.9
#: Other mixes: (interpreters, share of the Urdu-only locals in the afternoon).
#: "all-day": every interpreter all day (with a break), three language pairs, and the
#: Urdu-only locals split between the sessions — a gap of 7–9 % between the
#: aggregate bound and the schedules, and the one mix where the LNS finds more.
MIXES = {
    "shifts": (INTERPRETERS, AFTERNOON),
    "all-day": (
        (
            ({"ru", "ur"}, "day"),
            ({"ru", "en"}, "day"),
            ({"ru", "ur"}, "day"),
            ({"ur", "en"}, "day"),
            ({"ru", "ur"}, "day"),
            ({"ru", "ur"}, "day"),
        ),
        0.5,
    ),
}


def _shift(kind: str, sessions: list[list[str]], rng: random.Random) -> frozenset[str]:
    """An interpreter's slots: the morning, the afternoon, its first two thirds
    ("late" starts after lunch and leaves early), or all day with a break."""
    if kind == "morning":
        return frozenset(sessions[0])
    if kind == "afternoon":
        return frozenset(sessions[1])
    if kind == "late":
        return frozenset(sessions[1][: len(sessions[1]) * 2 // 3])
    day = sessions[0] + sessions[1]
    pause = rng.randrange(2, len(day) - 4)
    return frozenset(day[:pause] + day[pause + 3 :])


def interpreter_day(seed: int = 0, size: str = "issue", mix: str = "shifts") -> Problem:
    visitors, locals_, n_requests, per_session, n_tables, n_interp = SIZES[size]
    interpreter_kinds, afternoon = MIXES[mix]
    rng = random.Random(seed)
    slots = tuple(
        Slot(id=f"s{k + 1}-{j + 1:02d}", session=f"session{k + 1}")
        for k in range(2)
        for j in range(per_session)
    )
    sessions = [[s.id for s in slots if s.session == f"session{k + 1}"] for k in range(2)]
    people = []
    for i in range(visitors):
        langs = {"ru"} if i < round(0.6 * visitors) else {"ru", "en"}
        people.append(
            Participant(id=f"v{i + 1}", name=f"Visitor {i + 1}", languages=frozenset(langs))
        )
    for i in range(locals_):
        urdu_only = i < round(0.3 * locals_)
        langs = {"ur"} if urdu_only else {"ur", "en"}
        available = None
        if urdu_only:  # one session only, mostly the afternoon
            session = sessions[1] if rng.random() < afternoon else sessions[0]
            start = rng.randrange(0, per_session // 3)
            available = frozenset(session[start : start + per_session * 2 // 3])
        elif rng.random() < 0.3:
            available = frozenset(sessions[rng.randrange(2)])
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
    popularity = [rng.paretovariate(1.1) for _ in range(locals_)]
    while len(requests) < min(n_requests, visitors * locals_):
        v = rng.randrange(visitors)
        loc = rng.choices(range(locals_), weights=popularity)[0]
        if (v, loc) in pairs:
            continue
        pairs.add((v, loc))
        a, b = people[v], people[visitors + loc]
        if a.languages == {"ru"} and b.languages == {"ur"}:
            weight = rng.choice((3, 4, 5))
        elif not (a.languages & b.languages):
            weight = rng.choice((2, 3))
        else:
            weight = rng.choice((1, 1, 2))
        requests.append(Request(id=f"r{len(requests) + 1}", a=a.id, b=b.id, weight=weight))
    interpreters = tuple(
        Interpreter(
            f"i{k + 1}",
            f"Interpreter {k + 1}",
            frozenset(interpreter_kinds[k % len(interpreter_kinds)][0]),
            _shift(interpreter_kinds[k % len(interpreter_kinds)][1], sessions, rng),
        )
        for k in range(n_interp)
    )
    return Problem(
        slots=slots,
        participants=tuple(people),
        requests=tuple(requests),
        tables=tuple(Table(f"T{k + 1}") for k in range(n_tables)),
        interpreters=interpreters,
        name=f"interpreter-day-{size}-{seed}" + ("" if mix == "shifts" else f"-{mix}"),
    )
