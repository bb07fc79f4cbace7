"""Interpreter-bound delegation days (issue 19.1): rabta against the bound and
a plain CP-SAT model, with the same time limit, in the same run.

For each instance of benchmarks/interpreter_days.py (sizes small, medium,
issue, large; several seeds; the "all-day" interpreter mix too) it runs ``solve(…, solver="auto")`` and the
plain CP-SAT peer (benchmarks/peers/plain_cpsat_weight.py), each with the
time limit (default 30 s) and 2 workers, one after the other, and records the
machine's 1-minute load average before and after each (the machine is shared:
a figure measured under load is pessimistic). The target is ≥ 96 % of the
bound rabta reports, at every seed.

    .venv/bin/python benchmarks/run_interpreter_days.py            # 9 instances, ~10 min
    .venv/bin/python benchmarks/run_interpreter_days.py --quick    # issue size, seed 0
    .venv/bin/python benchmarks/run_interpreter_days.py --time-limit 60

Results: benchmarks/results/interpreter-days-<date>.json and .md (the table is
also printed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.interpreter_days import interpreter_day  # noqa: E402
from benchmarks.peers import plain_cpsat_weight  # noqa: E402
from rabta.scheduling import solve, validate  # noqa: E402
from rabta.scheduling.bounds import upper_bound  # noqa: E402
from rabta.scheduling.compiled import compile_problem  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
FULL = (
    ("issue", 0),
    ("issue", 1),
    ("issue", 2),
    ("issue", 0, "all-day"),
    ("issue", 1, "all-day"),
    ("small", 0),
    ("small", 1),
    ("medium", 0),
    ("large", 0),
)
QUICK = (("issue", 0),)
TARGET = 0.96


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def run_instance(size: str, seed: int, time_limit: float, mix: str = "shifts") -> dict:
    problem = interpreter_day(seed, size, mix)
    c = compile_problem(problem)
    bound = upper_bound(c)
    row: dict = {
        "instance": f"{size}-{seed}" + ("" if mix == "shifts" else f" ({mix})"),
        "participants": len(problem.participants),
        "requests": len(problem.requests),
        "bounds": bound.parts,
    }
    load0 = _load()
    t0 = time.perf_counter()
    res = solve(problem, solver="auto", time_limit=time_limit, seed=seed, workers=2)
    rep = res.report
    row["rabta"] = {
        "weight": rep.weight_scheduled,
        "bound": rep.upper_bound,
        "share": round(rep.weight_scheduled / rep.upper_bound, 4) if rep.upper_bound else 1.0,
        "solver": rep.solver,
        "status": rep.status,
        "idle_gaps": rep.idle_gaps,
        "seconds": round(time.perf_counter() - t0, 2),
        "valid": validate(problem, res.schedule) == [],
        "first_note": rep.messages[0] if rep.messages else "",
        "load_before": load0,
        "load_after": _load(),
    }
    load0 = _load()
    peer = plain_cpsat_weight.solve(problem, time_limit, seed=seed, workers=2)
    peer["share"] = (
        round(peer["weight"] / rep.upper_bound, 4) if peer["weight"] is not None else None
    )
    peer["seconds"] = round(peer["seconds"], 2)
    peer.update(load_before=load0, load_after=_load())
    row["plain_cpsat"] = peer
    return row


def markdown(rows: list[dict], meta: dict) -> str:
    out = [
        f"# Interpreter-bound delegation days — {meta['date']}",
        "",
        f"Time limit {meta['time_limit']} s, 2 workers, {meta['machine']}; "
        "the machine is shared with other engineers: load = 1-minute load average "
        "before → after each run. Target: rabta ≥ 96 % of its bound at every seed.",
        "",
        "| instance | people / requests | bound (aggregate → interpreter LP) | rabta | % of bound | s | load | plain CP-SAT | % of bound | load |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ra, pe = r["rabta"], r["plain_cpsat"]
        b = r["bounds"]
        peer = "nothing" if pe["weight"] is None else f"{pe['weight']} ({pe['status']})"
        share = "-" if pe["share"] is None else f"{100 * pe['share']:.2f} %"
        out.append(
            f"| {r['instance']} | {r['participants']} / {r['requests']} "
            f"| {b.get('aggregate')} → {b.get('interpreters', '-')} | {ra['weight']} "
            f"| **{100 * ra['share']:.2f} %** | {ra['seconds']} "
            f"| {ra['load_before']} → {ra['load_after']} | {peer} | {share} "
            f"| {pe['load_before']} → {pe['load_after']} |"
        )
    out += ["", "Solver labels and first notes:", ""]
    for r in rows:
        out.append(f"* {r['instance']}: `{r['rabta']['solver']}` — {r['rabta']['first_note']}")
    worst = min(r["rabta"]["share"] for r in rows)
    out += [
        "",
        f"Worst share: {100 * worst:.2f} % — target {'met' if worst >= TARGET else 'NOT met'}.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--time-limit", type=float, default=30.0)
    args = ap.parse_args(argv)
    rows = []
    for size, seed, *mix in QUICK if args.quick else FULL:
        rows.append(run_instance(size, seed, args.time_limit, *mix))
        ra = rows[-1]["rabta"]
        print(
            f"{rows[-1]['instance']}: {ra['weight']} / {ra['bound']} ({100 * ra['share']:.2f} %)",
            flush=True,
        )
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    meta = {
        "date": date,
        "time_limit": args.time_limit,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    text = markdown(rows, meta)
    print(text)
    stem = f"interpreter-days-{date}" + ("-quick" if args.quick else "")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stem}.md").write_text(text, encoding="utf-8")
    (RESULTS / f"{stem}.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return 0 if all(r["rabta"]["valid"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
