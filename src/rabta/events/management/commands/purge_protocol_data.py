"""Delete the protocol lists (names and identity details of visitors) of events that are over."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.events.programme_services import protocol_purge


class Command(BaseCommand):
    help = "Delete the protocol lists of company visits once their event is over (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")
        parser.add_argument("--now", help="Pretend it is this ISO date and time (for checks).")

    def handle(self, *args, dry_run: bool = False, now: str | None = None, **options):
        moment = None
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(
                    _("--now: not an ISO date and time: %(value)s") % {"value": now}
                ) from error
            if moment.tzinfo is None:
                raise CommandError(
                    _("--now needs a time zone offset, e.g. %(example)s")
                    % {"example": "2027-03-11T00:00+05:00"}
                )
        count = protocol_purge(now=moment, dry_run=dry_run)
        if dry_run:
            message = ngettext(
                "%(count)d protocol entry would be deleted.",
                "%(count)d protocol entries would be deleted.",
                count,
            )
        else:
            message = ngettext(
                "%(count)d protocol entry deleted.", "%(count)d protocol entries deleted.", count
            )
        self.stdout.write(message % {"count": count})
