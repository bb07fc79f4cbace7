"""In-process profile of the pages `make bench-web` drives: CPU and SQL per request.

Runs the production settings (DEBUG off) against the database `run_web.py` prepared (keep it
with ``python benchmarks/run_web.py --database NAME --prepare-only``), in one process, with
Django's test client and a session of one participant. Each page is requested ``--warm`` times
(cache warmed, not counted), then ``--repeat`` times, and prints per page: the median and mean
thread CPU per request, queries and SQL wall time per request, and the response size. With
``--profile PAGE`` it prints cProfile's top functions for that page (cumulative time).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rabta_bench_web REDIS_URL=redis://127.0.0.1:6379/15 \
        python benchmarks/profile_web.py [--repeat 30] [--profile search] [--sessions FILE]

The figures are in-process (no HTTP, no gunicorn); the machine is shared, so read CPU, not wall.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["surgical", "хирургические", "جراحی", "footballs", "cotton", "leather bags"]


def pages(event_slug: str) -> dict[str, callable]:
    return {
        "home": lambda: "/",
        "directory": lambda: f"/organisations/?page={random.randint(1, 50)}",
        "search": lambda: f"/marketplace/?q={random.choice(QUERIES)}",
        "api list": lambda: f"/api/v1/opportunities?page={random.randint(1, 50)}",
        "recommendations": lambda: "/recommendations/",
        "agenda": lambda: f"/events/{event_slug}/agenda/",
    }


AREAS = [
    ("django/template", "templates"),
    ("django/db/models/sql", "ORM: SQL compiling"),
    ("django/db", "ORM: rows, fields"),
    ("psycopg", "psycopg (driver)"),
    ("django/utils/translation", "translation"),
    ("django/utils", "django.utils (escaping, lazy strings)"),
    ("django/forms", "forms"),
    ("redis", "redis (cache)"),
    ("django", "django, other"),
    ("rabta", "rabta's code"),
    ("ninja", "django-ninja"),
    ("pydantic", "pydantic"),
]


def print_areas(stats: pstats.Stats) -> None:
    """The profile's own time (tottime) summed by library area: where the CPU goes."""
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        area = next((label for part, label in AREAS if f"/{part}/" in filename), "other")
        totals[area] = totals.get(area, 0.0) + tottime
    whole = sum(totals.values()) or 1
    for area, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {area:40} {100 * seconds / whole:5.1f} %")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--profile", default="", help="a page name: print its cProfile top")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--language", default="", help="en, ru or ur (default: each in turn)")
    parser.add_argument(
        "--sessions",
        default=str(Path(tempfile.gettempdir()) / "rabta-rabta_bench_web-sessions.json"),
    )
    args = parser.parse_args()
    sessions = json.loads(Path(args.sessions).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    os.environ["SECRET_KEY"] = sessions.get("secret_key") or secrets.token_urlsafe(50)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("DEBUG", None)
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from rabta.core.middleware import StatementTimer

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the code may have moved on since the data was made
    client = Client()
    random.seed(1)
    client.cookies["sessionid"] = random.choice(sessions["participants"])["sessionid"]
    languages = [args.language] if args.language else ["en", "ru", "ur"]
    chosen = pages(sessions["event"])
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only.split(",")}
    print(f"load average {os.getloadavg()[0]:.1f} (shared machine)")
    print(f"{'page':16} {'cpu p50':>8} {'cpu mean':>9} {'queries':>8} {'sql ms':>7} {'KB':>6}")
    for name, url in chosen.items():
        for n in range(args.warm):
            response = client.get(url(), HTTP_ACCEPT_LANGUAGE=languages[n % len(languages)])
            assert response.status_code == 200, (name, response.status_code)
        cpu, queries, sql, size = [], [], [], []
        profiler = (
            cProfile.Profile(time.thread_time) if name == args.profile else None
        )  # CPU, not wall
        for n in range(args.repeat):
            timer = StatementTimer()
            path = url()
            language = languages[n % len(languages)]
            with connection.execute_wrapper(timer):
                if profiler:
                    profiler.enable()
                started = time.thread_time()
                response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
                elapsed = time.thread_time() - started
                if profiler:
                    profiler.disable()
            assert response.status_code == 200, (name, response.status_code)
            cpu.append(elapsed * 1000)
            queries.append(timer.count)
            sql.append(timer.seconds * 1000)
            size.append(len(response.content) / 1024)
        print(
            f"{name:16} {statistics.median(cpu):8.1f} {statistics.mean(cpu):9.1f} "
            f"{statistics.mean(queries):8.1f} {statistics.mean(sql):7.1f} {statistics.mean(size):6.0f}"
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
            print(out.getvalue())
            print_areas(pstats.Stats(profiler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
