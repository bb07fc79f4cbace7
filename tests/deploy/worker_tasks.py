"""Tasks for the worker test: each appends one line (queue, number, worker, start, end) to the
file named by RABTA_TEST_TASK_LOG. :func:`enqueue` puts COUNT of them on QUEUE (in the database of
DATABASE_URL); the test calls it in a process of its own."""

import os
import time

from django_tasks import task


@task(queue_name="emails")
def record_email(*, number: int, seconds: float = 0.0) -> int:
    return _record("emails", number, seconds)


@task(queue_name="solves")
def record_solve(*, number: int, seconds: float = 0.0) -> int:
    """A long solve: it lasts until ``seconds`` e-mail tasks have run meanwhile (or two minutes
    have passed), which can only happen if other workers serve the e-mail queue."""
    log = os.environ["RABTA_TEST_TASK_LOG"]
    give_up = time.monotonic() + 120
    while time.monotonic() < give_up:
        with open(log, "a+") as f:
            f.seek(0)
            if sum(line.startswith("emails ") for line in f) >= seconds:
                break
        time.sleep(0.1)
    return _record("solves", number, 0.0)


def _record(queue: str, number: int, seconds: float) -> int:
    started = time.time()
    time.sleep(seconds)
    line = f"{queue} {number} {os.environ.get('RABTA_TEST_WORKER', '?')} {started} {time.time()}\n"
    with open(os.environ["RABTA_TEST_TASK_LOG"], "a") as log:  # O_APPEND: one write, one line
        log.write(line)
    return number


def enqueue(queue: str, count: int, seconds: float = 0.0) -> None:
    recorder = {"emails": record_email, "solves": record_solve}[queue]
    for number in range(count):
        recorder.enqueue(number=number, seconds=seconds)
