"""The notification centre listens to what events tell people (events/notifications.py)."""

from __future__ import annotations

from django.dispatch import receiver

from rabta.events.notifications import person_notified
from rabta.messaging import services


@receiver(person_notified, dispatch_uid="messaging.notification_from_event_mail")
def on_person_notified(sender, *, user, name: str, context: dict, **kwargs) -> bool:
    """Keep a notification; False (no e-mail) when the person chose not to get this kind."""
    return services.notification_from_event_mail(user=user, name=name, context=context)
