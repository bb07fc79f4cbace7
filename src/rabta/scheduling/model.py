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
    #: the organisation this person represents; ``None``: an organisation of
    #: their own (the one-representative problems). Representatives of one
    #: organisation are separate resources: they can meet in the same slot.
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """A wish that two participants meet once (unordered pair).

    ``a`` and ``b`` name a participant (a person) or an organisation (the
    ``organisation`` of some participants): an organisation's side is served by
    whichever of its present representatives the scheduler chooses (see
    ``formats.py``); an organisation that chose its representative names them.

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
    """A common meeting table; ``available`` as for participants. ``capacity``
    is the number of seats: a group session needs one seating all its people."""

    id: str
    available: frozenset[str] | None = None
    capacity: int = 2


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
class GroupSession:
    """A group meeting (1:n): ``host`` meets the accepted ``members`` (persons)
    at once, in one slot, at a table seating all of them. ``capacity`` is the
    most members the host accepts. ``slot`` fixes the time when given;
    ``sessions`` restricts it as for requests. Every group session must be
    held (an unplaceable one makes the result infeasible). It needs an
    interpreter when no language is spoken by all of its people who list
    languages; the interpreter must then speak a language of each of them."""

    id: str
    host: str
    members: tuple[str, ...] = ()
    capacity: int = 10
    topic: str = ""
    slot: str | None = None
    sessions: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Precedence:
    """Request ``before`` is met in a strictly earlier slot than request ``after``
    ("meet the chamber before the suppliers"). It binds when both are met: a
    required ``after`` needs ``before`` met earlier or not at all."""

    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Problem:
    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    tables: tuple[Table, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    locks: tuple[Lock, ...] = ()
    name: str = ""
    groups: tuple[GroupSession, ...] = ()
    precedences: tuple[Precedence, ...] = ()


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
    #: the persons who meet (set when a side of the request is an organisation)
    a: str | None = None
    b: str | None = None


@dataclass(frozen=True, slots=True)
class GroupMeeting:
    """A placed group session: ``group`` in ``slot`` at ``table``."""

    group: str
    slot: str
    table: str
    interpreter: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    meetings: tuple[Meeting, ...] = ()
    groups: tuple[GroupMeeting, ...] = ()

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
    groups_scheduled: int = 0
    groups_requested: int = 0
    #: the first ``headline`` messages say what the figures alone do not — the
    #: blocking causes of an infeasible event, a solver phase that gave up or
    #: was replaced — and are shown before anything else
    headline: int = 0


@dataclass(frozen=True, slots=True)
class Result:
    schedule: Schedule
    report: QualityReport
