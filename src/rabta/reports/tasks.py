"""Background tasks of reports: they take ids and call one service."""

from __future__ import annotations

from django_tasks import task

from rabta.core.tasks import EMAILS, IMPORTS


@task(queue_name=IMPORTS)
def check_import(*, job_id: int) -> str:
    from rabta.reports.imports import import_check

    return import_check(job_id=job_id).status


@task(queue_name=IMPORTS)
def commit_import(*, job_id: int) -> str:
    from rabta.reports.imports import import_commit

    return import_commit(job_id=job_id).status


@task(queue_name=EMAILS)
def send_feedback_requests(*, event_id: int) -> int:
    from rabta.reports.feedback import feedback_request_send

    return feedback_request_send(event_id=event_id)


@task(queue_name=EMAILS)
def send_outcome_surveys() -> int:
    """The daily second-stage survey run, for a scheduler that enqueues tasks."""
    from rabta.reports.outcomes import outcome_surveys_due

    return sum(outcome_surveys_due().values())
