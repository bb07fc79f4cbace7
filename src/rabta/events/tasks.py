"""Background tasks of events: they take ids, load what they need and call one service."""

from __future__ import annotations

from django_tasks import task

from rabta.core.tasks import EMAILS, SOLVES


@task(queue_name=SOLVES)
def run_schedule(*, run_id: int) -> str:
    from rabta.events.schedule import schedule_run_execute

    return schedule_run_execute(run_id=run_id).status


@task(queue_name=EMAILS)
def deliver_agendas(*, version_id: int) -> str:
    from rabta.events.publication import agenda_delivery_run

    version = agenda_delivery_run(version_id=version_id)
    return version.delivery if version else "missing"


@task()
def place_late_acceptance(*, request_id: int) -> bool:
    from rabta.events.meeting_services import meeting_place_late

    return meeting_place_late(request_id=request_id) is not None
