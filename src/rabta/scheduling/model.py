"""The scheduling problem and its answer, as plain immutable data.

Nothing here imports Django: the engine is a library. The web app converts its
models to a :class:`Problem`; the CLI reads JSON, XLSX or .dzn files into one.

Identifiers are strings chosen by the caller (participant "p17", slot "d1-s03", …).
Order matters in exactly one place: ``Problem.slots`` lists the slots in time
order, and idle gaps are counted along that order within each session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Slot:
    """One meeting slot. Slots of one session are consecutive in ``Problem.slots``."""

    id: str
    session: str
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """A party that meets: an organisation's delegation at the event.

    ``available`` is the set of slot ids the participant can meet in; ``None``
    means every slot. ``stand`` names the participant's own stand: their
    meetings take place there and use no common table. ``max_meetings`` of
    ``None`` means no limit.
    """

    id: str
    name: str = ""
    languages: frozenset[str] = frozenset()
    available: frozenset[str] | None = None
    stand: str | None = None
    max_meetings: int | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """A wish that two participants meet once (unordered pair).

    ``weight`` is a positive integer (mutual interest weighs more than a
    one-sided request). ``required`` requests must be scheduled, or the
    problem is infeasible. ``sessions`` restricts the meeting to some sessions
    (``None``: any session). An ``online`` meeting (a video call) takes no
    table and no stand; it still needs an interpreter when the sides share no
    language (the interpreter joins the call).
    """

    id: str
    a: str
    b: str
    weight: int = 1
    required: bool = False
    sessions: frozenset[str] | None = None
    online: bool = False


def stand_of(request: Request, a: Participant, b: Participant) -> str | None:
    """The stand where ``request`` meets (a's first), None at a common table or online."""
    return None if request.online else (a.stand or b.stand or None)


def needs_table(request: Request, a: Participant, b: Participant) -> bool:
    """Whether ``request`` takes a common table: not at a stand, not online."""
    return not request.online and not (a.stand or b.stand)


@dataclass(frozen=True, slots=True)
class Table:
    """A common meeting table; ``available`` as for participants."""

    id: str
    available: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Interpreter:
    """An interpreter: covers a meeting whose sides share no language when they
    speak a language of each side."""

    id: str
    name: str = ""
    languages: frozenset[str] = frozenset()
    available: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Lock:
    """A meeting fixed by hand: the request is met in this slot (and at this
    table, with this interpreter, when given) and the solver keeps it."""

    request: str
    slot: str
    table: str | None = None
    interpreter: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    tables: tuple[Table, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    locks: tuple[Lock, ...] = ()
    name: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A scheduled meeting: request ``request`` in slot ``slot``.

    ``table`` is the common table used, or ``None`` when the meeting is at a
    participant's stand (``stand`` then names it). ``interpreter`` is set when
    the two sides share no language.
    """

    request: str
    slot: str
    table: str | None = None
    stand: str | None = None
    interpreter: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    meetings: tuple[Meeting, ...] = ()

    def by_request(self) -> dict[str, Meeting]:
        return {m.request: m for m in self.meetings}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between a published schedule and its repair."""

    request: str
    kind: str  # "moved" | "dropped" | "added" | "reassigned" (same slot, other table/interpreter)
    before: Meeting | None
    after: Meeting | None
    participants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QualityReport:
    solver: str
    status: str  # "optimal" | "feasible" | "infeasible" | "cancelled"
    meetings_scheduled: int
    meetings_requested: int
    weight_scheduled: int
    weight_requested: int
    required_scheduled: int
    required_requested: int
    idle_gaps: int
    worst_served_participant: str | None
    worst_served_share: float
    upper_bound: int
    gap: float  # (upper_bound - weight_scheduled) / upper_bound, 0.0 when bound is 0
    proven_optimal: bool
    solve_seconds: float
    interpreter_load: dict[str, int] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    schedule: Schedule
    report: QualityReport
