"""messaging's part in a person's leaving (accounts/signals.py): their data export lists the
messages they wrote and their notifications. On deletion their notifications and e-mail
choices go with them (CASCADE); messages they wrote stay in the conversation, without author."""

from __future__ import annotations

from django.dispatch import receiver

from rabta.accounts.signals import account_data_requested
from rabta.messaging.models import Message, Notification


@receiver(account_data_requested, dispatch_uid="rabta.messaging.export_messaging_data")
def export_messaging_data(sender, user, **kwargs) -> dict:
    written = Message.objects.filter(author=user).select_related(
        "event", "sender__organisation", "recipient__organisation"
    )
    notifications = Notification.objects.filter(recipient=user)
    return {
        "messages_written": [
            {
                "event": m.event.slug,
                "from": m.sender.organisation.name,
                "to": m.recipient.organisation.name,
                "body": m.body,
                "created_at": m.created_at.isoformat(),
            }
            for m in written.order_by("created_at", "pk")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "text": str(n),
                "link": n.link,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in notifications.order_by("created_at", "pk")
        ],
    }
