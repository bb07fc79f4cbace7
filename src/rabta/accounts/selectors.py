"""Reads for the accounts pages: the audit log with its filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rabta.accounts.models import ApiToken, User
from rabta.core.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_entries(filters: AuditFilter) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, narrowed by action prefix, actor and dates (inclusive)."""
    entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    if filters.actor:
        term = filters.actor.strip()
        entries = entries.filter(
            Q(actor__username__iexact=term)
            | Q(actor__email__iexact=term)
            | Q(actor__full_name__icontains=term)
        )
    if filters.date_from:
        entries = entries.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(created_at__date__lte=filters.date_to)
    return entries


def audit_action_choices() -> list[str]:
    """The distinct action keys recorded so far, for the filter's list."""
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
