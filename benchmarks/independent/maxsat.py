"""The event scheduling problem as weighted partial MaxSAT, solved with RC2.

Variables: ``x[r,s]`` (request r meets in slot s, only for slots both sides can
use), ``m[r]`` (r is met), ``z[r,s,i]`` (interpreter i covers r in s),
``busy[p,s]``, and for the gap objective ``later[p,s]`` and ``gap[p,s]``.

Hard clauses: each request at most once (``m[r] <-> OR_s x[r,s]``, at most one
``x[r,.]``); a participant in at most one meeting per slot; max meetings
(``sum m[r] <= k``); per slot, meetings at a common table <= free tables (tables
differ only in their availability, so a count is exact and tables are handed out
afterwards); a meeting needing an interpreter has one who speaks a language of
each side and is free, each interpreter at most once per slot; required
requests met; locks kept.

Soft clauses, lexicographic as in DESIGN.md: ``m[r]`` with weight
``w_r * (G + 1)``, then ``not gap[p,s]`` with weight 1, where ``gap[p,s]`` marks
slot s as the first free slot of an idle run of p (busy before, free now, busy
later in the same session) and G is the number of gap variables, so one unit of
request weight is worth more than every gap together.

Run: ``python -m benchmarks.independent.maxsat delegation-day --time-limit 60``
(prints one JSON line, an :class:`~benchmarks.independent.common.IndependentResult`).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Sequence

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2Stratified
from pysat.formula import WCNF, IDPool

from benchmarks.independent.common import Candidates, IndependentResult, Stopwatch, schedule_weight
from rabta.scheduling.metrics import count_idle_gaps
from rabta.scheduling.model import Problem


class EncodingTimeout(Exception):
    """The time limit ran out while the formula was still being built."""


class Encoding:
    def __init__(
        self, problem: Problem, *, gaps: bool = True, deadline: float = float("inf")
    ) -> None:
        self.deadline = deadline
        self.problem = problem
        self.cand = Candidates.build(problem)
        self.pool = IDPool()
        self.wcnf = WCNF()
        self.x: dict[tuple[str, str], int] = {}
        self.m: dict[str, int] = {}
        self.z: dict[tuple[str, str, str], int] = {}
        self.gaps = gaps
        self.infeasible: list[str] = []
        self._encode()

    def _var(self, *key: object) -> int:
        return self.pool.id(key)

    def _check_time(self) -> None:
        if time.perf_counter() > self.deadline:
            raise EncodingTimeout

    def _atmost(self, lits: list[int], bound: int) -> None:
        self._check_time()
        if len(lits) <= bound:
            return
        if bound == 0:
            for lit in lits:
                self.wcnf.append([-lit])
            return
        encoding = (
            EncType.seqcounter if bound == 1 or len(lits) * bound < 20000 else EncType.kmtotalizer
        )
        card = CardEnc.atmost(lits=lits, bound=bound, vpool=self.pool, encoding=encoding)
        for clause in card.clauses:
            self.wcnf.append(clause)

    def _encode(self) -> None:
        p, c, hard = self.problem, self.cand, self.wcnf.append
        by_person_slot: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_person: dict[str, list[int]] = defaultdict(list)
        at_table: dict[str, list[int]] = defaultdict(list)
        by_interp_slot: dict[tuple[str, str], list[int]] = defaultdict(list)
        for n, r in enumerate(p.requests):
            if n % 500 == 0:
                self._check_time()
            m = self.m[r.id] = self._var("m", r.id)
            xs = []
            for s in c.slot_options[r.id]:
                x = self.x[(r.id, s)] = self._var("x", r.id, s)
                xs.append(x)
                hard([-x, m])
                by_person_slot[(r.a, s)].append(x)
                by_person_slot[(r.b, s)].append(x)
                if c.stand_of[r.id] is None:
                    at_table[s].append(x)
                able = c.interpreter_options.get((r.id, s))
                if able is not None:
                    zs = []
                    for i in able:
                        zv = self.z[(r.id, s, i)] = self._var("z", r.id, s, i)
                        zs.append(zv)
                        hard([-zv, x])
                        by_interp_slot[(i, s)].append(zv)
                    hard([-x, *zs])
            hard([-m, *xs])  # an empty xs makes m false
            self._atmost(xs, 1)
            by_person[r.a].append(m)
            by_person[r.b].append(m)
            if r.required:
                if not xs:
                    self.infeasible.append(r.id)
                hard([m])
        for lits in by_person_slot.values():
            self._atmost(lits, 1)
        # max meetings; the slot count is redundant, and it spares the SAT solver
        # pigeonhole proofs (more requests than slots) it cannot do by resolution
        person_slots: dict[str, set[str]] = defaultdict(set)
        for person_id, s in by_person_slot:
            person_slots[person_id].add(s)
        for person in p.participants:
            cap = len(person_slots[person.id])
            if person.max_meetings is not None:
                cap = min(cap, person.max_meetings)
            self._atmost(by_person[person.id], cap)
        for s, lits in at_table.items():
            self._atmost(lits, len(c.tables_free[s]))
        # redundant: all table meetings fit in the table-slots, all interpreted
        # meetings in the interpreter-slots (again against pigeonhole proofs)
        table_slots = sum(len(free) for free in c.tables_free.values())
        self._atmost([self.m[r.id] for r in p.requests if c.stand_of[r.id] is None], table_slots)
        interp_slots = len({key for key in by_interp_slot})
        needs = {rid for rid, _s in c.interpreter_options}
        self._atmost([self.m[rid] for rid in sorted(needs)], interp_slots)
        for lits in by_interp_slot.values():
            self._atmost(lits, 1)
        for lock in p.locks:
            x = self.x.get((lock.request, lock.slot))
            if x is None:
                self.infeasible.append(lock.request)
                hard([])
                continue
            hard([x])
            if lock.interpreter is not None:
                zv = self.z.get((lock.request, lock.slot, lock.interpreter))
                hard([zv] if zv is not None else [])
        gap_vars = self._encode_gaps(by_person_slot) if self.gaps else []
        scale = len(gap_vars) + 1
        for r in p.requests:
            if not r.required:
                self.wcnf.append([self.m[r.id]], weight=r.weight * scale)
        for g in gap_vars:
            self.wcnf.append([-g], weight=1)

    def _encode_gaps(self, by_person_slot: dict[tuple[str, str], list[int]]) -> list[int]:
        sessions: dict[str, list[str]] = defaultdict(list)
        for s in self.problem.slots:
            sessions[s.session].append(s.id)
        hard = self.wcnf.append
        gap_vars: list[int] = []
        for person in self.problem.participants:
            self._check_time()
            for slots in sessions.values():
                busy: list[int | None] = []
                for s in slots:
                    xs = by_person_slot.get((person.id, s), [])
                    if not xs:
                        busy.append(None)
                        continue
                    b = self._var("busy", person.id, s)
                    for x in xs:
                        hard([-x, b])
                    hard([-b, *xs])
                    busy.append(b)
                # later[k]: busy in slot k or after (only needed from index 2 on)
                later: list[int | None] = [None] * (len(slots) + 1)
                for k in range(len(slots) - 1, -1, -1):
                    parts = [v for v in (busy[k], later[k + 1]) if v is not None]
                    if not parts:
                        continue
                    v = self._var("later", person.id, slots[k])
                    for part in parts:
                        hard([-part, v])
                    hard([-v, *parts])
                    later[k] = v
                for k in range(1, len(slots) - 1):
                    before, after = busy[k - 1], later[k + 1]
                    if before is None or after is None:
                        continue
                    g = self._var("gap", person.id, slots[k])
                    now = busy[k]
                    hard([-before, -after, g] + ([now] if now is not None else []))
                    gap_vars.append(g)
        return gap_vars

    def decode(self, model: Sequence[int]) -> dict[str, tuple[str, str | None]]:
        true = {v for v in model if v > 0}
        placed: dict[str, tuple[str, str | None]] = {}
        taken: set[tuple[str, str]] = set()
        for (rid, s), x in self.x.items():
            if x not in true:
                continue
            interpreter = None
            for i in self.cand.interpreter_options.get((rid, s), []):
                if self.z[(rid, s, i)] in true and (i, s) not in taken:
                    interpreter = i
                    taken.add((i, s))
                    break
            placed[rid] = (s, interpreter)
        return placed


def solve(problem: Problem, *, time_limit: float = 60.0, gaps: bool = True) -> IndependentResult:
    clock = Stopwatch()
    name = "maxsat-rc2" + ("" if gaps else "-weight")
    try:
        enc = Encoding(problem, gaps=gaps, deadline=time.perf_counter() + time_limit)
    except EncodingTimeout:
        return IndependentResult(
            name, "timeout", seconds=clock.elapsed(), message="time limit reached while encoding"
        )
    if enc.infeasible:
        return IndependentResult(
            name,
            "infeasible",
            seconds=clock.elapsed(),
            message=f"unplaceable: {enc.infeasible[:5]}",
        )
    remaining = time_limit - clock.elapsed()
    if remaining <= 0:
        return IndependentResult(
            name, "timeout", seconds=clock.elapsed(), message="time limit reached while encoding"
        )
    with RC2Stratified(enc.wcnf, solver="g3", adapt=True, exhaust=True, minz=True) as rc2:
        timer = threading.Timer(remaining, rc2.interrupt)
        timer.start()
        try:
            model = rc2.compute(expect_interrupt=True)
        finally:
            timer.cancel()
        if model is None:
            status = "timeout" if clock.elapsed() >= time_limit * 0.99 else "infeasible"
            return IndependentResult(name, status, seconds=clock.elapsed(), message=_size(enc))
    schedule = enc.cand.schedule(enc.decode(model))
    return IndependentResult(
        name,
        "optimal",
        weight=schedule_weight(problem, schedule),
        idle_gaps=count_idle_gaps(problem, schedule),
        seconds=clock.elapsed(),
        message=_size(enc),
        meetings=IndependentResult.meetings_of(schedule),
    )


def _size(enc: Encoding) -> str:
    return (
        f"{enc.pool.top} variables, {len(enc.wcnf.hard)} hard and {len(enc.wcnf.soft)} soft clauses"
    )


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.event_generator import INSTANCES, generate

    parser = argparse.ArgumentParser(
        description="Solve a generated event with the MaxSAT encoding (RC2)."
    )
    parser.add_argument("instance", choices=sorted(INSTANCES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--weight-only", action="store_true", help="drop the idle-gap objective")
    args = parser.parse_args(argv)
    result = solve(
        generate(args.instance, args.seed), time_limit=args.time_limit, gaps=not args.weight_only
    )
    sys.stdout.write(result.to_json() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
