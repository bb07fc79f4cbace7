"""Marketplace benchmark: search p95 and top-20 recommendation latency at scale.

Generates 10,000 organisations and 100,000 opportunities (``marketplace_data.py``) in a fresh
database per backend (SQLite file; PostgreSQL database ``rabta_bench`` on
``RABTA_BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``), then times
``GET /api/v1/opportunities`` for a mix of full-text queries (en/ru/ur) and filters, and
``recommendations_for(organisation, limit=20)`` for sampled participants.

    python benchmarks/run_marketplace.py [--quick] [--backends sqlite,postgresql]

Results: benchmarks/results/marketplace-<date>.json and .md. Targets (DESIGN.md): search p95
≤ 150 ms on PostgreSQL; top 20 recommendations ≤ 100 ms at 100,000 opportunities.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402

SEARCH_TARGET_MS = 150
RECOMMENDATION_TARGET_MS = 100
SEARCHES = [
    {"q": "surgical"},
    {"q": "хирургические"},
    {"q": "جراحی"},
    {"q": "footballs"},
    {"q": "мячи"},
    {"q": "ترجمہ"},
    {"q": "solar power"},
    {"q": "рис басмати"},
    {"q": "leather bags"},
    {"hs": "9018"},
    {"hs": "901890"},
    {"hs": "61"},
    {"kind": "sourcing_request"},
    {"sector": "textiles"},
    {"country": "RU"},
    {"language": "ur"},
    {"q": "cotton", "hs": "5208"},
    {"q": "instruments", "kind": "export_offer", "country": "PK"},
    {},
    {"page": "50"},
    {"kind": "joint_venture", "sector": "energy"},
    {"q": "курс", "kind": "education"},
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values_ms: list[float]) -> dict:
    return {
        "n": len(values_ms),
        "p50_ms": round(statistics.median(values_ms), 1),
        "p95_ms": round(percentile(values_ms, 0.95), 1),
        "max_ms": round(max(values_ms), 1),
    }


def worker(args) -> dict:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    # A throw-away key: the benchmark is not a deployment (settings refuse to run without one).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    sys.path.insert(0, str(REPO))
    from benchmarks.marketplace_data import generate
    from rabta.marketplace.models import Opportunity
    from rabta.matching.selectors import recommendations_for
    from rabta.organisations.models import Organisation

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"[{connection.vendor}] migrated in {time.perf_counter() - started:.1f} s; generating…")
    generated = generate(
        organisations=args.organisations, opportunities=args.opportunities, seed=args.seed, log=log
    )
    log(f"[{connection.vendor}] generated in {generated.seconds:.1f} s")

    client = Client()
    per_query: dict[str, list[float]] = {}
    all_search: list[float] = []
    counts: dict[str, int] = {}
    for _round in range(args.rounds + 1):
        for params in SEARCHES:
            label = "&".join(f"{k}={v}" for k, v in params.items()) or "(browse)"
            begin = time.perf_counter()
            response = client.get("/api/v1/opportunities", params)
            elapsed = (time.perf_counter() - begin) * 1000
            assert response.status_code == 200, response.content[:300]
            if _round == 0:  # the first round warms caches and is not counted
                counts[label] = response.json()["count"]
                continue
            per_query.setdefault(label, []).append(elapsed)
            all_search.append(elapsed)

    rng = random.Random(args.seed)
    with_opportunities = list(
        Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by("organisation_id")[:5000]
    )
    sample = rng.sample(with_opportunities, k=min(args.participants, len(with_opportunities)))
    organisations = Organisation.objects.in_bulk(sample)
    recommendation_ms: list[float] = []
    sizes: list[int] = []
    recommendations_for(organisations[sample[0]], limit=20)  # warm-up
    for organisation_id in sample:
        begin = time.perf_counter()
        found = recommendations_for(organisations[organisation_id], limit=20)
        recommendation_ms.append((time.perf_counter() - begin) * 1000)
        sizes.append(len(found.opportunities))
    example = recommendations_for(organisations[sample[0]], limit=3)
    return {
        "backend": connection.vendor,
        "server_version": getattr(connection, "pg_version", None)
        or connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else str(connection.cursor().connection.info.server_version),
        "organisations": generated.organisations,
        "opportunities": generated.opportunities,
        "feature_rows": generated.features,
        "generate_seconds": round(generated.seconds, 1),
        "search": summary(all_search),
        "search_by_query": {
            label: {**summary(v), "count": counts[label]} for label, v in per_query.items()
        },
        "recommendations_top20": summary(recommendation_ms),
        "recommendations_mean_results": round(statistics.mean(sizes), 1),
        "example_explanations": [r.explanation for r in example.opportunities],
    }


def run_worker(
    name: str, script: str, arguments: list[str], database: str, template: str | None = None
) -> dict | None:
    """Run ``script --worker …arguments`` on an empty database of backend ``name`` (a fresh
    SQLite file, or the PostgreSQL database ``database`` on ``RABTA_BENCH_POSTGRES``, default
    ``postgres://postgres@127.0.0.1:5432``); its last line of output is its JSON result.
    ``template``: a PostgreSQL database to copy, when it exists, instead of an empty one (the
    worker is then told ``--restored``)."""
    env = dict(os.environ)
    # The same string hashes, so the same set orders, in every run: the generated background
    # and the figures are reproducible (set PYTHONHASHSEED to try another).
    env.setdefault("PYTHONHASHSEED", "0")
    cleanup = None
    if name == "sqlite":
        directory = tempfile.mkdtemp(prefix="rabta-bench-")
        env["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
        env["RABTA_DATA_DIR"] = directory
        cleanup = directory
    else:
        base = os.environ.get("RABTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        try:
            import psycopg

            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {database}")
                found = (
                    template
                    and conn.execute(
                        "SELECT 1 FROM pg_database WHERE datname = %s", [template]
                    ).fetchone()
                )
                if found:
                    conn.execute(f"CREATE DATABASE {database} TEMPLATE {template}")
                    arguments = [*arguments, "--restored"]
                else:
                    conn.execute(f"CREATE DATABASE {database}")
        except Exception as error:  # noqa: BLE001 - report and go on with the other backend
            print(f"PostgreSQL not available ({error}); skipped", file=sys.stderr)
            return None
        env["DATABASE_URL"] = f"{base}/{database}"
    completed = subprocess.run(
        [sys.executable, script, "--worker", *arguments],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if cleanup:
        import shutil

        shutil.rmtree(cleanup, ignore_errors=True)
    if completed.returncode != 0:
        print(f"{name}: the worker failed (exit {completed.returncode})", file=sys.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_backend(name: str, args) -> dict | None:
    arguments = [
        "--organisations",
        str(args.organisations),
        "--opportunities",
        str(args.opportunities),
        "--rounds",
        str(args.rounds),
        "--participants",
        str(args.participants),
        "--seed",
        str(args.seed),
    ]
    return run_worker(name, __file__, arguments, "rabta_bench")


def markdown(report: dict) -> str:
    lines = [
        f"# Marketplace benchmark — {report['date']}",
        "",
        f"{report['organisations']:,} organisations, {report['opportunities']:,} opportunities; "
        f"machine: {report['machine']}. Targets: search p95 ≤ {SEARCH_TARGET_MS} ms on PostgreSQL, "
        f"top-20 recommendations ≤ {RECOMMENDATION_TARGET_MS} ms.",
        "",
        "| backend | search p50 | search p95 | search max | top-20 p50 | top-20 p95 | top-20 max | generate |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in report["backends"]:
        s, r = result["search"], result["recommendations_top20"]
        lines.append(
            f"| {result['backend']} | {s['p50_ms']} ms | {s['p95_ms']} ms | {s['max_ms']} ms | "
            f"{r['p50_ms']} ms | {r['p95_ms']} ms | {r['max_ms']} ms | {result['generate_seconds']} s |"
        )
    for result in report["backends"]:
        lines += [
            "",
            f"## {result['backend']}: search by query (p95, matches)",
            "",
            "| query | p50 | p95 | matches |",
            "|---|---|---|---|",
        ]
        for label, values in result["search_by_query"].items():
            lines.append(
                f"| `{label}` | {values['p50_ms']} ms | {values['p95_ms']} ms | {values['count']:,} |"
            )
        lines += ["", "Example explanations:", ""] + [
            f"- {text}" for text in result["example_explanations"]
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--quick", action="store_true", help="1,000 organisations, 10,000 opportunities"
    )
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the search mix")
    parser.add_argument(
        "--participants", type=int, default=100, help="participants sampled for recommendations"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    if args.quick:
        args.organisations, args.opportunities, args.rounds, args.participants = (
            1_000,
            10_000,
            2,
            30,
        )
    if args.worker:
        sys.path.insert(0, str(REPO / "src"))
        print(json.dumps(worker(args)))
        return 0
    results = [r for name in args.backends.split(",") if (r := run_backend(name.strip(), args))]
    if not results:
        return 1
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "organisations": args.organisations,
        "opportunities": args.opportunities,
        "targets_ms": {
            "search_p95_postgresql": SEARCH_TARGET_MS,
            "recommendations_top20": RECOMMENDATION_TARGET_MS,
        },
        "backends": results,
    }
    save_results(f"marketplace-{today}{'-quick' if args.quick else ''}", report, markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
