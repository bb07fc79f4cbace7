"""Ask every participant with meetings for feedback, by e-mail in their own language."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.events.models import Event
from rabta.reports.feedback import feedback_request_send


class Command(BaseCommand):
    help = "E-mail each participant of an event a link to the feedback form (once; --force again)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="The event's address (slug).")
        parser.add_argument(
            "--force", action="store_true", help="Send again to those already asked."
        )

    def handle(self, *args, **options):
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(
                _("No event with the address “%(slug)s”.") % {"slug": options["event"]}
            )
        sent = feedback_request_send(event_id=event.pk, force=options["force"])
        self.stdout.write(
            ngettext(
                "%(count)d feedback e-mail queued for %(event)s.",
                "%(count)d feedback e-mails queued for %(event)s.",
                sent,
            )
            % {"count": sent, "event": event}
        )
