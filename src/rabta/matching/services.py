"""Writes of matching: hiding a recommendation (and showing it again)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput, NotFound
from rabta.marketplace.models import Opportunity
from rabta.marketplace.permissions import (
    acting_organisation,
    can_view,
    member_organisation_ids,
)
from rabta.matching.models import HiddenRecommendation
from rabta.organisations.models import Organisation


@transaction.atomic
def recommendation_hide(
    *,
    user,
    opportunity: Opportunity | None = None,
    partner: Organisation | None = None,
    organisation: Organisation | None = None,
) -> HiddenRecommendation:
    """Hide an opportunity or a partner from this participant's recommendations only."""
    organisation = acting_organisation(user, organisation.pk if organisation else None)
    if (opportunity is None) == (partner is None):
        raise InvalidInput(_("Choose one opportunity or one partner to hide."))
    # Only what could have been recommended: hiding must not tell drafts or unapproved
    # organisations apart from ids that do not exist.
    if opportunity is not None and not can_view(user, opportunity):
        raise NotFound()
    if partner is not None and not partner.is_approved:
        raise NotFound()
    lookup = {"opportunity": opportunity} if opportunity is not None else {"partner": partner}
    hidden, _created = HiddenRecommendation.objects.get_or_create(
        organisation=organisation, **lookup, defaults={"hidden_by": user}
    )
    return hidden


@transaction.atomic
def recommendation_unhide(*, user, hidden_id: int) -> None:
    """Show a hidden opportunity or partner again, to the organisation that hid it: any of
    its members may. Someone else's (or an unknown id) is not found."""
    deleted, _rows = HiddenRecommendation.objects.filter(
        pk=hidden_id, organisation_id__in=member_organisation_ids(user)
    ).delete()
    if not deleted:
        raise NotFound()
