"""B2BSP benchmark: rabta's engine against peers on the literature instances.

    .venv/bin/python benchmarks/run_b2bsp.py [--time-limit 60] [--only tic-12,forum-13]
        [--peers plain,sat,minizinc] [--generated 4]

Instances are read in place from $RABTA_B2BSP_DIR (default ../shared/benchmarks/b2bsp
relative to the repository root). ``--generated N`` adds N instances of the same family
from the seeded generator (benchmarks/b2bsp_generator.py; half of them at the largest
size, 80 participants and 300 meetings), written to a temporary folder, never kept.
Results go to benchmarks/results/b2bsp-<date>.json/.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from benchmarks.b2bsp_generator import generate  # noqa: E402
from benchmarks.b2bsp_known import BEST_KNOWN  # noqa: E402
from benchmarks.peers import minizinc_peer, plain_cpsat, sat_pysat  # noqa: E402
from benchmarks.peers.common import PeerResult  # noqa: E402
from rabta.scheduling.b2bsp import solve_b2bsp  # noqa: E402
from rabta.scheduling.dzn import read_dzn, read_dzn_data  # noqa: E402
from rabta.scheduling.metrics import count_idle_gaps  # noqa: E402
from rabta.scheduling.validate import unmet_required, validate  # noqa: E402

PEERS = ("plain", "sat", "minizinc")


def instance_dir() -> Path:
    return Path(os.environ.get("RABTA_B2BSP_DIR", ROOT.parent / "shared" / "benchmarks" / "b2bsp"))


def run_rabta(path: Path, time_limit: float) -> PeerResult:
    t0 = time.monotonic()
    history: list[tuple[float, int]] = []
    problem = read_dzn(path)
    result = solve_b2bsp(
        problem, time_limit=time_limit, progress=lambda e: history.append((e.seconds, 0))
    )
    seconds = time.monotonic() - t0
    note = ""
    if result.schedule is not None:
        problems = validate(problem, result.schedule) + [
            f"unmet {r}" for r in unmet_required(problem, result.schedule)
        ]
        gaps = count_idle_gaps(problem, result.schedule)
        note = (
            "validated"
            if not problems and gaps == result.breaks
            else f"INVALID: {problems[:2]} gaps={gaps}"
        )
    return PeerResult(
        "rabta",
        result.status,
        breaks=result.breaks,
        lower_bound=result.lower_bound,
        time_to_best=history[-1][0] if history else seconds,
        time_to_proof=result.seconds if result.status == "optimal" else None,
        seconds=seconds,
        note=note,
    )


def commit() -> str:
    """The measured commit (with '+' when the tree has changes)."""
    import subprocess

    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        "+" if git("status", "--porcelain", "-uno") else ""
    )


def fmt(x) -> str:
    if x is None:
        return "–"
    return f"{x:.2f}" if isinstance(x, float) else str(x)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--only", default="", help="comma-separated instance names")
    ap.add_argument(
        "--peers", default=",".join(PEERS), help="comma-separated: plain,sat,minizinc (or none)"
    )
    ap.add_argument(
        "--generated", type=int, default=4, help="generated instances of the same family (seeded)"
    )
    args = ap.parse_args(argv)
    folder = instance_dir()
    paths: list[Path] = []
    if folder.is_dir():
        paths = sorted(folder.glob("*.dzn"))
    else:
        print(f"B2BSP instances not found in {folder} (set RABTA_B2BSP_DIR): generated only.")
    scratch = Path(tempfile.mkdtemp(prefix="rabta-b2bsp-"))
    for k in range(args.generated):
        seed = 9000 + k
        big = k >= args.generated // 2
        text = generate(seed, n_business=80, n_meetings=300) if big else generate(seed)
        path = scratch / f"gen-{seed}{'-80x300' if big else ''}.dzn"
        path.write_text(text)
        paths.append(path)
    if args.only:
        wanted = set(args.only.split(","))
        paths = [p for p in paths if p.stem in wanted]
    peers = [p for p in args.peers.split(",") if p in PEERS]
    rows = []
    for path in paths:
        name = path.stem
        data = read_dzn_data(path)
        results = [run_rabta(path, args.time_limit)]
        for peer in peers:
            if peer == "plain":
                results.append(plain_cpsat.solve(data, args.time_limit))
            elif peer == "sat":
                results.append(sat_pysat.solve(data, args.time_limit))
            elif peer == "minizinc":
                results.append(minizinc_peer.solve(path, args.time_limit))
        for r in results:
            print(
                f"{name:15} {r.solver:25} {r.status:10} breaks={fmt(r.breaks)} lb={fmt(r.lower_bound)} "
                f"best@{fmt(r.time_to_best)}s proof@{fmt(r.time_to_proof)}s {r.note}",
                flush=True,
            )
        rows.append(
            {
                "instance": name,
                "best_known": BEST_KNOWN.get(name),
                "results": [
                    {k: v for k, v in asdict(r).items() if k != "history"} for r in results
                ],
            }
        )
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.date.today().isoformat()
    meta = {
        "time_limit": args.time_limit,
        "cpus": os.cpu_count(),
        "date": stamp,
        "generated": args.generated,
        "commit": commit(),
    }
    (out / f"b2bsp-{stamp}.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n"
    )
    lines = [
        f"# B2BSP benchmark {stamp} (time limit {args.time_limit:g} s, {os.cpu_count()} CPUs, "
        f"commit {meta['commit']})",
        "",
        "gen-* rows: seeded generated instances (best known = none; rabta's proof where it has one).",
        "",
        "| instance | best known | solver | status | breaks | lower bound | time to best (s) | time to proof (s) | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for r in row["results"]:
            lines.append(
                f"| {row['instance']} | {fmt(row['best_known'])} | {r['solver']} | {r['status']} | {fmt(r['breaks'])} "
                f"| {fmt(r['lower_bound'])} | {fmt(r['time_to_best'])} | {fmt(r['time_to_proof'])} | {r['note']} |"
            )
    lines += [
        "",
        "Ratio rabta time / fastest peer (time to proof when both prove, else time to best):",
        "",
    ]
    for row in rows:
        rabta, *others = row["results"]
        others = [
            o
            for o in others
            if o["status"] not in ("skipped", "unknown") and o["breaks"] is not None
        ]
        key = (
            "time_to_proof"
            if rabta["time_to_proof"] is not None and any(o["time_to_proof"] for o in others)
            else "time_to_best"
        )
        times = [
            o[key]
            for o in others
            if o[key] is not None
            and (key == "time_to_proof" or o["breaks"] <= (rabta["breaks"] or 0))
        ]
        if times and rabta[key]:
            lines.append(
                f"- {row['instance']}: {rabta[key] / max(min(times), 1e-3):.2f} ({key.replace('_', ' ')})"
            )
        else:
            lines.append(f"- {row['instance']}: no peer reached rabta's result")
    (out / f"b2bsp-{stamp}.md").write_text("\n".join(lines) + "\n")
    print(f"saved {out / f'b2bsp-{stamp}.json'} and .md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
