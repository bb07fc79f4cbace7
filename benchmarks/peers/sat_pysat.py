"""Peer (b): a SAT approach in the style of Bofill et al. (JAIR 2022).

CNF over x[m, t] (meeting m in slot t) and busy[p, t], cardinality encodings
(pysat.card) for exactly-one slot per meeting, at most one meeting per
participant and slot, table capacity; implied constraints: each participant is
busy in exactly as many slots as it has meetings (per session when fixed), and
at most 2 x tables participants are busy per slot. A break literal per
participant and slot (idle after a meeting, with a later meeting in the
session) is forced true; the total is bounded by an incremental totalizer and
the bound is tightened (descending) by assumptions: "breaks <= k", k = best-1.
"""

from __future__ import annotations

import time

from benchmarks.peers.common import PeerResult
from rabta.scheduling.dzn import DznData


def solve(d: DznData, time_limit: float) -> PeerResult:
    from pysat.card import CardEnc, EncType, ITotalizer
    from pysat.formula import IDPool
    from pysat.solvers import Solver

    t0 = time.monotonic()
    pool = IDPool()
    clauses: list[list[int]] = []
    S = range(1, d.n_slots + 1)
    session = {t: 0 if t <= d.n_morning else 1 for t in S}
    x = {}
    for k, (a, b, code) in enumerate(d.meetings):
        for t in S:
            ok = code == 3 or session[t] == code - 1
            if ok and t not in d.forbidden[a - 1] and t not in d.forbidden[b - 1]:
                x[k, t] = pool.id(("x", k, t))
        lits = [v for (kk, _), v in x.items() if kk == k]
        clauses += CardEnc.equals(lits, 1, vpool=pool, encoding=EncType.seqcounter).clauses
        if d.fixat[k]:
            clauses.append([x[k, d.fixat[k]]])

    def atmost(lits, bound):
        if len(lits) > bound:
            clauses.extend(
                CardEnc.atmost(lits, bound, vpool=pool, encoding=EncType.seqcounter).clauses
            )

    def equals(lits, bound):
        clauses.extend(CardEnc.equals(lits, bound, vpool=pool, encoding=EncType.seqcounter).clauses)

    for t in S:
        atmost([v for (_, tt), v in x.items() if tt == t], d.n_tables)
    busy = {}
    break_lits = []
    for p in range(1, d.n_business + 1):
        mine = [k for k, (a, b, _) in enumerate(d.meetings) if p in (a, b)]
        for t in S:
            lits = [x[k, t] for k in mine if (k, t) in x]
            b = busy[p, t] = pool.id(("busy", p, t))
            atmost(lits, 1)
            clauses.append([-b, *lits])
            clauses.extend([[-lit, b] for lit in lits])
        for s in (0, 1):
            ts = [t for t in S if session[t] == s]
            fixed = [k for k in mine if d.meetings[k][2] == s + 1]
            either = [k for k in mine if d.meetings[k][2] == 3]
            if ts and not either:
                equals([busy[p, t] for t in ts], len(fixed))  # implied
            # later[t]: busy in some slot >= t of the session
            later = {}
            for t in reversed(ts):
                v = later[t] = pool.id(("later", p, t))
                nxt = [busy[p, t]] + ([later[t + 1]] if t + 1 in later else [])
                clauses.append([-v, *nxt])
                clauses.extend([[-lit, v] for lit in nxt])
            for t in ts:
                if t - 1 in later and t + 1 in later:
                    br = pool.id(("break", p, t))
                    clauses.append([-busy[p, t - 1], busy[p, t], -later[t + 1], br])
                    break_lits.append(br)
    for t in S:  # implied: two participants per meeting
        atmost([busy[p, t] for p in range(1, d.n_business + 1)], 2 * d.n_tables)
    total = ITotalizer(lits=break_lits, ubound=len(break_lits), top_id=pool.top)
    history: list[tuple[float, int]] = []
    best = None
    proven = False
    status = "unknown"
    with Solver(name="glucose4", bootstrap_with=clauses + total.cnf.clauses) as sat:
        bound = None
        while True:
            left = time_limit - (time.monotonic() - t0)
            if left <= 0:
                break
            assumptions = [] if bound is None else [-total.rhs[bound]]
            import threading

            timer = threading.Timer(left, sat.interrupt)
            timer.start()
            answer = sat.solve_limited(assumptions=assumptions, expect_interrupt=True)
            timer.cancel()
            sat.clear_interrupt()
            if answer is None:
                break
            if answer is False:
                proven = best is not None
                status = "optimal" if proven else "infeasible"
                break
            model = set(v for v in sat.get_model() if v > 0)
            best = sum(1 for v in break_lits if v in model)
            history.append((time.monotonic() - t0, best))
            status = "feasible"
            if best == 0:
                proven = True
                status = "optimal"
                break
            bound = best - 1
    seconds = time.monotonic() - t0
    return PeerResult(
        "SAT (pysat, JAIR-style)",
        status,
        breaks=best,
        lower_bound=best if proven else 0,
        time_to_best=history[-1][0] if history else None,
        time_to_proof=seconds if proven else None,
        seconds=seconds,
        history=history,
    )
