"""Every write of the notification centre, of messages and of announcements."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.core.mail import queue_mail_to_user
from rabta.events.models import Event, Registration
from rabta.events.notifications import recipients
from rabta.events.permissions import can_manage
from rabta.messaging import selectors
from rabta.messaging.kinds import kind_of
from rabta.messaging.models import Announcement, EmailChoice, Message, Notification

MESSAGE_MAX_LENGTH = 2000
ANNOUNCEMENT_MAX_LENGTH = 4000


def _jsonable(value):
    """A translated name as a plain dict (or a string) for the notification's parameters."""
    if value is None or isinstance(value, str):
        return value
    try:
        return dict(value)
    except (TypeError, ValueError):
        return str(value)


def wants_email(user, kind: str) -> bool:
    """Whether ``user`` receives notifications of ``kind`` by e-mail too (yes until they say no)."""
    category = kind_of(kind).category
    if not category:
        return True
    choice = EmailChoice.objects.filter(user=user).first()
    return choice is None or getattr(choice, category)


def _notify(users, *, kind: str, event: Event | None, params: dict, link: str) -> None:
    users = list(users)
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, event=event, params=params, link=link[:300])
        for user in users
    )
    selectors.forget_unread(*(user.pk for user in users))


def notification_from_event_mail(*, user, name: str, context: dict) -> bool:
    """Record what an event's e-mail tells ``user``; returns whether the e-mail should go too."""
    kind = kind_of(name)
    event = Event.objects.filter(pk=context.get("event_id")).first()
    _notify(
        [user],
        kind=name,
        event=event,
        params={
            "event": _jsonable(context.get("event_name")),
            "partner": _jsonable(context.get(kind.partner_key)) if kind.partner_key else None,
        },
        link=context.get(kind.link_key) or context.get("event_url") or "",
    )
    return wants_email(user, name)


def notification_mark_read(*, actor, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=actor).first()
    if notification is None:
        raise NotFound(_("This notification does not exist, or it is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        selectors.forget_unread(actor.pk)
    return notification


def notifications_mark_all_read(*, actor) -> int:
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    selectors.forget_unread(actor.pk)
    return count


def email_choice_update(*, actor, **choices: bool) -> EmailChoice:
    unknown = set(choices) - set(EmailChoice.CATEGORIES)
    if unknown:
        raise InvalidInput(
            field_errors={name: [_("This is not a kind of notification.")] for name in unknown}
        )
    choice, _created = EmailChoice.objects.get_or_create(user=actor)
    for name, value in choices.items():
        setattr(choice, name, bool(value))
    choice.save()
    return choice


def _mail(users, *, kind: str, template: str, context: dict) -> None:
    for user in users:
        if wants_email(user, kind):
            queue_mail_to_user(
                user_or_email=user,
                subject_template=f"messaging/emails/{template}_subject.txt",
                body_template=f"messaging/emails/{template}.txt",
                context=context,
            )


def _check_body(body: str, limit: int) -> str:
    body = (body or "").strip()
    if not body:
        raise InvalidInput(field_errors={"body": [_("Write a message first.")]})
    if len(body) > limit:
        raise InvalidInput(
            field_errors={
                "body": [
                    _("A message may be at most %(limit)d characters long (this one has %(n)d).")
                    % {"limit": limit, "n": len(body)}
                ]
            }
        )
    return body


@transaction.atomic
def message_send(*, actor, sender: Registration, recipient: Registration, body: str) -> Message:
    """``actor`` (a member of ``sender``'s organisation) writes to ``recipient``: both approved
    participants of the same event. Limited per author (RABTA_MESSAGES_PER_HOUR)."""
    event = sender.event
    if not selectors.is_participant(actor, sender):
        raise NotPermitted(_("Only a participant of this event may write to its participants."))
    if (
        recipient.event_id != event.pk
        or recipient.pk == sender.pk
        or recipient.status != Registration.Status.APPROVED
    ):
        raise InvalidInput(
            field_errors={
                "recipient": [_("You can only write to another participant of this event.")]
            }
        )
    body = _check_body(body, MESSAGE_MAX_LENGTH)
    limit = settings.RABTA_MESSAGES_PER_HOUR
    recent = Message.objects.filter(
        author=actor, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= limit:
        raise InvalidInput(
            _(
                "You have sent %(limit)d messages in the last hour, the most allowed. "
                "Please write again later."
            )
            % {"limit": limit}
        )
    message = Message.objects.create(
        event=event, sender=sender, recipient=recipient, author=actor, body=body
    )
    link = reverse("messaging:conversation", args=[event.slug, sender.pk])
    people = recipients(recipient)
    _notify(
        people,
        kind="message",
        event=event,
        params={"event": _jsonable(event.name), "partner": _jsonable(sender.organisation.name)},
        link=link,
    )
    _mail(
        people,
        kind="message",
        template="message_received",
        context={
            "event_name": _jsonable(event.name),
            "sender_name": _jsonable(sender.organisation.name),
            "body": body,
            "url": link,
        },
    )
    return message


@transaction.atomic
def announcement_send(
    *,
    actor,
    event: Event,
    body: str,
    audience: str = Announcement.Audience.EVERYONE,
    country: str = "",
    sector=None,
    status: str = "",
) -> Announcement:
    """An event's manager tells everyone registered, or one group, something (kept as written)."""
    if not can_manage(actor, event):
        raise NotPermitted()
    body = _check_body(body, ANNOUNCEMENT_MAX_LENGTH)
    registrations = selectors.audience(
        event, audience=audience, country=country, sector=sector, status=status
    )
    announcement = Announcement.objects.create(
        event=event, author=actor, audience=audience, country=country.upper(), sector=sector,
        status=status, body=body,
    )  # fmt: skip
    people = {}
    for registration in registrations:
        for user in recipients(registration):
            people[user.pk] = user
    link = reverse("messaging:announcement", args=[event.slug, announcement.pk])
    users = list(people.values())
    _notify(
        users,
        kind="announcement",
        event=event,
        params={"event": _jsonable(event.name), "announcement": announcement.pk},
        link=link,
    )
    _mail(
        users,
        kind="announcement",
        template="announcement",
        context={"event_name": _jsonable(event.name), "body": body, "url": link},
    )
    announcement.reached = len(users)
    announcement.save(update_fields=["reached"])
    audit_log(
        actor=actor,
        action="rabta.event.announcement.sent",
        obj=event,
        data={"announcement": announcement.pk, "audience": audience, "reached": len(users)},
    )
    return announcement


def conversation_mark_read(*, actor, event: Event, other: Registration) -> int:
    """Opening a conversation reads the notifications of its messages."""
    link = reverse("messaging:conversation", args=[event.slug, other.pk])
    count = Notification.objects.filter(
        recipient=actor, kind="message", event=event, link=link, read_at__isnull=True
    ).update(read_at=timezone.now())
    if count:
        selectors.forget_unread(actor.pk)
    return count
