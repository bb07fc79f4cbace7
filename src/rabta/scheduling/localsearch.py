"""Local search after the greedy constructor, one objective at a time.

1. **weight**: insert unscheduled requests directly, by an ejection chain
   (clear a slot of the meetings in the way — the two participants' meetings
   there, a lighter table or interpreter user, a lighter meeting over a
   max-meetings cap — place the request, then re-place the ejected meetings
   elsewhere, recursively), or by a capacity swap (an augmenting path through a
   full participant). Kept only if the total weight rises; a required request
   outweighs all others together.
2. **gaps**: move single meetings to slots where they lower the idle gaps of
   both participants, swap the slots of two meetings of one participant, then
   swap the slots of meetings of different participants; weight never changes.
3. **fairness**: give the worst-served participants meetings by ejecting a
   meeting of equal weight whose participants stay better served, when that
   adds no idle gap.

Locked meetings never move. The work is bounded by a :class:`Budget`;
everything is deterministic for a seed when the work budget binds first."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rabta.scheduling.compiled import bits
from rabta.scheduling.greedy import choose_slot
from rabta.scheduling.state import State


@dataclass
class Budget:
    """When to stop: a work budget (``max_ops`` placements/removals of
    ``state``, deterministic) and a wall-clock ``deadline`` (a safety net), or
    ``cancel`` set."""

    deadline: float
    cancel: object | None = None  # threading.Event
    tick: Callable[[], None] | None = None
    max_ops: int | None = None
    state: State | None = None
    stopped: bool = field(default=False)

    def out(self) -> bool:
        if self.stopped:
            return True
        if (
            (self.max_ops is not None and self.state is not None and self.state.ops > self.max_ops)
            or time.perf_counter() > self.deadline
            or (self.cancel is not None and self.cancel.is_set())  # type: ignore[attr-defined]
        ):
            self.stopped = True
        return self.stopped


def _lowest_weight(state: State, candidates, below: int) -> int | None:
    """The lightest unlocked meeting among ``candidates`` weighing less than ``below``."""
    best = None
    bw = below
    for m in sorted(candidates):
        if m in state.locked:
            continue
        w = state.eff_weight[m]
        if w < bw:
            best, bw = m, w
    return best


def _clear_slot(state: State, r: int, s: int) -> list[int] | None:
    """Remove what keeps ``r`` out of slot ``s``; the ejected requests, or None."""
    c = state.c
    cr = c.requests[r]
    ejected: list[int] = []
    for p in (cr.pa, cr.pb):
        m = state.at[p].get(s)
        if m is not None:
            if m in state.locked:
                return None
            state.remove(m)
            ejected.append(m)
    for p in (cr.pa, cr.pb):
        if state.count[p] >= state.cap[p]:
            m = _lowest_weight(state, state.at[p].values(), state.eff_weight[r])
            if m is None:
                return None
            state.remove(m)
            ejected.append(m)
    if cr.needs_table and not state.table_free[s]:
        users = (x for x in state.slot_reqs[s] if c.requests[x].needs_table)
        m = _lowest_weight(state, users, state.eff_weight[r])
        if m is None:
            return None
        state.remove(m)
        ejected.append(m)
    if (
        cr.needs_interpreter
        and not state.interp_free[s] & state.req_interp_mask[r]
        and not state.free_interpreter_by_swap(r, s)
    ):
        # A capable interpreter who is not free is either busy (has a meeting) or
        # not available in this slot at all (no meeting to eject).
        busy = state.interp_user[s]
        users = [
            busy[i] for i in bits(state.req_interp_mask[r] & ~state.interp_free[s]) if i in busy
        ]
        m = _lowest_weight(state, users, state.eff_weight[r])
        if m is None:
            return None
        state.remove(m)
        ejected.append(m)
    return ejected if state.open_slots(r) >> s & 1 else None


MAX_EJECTION_SLOTS = 16  # slots tried per request for an ejection chain


def try_insert(state: State, r: int, depth: int, rng: random.Random, budget: Budget) -> int:
    """Try to schedule ``r`` (ejection chains up to ``depth``); returns the
    weight gained, 0 when the state is unchanged. Needs ``state.log`` on."""
    c = state.c
    cr = c.requests[r]
    w = state.eff_weight
    open_mask = state.open_slots(r)
    if open_mask:
        state.place(r, choose_slot(state, r, open_mask))
        return w[r]
    if depth <= 0 or budget.out():
        return 0
    slots = list(cr.feasible_slots)
    rng.shuffle(slots)
    for s in slots[:MAX_EJECTION_SLOTS]:
        point = state.savepoint()
        ejected = _clear_slot(state, r, s)
        if ejected is None:
            state.rollback(point)
            continue
        state.place(r, s)
        gain = w[r]
        for m in sorted(ejected, key=lambda x: (-w[x], x)):
            gain += try_insert(state, m, depth - 1, rng, budget) - w[m]
        if gain > 0:
            return gain
        state.rollback(point)
    return 0


def _refill(state: State, x: int, skip: int) -> int:
    """Insert directly the heaviest unscheduled request of ``x`` that fits now."""
    c = state.c
    w = state.eff_weight
    best = None
    for q in c.participants[x].requests:
        if q == skip or q in state.assign or (best is not None and w[q] <= w[best]):
            continue
        if state.open_slots(q):
            best = q
    if best is None:
        return 0
    state.place(best, choose_slot(state, best, state.open_slots(best)))
    return w[best]


def cap_swap(state: State, r: int) -> int:
    """Augmenting path for capped participants (max-meetings or full agendas):
    schedule ``r`` = (p, q) by dropping a meeting (p, x) of no more weight, then
    give ``x`` another of its requests. Kept only if the weight rises."""
    c = state.c
    w = state.eff_weight
    cr = c.requests[r]
    for p in (cr.pa, cr.pb):
        for m in sorted(state.at[p].values()):
            if m in state.locked or w[m] > w[r]:
                continue
            point = state.savepoint()
            cm = c.requests[m]
            x = cm.pa + cm.pb - p
            state.remove(m)
            gain = -w[m]
            open_mask = state.open_slots(r)
            if open_mask:
                state.place(r, choose_slot(state, r, open_mask))
                gain += w[r] + _refill(state, x, m)
                if gain > 0:
                    return gain
            state.rollback(point)
    return 0


def improve_weight(state: State, rng: random.Random, budget: Budget, depth: int = 2) -> None:
    c = state.c
    todo = [r for r, cr in enumerate(c.requests) if cr.feasible_mask and r not in state.assign]
    todo.sort(
        key=lambda r: (
            not c.requests[r].required,
            -c.requests[r].weight,
            c.requests[r].needs_interpreter,
            r,
        )
    )
    w = state.eff_weight
    for _round in range(4):
        changed = False
        # interpreters all busy with meetings at least as heavy: no gain possible
        lightest = min(
            (w[r] for r, (_s, _t, i) in state.assign.items() if i is not None), default=0
        )
        for r in todo:
            if budget.out():
                return
            if r in state.assign:
                continue
            cr = c.requests[r]
            if cr.needs_interpreter and w[r] <= lightest:
                free = 0
                for i in cr.interpreters:
                    free |= state.interp_slots[i]
                if not free & cr.feasible_mask:
                    continue
            state.log = []
            if try_insert(state, r, depth, rng, budget) > 0 or cap_swap(state, r) > 0:
                changed = True
            state.stop_logging()
        if not changed:
            return
        todo = [r for r in todo if r not in state.assign]
        if budget.tick:
            budget.tick()


# --------------------------------------------------------------------------- gaps


def _pair_gaps(state: State, pa: int, pb: int) -> int:
    return state.gaps(pa) + state.gaps(pb)


def improve_gaps(state: State, budget: Budget) -> None:
    """Relocate meetings (and swap two meetings of one participant) while the
    total idle gaps fall; then, time permitting, swap meetings across
    participants (slower) and relocate again."""
    wide = False
    for _round in range(12):
        changed = _gap_round(state, budget, wide)
        if budget.out():
            return
        if not changed:
            if wide:
                return
            wide = True
        if budget.tick:
            budget.tick()


def _gap_round(state: State, budget: Budget, wide: bool) -> bool:
    changed = False
    for p in range(len(state.c.participants)):
        if budget.out():
            return changed
        if state.gaps(p) == 0:
            continue
        for r in sorted(state.at[p].values()):
            if r in state.locked or r not in state.assign:
                continue
            if _relocate_better(state, r) or (wide and _swap_across(state, r, p)):
                changed = True
                if state.gaps(p) == 0:
                    break
        if state.gaps(p) > 0 and _swap_better(state, p):
            changed = True
    return changed


def _relocate_better(state: State, r: int) -> bool:
    cr = state.c.requests[r]
    before = _pair_gaps(state, cr.pa, cr.pb)
    pl = state.remove(r)
    open_mask = state.open_slots(r) & ~(1 << pl[0])
    best, best_val = None, before
    for s in bits(open_mask):
        bit = 1 << s
        val = state.gaps_of_mask(state.busy[cr.pa] | bit) + state.gaps_of_mask(
            state.busy[cr.pb] | bit
        )
        if val < best_val:
            best, best_val = s, val
    if best is None:
        state.place(r, *pl)
        return False
    state.place(r, best)
    return True


def _swap_across(state: State, r: int, p: int) -> bool:
    """Swap the slot of ``r`` (a meeting of ``p``) with a meeting of two other
    participants in a slot next to ``p``'s other meetings, if that lowers the
    idle gaps of the (up to four) participants concerned. Useful when every
    table is taken: a swap keeps the per-slot table use."""
    from rabta.scheduling.greedy import adjacent

    c = state.c
    if r in state.locked:
        return False
    cr = c.requests[r]
    q = cr.pa + cr.pb - p
    s1 = state.assign[r][0]
    bit1 = 1 << s1
    others = state.busy[p] & ~bit1
    targets = adjacent(state, others) & ~state.busy[p] & ~state.busy[q] & cr.feasible_mask
    targets &= state.slot_session_mask[s1]
    for s2 in bits(targets):
        for m in sorted(state.slot_reqs[s2]):
            if m in state.locked:
                continue
            cm = c.requests[m]
            if (state.busy[cm.pa] | state.busy[cm.pb]) & bit1 or not cm.feasible_mask & bit1:
                continue
            people = {p, q, cm.pa, cm.pb}
            before = sum(state.gaps(x) for x in people)
            point = state.savepoint()
            state.remove(r)
            state.remove(m)
            if state.can_place(r, s2):
                state.place(r, s2)
                if state.can_place(m, s1):
                    state.place(m, s1)
                    if sum(state.gaps(x) for x in people) < before:
                        state.stop_logging()
                        return True
            state.rollback(point)
            state.stop_logging()
    return False


def _swap_better(state: State, p: int) -> bool:
    """Swap the slots of two meetings of ``p`` if that lowers the gaps of their
    partners (``p``'s own gaps do not change)."""
    c = state.c
    items = sorted(state.at[p].items())
    for i in range(len(items)):
        for k in range(i + 1, len(items)):
            (s1, r1), (s2, r2) = items[i], items[k]
            if r1 in state.locked or r2 in state.locked:
                continue
            if state.slot_session_mask[s1] != state.slot_session_mask[s2]:
                continue
            q1 = c.requests[r1].pa + c.requests[r1].pb - p
            q2 = c.requests[r2].pa + c.requests[r2].pb - p
            before = state.gaps(q1) + state.gaps(q2)
            point = state.savepoint()
            state.remove(r1)
            state.remove(r2)
            if state.can_place(r1, s2):
                state.place(r1, s2)
                if state.can_place(r2, s1):
                    state.place(r2, s1)
                    if state.gaps(q1) + state.gaps(q2) < before:
                        state.stop_logging()
                        return True
            state.rollback(point)
            state.stop_logging()
    return False


# --------------------------------------------------------------------------- fairness


def improve_fairness(state: State, budget: Budget, rounds: int = 50) -> None:
    """Raise the worst-served participant's share without losing weight or
    adding gaps: eject an equal-weight meeting of better-served participants."""
    c = state.c
    wanted = [len(p.requests) for p in c.participants]
    for _ in range(rounds):
        if budget.out():
            return
        met = list(state.count)
        shares = [met[p] / wanted[p] if wanted[p] else 2.0 for p in range(len(wanted))]
        order = sorted((sh, p) for p, sh in enumerate(shares) if wanted[p])
        progressed = False
        for sh, p in order[:20]:
            if _help(state, p, shares):
                progressed = True
                break
            del sh
        if not progressed:
            return


def _help(state: State, p: int, shares: list[float]) -> bool:
    """Give ``p`` one more meeting by ejecting at most one meeting of equal
    weight whose participants stay better served than ``p`` will be, adding no
    idle gap."""
    c = state.c
    new_mine = (state.count[p] + 1) / len(c.participants[p].requests)
    for r in c.participants[p].requests:
        if r in state.assign or not c.requests[r].feasible_mask:
            continue
        cr = c.requests[r]
        for s in cr.feasible_slots:
            m = _equal_blocker(state, r, s, new_mine)
            if m is False:
                continue
            affected = {cr.pa, cr.pb}
            if m is not None:
                affected |= {c.requests[m].pa, c.requests[m].pb}
            gaps_before = sum(state.gaps(q) for q in affected)
            point = state.savepoint()
            if m is not None:
                state.remove(m)
            if not state.can_place(r, s) and not state.free_interpreter_by_swap(r, s):
                state.rollback(point)
                state.stop_logging()
                continue
            if state.can_place(r, s):
                state.place(r, s)
                if sum(state.gaps(q) for q in affected) <= gaps_before:
                    state.stop_logging()
                    return True
            state.rollback(point)
            state.stop_logging()
    del shares
    return False


def _share(state: State, q: int) -> float:
    n = len(state.c.participants[q].requests)
    return state.count[q] / n if n else 2.0


def _equal_blocker(state: State, r: int, s: int, floor: float) -> int | None | bool:
    """The one meeting to eject so that ``r`` fits in ``s``: ``None`` when
    nothing needs to go (or an interpreter swap may do), ``False`` when no
    single equal-weight meeting of better-served participants will do."""
    c = state.c
    cr = c.requests[r]
    w = state.eff_weight

    def acceptable(m: int) -> bool:
        if m in state.locked or w[m] != w[r]:
            return False
        cm = c.requests[m]
        return all(
            q in (cr.pa, cr.pb) or (state.count[q] - 1) / len(c.participants[q].requests) > floor
            for q in (cm.pa, cm.pb)
        )

    blockers = {state.at[q].get(s) for q in (cr.pa, cr.pb)} - {None}
    if len(blockers) > 1:
        return False
    if blockers:
        m = blockers.pop()
        return m if acceptable(m) else False  # type: ignore[arg-type]
    if state.count[cr.pa] >= state.cap[cr.pa] or state.count[cr.pb] >= state.cap[cr.pb]:
        return False
    if not (cr.feasible_mask >> s & 1):
        return False
    users: list[int] = []
    if cr.needs_interpreter and not state.interp_free[s] & state.req_interp_mask[r]:
        # A capable interpreter who is not free is either busy (has a meeting) or
        # not available in this slot at all (no meeting to eject).
        busy = state.interp_user[s]
        users = [
            busy[i] for i in bits(state.req_interp_mask[r] & ~state.interp_free[s]) if i in busy
        ]
    elif cr.needs_table and not state.table_free[s]:
        users = [x for x in state.slot_reqs[s] if c.requests[x].needs_table]
    else:
        return None
    best, best_key = None, None
    for m in sorted(users):
        if acceptable(m):
            cm = c.requests[m]
            key = min(_share(state, cm.pa), _share(state, cm.pb))
            if best_key is None or key > best_key:
                best, best_key = m, key
    return False if best is None else best


PHASE_SHARES = {"weight": 0.5, "gaps": 0.35, "fairness": 0.15}


def local_search(
    state: State, *, seed: int = 0, budget: Budget, phases=("weight", "gaps", "fairness")
) -> None:
    """Run the phases in order; each gets its share of the remaining time
    (time a phase leaves unused goes to the next ones)."""
    rng = random.Random(seed)
    todo = [ph for ph in ("weight", "gaps", "fairness") if ph in phases]
    for n, ph in enumerate(todo):
        if budget.out():
            return
        left = budget.deadline - time.perf_counter()
        share = PHASE_SHARES[ph] / sum(PHASE_SHARES[q] for q in todo[n:])
        max_ops = None
        if budget.max_ops is not None:
            max_ops = state.ops + int((budget.max_ops - state.ops) * share)
        sub = Budget(time.perf_counter() + left * share, budget.cancel, budget.tick, max_ops, state)
        if ph == "weight":
            improve_weight(state, rng, sub)
        elif ph == "gaps":
            improve_gaps(state, sub)
        else:
            improve_fairness(state, sub)
