"""Event benchmarks of rabta's scheduling engine, against DESIGN.md's targets.

For each generated event (benchmarks/event_generator.py) it runs the engine's
greedy solver and CP-SAT at several time limits, repairs each schedule after one
participant drops out and after one arrives late, and runs the independent
formulations (benchmarks/independent/) on the same instances. Every solve runs
in its own subprocess; its peak memory is that process's peak resident set
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``, plus its children's for
MiniZinc), measured by the process itself, so it includes the Python
interpreter and the imported libraries (the ``baseline`` row shows how much).

    .venv/bin/python benchmarks/run_events.py                # full run (about 25 min)
    .venv/bin/python benchmarks/run_events.py --quick        # small and delegation day
    .venv/bin/python benchmarks/run_events.py --time-limits 10,30,120

Results go to benchmarks/results/events-<date>.json and .md (``-quick`` added
for a quick run); the markdown table is also printed.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results"
FULL_INSTANCES = (
    "small",
    "delegation-day",
    "design-target",
    "trade-fair",
    "design-target-ft",
    "trade-fair-ft",
)
QUICK_INSTANCES = ("small", "delegation-day")
INDEPENDENT = ("maxsat", "minizinc")
CHILD_MEMORY_LIMIT = 8 * 1024**3  # bytes of address space for one solve
LATE_BY_SLOTS = 4  # the late arrival misses the first four slots


# --------------------------------------------------------------------------- child side


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)  # ru_maxrss is in KiB on Linux


def _engine_run(job: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.event_generator import generate
    from rabta.scheduling import solve, validate

    problem = generate(job["instance"], job["seed"])
    start = time.perf_counter()
    result = solve(
        problem, solver=job["solver"], time_limit=job["time_limit"], seed=job["seed"], workers=2
    )
    wall = time.perf_counter() - start
    rep = result.report
    out = {
        "status": rep.status,
        "solver_used": rep.solver,
        "wall_seconds": round(wall, 3),
        "meetings": rep.meetings_scheduled,
        "requested": rep.meetings_requested,
        "weight": rep.weight_scheduled,
        "weight_requested": rep.weight_requested,
        "required": f"{rep.required_scheduled}/{rep.required_requested}",
        "idle_gaps": rep.idle_gaps,
        "worst_served_share": round(rep.worst_served_share, 4),
        "upper_bound": rep.upper_bound,
        "gap": rep.gap,
        "proven_optimal": rep.proven_optimal,
        "violations": len(validate(problem, result.schedule)),
    }
    out["repairs"] = [_repair(problem, result.schedule, kind) for kind in ("withdraw", "late")]
    return out


def _repair(problem: Any, published: Any, kind: str) -> dict[str, Any]:
    """Repair ``published`` after a drop-out (the busiest participant) or a late
    arrival (the participant with most meetings in the first slots, who now
    misses them), and count the meetings that moved although they need not."""
    from rabta.scheduling import repair, validate
    from rabta.scheduling.repair import apply_changes

    requests = {r.id: r for r in problem.requests}
    count: dict[str, int] = {}
    early = {s.id for s in problem.slots[:LATE_BY_SLOTS]}
    early_count: dict[str, int] = {}
    for m in published.meetings:
        for p in (requests[m.request].a, requests[m.request].b):
            count[p] = count.get(p, 0) + 1
            if m.slot in early:
                early_count[p] = early_count.get(p, 0) + 1
    ranking = early_count if kind == "late" else count
    if not ranking:
        return {"kind": kind, "status": "nothing to repair"}
    order = {p.id: k for k, p in enumerate(problem.participants)}
    who = max(ranking, key=lambda p: (ranking[p], -order[p]))
    change: dict[str, Any] = {"kind": "withdraw", "participant": who}
    if kind == "late":
        change = {"kind": "late", "participant": who, "from_slot": problem.slots[LATE_BY_SLOTS].id}
    start = time.perf_counter()
    result = repair(problem, published, change)
    seconds = time.perf_counter() - start
    changed = apply_changes(problem, [_spec(change)])
    unneeded = unneeded_moves(changed, published, result.schedule)
    kinds: dict[str, int] = {}
    for ch in result.report.changes:
        kinds[ch.kind] = kinds.get(ch.kind, 0) + 1
    return {
        "kind": kind,
        "participant": who,
        "affected_meetings": ranking[who],
        "seconds": round(seconds, 4),
        "changes": kinds,
        "unneeded_moves": unneeded,
        "violations": len(validate(changed, result.schedule)),
        "weight_after": result.report.weight_scheduled,
    }


def _spec(change: dict[str, Any]) -> Any:
    from rabta.scheduling.repair import ChangeSpec

    return ChangeSpec.from_json(change)


def unneeded_moves(changed: Any, published: Any, repaired: Any) -> int:
    """Published meetings still valid in the changed problem (each checked on its
    own with the validator) that the repair moved, re-seated or dropped."""
    from dataclasses import replace

    from rabta.scheduling.model import Schedule
    from rabta.scheduling.validate import validate

    known = {r.id for r in changed.requests}
    unlocked = replace(changed, locks=())  # a lock only matters across meetings
    after = repaired.by_request()
    count = 0
    for m in published.meetings:
        if m.request not in known or validate(unlocked, Schedule(meetings=(m,))):
            continue  # the change broke this meeting: it had to move
        n = after.get(m.request)
        if n is None or (n.slot, n.table, n.stand, n.interpreter) != (
            m.slot,
            m.table,
            m.stand,
            m.interpreter,
        ):
            count += 1
    return count


def _independent_run(job: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.event_generator import generate
    from benchmarks.independent import maxsat, minizinc
    from rabta.scheduling import validate
    from rabta.scheduling.metrics import worst_served

    problem = generate(job["instance"], job["seed"])
    module = maxsat if job["solver"] == "maxsat" else minizinc
    start = time.perf_counter()
    res = module.solve(problem, time_limit=job["time_limit"])
    wall = time.perf_counter() - start
    out: dict[str, Any] = {
        "status": res.status,
        "solver_used": res.solver,
        "wall_seconds": round(wall, 3),
        "message": res.message,
        "requested": len(problem.requests),
        "weight_requested": sum(r.weight for r in problem.requests),
    }
    if res.weight is not None:
        schedule = res.schedule()
        out.update(
            meetings=len(schedule.meetings),
            weight=res.weight,
            idle_gaps=res.idle_gaps,
            worst_served_share=round(worst_served(problem, schedule)[1], 4),
            proven_optimal=res.status == "optimal",
            violations=len(validate(problem, schedule)),
        )
    return out


def _baseline_run(job: dict[str, Any]) -> dict[str, Any]:
    import benchmarks.event_generator  # noqa: F401
    import rabta.scheduling  # noqa: F401
    import rabta.scheduling.cpsat  # noqa: F401

    return {"status": "imports only"}


def child_main(job: dict[str, Any]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))
    try:
        if job["solver"] == "baseline":
            out = _baseline_run(job)
        elif job["solver"] in INDEPENDENT:
            out = _independent_run(job)
        else:
            out = _engine_run(job)
    except MemoryError:
        out = {"status": "out of memory"}
    except Exception as exc:  # a crash is a result too
        where = traceback.extract_tb(exc.__traceback__)[-1]
        place = f"{Path(where.filename).name}:{where.lineno}"
        out = {"status": "error", "message": f"{type(exc).__name__}: {exc} (at {place})"[:500]}
    out["peak_mb"] = _peak_mb()
    sys.stdout.write("\nRESULT " + json.dumps(out) + "\n")


# --------------------------------------------------------------------------- parent side


@dataclass
class Job:
    instance: str
    solver: str  # "greedy" | "cpsat" | "maxsat" | "minizinc" | "baseline"
    time_limit: float
    seed: int
    result: dict[str, Any] = field(default_factory=dict)

    def run(self) -> dict[str, Any]:
        spec = {
            "instance": self.instance,
            "solver": self.solver,
            "time_limit": self.time_limit,
            "seed": self.seed,
        }
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
        grace = 60 + self.time_limit  # instance generation, imports, encoding, validation
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=self.time_limit + grace, cwd=ROOT
            )
        except subprocess.TimeoutExpired:
            self.result = {
                "status": "timeout (killed)",
                "process_seconds": round(time.perf_counter() - start, 1),
            }
            return self.result
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if lines:
            self.result = json.loads(lines[-1][len("RESULT ") :])
        else:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            self.result = {
                "status": f"crashed (exit {proc.returncode})",
                "message": " ".join(tail)[:500],
            }
        self.result["process_seconds"] = round(time.perf_counter() - start, 1)
        return self.result


def plan(
    instances: list[str],
    limits: list[float],
    seed: int,
    independent_limit: float,
    independent: bool,
) -> list[Job]:
    jobs = [Job("small", "baseline", 0, seed)]
    for inst in instances:
        jobs.append(Job(inst, "greedy", 2.0, seed))
        jobs += [Job(inst, "cpsat", t, seed) for t in limits]
        if independent and not inst.endswith("-ft"):
            jobs += [Job(inst, name, independent_limit, seed) for name in INDEPENDENT]
    return jobs


def best_bounds(jobs: list[Job]) -> dict[str, int]:
    """The tightest upper bound the engine reported per instance, and any proven optimum."""
    out: dict[str, int] = {}
    for j in jobs:
        ub = j.result.get("upper_bound")
        if isinstance(ub, int):
            out[j.instance] = min(out.get(j.instance, ub), ub)
    for j in jobs:  # a proven optimum of the independent solvers is a bound too
        if j.solver in INDEPENDENT and j.result.get("proven_optimal") and j.instance in out:
            out[j.instance] = min(out[j.instance], j.result["weight"])
    return out


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _share_of_bound(j: Job, bounds: dict[str, int]) -> float | None:
    w, ub = j.result.get("weight"), bounds.get(j.instance)
    if not isinstance(w, int) or not ub:
        return None
    return w / ub


def results_table(jobs: list[Job], bounds: dict[str, int]) -> str:
    rows = [
        "| instance | solver | limit s | status | meetings / requested | weight / requested | best upper bound | % of bound | own gap % | idle gaps | worst served % | wall s | peak MB | valid |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for j in jobs:
        if j.solver == "baseline":
            continue
        r = j.result
        has = "weight" in r
        share = _share_of_bound(j, bounds)
        valid = (
            "–"
            if "violations" not in r
            else ("✓" if r["violations"] == 0 else f"✗ {r['violations']}")
        )
        rows.append(
            "| "
            + " | ".join(
                [
                    j.instance,
                    j.solver,
                    f"{j.time_limit:g}",
                    str(r.get("status")),
                    f"{r['meetings']} / {r['requested']}" if has else "–",
                    f"{r['weight']} / {r['weight_requested']}" if has else "–",
                    str(bounds.get(j.instance, "–")),
                    _pct(share),
                    _pct(r.get("gap")) if "gap" in r else "–",
                    str(r.get("idle_gaps", "–")),
                    _pct(r.get("worst_served_share")),
                    f"{r['wall_seconds']:.2f}"
                    if "wall_seconds" in r
                    else f"{r.get('process_seconds', '–')}",
                    str(r.get("peak_mb", "–")),
                    valid,
                ]
            )
            + " |"
        )
    return "\n".join(rows)


def repair_table(jobs: list[Job]) -> str:
    rows = [
        "| instance | schedule from | change | participant (meetings hit) | repair s | changes | unneeded moves | valid |",
        "|---|---|---|---|---:|---|---:|---|",
    ]
    for j in jobs:
        for rep in j.result.get("repairs", []):
            if "seconds" not in rep:
                continue
            changes = ", ".join(f"{k} {v}" for k, v in sorted(rep["changes"].items())) or "none"
            rows.append(
                f"| {j.instance} | {j.solver} {j.time_limit:g} s | {rep['kind']} | {rep['participant']} ({rep['affected_meetings']}) "
                f"| {rep['seconds']:.3f} | {changes} | {rep['unneeded_moves']} | {'✓' if rep['violations'] == 0 else '✗'} |"
            )
    return "\n".join(rows)


def target_checks(jobs: list[Job], bounds: dict[str, int]) -> list[dict[str, Any]]:
    """DESIGN.md's scheduling targets, each ✓ or ✗ with the figure that decided it."""
    checks: list[dict[str, Any]] = []

    def find(inst: str, solver: str, limit: float | None = None) -> Job | None:
        for j in jobs:
            if (
                j.instance == inst
                and j.solver == solver
                and (limit is None or j.time_limit == limit)
            ):
                return j
        return None

    for suffix, note in (("", ""), ("-ft", " [variant: interpreters all day]")):
        dt, tf = f"design-target{suffix}", f"trade-fair{suffix}"
        g = find(dt, "greedy")
        if g is not None:
            r = g.result
            checks.append(
                {
                    "target": f"{dt} (300 participants, 3,000 requests): valid schedule in ≤ 2 s (greedy){note}",
                    "met": r.get("violations") == 0 and r.get("wall_seconds", 99) <= 2.0,
                    "figure": f"{r.get('wall_seconds', '–')} s, {r.get('violations', '–')} violations, status {r.get('status')}",
                }
            )
        for inst, limit, goal in ((dt, 30, 0.99), (tf, 120, 0.98)):
            c = find(inst, "cpsat", limit)
            if c is None:
                continue
            share = _share_of_bound(c, bounds)
            ok = (
                share is not None
                and share >= goal
                and c.result.get("wall_seconds", 999) <= limit * 1.05
            )
            checks.append(
                {
                    "target": f"{inst}: ≥ {goal:.0%} of the upper bound in ≤ {limit} s on 2 cores (CP-SAT){note}",
                    "met": ok,
                    "figure": f"{_pct(share)} % of the best bound {bounds.get(inst, '–')} "
                    f"(own bound {c.result.get('upper_bound', '–')}), {c.result.get('wall_seconds', '–')} s",
                }
            )
        repairs = [
            rep
            for j in jobs
            if j.instance.endswith("-ft") == (suffix == "-ft")
            for rep in j.result.get("repairs", [])
            if "seconds" in rep
        ]
        if repairs:
            slowest = max(rep["seconds"] for rep in repairs)
            unneeded = sum(rep["unneeded_moves"] for rep in repairs)
            invalid = sum(1 for rep in repairs if rep["violations"])
            checks.append(
                {
                    "target": f"repair after a drop-out or a late arrival: ≤ 1 s, moving no meeting that need not move{note}",
                    "met": slowest <= 1.0 and unneeded == 0 and invalid == 0,
                    "figure": f"{len(repairs)} repairs: slowest {slowest:.3f} s, {unneeded} unneeded moves, {invalid} invalid",
                }
            )
    return checks


def targets_text(checks: list[dict[str, Any]]) -> str:
    return "\n".join(f"- {'✓' if c['met'] else '✗'} {c['target']}: {c['figure']}" for c in checks)


def markdown(
    jobs: list[Job], bounds: dict[str, int], checks: list[dict[str, Any]], meta: dict[str, Any]
) -> str:
    baseline = next((j.result.get("peak_mb") for j in jobs if j.solver == "baseline"), None)
    return (
        f"# Event benchmarks, {meta['date']}\n\n"
        f"Machine: {meta['machine']}; commit {meta['commit']}; seed {meta['seed']}; command `{meta['command']}`.\n"
        f"Peak MB is the solving process's peak resident set (ru_maxrss), Python and imports "
        f'included (imports alone: {baseline} MB). "% of bound" is the weight over the tightest '
        f'upper bound any engine run proved for the instance; "own gap" is the run\'s own report.\n\n'
        f"## Targets (DESIGN.md)\n\n{targets_text(checks)}\n\n"
        f"## Solves\n\n{results_table(jobs, bounds)}\n\n"
        f"## Repairs\n\n{repair_table(jobs)}\n" + errors_text(jobs)
    )


def errors_text(jobs: list[Job]) -> str:
    lines = [
        f"- {j.instance} {j.solver} {j.time_limit:g} s: {j.result.get('status')}: {j.result['message']}"
        for j in jobs
        if j.result.get("message")
        and ("error" in str(j.result.get("status")) or "crash" in str(j.result.get("status")))
    ]
    return "\n## Errors\n\n" + "\n".join(lines) + "\n" if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--quick", action="store_true", help="small and delegation day only, one short limit"
    )
    parser.add_argument(
        "--time-limits", default=None, help="CP-SAT time limits in seconds (default 10,30,120)"
    )
    parser.add_argument(
        "--instances", default=None, help=f"comma-separated, from {', '.join(FULL_INSTANCES)}"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--independent-time-limit", type=float, default=None, help="default 60 (quick: 20)"
    )
    parser.add_argument(
        "--no-independent", action="store_true", help="skip the MaxSAT and MiniZinc runs"
    )
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    parser.add_argument("--label", default="", help="appended to the result file names")
    args = parser.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child))
        return 0

    limits = [
        float(x) for x in (args.time_limits or ("10" if args.quick else "10,30,120")).split(",")
    ]
    instances = (
        args.instances or ",".join(QUICK_INSTANCES if args.quick else FULL_INSTANCES)
    ).split(",")
    independent_limit = args.independent_time_limit or (20.0 if args.quick else 60.0)
    jobs = plan(instances, limits, args.seed, independent_limit, not args.no_independent)
    for n, job in enumerate(jobs, 1):
        print(
            f"[{n}/{len(jobs)}] {job.instance} {job.solver} {job.time_limit:g} s ...",
            end=" ",
            flush=True,
        )
        r = job.run()
        print(
            r.get("status"),
            f"weight {r.get('weight', '–')}",
            f"{r.get('wall_seconds', r.get('process_seconds'))} s",
            flush=True,
        )

    bounds = best_bounds(jobs)
    checks = target_checks(jobs, bounds)
    now = datetime.now(UTC)
    meta = {
        "date": now.strftime("%Y-%m-%d"),
        "finished": now.isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {_cpus()} cores, Python {platform.python_version()}",
        "seed": args.seed,
        "commit": _git_head(),
        "command": "python benchmarks/run_events.py " + " ".join(a for a in (argv or sys.argv[1:])),
        "time_limits": limits,
        "independent_time_limit": independent_limit,
    }
    text = markdown(jobs, bounds, checks, meta)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = (
        f"events-{meta['date']}"
        + ("-quick" if args.quick else "")
        + (f"-{args.label}" if args.label else "")
    )
    data = {
        "meta": meta,
        "best_upper_bounds": bounds,
        "targets": checks,
        "runs": [
            {
                "instance": j.instance,
                "solver": j.solver,
                "time_limit": j.time_limit,
                "seed": j.seed,
                **j.result,
            }
            for j in jobs
        ],
    }
    (args.out_dir / f"{stem}.json").write_text(
        json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out_dir / f"{stem}.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"written: {args.out_dir / stem}.json and .md")
    return 0


def _git_head() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def _cpus() -> int:
    import os

    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)
    )


if __name__ == "__main__":
    raise SystemExit(main())
