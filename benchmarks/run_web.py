"""Web benchmark (`make bench-web`): the production server over HTTP on PostgreSQL.

1. A fresh PostgreSQL database ``rabta_bench_web`` (``RABTA_BENCH_POSTGRES``, default
   ``postgres://postgres@127.0.0.1:5432``): 10,000 organisations and 100,000 opportunities
   (``marketplace_data.py``) and a published 2,000-participant event (``event_data.py``) whose
   participants are those organisations; signed-in sessions for 200 of their people.
2. `rabta collectstatic`, then `rabta serve` (gunicorn) with 1, 2 and 4 workers, Redis as the
   cache (``RABTA_BENCH_REDIS``, default ``redis://127.0.0.1:6379/15``; warmed by one pass:
   every prepared participant's recommendations and agenda in each language).
3. For each worker count, locust (headless, ``benchmarks/web/locustfile.py``) at 1, 10 and 50
   users for ``--seconds`` each, then ``--saturate`` users with no think time (the closed loop
   that finds the saturation throughput): p50/p95/p99, requests/s and errors per page from
   locust; the application's CPU time and SQL time per request per page from the JSON access
   log (``cpu_ms``, the request's thread CPU; ``sql_ms``), cross-checked with the workers'
   process CPU times (/proc); locust's own CPU; the load average at each phase's start and end
   (the machine is shared).

Results: benchmarks/results/web-<date>.json and .md.

    python benchmarks/run_web.py [--seconds 30] [--workers 1,2,4] [--users 1,10,50] [--quick]
        [--database NAME --reuse]   # keep the prepared database between runs
        [--prepare-only]            # prepare it and stop (then profile_web.py can use it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.results_files import machine, save_results  # noqa: E402

TARGETS_CPU_MS = {
    "directory": 15,
    "agenda": 15,
    "api list": 15,
    "search": 25,
    "recommendations": 25,
}
PAGES = {  # access-log path → page name of the locustfile
    "/organisations/": "directory",
    "/marketplace/": "search",
    "/api/v1/opportunities": "api list",
    "/recommendations/": "recommendations",
    "/": "home",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare(args) -> None:
    """Runs in a subprocess with DATABASE_URL set: migrate, generate, sessions."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.management import call_command

    sys.path.insert(0, str(REPO))
    from benchmarks.event_data import generate_event
    from benchmarks.marketplace_data import generate
    from rabta.events import schedule
    from rabta.events.models import Registration
    from rabta.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    generate(organisations=args.organisations, opportunities=args.opportunities, seed=1, log=log)
    orgs = list(Organisation.objects.order_by("pk")[: args.participants])
    event = generate_event(participants=args.participants, organisations=orgs, log=log)
    schedule.schedule_publish(actor=event.organiser, event=event.event)
    sessions = []
    for registration in Registration.objects.for_event(event.event).select_related("registered_by")[
        :200
    ]:
        user = registration.registered_by
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append({"sessionid": store.session_key, "user": user.username})
    Path(args.sessions).write_text(
        # the key signs the sessions: a later run with --reuse must use the same one
        json.dumps(
            {"event": event.event.slug, "participants": sessions, "secret_key": settings.SECRET_KEY}
        )
    )


def warm_cache(args) -> None:
    """Runs in a subprocess: every prepared participant's recommendations and agenda, in each
    language, computed into the shared cache — the figures are for a warm cache, and a locust
    user picks one of 200 sessions and one of three languages at random."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from rabta.marketplace.permissions import acting_organisation
    from rabta.matching.selectors import recommendations_cached

    sessions = json.loads(Path(args.sessions).read_text())
    names = [s["user"] for s in sessions["participants"]]
    for user in get_user_model().objects.filter(username__in=names):
        organisation = acting_organisation(user)
        for language in ("en", "ru", "ur"):
            with translation.override(language):
                recommendations_cached(organisation)
    # ... and their agendas (rabta.events.agenda_cache), read as the server reads them
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    for session in sessions["participants"]:
        client = Client()
        client.cookies["sessionid"] = session["sessionid"]
        for language in ("en", "ru", "ur"):
            client.get(f"/events/{sessions['event']}/agenda/", HTTP_ACCEPT_LANGUAGE=language)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        except (FileNotFoundError, IndexError):
            pass
    return total


def database_backends(database_url: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark's database (the web workers keep
    their connections: CONN_MAX_AGE), when the server runs on this machine — their CPU is the
    database's share of each request."""
    import psycopg

    base, name = database_url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [name]
            ).fetchall()
    except psycopg.Error:
        return []
    return [pid for (pid,) in rows if Path(f"/proc/{pid}").exists()]


def wait_ready(url: str) -> None:
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("rabta serve never became ready")


def page_of(path: str) -> str:
    if "/agenda/" in path:
        return "agenda"
    return PAGES.get(path, "other")


def locust_phase(env: dict, url: str, users: int, seconds: int, prefix: Path) -> dict:
    import resource

    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(REPO / "benchmarks" / "web" / "locustfile.py"),
         "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", url,
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    import csv

    stats = {}
    with open(f"{prefix}_stats.csv") as f:
        for row in csv.DictReader(f):
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    locust_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    stats.setdefault("Aggregated", {})["locust_cpu_s"] = round(locust_cpu, 1)
    return stats


def run_workers(workers: int, args, env: dict, work: Path) -> dict:
    port = free_port()
    access_log = work / f"access-{workers}.log"
    server_env = {
        **env, "RABTA_BIND": f"127.0.0.1:{port}", "RABTA_WORKERS": str(workers),
        "RABTA_ACCESS_LOG": str(access_log), "RABTA_TIMEOUT": "120",
    }  # fmt: skip
    with (work / f"server-{workers}.log").open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "rabta.cli", "serve"], env=server_env, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    phases = {}
    try:
        wait_ready(url)
        locust_env = {**env, "RABTA_BENCH_SESSIONS": args.sessions}
        # warm the cache and every worker (not measured)
        locust_phase(locust_env, url, min(10, 4 * workers), args.warmup, work / f"warm-{workers}")
        phase_list = [(users, False) for users in args.users]
        if args.saturate:
            phase_list.append((args.saturate, True))
        for users, no_wait in phase_list:
            key = f"{users} no-wait" if no_wait else users
            if args.cold:  # every phase starts from an empty cache: pages computed, not read
                subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True,
                               capture_output=True)  # fmt: skip
            pids = worker_pids(server.pid)
            database_before = {p: cpu_seconds([p]) for p in database_backends(env["DATABASE_URL"])}
            load_before = os.getloadavg()[0]
            lines_before = sum(1 for _ in access_log.open())
            cpu_before = cpu_seconds(pids)
            phase_env = {**locust_env, "RABTA_BENCH_NO_WAIT": "1"} if no_wait else locust_env
            stats = locust_phase(
                phase_env, url, users, args.seconds, work / f"w{workers}-u{users}-{no_wait}"
            )
            cpu_after = cpu_seconds(pids)
            # a connection opened during the phase counts from zero; one closed meanwhile is
            # lost (rare: CONN_MAX_AGE keeps them open)
            database_cpu = sum(
                cpu_seconds([p]) - database_before.get(p, 0.0)
                for p in database_backends(env["DATABASE_URL"])
            )
            load_after = os.getloadavg()[0]
            cpu_ms = defaultdict(list)
            sql_ms = defaultdict(list)
            with access_log.open() as f:
                for n, line in enumerate(f):
                    if n < lines_before or not line.startswith("{"):
                        continue
                    record = json.loads(line)
                    if record.get("cpu_ms") is not None:
                        cpu_ms[page_of(record["path"])].append(record["cpu_ms"])
                    if record.get("sql_ms") is not None:
                        sql_ms[page_of(record["path"])].append(record["sql_ms"])
            total_requests = sum(len(v) for v in cpu_ms.values())
            for name, values in cpu_ms.items():
                if name in stats:
                    stats[name]["cpu_ms"] = round(statistics.mean(values), 1)
                    stats[name]["sql_ms"] = round(statistics.mean(sql_ms[name] or [0]), 1)
            all_sql = [v for values in sql_ms.values() for v in values]
            stats["Aggregated"]["sql_ms"] = round(statistics.mean(all_sql or [0]), 1)
            phases[key] = {
                "load_average": [round(load_before, 1), round(load_after, 1)],
                "pages": stats,
                "database_cpu_ms_per_request": round(
                    1000 * database_cpu / max(1, total_requests), 1
                ),
                "process_cpu_ms_per_request": round(
                    1000 * (cpu_after - cpu_before) / max(1, total_requests), 1
                ),
            }
            log(
                f"  {workers} workers, {key} users: {stats['Aggregated'].get('rps')} req/s, "
                f"p95 {stats['Aggregated'].get('p95_ms')} ms, load {load_before:.1f}→{load_after:.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=60)
    return phases


def markdown(report: dict) -> str:
    lines = [
        f"# Web benchmark — {report['date']}",
        "",
        f"`rabta serve` (gunicorn, sync workers) on PostgreSQL with Redis as the cache; "
        f"{report['organisations']:,} organisations, {report['opportunities']:,} opportunities, a "
        f"published {report['participants']:,}-participant event; locust, {report['seconds']} s per "
        f"phase after a warm-up. Machine: {report['machine']}, **shared with other work while "
        "measured**: the load average (1 min, at the phase's start → end) is given with every "
        "phase. Locust runs on the same cores. 'users' think 0.5–1.5 s between requests; the "
        "'no-wait' phase sends the next request at once (the saturation throughput).",
        "",
        (
            "**Cold cache**: Redis emptied before every phase and never warmed, so a "
            "participant's first recommendations and agenda in a language are computed (the "
            "in-memory recommendation index answering the candidates)."
            if report.get("cold")
            else "Warm cache: every prepared participant's recommendations and agenda in each "
            "language computed into Redis before the phases (pages read, not computed)."
        ),
        "",
        "CPU: the application's thread CPU per request from the access log; SQL wall: the "
        "request's statements' wall time (access log: waiting for a busy database included); "
        "'process' is the workers' total CPU (/proc) divided by the requests; PostgreSQL CPU: "
        "the CPU of the database server processes serving the workers' connections, divided "
        "by the requests.",
        "",
        "## Summary per phase (all pages)",
        "",
        "| workers | users | load avg | req/s | p50 | p95 | p99 | errors | app CPU/request "
        "(process) | PostgreSQL CPU/request | SQL wall/request | locust CPU |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for workers, phases in report["runs"].items():
        for users, phase in phases.items():
            s = phase["pages"].get("Aggregated", {})
            load = phase.get("load_average", ["?", "?"])
            lines.append(
                f"| {workers} | {users} | {load[0]}→{load[1]} | {s.get('rps')} | "
                f"{s.get('p50_ms', 0):.0f} ms | {s.get('p95_ms', 0):.0f} ms | "
                f"{s.get('p99_ms', 0):.0f} ms | {s.get('errors')} | "
                f"{phase['process_cpu_ms_per_request']} ms | "
                f"{phase.get('database_cpu_ms_per_request', '–')} ms | {s.get('sql_ms', '–')} ms | "
                f"{s.get('locust_cpu_s', '–')} s |"
            )
    lines += [
        "",
        "## Per page",
        "",
        "| workers | users | page | req/s | p50 | p95 | p99 | errors | app CPU/request | SQL/request |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for workers, phases in report["runs"].items():
        for users, phase in phases.items():
            for name, s in sorted(phase["pages"].items()):
                if name == "Aggregated":
                    continue
                lines.append(
                    f"| {workers} | {users} | {name} | {s['rps']} | {s['p50_ms']:.0f} ms | "
                    f"{s['p95_ms']:.0f} ms | {s['p99_ms']:.0f} ms | {s['errors']} | "
                    f"{s.get('cpu_ms', '–')} ms | {s.get('sql_ms', '–')} ms |"
                )
    lines += ["", "Targets (app CPU per request): " + ", ".join(f"{k} ≤ {v} ms" for k, v in TARGETS_CPU_MS.items())
              + "; p95 ≤ 150 ms at 10 users."]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sessions", default="")
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--participants", type=int, default=2_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--users", default="1,10,50")
    parser.add_argument(
        "--saturate", type=int, default=8, help="users of the closed-loop phase (0: none)"
    )
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="1,000 / 10,000 / 300, 10 s phases")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no warmed cache: Redis emptied before each phase, so the recommendations and"
        " agendas are computed (the first request of each participant and language)",
    )
    parser.add_argument("--database", default="rabta_bench_web", help="PostgreSQL database name")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of an earlier run with --database"
    )
    parser.add_argument("--prepare-only", action="store_true", help="prepare the database, stop")
    args = parser.parse_args()
    if args.quick:
        args.organisations, args.opportunities, args.participants, args.seconds, args.warmup = (
            1_000, 10_000, 300, 10, 5,
        )  # fmt: skip
    if args.prepare:
        sys.path.insert(0, str(REPO / "src"))
        prepare(args)
        return 0
    if args.warm_cache:
        sys.path.insert(0, str(REPO / "src"))
        warm_cache(args)
        return 0
    args.users = [int(u) for u in args.users.split(",")]
    base = os.environ.get("RABTA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    import psycopg

    work = Path(tempfile.mkdtemp(prefix="rabta-bench-web-"))
    args.sessions = str(work / "sessions.json")
    kept_sessions = Path(tempfile.gettempdir()) / f"rabta-{args.database}-sessions.json"
    reuse = args.reuse and kept_sessions.exists()
    if not reuse:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
            conn.execute(f'CREATE DATABASE "{args.database}"')
    redis_url = os.environ.get("RABTA_BENCH_REDIS", "redis://127.0.0.1:6379/15")
    secret_key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    if reuse:
        secret_key = json.loads(kept_sessions.read_text()).get("secret_key", secret_key)
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{args.database}",
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret_key,
        "RABTA_DATA_DIR": str(work),
        # kept with the database: a run with --reuse need not collect and compress them again
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / f"rabta-{args.database}-static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TASK_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "LOG_LEVEL": "WARNING",
        "RABTA_CACHE_SECONDS": "7200",  # the whole run measures a warm cache
    }
    started = time.perf_counter()
    if reuse:
        log(f"reusing the database {args.database}")
        Path(args.sessions).write_text(kept_sessions.read_text())
        subprocess.run([sys.executable, "-m", "rabta.cli", "migrate", "--noinput"], env=env,
                       check=True, capture_output=True)  # the code may have moved on  # fmt: skip
    else:
        log("preparing the database…")
        subprocess.run(
            [sys.executable, __file__, "--prepare", "--sessions", args.sessions,
             "--organisations", str(args.organisations), "--opportunities", str(args.opportunities),
             "--participants", str(args.participants)],
            env=env, check=True, cwd=REPO,
        )  # fmt: skip
        kept_sessions.write_text(Path(args.sessions).read_text())
    if not (reuse and (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists()):
        subprocess.run([sys.executable, "-m", "rabta.cli", "collectstatic", "--noinput"],
                       env=env, check=True, capture_output=True)  # fmt: skip
    if not reuse:  # a reused database keeps its warm cache (entries follow its data's versions)
        subprocess.run(["redis-cli", "-u", redis_url, "flushdb"], capture_output=True)
    if not args.cold:
        log(f"prepared in {time.perf_counter() - started:.0f} s; warming the cache…")
        subprocess.run(
            [sys.executable, __file__, "--warm-cache", "--sessions", args.sessions],
            env=env, check=True, cwd=REPO,
        )  # fmt: skip
    log(f"ready in {time.perf_counter() - started:.0f} s")
    if args.prepare_only:
        return 0
    runs = {}
    for workers in [int(w) for w in args.workers.split(",")]:
        runs[workers] = run_workers(workers, args, env, work)
    today = dt.date.today().isoformat()
    report = {
        "date": today,
        "machine": machine(),
        "organisations": args.organisations,
        "opportunities": args.opportunities,
        "participants": args.participants,
        "seconds": args.seconds,
        "cold": args.cold,
        "runs": runs,
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
    }
    stem = (
        f"web-{today}"
        + ("-quick" if args.quick else "")
        + ("-cold" if args.cold else "")
        + (f"-{args.label}" if args.label else "")
    )
    save_results(stem, report, markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
