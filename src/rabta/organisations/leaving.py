"""A person leaving rabta (accounts.signals): their organisations keep their other people, and
an organisation never loses its last administrator while it still has members; their own data
about organisations goes into their export."""

from __future__ import annotations

from django.dispatch import receiver

from rabta.accounts.signals import account_closing, account_data_requested
from rabta.core.audit import audit_log
from rabta.organisations.models import JoinRequest, Member


@receiver(account_closing, dispatch_uid="rabta.organisations.hand_over_administration")
def hand_over_administration(sender, user, **kwargs) -> None:
    """Where the person is the last administrator, the longest-standing other member takes over."""
    for membership in Member.objects.select_related("organisation").filter(
        user=user, role=Member.Role.ADMIN
    ):
        others = Member.objects.filter(organisation=membership.organisation).exclude(user=user)
        if others.filter(role=Member.Role.ADMIN).exists():
            continue
        successor = others.order_by("created_at", "id").first()
        if successor is None:
            continue  # nobody else: the organisation stays, for its validators to decide on
        successor.role = Member.Role.ADMIN
        successor.save(update_fields=["role"])
        audit_log(
            actor=None,
            action="rabta.organisation.member.promoted_on_leaving",
            obj=membership.organisation,
            data={"user_id": successor.user_id},
        )


@receiver(account_data_requested, dispatch_uid="rabta.organisations.export_memberships")
def export_memberships(sender, user, **kwargs) -> dict:
    return {
        "memberships": [
            {
                "organisation": member.organisation.name,
                "organisation_address": member.organisation.slug,
                "role": member.role,
                "position": member.position,
                "shown_in_directory": member.is_public,
                "since": member.created_at.isoformat(),
            }
            for member in Member.objects.select_related("organisation").filter(user=user)
        ],
        "join_requests": [
            {
                "organisation": request.organisation.name,
                "status": request.status,
                "message": request.message,
                "reason": request.reason,
                "created_at": request.created_at.isoformat(),
                "decided_at": request.decided_at.isoformat() if request.decided_at else None,
            }
            for request in JoinRequest.objects.select_related("organisation").filter(user=user)
        ],
    }
