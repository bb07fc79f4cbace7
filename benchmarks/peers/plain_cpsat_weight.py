"""Peer for weighted events: CP-SAT written the obvious way, maximising weight.

One Boolean per request and feasible slot, at most one slot per request, at
most one meeting per participant and slot, table capacity per slot,
``max_meetings``, one Boolean per (request, interpreter, slot) with each
interpreter in at most one meeting per slot. No hint, no implied constraints,
no gaps or fairness: only the weight, which is what it is compared on.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.model import Problem


def solve(problem: Problem, time_limit: float, seed: int = 0, workers: int = 2) -> dict:
    t0 = time.monotonic()
    c = compile_problem(problem)
    m = cp_model.CpModel()
    x = {}
    per_ps: dict[tuple[int, int], list] = {}
    per_p: dict[int, list] = {}
    per_table: dict[int, list] = {}
    per_is: dict[tuple[int, int], list] = {}
    for r, cr in enumerate(c.requests):
        lits = []
        for s in cr.feasible_slots:
            v = x[r, s] = m.NewBoolVar("")
            lits.append(v)
            for p in {cr.pa, cr.pb}:
                per_ps.setdefault((p, s), []).append(v)
                per_p.setdefault(p, []).append(v)
            if cr.needs_table:
                per_table.setdefault(s, []).append(v)
            if cr.needs_interpreter:
                ys = []
                for i in cr.interpreters:
                    if s in c.interpreters[i].available:
                        y = m.NewBoolVar("")
                        per_is.setdefault((i, s), []).append(y)
                        ys.append(y)
                m.Add(sum(ys) == v)
        if cr.required:
            m.AddExactlyOne(lits)
        elif lits:
            m.AddAtMostOne(lits)
    for lits in per_ps.values():
        m.AddAtMostOne(lits)
    for p, lits in per_p.items():
        m.Add(sum(lits) <= c.participants[p].max_meetings)
    for s, lits in per_table.items():
        m.Add(sum(lits) <= len(c.slot_tables[s]))
    for lits in per_is.values():
        m.AddAtMostOne(lits)
    m.Maximize(sum(c.requests[r].weight * v for (r, _s), v in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.monotonic() - t0))
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.Solve(m)
    seconds = time.monotonic() - t0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": "unknown", "weight": None, "bound": None, "seconds": seconds}
    return {
        "status": "optimal" if status == cp_model.OPTIMAL else "feasible",
        "weight": round(solver.ObjectiveValue()),
        "bound": round(solver.BestObjectiveBound()),
        "seconds": seconds,
    }
