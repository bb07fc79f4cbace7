"""Reads of initiatives for the public pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from rabta.core.exceptions import NotFound
from rabta.initiatives import permissions
from rabta.initiatives.models import Initiative, Milestone


def public_initiatives(*, status: str = "") -> QuerySet[Initiative]:
    queryset = (
        Initiative.objects.filter(is_public=True)
        .prefetch_related("owners")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
    )
    if status in Initiative.Status.values:
        queryset = queryset.filter(status=status)
    return queryset


def initiative_for(user, slug: str) -> Initiative:
    initiative = (
        Initiative.objects.prefetch_related(
            "owners",
            "events",
            "opportunities__organisation",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
        )
        .filter(slug=slug)
        .first()
    )
    if initiative is None or not permissions.can_view(user, initiative):
        raise NotFound()
    return initiative
