"""Mutable solver state on a :class:`Compiled` problem, with bitset bookkeeping.

Slot sets are Python ints used as bitsets (bit ``s`` = slot ``s``). Tables are
interchangeable within a slot (any free available table will do), so a slot
keeps a stack of free tables; interpreters are not (languages differ), so each
slot keeps a bitmask of free interpreters and each interpreter a bitmask of
the slots where it is free.
"""

from __future__ import annotations

from rabta.scheduling.compiled import Compiled, bits, mask_of
from rabta.scheduling.model import Schedule

Placement = tuple[int, int | None, int | None]  # (slot, table, interpreter)


class State:
    def __init__(self, c: Compiled) -> None:
        self.c = c
        n = c.n_slots
        P = len(c.participants)
        self.busy = [0] * P  # slots where the participant meets
        self.count = [0] * P
        self.cap = [p.max_meetings for p in c.participants]
        self.at: list[dict[int, int]] = [{} for _ in range(P)]  # participant -> slot -> request
        self.table_free: list[list[int]] = [sorted(ts, reverse=True) for ts in c.slot_tables]
        self.table_slots = mask_of(s for s in range(n) if c.slot_tables[s])
        self.interp_free = [mask_of(c.slot_interpreters[s]) for s in range(n)]
        self.interp_slots = [it.mask for it in c.interpreters]
        self.slot_reqs: list[set[int]] = [set() for _ in range(n)]
        self.interp_user: list[dict[int, int]] = [{} for _ in range(n)]
        self.req_interp_mask = [mask_of(r.interpreters) for r in c.requests]
        # weight used by the searches: a required request outweighs all others together
        big = sum(r.weight for r in c.requests) + 1
        self.eff_weight = [r.weight + (big if r.required else 0) for r in c.requests]
        self.assign: dict[int, Placement] = {}
        self.locked: set[int] = set()
        self.weight = 0
        self.log: list[tuple[int, Placement | None]] | None = None
        self.ops = 0  # placements and removals so far: the searches' work measure
        # session geometry for gap counting
        first = 0
        self.session_masks = []
        for sess in c.sessions:
            self.session_masks.append(mask_of(sess))
            if sess:
                first |= 1 << sess[0]
        self.not_first = ((1 << n) - 1) & ~first
        self.slot_session_mask = [0] * n
        for sm in self.session_masks:
            for s in bits(sm):
                self.slot_session_mask[s] = sm
        self.all_mask = (1 << n) - 1
        self.ordered = bool(c.precedences)

    # ------------------------------------------------------------------ queries

    def gaps_of_mask(self, m: int) -> int:
        if not m:
            return 0
        starts = m & ~((m << 1) & self.not_first)
        used = 0
        for sm in self.session_masks:
            if m & sm:
                used += 1
        return starts.bit_count() - used

    def gaps(self, p: int) -> int:
        return self.gaps_of_mask(self.busy[p])

    def total_gaps(self) -> int:
        return sum(self.gaps_of_mask(m) for m in self.busy)

    def open_slots(self, r: int) -> int:
        """Bitmask of slots where request ``r`` can be placed now, as is."""
        cr = self.c.requests[r]
        pa, pb = cr.pa, cr.pb
        if self.count[pa] >= self.cap[pa] or self.count[pb] >= self.cap[pb]:
            return 0
        m = cr.feasible_mask & ~(self.busy[pa] | self.busy[pb])
        if cr.needs_table:
            m &= self.table_slots
        if cr.needs_interpreter and m:
            im = 0
            for i in cr.interpreters:
                im |= self.interp_slots[i]
            m &= im
        if self.ordered and m:
            m &= self.order_mask(r)
        return m

    def order_mask(self, r: int) -> int:
        """Slots the precedences leave request ``r`` now: after every placed
        request that must come before it, before every placed one after it."""
        m = self.all_mask
        for q in self.c.preds[r]:
            pl = self.assign.get(q)
            if pl is not None:
                m &= ~((2 << pl[0]) - 1)
        for q in self.c.succs[r]:
            pl = self.assign.get(q)
            if pl is not None:
                m &= (1 << pl[0]) - 1
        return m

    def can_place(self, r: int, s: int) -> bool:
        return bool(self.open_slots(r) >> s & 1)

    # ------------------------------------------------------------------ updates

    def place(self, r: int, s: int, table: int | None = None, interp: int | None = None) -> None:
        """Place request ``r`` in slot ``s`` (caller checked it fits); picks a
        table/interpreter unless given."""
        cr = self.c.requests[r]
        bit = 1 << s
        self.ops += 1
        if cr.needs_table:
            free = self.table_free[s]
            if table is None:
                table = free.pop()
            else:
                free.remove(table)
            if not free:
                self.table_slots &= ~bit
        else:
            table = None
        if cr.needs_interpreter:
            if interp is None:
                cand = self.interp_free[s] & self.req_interp_mask[r]
                interp = (cand & -cand).bit_length() - 1
            self.interp_free[s] &= ~(1 << interp)
            self.interp_slots[interp] &= ~bit
            self.interp_user[s][interp] = r
        else:
            interp = None
        for p in (cr.pa, cr.pb):
            self.busy[p] |= bit
            self.count[p] += 1
            self.at[p][s] = r
        self.assign[r] = (s, table, interp)
        self.slot_reqs[s].add(r)
        if self.log is not None:
            self.log.append((r, None))
        self.weight += cr.weight

    def remove(self, r: int) -> Placement:
        s, table, interp = self.assign.pop(r)
        self.ops += 1
        self.slot_reqs[s].discard(r)
        cr = self.c.requests[r]
        bit = 1 << s
        if table is not None:
            self.table_free[s].append(table)
            self.table_slots |= bit
        if interp is not None:
            self.interp_free[s] |= 1 << interp
            self.interp_slots[interp] |= bit
            del self.interp_user[s][interp]
        for p in (cr.pa, cr.pb):
            self.busy[p] &= ~bit
            self.count[p] -= 1
            del self.at[p][s]
        self.weight -= cr.weight
        if self.log is not None:
            self.log.append((r, (s, table, interp)))
        return s, table, interp

    # ------------------------------------------------------------------ undo

    def savepoint(self) -> int:
        """Start (or continue) logging; returns a point to :meth:`rollback` to."""
        if self.log is None:
            self.log = []
        return len(self.log)

    def rollback(self, point: int) -> None:
        log, self.log = self.log, None
        assert log is not None
        while len(log) > point:
            r, pl = log.pop()
            if pl is None:
                self.remove(r)
            else:
                self.place(r, *pl)
        self.log = log

    def stop_logging(self) -> None:
        self.log = None

    def free_interpreter_by_swap(self, r: int, s: int) -> bool:
        """Make a capable interpreter free for ``r`` in slot ``s`` by giving a
        busy one's meeting another free interpreter (one augmenting step)."""
        if not self.c.requests[r].needs_interpreter:
            return False
        busy_capable = self.req_interp_mask[r] & ~self.interp_free[s]
        for i in bits(busy_capable):
            other = self.interp_user[s].get(i)
            if other is None or other in self.locked:
                continue
            alt = self.interp_free[s] & self.req_interp_mask[other]
            if alt:
                j = (alt & -alt).bit_length() - 1
                st, table, _ = self.remove(other)
                self.place(other, st, table, j)
                return True
        return False

    def schedule(self) -> Schedule:
        return self.c.schedule(self.assign)

    def snapshot(self) -> dict[int, Placement]:
        return dict(self.assign)
