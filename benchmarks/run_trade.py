"""Trade statistics benchmark: a million rows imported in bounded memory, then the chapter page.

The worker writes a decade of monthly HS-6 figures for the corridor in rabta's own CSV format
(Pakistan's exports to Russia as Pakistan reports them, and the mirror: Russia's imports from
Pakistan as Russia reports them; 96 chapters × 44 six-digit lines × 120 months × 2 series =
1,013,760 rows), runs the two passes of the import (check, then commit in one transaction with
the yearly totals rebuilt), and records their wall time, the process's peak resident size before
and after (``ru_maxrss``) and, with --tracemalloc, the peak of Python allocations. Then it asks
for the chapter page (``/trade/hs/90/``), a heading page and the corridor page through Django's
test client, 30 times each, and records the median and the worst server time. The machine's
load average is recorded with the figures (the machine is shared).

    python benchmarks/run_trade.py [--rows 1013760] [--backends sqlite,postgresql] [--tracemalloc]
                                   [--name trade]

Results: benchmarks/results/<name>-<date>.json and .md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402

HEADER = ["source", "reporter", "partner", "flow", "year", "month", "hs_code", "value_usd",
          "net_weight_kg", "quantity", "quantity_unit"]  # fmt: skip
SERIES = [("Benchmark PBS", "PK", "RU", "export"), ("Benchmark Rosstat", "RU", "PK", "import")]
FIRST_YEAR = 2015


def _codes() -> list[str]:
    chapters = [f"{n:02d}" for n in range(1, 98) if n != 77][:96]
    return [
        f"{c}{h:02d}{s}" for c in chapters for h in range(1, 12) for s in ("10", "20", "30", "90")
    ]


def rows():
    codes = _codes()
    for source, reporter, partner, flow in SERIES:
        for year in range(FIRST_YEAR, FIRST_YEAR + 10):
            for month in range(1, 13):
                for n, code in enumerate(codes):
                    value = 1000 + (n * 7919 + year * 31 + month * 17) % 250_000
                    yield [source, reporter, partner, flow, year, month, code, value,
                           value // 40, value // 12, "kg"]  # fmt: skip


def measured(function, trace: bool):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result, round(seconds, 1), peak


def page_times(client, url: str, repeat: int = 30) -> dict:
    client.get(url)  # warm the template cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def worker(args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from rabta.accounts.models import User
    from rabta.reports.imports import import_check, import_commit
    from rabta.reports.models import ImportJob
    from rabta.trade.models import TradeFigure, TradeTotal

    call_command("migrate", verbosity=0)
    organiser = User.objects.create(username="bench", email="bench@example.org", is_organiser=True)
    count = int(args.rows)
    path = Path(tempfile.mkdtemp(prefix="rabta-trade-")) / f"statistics-{count}.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(islice(rows(), count))
    load_before = os.getloadavg()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with path.open("rb") as stream:
        job = ImportJob.objects.create(
            kind="trade_statistics", file=File(stream, name=path.name), original_name=path.name,
            created_by=organiser, language="en",
        )  # fmt: skip
    checked, check_s, check_mib = measured(lambda: import_check(job_id=job.pk), args.tracemalloc)
    assert checked.status == "ready", checked.errors[:3]
    rss_checked = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ImportJob.objects.filter(pk=job.pk).update(status="importing", duplicate_action="skip")
    done, commit_s, commit_mib = measured(lambda: import_commit(job_id=job.pk), args.tracemalloc)
    assert done.status == "done" and done.created_count == count, (done.status, done.errors[:3])
    assert TradeFigure.objects.count() == count
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    client = Client()
    pages = {
        "/trade/hs/90/": page_times(client, "/trade/hs/90/"),
        "/trade/hs/9018/": page_times(client, "/trade/hs/9018/"),
        "/trade/": page_times(client, "/trade/"),
    }
    run = {
        "rows": count, "file_mib": round(path.stat().st_size / 2**20, 1),
        "check_s": check_s, "check_peak_mib": check_mib,
        "commit_s": commit_s, "commit_peak_mib": commit_mib,
        "totals": TradeTotal.objects.count(),
        "maxrss_before_mib": round(rss_before, 1), "maxrss_checked_mib": round(rss_checked, 1),
        "maxrss_after_mib": round(rss_after, 1), "pages": pages,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    print(f"[{connection.vendor}] {run}", file=sys.stderr)
    path.unlink()
    return {"backend": connection.vendor, "run": run}


def run_once(name: str, args) -> dict | None:
    env = dict(os.environ)
    env["TASK_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    directory = tempfile.mkdtemp(prefix="rabta-bench-")
    env["RABTA_DATA_DIR"] = directory
    env["MEDIA_ROOT"] = f"{directory}/media"
    env["PRIVATE_MEDIA_ROOT"] = f"{directory}/private"
    env.pop("DEBUG", None)
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    else:
        base = os.environ.get("RABTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        try:
            import psycopg

            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS rabta_bench_trade")
                conn.execute("CREATE DATABASE rabta_bench_trade")
        except Exception as error:  # noqa: BLE001 - report and go on with the other backend
            print(f"PostgreSQL not available ({error}); skipped", file=sys.stderr)
            return None
        env["DATABASE_URL"] = f"{base}/rabta_bench_trade"
    command = [sys.executable, __file__, "--worker", "--rows", str(args.rows)]
    if args.tracemalloc:
        command.append("--tracemalloc")
    completed = subprocess.run(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
    )
    shutil.rmtree(directory, ignore_errors=True)
    if completed.returncode != 0:
        print(f"{name}: the worker failed (exit {completed.returncode})", file=sys.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def markdown(report: dict) -> str:
    lines = [
        f"# Trade statistics benchmark — {report['date']}",
        "",
        f"Machine: {report['machine']}; **shared** with other engineers' work (load averages",
        "1/5/15 min before and after each run are listed). One process and one fresh database per",
        "backend. maxrss = the process's peak resident size: after Django is set up and the file",
        "written (before), after the check pass, after the commit. Page times: Django's test",
        "client in the same process, 30 requests each after one warm-up (server time: view,",
        "queries and template; no network). Target: the chapter page ≤ 150 ms.",
        "",
        "| backend | rows | file | check | commit (with totals) | maxrss before → checked → after | /trade/hs/90/ median (max) | /trade/hs/9018/ | /trade/ | load before → after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for item in report["backends"]:
        run = item["run"]
        pages = run["pages"]

        def page(url: str, pages: dict = pages) -> str:
            return f"{pages[url]['median_ms']} ms ({pages[url]['max_ms']} ms)"

        lines.append(
            f"| {item['backend']} | {run['rows']:,} | {run['file_mib']} MiB | {run['check_s']} s "
            f"| {run['commit_s']} s | {run['maxrss_before_mib']} → {run['maxrss_checked_mib']} → "
            f"{run['maxrss_after_mib']} MiB | {page('/trade/hs/90/')} | {page('/trade/hs/9018/')} "
            f"| {page('/trade/')} | {run['load_before']} → {run['load_after']} |"
        )
        if run.get("check_peak_mib") is not None:
            lines.append(
                f"| | tracemalloc peak | | {run['check_peak_mib']} MiB | {run['commit_peak_mib']} MiB | | | | | |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1013760")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--name", default="trade", help="results file name: <name>-<date>.md")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    backends = [r for name in args.backends.split(",") if (r := run_once(name, args))]
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "backends": backends,
    }
    save_results(f"{args.name}-{today}", report, markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
