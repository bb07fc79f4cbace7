"""Seeded generator of B2BSP instances like the literature's (hidden-like tests).

    .venv/bin/python benchmarks/b2bsp_generator.py --out /tmp/gen --count 5 --seed 1

Each instance has a planted feasible schedule (so it is never infeasible):
40–80 participants, 150–300 meetings, 22 slots in two sessions (12 + 10 by
default), a few forbidden slots per participant (never the planted ones), and
session codes 1/2/3 consistent with the planted slots.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path


def generate(
    seed: int,
    *,
    n_business: int | None = None,
    n_meetings: int | None = None,
    morning: int = 12,
    afternoon: int = 10,
) -> str:
    rng = random.Random(seed)
    n_b = n_business or rng.randint(40, 80)
    target = n_meetings or rng.randint(150, 300)
    n_slots = morning + afternoon
    n_tables = max(4, min(21, round(target / n_slots * rng.uniform(1.25, 1.6))))
    busy: list[set[int]] = [set() for _ in range(n_b)]
    load = [0] * (n_slots + 1)
    pairs: set[tuple[int, int]] = set()
    # a few popular participants meet many, as in brokerage events
    popularity = [rng.paretovariate(1.5) for _ in range(n_b)]
    rows = []
    attempts = 0
    while len(rows) < target and attempts < target * 50:
        attempts += 1
        a, b = rng.choices(range(n_b), weights=popularity, k=2)
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        free = [
            t
            for t in range(1, n_slots + 1)
            if t not in busy[a] and t not in busy[b] and load[t] < n_tables
        ]
        if not free:
            continue
        t = rng.choice(free)
        busy[a].add(t)
        busy[b].add(t)
        load[t] += 1
        pairs.add((min(a, b), max(a, b)))
        r = rng.random()
        code = 3 if r < 0.5 else (1 if t <= morning else 2)
        rows.append((a + 1, b + 1, code))
    forbidden = []
    for p in range(n_b):
        idle = [t for t in range(1, n_slots + 1) if t not in busy[p]]
        k = rng.choice((0, 0, 0, 1, 1, 2, 3))
        forbidden.append(sorted(rng.sample(idle, min(k, len(idle)))))
    counts = [0] * n_b
    for a, b, _ in rows:
        counts[a - 1] += 1
        counts[b - 1] += 1
    lines = [
        f"nBusiness = {n_b};",
        f"nMeetings = {len(rows)};",
        f"nTables = {n_tables};",
        f"nTotalSlots = {n_slots};",
        f"nMorningSlots = {morning};",
        "",
        "requested = [" + "".join(f"|{a}, {b}, {c},\n" for a, b, c in rows) + "|];",
        "",
        "nMeetingsBusiness = [" + ", ".join(map(str, counts)) + ", ];",
        "",
        "fixat = [" + ",".join("0" for _ in rows) + ",];",
        "",
        "forbidden = ["
        + ",\n".join("{" + "".join(f"{t}," for t in f) + "0,}" for f in forbidden)
        + ",\n];",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for k in range(args.count):
        seed = args.seed * 1000 + k
        (args.out / f"gen-{seed}.dzn").write_text(generate(seed))
    print(f"wrote {args.count} instances to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
