"""The B2BSP literature problem: solve a .dzn instance, write the JSON answer.

``rabta schedule INSTANCE.dzn`` calls :func:`main_dzn`. The instance becomes a
general :class:`~rabta.scheduling.model.Problem` (see :mod:`rabta.scheduling.dzn`)
and solved in two steps (every meeting is required, so only the breaks count):

1. **SAT first**: the SAT ladder of :mod:`rabta.scheduling.satgaps` ("at most k
   breaks?" for k = 0, 1, …; every "no" a proof, the first "yes" optimal) with
   Glucose 4 or MiniSat, the other one as a low-priority helper process and
   CaDiCaL held in reserve (it takes over when the main search has used
   :data:`ESCALATE_CPU` of CPU), for up to :data:`SAT_FIRST_SHARE` of the
   time limit. Most
   instances end here — proven optimal, or proven infeasible — without OR-Tools
   ever being imported (its import, with numpy and pandas, is most of a short
   run's time).
2. Otherwise the general CP-SAT engine (:func:`rabta.scheduling.cpsat.solve_cpsat`,
   gaps phase, with its own SAT ladder beside it) for the rest of the time,
   hinted with the SAT step's schedule when it found one.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rabta.scheduling import satgaps
from rabta.scheduling.compiled import Compiled, compile_problem, to_schedule
from rabta.scheduling.dzn import DznError, read_dzn
from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.model import Problem, Schedule
from rabta.scheduling.validate import check_problem


@dataclass(frozen=True, slots=True)
class B2bspResult:
    """``slots[k]`` is the 1-based slot of meeting ``k`` (input order), or 0 if
    unplaced; ``breaks`` the idle gaps; ``lower_bound`` the proven minimum."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    slots: tuple[int, ...]
    breaks: int | None
    lower_bound: int
    seconds: float
    schedule: Schedule | None
    #: why an infeasible instance is infeasible (the input check's causes, or CP-SAT's proof)
    reasons: tuple[str, ...] = ()

    def as_json(self) -> dict:
        answer = {
            "slots": list(self.slots),
            "breaks": self.breaks,
            "lower_bound": self.lower_bound,
            "seconds": round(self.seconds, 3),
            "status": self.status,
        }
        if self.reasons:
            answer["reasons"] = list(self.reasons)
        return answer


#: Input errors that are causes of infeasibility here (locks that clash).
CLASHES = ("locks", "precedences")
#: Share of the time limit the SAT step may take before CP-SAT joins in (CP-SAT
#: gives a schedule, not a proof, on what the SAT step leaves open: the rest).
SAT_FIRST_SHARE = 0.8
#: The SAT solver of the SAT step's main search (python-sat's name), in this
#: process: Glucose where the tables are nearly full (the tic family: tic-13crafc
#: in 1.1 s of CPU against MiniSat's 2.9 s), MiniSat elsewhere (the forum family:
#: forum-13.forb0003 in 0.46 s against 0.92 s, 9.0 s against 10.0 s over the 16
#: forum instances); the other one is the helper (see :func:`_solvers`).
SAT_SOLVER = "glucose4"
SPARSE_SAT_SOLVER = "minisat22"
#: With ``workers`` ≥ 2, helpers: the same ladder with other solvers, each in a
#: process of its own (:class:`~rabta.scheduling.satgaps.LadderProcess`, killed
#: as soon as the gap is closed; forked after the CNF is built, so they inherit
#: it). No solver is fastest everywhere: Glucose on the tic family (tic-13crafc
#: and its precedence variants), MiniSat on a few (forum-13crafc.forb0007),
#: CaDiCaL on the hardest fixed meetings (tic-13crafc.fixed040-Forb: 16 breaks
#: found and proven in about 10 s of CPU, where Glucose and MiniSat take over a
#: minute).
#:
#: MiniSat runs at the lowest CPU priority from the start (a core nobody else
#: wants). CaDiCaL is held in reserve: when this process's search has used
#: :data:`ESCALATE_CPU` seconds of CPU and the gap is still open, it stops and
#: CaDiCaL starts, at normal priority, from the lower bound proven so far (so
#: it has this process's share of the CPU to itself). CPU, not wall-clock time:
#: Glucose needs at most 1.43 s of CPU on every other instance (tic-13crafc.prec15)
#: but up to 3 s of wall-clock time under load, and when it stopped at 3 s of
#: wall-clock time CaDiCaL took several times longer on those. Measured on the
#: shared 2-core machine (load 5–8): a helper at normal priority from the start
#: made Glucose's instances 2–3x slower (tic-13crafc 2.6 s → 5.7–9.6 s), while
#: at the lowest priority CaDiCaL got no CPU at all and tic-13crafc.fixed040-Forb
#: stayed unproven.
HELPER_SOLVERS = ("minisat22",)
SPARSE_HELPER_SOLVERS = ("glucose4",)
RESERVE_SOLVER = "cadical195"
ESCALATE_CPU = 2.0


class _CpuBudget:
    """``is_set()`` once a thread has used ``seconds`` more of CPU (read through
    its CPU clock, so that the ladder's watcher thread can ask)."""

    def __init__(self, clock: int, seconds: float) -> None:
        self.clock = clock
        self.until = time.clock_gettime(clock) + seconds

    def is_set(self) -> bool:
        return time.clock_gettime(self.clock) >= self.until


def _thread_cpu_budget(seconds: float) -> _CpuBudget | None:
    """A ``stop`` for :func:`~rabta.scheduling.satgaps.sat_ladder`: set once the
    calling thread has used ``seconds`` of CPU (None where another thread
    cannot read its CPU clock)."""
    try:
        return _CpuBudget(time.pthread_getcpuclockid(threading.get_ident()), seconds)
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return None


def _solvers(c: Compiled) -> tuple[str, tuple[str, ...]]:
    """The main search's solver and the helpers' for ``c`` (by how full the
    tables are: :meth:`~rabta.scheduling.satgaps.GapsCnf.tables_tight`)."""
    if satgaps.GapsCnf.tables_tight(c):
        return SAT_SOLVER, HELPER_SOLVERS
    return SPARSE_SAT_SOLVER, SPARSE_HELPER_SOLVERS


def _sat_first(c: Compiled, deadline: float, workers: int) -> satgaps.SatShared | None:
    """The SAT ladders on one shared state until one closes the gap or
    ``deadline``: the main solver (:func:`_solvers`) in this process and, with
    ``workers`` ≥ 2, the helpers and :data:`RESERVE_SOLVER` in processes of their own.
    None when the SAT step does not apply (python-sat missing)."""
    if not satgaps.applies(c):
        return None
    shared = satgaps.SatShared()
    main, others = _solvers(c)
    budget = _thread_cpu_budget(ESCALATE_CPU)
    cnf = satgaps.GapsCnf(c)
    if cnf.trivially_unsat:
        shared.infeasible = True
        return shared
    helpers = []
    reserve = None
    if workers >= 2 and satgaps.process_available():
        # forked before any thread of ours starts (a fork copies only this thread)
        helpers = [satgaps.LadderProcess(c, shared, solver=name, cnf=cnf) for name in others]
        if RESERVE_SOLVER and budget is not None:
            reserve = satgaps.LadderProcess(
                c, shared, solver=RESERVE_SOLVER, nice=0, cnf=cnf, held=True
            )
            helpers.append(reserve)
    try:
        satgaps.sat_ladder(
            c,
            shared,
            deadline=deadline,
            solver=main,
            cnf=cnf,
            stop=budget if reserve is not None else None,
        )
        if reserve is not None:  # this search stopped: the reserve's turn
            with shared.lock:
                closed = shared.closed
            if not closed:
                reserve.release()
            while not closed and time.monotonic() < deadline:
                time.sleep(0.02)
                with shared.lock:
                    closed = shared.closed
    finally:
        for helper in helpers:
            helper.stop()
    return shared


def _augment(r: int, options: dict, owner: dict, seen: set[int]) -> bool:
    """One augmenting path for request ``r`` (Kuhn's matching of requests to slots)."""
    for s in options[r]:
        if s not in seen:
            seen.add(s)
            if s not in owner or _augment(owner[s], options, owner, seen):
                owner[s] = r
                return True
    return False


def _fixed_meetings_crowd_out(c: Compiled) -> tuple[str, ...]:
    """Hall's condition per participant, with the fixed meetings: every meeting
    of a participant needs a slot of its own, and a slot where either side has
    a fixed meeting is taken. When some of a participant's meetings have fewer
    such slots between them than they are (no matching of its meetings to
    distinct slots), no schedule meets them all: one sentence per participant
    naming those meetings and slots. Cheap (a small bipartite matching per
    participant), and it answers before any search."""
    locks = c.locks_by_request()
    taken: dict[int, set[int]] = {}
    for r, lock in locks.items():
        for p in {c.requests[r].pa, c.requests[r].pb}:
            taken.setdefault(p, set()).add(lock.slot)
    if not taken:
        return ()
    reasons: list[str] = []
    found: set[tuple[int, ...]] = set()
    for part in c.participants:
        options: dict[int, list[int]] = {}
        for r in part.requests:
            req = c.requests[r]
            if r in locks:
                options[r] = [locks[r].slot]
            else:
                busy = taken.get(req.pa, set()) | taken.get(req.pb, set())
                options[r] = [s for s in req.feasible_slots if s not in busy]
        owner: dict[int, int] = {}  # slot -> request
        for r in part.requests:
            seen: set[int] = set()
            if _augment(r, options, owner, seen):
                continue
            # the meetings reachable from r by alternating paths share the slots ``seen``
            crowd = tuple(sorted({r} | {owner[s] for s in seen}, key=lambda q: c.requests[q].id))
            if crowd in found:
                break
            found.add(crowd)
            names = {"requests": ", ".join(c.requests[q].id for q in crowd)}
            if not seen:
                req = c.requests[r]
                reasons.append(
                    _(
                        "request %(requests)s has no slot left: the fixed meetings of "
                        "%(a)s and %(b)s take every slot it could have"
                    )
                    % dict(names, a=c.participants[req.pa].id, b=c.participants[req.pb].id)
                )
            else:
                reasons.append(
                    ngettext(
                        "participant %(participant)s cannot meet all of requests "
                        "%(requests)s: with the fixed meetings of both sides they have only "
                        "%(count)s slot between them (%(slots)s)",
                        "participant %(participant)s cannot meet all of requests "
                        "%(requests)s: with the fixed meetings of both sides they have only "
                        "%(count)s slots between them (%(slots)s)",
                        len(seen),
                    )
                    % dict(
                        names,
                        participant=part.id,
                        count=len(seen),
                        slots=", ".join(c.slot_ids[s] for s in sorted(seen)),
                    )
                )
            break
    return tuple(reasons)


def _why_infeasible(problem: Problem, time_left: float) -> tuple[str, ...]:
    """The fixed meetings, forbidden slots and precedences that clash (a small set,
    :mod:`rabta.scheduling.clash`), else that the solver proved it."""
    from rabta.scheduling.clash import clashing_constraints

    clash = clashing_constraints(problem, time_limit=max(1.0, min(10.0, time_left)))
    if clash:
        return (
            _("these cannot all hold with every meeting held: %(constraints)s")
            % {"constraints": "; ".join(c.text for c in clash)},
        )
    return (_("the solver proved the required meetings cannot all be met"),)


def solve_b2bsp(
    problem_or_path: Problem | str | Path,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    deterministic: bool = False,
    progress=None,
) -> B2bspResult:
    """Minimise the breaks of a B2BSP instance (a .dzn path or a Problem read from one)."""
    t0 = time.monotonic()
    problem = problem_or_path if isinstance(problem_or_path, Problem) else read_dzn(problem_or_path)
    # the input check's causes are proofs (a participant with more meetings than
    # slots, locks in clashing slots, a precedence chain with no room): no search
    # (a pair requested twice, an error for an event, is two meetings in the literature)
    causes = tuple(
        e.message
        for e in check_problem(problem)
        if e.severity == "infeasible" or (e.severity == "error" and e.kind in CLASHES)
    )
    if causes:
        return B2bspResult("infeasible", (), None, 0, time.monotonic() - t0, None, causes)
    compiled = compile_problem(problem)
    crowded = _fixed_meetings_crowd_out(compiled)
    if crowded:
        return B2bspResult("infeasible", (), None, 0, time.monotonic() - t0, None, crowded)
    status, best, breaks, lower = "unknown", None, None, 0
    shared = None
    if not deterministic:
        shared = _sat_first(compiled, t0 + SAT_FIRST_SHARE * time_limit, workers)
    if shared is not None and shared.infeasible:
        status = "infeasible"
    elif shared is not None and shared.closed and shared.solution is not None:
        status, best, breaks, lower = "optimal", shared.solution, shared.upper, shared.upper
        if progress is not None and shared.found_at is not None:
            from rabta.scheduling.cpsat import CpsatProgress

            progress(CpsatProgress("gaps", shared.upper, shared.lower, shared.found_at - t0))
    schedule = to_schedule(compiled, *best) if best is not None else None
    if status == "unknown":
        from rabta.scheduling.cpsat import solve_cpsat  # imports OR-Tools: only when needed

        hint = to_schedule(compiled, *shared.solution) if shared and shared.solution else None
        outcome = solve_cpsat(
            compiled,
            hint=hint,
            time_limit=max(0.1, time_limit - (time.monotonic() - t0)),
            seed=seed,
            workers=workers,
            deterministic=deterministic,
            phases=("weight", "gaps"),
            progress=progress,
            gaps_lower=shared.lower if shared is not None else 0,  # the SAT step's "no"s
        )
        schedule = outcome.schedule
        status = outcome.status if outcome.status != "cancelled" else "feasible"
        breaks = outcome.objectives.get("gaps") if schedule is not None else None
        if breaks is None and schedule is not None:
            breaks = 0  # no participant can have a gap at all
        lower = outcome.bounds.get("gaps", breaks if status == "optimal" else 0) or 0
        if shared is not None:
            lower = max(lower, min(shared.lower, breaks if breaks is not None else shared.lower))
        if status == "feasible" and breaks is not None and lower >= breaks:
            status = "optimal"
    slots: tuple[int, ...] = ()
    if schedule is not None:
        placed = {m.request: compiled.slot_index[m.slot] + 1 for m in schedule.meetings}
        slots = tuple(placed.get(r.id, 0) for r in problem.requests)
    reasons: tuple[str, ...] = ()
    if status == "infeasible":
        reasons = _why_infeasible(problem, time_limit - (time.monotonic() - t0))
    return B2bspResult(
        reasons=reasons,
        status=status,
        slots=slots,
        breaks=breaks,
        lower_bound=lower,
        seconds=time.monotonic() - t0,
        schedule=schedule,
    )


def main_dzn(
    path: str | Path, output: str | Path | None, time_limit: float = 60.0, seed: int = 0
) -> int:
    """Solve ``path`` and write the JSON answer to ``output`` (stdout when None).

    Exit code 0 after writing (also for an infeasible instance: the JSON says
    so); 2 with a message on stderr, and no file written, when the input
    cannot be read.
    """
    try:
        problem = read_dzn(path)
    except (DznError, OSError) as exc:
        message = _("rabta: cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc}
        print(message, file=sys.stderr)
        return 2
    result = solve_b2bsp(problem, time_limit=time_limit, seed=seed)
    text = json.dumps(result.as_json(), indent=None) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
    return 0
