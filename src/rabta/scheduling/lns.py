"""Large-neighbourhood search (LNS) with CP-SAT sub-problems, for objective 1.

When the full CP-SAT model is too big to help within the time limit (on an
interpreter-bound delegation day its first phase finds nothing in 15 s), the
incumbent is improved piece by piece: each round frees a *neighbourhood* of
the schedule — the meetings of one session or a few consecutive slots, of one
interpreter, of a group of participants who asked to meet each other, or of
one language pair — keeps everything else fixed, and lets CP-SAT re-schedule
the freed meetings together with the unmet requests of the same
neighbourhood, warm-started from the incumbent (every variable hinted). A
sub-problem's answer is taken only when it weighs more than what it frees
(required requests outweigh all others together, as in the local search), so
the weight never goes down and locked meetings never move.

The kinds of neighbourhood are chosen adaptively: a kind that improved lately
is tried more often; a sub-problem that CP-SAT solved to optimality without
gain lets the neighbourhoods grow, one that ran out of time makes them shrink.
Each sub-problem uses ``workers`` CP-SAT workers (both cores by default).
Interpreters enter a sub-problem through Hall's condition per slot (exact when
the sets of capable interpreters are few) and are matched afterwards.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rabta.scheduling.bounds import HALL_MAX_SETS, hall_unions
from rabta.scheduling.compiled import Compiled, bits
from rabta.scheduling.cpsat import solve_phase

Placement = tuple[int, int | None, int | None]  # (slot, table, interpreter)

KINDS = ("slots", "session", "interpreter", "participants", "language pair")
#: Meeting–slot variables of a sub-problem at the start (adapted as it runs).
START_VARIABLES = 3000
MIN_VARIABLES, MAX_VARIABLES = 500, 40_000
#: Seconds CP-SAT may spend on one sub-problem (at most; most finish sooner).
ROUND_SECONDS = 2.0


@dataclass
class LnsOutcome:
    assignment: dict[int, Placement]
    weight: int  # the effective weight (required requests count heavy)
    start_weight: int
    rounds: int = 0
    improvements: int = 0
    seconds: float = 0.0
    tries: dict[str, int] = field(default_factory=dict)
    gains: dict[str, int] = field(default_factory=dict)


def effective_weights(c: Compiled) -> list[int]:
    """Weights as the searches see them: a required request outweighs all others."""
    big = sum(r.weight for r in c.requests) + 1
    return [r.weight + (big if r.required else 0) for r in c.requests]


class _Usage:
    """What the fixed part of the schedule occupies."""

    def __init__(self, c: Compiled, assignment: dict[int, Placement], free: set[int]) -> None:
        P = len(c.participants)
        self.busy = [0] * P
        self.count = [0] * P
        self.tables = [0] * c.n_slots
        self.table_ids: list[set[int]] = [set() for _ in range(c.n_slots)]
        self.interp = [0] * c.n_slots  # bitmask of interpreters in use
        for r, (s, t, i) in assignment.items():
            if r in free:
                continue
            cr = c.requests[r]
            for p in {cr.pa, cr.pb}:
                self.busy[p] |= 1 << s
                self.count[p] += 1
            if t is not None:
                self.tables[s] += 1
                self.table_ids[s].add(t)
            if i is not None:
                self.interp[s] |= 1 << i


class LargeNeighbourhoodSearch:
    def __init__(
        self,
        c: Compiled,
        assignment: dict[int, Placement],
        *,
        seed: int = 0,
        workers: int = 2,
    ) -> None:
        self.c = c
        self.assign = dict(assignment)
        self.rng = random.Random(seed)
        self.seed = seed
        self.workers = workers
        self.w = effective_weights(c)
        self.weight = sum(self.w[r] for r in self.assign)
        self.locked = {lk.request for lk in c.locks}
        self.target = START_VARIABLES
        self.score = dict.fromkeys(KINDS, 1.0)
        self.tries = dict.fromkeys(KINDS, 0)
        self.gains = dict.fromkeys(KINDS, 0)
        self.caps_mask = [sum(1 << i for i in r.interpreters) for r in c.requests]
        self.hostable = [r for r, cr in enumerate(c.requests) if cr.feasible_mask]
        self.working = [_mask(ids) for ids in c.slot_interpreters]

    # ------------------------------------------------------------------ neighbourhoods
    def _window(self, slots: list[int]) -> list[int]:
        """A random run of consecutive slots of one session within ``slots``."""
        k = self.rng.randrange(len(self.c.sessions))
        session = [s for s in self.c.sessions[k] if s in set(slots)] or slots
        length = self.rng.randint(max(1, len(session) // 4), max(1, len(session) // 2))
        start = self.rng.randrange(0, len(session) - length + 1)
        return session[start : start + length]

    def _unmet_weight(self, p: int) -> int:
        return sum(
            self.w[r]
            for r in self.c.participants[p].requests
            if r not in self.assign and self.c.requests[r].feasible_mask
        )

    def neighbourhood(self, kind: str) -> tuple[int, Callable[[int], bool]]:
        """(slot mask, request filter) of a random neighbourhood of ``kind``."""
        c, rng = self.c, self.rng
        all_slots = list(range(c.n_slots))
        if kind == "slots":
            return _mask(self._window(all_slots)), lambda r: True
        if kind == "session":
            k = rng.randrange(len(c.sessions))
            return _mask(c.sessions[k]), lambda r: True
        if kind == "interpreter" and c.interpreters:
            i = rng.randrange(len(c.interpreters))
            bit = 1 << i
            return c.interpreters[i].mask, lambda r: bool(self.caps_mask[r] & bit)
        if kind == "language pair":
            needy = [r for r in self.hostable if r not in self.assign] or self.hostable
            if needy:
                cr = c.requests[rng.choice(needy)]
                key = _pair(c, cr.pa, cr.pb)
                return cr.feasible_mask | _mask(self._window(all_slots)), (
                    lambda r: _pair(c, c.requests[r].pa, c.requests[r].pb) == key
                )
        # a group of participants who asked to meet each other, around one
        # with much unmet weight
        people = range(len(c.participants))
        weights = [self._unmet_weight(p) + 1 for p in people]
        group = {rng.choices(people, weights=weights)[0]}
        size = max(3, self.target // (4 * max(1, c.n_slots)))
        frontier = list(group)
        while frontier and len(group) < size:
            p = frontier.pop(rng.randrange(len(frontier)))
            partners = [
                c.requests[r].pa + c.requests[r].pb - p
                for r in c.participants[p].requests
                if r not in self.assign and c.requests[r].feasible_mask
            ]
            rng.shuffle(partners)
            for q in partners[:3]:
                if q not in group:
                    group.add(q)
                    frontier.append(q)
        return (1 << c.n_slots) - 1, (
            lambda r: c.requests[r].pa in group or c.requests[r].pb in group
        )

    # ------------------------------------------------------------------ one round
    def round(self, kind: str, seconds: float, cancel=None) -> tuple[int, bool]:
        """Free a neighbourhood of ``kind`` and re-solve it; returns (gain, proven)."""
        c = self.c
        slot_mask, keep = self.neighbourhood(kind)
        free = {
            r
            for r, (s, _t, _i) in self.assign.items()
            if slot_mask >> s & 1 and r not in self.locked and keep(r)
        }
        use = _Usage(c, self.assign, free)
        # candidates: freed meetings first, then unmet requests by weight (randomised)
        unmet = [
            r
            for r in self.hostable
            if r not in self.assign and c.requests[r].feasible_mask & slot_mask and keep(r)
        ]
        self.rng.shuffle(unmet)
        unmet.sort(key=lambda r: -self.w[r])
        options: dict[int, list[int]] = {}
        n_vars = 0
        for r in [*sorted(free), *unmet]:
            cr = c.requests[r]
            if r not in free and n_vars >= self.target:
                break
            pa, pb = cr.pa, cr.pb
            if r not in free and (
                use.count[pa] >= c.participants[pa].max_meetings
                or use.count[pb] >= c.participants[pb].max_meetings
            ):
                continue
            slots = bits(cr.feasible_mask & slot_mask & ~(use.busy[pa] | use.busy[pb]))
            if cr.needs_interpreter:
                slots = [s for s in slots if self.caps_mask[r] & ~use.interp[s] & self.working[s]]
            if cr.needs_table:
                slots = [s for s in slots if use.tables[s] < len(c.slot_tables[s])]
            if slots:
                options[r] = slots
                n_vars += len(slots)
        if not options:
            return 0, True
        old = sum(self.w[r] for r in free)
        solution, proven = self._solve(options, free, use, seconds, cancel)
        if solution is None:
            return 0, proven
        new = sum(self.w[r] for r in solution)
        if new <= old:
            return 0, proven
        for r in free:
            del self.assign[r]
        tables_left = {
            s: [t for t in c.slot_tables[s] if t not in use.table_ids[s]]
            for s in {s for s, _i in solution.values()}
        }
        for r, (s, i) in solution.items():
            t = tables_left[s].pop() if c.requests[r].needs_table else None
            self.assign[r] = (s, t, i)
        self.weight += new - old
        return new - old, proven

    def _solve(self, options, free, use: _Usage, seconds: float, cancel):
        c = self.c
        m = cp_model.CpModel()
        x: dict[tuple[int, int], cp_model.IntVar] = {}
        y: dict[tuple[int, int, int], cp_model.IntVar] = {}
        per_ps: dict[tuple[int, int], list] = {}
        per_p: dict[int, list] = {}
        per_table: dict[int, list] = {}
        per_is: dict[tuple[int, int], list] = {}
        # interpreters: per slot, when the meetings' sets of free capable
        # interpreters are few, Hall's condition on the meeting variables alone
        # (exact; no symmetric interpreter variables; interpreters are matched
        # afterwards), else one variable per meeting, interpreter and slot
        sets: dict[int, set[int]] = {}
        for r, slots in options.items():
            if c.requests[r].needs_interpreter:
                for s in slots:
                    sets.setdefault(s, set()).add(self._free_caps(r, s, use))
        hall = {s for s, masks in sets.items() if len(masks) <= HALL_MAX_SETS}
        per_set: dict[tuple[int, int], list] = {}
        for r, slots in options.items():
            cr = c.requests[r]
            lits = []
            for s in slots:
                v = m.NewBoolVar("")
                x[r, s] = v
                lits.append(v)
                for p in {cr.pa, cr.pb}:
                    per_ps.setdefault((p, s), []).append(v)
                    per_p.setdefault(p, []).append(v)
                if cr.needs_table:
                    per_table.setdefault(s, []).append(v)
                if cr.needs_interpreter and s in hall:
                    per_set.setdefault((s, self._free_caps(r, s, use)), []).append(v)
                elif cr.needs_interpreter:
                    ys = []
                    for i in bits(self.caps_mask[r] & ~use.interp[s] & self.working[s]):
                        yv = m.NewBoolVar("")
                        y[r, i, s] = yv
                        per_is.setdefault((i, s), []).append(yv)
                        ys.append(yv)
                    m.Add(sum(ys) == v)
            if len(lits) > 1:
                m.AddAtMostOne(lits)
        for lits in per_ps.values():
            if len(lits) > 1:
                m.AddAtMostOne(lits)
        for p, lits in per_p.items():
            room = c.participants[p].max_meetings - use.count[p]
            if len(lits) > room:
                m.Add(sum(lits) <= room)
        for s, lits in per_table.items():
            room = len(c.slot_tables[s]) - use.tables[s]
            if len(lits) > room:
                m.Add(sum(lits) <= room)
        for lits in per_is.values():
            if len(lits) > 1:
                m.AddAtMostOne(lits)
        for s in hall:
            groups = {caps: lits for (t, caps), lits in per_set.items() if t == s}
            for union in hall_unions(list(groups)):
                lits = [v for caps, vs in groups.items() if caps & ~union == 0 for v in vs]
                if len(lits) > union.bit_count():
                    m.Add(sum(lits) <= union.bit_count())
        m.Maximize(sum(self.w[r] * v for (r, _s), v in x.items()))
        for (r, s), v in x.items():
            m.AddHint(v, r in free and self.assign[r][0] == s)
        for (r, i, s), v in y.items():
            m.AddHint(v, r in free and self.assign[r][0] == s and self.assign[r][2] == i)
        solver, status = solve_phase(
            m,
            "lns",
            time_limit=seconds,
            seed=(self.seed + sum(self.tries.values())) % (2**31 - 1),
            workers=self.workers,
            deterministic=False,
            t0=time.monotonic(),
            progress=None,
            cancel=cancel,
        )
        proven = status == cp_model.OPTIMAL
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, proven
        out: dict[int, tuple[int, int | None]] = {}
        matching: dict[int, list[tuple[int, int]]] = {}
        for (r, s), v in x.items():
            if solver.BooleanValue(v):
                out[r] = (s, None)
                if s in hall and c.requests[r].needs_interpreter:
                    matching.setdefault(s, []).append((r, self._free_caps(r, s, use)))
        for (r, i, s), v in y.items():
            if solver.BooleanValue(v):
                out[r] = (s, i)
        for s, needs in matching.items():
            for r, i in match_interpreters(needs).items():
                out[r] = (s, i)
        return out, proven

    def _free_caps(self, r: int, s: int, use: _Usage) -> int:
        """The interpreters able to cover ``r`` that work in ``s`` and are not
        taken there by the fixed part of the schedule (a bitmask)."""
        return self.caps_mask[r] & ~use.interp[s] & self.working[s]

    # ------------------------------------------------------------------ the loop
    def choose(self) -> str:
        kinds = [k for k in KINDS if k != "interpreter" or self.c.interpreters]
        return self.rng.choices(kinds, weights=[self.score[k] for k in kinds])[0]

    def run(
        self,
        deadline: float,
        *,
        cancel: threading.Event | None = None,
        upper: int | None = None,
        tick: Callable[[int], None] | None = None,
    ) -> LnsOutcome:
        """Rounds until ``deadline`` (``time.monotonic()``), ``cancel``, or the
        weight reaching ``upper`` (a bound on the effective weight); ``tick``
        gets the (plain) weight after every round."""
        t0 = time.monotonic()
        out = LnsOutcome(assignment=self.assign, weight=self.weight, start_weight=self.weight)
        while True:
            left = deadline - time.monotonic()
            if left < 0.1 or (cancel is not None and cancel.is_set()):
                break
            if upper is not None and self.weight >= upper:
                break
            kind = self.choose()
            self.tries[kind] += 1
            started = time.monotonic()
            gain, proven = self.round(kind, min(left, ROUND_SECONDS), cancel)
            out.rounds += 1
            if gain > 0:
                out.improvements += 1
                self.gains[kind] += gain
                self.score[kind] = 0.7 * self.score[kind] + 0.3 * 4.0
            else:
                self.score[kind] = max(0.1, 0.7 * self.score[kind] + 0.3 * 0.2)
            if proven and gain == 0:
                self.target = min(MAX_VARIABLES, int(self.target * 1.25))
            elif not proven and time.monotonic() - started >= 0.9 * min(left, ROUND_SECONDS):
                self.target = max(MIN_VARIABLES, int(self.target * 0.7))
            if tick is not None:  # after every round: progress moves on
                tick(sum(self.c.requests[r].weight for r in self.assign))
        out.assignment = self.assign
        out.weight = self.weight
        out.seconds = time.monotonic() - t0
        out.tries = {k: v for k, v in self.tries.items() if v}
        out.gains = {k: v for k, v in self.gains.items() if v}
        return out


def match_interpreters(needs: list[tuple[int, int]]) -> dict[int, int]:
    """A distinct interpreter for every meeting of one slot: ``needs`` lists
    (request, bitmask of usable interpreters); augmenting paths (Kuhn). Hall's
    condition, enforced by the sub-problem, guarantees a complete matching."""
    owner: dict[int, int] = {}  # interpreter -> request

    def augment(r: int, mask: int, seen: set[int]) -> bool:
        for i in bits(mask):
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], masks[owner[i]], seen):
                owner[i] = r
                return True
        return False

    masks = dict(needs)
    for r, mask in needs:
        if not augment(r, mask, set()):
            raise AssertionError("Hall's condition held, yet no matching")  # pragma: no cover
    return {r: i for i, r in owner.items()}


def _mask(slots) -> int:
    m = 0
    for s in slots:
        m |= 1 << s
    return m


def _pair(c: Compiled, pa: int, pb: int) -> frozenset:
    return frozenset((c.participants[pa].languages, c.participants[pb].languages))


def improve(
    c: Compiled,
    assignment: dict[int, Placement],
    *,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    cancel: threading.Event | None = None,
    upper: int | None = None,
    tick: Callable[[int], None] | None = None,
) -> LnsOutcome:
    """Run the LNS on ``assignment`` (``{request: (slot, table, interpreter)}``,
    a valid schedule of ``c``) for ``time_limit`` seconds; the outcome's
    assignment is valid and weighs at least as much."""
    search = LargeNeighbourhoodSearch(c, assignment, seed=seed, workers=workers)
    return search.run(time.monotonic() + time_limit, cancel=cancel, upper=upper, tick=tick)


#: Share of the LNS's time left at the end to the local search's gap and
#: fairness phases (the LNS looks at the weight only), at most GAPS_SECONDS.
GAPS_SHARE, GAPS_SECONDS = 0.15, 3.0


def improve_schedule(
    c: Compiled,
    schedule,
    *,
    deadline: float,
    seed: int = 0,
    workers: int = 2,
    cancel: threading.Event | None = None,
    upper: int | None = None,
    tick: Callable[[int], None] | None = None,
):
    """The LNS on ``schedule`` until shortly before ``deadline``
    (``time.monotonic()``), then the local search's gap and fairness phases
    on its result (the weight stays). Returns ``(schedule, LnsOutcome)``."""
    from rabta.scheduling.localsearch import Budget, local_search
    from rabta.scheduling.state import State

    left = max(0.0, deadline - time.monotonic())
    reserve = min(GAPS_SECONDS, GAPS_SHARE * left)
    outcome = improve(
        c,
        c.assignment(schedule),
        time_limit=left - reserve,
        seed=seed,
        workers=workers,
        cancel=cancel,
        upper=upper,
        tick=tick,
    )
    if not outcome.improvements:
        return schedule, outcome
    state = State(c)
    for r, (s, t, i) in sorted(outcome.assignment.items()):
        state.place(r, s, t, i)
    state.locked = {lk.request for lk in c.locks}
    wall = max(0.05, deadline - time.monotonic())
    budget = Budget(deadline=time.perf_counter() + wall, cancel=cancel)
    local_search(state, seed=seed, budget=budget, phases=("gaps", "fairness"))
    return state.schedule(), outcome
