"""Repair a published schedule after a change, moving as little as possible.

Every published meeting that is still valid stays exactly where it was (slot,
table, interpreter). Only the meetings the change broke are re-placed: first in
the same slot with another table/interpreter ("reassigned"), then in another
slot ("moved"), else "dropped". Then unscheduled requests (a new request first)
are added into free capacity without moving anything ("added").

Change specs, as JSON objects::

    {"kind": "withdraw", "participant": "p7"}
    {"kind": "late", "participant": "p3", "from_slot": "s05"}    # available from s05 on
    {"kind": "early", "participant": "p3", "from_slot": "s10"}   # gone from s10 on
    {"kind": "table_out", "table": "T4", "from_slot": "s03"}     # from_slot optional
    {"kind": "interpreter_out", "interpreter": "i2", "from_slot": "s03"}
    {"kind": "new_request", "a": "p1", "b": "p9", "weight": 3}   # optional id, required
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any, TypeVar

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.greedy import choose_slot
from rabta.scheduling.i18n import _
from rabta.scheduling.model import (
    Change,
    Interpreter,
    Lock,
    Meeting,
    Problem,
    Request,
    Result,
    Schedule,
    Table,
)
from rabta.scheduling.repair_scope import still_valid_meetings, without_meetings
from rabta.scheduling.report import build_report
from rabta.scheduling.solve import InternalSolverError, ProblemInputError
from rabta.scheduling.state import State
from rabta.scheduling.validate import ProblemError, check_problem, unmet_required, validate

_Resource = TypeVar("_Resource", Table, Interpreter)

KINDS = ("withdraw", "late", "early", "table_out", "interpreter_out", "new_request")


@dataclass(frozen=True, slots=True)
class ChangeSpec:
    kind: str
    participant: str | None = None
    from_slot: str | None = None
    table: str | None = None
    interpreter: str | None = None
    a: str | None = None
    b: str | None = None
    weight: int = 1
    required: bool = False
    id: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeSpec:
        if not isinstance(data, dict):
            raise ValueError(_("a change must be a JSON object"))
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(
                _("unknown change field(s): %(fields)s") % {"fields": ", ".join(sorted(unknown))}
            )
        spec = cls(**data)
        spec.check_shape()
        return spec

    def to_json(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if v is not None}
        if self.kind != "new_request":
            d.pop("weight", None)
            d.pop("required", None)
        return d

    def check_shape(self) -> None:
        need = {
            "withdraw": ("participant",),
            "late": ("participant", "from_slot"),
            "early": ("participant", "from_slot"),
            "table_out": ("table",),
            "interpreter_out": ("interpreter",),
            "new_request": ("a", "b"),
        }
        if self.kind not in need:
            raise ValueError(
                _("unknown change kind %(kind)s; one of %(kinds)s")
                % {"kind": repr(self.kind), "kinds": ", ".join(KINDS)}
            )
        missing = [f for f in need[self.kind] if getattr(self, f) in (None, "")]
        if missing:
            raise ValueError(
                _("change %(kind)s needs %(fields)s")
                % {"kind": repr(self.kind), "fields": ", ".join(missing)}
            )
        if not isinstance(self.weight, int) or self.weight <= 0:
            raise ValueError(_("weight must be a positive integer"))


def parse_changes(data: Any) -> list[ChangeSpec]:
    """One change object or a list of them."""
    items = data if isinstance(data, list) else [data]
    return [ChangeSpec.from_json(x) for x in items]


def _slots_from(problem: Problem, slot: str | None) -> set[str]:
    """The ids of ``slot`` and every later slot (all slots when None)."""
    ids = [s.id for s in problem.slots]
    if slot is None:
        return set(ids)
    if slot not in ids:
        raise ProblemInputError(
            [ProblemError("change/from_slot", _("unknown slot %(slot)s") % {"slot": repr(slot)})]
        )
    return set(ids[ids.index(slot) :])


def _less_available(
    resources: tuple[_Resource, ...],
    resource_id: str | None,
    lost: set[str],
    all_slots: frozenset[str],
) -> tuple[_Resource, ...]:
    """``resources`` (tables or interpreters) with the one of ``resource_id`` no longer there in
    the ``lost`` slots."""
    return tuple(
        replace(r, available=(all_slots if r.available is None else r.available) - lost)
        if r.id == resource_id
        else r
        for r in resources
    )


def apply_changes(problem: Problem, changes: list[ChangeSpec]) -> Problem:
    """The problem after the changes (withdrawn participants and their requests removed)."""
    all_slots = frozenset(s.id for s in problem.slots)
    for ch in changes:
        ch.check_shape()
        people = {p.id: p for p in problem.participants}

        def person(pid: str | None, field: str = "participant", people=people) -> None:
            if pid not in people:
                raise ProblemInputError(
                    [
                        ProblemError(
                            f"change/{field}",
                            _("unknown participant %(participant)s") % {"participant": repr(pid)},
                        )
                    ]
                )

        if ch.kind == "withdraw":
            person(ch.participant)
            gone = {r.id for r in problem.requests if ch.participant in (r.a, r.b)}
            problem = replace(
                problem,
                participants=tuple(p for p in problem.participants if p.id != ch.participant),
                requests=tuple(r for r in problem.requests if r.id not in gone),
                locks=tuple(lk for lk in problem.locks if lk.request not in gone),
                precedences=tuple(
                    pr
                    for pr in problem.precedences
                    if pr.before not in gone and pr.after not in gone
                ),
            )
        elif ch.kind in ("late", "early"):
            person(ch.participant)
            later = _slots_from(problem, ch.from_slot)
            lost = (all_slots - later) if ch.kind == "late" else later
            p = people[ch.participant]  # type: ignore[index]
            avail = (all_slots if p.available is None else p.available) - lost
            problem = replace(
                problem,
                participants=tuple(
                    replace(q, available=frozenset(avail)) if q.id == p.id else q
                    for q in problem.participants
                ),
            )
        elif ch.kind == "table_out":
            if ch.table not in {t.id for t in problem.tables}:
                raise ProblemInputError(
                    [
                        ProblemError(
                            "change/table", _("unknown table %(table)s") % {"table": repr(ch.table)}
                        )
                    ]
                )
            lost = _slots_from(problem, ch.from_slot)
            problem = replace(
                problem, tables=_less_available(problem.tables, ch.table, lost, all_slots)
            )
        elif ch.kind == "interpreter_out":
            if ch.interpreter not in {i.id for i in problem.interpreters}:
                raise ProblemInputError(
                    [
                        ProblemError(
                            "change/interpreter",
                            _("unknown interpreter %(interpreter)s")
                            % {"interpreter": repr(ch.interpreter)},
                        )
                    ]
                )
            lost = _slots_from(problem, ch.from_slot)
            problem = replace(
                problem,
                interpreters=_less_available(problem.interpreters, ch.interpreter, lost, all_slots),
            )
        elif ch.kind == "new_request":
            person(ch.a, "a")
            person(ch.b, "b")
            rid = ch.id or f"new-{ch.a}-{ch.b}"
            existing = {frozenset((r.a, r.b)): r for r in problem.requests}
            old = existing.get(frozenset((ch.a, ch.b)))  # type: ignore[arg-type]
            if old is not None:  # already requested: raise its weight if the new one is higher
                problem = replace(
                    problem,
                    requests=tuple(
                        replace(
                            r, weight=max(r.weight, ch.weight), required=r.required or ch.required
                        )
                        if r.id == old.id
                        else r
                        for r in problem.requests
                    ),
                )
            else:
                problem = replace(
                    problem,
                    requests=(
                        *problem.requests,
                        Request(rid, ch.a, ch.b, ch.weight, ch.required),  # type: ignore[arg-type]
                    ),
                )
    return problem


def repair(
    problem: Problem,
    published: Schedule,
    changes: ChangeSpec | list[ChangeSpec] | dict | list[dict],
    *,
    seed: int = 0,
    add_unscheduled: bool = True,
    make_room_for_required: bool = False,
) -> Result:
    """Repair ``published`` (a schedule of ``problem``) after ``changes``.

    Returns the repaired schedule of the *changed* problem; the report lists
    every :class:`Change` (moved, dropped, added, reassigned). Every published
    meeting the changes left valid is kept exactly (slot, table, interpreter).
    A required meeting that finds no free place is reported unmet, unless
    ``make_room_for_required``: the organiser's explicit request to move or
    drop non-required published meetings to make room for it.
    """
    from rabta.scheduling.formats import repair_formats, uses_formats

    if uses_formats(problem):
        if changes:
            from rabta.scheduling.solve import ProblemInputError
            from rabta.scheduling.validate import ProblemError

            raise ProblemInputError(
                [
                    ProblemError(
                        "changes",
                        _(
                            "with several representatives or group sessions, give the "
                            "changed problem instead of change specifications"
                        ),
                        "changes",
                    )
                ]
            )
        with _gc_paused():
            return repair_formats(
                problem,
                published,
                seed=seed,
                add_unscheduled=add_unscheduled,
                make_room_for_required=make_room_for_required,
            )
    with _gc_paused():
        return _repair(
            problem,
            published,
            changes,
            seed=seed,
            add_unscheduled=add_unscheduled,
            make_room_for_required=make_room_for_required,
        )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a repair allocates many small,
    acyclic objects, and on a large event (or after a solve left a big heap)
    the collections it would trigger cost up to a third of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _repair(
    problem: Problem,
    published: Schedule,
    changes: ChangeSpec | list[ChangeSpec] | dict | list[dict],
    *,
    seed: int,
    add_unscheduled: bool,
    make_room_for_required: bool,
) -> Result:
    t0 = time.perf_counter()
    if isinstance(changes, ChangeSpec | dict):
        changes = [changes]  # type: ignore[list-item]
    specs = [ch if isinstance(ch, ChangeSpec) else ChangeSpec.from_json(ch) for ch in changes]  # type: ignore[union-attr]
    new = apply_changes(problem, specs)
    issues = check_problem(new)
    errors = [e for e in issues if e.severity == "error" and e.kind != "locks"]
    if errors:
        raise ProblemInputError(errors)
    messages: list[str] = []
    # organiser locks that the change broke are dropped (reported), the rest are kept
    lock_errors = {e.id for e in issues if e.kind == "locks" and e.id}
    if lock_errors:
        messages.append(
            _("locks no longer possible: %(requests)s")
            % {"requests": ", ".join(sorted(lock_errors))}
        )
        new = replace(new, locks=tuple(lk for lk in new.locks if lk.request not in lock_errors))
    before = {m.request: m for m in published.meetings}
    # The still-valid published meetings are fixed, so only the rest of the
    # problem is compiled, unless other meetings may move (for a required one,
    # or for a lock the published schedule does not satisfy).
    # (Precedences tie meetings together across that line: with any, the whole
    # event is compiled, so that a re-placed meeting sees the kept ones' slots.)
    scoped = (
        not make_room_for_required
        and not new.precedences
        and all(lk.request in before and _meets_lock(before[lk.request], lk) for lk in new.locks)
    )
    kept = still_valid_meetings(new, published) if scoped else []
    c = compile_problem(without_meetings(new, kept) if scoped else new)
    st = State(c)
    if kept:
        _occupy(st, new, kept)

    # 0. organiser locks the published schedule does not already satisfy come first
    for lk in c.locks:
        m = before.get(c.requests[lk.request].id)
        if m is not None and _satisfies(c, m, lk):
            continue
        if _lock_fits(st, lk):
            st.place(lk.request, lk.slot, lk.table, lk.interpreter)
            st.locked.add(lk.request)

    # 1. keep every still-valid published meeting exactly
    broken: list[int] = []
    for m in sorted(published.meetings, key=lambda m: (m.slot, m.request)):
        r = c.request_index.get(m.request)
        if r is None or r in st.assign:
            continue
        if _fits_exactly(st, r, m):
            st.place(
                r,
                c.slot_index[m.slot],
                None if m.table is None else c.table_index[m.table],
                None if m.interpreter is None else c.interpreter_index[m.interpreter],
            )
            st.locked.add(r)
        else:
            broken.append(r)
    # what is kept now stays (unless make_room_for_required), so this bounds the repair
    bound = None if make_room_for_required else _weight(new, kept) + _repair_bound(st)

    # 2. re-place the broken ones: same slot first, then the best other slot
    broken.sort(key=lambda r: (not c.requests[r].required, -c.requests[r].weight, r))
    for r in broken:
        s = c.slot_index.get(before[c.requests[r].id].slot)
        if s is not None and (
            st.can_place(r, s)
            or (c.requests[r].needs_interpreter and st.free_interpreter_by_swap(r, s))
        ):
            st.place(r, s)
        elif st.open_slots(r):
            st.place(r, choose_slot(st, r, st.open_slots(r)))
        elif c.requests[r].required:
            _force_required(st, r, seed, make_room_for_required)

    # 3. add unscheduled requests into free capacity, moving nothing
    if add_unscheduled:
        new_ids = {r.id for r in new.requests} - {r.id for r in problem.requests}
        todo = [r for r, cr in enumerate(c.requests) if r not in st.assign and cr.feasible_mask]
        todo.sort(
            key=lambda r: (
                c.requests[r].id not in new_ids,
                not c.requests[r].required,
                -c.requests[r].weight,
                r,
            )
        )
        for r in todo:
            open_mask = st.open_slots(r)
            if open_mask:
                st.place(r, choose_slot(st, r, open_mask))
            elif c.requests[r].required:
                _force_required(st, r, seed, make_room_for_required)

    schedule = st.schedule()
    if kept:
        order = {s.id: k for k, s in enumerate(new.slots)}
        rank = {r.id: k for k, r in enumerate(new.requests)}
        schedule = Schedule(
            tuple(
                sorted(
                    (*kept, *schedule.meetings),
                    key=lambda m: (order[m.slot], rank[m.request]),
                )
            )
        )
    got = schedule.by_request()
    kept_locks = tuple(
        lk
        for lk in new.locks
        if lk.request in got
        and got[lk.request].slot == lk.slot
        and lk.table in (None, got[lk.request].table)
        and lk.interpreter in (None, got[lk.request].interpreter)
    )
    if len(kept_locks) != len(new.locks):
        lost = sorted({lk.request for lk in new.locks} - {lk.request for lk in kept_locks})
        messages.append(
            _("locks that could not be kept: %(requests)s") % {"requests": ", ".join(lost)}
        )
        new = replace(new, locks=kept_locks)
    violations = validate(new, schedule)
    if violations:
        raise InternalSolverError(
            _("repair produced an invalid schedule: %(violations)s")
            % {"violations": "; ".join(v.message for v in violations)}
        )
    unmet = unmet_required(new, schedule)
    if unmet:
        values = {"requests": ", ".join(unmet)}
        messages.insert(
            0,
            _("required requests not met after the change: %(requests)s") % values
            if make_room_for_required
            else _(
                "required requests not met after the change: %(requests)s "
                "(no free place; other meetings were not moved)"
            )
            % values,
        )
    report = build_report(
        new,
        schedule,
        solver="repair",
        status="infeasible" if unmet else "feasible",
        upper_bound=_cheap_bound(c) if bound is None else bound,
        solve_seconds=time.perf_counter() - t0,
        changes=tuple(diff(published, schedule, _PeopleOf(problem, new, published, schedule))),
        messages=tuple(messages),
    )
    return Result(schedule, report)


def _force_required(st: State, r: int, seed: int, make_room: bool) -> None:
    """Place a required request by ejection chains. Only meetings this repair
    placed itself (re-placed or added) may be ejected, and they may then move
    or drop; with ``make_room`` also non-required published meetings (the
    organiser asked to re-optimise: objective 1 puts required meetings first)."""
    import random

    from rabta.scheduling.localsearch import Budget, try_insert

    keep = st.locked
    if make_room:
        st.locked = {x for x in keep if st.c.requests[x].required} | {
            lk.request for lk in st.c.locks
        }
    st.log = []
    if not try_insert(st, r, 2, random.Random(seed), Budget(time.perf_counter() + 0.2)):
        st.rollback(0)
    st.stop_logging()
    st.locked = {x for x in keep if x in st.assign} | ({r} if r in st.assign else set())


def diff(published: Schedule, repaired: Schedule, people_of: dict) -> list[Change]:
    """The changes from ``published`` to ``repaired``, in slot order."""
    before = {m.request: m for m in published.meetings}
    after = {m.request: m for m in repaired.meetings}
    out: list[Change] = []
    for rid in sorted(before.keys() | after.keys()):
        b, a = before.get(rid), after.get(rid)
        if b == a:
            continue
        if a is None:
            kind = "dropped"
        elif b is None:
            kind = "added"
        elif a.slot == b.slot:
            kind = "reassigned"
        else:
            kind = "moved"
        out.append(Change(rid, kind, b, a, tuple(people_of.get(rid, ()))))
    order = {"dropped": 0, "moved": 1, "reassigned": 2, "added": 3}
    out.sort(key=lambda ch: (order[ch.kind], (ch.before or ch.after).slot, ch.request))  # type: ignore[union-attr]
    return out


class _PeopleOf(dict):
    """The two participants of each request whose meeting differs between
    ``published`` and ``repaired`` (from the changed or the original problem)."""

    def __init__(
        self, problem: Problem, new: Problem, published: Schedule, repaired: Schedule
    ) -> None:
        differ = set(published.meetings).symmetric_difference(repaired.meetings)
        wanted = {m.request for m in differ}
        super().__init__()
        for p in (problem, new):
            for r in p.requests:
                if r.id in wanted:
                    self[r.id] = (r.a, r.b)


def _repair_bound(st: State) -> int:
    """An upper bound on the weight of any repair that keeps what ``st`` holds:
    that weight plus every other request that still fits somewhere now (later
    placements only take capacity away)."""
    w = st.weight
    for r, cr in enumerate(st.c.requests):
        if r not in st.assign and cr.feasible_mask and st.open_slots(r):
            w += cr.weight
    return w


def _cheap_bound(c) -> int:
    from rabta.scheduling.bounds import aggregate_lp

    return aggregate_lp(c)


def _meets_lock(m: Meeting, lk: Lock) -> bool:
    return (
        m.slot == lk.slot
        and lk.table in (None, m.table)
        and lk.interpreter in (None, m.interpreter)
    )


def _weight(problem: Problem, meetings: list[Meeting]) -> int:
    weight = {r.id: r.weight for r in problem.requests}
    return sum(weight[m.request] for m in meetings)


def _occupy(st: State, problem: Problem, kept: list[Meeting]) -> None:
    """Mark the slots of the kept meetings (outside the compiled problem) as
    their participants' busy slots, so slot choice sees their whole agendas."""
    c = st.c
    people = {r.id: (r.a, r.b) for r in problem.requests}
    for m in kept:
        bit = 1 << c.slot_index[m.slot]
        for pid in people[m.request]:
            st.busy[c.participant_index[pid]] |= bit


def _satisfies(c, m: Meeting, lk) -> bool:
    return (
        m.slot == c.slot_ids[lk.slot]
        and (lk.table is None or m.table == c.tables[lk.table].id)
        and (lk.interpreter is None or m.interpreter == c.interpreters[lk.interpreter].id)
    )


def _lock_fits(st: State, lk) -> bool:
    cr = st.c.requests[lk.request]
    if lk.request in st.assign or not st.can_place(lk.request, lk.slot):
        return False
    if cr.needs_table and lk.table is not None and lk.table not in st.table_free[lk.slot]:
        return False
    if cr.needs_interpreter:
        free = st.interp_free[lk.slot] & st.req_interp_mask[lk.request]
        if lk.interpreter is not None:
            free &= 1 << lk.interpreter
        if not free:
            return False
    return True


def _fits_exactly(st: State, r: int, m: Meeting) -> bool:
    c = st.c
    s = c.slot_index.get(m.slot)
    if s is None or not st.can_place(r, s):
        return False
    cr = c.requests[r]
    if cr.needs_table:
        t = c.table_index.get(m.table) if m.table is not None else None
        if t is None or t not in st.table_free[s]:
            return False
    elif m.table is not None or m.stand != cr.stand:
        return False
    if cr.needs_interpreter:
        i = c.interpreter_index.get(m.interpreter) if m.interpreter is not None else None
        if i is None or not (st.interp_free[s] & st.req_interp_mask[r]) >> i & 1:
            return False
    elif m.interpreter is not None:
        return False
    return True
