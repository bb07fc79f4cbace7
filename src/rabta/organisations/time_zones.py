"""A person's time zone, defaulted from their organisation's country (core.time_zones).

When someone becomes a member of an organisation and has not chosen a zone, they get the zone of
the organisation's country (a Moscow distributor: Europe/Moscow; a Sialkot exporter: Asia/Karachi).
They change it on their account page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from rabta.core.time_zones import country_time_zone


def default_time_zones(user_ids: Iterable[int] | None = None) -> int:
    """Give every person without a zone (of ``user_ids``, or all) the zone of their first
    organisation's country. Returns how many were set; a chosen zone is never changed."""
    from rabta.organisations.models import Member

    members = Member.objects.filter(user__time_zone="").order_by("user_id", "pk")
    if user_ids is not None:
        members = members.filter(user_id__in=list(user_ids))
    first: dict[int, str] = {}
    for user_id, country in members.values_list("user_id", "organisation__country"):
        first.setdefault(user_id, country)
    by_zone: dict[str, list[int]] = {}
    for user_id, country in first.items():
        zone = country_time_zone(country)
        if zone:
            by_zone.setdefault(zone, []).append(user_id)
    User = get_user_model()
    return sum(
        User.objects.filter(pk__in=ids, time_zone="").update(time_zone=zone)
        for zone, ids in by_zone.items()
    )
