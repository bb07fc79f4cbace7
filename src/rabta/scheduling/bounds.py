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
  interpreter capacity, max meetings, each request at most once;
* ``interpreters`` (LP, GLOP, when some meeting needs an interpreter): the
  meetings that need one are time-indexed (``x_{r,s}``), the others only
  session-indexed (``z_{r,S}``); per slot, the meetings whose capable
  interpreters all lie in a set ``U`` of interpreters are at most the members
  of ``U`` working in that slot (Hall's condition, for every union ``U`` of
  capable sets); per participant: one meeting per slot, at most the
  available slots per session, ``max_meetings`` overall; tables per session.
  Where interpreters work in shifts and speak different pairs this is far
  tighter than the aggregate, which counts their slots over the whole day.

Weights are integers, so the LP value is rounded down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rabta.scheduling.compiled import Compiled

TIME_INDEXED_MAX_VARS = 20_000  # larger ones take seconds and rarely beat the aggregate
INTERPRETER_LP_MAX_VARS = 150_000  # ≈1 s of GLOP on 2 cores at 70,000
#: Hall constraints per slot come from unions of the distinct capable sets: at
#: most this many sets are combined (2^k unions), more are left to the total.
HALL_MAX_SETS = 8


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


def hall_unions(sets: list[int]) -> list[int]:
    """Every union (as a bitmask of interpreters) of the capable sets ``sets``
    (bitmasks), or just each set and their total when there are too many."""
    sets = sorted(set(sets))
    if len(sets) > HALL_MAX_SETS:
        total = 0
        for m in sets:
            total |= m
        return sorted(set(sets) | {total})
    unions = {0}
    for m in sets:
        unions |= {u | m for u in unions}
    unions.discard(0)
    return sorted(unions)


def interpreter_lp(c: Compiled) -> int | None:
    """The ``interpreters`` bound (module docstring); ``None`` when no meeting
    needs an interpreter or the LP would be too large."""
    timed = [r for r, cr in enumerate(c.requests) if cr.feasible_mask and cr.needs_interpreter]
    if not timed:
        return None
    if sum(len(c.requests[r].feasible_slots) for r in timed) > INTERPRETER_LP_MAX_VARS:
        return None
    solver = _glop()
    inf = solver.infinity()
    obj = solver.Objective()

    def at_most(terms, cap: float) -> None:
        if terms:
            ct = solver.Constraint(-inf, float(cap))
            for v in terms:
                ct.SetCoefficient(v, 1.0)

    n_sessions = len(c.sessions)
    per_part_slot: dict[tuple[int, int], list] = {}
    per_part_session: dict[tuple[int, int], list] = {}
    per_part: list[list] = [[] for _ in c.participants]
    table_session: list[list] = [[] for _ in range(n_sessions)]
    per_slot_set: dict[tuple[int, int], list] = {}  # (slot, capable mask) -> x
    req_caps = [0] * len(c.requests)
    for r in timed:
        for i in c.requests[r].interpreters:
            req_caps[r] |= 1 << i
    for r, cr in enumerate(c.requests):
        if not cr.feasible_mask:
            continue
        here = []
        if cr.needs_interpreter:
            for s in cr.feasible_slots:
                v = solver.NumVar(0.0, 1.0, "")
                here.append((v, c.slot_session[s]))
                per_part_slot.setdefault((cr.pa, s), []).append(v)
                per_part_slot.setdefault((cr.pb, s), []).append(v)
                per_slot_set.setdefault((s, req_caps[r]), []).append(v)
        else:
            for k, session in enumerate(c.sessions):
                if any(cr.feasible_mask >> s & 1 for s in session):
                    here.append((solver.NumVar(0.0, 1.0, ""), k))
        at_most([v for v, _k in here], 1)
        for v, k in here:
            obj.SetCoefficient(v, float(cr.weight))
            for p in {cr.pa, cr.pb}:
                per_part_session.setdefault((p, k), []).append(v)
                per_part[p].append(v)
            if cr.needs_table:
                table_session[k].append(v)
    for vs in per_part_slot.values():
        if len(vs) > 1:
            at_most(vs, 1)
    for (p, k), vs in per_part_session.items():
        at_most(vs, len(c.participants[p].available & frozenset(c.sessions[k])))
    for p, vs in enumerate(per_part):
        at_most(vs, c.participants[p].max_meetings)
    for k, vs in enumerate(table_session):
        at_most(vs, sum(len(c.slot_tables[s]) for s in c.sessions[k]))
    by_slot: dict[int, dict[int, list]] = {}
    for (s, caps), vs in per_slot_set.items():
        by_slot.setdefault(s, {})[caps] = vs
    for s, groups in by_slot.items():
        working = 0
        for i in c.slot_interpreters[s]:
            working |= 1 << i
        # one variable per capable set: the meetings of the slot it covers, so
        # that each union's constraint has a term per set, not per meeting
        count = {}
        for caps, vs in groups.items():
            count[caps] = solver.NumVar(0.0, float(len(vs)), "")
            ct = solver.Constraint(0.0, 0.0)
            ct.SetCoefficient(count[caps], -1.0)
            for v in vs:
                ct.SetCoefficient(v, 1.0)
        for union in hall_unions(list(groups)):
            terms = [n for caps, n in count.items() if caps & ~union == 0]
            at_most(terms, (union & working).bit_count())
    obj.SetMaximization()
    status = solver.Solve()
    if status != solver.OPTIMAL:  # pragma: no cover - a bounded LP always solves
        return None
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
    interp = interpreter_lp(c)
    if interp is not None:
        parts["interpreters"] = interp
    method = min(parts, key=lambda k: parts[k])
    return Bound(parts[method], method, parts)
