"""Peer (a): CP-SAT written the obvious way.

One Boolean per meeting and slot, exactly one slot per meeting, table capacity
per slot, at most one meeting per participant and slot, and a break indicator
per participant and slot: p is idle in t, busy in t-1 and busy later in the
same session; fixed meetings and forbidden slots as given, and a precedence
as "slot of the earlier meeting < slot of the later" on integer slot
variables. No implied constraints, no per-participant bounds.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from benchmarks.peers.common import PeerResult
from rabta.scheduling.dzn import DznData


def solve(d: DznData, time_limit: float, seed: int = 0, workers: int = 2) -> PeerResult:
    t0 = time.monotonic()
    m = cp_model.CpModel()
    S = range(1, d.n_slots + 1)
    session = {t: 0 if t <= d.n_morning else 1 for t in S}
    x = {}
    for k, (a, b, code) in enumerate(d.meetings):
        for t in S:
            ok = code == 3 or session[t] == code - 1
            if ok and t not in d.forbidden[a - 1] and t not in d.forbidden[b - 1]:
                x[k, t] = m.NewBoolVar("")
        m.AddExactlyOne(v for (kk, _), v in x.items() if kk == k)
        if d.fixat[k]:  # fixed to a slot its session or a forbidden slot rules out: infeasible
            m.Add(x[k, d.fixat[k]] == 1) if (k, d.fixat[k]) in x else m.AddBoolOr([])
    # precedences: the slot of each meeting as an integer, earlier ones strictly smaller
    when = {}
    for k, earlier in enumerate(d.precedences):
        for j in (k, *(e - 1 for e in earlier)):
            if j not in when:
                when[j] = m.NewIntVar(1, d.n_slots, "")
                m.Add(when[j] == sum(t * v for (kk, t), v in x.items() if kk == j))
        for e in earlier:
            m.Add(when[e - 1] < when[k])
    for t in S:
        m.Add(sum(v for (_, tt), v in x.items() if tt == t) <= d.n_tables)
    breaks = []
    for p in range(1, d.n_business + 1):
        mine = [k for k, (a, b, _) in enumerate(d.meetings) if p in (a, b)]
        busy = {}
        for t in S:
            busy[t] = m.NewBoolVar("")
            m.Add(sum(x[k, t] for k in mine if (k, t) in x) == busy[t])
        for t in S:
            later = [u for u in S if u > t and session[u] == session[t]]
            if t - 1 in busy and session[t - 1] == session[t] and later:
                for u in later:
                    br = m.NewBoolVar("")
                    m.AddBoolOr([busy[t - 1].Not(), busy[t], busy[u].Not(), br])
                    breaks.append((p, t, u, br))
    # one break per (p, t) at most: a break starts at t if any later meeting
    starts = {}
    for p, t, _u, br in breaks:
        starts.setdefault((p, t), m.NewBoolVar(""))
        m.AddImplication(br, starts[p, t])
    m.Minimize(sum(starts.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    history: list[tuple[float, int]] = []

    class Cb(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            history.append((time.monotonic() - t0, round(self.ObjectiveValue())))

    status = solver.Solve(m, Cb())
    seconds = time.monotonic() - t0
    if status == cp_model.INFEASIBLE:
        return PeerResult("plain CP-SAT", "infeasible", seconds=seconds)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return PeerResult("plain CP-SAT", "unknown", seconds=seconds)
    value = round(solver.ObjectiveValue())
    optimal = status == cp_model.OPTIMAL
    return PeerResult(
        "plain CP-SAT",
        "optimal" if optimal else "feasible",
        breaks=value,
        lower_bound=round(solver.BestObjectiveBound()),
        time_to_best=next((s for s, v in history if v == value), seconds),
        time_to_proof=seconds if optimal else None,
        seconds=seconds,
        history=history,
    )
