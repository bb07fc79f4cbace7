"""An integer-indexed view of a :class:`~rabta.scheduling.model.Problem`.

Solvers (greedy, local search, CP-SAT, the bound) work on indices, never on
string ids. :func:`compile_problem` does all id look-ups once and precomputes,
for every request, the slots where its meeting could take place at all.

Slot sets are given twice: as ``frozenset[int]`` (readable) and as a bitmask
``int`` (bit ``s`` set when slot ``s`` is in the set; fast intersections).

Language rule: two sides need an interpreter when both list languages and the
lists are disjoint. A participant with no languages listed is taken to speak
whatever is needed (language unknown), so their meetings need no interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass

from rabta.scheduling.model import Meeting, Problem, Schedule, needs_table, stand_of


class CompileError(ValueError):
    """The problem refers to unknown ids; run ``validate.check_problem`` for details."""


@dataclass(frozen=True, slots=True)
class CParticipant:
    id: str
    requests: tuple[int, ...]  # request indices involving this participant
    max_meetings: int  # min(max_meetings, number of available slots)
    available: frozenset[int]  # slot indices
    mask: int
    stand: str | None
    languages: frozenset[str]


@dataclass(frozen=True, slots=True)
class CResource:
    """A table or an interpreter."""

    id: str
    available: frozenset[int]
    mask: int
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CRequest:
    id: str
    pa: int
    pb: int
    weight: int
    required: bool
    feasible_slots: tuple[int, ...]  # slots where the meeting could take place at all
    feasible_mask: int
    needs_table: bool  # False when the meeting is at a stand or online
    stand: str | None  # the stand it takes place at (a's stand first)
    needs_interpreter: bool
    interpreters: tuple[int, ...]  # capable interpreters (empty if none needed)
    sessions_mask: int  # slots allowed by the request's session restriction


@dataclass(frozen=True, slots=True)
class CLock:
    request: int
    slot: int
    table: int | None
    interpreter: int | None


@dataclass(frozen=True, slots=True)
class Compiled:
    problem: Problem
    slot_ids: tuple[str, ...]
    slot_index: dict[str, int]
    participant_index: dict[str, int]
    request_index: dict[str, int]
    table_index: dict[str, int]
    interpreter_index: dict[str, int]
    session_ids: tuple[str, ...]
    slot_session: tuple[int, ...]  # session index of each slot
    sessions: tuple[tuple[int, ...], ...]  # slot indices of each session, in order
    participants: tuple[CParticipant, ...]
    requests: tuple[CRequest, ...]
    tables: tuple[CResource, ...]
    interpreters: tuple[CResource, ...]
    locks: tuple[CLock, ...]
    slot_tables: tuple[tuple[int, ...], ...]  # tables available in each slot
    slot_interpreters: tuple[tuple[int, ...], ...]  # interpreters available in each slot
    #: ``preds[r]``: the requests that must be met in an earlier slot than ``r``
    #: (when both are met); ``succs[r]`` the converse. Empty tuples when there are
    #: no precedences.
    preds: tuple[tuple[int, ...], ...] = ()
    succs: tuple[tuple[int, ...], ...] = ()
    #: ``(before, after)`` request index pairs, as given.
    precedences: tuple[tuple[int, int], ...] = ()

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    def locks_by_request(self) -> dict[int, CLock]:
        return {lk.request: lk for lk in self.locks}

    def slot_options(self, r: int, lock: CLock | None) -> tuple[int, ...]:
        """The slots an exact model lets request ``r`` take: its feasible slots, or
        its lock's slot (none when the lock is in a slot where it cannot be)."""
        req = self.requests[r]
        if lock is None:
            return req.feasible_slots
        return (lock.slot,) if lock.slot in req.feasible_slots else ()

    def interpreter_options(self, r: int, s: int, lock: CLock | None) -> list[int]:
        """The interpreters able to cover request ``r`` in slot ``s`` (only the
        locked one when the lock names one)."""
        options = [i for i in self.requests[r].interpreters if s in self.interpreters[i].available]
        if lock is not None and lock.interpreter is not None:
            options = [i for i in options if i == lock.interpreter]
        return options

    def meeting(
        self, request: int, slot: int, table: int | None = None, interpreter: int | None = None
    ) -> Meeting:
        """The :class:`Meeting` for an index-level assignment."""
        r = self.requests[request]
        return Meeting(
            request=r.id,
            slot=self.slot_ids[slot],
            table=None if table is None else self.tables[table].id,
            stand=r.stand,
            interpreter=None if interpreter is None else self.interpreters[interpreter].id,
        )

    def schedule(
        self, assignment: dict[int, tuple[int, int | None, int | None]] | list
    ) -> Schedule:
        """A :class:`Schedule` from ``{request: (slot, table, interpreter)}``
        (or a list of ``(request, slot, table, interpreter)``), ordered by slot."""
        items = (
            [(r, *v) for r, v in assignment.items()]
            if isinstance(assignment, dict)
            else list(assignment)
        )
        items.sort(key=lambda x: (x[1], x[0]))
        return Schedule(tuple(self.meeting(r, s, t, i) for r, s, t, i in items))

    def assignment(self, schedule: Schedule) -> dict[int, tuple[int, int | None, int | None]]:
        """``{request: (slot, table, interpreter)}`` for a schedule of this problem."""
        out: dict[int, tuple[int, int | None, int | None]] = {}
        for m in schedule.meetings:
            out[self.request_index[m.request]] = (
                self.slot_index[m.slot],
                None if m.table is None else self.table_index[m.table],
                None if m.interpreter is None else self.interpreter_index[m.interpreter],
            )
        return out


def mask_of(indices) -> int:
    m = 0
    for i in indices:
        m |= 1 << i
    return m


def bits(mask: int) -> list[int]:
    """Indices of the set bits of ``mask``, ascending."""
    if not mask:
        return []
    text = bin(mask)[:1:-1]  # least significant bit first
    return [i for i, ch in enumerate(text) if ch == "1"]


def needs_interpreter(langs_a: frozenset[str], langs_b: frozenset[str]) -> bool:
    """Both sides list languages and share none."""
    return bool(langs_a) and bool(langs_b) and not (langs_a & langs_b)


def can_interpret(langs: frozenset[str], langs_a: frozenset[str], langs_b: frozenset[str]) -> bool:
    return bool(langs & langs_a) and bool(langs & langs_b)


def precedence_cliques(x: dict, a: int, b: int, n_slots: int) -> list[list]:
    """For a precedence "``a`` before ``b``": lists of literals with at most one
    true — ``b`` in a slot ≤ t or ``a`` in a slot ≥ t — for every slot t where
    both parts are non-empty (each distinct pair once). Together they forbid
    exactly the placements with ``a`` not earlier than ``b``."""
    out = []
    last = None
    for t in range(n_slots):
        early_b = tuple(s for s in range(t + 1) if (b, s) in x)
        late_a = tuple(s for s in range(t, n_slots) if (a, s) in x)
        if early_b and late_a and (early_b, late_a) != last:
            out.append([*(x[b, s] for s in early_b), *(x[a, s] for s in late_a)])
            last = (early_b, late_a)
    return out


def _narrow_by_precedences(crequests: list[CRequest], precedences) -> None:
    """Between two *required* requests a precedence is unconditional: ``after``
    cannot take a slot at or before ``before``'s earliest, ``before`` none at or
    after ``after``'s latest. Propagated along chains to a fixpoint, this
    removes slots no schedule can use (every solver then sees fewer)."""
    from dataclasses import replace

    masks = [r.feasible_mask for r in crequests]
    edges = [(a, b) for a, b in precedences if crequests[a].required and crequests[b].required]
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            ma, mb = masks[a], masks[b]
            if ma and mb:
                low = (ma & -ma).bit_length() - 1  # a's earliest slot
                nb = mb & ~((2 << low) - 1)
                high = mb.bit_length() - 1  # b's latest slot
                na = ma & ((1 << high) - 1)
            else:
                na = nb = 0  # one cannot be met: neither can both
            if na != ma or nb != mb:
                masks[a], masks[b] = na, nb
                changed = True
    for r, mask in enumerate(masks):
        if mask != crequests[r].feasible_mask:
            crequests[r] = replace(
                crequests[r], feasible_mask=mask, feasible_slots=tuple(bits(mask))
            )


def assign_tables(c: Compiled, slots: dict[int, int]) -> dict[int, int | None]:
    """Concrete table per meeting: locked tables first, then the free tables of
    the slot in order (capacity was enforced by the model)."""
    tables: dict[int, int | None] = {}
    locks = {lk.request: lk for lk in c.locks}
    by_slot: dict[int, list[int]] = {}
    for r, s in sorted(slots.items()):
        if not c.requests[r].needs_table:
            tables[r] = None
            continue
        by_slot.setdefault(s, []).append(r)
    for s, rs in by_slot.items():
        taken = {locks[r].table for r in rs if r in locks and locks[r].table is not None}
        free = [t for t in c.slot_tables[s] if t not in taken]
        for r in rs:
            lk = locks.get(r)
            if lk is not None and lk.table is not None:
                tables[r] = lk.table
            else:
                tables[r] = free.pop(0) if free else None
    return tables


def to_schedule(c: Compiled, slots: dict[int, int], interp: dict[int, int]) -> Schedule:
    """The schedule of a solver's answer ``{request: slot}``, ``{request: interpreter}``
    (tables given out per slot)."""
    tables = assign_tables(c, slots)
    return c.schedule({r: (s, tables.get(r), interp.get(r)) for r, s in slots.items()})


def compile_problem(problem: Problem) -> Compiled:
    slot_ids = tuple(s.id for s in problem.slots)
    slot_index = {sid: i for i, sid in enumerate(slot_ids)}
    all_slots = frozenset(range(len(slot_ids)))

    def lookup(index: dict[str, int], key: str, what: str) -> int:
        try:
            return index[key]
        except KeyError:
            raise CompileError(f"unknown {what} {key!r}") from None

    def slot_set(available: frozenset[str] | None) -> frozenset[int]:
        if available is None:
            return all_slots
        return frozenset(slot_index[s] for s in available if s in slot_index)

    session_ids: list[str] = []
    session_index: dict[str, int] = {}
    slot_session: list[int] = []
    for s in problem.slots:
        if s.session not in session_index:
            session_index[s.session] = len(session_ids)
            session_ids.append(s.session)
        slot_session.append(session_index[s.session])
    sessions = tuple(
        tuple(i for i, k in enumerate(slot_session) if k == j) for j in range(len(session_ids))
    )

    participant_index = {p.id: i for i, p in enumerate(problem.participants)}
    table_index = {t.id: i for i, t in enumerate(problem.tables)}
    interpreter_index = {t.id: i for i, t in enumerate(problem.interpreters)}
    request_index = {r.id: i for i, r in enumerate(problem.requests)}

    tables = tuple(
        CResource(t.id, av, mask_of(av)) for t in problem.tables for av in [slot_set(t.available)]
    )
    interpreters = tuple(
        CResource(t.id, av, mask_of(av), frozenset(t.languages))
        for t in problem.interpreters
        for av in [slot_set(t.available)]
    )
    any_table_mask = 0
    for t in tables:
        any_table_mask |= t.mask

    part_requests: list[list[int]] = [[] for _ in problem.participants]
    crequests: list[CRequest] = []
    pslots = [slot_set(p.available) for p in problem.participants]
    pmasks = [mask_of(a) for a in pslots]
    for ri, r in enumerate(problem.requests):
        pa = lookup(participant_index, r.a, "participant")
        pb = lookup(participant_index, r.b, "participant")
        part_requests[pa].append(ri)
        if pb != pa:
            part_requests[pb].append(ri)
        A, B = problem.participants[pa], problem.participants[pb]
        if r.sessions is None:
            sess_mask = (1 << len(slot_ids)) - 1
        else:
            sess_mask = mask_of(
                i for i, k in enumerate(slot_session) if session_ids[k] in r.sessions
            )
        mask = pmasks[pa] & pmasks[pb] & sess_mask
        stand = stand_of(r, A, B)
        if needs_table(r, A, B):
            mask &= any_table_mask
        la, lb = frozenset(A.languages), frozenset(B.languages)
        need_i = needs_interpreter(la, lb)
        caps: tuple[int, ...] = ()
        if need_i:
            caps = tuple(
                k for k, it in enumerate(interpreters) if can_interpret(it.languages, la, lb)
            )
            imask = 0
            for k in caps:
                imask |= interpreters[k].mask
            mask &= imask
        if pa == pb:
            mask = 0
        crequests.append(
            CRequest(
                id=r.id,
                pa=pa,
                pb=pb,
                weight=r.weight,
                required=r.required,
                feasible_slots=tuple(bits(mask)),
                feasible_mask=mask,
                needs_table=needs_table(r, A, B),
                stand=stand,
                needs_interpreter=need_i,
                interpreters=caps,
                sessions_mask=sess_mask,
            )
        )

    precedences = tuple(
        (
            lookup(request_index, pr.before, "request"),
            lookup(request_index, pr.after, "request"),
        )
        for pr in problem.precedences
    )
    preds: list[list[int]] = [[] for _ in crequests]
    succs: list[list[int]] = [[] for _ in crequests]
    for a, b in precedences:
        preds[b].append(a)
        succs[a].append(b)

    if precedences:
        _narrow_by_precedences(crequests, precedences)

    participants = tuple(
        CParticipant(
            id=p.id,
            requests=tuple(part_requests[i]),
            max_meetings=len(pslots[i])
            if p.max_meetings is None
            else max(0, min(p.max_meetings, len(pslots[i]))),
            available=pslots[i],
            mask=pmasks[i],
            stand=p.stand or None,
            languages=frozenset(p.languages),
        )
        for i, p in enumerate(problem.participants)
    )

    locks = tuple(
        CLock(
            request=lookup(request_index, lk.request, "request"),
            slot=lookup(slot_index, lk.slot, "slot"),
            table=None if lk.table is None else lookup(table_index, lk.table, "table"),
            interpreter=None
            if lk.interpreter is None
            else lookup(interpreter_index, lk.interpreter, "interpreter"),
        )
        for lk in problem.locks
    )

    n = len(slot_ids)
    slot_tables = tuple(
        tuple(k for k, t in enumerate(tables) if s in t.available) for s in range(n)
    )
    slot_interpreters = tuple(
        tuple(k for k, t in enumerate(interpreters) if s in t.available) for s in range(n)
    )

    return Compiled(
        problem=problem,
        slot_ids=slot_ids,
        slot_index=slot_index,
        participant_index=participant_index,
        request_index=request_index,
        table_index=table_index,
        interpreter_index=interpreter_index,
        session_ids=tuple(session_ids),
        slot_session=tuple(slot_session),
        sessions=sessions,
        participants=participants,
        requests=tuple(crequests),
        tables=tables,
        interpreters=interpreters,
        locks=locks,
        slot_tables=slot_tables,
        slot_interpreters=slot_interpreters,
        preds=tuple(map(tuple, preds)),
        succs=tuple(map(tuple, succs)),
        precedences=precedences,
    )
