"""Import benchmark: a 50,000-row organisations file, checked and imported in bounded memory.

For each size (default 5,000 and 50,000 rows) and format (CSV, XLSX) the worker writes a file of
distinct organisations (names in English and Russian, countries, sectors, HS codes), then runs
the two passes of ``rabta.reports.imports`` — the check (preview) and the commit (one
transaction, ``bulk_create`` in batches of 1,000) — and records for each the wall time and the
peak of Python allocations (``tracemalloc``), plus the process's peak resident size
(``ru_maxrss``). Equal peaks for 5,000 and 50,000 rows show that memory does not grow with the
file. Each backend runs in a fresh database (SQLite file; PostgreSQL database
``rabta_bench_import`` on ``RABTA_BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``).

    python benchmarks/run_import.py [--rows 5000,50000] [--formats csv,xlsx] [--backends sqlite,postgresql]

Results: benchmarks/results/import-<date>.json and .md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402

HEADER = [
    "name_en",
    "name_ru",
    "country",
    "kind",
    "city",
    "sectors",
    "hs_codes",
    "website",
    "email",
]
SECTORS = ["medical-instruments", "sports-goods", "leather", "textiles-apparel", "energy"]
CITIES = {
    "PK": ["Sialkot", "Lahore", "Karachi", "Faisalabad"],
    "RU": ["Moscow", "Kazan", "Yekaterinburg"],
}


def rows(count: int, seed: int):
    rng = random.Random(seed)
    for n in range(count):
        country = "PK" if n % 3 else "RU"
        yield [
            f"Benchmark Exporter {n:06d}",
            f"Экспортёр {n:06d}",
            country,
            rng.choice(["company", "company", "company", "university", "chamber"]),
            rng.choice(CITIES[country]),
            ", ".join(rng.sample(SECTORS, rng.randint(0, 2))),
            ", ".join(
                str(rng.choice([9018, 9506, 4203, 6116, 5208, 901890]))
                for _ in range(rng.randint(1, 3))
            ),
            f"https://exporter{n}.example.org",
            f"info@exporter{n}.example.org",
        ]


def write_file(path: Path, fmt: str, count: int, seed: int) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            writer.writerows(rows(count, seed))
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    sheet.append(HEADER)
    for row in rows(count, seed):
        sheet.append(row)
    workbook.save(path)


TRACE = False


def measured(function):
    """(result, seconds, tracemalloc peak in MiB or None). tracemalloc slows Python down about
    threefold, so it is on only with --tracemalloc; ru_maxrss is always recorded."""
    if TRACE:
        tracemalloc.start()
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    peak = None
    if TRACE:
        peak = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result, round(seconds, 2), peak


def worker(args) -> dict:
    global TRACE
    TRACE = args.tracemalloc
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    # A throw-away key: the benchmark is not a deployment (settings refuse to run without one).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection

    from rabta.accounts.models import User
    from rabta.organisations.models import Organisation, Sector
    from rabta.reports.imports import import_check, import_commit
    from rabta.reports.models import ImportJob

    call_command("migrate", verbosity=0)
    for position, code in enumerate(SECTORS):
        Sector.objects.get_or_create(
            code=code, defaults={"name": {"en": code.replace("-", " ")}, "position": position}
        )
    organiser = User.objects.create(
        username="bench", email="bench@example.org", is_organiser=True, is_validator=True
    )
    fmt, count = args.formats, int(args.rows)
    path = Path(tempfile.mkdtemp(prefix="rabta-import-")) / f"organisations-{count}.{fmt}"
    write_file(path, fmt, count, args.seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with path.open("rb") as stream:
        job = ImportJob.objects.create(
            kind="organisations", file=File(stream, name=path.name), original_name=path.name,
            created_by=organiser, language="en",
        )  # fmt: skip
    checked, check_s, check_mib = measured(lambda: import_check(job_id=job.pk))
    assert checked.status == "ready", checked.errors[:3]
    ImportJob.objects.filter(pk=job.pk).update(status="importing", duplicate_action="skip")
    done, commit_s, commit_mib = measured(lambda: import_commit(job_id=job.pk))
    assert done.status == "done" and done.created_count == count, (done.status, done.errors[:3])
    assert Organisation.objects.count() == count
    run = {
        "format": fmt, "rows": count, "file_mib": round(path.stat().st_size / 2**20, 2),
        "check_s": check_s, "check_peak_mib": check_mib,
        "commit_s": commit_s, "commit_peak_mib": commit_mib,
        "rows_per_s": round(count / commit_s) if commit_s else None,
        "maxrss_before_mib": round(rss_before, 1),
        "maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }  # fmt: skip
    print(f"[{connection.vendor}] {run}", file=sys.stderr)
    path.unlink()
    return {"backend": connection.vendor, "run": run}


def run_once(name: str, fmt: str, rows: int, args) -> dict | None:
    """One import in a fresh database and a fresh process (so ru_maxrss is this run's peak)."""
    env = dict(os.environ)
    env["TASK_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    directory = tempfile.mkdtemp(prefix="rabta-bench-")
    env["RABTA_DATA_DIR"] = directory
    env["MEDIA_ROOT"] = f"{directory}/media"
    env["PRIVATE_MEDIA_ROOT"] = f"{directory}/private"
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    else:
        base = os.environ.get("RABTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        try:
            import psycopg

            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS rabta_bench_import")
                conn.execute("CREATE DATABASE rabta_bench_import")
        except Exception as error:  # noqa: BLE001 - report and go on with the other backend
            print(f"PostgreSQL not available ({error}); skipped", file=sys.stderr)
            return None
        env["DATABASE_URL"] = f"{base}/rabta_bench_import"
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--rows",
        str(rows),
        "--formats",
        fmt,
        "--seed",
        str(args.seed),
    ]
    if args.tracemalloc:
        command.append("--tracemalloc")
    completed = subprocess.run(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
    )
    import shutil

    shutil.rmtree(directory, ignore_errors=True)
    if completed.returncode != 0:
        print(
            f"{name} {fmt} {rows}: the worker failed (exit {completed.returncode})", file=sys.stderr
        )
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_backend(name: str, args) -> dict | None:
    runs, vendor = [], name
    for fmt in args.formats.split(","):
        for rows in [int(n) for n in args.rows.split(",")]:
            result = run_once(name, fmt, rows, args)
            if result is None:
                continue
            vendor = result["backend"]
            runs.append(result["run"])
    return {"backend": vendor, "runs": runs} if runs else None


def markdown(report: dict) -> str:
    lines = [
        f"# Import benchmark — {report['date']}",
        "",
        f"Organisations import (check pass, then commit in one transaction); machine: {report['machine']}.",
        "Peak = tracemalloc peak of Python allocations during the pass (only with --tracemalloc; the",
        "timings then include its overhead). Each run has its own process and database: maxrss before =",
        "the process's peak resident size once Django is set up and the file written, after = at the end.",
        "The same peak for 5,000 and 50,000 rows means memory does not grow with the file.",
        "",
        "| backend | format | rows | file | check | check peak | commit | commit peak | rows/s (commit) | maxrss before | maxrss after |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for backend in report["backends"]:
        for run in backend["runs"]:
            lines.append(
                f"| {backend['backend']} | {run['format']} | {run['rows']:,} | {run['file_mib']} MiB | {run['check_s']} s "
                f"| {run['check_peak_mib'] or '–'} MiB | {run['commit_s']} s | {run['commit_peak_mib'] or '–'} MiB "
                f"| {run['rows_per_s']:,} | {run['maxrss_before_mib']} MiB | {run['maxrss_mib']} MiB |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="5000,50000")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also record Python allocation peaks (slower)"
    )
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    backends = [result for name in args.backends.split(",") if (result := run_backend(name, args))]
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "backends": backends,
    }
    save_results(f"import-{today}", report, markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
