"""Who may change an initiative: organisers, and the admins of its owner organisations."""

from __future__ import annotations

from rabta.accounts.permissions import is_organiser
from rabta.initiatives.models import Initiative
from rabta.organisations.permissions import is_admin_member


def can_edit(user, initiative: Initiative) -> bool:
    if is_organiser(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return any(is_admin_member(user, owner) for owner in initiative.owners.all())


def can_view(user, initiative: Initiative) -> bool:
    return initiative.is_public or can_edit(user, initiative)
