"""A worker killed mid-task (SIGKILL: no chance to clean up) leaves its task 'running'; the
watchdog (`rabta fail_stalled_work`) marks it failed once it has run longer than any task may,
and a new worker serves the queue again."""

import signal
import subprocess
import sys
import time

import pytest

from tests.deploy.conftest import rabta
from tests.deploy.test_workers import REPO, _worker

pytestmark = pytest.mark.slow


def _statuses(env: dict) -> list[str]:
    code = (
        "import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
        "print(' '.join(DBTaskResult.objects.order_by('enqueued_at').values_list('status', flat=True)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, check=True, capture_output=True, text=True
    )
    return out.stdout.split()


def _enqueue(env: dict, number: int, seconds: float) -> None:
    code = (
        "import django; django.setup(); from tests.deploy.worker_tasks import record_email; "
        f"record_email.enqueue(number={number}, seconds={seconds})"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True)


def _wait_for(condition, what: str, limit: float = 120.0):
    deadline = time.monotonic() + limit  # against hanging, not a speed requirement
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_task_whose_worker_was_killed_is_failed_and_the_queue_goes_on(migrated_sqlite, tmp_path):
    env = {
        **migrated_sqlite,
        "DATABASE_URL": f"sqlite:///{tmp_path}/lost.sqlite3",
        "PYTHONPATH": str(REPO),
        "RABTA_TEST_TASK_LOG": str(tmp_path / "tasks.log"),
    }
    rabta("migrate", "--noinput", env=env, check=True, capture_output=True)
    _enqueue(env, 0, 600)  # would take ten minutes: the worker dies first
    worker = _worker(env, "doomed", "emails", tmp_path / "doomed.log")
    try:
        _wait_for(lambda: _statuses(env) == ["RUNNING"], "the worker to start the task")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _statuses(env) == ["RUNNING"]  # what a dead worker leaves behind
    # Not yet older than RABTA_TASK_MAX_SECONDS (an hour by default): left alone.
    rabta("fail_stalled_work", env=env, check=True, capture_output=True)
    assert _statuses(env) == ["RUNNING"]

    time.sleep(1.5)
    result = rabta(
        "fail_stalled_work", env={**env, "RABTA_TASK_MAX_SECONDS": "1", "RABTA_LANGUAGE": "en"},
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert "1 stalled task was marked failed" in result.stdout
    assert _statuses(env) == ["FAILED"]

    _enqueue(env, 1, 0)
    worker = _worker(env, "new", "emails", tmp_path / "new.log")
    try:
        _wait_for(
            lambda: _statuses(env) == ["FAILED", "SUCCESSFUL"], "a new worker to run the next task"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert (tmp_path / "tasks.log").read_text().split()[:3] == ["emails", "1", "new"]
