"""The solver entry point: check, bound, greedy + local search, optionally CP-SAT."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from rabta.scheduling.bounds import upper_bound
from rabta.scheduling.compiled import Compiled, compile_problem
from rabta.scheduling.formats import solve_formats, uses_formats
from rabta.scheduling.greedy import LockError, construct, place_locks
from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.localsearch import Budget, local_search
from rabta.scheduling.metrics import count_idle_gaps, participant_shares
from rabta.scheduling.model import Problem, Result, Schedule
from rabta.scheduling.report import build_report
from rabta.scheduling.state import State
from rabta.scheduling.validate import ProblemError, check_problem, unmet_required, validate

SOLVERS = ("auto", "greedy", "cpsat")


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    phase: str  # "check" | "bound" | "greedy" | "local search" | "lns" | "cpsat" | "done"
    fraction: float  # 0..1 of the time limit (an estimate)
    message: str
    best_weight: int | None = None
    bound: int | None = None


class ProblemInputError(ValueError):
    """The problem is malformed; ``errors`` lists every issue."""

    def __init__(self, errors: list[ProblemError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.where}: {e.message}" for e in errors))


class InternalSolverError(RuntimeError):
    """A solver returned a schedule the validator rejects: a bug."""


class SolverUnavailable(RuntimeError):
    pass


#: Work of the local search (placements + removals): ≈1 s on a delegation day,
#: ≈3 s on a trade fair.
LOCAL_SEARCH_OPS = 200_000


#: Above this many CP-SAT variables (:func:`~rabta.scheduling.cpsat.model_variables`)
#: per second of time limit, "auto" improves the weight by the LNS on
#: sub-problems instead of one CP-SAT model of the whole event.
LNS_VARIABLES_PER_SECOND = 1000
#: After CP-SAT gave up on the whole event, the LNS runs if this much time is left.
LNS_MIN_SECONDS = 1.0


def _lns_instead(c: Compiled, time_limit: float) -> bool:
    from rabta.scheduling.cpsat import model_variables

    return model_variables(c) > LNS_VARIABLES_PER_SECOND * time_limit


def greedy_seconds(c: Compiled, time_limit: float) -> float:
    """Expected time of the local search: ≈1 s on a delegation day, more on larger events."""
    size = len(c.requests)
    return max(0.05, min(time_limit, 1.0 if size <= 5000 else 1.0 + size / 10000))


def _key(problem: Problem, schedule: Schedule) -> tuple:
    """Lexicographic quality (larger is better): required met, weight, -gaps, worst share."""
    met = {m.request for m in schedule.meetings}
    weight = sum(r.weight for r in problem.requests if r.id in met)
    required = sum(1 for r in problem.requests if r.required and r.id in met)
    shares = participant_shares(problem, schedule)
    return (
        required,
        weight,
        -count_idle_gaps(problem, schedule),
        min(shares.values(), default=1.0),
    )


def solve(
    problem: Problem,
    *,
    solver: str = "auto",
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int = 2,
    progress: Callable[[ProgressEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """Schedule ``problem``; see docs/scheduling.md.

    Raises :class:`ProblemInputError` on malformed input and
    :class:`SolverUnavailable` when ``solver="cpsat"`` cannot be imported.
    """
    if solver not in SOLVERS:
        raise ValueError(
            _("unknown solver %(solver)s; choose one of %(choices)s")
            % {"solver": repr(solver), "choices": ", ".join(SOLVERS)}
        )
    if uses_formats(problem):  # several representatives, group sessions: formats.py
        return solve_formats(
            problem,
            solver=solver,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            progress=progress,
            cancel=cancel,
        )
    t0 = time.perf_counter()

    def emit(phase: str, message: str, best: int | None = None, bound: int | None = None):
        if progress is not None:
            frac = min(1.0, (time.perf_counter() - t0) / max(time_limit, 1e-9))
            progress(ProgressEvent(phase, 1.0 if phase == "done" else frac, message, best, bound))

    cpsat = None
    if solver in ("cpsat", "auto"):
        try:
            from rabta.scheduling.cpsat import solve_cpsat as cpsat
        except ImportError as exc:
            if solver == "cpsat":
                raise SolverUnavailable(
                    _("the CP-SAT solver is not available: %(error)s") % {"error": exc}
                ) from exc

    emit("check", _("checking the input"))
    issues = check_problem(problem)
    errors = [e for e in issues if e.severity == "error"]
    if errors:
        raise ProblemInputError(errors)
    messages = [e.message for e in issues if e.severity in ("infeasible", "warning")]
    infeasible_reasons = [e.message for e in issues if e.severity == "infeasible"]
    c = compile_problem(problem)

    emit("bound", _("computing an upper bound"))
    lp_values: dict[int, float] = {}
    bound = upper_bound(c, lp_values=lp_values).weight
    emit("bound", _("upper bound %(bound)s") % {"bound": bound}, None, bound)

    emit("greedy", _("greedy construction"), None, bound)
    state = State(c)
    try:
        place_locks(state)
    except LockError as exc:
        raise ProblemInputError([ProblemError("locks", str(exc), "locks")]) from exc
    construct(c, seed, state, priority=lp_values)
    emit("greedy", _("greedy done"), state.weight, bound)
    # The local search stops after a fixed amount of work (deterministic for a
    # seed); the wall-clock limit is only a safety net on slow machines.
    ls_seconds = greedy_seconds(c, time_limit)
    ls_ops = LOCAL_SEARCH_OPS
    if cpsat is not None:  # CP-SAT follows: local search may use a fifth of the time
        factor = max(1.0, 0.2 * time_limit / ls_seconds)
        ls_seconds *= factor
        ls_ops = int(ls_ops * factor)
    improving = _("improving")
    budget = Budget(
        deadline=time.perf_counter() + min(3 * ls_seconds, max(0.05, time_limit)),
        cancel=cancel,
        tick=lambda: emit("local search", improving, state.weight, bound),
        max_ops=state.ops + ls_ops,
        state=state,
    )
    local_search(state, seed=seed, budget=budget)
    schedule = state.schedule()
    used = "greedy"
    status = "feasible"
    weight_proven = state.weight >= bound
    gaps = state.total_gaps()
    # every objective proven: the weight reaches the bound, no gaps, everyone fully served
    all_proven = weight_proven and gaps == 0 and len(state.assign) == len(c.requests)
    emit(
        "local search",
        ngettext(
            "weight %(weight)s, %(count)s idle gap", "weight %(weight)s, %(count)s idle gaps", gaps
        )
        % {"weight": state.weight, "count": gaps},
        state.weight,
        bound,
    )

    cancelled = cancel is not None and cancel.is_set()
    # Required meetings that cannot all be met do not stop the search: every
    # required request becomes an ordinary one weighing more than all the
    # optional ones together (as many required meetings as possible first), and
    # CP-SAT optimises the rest of the event.
    model_c = c
    if infeasible_reasons or unmet_required(problem, schedule):
        model_c = compile_problem(
            _relax_required(problem, [r.id for r in problem.requests if r.required])
        )
    gave_up: list[str] = []  # a phase that gave up is said first, never only in the label
    optional = any(not r.required for r in c.requests)

    def lns(until: float, why: str) -> None:
        """Improve ``schedule`` by the LNS until ``until`` (monotonic)."""
        nonlocal schedule, used
        from rabta.scheduling.lns import improve_schedule

        emit("lns", _("improving on sub-problems with CP-SAT"), state.weight, bound)
        before = _key(problem, schedule)
        new, outcome = improve_schedule(
            c,
            schedule,
            deadline=until,
            seed=seed,
            workers=workers,
            cancel=cancel,
            upper=None if any(r.required for r in c.requests) else bound,
            tick=lambda w: emit("lns", improving, w, bound),
        )
        values = {
            "why": why,
            "rounds": outcome.rounds,
            "seconds": f"{outcome.seconds:.1f}",
            "before": before[1],
        }
        if outcome.improvements and _key(problem, new) > before:
            schedule = new
            used = f"{used}+lns (lns schedule)"
            values["after"] = _key(problem, new)[1]
            gave_up.append(
                _(
                    "%(why)s; large-neighbourhood search (CP-SAT on %(rounds)s sub-problems, "
                    "%(seconds)s s) raised the weight from %(before)s to %(after)s"
                )
                % values,
            )
        else:
            used = f"{used}+lns (greedy schedule)"
            gave_up.append(
                _(
                    "%(why)s; large-neighbourhood search (CP-SAT on %(rounds)s sub-problems, "
                    "%(seconds)s s) found no heavier schedule: the weight %(before)s is the "
                    "first schedule's"
                )
                % values
            )

    use_lns = (
        cpsat is not None
        and solver == "auto"
        and not cancelled
        and optional
        and not weight_proven
        and _lns_instead(c, time_limit)
    )
    if use_lns:
        lns(
            time.monotonic() + max(0.5, time_limit - (time.perf_counter() - t0)),
            _("CP-SAT did not run on the whole event (too large to help within the time limit)"),
        )
        cancelled = cancel is not None and cancel.is_set()
    run_cpsat = (
        cpsat is not None
        and not cancelled
        and not use_lns
        and (solver == "cpsat" or not (weight_proven and gaps == 0))
    )
    if run_cpsat:
        assert cpsat is not None
        remaining = max(0.5, time_limit - (time.perf_counter() - t0))
        emit("cpsat", _("CP-SAT search"), state.weight, bound)
        # translated here: CP-SAT may report from a thread of its own (English there)
        found = _("CP-SAT %(phase)s: %(objective)s")

        def relay(ev) -> None:
            text = found % {"phase": ev.phase, "objective": f"{ev.objective:.0f}"}
            if ev.phase == "weight":
                emit("cpsat", text, round(ev.objective), bound)
            else:
                emit("cpsat", text, None, bound)

        outcome = cpsat(
            model_c,
            hint=schedule,
            time_limit=remaining,
            seed=seed,
            workers=workers,
            progress=relay,
            cancel=cancel,
        )
        skipped = outcome.phase_status.get("model")
        left = time_limit - (time.perf_counter() - t0)
        lns_after = (
            (skipped is not None or outcome.phase_status.get("weight") == "unknown")
            and optional
            and not weight_proven
            and outcome.status != "cancelled"
            and left > LNS_MIN_SECONDS
        )
        if skipped is not None and not lns_after:
            gave_up.append(_skipped_message(skipped))
        if "weight" in outcome.bounds and model_c is c:
            bound = min(bound, outcome.bounds["weight"])
        relaxed_proof = (
            model_c is not c
            and outcome.status == "optimal"
            and outcome.schedule is not None
            and unmet_required(problem, outcome.schedule)
        )
        if outcome.status == "infeasible" or (relaxed_proof and not infeasible_reasons):
            infeasible_reasons.append(_("CP-SAT proved the required meetings cannot all be met"))
        if outcome.schedule is not None and _key(problem, outcome.schedule) >= _key(
            problem, schedule
        ):
            schedule = outcome.schedule
            used = "cpsat"
            if outcome.status == "optimal":
                all_proven = True
        elif outcome.status == "optimal":
            # CP-SAT proved optimality of a schedule no better than ours: ours is optimal too
            all_proven = True
        if outcome.status == "cancelled":
            cancelled = True
        if lns_after:
            used = "greedy+cpsat"  # CP-SAT found nothing: the schedule is still greedy's
            why = (
                _skipped_reason(skipped)
                if skipped is not None
                else _(
                    "CP-SAT gave up in its phase '%(phase)s' on the whole event (no solution "
                    "within its share of the time limit)"
                )
                % {"phase": _("maximising the weight")}
            )
            lns(time.monotonic() + time_limit - (time.perf_counter() - t0), why)
        else:
            gave_up.extend(_gave_up_messages(outcome.phase_status, kept_first=used == "greedy"))
            used = f"greedy+cpsat ({used} schedule)"

    violations = validate(problem, schedule)
    if violations:
        raise InternalSolverError(
            _("the solver produced an invalid schedule: %(violations)s")
            % {"violations": "; ".join(v.message for v in violations)}
        )
    weight = sum(c.requests[r].weight for r in c.assignment(schedule))
    unmet = unmet_required(problem, schedule)
    if cancelled:
        status = "cancelled"
    elif unmet:
        status = "infeasible"
        if not infeasible_reasons:
            values = {"requests": ", ".join(unmet[:20])}
            infeasible_reasons.append(
                _(
                    "the solver could not place the required requests %(requests)s "
                    "(not proven impossible; try --solver cpsat)"
                )
                % values
                if "cpsat" not in used
                else _("the solver could not place the required requests %(requests)s") % values
            )
    elif all_proven:
        status = "optimal"
    if status == "infeasible":
        if unmet:
            infeasible_reasons.append(_unmet_message(problem, unmet))
        messages = infeasible_reasons + [m for m in messages if m not in infeasible_reasons]
    first = infeasible_reasons if status == "infeasible" else []
    if gave_up:
        messages = first + gave_up + [m for m in messages if m not in first]
    report = build_report(
        problem,
        schedule,
        solver=used,
        status=status,
        upper_bound=bound,
        solve_seconds=time.perf_counter() - t0,
        proven_optimal=weight >= bound,
        messages=tuple(messages),
        headline=len(first) + len(gave_up),
    )
    emit(
        "done",
        _("weight %(weight)s of bound %(bound)s")
        % {"weight": report.weight_scheduled, "bound": bound},
        weight,
        bound,
    )
    return Result(schedule, report)


def _gave_up_messages(phase_status: dict[str, str], *, kept_first: bool) -> list[str]:
    """A sentence for a CP-SAT phase that found nothing within its time (empty otherwise)."""
    names = {
        "feasibility": _("placing the required meetings"),
        "weight": _("maximising the weight"),
        "gaps": _("minimising idle gaps"),
        "fairness": _("balancing the participants"),
    }
    for phase, state in phase_status.items():
        if state != "unknown":
            continue
        values = {"phase": names.get(phase, phase)}
        if kept_first:
            return [
                _(
                    "CP-SAT gave up in its phase '%(phase)s' (no solution within its share "
                    "of the time limit); the phases after it did not run, and this is the "
                    "first schedule (greedy and local search)"
                )
                % values
            ]
        return [
            _(
                "CP-SAT gave up in its phase '%(phase)s' (no solution within its share "
                "of the time limit); the phases after it did not run"
            )
            % values
        ]
    return []


def _relax_required(problem: Problem, request_ids: list[str]) -> Problem:
    """``problem`` with ``request_ids`` optional, each weighing more than all others together."""
    relaxed = set(request_ids)
    heavy = sum(r.weight for r in problem.requests) + 1
    return dataclasses.replace(
        problem,
        requests=tuple(
            dataclasses.replace(r, required=False, weight=r.weight + heavy)
            if r.id in relaxed
            else r
            for r in problem.requests
        ),
    )


def _unmet_message(problem: Problem, unmet: list[str]) -> str:
    people = {p.id: p for p in problem.participants}
    by_id = {r.id: r for r in problem.requests}

    def name(rid: str) -> str:
        r = by_id[rid]
        a, b = people.get(r.a), people.get(r.b)
        who_a = (a.name if a else "") or r.a
        who_b = (b.name if b else "") or r.b
        return _("%(request)s (%(a)s with %(b)s)") % {"request": rid, "a": who_a, "b": who_b}

    shown = [name(rid) for rid in unmet[:20]]
    text = ngettext(
        "required requests not met (%(count)s): %(requests)s",
        "required requests not met (%(count)s): %(requests)s",
        len(unmet),
    ) % {"count": len(unmet), "requests": ", ".join(shown)}
    if len(unmet) > 20:
        text += " …"
    return text


def _skipped_reason(reason: str) -> str:
    """Why CP-SAT did not run on the whole event, without what came of it."""
    if reason == "too many variables":
        return _(
            "CP-SAT was skipped: the event is too large for its memory budget "
            "(RABTA_CPSAT_MAX_VARIABLES)"
        )
    return _("CP-SAT was skipped: the event is too large to model within the time limit")


def _skipped_message(reason: str) -> str:
    """Why CP-SAT did not run (``ModelTooLarge.reason``), for the report."""
    if reason == "too many variables":
        return _(
            "CP-SAT was skipped: the event is too large for its memory budget "
            "(RABTA_CPSAT_MAX_VARIABLES); the schedule is the greedy one"
        )
    return _(
        "CP-SAT was skipped: the event is too large to model within the time limit; "
        "the schedule is the greedy one (a longer time limit lets CP-SAT run)"
    )
