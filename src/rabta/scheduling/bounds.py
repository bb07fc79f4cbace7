"""Upper bounds on objective 1 (total weight), independent of any solver's answer.

Every bound is a relaxation of the hard constraints, so no schedule can weigh
more. The reported bound is the minimum of:

* ``hostable``: the weight of all requests whose meeting some slot can host;
* ``aggregate`` (LP, GLOP): one variable ``y_r ∈ [0, 1]`` per hostable request;
  each participant holds at most ``min(max_meetings, |available slots|)``
  meetings; table meetings ≤ the table-slots available to them; interpreter
  meetings covered by an interpreter set ≤ that set's free interpreter-slots
  (one constraint per interpreter-language pair group and one overall);
* ``time-indexed`` (LP, GLOP, when small enough): ``x_{r,s} ∈ [0, 1]`` for
  each feasible slot; one meeting per participant per slot, per-slot table and
  interpreter capacity, max meetings, each request at most once.

Weights are integers, so the LP value is rounded down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rabta.scheduling.compiled import Compiled

TIME_INDEXED_MAX_VARS = 20_000  # larger ones take seconds and rarely beat the aggregate


@dataclass(frozen=True, slots=True)
class Bound:
    weight: int
    method: str
    parts: dict[str, int]


def _glop():
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover - ortools always ships GLOP
        raise RuntimeError("GLOP is not available")
    return solver


def _floor(x: float) -> int:
    return int(math.floor(x + 1e-6))


def aggregate_lp(c: Compiled, values: dict[int, float] | None = None) -> int:
    """The aggregate LP bound; fills ``values`` with the LP's ``y_r`` when given."""
    reqs = [r for r, cr in enumerate(c.requests) if cr.feasible_mask]
    if not reqs:
        return 0
    solver = _glop()
    inf = solver.infinity()
    y = {r: solver.NumVar(0.0, 1.0, "") for r in reqs}
    for p, cp in enumerate(c.participants):
        ct = solver.Constraint(-inf, float(cp.max_meetings))
        for r in cp.requests:
            if r in y:
                ct.SetCoefficient(y[r], 1.0)
        # never more meetings than the slots this participant can use for them
        used = 0
        for r in cp.requests:
            if r in y:
                used |= c.requests[r].feasible_mask
        ct2 = solver.Constraint(-inf, float(used.bit_count()))
        for r in cp.requests:
            if r in y:
                ct2.SetCoefficient(y[r], 1.0)
        del p
    table_slots = sum(len(ts) for ts in c.slot_tables)
    ct = solver.Constraint(-inf, float(table_slots))
    for r in reqs:
        if c.requests[r].needs_table:
            ct.SetCoefficient(y[r], 1.0)
    # interpreter capacity per group of requests with the same capable set
    groups: dict[tuple[int, ...], list[int]] = {}
    for r in reqs:
        cr = c.requests[r]
        if cr.needs_interpreter:
            groups.setdefault(cr.interpreters, []).append(r)
    if groups:
        all_caps = sorted({i for k in groups for i in k})
        ct = solver.Constraint(-inf, float(sum(len(c.interpreters[i].available) for i in all_caps)))
        for rs in groups.values():
            for r in rs:
                ct.SetCoefficient(y[r], 1.0)
        for caps, rs in groups.items():
            ct = solver.Constraint(-inf, float(sum(len(c.interpreters[i].available) for i in caps)))
            for r in rs:
                ct.SetCoefficient(y[r], 1.0)
    obj = solver.Objective()
    for r in reqs:
        obj.SetCoefficient(y[r], float(c.requests[r].weight))
    obj.SetMaximization()
    status = solver.Solve()
    if status != solver.OPTIMAL:  # pragma: no cover - a bounded LP always solves
        return sum(c.requests[r].weight for r in reqs)
    if values is not None:
        for r in reqs:
            values[r] = y[r].solution_value()
    return _floor(obj.Value())


def time_indexed_lp(c: Compiled) -> int:
    solver = _glop()
    inf = solver.infinity()
    n = c.n_slots
    part_slot: dict[tuple[int, int], list] = {}
    table_slot: list[list] = [[] for _ in range(n)]
    interp_slot: list[list] = [[] for _ in range(n)]
    obj = solver.Objective()
    per_part: list[list] = [[] for _ in c.participants]
    for cr in c.requests:
        if not cr.feasible_mask:
            continue
        xs = []
        for s in cr.feasible_slots:
            x = solver.NumVar(0.0, 1.0, "")
            xs.append(x)
            obj.SetCoefficient(x, float(cr.weight))
            part_slot.setdefault((cr.pa, s), []).append(x)
            part_slot.setdefault((cr.pb, s), []).append(x)
            if cr.needs_table:
                table_slot[s].append(x)
            if cr.needs_interpreter:
                interp_slot[s].append(x)
        ct = solver.Constraint(-inf, 1.0)
        for x in xs:
            ct.SetCoefficient(x, 1.0)
        per_part[cr.pa].extend(xs)
        per_part[cr.pb].extend(xs)
    for xs in part_slot.values():
        if len(xs) > 1:
            ct = solver.Constraint(-inf, 1.0)
            for x in xs:
                ct.SetCoefficient(x, 1.0)
    for s in range(n):
        if table_slot[s]:
            ct = solver.Constraint(-inf, float(len(c.slot_tables[s])))
            for x in table_slot[s]:
                ct.SetCoefficient(x, 1.0)
        if interp_slot[s]:
            ct = solver.Constraint(-inf, float(len(c.slot_interpreters[s])))
            for x in interp_slot[s]:
                ct.SetCoefficient(x, 1.0)
    for p, xs in enumerate(per_part):
        if xs and c.participants[p].max_meetings < len(c.participants[p].available):
            ct = solver.Constraint(-inf, float(c.participants[p].max_meetings))
            for x in xs:
                ct.SetCoefficient(x, 1.0)
    obj.SetMaximization()
    status = solver.Solve()
    if status != solver.OPTIMAL:  # pragma: no cover
        return sum(cr.weight for cr in c.requests if cr.feasible_mask)
    return _floor(obj.Value())


def upper_bound(
    c: Compiled, *, time_indexed: bool | None = None, lp_values: dict[int, float] | None = None
) -> Bound:
    """The tightest cheap upper bound on the total weight of any schedule.
    ``lp_values`` (optional) receives the aggregate LP's ``y_r``: a hint of
    which requests an optimal schedule meets."""
    parts = {"hostable": sum(cr.weight for cr in c.requests if cr.feasible_mask)}
    parts["aggregate"] = min(parts["hostable"], aggregate_lp(c, lp_values))
    n_vars = sum(len(cr.feasible_slots) for cr in c.requests)
    if time_indexed or (time_indexed is None and n_vars <= TIME_INDEXED_MAX_VARS):
        parts["time-indexed"] = time_indexed_lp(c)
    method = min(parts, key=lambda k: parts[k])
    return Bound(parts[method], method, parts)
