"""Delete the protocol lists (names and identity details of visitors) of events that are over."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

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
                raise CommandError(f"--now: not an ISO date and time: {now}") from error
            if moment.tzinfo is None:
                raise CommandError("--now needs a time zone offset, e.g. 2027-03-11T00:00+05:00")
        count = protocol_purge(now=moment, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{count} protocol entries {verb}.")
