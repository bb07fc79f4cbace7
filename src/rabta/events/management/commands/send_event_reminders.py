"""Send the day-before reminder to every participant with meetings tomorrow. Run daily from cron:

rabta send_event_reminders            # events whose first slot is tomorrow in their time zone
rabta send_event_reminders --event delegation-day   # one event, whatever its date
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from rabta.events import notifications
from rabta.events.models import Event, Meeting, Registration


class Command(BaseCommand):
    help = "E-mail each participant a reminder the day before their meetings, in their language."

    def add_arguments(self, parser):
        parser.add_argument("--event", help="Only this event (its slug), whatever its date.")

    def handle(self, *args, event=None, **options):
        if event and not Event.objects.filter(slug=event).exists():  # a typo is said, not 0 done
            raise CommandError(gettext("No event with the address “%(slug)s”.") % {"slug": event})
        events = Event.objects.filter(slug=event) if event else Event.objects.all()
        total = 0
        for ev in events:
            if not ev.agendas_visible:
                continue
            now = timezone.localtime(timezone.now(), ev.tz)
            start = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
            meetings = Meeting.objects.for_event(ev)
            if not event:
                meetings = meetings.filter(
                    slot__start__gte=start, slot__start__lt=start + timedelta(days=1)
                )
            counts: dict[int, int] = {}
            for a, b in meetings.values_list("request__sender_id", "request__recipient_id"):
                for rid in (a, b):
                    counts[rid] = counts.get(rid, 0) + 1
            with transaction.atomic():
                for registration in (
                    Registration.objects.for_event(ev)
                    .filter(pk__in=counts)
                    .select_related("registered_by")
                    .prefetch_related("attendees")
                ):
                    notifications.reminder(ev, registration, counts[registration.pk])
                    total += 1
        self.stdout.write(
            ngettext(
                "Reminders sent to %(count)d participant.",
                "Reminders sent to %(count)d participants.",
                total,
            )
            % {"count": total}
        )
