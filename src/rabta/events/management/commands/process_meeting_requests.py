"""The daily rules of meeting requests. Run daily from cron, like send_event_reminders:

rabta process_meeting_requests                 # every event
rabta process_meeting_requests --event delegation-day

Recipients of requests unanswered for the event's "remind after (days)" get one reminder;
at the request deadline, requests still unanswered expire and their senders are told. Every
e-mail is in its recipient's language.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from rabta.events.meeting_services import meeting_requests_expire, meeting_requests_remind
from rabta.events.models import Event


class Command(BaseCommand):
    help = "Remind about unanswered meeting requests and expire them at the request deadline."

    def add_arguments(self, parser):
        parser.add_argument("--event", help="Only this event (its slug).")

    def handle(self, *args, event=None, **options):
        if event and not Event.objects.filter(slug=event).exists():  # a typo is said, not 0 done
            raise CommandError(gettext("No event with the address “%(slug)s”.") % {"slug": event})
        events = Event.objects.filter(slug=event) if event else Event.objects.all()
        reminded = expired = 0
        for ev in events.iterator():
            reminded += meeting_requests_remind(event=ev)
            expired += meeting_requests_expire(event=ev)
        self.stdout.write(
            gettext("Reminders sent: %(reminded)d. Requests expired: %(expired)d.")
            % {"reminded": reminded, "expired": expired}
        )
