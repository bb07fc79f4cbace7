"""What the independent formulations share: the candidate (request, slot) pairs
and a result record. Written from the problem statement in DESIGN.md, without
the engine's compiled view, so a bug there cannot hide here."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from rabta.scheduling.model import Meeting, Participant, Problem, Schedule


def _free(available: frozenset[str] | None, slot: str) -> bool:
    return available is None or slot in available


def needs_interpreter(a: Participant, b: Participant) -> bool:
    return bool(a.languages) and bool(b.languages) and not (a.languages & b.languages)


@dataclass
class Candidates:
    """For each request, the slots it may take and, when it needs an interpreter,
    the interpreters able to cover it in each of those slots."""

    problem: Problem
    slots: list[str] = field(default_factory=list)
    session_of: dict[str, str] = field(default_factory=dict)
    slot_options: dict[str, list[str]] = field(default_factory=dict)  # request -> slots
    interpreter_options: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    stand_of: dict[str, str | None] = field(default_factory=dict)  # request -> stand or None
    tables_free: dict[str, list[str]] = field(default_factory=dict)  # slot -> table ids

    @classmethod
    def build(cls, problem: Problem) -> Candidates:
        c = cls(problem)
        c.slots = [s.id for s in problem.slots]
        c.session_of = {s.id: s.session for s in problem.slots}
        c.tables_free = {
            s: [t.id for t in problem.tables if _free(t.available, s)] for s in c.slots
        }
        people = {p.id: p for p in problem.participants}
        for r in problem.requests:
            a, b = people[r.a], people[r.b]
            c.stand_of[r.id] = a.stand or b.stand or None
            interp = needs_interpreter(a, b)
            options = []
            for s in c.slots:
                if not (_free(a.available, s) and _free(b.available, s)):
                    continue
                if r.sessions is not None and c.session_of[s] not in r.sessions:
                    continue
                if c.stand_of[r.id] is None and not c.tables_free[s]:
                    continue
                if interp:
                    able = [
                        i.id
                        for i in problem.interpreters
                        if _free(i.available, s)
                        and i.languages & a.languages
                        and i.languages & b.languages
                    ]
                    if not able:
                        continue
                    c.interpreter_options[(r.id, s)] = able
                options.append(s)
            c.slot_options[r.id] = options
        return c

    def schedule(self, placed: dict[str, tuple[str, str | None]]) -> Schedule:
        """Turn ``request -> (slot, interpreter)`` into meetings, handing out the
        free tables of each slot in order (tables differ only in availability)."""
        locked = {k.request: k.table for k in self.problem.locks if k.table is not None}
        taken = {(placed[rid][0], table) for rid, table in locked.items() if rid in placed}
        free = {
            s: [t for t in tables if (s, t) not in taken] for s, tables in self.tables_free.items()
        }
        meetings = []
        for rid, (slot, interpreter) in sorted(placed.items()):
            stand = self.stand_of[rid]
            table = None
            if stand is None:
                table = locked[rid] if rid in locked else free[slot].pop(0)
            meetings.append(
                Meeting(request=rid, slot=slot, table=table, stand=stand, interpreter=interpreter)
            )
        return Schedule(meetings=tuple(meetings))


@dataclass
class IndependentResult:
    solver: str
    status: str  # "optimal" | "feasible" | "timeout" | "unavailable" | "infeasible" | "error"
    weight: int | None = None
    idle_gaps: int | None = None
    seconds: float = 0.0
    message: str = ""
    meetings: list[tuple[str, str, str | None, str | None, str | None]] = field(
        default_factory=list
    )

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> IndependentResult:
        data = json.loads(text)
        data["meetings"] = [tuple(m) for m in data.get("meetings", [])]
        return cls(**data)

    def schedule(self) -> Schedule:
        return Schedule(
            meetings=tuple(
                Meeting(request=r, slot=s, table=t, stand=st, interpreter=i)
                for r, s, t, st, i in self.meetings
            )
        )

    @staticmethod
    def meetings_of(
        schedule: Schedule,
    ) -> list[tuple[str, str, str | None, str | None, str | None]]:
        return [(m.request, m.slot, m.table, m.stand, m.interpreter) for m in schedule.meetings]


class Stopwatch:
    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.start = clock()

    def elapsed(self) -> float:
        return self.clock() - self.start


def schedule_weight(problem: Problem, schedule: Schedule) -> int:
    """Total weight of the distinct requests met by ``schedule``."""
    weights = {r.id: r.weight for r in problem.requests}
    return sum(weights.get(rid, 0) for rid in {m.request for m in schedule.meetings})
