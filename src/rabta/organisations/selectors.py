from __future__ import annotations

from django.db.models import QuerySet

from rabta.organisations.models import Organisation, Sector


def approved_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(validation=Organisation.Validation.APPROVED)


def directory_stats() -> dict[str, int]:
    approved = approved_organisations()
    return {
        "organisations": approved.count(),
        "countries": approved.values("country").distinct().count(),
        "sectors": Sector.objects.count(),
    }


def featured_organisations(*, limit: int = 6) -> list[Organisation]:
    return list(approved_organisations().order_by("-validated_at", "-id")[:limit])
