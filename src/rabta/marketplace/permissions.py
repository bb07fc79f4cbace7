"""Who may see and change opportunities and interests."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rabta.accounts.permissions import is_validator
from rabta.core.exceptions import NotPermitted
from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Organisation


def member_organisation_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_rabta_member_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organisation_id", flat=True))
        user._rabta_member_org_ids = cached
    return cached


def acting_organisation(user, organisation_id: int | None = None) -> Organisation:
    """The organisation the user acts for: the one asked for (if a member), else their first."""
    ids = member_organisation_ids(user)
    if not ids:
        raise NotPermitted(_("Join or register an organisation first."))
    if organisation_id is None:
        organisation_id = min(ids)
    if organisation_id not in ids:
        raise NotPermitted(_("You do not act for this organisation."))
    return Organisation.objects.get(pk=organisation_id)


def can_edit(user, opportunity: Opportunity) -> bool:
    return opportunity.organisation_id in member_organisation_ids(user)


def can_view(user, opportunity: Opportunity) -> bool:
    if can_edit(user, opportunity) or is_validator(user):
        return True
    return opportunity.is_live and opportunity.organisation.is_approved


def require_edit(user, opportunity: Opportunity) -> None:
    if not can_edit(user, opportunity):
        raise NotPermitted(
            _("Only members of the organisation that owns this opportunity can change it.")
        )
