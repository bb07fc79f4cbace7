"""Who may do what with an organisation. Services enforce these; templates use them to hide links.

Roles: anonymous visitor; participant (a member of some organisation); an organisation's own
admin member; the site's validators (``is_validator``, and site admins: ``is_superuser``).
Organisers (``is_organiser``) run events; that gives them no power over organisations.
"""

from __future__ import annotations

from rabta.accounts.permissions import is_validator
from rabta.organisations.models import Member, Organisation


def is_signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_staff_role(user) -> bool:
    """The site's validators (and site admins) validate organisations and may edit any of them."""
    return is_validator(user)


def membership(user, organisation: Organisation) -> Member | None:
    if not is_signed_in(user) or organisation.pk is None:
        return None
    cache = getattr(user, "_rabta_memberships", None)
    if cache is None:
        cache = {m.organisation_id: m for m in Member.objects.filter(user=user)}
        user._rabta_memberships = cache
    return cache.get(organisation.pk)


def forget_memberships(user) -> None:
    """Drop the per-request membership cache after a membership changed."""
    if user is not None and hasattr(user, "_rabta_memberships"):
        del user._rabta_memberships


def is_member(user, organisation: Organisation) -> bool:
    return membership(user, organisation) is not None


def is_admin_member(user, organisation: Organisation) -> bool:
    found = membership(user, organisation)
    return found is not None and found.role == Member.Role.ADMIN


def can_edit(user, organisation: Organisation) -> bool:
    return is_staff_role(user) or is_admin_member(user, organisation)


def can_manage_members(user, organisation: Organisation) -> bool:
    return can_edit(user, organisation)


def can_see_contacts(user, organisation: Organisation) -> bool:
    """Contact e-mail and phone: the organisation's own members, validators and site admins."""
    return is_staff_role(user) or is_member(user, organisation)


def can_view(user, organisation: Organisation) -> bool:
    """Approved organisations are public; others only to their members and to staff."""
    return organisation.is_approved or can_see_contacts(user, organisation)


def can_edit_member(user, member: Member) -> bool:
    """A person edits their own entry; the organisation's admins and staff edit anyone's."""
    return (is_signed_in(user) and member.user_id == user.pk) or can_edit(user, member.organisation)
