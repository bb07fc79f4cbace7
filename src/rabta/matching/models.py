"""What a participant chose not to see again among their recommendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Organisation


class HiddenRecommendation(models.Model):
    """One hidden opportunity or partner organisation, for one participant organisation only.

    Hiding never changes anybody else's ranking: it is a private filter, not a signal.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hidden recommendation")
        verbose_name_plural = _("hidden recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(opportunity__isnull=False, partner__isnull=True)
                | Q(opportunity__isnull=True, partner__isnull=False),
                name="hidden_recommendation_one_target",
            ),
            models.UniqueConstraint(
                fields=["organisation", "opportunity"], name="hidden_opportunity_once"
            ),
            models.UniqueConstraint(fields=["organisation", "partner"], name="hidden_partner_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.opportunity or self.partner}"


class OrganisationFeature(models.Model):
    """Index rows of an approved organisation's public profile: ``hs4:9018``, ``sec:energy``.

    Lets recommendations find partner organisations that have published no opportunity yet.
    Kept by signals on Organisation (see matching/signals.py).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    dim = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["key", "organisation", "dim"], name="match_orgfeature_key_idx")
        ]

    def __str__(self) -> str:
        return self.key
