"""Rebuild the search and recommendation index of every opportunity and organisation profile.

Run it after an upgrade that changed rabta's vocabulary (src/rabta/vocabulary/data) or how texts
are read: until then, search and recommendations read the index as the old vocabulary built it.
Safe to run while the site is up and to run again: each batch is its own transaction.

rabta reindex                       # every opportunity, then every organisation profile
rabta reindex --batch-size 200
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from rabta.core.cache import bump
from rabta.marketplace.indexing import reindex
from rabta.marketplace.models import Opportunity
from rabta.matching.profiles import reindex_organisation
from rabta.organisations.models import Organisation


def _batches(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class Command(BaseCommand):
    help = _(
        "Rebuild the search and recommendation index of every opportunity and organisation "
        "profile (after an upgrade that changed the vocabulary)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help=_("Rows per transaction (default 500).")
        )

    def handle(self, *args, batch_size: int = 500, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size must be a whole number above zero."))
        ids = list(Opportunity.objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        for batch in _batches(ids, batch_size):
            with transaction.atomic():
                for opportunity in (
                    Opportunity.objects.filter(pk__in=batch)
                    .select_related("organisation")
                    .prefetch_related("sectors")
                ):
                    reindex(opportunity)
            done += len(batch)
            self.stdout.write(
                _("Opportunities: %(done)d of %(total)d") % {"done": done, "total": len(ids)}
            )
        ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        for batch in _batches(ids, batch_size):
            with transaction.atomic():
                for organisation in Organisation.objects.filter(pk__in=batch):
                    reindex_organisation(organisation)
            done += len(batch)
            self.stdout.write(
                _("Organisation profiles: %(done)d of %(total)d")
                % {"done": done, "total": len(ids)}
            )
        bump("directory", "marketplace", "recommendations")
        self.stdout.write(self.style.SUCCESS(_("The index is rebuilt.")))
