"""B2BSP benchmark: rabta's engine against peers on the literature instances.

    .venv/bin/python benchmarks/run_b2bsp.py [--time-limit 60] [--only tic-12,forum-13]
        [--peers plain,sat,minizinc,incsat] [--generated 4] [--no-variants]

Instances are read in place from $RABTA_B2BSP_DIR (default ../shared/benchmarks/b2bsp
relative to the repository root): the eight originals and the 48 variants of its
``variants/`` folder (fixed meetings, forbidden slots, precedences). ``--generated N``
adds N instances of the same family from the seeded generator
(benchmarks/b2bsp_generator.py; half of them at the largest size, 80 participants and
300 meetings), written to a temporary folder, never kept.

The variants are run against the plain CP-SAT peer (which models fixed meetings,
forbidden slots and precedences the obvious way); the target is every variant
proven optimal or infeasible within the time limit and at least 5x faster than the
peer (the peer's time to proof, or its whole run when it proves nothing). The
originals are also run as whole processes, ``rabta schedule X.dzn`` beside the
incremental SAT solver of vudangducminh/B2B-Meeting-Scheduling-Problem
(benchmarks/peers/incsat_peer.py), start-up included. Every figure is saved with
the machine's 1-minute load average when it was taken (the machine is shared).
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
from benchmarks.peers import incsat_peer, minizinc_peer, plain_cpsat, sat_pysat  # noqa: E402
from benchmarks.peers.common import PeerResult  # noqa: E402
from rabta.scheduling.b2bsp import solve_b2bsp  # noqa: E402
from rabta.scheduling.dzn import read_dzn, read_dzn_data  # noqa: E402
from rabta.scheduling.metrics import count_idle_gaps  # noqa: E402
from rabta.scheduling.validate import unmet_required, validate  # noqa: E402

PEERS = ("plain", "sat", "minizinc", "incsat")
#: Proof times below this count as this much in the variants' speed-ups (both sides):
#: below it the difference is timer and interpreter noise (either side's process takes
#: longer than that to start), so two instant answers are a ratio of about 1, not 100x.
RATIO_FLOOR = 0.05
#: The peers that model the variants' fields (the others are run on the originals only).
VARIANT_PEERS = ("plain",)


def load() -> float:
    """The machine's 1-minute load average (2 cores, shared by several engineers)."""
    return round(os.getloadavg()[0], 1)


def run_rabta_cli(path: Path, time_limit: float) -> PeerResult:
    """``rabta schedule X.dzn`` as a whole process (start-up and imports included)."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="rabta-cli-") as tmp:
        out = Path(tmp) / "answer.json"
        cmd = [sys.executable, "-m", "rabta.scheduling", str(path), "-o", str(out)]
        cmd += ["--time-limit", str(time_limit)]
        t0 = time.monotonic()
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        seconds = time.monotonic() - t0
        if run.returncode != 0 or not out.exists():
            return PeerResult("rabta schedule (process)", "unknown", seconds=seconds)
        answer = json.loads(out.read_text())
    proven = answer["status"] in ("optimal", "infeasible")
    return PeerResult(
        "rabta schedule (process)",
        answer["status"],
        breaks=answer["breaks"],
        lower_bound=answer["lower_bound"],
        time_to_best=seconds,
        time_to_proof=seconds if proven else None,
        seconds=seconds,
        note=f"own {answer['seconds']:.2f} s",
    )


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
    note = "; ".join(result.reasons)[:160] if result.status == "infeasible" else ""
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
        time_to_proof=result.seconds if result.status in ("optimal", "infeasible") else None,
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
    ap.add_argument("--no-variants", action="store_true", help="the eight originals only")
    ap.add_argument(
        "--summarise", metavar="JSON", help="rewrite the .md of a results .json (no solving)"
    )
    args = ap.parse_args(argv)
    if args.summarise:
        saved = json.loads(Path(args.summarise).read_text())
        args.time_limit, args.generated = saved["meta"]["time_limit"], saved["meta"]["generated"]
        save(saved["rows"], args, done=saved["meta"]["complete"], meta=saved["meta"])
        return 0
    folder = instance_dir()
    paths: list[Path] = []
    if folder.is_dir():
        paths = sorted(folder.glob("*.dzn"))
        if not args.no_variants:
            paths += sorted((folder / "variants").glob("*.dzn"))
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
        variant = "." in name
        loads = [load()]
        results = [run_rabta(path, args.time_limit)]
        if not variant and path.parent == folder:
            loads.append(load())
            results.append(run_rabta_cli(path, args.time_limit))
        for peer in peers:
            if variant and peer not in VARIANT_PEERS:
                continue
            if peer == "incsat" and path.parent != folder:
                continue  # its own copy of the eight originals only
            loads.append(load())
            if peer == "incsat":
                results.append(incsat_peer.solve(name, args.time_limit))
            elif peer == "plain":
                results.append(plain_cpsat.solve(data, args.time_limit))
            elif peer == "sat":
                results.append(sat_pysat.solve(data, args.time_limit))
            elif peer == "minizinc":
                results.append(minizinc_peer.solve(path, args.time_limit))
        for r, at in zip(results, loads, strict=True):
            r.load = at
            print(
                f"{name:28} {r.solver:25} {r.status:10} breaks={fmt(r.breaks)} lb={fmt(r.lower_bound)} "
                f"best@{fmt(r.time_to_best)}s proof@{fmt(r.time_to_proof)}s load {at} {r.note}",
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
        save(rows, args, done=False)
    save(rows, args, done=True)
    return 0


def proof_time(r: dict) -> float | None:
    """Seconds to a proof (optimal or infeasible), else None."""
    if r["status"] not in ("optimal", "infeasible"):
        return None
    return r["time_to_proof"] if r["time_to_proof"] is not None else r["seconds"]


def save(rows: list[dict], args, *, done: bool, meta: dict | None = None) -> None:
    """Write benchmarks/results/b2bsp-<date>.json and .md (after every instance, so
    that an interrupted run keeps what it measured)."""
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = meta["date"] if meta else dt.date.today().isoformat()
    meta = meta or {
        "time_limit": args.time_limit,
        "cpus": os.cpu_count(),
        "date": stamp,
        "generated": args.generated,
        "commit": commit(),
        "incsat_commit": incsat_peer.commit(),
        "complete": done,
    }
    (out / f"b2bsp-{stamp}.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n"
    )
    lines = [
        f"# B2BSP benchmark {stamp} (time limit {args.time_limit:g} s, {os.cpu_count()} CPUs, "
        f"commit {meta['commit']}{'' if done else ', INCOMPLETE RUN'})",
        "",
        "The machine is shared by several engineers: the load column is its 1-minute load",
        "average (2 cores) when each figure was taken; figures under load are slower than on a",
        "quiet machine, for rabta and its peers alike.",
        "",
        "gen-* rows: seeded generated instances (best known = none; rabta's proof where it has one).",
        "",
        "| instance | best known | solver | status | breaks | lower bound | time to best (s) "
        "| time to proof (s) | load | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for r in row["results"]:
            lines.append(
                f"| {row['instance']} | {fmt(row['best_known'])} | {r['solver']} | {r['status']} "
                f"| {fmt(r['breaks'])} | {fmt(r['lower_bound'])} | {fmt(r['time_to_best'])} "
                f"| {fmt(r['time_to_proof'])} | {fmt(r['load'])} | {r['note']} |"
            )
    variants = [row for row in rows if "." in row["instance"]]
    if variants:
        lines += [
            "",
            "## Variants: rabta against plain CP-SAT (target: proven within the time limit, "
            "and at least 5x faster)",
            "",
            "Both run in this process, timed from the problem read to the proof (plain CP-SAT's "
            "whole run when it proves nothing); times below "
            f"{RATIO_FLOOR:g} s count as {RATIO_FLOOR:g} s on both sides, so two instant answers "
            "are not a speed-up.",
            "",
            "| variant | rabta | rabta (s) | plain CP-SAT | plain (s) | speed-up | target |",
            "|---|---|---|---|---|---|---|",
        ]
        met = 0
        for row in variants:
            rabta = row["results"][0]
            plain = next((r for r in row["results"] if r["solver"] == "plain CP-SAT"), None)
            mine = proof_time(rabta)
            theirs = None if plain is None else (proof_time(plain) or plain["seconds"])
            ratio = (
                max(theirs, RATIO_FLOOR) / max(mine, RATIO_FLOOR)
                if mine is not None and theirs
                else None
            )
            ok = mine is not None and mine <= args.time_limit and ratio is not None and ratio >= 5
            met += ok
            lines.append(
                f"| {row['instance']} | {rabta['status']} | {fmt(mine or rabta['seconds'])} "
                f"| {plain['status'] if plain else '–'} | {fmt(theirs)}"
                f"{'' if plain is None or proof_time(plain) else ' (no proof)'} "
                f"| {'–' if ratio is None else f'{ratio:.1f}x'} | {'yes' if ok else 'NO'} |"
            )
        proven = sum(proof_time(row["results"][0]) is not None for row in variants)
        lines += [
            "",
            f"{proven} of {len(variants)} variants proven optimal or infeasible by rabta; "
            f"{met} of {len(variants)} meet both targets.",
        ]
    originals = [
        row for row in rows if any(r["solver"] == incsat_peer.NAME for r in row["results"])
    ]
    if originals:
        lines += [
            "",
            "## Originals: whole processes, rabta schedule against incsat (start-up included)",
            "",
            "| instance | rabta breaks | rabta (s) | incsat breaks | incsat (s) | rabta / incsat |",
            "|---|---|---|---|---|---|",
        ]
        for row in originals:
            cli = next(r for r in row["results"] if r["solver"].startswith("rabta schedule"))
            inc = next(r for r in row["results"] if r["solver"] == incsat_peer.NAME)
            a, b = proof_time(cli), proof_time(inc)
            ratio = f"{a / b:.2f}" if a and b else "–"
            lines.append(
                f"| {row['instance']} | {fmt(cli['breaks'])} | {fmt(a or cli['seconds'])} "
                f"| {fmt(inc['breaks'])} | {fmt(b or inc['seconds'])} | {ratio} |"
            )
    (out / f"b2bsp-{stamp}.md").write_text("\n".join(lines) + "\n")
    if done:
        print(f"saved {out / f'b2bsp-{stamp}.json'} and .md")


if __name__ == "__main__":
    raise SystemExit(main())
