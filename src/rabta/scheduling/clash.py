"""Why an all-required problem is infeasible: the locks (fixed meetings), the
participants' unavailable slots (the literature's forbidden slots) and the
precedences that cannot all hold together.

:func:`clashing_constraints` encodes the problem without those constraints
(:class:`~rabta.scheduling.satgaps.GapsCnf`: every meeting once, one meeting
per participant and slot, tables, sessions), then adds each of them guarded by
a selector literal, and asks a SAT solver under the assumption that every
selector holds. When the answer is "no", the solver's core names a set of
constraints that clash; it is then shrunk by deletion (drop one, ask again:
still "no" means it was not needed) while time allows, so the answer is small
— often minimal. The result says, for example, "request 12 fixed to slot 3;
request 40 fixed to slot 3; participant 7 cannot meet in slots 1, 2".
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from rabta.scheduling import satgaps
from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.i18n import _
from rabta.scheduling.model import Problem


@dataclass(frozen=True, slots=True)
class Clash:
    """One constraint of a clashing set, with the words for it."""

    kind: str  # "lock" | "unavailable" | "precedence"
    text: str


def clashing_constraints(problem: Problem, *, time_limit: float = 10.0) -> list[Clash] | None:
    """A small set of locks, unavailable slots and precedences that cannot all hold
    with every (required) request met; None when the problem is feasible without
    looking at them as well as with them (the cause is elsewhere), when there is no
    SAT solver, or when the time runs out before the first answer."""
    if not satgaps.available() or not all(r.required for r in problem.requests):
        return None
    deadline = time.monotonic() + time_limit
    relaxed = replace(
        problem,
        locks=(),
        precedences=(),
        participants=tuple(replace(p, available=None) for p in problem.participants),
    )
    c = compile_problem(relaxed)
    cnf = satgaps.GapsCnf(c)
    if cnf.trivially_unsat:
        return None
    x = cnf.x
    order = {s: k for k, s in enumerate(c.slot_ids)}
    guards: list[tuple[int, Clash]] = []

    def guard(kind: str, text: str) -> int:
        sel = cnf.pool.id(("select", len(guards)))
        guards.append((sel, Clash(kind, text)))
        return sel

    for lk in problem.locks:
        r, s = c.request_index[lk.request], order[lk.slot]
        sel = guard(
            "lock",
            _("request %(request)s fixed to slot %(slot)s")
            % {"request": lk.request, "slot": lk.slot},
        )
        cnf.clauses.append([-sel, x[r, s]] if (r, s) in x else [-sel])
    for p, part in enumerate(problem.participants):
        if part.available is None:
            continue
        away = [k for k, sid in enumerate(c.slot_ids) if sid not in part.available]
        if not away:
            continue
        sel = guard(
            "unavailable",
            _("participant %(participant)s cannot meet in slots %(slots)s")
            % {"participant": part.id, "slots": ", ".join(c.slot_ids[k] for k in away)},
        )
        for r in c.participants[p].requests:
            cnf.clauses.extend([-sel, -x[r, k]] for k in away if (r, k) in x)
    for pr in problem.precedences:
        a, b = c.request_index[pr.before], c.request_index[pr.after]
        sel = guard(
            "precedence",
            _("request %(before)s before request %(after)s")
            % {"before": pr.before, "after": pr.after},
        )
        for sb in range(c.n_slots):
            if (b, sb) not in x:
                continue
            cnf.clauses.extend(
                [-sel, -x[b, sb], -x[a, sa]] for sa in range(sb, c.n_slots) if (a, sa) in x
            )
    if not guards:
        return None
    from pysat.solvers import Solver

    with Solver(name="glucose4", bootstrap_with=cnf.clauses) as sat:
        core = _core(sat, [sel for sel, _clash in guards], deadline)
        if core is None:
            return None
        core = _shrink(sat, core, deadline)
    text = {sel: clash for sel, clash in guards}
    return [text[sel] for sel in sorted(core)]


def _core(sat, selectors: list[int], deadline: float) -> list[int] | None:
    """The selectors of a clashing set, or None (satisfiable, or out of time)."""
    answer = _ask(sat, selectors, deadline)
    if answer is not False:
        return None
    return sorted(set(sat.get_core() or ()))


def _shrink(sat, core: list[int], deadline: float) -> list[int]:
    """Deletion: each member whose removal keeps the clash goes."""
    kept = list(core)
    for sel in list(core):
        if time.monotonic() >= deadline or len(kept) <= 1:
            break
        if sel not in kept:
            continue
        trial = [s for s in kept if s != sel]
        if _ask(sat, trial, deadline) is False:
            smaller = set(sat.get_core() or trial)
            kept = [s for s in trial if s in smaller]
    return kept


def _ask(sat, assumptions: list[int], deadline: float) -> bool | None:
    """Solve under ``assumptions`` with a conflict budget, then check the clock:
    True, False, or None when out of budget or time."""
    while time.monotonic() < deadline:
        sat.conf_budget(20_000)
        answer = sat.solve_limited(assumptions=assumptions)
        if answer is not None:
            return answer
    return None
