"""Publishing benchmark: an event of 2,500 participants published from the web page.

Generates the event (``event_data.py``: 2,500 participants, ~11,000 meetings at tables) in a
fresh database per backend (PostgreSQL database ``rabta_bench_publish`` on
``RABTA_BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``; SQLite file), then:

1. POSTs the organiser's "publish" form (the web request: writes the version, queues the task);
2. runs the queued delivery task (every agenda rendered and e-mailed in batches, to Django's
   in-memory mail backend) and a second run, which must send nothing;
3. GETs the organiser's schedule page (paged: 100 meetings) and a participant's agenda.

Prints and saves time, queries and sizes: benchmarks/results/publish-<date>.json and .md.

    python benchmarks/run_publish.py [--participants 2500] [--backends postgresql,sqlite]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402


def worker(args) -> dict:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    # A throw-away key: the benchmark is not a deployment (settings refuse to run without one).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["EMAIL_URL"] = "consolemail://"  # replaced by locmem below
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sys.path.insert(0, str(REPO))
    from benchmarks.event_data import generate_event
    from rabta.events.models import ScheduleVersion
    from rabta.events.publication import agenda_delivery_run

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    mail.outbox = []
    # The web request queues the task; the benchmark runs it itself, timed apart.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.RABTA_TASK_QUEUES,
        }
    }

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    call_command("migrate", verbosity=0)
    generated = generate_event(participants=args.participants, seed=args.seed, log=log)
    event = generated.event
    client = Client()
    client.force_login(generated.organiser)

    with CaptureQueriesContext(connection) as publish_queries:
        begin = time.perf_counter()
        response = client.post(f"/events/{event.slug}/manage/schedule/publish/")
        publish_seconds = time.perf_counter() - begin
    assert response.status_code == 302, response.status_code
    version = ScheduleVersion.objects.for_event(event).get()
    log(f"  publish request: {publish_seconds:.2f} s, {len(publish_queries)} queries")

    with CaptureQueriesContext(connection) as delivery_queries:
        begin = time.perf_counter()
        version = agenda_delivery_run(version_id=version.pk)
        delivery_seconds = time.perf_counter() - begin
    sent = len(mail.outbox)
    log(
        f"  delivery: {sent:,} e-mails in {delivery_seconds:.1f} s ({len(delivery_queries):,} queries)"
    )
    begin = time.perf_counter()
    agenda_delivery_run(version_id=version.pk)
    rerun_seconds = time.perf_counter() - begin
    duplicates = len(mail.outbox) - sent
    addresses = [m.to[0] for m in mail.outbox]

    pages = {}
    for label, url in [
        ("schedule page (page 1 of 100 meetings)", f"/events/{event.slug}/manage/schedule/"),
        (
            "schedule page, filtered by a participant",
            f"/events/{event.slug}/manage/schedule/?q=company+17",
        ),
    ]:
        timings = []
        for _round in range(5):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
        pages[label] = {
            "ms_median": round(sorted(timings)[len(timings) // 2], 1),
            "kb": round(len(response.content) / 1024, 1),
            "queries": len(queries),
        }
    return {
        "backend": connection.vendor,
        "participants": len(generated.registrations),
        "meetings": generated.meetings,
        "generate_seconds": round(generated.seconds, 1),
        "publish_request_seconds": round(publish_seconds, 2),
        "publish_request_queries": len(publish_queries),
        "delivery_seconds": round(delivery_seconds, 1),
        "delivery_queries": len(delivery_queries),
        "emails_sent": sent,
        "emails_per_second": round(sent / delivery_seconds, 1),
        "distinct_recipients": len(set(addresses)),
        "rerun_seconds": round(rerun_seconds, 2),
        "rerun_duplicates": duplicates,
        "version_delivery": version.delivery,
        "pages": pages,
    }


def run_backend(name: str, args) -> dict | None:
    env = dict(os.environ)
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
                conn.execute("DROP DATABASE IF EXISTS rabta_bench_publish")
                conn.execute("CREATE DATABASE rabta_bench_publish")
        except Exception as error:  # noqa: BLE001 - report and go on with the other backend
            print(f"PostgreSQL not available ({error}); skipped", file=sys.stderr)
            return None
        env["DATABASE_URL"] = f"{base}/rabta_bench_publish"
    command = [sys.executable, __file__, "--worker", "--participants", str(args.participants)]
    command += ["--seed", str(args.seed)]
    completed = subprocess.run(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
    )
    if cleanup:
        import shutil

        shutil.rmtree(cleanup, ignore_errors=True)
    if completed.returncode != 0:
        print(f"{name}: the worker failed (exit {completed.returncode})", file=sys.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def markdown(report: dict) -> str:
    lines = [
        f"# Publishing benchmark — {report['date']}",
        "",
        f"Machine: {report['machine']}. The organiser publishes an event from the web page; the "
        "agendas are e-mailed by the background task (in-memory mail backend).",
        "",
        "| backend | participants | meetings | publish request | its queries | e-mails | delivery task | e-mails/s | re-run: duplicates |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["backends"]:
        lines.append(
            f"| {r['backend']} | {r['participants']:,} | {r['meetings']:,} | {r['publish_request_seconds']} s | "
            f"{r['publish_request_queries']} | {r['emails_sent']:,} | {r['delivery_seconds']} s | "
            f"{r['emails_per_second']} | {r['rerun_duplicates']} |"
        )
    for r in report["backends"]:
        lines += [
            "",
            f"## {r['backend']}: organiser pages after publication",
            "",
            "| page | median | size | queries |",
            "|---|---|---|---|",
        ]
        for label, p in r["pages"].items():
            lines.append(f"| {label} | {p['ms_median']} ms | {p['kb']} KB | {p['queries']} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--participants", type=int, default=2_500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--label", default="", help="appended to the result file names")
    args = parser.parse_args()
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
        "backends": results,
    }
    save_results(
        f"publish-{today}{'-' + args.label if args.label else ''}", report, markdown(report)
    )
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
