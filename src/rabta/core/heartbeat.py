"""Heartbeats of long-running background work, and the watchdog that fails work whose worker died.

A task that tracks its status in a row (a scheduler run, an import) beats while it works: it
calls ``beat()`` from its own loop (the solver's progress, the importer's batches) and, because
a solver can stay silent for minutes, a :func:`beating` thread beats every
``RABTA_TASK_HEARTBEAT_SECONDS`` for as long as the task runs. A worker that is killed stops
beating; once its last beat is older than ``RABTA_TASK_STALE_SECONDS`` the watchdog marks the
work failed, with a reason in the starter's language, and a new run may start.

The watchdog runs when a page shows such work, before new work starts, and from the periodic
command ``rabta fail_stalled_work``. Apps register their watchdogs with :func:`register`; the
core knows none of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

_WATCHDOGS: list[Callable[[], int]] = []


def heartbeat_seconds() -> float:
    return float(getattr(settings, "RABTA_TASK_HEARTBEAT_SECONDS", 10))


def stale_seconds() -> float:
    return float(getattr(settings, "RABTA_TASK_STALE_SECONDS", 120))


def stale_before(now: dt.datetime | None = None) -> dt.datetime:
    """Work whose last beat is older than this has stopped: its worker is gone."""
    return (now or timezone.now()) - dt.timedelta(seconds=stale_seconds())


@contextmanager
def beating(beat: Callable[[], object], *, interval: float | None = None) -> Iterator[None]:
    """Call ``beat`` every ``interval`` seconds in a thread while the block runs.

    A beat that fails (a busy database, an unreachable storage) is logged and tried again at the
    next interval; the thread's database connection is closed when the block ends.
    """
    stop = threading.Event()
    every = heartbeat_seconds() if interval is None else interval

    def loop() -> None:
        try:
            while not stop.wait(every):
                try:
                    beat()
                except Exception:  # a busy database, an unreachable storage: try again later
                    logger.warning("A heartbeat could not be written; trying again.", exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name="rabta-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def register(watchdog: Callable[[], int]) -> None:
    """Add an app's watchdog: it fails the app's stalled work and returns how many it failed."""
    if watchdog not in _WATCHDOGS:
        _WATCHDOGS.append(watchdog)


def task_max_seconds() -> float:
    return float(getattr(settings, "RABTA_TASK_MAX_SECONDS", 3600))


class WorkerLost(Exception):
    """What a task whose worker died is marked failed with (its exception class path)."""


def fail_lost_tasks(now: dt.datetime | None = None) -> int:
    """Mark failed every queued task (of the database backend) still 'running' after
    ``RABTA_TASK_MAX_SECONDS``: longer than any task runs, so its worker was killed or its
    machine lost and nothing else would ever end it. Returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    started_before = (now or timezone.now()) - dt.timedelta(seconds=task_max_seconds())
    lost = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=started_before
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now or timezone.now(),
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=(
            "The worker stopped before the task finished (killed, out of memory or its machine "
            f"lost): still running after {task_max_seconds():.0f} s (RABTA_TASK_MAX_SECONDS)."
        ),
    )
    if lost:
        logger.warning("%d background task(s) whose worker was lost marked failed.", lost)
    return lost


def fail_stalled_work() -> int:
    """Run every registered watchdog; the number of runs and jobs marked failed."""
    return sum(watchdog() for watchdog in _WATCHDOGS)
