"""Liveness and readiness for load balancers, orchestrators and `rabta serve`'s test.

``/healthz``: the process answers (no dependency is touched).
``/readyz``: JSON with one entry per dependency — the database, the cache, the task queue —
and an overall status: ``ready``; ``degraded`` (HTTP 200) when only the cache is down (the site
keeps working, slower); ``not ready`` (HTTP 503) when the database or the task queue is.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

ESSENTIAL = ("database", "tasks")


def _timed(check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        result = {"ok": True, **check()}
    except Exception as error:  # noqa: BLE001 - any failure is reported, never raised
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache() -> dict:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    key, token = "rabta:readyz", secrets.token_hex(8)
    cache.set(key, token, 30)
    if cache.get(key) != token:
        detail = _redis_error()
        raise ConnectionError(detail or "the cache did not keep a value")
    return {"backend": backend}


def _redis_error() -> str:
    """The reason a Redis cache is not answering (its client swallows errors in use)."""
    try:
        from django_redis import get_redis_connection

        get_redis_connection("default").ping()
    except Exception as error:  # noqa: BLE001
        return f"{type(error).__name__}: {error}"
    return ""


def check_tasks() -> dict:
    """The task queue: its storage answers; how many tasks wait per queue, the oldest since when."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return {"backend": backend.rsplit(".", 1)[-1]}
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    per_queue = dict(
        waiting.values_list("queue_name").annotate(n=Count("id")).values_list("queue_name", "n")
    )
    oldest = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {
        "backend": "database",
        "waiting": {queue: per_queue.get(queue, 0) for queue in task_queues()} | per_queue,
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


def task_queues() -> list[str]:
    return list(settings.TASKS["default"].get("QUEUES", ["default"]))


def readiness() -> tuple[str, dict]:
    checks = {
        "database": _timed(check_database),
        "cache": _timed(check_cache),
        "tasks": _timed(check_tasks),
    }
    if not all(checks[name]["ok"] for name in ESSENTIAL):
        return "not ready", checks
    return ("ready" if all(c["ok"] for c in checks.values()) else "degraded"), checks


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    status, checks = readiness()
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "not ready" else 200
    )
