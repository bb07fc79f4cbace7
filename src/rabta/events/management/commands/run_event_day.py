"""The day's sweep. Run every few minutes while an event runs (a systemd timer or cron):

rabta run_event_day                      # every event with a slot under way or just ended
rabta run_event_day --event delegation-day

Meetings whose both sides checked in are held; a side not checked in by the event's
"no-show after" minutes makes the meeting a no-show, and a partner who is there is offered a
meeting with a checked-in participant on the meeting waiting list (e-mail in their language).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext

from rabta.events.day import day_sweep
from rabta.events.models import Event, Slot


class Command(BaseCommand):
    help = "Mark meetings held or no-show and offer waiting-list meetings (the event day)."

    def add_arguments(self, parser):
        parser.add_argument("--event", help="Only this event (its slug).")

    def handle(self, *args, event=None, **options):
        if event and not Event.objects.filter(slug=event).exists():  # a typo is said, not 0 done
            raise CommandError(gettext("No event with the address “%(slug)s”.") % {"slug": event})
        now = timezone.now()
        if event:
            events = Event.objects.filter(slug=event)
        else:  # events with a slot that started in the last day
            ids = (
                Slot.objects.unscoped()
                .filter(start__lte=now, start__gte=now - timedelta(days=1))
                .values("event_id")
            )
            events = Event.objects.filter(pk__in=ids)
        held = no_shows = offers = 0
        for ev in events.iterator():
            sweep = day_sweep(event=ev, now=now)
            held, no_shows, offers = (
                held + sweep.held,
                no_shows + sweep.no_shows,
                offers + sweep.offers,
            )
        self.stdout.write(
            gettext(
                "Meetings held: %(held)d. No-shows: %(no_shows)d. Meetings offered: %(offers)d."
            )
            % {"held": held, "no_shows": no_shows, "offers": offers}
        )
