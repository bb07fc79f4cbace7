"""Ask both sides of every held meeting the second-stage outcome questions, months after."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.events.models import Event
from rabta.reports.outcomes import outcome_survey_send, outcome_surveys_due


class Command(BaseCommand):
    help = (
        "E-mail the second-stage outcome survey to the people of every event whose meetings "
        "ended RABTA_OUTCOME_SURVEY_MONTHS ago (each person once; run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--event", help="Only this event (its address, the slug).")

    def handle(self, *args, **options):
        if options["event"]:
            event = Event.objects.filter(slug=options["event"]).first()
            if event is None:
                raise CommandError(
                    _("No event with the address “%(slug)s”.") % {"slug": options["event"]}
                )
            sent = {event.slug: outcome_survey_send(event_id=event.pk)}
        else:
            sent = outcome_surveys_due()
        total = sum(sent.values())
        self.stdout.write(
            ngettext(
                "%(count)d second-survey e-mail queued.",
                "%(count)d second-survey e-mails queued.",
                total,
            )
            % {"count": total}
        )
