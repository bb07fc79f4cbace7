"""Big-event pages benchmark: every organiser and participant page of a 2,000-participant event.

Generates the event with ``event_data.py`` (2,000 participants, 10 meetings each: ~10,000
meetings at tables, plus 60 interpreters) in a fresh database — SQLite by default; PostgreSQL
when DATABASE_URL names a PostgreSQL server (the benchmark creates and uses its own database
``rabta_bench_pages`` there, never the one named). Then requests each page through Django's test
Client, a few times, and reports the response size in KB and the median server time in ms,
flagging any page over 300 KB or 300 ms (issue 16, item 8).

Saves benchmarks/results/event-pages-<date>[-<label>].md and .json.

    python benchmarks/run_event_pages.py [--participants 2000] [--meetings-each 10] [--rounds 5]
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

LIMIT_KB = 300
LIMIT_MS = 300
BENCH_DATABASE = "rabta_bench_pages"


def worker(args) -> dict:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    # A throw-away key: the benchmark is not a deployment (settings refuse to run without one).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sys.path.insert(0, str(REPO))
    from benchmarks.event_data import LANGUAGES, generate_event
    from rabta.accounts.models import User
    from rabta.events.models import Interpreter

    settings.ALLOWED_HOSTS = ["*"]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    call_command("migrate", verbosity=0)
    generated = generate_event(
        participants=args.participants, meetings_each=args.meetings_each, seed=args.seed, log=log
    )
    event = generated.event
    Interpreter.objects.bulk_create(
        [
            Interpreter(
                event=event, name=f"Interpreter {n:02d}", languages=["en", LANGUAGES[n % 3]]
            )
            for n in range(60)
        ]
    )
    participant = User.objects.get(pk=generated.registrations[0].registered_by_id)
    organiser_client, participant_client = Client(), Client()
    organiser_client.force_login(generated.organiser)
    participant_client.force_login(participant)
    base = f"/events/{event.slug}"
    pages = [
        ("organiser", "registrations", f"{base}/manage/registrations/"),
        ("organiser", "registrations, filtered", f"{base}/manage/registrations/?q=company+17"),
        ("organiser", "participants", f"{base}/participants/"),
        ("organiser", "day page (check-in)", f"{base}/manage/day/"),
        ("organiser", "day page, filtered", f"{base}/manage/day/?q=company+17"),
        ("organiser", "schedule", f"{base}/manage/schedule/"),
        ("organiser", "schedule, filtered", f"{base}/manage/schedule/?q=company+17"),
        ("organiser", "grid", f"{base}/manage/schedule/grid/"),
        ("organiser", "manage (interpreters)", f"{base}/manage/"),
        ("participant", "participants", f"{base}/participants/"),
        ("participant", "agenda", f"{base}/agenda/"),
        ("participant", "requests", f"{base}/requests/"),
    ]
    clients = {"organiser": organiser_client, "participant": participant_client}
    rows = []
    for who, label, url in pages:
        client = clients[who]
        client.get(url)  # warm the caches (templates, translations) once
        timings = []
        for _round in range(args.rounds):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
        ms = sorted(timings)[len(timings) // 2]
        kb = len(response.content) / 1024
        rows.append(
            {
                "who": who,
                "page": label,
                "url": url.removeprefix(base),
                "status": response.status_code,
                "kb": round(kb, 1),
                "ms_median": round(ms, 1),
                "queries": len(queries),
                "over": [
                    what
                    for what, over in (("size", kb > LIMIT_KB), ("time", ms > LIMIT_MS))
                    if over
                ],
            }
        )
        log(f"  {who:<11} {label:<28} {kb:7.1f} KB {ms:8.1f} ms {len(queries):4} queries")
    return {
        "backend": connection.vendor,
        "participants": len(generated.registrations),
        "meetings": generated.meetings,
        "generate_seconds": round(generated.seconds, 1),
        "rounds": args.rounds,
        "pages": rows,
    }


def database_env(directory: str) -> tuple[dict, str]:
    env = dict(os.environ)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        server = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        env["DATABASE_URL"] = f"{server}/{BENCH_DATABASE}"
        return env, "postgresql"
    env["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    env["RABTA_DATA_DIR"] = directory
    return env, "sqlite"


def markdown(report: dict) -> str:
    r = report["result"]
    lines = [
        f"# Big-event pages — {report['date']}",
        "",
        f"Machine: {report['machine']}. {report['note']}",
        "",
        f"Backend: {r['backend']}; {r['participants']:,} participants, {r['meetings']:,} meetings "
        f"(generated in {r['generate_seconds']} s). Each page requested {r['rounds']} times "
        f"through Django's test Client after one warm-up; the median is shown. Limits: "
        f"{LIMIT_KB} KB and {LIMIT_MS} ms (issue 16, item 8).",
        "",
        "| who | page | URL | size | server time | queries | over the limit |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in r["pages"]:
        over = ", ".join(p["over"]) if p["over"] else "—"
        if p["status"] != 200:
            over = f"HTTP {p['status']}"
        lines.append(
            f"| {p['who']} | {p['page']} | `{p['url']}` | {p['kb']} KB | {p['ms_median']} ms | "
            f"{p['queries']} | {over} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--participants", type=int, default=2_000)
    parser.add_argument("--meetings-each", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--note", default="", help="said in the saved report (e.g. the machine)")
    parser.add_argument("--label", default="", help="appended to the result file names")
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(REPO / "src"))
        print(json.dumps(worker(args)))
        return 0
    with tempfile.TemporaryDirectory(prefix="rabta-bench-pages-") as directory:
        env, backend = database_env(directory)
        print(f"event pages benchmark on {backend}", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--worker", "--seed", str(args.seed)]
        command += ["--participants", str(args.participants), "--rounds", str(args.rounds)]
        command += ["--meetings-each", str(args.meetings_each)]
        completed = subprocess.run(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
        )
    if completed.returncode != 0:
        print(f"the worker failed (exit {completed.returncode})", file=sys.stderr)
        return 1
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "note": args.note,
        "result": json.loads(completed.stdout.strip().splitlines()[-1]),
    }
    save_results(
        f"event-pages-{today}{'-' + args.label if args.label else ''}", report, markdown(report)
    )
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
