"""A scheduler run whose worker dies is failed by the watchdog; the organiser starts again."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from rabta.core import heartbeat
from rabta.events import schedule, services
from rabta.events.models import Meeting, ScheduleRun
from tests.events.conftest import make_participant, rep

REPO = Path(__file__).resolve().parents[2]


def published_schedule(event, organiser, participants, capture):
    """Accepted requests between every pair, scheduled and published."""
    for n, sender in enumerate(participants):
        for recipient in participants[n + 1 :]:
            request = services.meeting_request_send(
                actor=rep(sender), sender=sender, recipient=recipient
            )
            services.meeting_request_answer(actor=rep(recipient), request=request, accept=True)
    with capture(execute=True):
        run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.SUCCEEDED, run.error
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    return sorted(Meeting.objects.for_event(event).values_list("request_id", "slot_id", "table_id"))


def stop_beating(run: ScheduleRun, *, seconds_ago: float) -> None:
    """What a killed worker leaves behind: a running run whose last beat is old."""
    then = timezone.now() - dt.timedelta(seconds=seconds_ago)
    ScheduleRun.objects.unscoped().filter(pk=run.pk).update(
        status=ScheduleRun.Status.RUNNING, started_at=then, heartbeat_at=then, progress=6
    )


def test_a_run_that_stopped_beating_is_failed_and_the_organiser_starts_again(
    client, event, organiser, participants, django_capture_on_commit_callbacks, settings
):
    settings.RABTA_TASK_STALE_SECONDS = 60
    published = published_schedule(
        event, organiser, participants, django_capture_on_commit_callbacks
    )
    organiser.language = "ru"
    organiser.save()
    with translation.override("ru"):
        stuck = schedule.schedule_run_start(actor=organiser, event=event, solver="cpsat")
    stop_beating(stuck, seconds_ago=61)

    client.force_login(organiser)
    page = client.get(reverse("events:schedule", args=[event.slug]))

    assert page.status_code == 200
    stuck.refresh_from_db()
    assert stuck.status == ScheduleRun.Status.FAILED
    # in the language of the organiser who started it
    assert "Планировщик перестал отвечать" in stuck.error
    assert stuck.error in page.content.decode()
    again = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    assert again.status == ScheduleRun.Status.QUEUED
    assert published == sorted(
        Meeting.objects.for_event(event).values_list("request_id", "slot_id", "table_id")
    )
    assert event.schedule_versions.count() == 1


def test_a_run_that_still_beats_is_left_alone(event, organiser, participants, settings):
    settings.RABTA_TASK_STALE_SECONDS = 60
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    stop_beating(run, seconds_ago=30)
    with pytest.raises(Exception, match="already under way"):
        schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    assert schedule.schedule_runs_fail_stalled() == 0
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.RUNNING


def test_a_queued_run_waiting_for_a_worker_is_left_alone(event, organiser, participants, settings):
    settings.RABTA_TASK_STALE_SECONDS = 60
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    ScheduleRun.objects.unscoped().filter(pk=run.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert heartbeat.fail_stalled_work() == 0
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.QUEUED


def test_the_periodic_command_fails_stalled_runs_of_every_event(
    event, organiser, participants, settings, capsys
):
    settings.RABTA_TASK_STALE_SECONDS = 60
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    stop_beating(run, seconds_ago=600)
    call_command("fail_stalled_work")
    assert "1 stalled task was marked failed." in capsys.readouterr().out
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.FAILED


def test_a_run_failed_by_the_watchdog_is_not_run_by_a_late_worker(
    event, organiser, participants, settings
):
    settings.RABTA_TASK_STALE_SECONDS = 60
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    stop_beating(run, seconds_ago=600)
    assert schedule.schedule_runs_fail_stalled(event=event) == 1
    schedule.schedule_run_execute(run_id=run.pk)  # the task, delivered again
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.FAILED
    assert not Meeting.objects.for_event(event).exists()


# --- a real worker process, killed mid-run ------------------------------------------------------


def _worker_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _wait_for(condition, what: str, limit: float = 180.0):
    """Poll until ``condition()`` is true; the limit only guards against a hang."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_run_fails_the_run_and_a_new_run_can_start(
    organiser, event, settings, django_capture_on_commit_callbacks, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("The worker process needs a database it can share: run with DATABASE_URL.")
    people = [make_participant(event, f"Company {n:02d}", languages=("en",)) for n in range(16)]
    published = published_schedule(event, organiser, people, django_capture_on_commit_callbacks)
    queues = settings.RABTA_TASK_QUEUES
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues}}
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="cpsat", time_limit=600)
    environment = {
        **os.environ,
        "DATABASE_URL": _worker_database_url(),
        "RABTA_TASK_HEARTBEAT_SECONDS": "0.2",
        "DJANGO_SETTINGS_MODULE": "rabta.settings",
    }
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1", "--no-startup-delay"],
        cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:

        def beating_twice():
            run.refresh_from_db()
            return run.status == ScheduleRun.Status.RUNNING and run.heartbeat_at > run.started_at

        _wait_for(beating_twice, "the worker to start the run and beat")
        assert schedule.schedule_runs_fail_stalled(event=event) == 0  # alive: left alone
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        log.close()
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.RUNNING  # what a dead worker leaves behind

    settings.RABTA_TASK_STALE_SECONDS = 1
    _wait_for(lambda: schedule.schedule_runs_fail_stalled(event=event), "the watchdog", 30)
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.FAILED
    assert "stopped answering" in run.error
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": queues}
    }
    with django_capture_on_commit_callbacks(execute=True):
        again = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    again.refresh_from_db()
    assert again.status == ScheduleRun.Status.SUCCEEDED
    assert published == sorted(
        Meeting.objects.for_event(event).values_list("request_id", "slot_id", "table_id")
    )


def test_a_run_no_worker_picks_up_says_so_and_a_new_run_replaces_it(
    client, event, organiser, participants, settings
):
    """With the task worker stopped, a run stayed "Queued · 0 %" for ever with no word why, and
    every new run was refused as "already under way"."""
    settings.RABTA_TASK_STALE_SECONDS = 60
    waiting = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    client.force_login(organiser)
    page = client.get(reverse("events:schedule", args=[event.slug])).content.decode()
    assert "still waiting for the task worker" not in page  # a few seconds: nothing to say
    with pytest.raises(Exception, match="already under way"):
        schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")

    ScheduleRun.objects.unscoped().filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=61)
    )
    page = client.get(reverse("events:schedule", args=[event.slug])).content.decode()
    assert "still waiting for the task worker" in page and "rabta db_worker" in page
    waiting.refresh_from_db()
    assert waiting.status == ScheduleRun.Status.QUEUED  # the watchdog leaves it alone

    again = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy")
    waiting.refresh_from_db()
    assert waiting.status == ScheduleRun.Status.FAILED
    assert "No task worker picked this run up" in waiting.error
    assert again.status == ScheduleRun.Status.QUEUED
    # the worker comes back and finds the old run's task: it is not run
    assert schedule.schedule_run_execute(run_id=waiting.pk).status == ScheduleRun.Status.FAILED
