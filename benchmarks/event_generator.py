"""Seeded generator of realistic brokerage events for rabta's scheduling engine.

Every instance is a bilateral corridor event: *visitors* (a Russian delegation:
they speak Russian, many also English) meet *locals* (Pakistani companies: Urdu,
most also English, a few Russian). Requests are drawn with skewed popularity (a
few companies attract many requests), weigh 3 when mutual and 1 when one-sided;
a few are marked required by the organiser and some are restricted to the
morning sessions. Participants arrive late, leave early or come for one session
only; tables are withdrawn for some slots; interpreters (ru-en, ru-ur) work part
of the day. The instances are over-subscribed on purpose: most requests fit,
not all, so the upper bound and the optimality gap matter.

Instances (see :data:`INSTANCES`):

- ``delegation-day``: 30 visitors + 250 locals, 3,000 requests, 2 x 12 slots of
  20 min, 60 tables, 6 interpreters;
- ``trade-fair``: 2,000 participants, 20,000 requests, 4 x 16 slots of 15 min,
  300 tables, 20 interpreters;
- ``design-target``: the DESIGN.md target, 300 participants, 3,000 requests,
  2 x 12 slots, 60 tables, 6 interpreters;
- ``small`` and ``tiny``: for the independent formulations and tests;
- ``<name>-ft`` for the three above: the same event with every interpreter
  there all day.

The generator is deterministic for a seed: it draws from one
``random.Random(seed)`` and never iterates over a set.

Usage::

    python -m benchmarks.event_generator delegation-day --seed 1 --out day.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rabta.scheduling.io import problem_to_json, write_problem_json
from rabta.scheduling.model import (
    Interpreter,
    Participant,
    Problem,
    Request,
    Slot,
    Table,
)

MUTUAL_WEIGHT = 3
ONE_SIDED_WEIGHT = 1


@dataclass(frozen=True)
class EventSpec:
    """The shape of a generated event; the random draws fill in the details."""

    name: str
    days: int
    sessions_per_day: int  # 1 = morning only, 2 = morning and afternoon
    slots_per_session: int
    slot_minutes: int
    visitors: int
    locals: int
    requests: int
    cross_share: float  # share of requests between a visitor and a local
    tables: int
    interpreters: int
    visitor_stands: int
    local_stands: int
    visitor_max_meetings: tuple[int | None, ...]
    local_max_meetings: tuple[int | None, ...]
    visitor_english: float = 0.6  # share of visitors who also speak English
    local_english: float = 0.8
    local_russian: float = 0.05
    mutual_share: float = 0.3
    required_share: float = 0.01
    morning_only_share: float = 0.05
    partial_share: float = 0.2  # participants with partial availability
    table_outage_share: float = 0.1  # tables withdrawn for one session
    interpreter_partial_share: float = 0.5
    seed_name: str = ""  # draw as this instance does (a variant differing only in its knobs)

    @property
    def participants(self) -> int:
        return self.visitors + self.locals

    @property
    def slots(self) -> int:
        return self.days * self.sessions_per_day * self.slots_per_session


INSTANCES: dict[str, EventSpec] = {
    "delegation-day": EventSpec(
        name="delegation-day",
        days=1,
        sessions_per_day=2,
        slots_per_session=12,
        slot_minutes=20,
        visitors=30,
        locals=250,
        requests=3000,
        cross_share=0.62,
        tables=60,
        interpreters=6,
        visitor_stands=4,
        local_stands=0,
        visitor_max_meetings=(None, None, 22, 20),
        local_max_meetings=(8, 10, 12, 12, 16, None),
    ),
    "trade-fair": EventSpec(
        name="trade-fair",
        days=2,
        sessions_per_day=2,
        slots_per_session=16,
        slot_minutes=15,
        visitors=500,
        locals=1500,
        requests=20000,
        cross_share=0.6,
        tables=300,
        interpreters=20,
        visitor_stands=60,
        local_stands=140,
        visitor_max_meetings=(None, 30, 25, 20),
        local_max_meetings=(10, 15, 20, 25, None),
    ),
    "design-target": EventSpec(
        name="design-target",
        days=1,
        sessions_per_day=2,
        slots_per_session=12,
        slot_minutes=20,
        visitors=100,
        locals=200,
        requests=3000,
        cross_share=0.7,
        tables=60,
        interpreters=6,
        visitor_stands=15,
        local_stands=15,
        visitor_max_meetings=(None, 20, 16, 12),
        local_max_meetings=(8, 10, 12, 16, None),
    ),
    "small": EventSpec(
        name="small",
        days=1,
        sessions_per_day=2,
        slots_per_session=4,
        slot_minutes=20,
        visitors=5,
        locals=15,
        requests=60,
        cross_share=0.6,
        tables=4,
        interpreters=2,
        visitor_stands=1,
        local_stands=0,
        visitor_max_meetings=(None, 6),
        local_max_meetings=(3, 4, None),
        required_share=0.03,
    ),
    "tiny": EventSpec(
        name="tiny",
        days=1,
        sessions_per_day=2,
        slots_per_session=2,
        slot_minutes=20,
        visitors=2,
        locals=4,
        requests=8,
        cross_share=0.75,
        tables=2,
        interpreters=1,
        visitor_stands=0,
        local_stands=0,
        visitor_max_meetings=(None,),
        local_max_meetings=(2, None),
        required_share=0.0,
    ),
}


# Variants: the same events with every interpreter there all day (the draws are
# the base instance's, so participants, requests and tables are identical).
for _base in ("delegation-day", "design-target", "trade-fair"):
    INSTANCES[f"{_base}-ft"] = replace(
        INSTANCES[_base], name=f"{_base}-ft", interpreter_partial_share=0.0, seed_name=_base
    )


def generate(name_or_spec: str | EventSpec, seed: int = 1) -> Problem:
    """Generate the named instance (a key of :data:`INSTANCES`) for ``seed``."""
    spec = INSTANCES[name_or_spec] if isinstance(name_or_spec, str) else name_or_spec
    return _Generator(spec, random.Random(f"{spec.seed_name or spec.name}:{seed}")).problem()


class _Generator:
    def __init__(self, spec: EventSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng

    def problem(self) -> Problem:
        slots, sessions = self._slots()
        self.slot_ids = [s.id for s in slots]
        self.sessions = sessions  # session id -> its slot ids, in order
        visitors = self._participants("V", self.spec.visitors, visitor=True)
        locals_ = self._participants("L", self.spec.locals, visitor=False)
        participants = visitors + locals_
        requests = self._requests(visitors, locals_)
        return Problem(
            slots=tuple(slots),
            participants=tuple(participants),
            requests=tuple(requests),
            tables=tuple(self._tables()),
            interpreters=tuple(self._interpreters()),
            name=f"{self.spec.name}",
        )

    # -- time ---------------------------------------------------------------

    def _slots(self) -> tuple[list[Slot], dict[str, list[str]]]:
        spec = self.spec
        slots: list[Slot] = []
        sessions: dict[str, list[str]] = {}
        first_day = datetime(2026, 3, 10)
        starts = [timedelta(hours=9), timedelta(hours=14)][: spec.sessions_per_day]
        length = timedelta(minutes=spec.slot_minutes)
        for day in range(spec.days):
            for half, start in zip(("am", "pm"), starts, strict=False):
                session = f"d{day + 1}-{half}"
                sessions[session] = []
                for k in range(spec.slots_per_session):
                    begin = first_day + timedelta(days=day) + start + k * length
                    slot = Slot(
                        id=f"{session}-{k + 1:02d}",
                        session=session,
                        start=begin,
                        end=begin + length,
                    )
                    slots.append(slot)
                    sessions[session].append(slot.id)
        return slots, sessions

    def _partial_availability(self) -> frozenset[str] | None:
        """A late arrival, an early leaver, or one session only; ``None`` = always there."""
        if self.rng.random() >= self.spec.partial_share:
            return None
        ids = self.slot_ids
        kind = self.rng.choice(("late", "early", "one-session"))
        if kind == "one-session" and len(self.sessions) > 1:
            return frozenset(self.sessions[self.rng.choice(sorted(self.sessions))])
        cut = self.rng.randint(2, max(2, len(ids) // 3))
        return frozenset(ids[cut:] if kind == "late" else ids[:-cut])

    # -- people -------------------------------------------------------------

    def _participants(self, prefix: str, count: int, *, visitor: bool) -> list[Participant]:
        spec, rng = self.spec, self.rng
        stands = spec.visitor_stands if visitor else spec.local_stands
        caps = spec.visitor_max_meetings if visitor else spec.local_max_meetings
        width = len(str(count))
        people: list[Participant] = []
        for i in range(count):
            pid = f"{prefix}{i + 1:0{width}d}"
            if visitor:
                langs = {"ru"}
                if rng.random() < spec.visitor_english:
                    langs.add("en")
            else:
                langs = {"ur"}
                if rng.random() < spec.local_english:
                    langs.add("en")
                if rng.random() < spec.local_russian:
                    langs.add("ru")
            people.append(
                Participant(
                    id=pid,
                    name=f"{'Visitor' if visitor else 'Local'} {i + 1} ({'RU' if visitor else 'PK'})",
                    languages=frozenset(langs),
                    available=self._partial_availability(),
                    stand=f"stand-{pid}" if i < stands else None,
                    max_meetings=rng.choice(caps),
                )
            )
        return people

    def _tables(self) -> list[Table]:
        tables: list[Table] = []
        session_ids = sorted(self.sessions)
        for i in range(self.spec.tables):
            available = None
            if self.rng.random() < self.spec.table_outage_share:
                away = set(self.sessions[self.rng.choice(session_ids)])
                available = frozenset(s for s in self.slot_ids if s not in away)
            tables.append(Table(id=f"T{i + 1:03d}", available=available))
        return tables

    def _interpreters(self) -> list[Interpreter]:
        result: list[Interpreter] = []
        session_ids = sorted(self.sessions)
        for i in range(self.spec.interpreters):
            langs = frozenset({"ru", "en"} if i % 2 == 0 else {"ru", "ur"})
            available = None
            if self.rng.random() < self.spec.interpreter_partial_share:
                works = self.rng.sample(session_ids, max(1, len(session_ids) // 2))
                available = frozenset(
                    s for s in self.slot_ids if any(s in self.sessions[w] for w in works)
                )
            result.append(
                Interpreter(
                    id=f"I{i + 1:02d}",
                    name=f"Interpreter {i + 1}",
                    languages=langs,
                    available=available,
                )
            )
        return result

    # -- requests -----------------------------------------------------------

    def _requests(self, visitors: list[Participant], locals_: list[Participant]) -> list[Request]:
        spec, rng = self.spec, self.rng
        # Skewed popularity: a few companies attract many requests.
        v_pop = _cumulative([rng.lognormvariate(0.0, 0.7) for _ in visitors])
        l_pop = _cumulative([rng.lognormvariate(0.0, 0.9) for _ in locals_])
        can_meet_alone = len(locals_) >= 2
        pairs: list[tuple[Participant, Participant]] = []
        seen: set[tuple[str, str]] = set()
        attempts = 0
        while len(pairs) < spec.requests and attempts < 50 * spec.requests:
            attempts += 1
            if not can_meet_alone or rng.random() < spec.cross_share:
                a = rng.choices(visitors, cum_weights=v_pop)[0]
                b = rng.choices(locals_, cum_weights=l_pop)[0]
            else:
                a, b = rng.choices(locals_, cum_weights=l_pop, k=2)
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if a.id == b.id or key in seen or not _common_slots(a, b, self.slot_ids):
                continue
            seen.add(key)
            pairs.append((a, b))
        morning = [s for s in sorted(self.sessions) if s.endswith("-am")]
        morning_slots = {s for m in morning for s in self.sessions[m]}
        required_budget = round(spec.required_share * spec.requests)
        has_required: set[str] = set()
        width = len(str(len(pairs)))
        requests: list[Request] = []
        for n, (a, b) in enumerate(pairs):
            weight = MUTUAL_WEIGHT if rng.random() < spec.mutual_share else ONE_SIDED_WEIGHT
            sessions = None
            if (
                morning
                and len(morning) < len(self.sessions)
                and rng.random() < spec.morning_only_share
                and morning_slots.intersection(_common_slots(a, b, self.slot_ids))
            ):
                sessions = frozenset(morning)
            required = False
            if (
                required_budget > 0
                and rng.random() < 4 * spec.required_share
                and a.id not in has_required
                and b.id not in has_required
                and a.languages & b.languages  # no interpreter needed
                and (a.stand or b.stand or spec.tables > 0)
            ):
                required = True
                required_budget -= 1
                has_required.update((a.id, b.id))
                weight = MUTUAL_WEIGHT
            requests.append(
                Request(
                    id=f"r{n + 1:0{width}d}",
                    a=a.id,
                    b=b.id,
                    weight=weight,
                    required=required,
                    sessions=sessions,
                )
            )
        return requests


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _common_slots(a: Participant, b: Participant, slot_ids: Sequence[str]) -> list[str]:
    return [
        s
        for s in slot_ids
        if (a.available is None or s in a.available) and (b.available is None or s in b.available)
    ]


# -- summaries and writing ----------------------------------------------------


def describe(problem: Problem) -> dict[str, object]:
    """Sizes and simple capacity figures of an instance (for the docs and tests)."""
    sessions = sorted({s.session for s in problem.slots})
    table_slots = sum(
        len(problem.slots) if t.available is None else len(t.available) for t in problem.tables
    )
    people = {p.id: p for p in problem.participants}
    needs_interpreter = sum(
        1 for r in problem.requests if not people[r.a].languages & people[r.b].languages
    )
    at_stand = sum(1 for r in problem.requests if people[r.a].stand or people[r.b].stand)
    return {
        "name": problem.name,
        "participants": len(problem.participants),
        "requests": len(problem.requests),
        "weight_requested": sum(r.weight for r in problem.requests),
        "mutual_requests": sum(1 for r in problem.requests if r.weight == MUTUAL_WEIGHT),
        "required_requests": sum(1 for r in problem.requests if r.required),
        "session_restricted_requests": sum(1 for r in problem.requests if r.sessions is not None),
        "requests_needing_interpreter": needs_interpreter,
        "requests_at_a_stand": at_stand,
        "sessions": len(sessions),
        "slots": len(problem.slots),
        "tables": len(problem.tables),
        "table_slots": table_slots,
        "interpreters": len(problem.interpreters),
        "stands": sum(1 for p in problem.participants if p.stand),
        "partially_available": sum(1 for p in problem.participants if p.available is not None),
    }


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    """The problem in the engine's JSON format (``rabta.scheduling.io``)."""
    return problem_to_json(problem)


def write_problem(problem: Problem, path: Path) -> None:
    """Write ``problem`` to ``path`` in the engine's JSON format, so that
    ``rabta schedule`` can read it."""
    write_problem_json(problem, path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", choices=sorted(INSTANCES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the problem as JSON to this file")
    args = parser.parse_args(argv)
    problem = generate(args.instance, args.seed)
    if args.out:
        write_problem(problem, args.out)
    json.dump(describe(problem), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
