"""The B2BSP literature problem: solve a .dzn instance, write the JSON answer.

``rabta schedule INSTANCE.dzn`` calls :func:`main_dzn`. The instance becomes a
general :class:`~rabta.scheduling.model.Problem` (see :mod:`rabta.scheduling.dzn`)
and is solved by the general CP-SAT engine (:func:`rabta.scheduling.cpsat.solve_cpsat`,
gaps phase only: every meeting is required, so the weight is fixed).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.cpsat import solve_cpsat
from rabta.scheduling.dzn import DznError, read_dzn
from rabta.scheduling.i18n import _
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
    compiled = compile_problem(problem)
    remaining = max(0.1, time_limit - (time.monotonic() - t0))
    outcome = solve_cpsat(
        compiled,
        hint=None,
        time_limit=remaining,
        seed=seed,
        workers=workers,
        deterministic=deterministic,
        phases=("weight", "gaps"),
        progress=progress,
    )
    slots: tuple[int, ...] = ()
    if outcome.schedule is not None:
        placed = {m.request: compiled.slot_index[m.slot] + 1 for m in outcome.schedule.meetings}
        slots = tuple(placed.get(r.id, 0) for r in problem.requests)
    status = outcome.status if outcome.status != "cancelled" else "feasible"
    breaks = outcome.objectives.get("gaps") if outcome.schedule is not None else None
    if breaks is None and outcome.schedule is not None:
        breaks = 0  # no participant can have a gap at all
    lower = outcome.bounds.get("gaps", breaks if status == "optimal" else 0) or 0
    reasons: tuple[str, ...] = ()
    if status == "infeasible":
        reasons = tuple(
            e.message for e in check_problem(problem) if e.severity in ("infeasible", "error")
        ) or (_("CP-SAT proved the required meetings cannot all be met"),)
    return B2bspResult(
        reasons=reasons,
        status=status,
        slots=slots,
        breaks=breaks,
        lower_bound=lower,
        seconds=time.monotonic() - t0,
        schedule=outcome.schedule,
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
