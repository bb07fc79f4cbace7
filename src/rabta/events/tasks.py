"""Background tasks of events: they take ids, load what they need and call one service."""

from __future__ import annotations

from django_tasks import task


@task()
def run_schedule(*, run_id: int) -> str:
    from rabta.events.schedule import schedule_run_execute

    return schedule_run_execute(run_id=run_id).status


@task()
def deliver_agendas(*, version_id: int) -> str:
    from rabta.events.publication import agenda_delivery_run

    version = agenda_delivery_run(version_id=version_id)
    return version.delivery if version else "missing"
