"""The notification centre, messages between participants and organisers' announcements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One thing a person was told: a translatable sentence chosen by ``kind`` and filled with
    ``params`` when it is shown, so that it reads in the reader's language of the moment."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
        ]

    def __str__(self) -> str:
        from rabta.messaging.kinds import sentence

        return sentence(self)


class Message(models.Model):
    """A message between two registrations of one event, kept as written."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="messages_sent"
    )
    recipient = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="messages_received"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["sender", "recipient", "created_at"], name="message_pair"),
            models.Index(fields=["author", "created_at"], name="message_author_recent"),
        ]

    def __str__(self) -> str:
        return self.body[:50]


class Announcement(models.Model):
    """An organiser's message to the participants of an event, or to a group of them."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone registered")
        COUNTRY = "country", _("Organisations of one country")
        SECTOR = "sector", _("Organisations of one sector")
        STATUS = "status", _("Registrations in one state")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    sector = models.ForeignKey(
        "organisations.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sector"),
    )
    status = models.CharField(_("registration state"), max_length=10, blank=True)
    body = models.TextField(_("announcement"), max_length=4000)
    reached = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:50]


class EmailChoice(models.Model):
    """Which kinds of notification a person also receives by e-mail (all, until they choose)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_choice"
    )
    requests = models.BooleanField(_("new meeting requests and reminders"), default=True)
    answers = models.BooleanField(_("answers to my requests"), default=True)
    changes = models.BooleanField(_("changes to my meetings and events"), default=True)
    messages = models.BooleanField(_("messages from other participants"), default=True)
    announcements = models.BooleanField(_("announcements from organisers"), default=True)

    CATEGORIES = ("requests", "answers", "changes", "messages", "announcements")

    def __str__(self) -> str:
        return str(self.user)
