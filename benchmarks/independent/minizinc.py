"""The event scheduling problem as a MiniZinc model (``event.mzn``), solved with
the Gecode that Debian's ``minizinc`` package bundles.

Gecode is a plain CP solver: it finds feasible schedules quickly and improves
them by branch and bound, but has no relaxation, so it proves optimality only on
tiny instances. It optimises objective 1 (total weight) only.

Run: ``python -m benchmarks.independent.minizinc small --time-limit 60``
(prints one JSON line). Without ``minizinc`` on the PATH it reports
``unavailable`` (install it with ``apt-get install minizinc``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.independent.common import Candidates, IndependentResult, Stopwatch, schedule_weight
from rabta.scheduling.metrics import count_idle_gaps
from rabta.scheduling.model import Problem

MODEL = Path(__file__).with_name("event.mzn")
SOLVER = "gecode"
NAME = "minizinc-gecode"


def available() -> bool:
    return shutil.which("minizinc") is not None


def _set(values: Sequence[int]) -> str:
    return "{" + ",".join(str(v) for v in values) + "}"


def _array(values: Sequence[object]) -> str:
    return "[" + ",".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values) + "]"


class DznData:
    """The problem as MiniZinc data; requests ordered required first, then by weight."""

    def __init__(self, problem: Problem) -> None:
        self.cand = c = Candidates.build(problem)
        self.requests = sorted(problem.requests, key=lambda r: (not r.required, -r.weight))
        self.slot_index = {s: k + 1 for k, s in enumerate(c.slots)}
        self.person_index = {p.id: k + 1 for k, p in enumerate(problem.participants)}
        self.interpreters = [i.id for i in problem.interpreters]
        self.interp_index = {i: k + 1 for k, i in enumerate(self.interpreters)}
        self.request_index = {r.id: k + 1 for k, r in enumerate(self.requests)}
        self.problem = problem

    def text(self) -> str:
        c, p = self.cand, self.problem
        reqs = self.requests
        able = [
            sorted(
                {
                    self.interp_index[i]
                    for s in c.slot_options[r.id]
                    for i in c.interpreter_options.get((r.id, s), [])
                }
            )
            for r in reqs
        ]
        needs = [
            any((r.id, s) in c.interpreter_options for s in c.slot_options[r.id]) for r in reqs
        ]
        slots_of: dict[str, set[str]] = {pp.id: set() for pp in p.participants}
        for r in reqs:
            slots_of[r.a].update(c.slot_options[r.id])
            slots_of[r.b].update(c.slot_options[r.id])
        caps = [
            len(slots_of[pp.id])
            if pp.max_meetings is None
            else min(pp.max_meetings, len(slots_of[pp.id]))
            for pp in p.participants
        ]
        interp_free = [
            _set([self.slot_index[s] for s in c.slots if i.available is None or s in i.available])
            for i in p.interpreters
        ]
        locks = [
            k for k in p.locks if k.request in self.request_index and k.slot in self.slot_index
        ]
        lines = [
            f"nR = {len(reqs)};",
            f"nP = {len(p.participants)};",
            f"nS = {len(c.slots)};",
            f"nI = {len(self.interpreters)};",
            f"ra = {_array([self.person_index[r.a] for r in reqs])};",
            f"rb = {_array([self.person_index[r.b] for r in reqs])};",
            f"weight = {_array([r.weight for r in reqs])};",
            f"required = {_array([r.required for r in reqs])};",
            f"at_table = {_array([c.stand_of[r.id] is None for r in reqs])};",
            f"options = [{','.join(_set([self.slot_index[s] for s in c.slot_options[r.id]]) for r in reqs)}];",
            f"able = [{','.join(_set(a) for a in able)}];",
            f"needs_interp = {_array(needs)};",
            f"free_tables = {_array([len(c.tables_free[s]) for s in c.slots])};",
            f"interp_free = [{','.join(interp_free)}];",
            f"cap = {_array(caps)};",
            f"nL = {len(locks)};",
            f"lock_request = {_array([self.request_index[k.request] for k in locks])};",
            f"lock_slot = {_array([self.slot_index[k.slot] for k in locks])};",
            f"lock_interp = {_array([self.interp_index.get(k.interpreter or '', 0) for k in locks])};",
        ]
        return "\n".join(lines) + "\n"

    def decode(self, solution: dict[str, object]) -> dict[str, tuple[str, str | None]]:
        slots, interps = solution["slot"], solution["interp"]
        assert isinstance(slots, list) and isinstance(interps, list)
        placed: dict[str, tuple[str, str | None]] = {}
        for r, s, i in zip(self.requests, slots, interps, strict=True):
            if s:
                placed[r.id] = (self.cand.slots[s - 1], self.interpreters[i - 1] if i else None)
        return placed


def solve(problem: Problem, *, time_limit: float = 60.0) -> IndependentResult:
    clock = Stopwatch()
    if not available():
        return IndependentResult(
            NAME, "unavailable", message="minizinc not found: apt-get install minizinc"
        )
    data = DznData(problem)
    with tempfile.TemporaryDirectory() as tmp:
        dzn = Path(tmp) / "event.dzn"
        dzn.write_text(data.text(), encoding="utf-8")
        cmd = [
            "minizinc",
            "--solver",
            SOLVER,
            "--time-limit",
            str(max(1, int(time_limit * 1000))),
            "--intermediate",
            str(MODEL),
            str(dzn),
        ]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=time_limit + 30, check=False
            )
        except subprocess.TimeoutExpired:
            return IndependentResult(
                NAME, "timeout", seconds=clock.elapsed(), message="minizinc did not stop"
            )
    solutions = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 and not solutions:
        return IndependentResult(
            NAME, "error", seconds=clock.elapsed(), message=(proc.stderr or proc.stdout)[-500:]
        )
    if not solutions:
        unsat = "=====UNSATISFIABLE=====" in proc.stdout
        return IndependentResult(
            NAME, "infeasible" if unsat else "timeout", seconds=clock.elapsed()
        )
    proven = "==========" in proc.stdout
    schedule = data.cand.schedule(data.decode(solutions[-1]))
    return IndependentResult(
        NAME,
        "optimal" if proven else "feasible",
        weight=schedule_weight(problem, schedule),
        idle_gaps=count_idle_gaps(problem, schedule),
        seconds=clock.elapsed(),
        message=f"{len(solutions)} improving solutions",
        meetings=IndependentResult.meetings_of(schedule),
    )


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.event_generator import INSTANCES, generate

    parser = argparse.ArgumentParser(
        description="Solve a generated event with the MiniZinc model (Gecode)."
    )
    parser.add_argument("instance", choices=sorted(INSTANCES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args(argv)
    result = solve(generate(args.instance, args.seed), time_limit=args.time_limit)
    sys.stdout.write(result.to_json() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
