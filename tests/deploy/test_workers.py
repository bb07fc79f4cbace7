"""Queues that scale out: three real `rabta db_worker` processes share the database's queues;
every task runs exactly once, on a worker of its own queue; a long solve delays no e-mail."""

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EMAILS = 60


def _postgres_env(base_env: dict) -> dict | None:
    """A fresh, migrated PostgreSQL database when one is reachable (RABTA_TEST_POSTGRES, default
    postgres://postgres@127.0.0.1:5432), else None."""
    base = os.environ.get("RABTA_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    name = (
        f"rabta_test_workers_{os.getpid()}"  # one per test process: runs side by side never collide
    )
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception:  # noqa: BLE001 - no PostgreSQL here: the SQLite run still counts
        return None
    env = {**base_env, "DATABASE_URL": f"{base}/{name}"}
    subprocess.run(
        [sys.executable, "-m", "rabta.cli", "migrate", "--noinput"],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


@pytest.fixture(params=["sqlite", "postgresql"])
def worker_env(request, migrated_sqlite, tmp_path):
    env = migrated_sqlite if request.param == "sqlite" else _postgres_env(migrated_sqlite)
    if env is None:
        pytest.skip("PostgreSQL is not reachable")
    pythonpath = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return {**env, "PYTHONPATH": pythonpath, "RABTA_TEST_TASK_LOG": str(tmp_path / "tasks.log")}


def _worker(env: dict, name: str, queues: str, log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "rabta.cli", "db_worker", "--queue-name", queues,
             "--interval", "0.1", "--no-startup-delay", "--no-reload", "--worker-id", name],
            env={**env, "RABTA_TEST_WORKER": name}, cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip


def test_three_workers_run_each_task_exactly_once_on_its_own_queue(worker_env, tmp_path):
    def enqueue(queue: str, count: int, seconds: float = 0.0) -> None:
        code = (
            "import django; django.setup(); from tests.deploy.worker_tasks import enqueue; "
            f"enqueue({queue!r}, {count}, {seconds})"
        )
        subprocess.run(
            [sys.executable, "-c", code],
            env=worker_env, cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip

    # One long solve first, then the e-mails: with one queue they would wait behind it.
    enqueue("solves", 1, EMAILS)  # it ends once all the e-mails have been sent meanwhile
    enqueue("emails", EMAILS, 0.01)
    workers = [
        _worker(worker_env, "mail-1", "emails", tmp_path / "mail-1.log"),
        _worker(worker_env, "mail-2", "emails", tmp_path / "mail-2.log"),
        _worker(worker_env, "solver", "solves", tmp_path / "solver.log"),
    ]
    task_log = Path(worker_env["RABTA_TEST_TASK_LOG"])
    try:
        give_up = time.monotonic() + 180  # a deadline against hanging, not a speed requirement
        while time.monotonic() < give_up:
            lines = task_log.read_text().splitlines() if task_log.exists() else []
            if len(lines) >= EMAILS + 1:
                break
            assert all(w.poll() is None for w in workers), "a worker died"
            time.sleep(0.3)
        time.sleep(1.0)  # let any duplicate run show up
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=60)
    rows = [line.split() for line in task_log.read_text().splitlines()]
    runs = Counter((queue, int(number)) for queue, number, *_rest in rows)
    assert set(runs) == {("solves", 0)} | {("emails", n) for n in range(EMAILS)}
    assert set(runs.values()) == {1}, [key for key, n in runs.items() if n > 1]
    by_queue = {
        queue: {worker for q, _n, worker, *_t in rows if q == queue}
        for queue in ("emails", "solves")
    }
    assert by_queue["solves"] == {"solver"}
    assert by_queue["emails"] <= {"mail-1", "mail-2"}
    # The e-mails did not wait for the solve: all of them ran while it was running.
    assert [q for q, *_rest in rows][-1] == "solves"
