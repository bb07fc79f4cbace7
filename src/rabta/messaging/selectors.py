"""Reads of the notification centre, of conversations and of announcements' audiences."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput
from rabta.events.models import Event, Registration
from rabta.events.permissions import can_manage
from rabta.messaging.models import Announcement, Message, Notification
from rabta.organisations.countries import country_name

UNREAD_SECONDS = 300


def _unread_key(user_id: int) -> str:
    return f"rabta:messaging:unread:{user_id}"


def forget_unread(*user_ids: int) -> None:
    """Drop the cached unread counts of ``user_ids`` (now and once the transaction commits)."""
    from django.db import transaction

    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete_many(keys))


def unread_count(user) -> int:
    """The header's figure: one indexed count, cached until the person's notifications change."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return cache.get_or_set(
        _unread_key(user.pk),
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        UNREAD_SECONDS,
    )


def notifications_of(user):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def is_participant(user, registration: Registration) -> bool:
    """A member of the organisation of an approved registration."""
    return bool(
        getattr(user, "is_authenticated", False)
        and registration.status == Registration.Status.APPROVED
        and user.memberships.filter(organisation_id=registration.organisation_id).exists()
    )


def my_participation(event: Event, user) -> Registration | None:
    """The approved registration through which ``user`` takes part in ``event``."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _approved(event, organisation__members__user=user)


def participant(event: Event, registration_id: int) -> Registration | None:
    """An approved registration of ``event`` (None for anyone else)."""
    return _approved(event, pk=registration_id)


def _approved(event: Event, **lookup) -> Registration | None:
    """The first approved registration of ``event`` that ``lookup`` finds, with its
    organisation (and the event it was looked up in)."""
    registration = (
        Registration.objects.for_event(event)
        .filter(**lookup, status=Registration.Status.APPROVED)
        .select_related("organisation")
        .first()
    )
    if registration is not None:
        registration.event = event
    return registration


def conversation(mine: Registration, other: Registration) -> list[Message]:
    return list(
        Message.objects.filter(
            Q(sender=mine, recipient=other) | Q(sender=other, recipient=mine)
        ).select_related("author", "sender__organisation")
    )


def conversations_of(registration: Registration) -> list[dict]:
    """The other registrations ``registration`` exchanged messages with, latest first."""
    rows = (
        Message.objects.filter(Q(sender=registration) | Q(recipient=registration))
        .order_by("-created_at")
        .values_list("sender_id", "recipient_id", "created_at")
    )
    latest: dict[int, object] = {}
    for sender_id, recipient_id, created in rows:
        other = recipient_id if sender_id == registration.pk else sender_id
        latest.setdefault(other, created)
    others = (
        Registration.objects.for_event(registration.event_id)
        .filter(pk__in=latest)
        .select_related("organisation")
    )
    return sorted(
        ({"registration": r, "latest": latest[r.pk]} for r in others),
        key=lambda row: row["latest"],
        reverse=True,
    )


def audience(event: Event, *, audience: str, country: str = "", sector=None, status: str = ""):
    """The registrations an announcement reaches; a clear error for a filter that makes no sense."""
    registrations = Registration.objects.for_event(event).prefetch_related("attendees")
    registrations = registrations.select_related("registered_by")
    if audience == Announcement.Audience.EVERYONE:
        return registrations.filter(status=Registration.Status.APPROVED)
    if audience == Announcement.Audience.COUNTRY:
        code = (country or "").strip().upper()
        if not code or not country_name(code) or country_name(code) == code:
            raise InvalidInput(field_errors={"country": [_("Choose a country.")]})
        return registrations.filter(status=Registration.Status.APPROVED, organisation__country=code)
    if audience == Announcement.Audience.SECTOR:
        if sector is None:
            raise InvalidInput(field_errors={"sector": [_("Choose a sector.")]})
        return registrations.filter(
            status=Registration.Status.APPROVED, organisation__sectors=sector
        ).distinct()
    if audience == Announcement.Audience.STATUS:
        if status not in Registration.Status.values:
            raise InvalidInput(field_errors={"status": [_("Choose a registration state.")]})
        return registrations.filter(status=status)
    raise InvalidInput(field_errors={"audience": [_("Choose who receives the announcement.")]})


def announcement_for(event: Event, announcement_id: int, user) -> Announcement | None:
    """An announcement its reader may see: a manager of the event, or someone it reached."""
    announcement = Announcement.objects.filter(event=event, pk=announcement_id).first()
    if announcement is None:
        return None
    if can_manage(user, event):
        return announcement
    reached = Notification.objects.filter(
        recipient=user, kind="announcement", event=event, params__announcement=announcement.pk
    ).exists()
    return announcement if reached else None


def announcements_of(event: Event):
    return Announcement.objects.filter(event=event).select_related("author", "sector")
