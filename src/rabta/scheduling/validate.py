"""The independent validator, and input checks.

:func:`validate` checks every hard constraint of a schedule straight from the
:class:`Problem` (string ids, no shared code with ``compiled.py`` or any
solver), so it can catch a bug in any of them. :func:`check_problem` reports
bad input before solving.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rabta.scheduling.model import Participant, Problem, Request, Schedule


@dataclass(frozen=True, slots=True)
class Violation:
    message: str
    request: str | None = None


@dataclass(frozen=True, slots=True)
class ProblemError:
    """Bad input. ``where`` locates it (``"requests/r7/weight"``; the file
    readers replace it by sheet/row/field); ``kind``/``id``/``field`` are the
    parts of that location."""

    where: str
    message: str
    kind: str = ""
    id: str | None = None
    field: str | None = None
    #: "error": bad input, refuse to solve; "infeasible": the input is well formed
    #: but the required requests cannot all be met; "warning": solvable, reported.
    severity: str = "error"


def _speaks(p: Participant) -> frozenset[str]:
    return frozenset(p.languages)


def _interpreter_needed(a: Participant, b: Participant) -> bool:
    la, lb = _speaks(a), _speaks(b)
    return bool(la) and bool(lb) and la.isdisjoint(lb)


def _available(available: frozenset[str] | None, slot: str) -> bool:
    return available is None or slot in available


def validate(problem: Problem, schedule: Schedule) -> list[Violation]:
    """Every broken hard constraint of ``schedule``, as short sentences."""
    out: list[Violation] = []
    slots = {s.id: s for s in problem.slots}
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}
    tables = {t.id: t for t in problem.tables}
    interpreters = {i.id: i for i in problem.interpreters}

    seen_request: Counter[str] = Counter()
    busy_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy_table: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy_interp: dict[tuple[str, str], list[str]] = defaultdict(list)
    count: Counter[str] = Counter()
    placed: dict[str, tuple[str, str | None, str | None]] = {}

    for m in schedule.meetings:
        r = requests.get(m.request)
        if r is None:
            out.append(Violation(f"meeting of unknown request {m.request!r}", m.request))
            continue
        seen_request[r.id] += 1
        if seen_request[r.id] == 2:
            out.append(Violation(f"request {r.id} is met more than once", r.id))
        slot = slots.get(m.slot)
        if slot is None:
            out.append(Violation(f"request {r.id} is placed in unknown slot {m.slot!r}", r.id))
            continue
        placed[r.id] = (m.slot, m.table, m.interpreter)
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            out.append(Violation(f"request {r.id} names an unknown participant", r.id))
            continue
        for p in (a, b):
            if not _available(p.available, m.slot):
                out.append(Violation(f"{p.id} is not available in slot {m.slot} ({r.id})", r.id))
            busy_person[(p.id, m.slot)].append(r.id)
            count[p.id] += 1
        if r.sessions is not None and slot.session not in r.sessions:
            out.append(
                Violation(
                    f"request {r.id} is in session {slot.session}, outside its sessions", r.id
                )
            )
        stand = a.stand or b.stand or None
        if stand is not None:
            if m.table is not None:
                out.append(
                    Violation(f"request {r.id} takes table {m.table} but meets at stand {stand}")
                )
            if m.stand != stand:
                out.append(
                    Violation(f"request {r.id} must meet at stand {stand}, not {m.stand!r}", r.id)
                )
        else:
            if m.stand is not None:
                out.append(Violation(f"request {r.id} is at stand {m.stand!r} nobody has", r.id))
            if m.table is None:
                out.append(Violation(f"request {r.id} in slot {m.slot} has no table", r.id))
            elif m.table not in tables:
                out.append(Violation(f"request {r.id} uses unknown table {m.table!r}", r.id))
            else:
                if not _available(tables[m.table].available, m.slot):
                    out.append(
                        Violation(f"table {m.table} is not available in slot {m.slot}", r.id)
                    )
                busy_table[(m.table, m.slot)].append(r.id)
        if _interpreter_needed(a, b):
            if m.interpreter is None:
                out.append(
                    Violation(
                        f"request {r.id} ({a.id}, {b.id}) shares no language but has no interpreter",
                        r.id,
                    )
                )
            elif m.interpreter not in interpreters:
                out.append(
                    Violation(f"request {r.id} uses unknown interpreter {m.interpreter!r}", r.id)
                )
            else:
                it = interpreters[m.interpreter]
                langs = frozenset(it.languages)
                if langs.isdisjoint(_speaks(a)) or langs.isdisjoint(_speaks(b)):
                    out.append(
                        Violation(
                            f"interpreter {it.id} cannot interpret between {a.id} and {b.id}", r.id
                        )
                    )
                if not _available(it.available, m.slot):
                    out.append(
                        Violation(f"interpreter {it.id} is not available in slot {m.slot}", r.id)
                    )
                busy_interp[(it.id, m.slot)].append(r.id)
        elif m.interpreter is not None:
            out.append(
                Violation(f"request {r.id} needs no interpreter but has {m.interpreter}", r.id)
            )

    for what, busy in (
        ("participant", busy_person),
        ("table", busy_table),
        ("interpreter", busy_interp),
    ):
        for (who, slot_id), rids in busy.items():
            if len(rids) > 1:
                out.append(
                    Violation(
                        f"{what} {who} is in {len(rids)} meetings in slot {slot_id}: "
                        + ", ".join(rids)
                    )
                )
    for pid, n in count.items():
        p = people[pid]
        if p.max_meetings is not None and n > p.max_meetings:
            out.append(Violation(f"{pid} has {n} meetings, more than the maximum {p.max_meetings}"))
    for lk in problem.locks:
        got = placed.get(lk.request)
        if got is None:
            out.append(Violation(f"locked request {lk.request} is not scheduled", lk.request))
            continue
        slot_id, table, interp = got
        if slot_id != lk.slot:
            out.append(
                Violation(
                    f"locked request {lk.request} is in slot {slot_id}, not {lk.slot}", lk.request
                )
            )
        if lk.table is not None and table != lk.table:
            out.append(
                Violation(
                    f"locked request {lk.request} is at table {table}, not {lk.table}", lk.request
                )
            )
        if lk.interpreter is not None and interp != lk.interpreter:
            out.append(
                Violation(
                    f"locked request {lk.request} has interpreter {interp}, not {lk.interpreter}",
                    lk.request,
                )
            )
    return out


def unmet_required(problem: Problem, schedule: Schedule) -> list[str]:
    met = {m.request for m in schedule.meetings}
    return [r.id for r in problem.requests if r.required and r.id not in met]


# --------------------------------------------------------------------------- input checks


def _dupes(kind: str, ids: list[str]) -> list[ProblemError]:
    return [
        ProblemError(f"{kind}/{i}", f"duplicate {kind[:-1]} id {i!r}", kind, i, "id")
        for i, n in Counter(ids).items()
        if n > 1
    ]


class _Hosting:
    """Precomputed slot sets to explain cheaply why a request cannot be hosted."""

    def __init__(self, problem: Problem) -> None:
        self.order = [s.id for s in problem.slots]
        self.all = set(self.order)
        self.session = {s.id: s.session for s in problem.slots}
        self.table_slots: set[str] = set()
        for t in problem.tables:
            self.table_slots |= self.all if t.available is None else set(t.available)
        self.interpreters = [
            (frozenset(i.languages), self.all if i.available is None else set(i.available))
            for i in problem.interpreters
        ]

    def slots(self, available: frozenset[str] | None) -> set[str]:
        return self.all if available is None else self.all & available

    def why(self, r: Request, a: Participant, b: Participant) -> str | None:
        common = self.slots(a.available) & self.slots(b.available)
        if not common:
            return f"{a.id} and {b.id} have no available slot in common"
        if r.sessions is not None:
            common = {s for s in common if self.session[s] in r.sessions}
            if not common:
                return (
                    f"{a.id} and {b.id} are never both available in sessions {sorted(r.sessions)}"
                )
        if not (a.stand or b.stand):
            common &= self.table_slots
            if not common:
                return f"no table is free when {a.id} and {b.id} are both available"
        if _interpreter_needed(a, b):
            la, lb = _speaks(a), _speaks(b)
            capable = [av for langs, av in self.interpreters if langs & la and langs & lb]
            if not capable:
                return (
                    f"{a.id} ({', '.join(sorted(la))}) and {b.id} "
                    f"({', '.join(sorted(lb))}) share no language and no interpreter "
                    "speaks a language of each"
                )
            if not any(common & av for av in capable):
                return f"no interpreter able to cover {a.id} and {b.id} is available when both are"
        return None


def check_problem(problem: Problem) -> list[ProblemError]:
    """Everything wrong with the input, before solving."""
    errs: list[ProblemError] = []
    errs += _dupes("slots", [s.id for s in problem.slots])
    errs += _dupes("participants", [p.id for p in problem.participants])
    errs += _dupes("requests", [r.id for r in problem.requests])
    errs += _dupes("tables", [t.id for t in problem.tables])
    errs += _dupes("interpreters", [i.id for i in problem.interpreters])

    slot_ids = {s.id for s in problem.slots}
    sessions = {s.session for s in problem.slots}
    closed: set[str] = set()
    prev: str | None = None
    for s in problem.slots:
        if s.session != prev:
            if s.session in closed:
                errs.append(
                    ProblemError(
                        f"slots/{s.id}/session",
                        f"slot {s.id}: the slots of session {s.session} are not consecutive",
                        "slots",
                        s.id,
                        "session",
                    )
                )
            if prev is not None:
                closed.add(prev)
            prev = s.session
        if s.start is not None and s.end is not None and s.end <= s.start:
            errs.append(
                ProblemError(
                    f"slots/{s.id}/end", f"slot {s.id} ends before it starts", "slots", s.id, "end"
                )
            )
    timed = [s for s in problem.slots if s.start is not None and s.end is not None]
    for x, y in zip(timed, timed[1:], strict=False):
        if y.start < x.end:  # type: ignore[operator]
            errs.append(
                ProblemError(
                    f"slots/{y.id}/start",
                    f"slot {y.id} overlaps slot {x.id} or is out of time order",
                    "slots",
                    y.id,
                    "start",
                )
            )

    def check_available(kind: str, oid: str, available: frozenset[str] | None) -> None:
        if available is None:
            return
        for sid in sorted(available - slot_ids):
            errs.append(
                ProblemError(
                    f"{kind}/{oid}/available",
                    f"{kind[:-1]} {oid} is available in unknown slot {sid!r}",
                    kind,
                    oid,
                    "available",
                )
            )

    for p in problem.participants:
        check_available("participants", p.id, p.available)
        if p.max_meetings is not None and p.max_meetings < 0:
            errs.append(
                ProblemError(
                    f"participants/{p.id}/max_meetings",
                    f"participant {p.id} has a negative maximum of meetings",
                    "participants",
                    p.id,
                    "max_meetings",
                )
            )
    for t in problem.tables:
        check_available("tables", t.id, t.available)
    for i in problem.interpreters:
        check_available("interpreters", i.id, i.available)
        if len(i.languages) < 2:
            errs.append(
                ProblemError(
                    f"interpreters/{i.id}/languages",
                    f"interpreter {i.id} speaks fewer than two languages and can cover no meeting",
                    "interpreters",
                    i.id,
                    "languages",
                    "warning",
                )
            )

    people = {p.id: p for p in problem.participants}
    hosting = _Hosting(problem)
    pairs: dict[frozenset[str], str] = {}
    required_count: Counter[str] = Counter()
    for r in problem.requests:

        def err(field: str, msg: str, r: Request = r) -> None:
            errs.append(ProblemError(f"requests/{r.id}/{field}", msg, "requests", r.id, field))

        bad = False
        for side, pid in (("a", r.a), ("b", r.b)):
            if pid not in people:
                err(side, f"request {r.id} names unknown participant {pid!r}")
                bad = True
        if r.a == r.b:
            err("b", f"request {r.id} asks {r.a} to meet themselves")
            bad = True
        if r.weight <= 0:
            err("weight", f"request {r.id} has weight {r.weight}; it must be positive")
        if r.sessions is not None:
            for sess in sorted(r.sessions - sessions):
                err("sessions", f"request {r.id} names unknown session {sess!r}")
        pair = frozenset((r.a, r.b))
        if pair in pairs and not bad:
            err("b", f"request {r.id} repeats the pair {r.a}–{r.b} of request {pairs[pair]}")
        pairs.setdefault(pair, r.id)
        if bad:
            continue
        why = hosting.why(r, people[r.a], people[r.b])
        if why is not None:
            errs.append(
                ProblemError(
                    f"requests/{r.id}/b",
                    f"request {r.id} can never be met: {why}",
                    "requests",
                    r.id,
                    "b",
                    "infeasible" if r.required else "warning",
                )
            )
        if r.required:
            required_count[r.a] += 1
            required_count[r.b] += 1

    for pid, n in required_count.items():
        p = people[pid]
        cap = len(problem.slots) if p.available is None else len(p.available & slot_ids)
        if p.max_meetings is not None:
            cap = min(cap, p.max_meetings)
        if n > cap:
            errs.append(
                ProblemError(
                    f"participants/{pid}/max_meetings",
                    f"participant {pid} has {n} required meetings but room for only {cap}",
                    "participants",
                    pid,
                    "max_meetings",
                    "infeasible",
                )
            )

    errs += _check_locks(problem)
    return errs


def _check_locks(problem: Problem) -> list[ProblemError]:
    from rabta.scheduling.model import Meeting  # local: keeps the top imports short

    errs: list[ProblemError] = []
    requests = {r.id: r for r in problem.requests}
    slot_ids = {s.id for s in problem.slots}
    tables = {t.id for t in problem.tables}
    interpreters = {i.id for i in problem.interpreters}
    people = {p.id: p for p in problem.participants}
    seen: set[str] = set()
    for lk in problem.locks:

        def err(field: str, msg: str, lk=lk) -> None:
            errs.append(
                ProblemError(f"locks/{lk.request}/{field}", msg, "locks", lk.request, field)
            )

        if lk.request not in requests:
            err("request", f"lock names unknown request {lk.request!r}")
            continue
        if lk.request in seen:
            err("request", f"request {lk.request} is locked twice")
            continue
        seen.add(lk.request)
        if lk.slot not in slot_ids:
            err("slot", f"lock of {lk.request} names unknown slot {lk.slot!r}")
            continue
        if lk.table is not None and lk.table not in tables:
            err("table", f"lock of {lk.request} names unknown table {lk.table!r}")
            continue
        if lk.interpreter is not None and lk.interpreter not in interpreters:
            err("interpreter", f"lock of {lk.request} names unknown interpreter {lk.interpreter!r}")
            continue
        r = requests[lk.request]
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            continue
        stand = a.stand or b.stand or None
        table = lk.table
        if stand is None and table is None:
            # the solver picks the table; check with any table free in that slot
            free = [t for t in problem.tables if _available(t.available, lk.slot)]
            table = free[0].id if free else "(none)"
        interp = lk.interpreter
        if interp is None and _interpreter_needed(a, b):
            capable = [
                i
                for i in problem.interpreters
                if _available(i.available, lk.slot)
                and not frozenset(i.languages).isdisjoint(_speaks(a))
                and not frozenset(i.languages).isdisjoint(_speaks(b))
            ]
            interp = capable[0].id if capable else "(none)"
        m = Meeting(lk.request, lk.slot, table, stand, interp)
        for v in validate(
            Problem(
                problem.slots,
                problem.participants,
                problem.requests,
                problem.tables,
                problem.interpreters,
            ),
            Schedule((m,)),
        ):
            err("slot", f"lock of {lk.request} breaks a constraint: {v.message}")
    # conflicts between locks: someone (or a named table/interpreter) twice in a slot
    use: Counter[tuple[str, str, str]] = Counter()
    for lk in problem.locks:
        r = requests.get(lk.request)
        if r is None:
            continue
        for p in {r.a, r.b}:
            use[("participant", p, lk.slot)] += 1
        if lk.table is not None:
            use[("table", lk.table, lk.slot)] += 1
        if lk.interpreter is not None:
            use[("interpreter", lk.interpreter, lk.slot)] += 1
    for (what, who, slot), n in use.items():
        if n > 1:
            errs.append(
                ProblemError(
                    "locks",
                    f"locks conflict: {what} {who} is locked {n} times in slot {slot}",
                    "locks",
                )
            )
    return errs
