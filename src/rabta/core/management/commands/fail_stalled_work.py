"""Fail the background work whose worker died (scheduler runs, imports, and any queued task
still running after RABTA_TASK_MAX_SECONDS). Run it every minute
or so from cron or a systemd timer; pages showing such work also run it:

rabta fail_stalled_work
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from rabta.core import heartbeat


class Command(BaseCommand):
    help = (
        "Mark failed the scheduler runs and imports whose worker stopped beating "
        "(RABTA_TASK_STALE_SECONDS), so they can be started again, and the queued tasks still "
        "running after RABTA_TASK_MAX_SECONDS (their worker was lost)."
    )

    def handle(self, *args, **options):
        failed = heartbeat.fail_stalled_work()
        self.stdout.write(
            ngettext(
                "%(count)d stalled task was marked failed.",
                "%(count)d stalled tasks were marked failed.",
                failed,
            )
            % {"count": failed}
        )
