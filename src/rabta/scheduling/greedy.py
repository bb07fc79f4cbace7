"""Greedy construction by scarcity.

Requests are taken required first, then those the bound's LP relaxation
selects (its solution is usually integral: a max-weight b-matching under the
participants' capacities), then by weight, then the scarce ones first
(needing an interpreter, few feasible slots, busy participants); each goes to
the open slot that adds the fewest idle gaps (next to the participants'
existing meetings, or in a session where they have none), earliest first.
"""

from __future__ import annotations

import random

from rabta.scheduling.compiled import Compiled
from rabta.scheduling.i18n import _
from rabta.scheduling.state import State


class LockError(ValueError):
    """A lock cannot be kept (check_problem explains why)."""


def adjacent(state: State, m: int) -> int:
    """Slots next to the busy slots of mask ``m`` within their session."""
    return ((m << 1) & state.not_first | (m >> 1) & (state.not_first >> 1)) & state.all_mask & ~m


def gap_free_slots(state: State, p: int) -> int:
    """Slots where a new meeting of ``p`` adds no idle gap."""
    m = state.busy[p]
    ok = adjacent(state, m)
    for sm in state.session_masks:
        if not m & sm:
            ok |= sm
    return ok


def choose_slot(state: State, r: int, open_mask: int) -> int:
    """The best slot of ``open_mask`` for request ``r`` (fewest added gaps, earliest)."""
    cr = state.c.requests[r]
    fa = gap_free_slots(state, cr.pa)
    fb = gap_free_slots(state, cr.pb)
    for tier in (open_mask & fa & fb, open_mask & (fa | fb), open_mask):
        if tier:
            return (tier & -tier).bit_length() - 1
    raise ValueError("empty open mask")


def place_locks(state: State) -> None:
    c = state.c
    for lk in c.locks:
        r = lk.request
        if r in state.assign:
            raise LockError(
                _("request %(request)s is locked twice") % {"request": c.requests[r].id}
            )
        cr = c.requests[r]
        s = lk.slot
        if not state.can_place(r, s):
            raise LockError(
                _("lock of %(request)s in slot %(slot)s cannot be kept")
                % {"request": cr.id, "slot": c.slot_ids[s]}
            )
        table = lk.table if cr.needs_table else None
        if table is not None and table not in state.table_free[s]:
            raise LockError(
                _("lock of %(request)s: table %(table)s is not free")
                % {"request": cr.id, "table": c.tables[table].id}
            )
        interp = lk.interpreter if cr.needs_interpreter else None
        if interp is not None and not (state.interp_free[s] >> interp & 1):
            raise LockError(
                _("lock of %(request)s: interpreter %(interpreter)s is busy")
                % {"request": cr.id, "interpreter": c.interpreters[interp].id}
            )
        if (
            interp is None
            and cr.needs_interpreter
            and not state.interp_free[s] & state.req_interp_mask[r]
        ):
            raise LockError(
                _("lock of %(request)s: no capable interpreter free") % {"request": cr.id}
            )
        state.place(r, s, table, interp)
        state.locked.add(r)


def greedy_order(c: Compiled, seed: int = 0, priority: dict[int, float] | None = None) -> list[int]:
    """Required first; then by ``priority`` (e.g. the bound's LP values: the
    requests an optimal relaxed solution meets), weight, scarcity."""
    rng = random.Random(seed)
    demand = [len(p.requests) / max(1, p.max_meetings) for p in c.participants]
    prio = priority or {}
    keys = []
    for r, cr in enumerate(c.requests):
        keys.append(
            (
                not cr.required,
                -round(prio.get(r, 0.0), 6),
                -cr.weight,
                not cr.needs_interpreter,
                len(cr.feasible_slots),
                -(demand[cr.pa] + demand[cr.pb]),
                rng.random(),
                r,
            )
        )
    keys.sort()
    return [k[-1] for k in keys]


def construct(
    c: Compiled,
    seed: int = 0,
    state: State | None = None,
    priority: dict[int, float] | None = None,
) -> State:
    """A feasible schedule keeping all locks (raises :class:`LockError` otherwise)."""
    if state is None:
        state = State(c)
        place_locks(state)
    for r in greedy_order(c, seed, priority):
        if r in state.assign or not c.requests[r].feasible_mask:
            continue
        open_mask = state.open_slots(r)
        if not open_mask:
            continue
        state.place(r, choose_slot(state, r, open_mask))
    return state
