"""Badges: one per person attending for an approved-or-pending registration, with a code of
its own (and a QR code holding ``rabta:<event>:<code>``); scanning it checks that person in.

A badge is made when a person is added to a registration's attendees (any path: the
registration form, the API, an import, the demo) and removed with them unless it was used.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models.signals import m2m_changed

from rabta.events.models import Badge, Registration, new_code


def badges_ensure(*, registration: Registration) -> None:
    """Give every attendee of ``registration`` a badge; drop unused badges of people who no
    longer attend."""
    attendees = set(registration.attendees.values_list("pk", flat=True))
    badges = Badge.objects.filter(registration=registration)
    badges.exclude(person_id__in=attendees).filter(checked_in_at__isnull=True).delete()
    missing = attendees - set(badges.values_list("person_id", flat=True))
    for person_id in sorted(missing):
        for _attempt in range(5):  # a code already taken in this event: draw another
            try:
                with transaction.atomic():
                    Badge.objects.create(
                        event_id=registration.event_id,
                        registration=registration,
                        person_id=person_id,
                        code=new_code(),
                    )
                break
            except IntegrityError:
                continue


def _attendees_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # user.attending.add(registration): each registration concerned
        pks = kwargs.get("pk_set") or []
        for registration in Registration.objects.unscoped().filter(pk__in=pks):
            badges_ensure(registration=registration)
        return
    badges_ensure(registration=instance)


def connect() -> None:
    m2m_changed.connect(
        _attendees_changed,
        sender=Registration.attendees.through,
        dispatch_uid="rabta.events.badges",
    )
