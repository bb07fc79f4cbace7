"""Group sessions (1:n): a host meets several participants at once at a larger table.

The host (a registration, optionally one of its representatives) creates a session with a
topic and a capacity; participants ask to join; the host or the organiser accepts or
declines. The scheduler places every session that has accepted members beside the
one-to-one meetings (``rabta.scheduling.formats``) and writes its slot, table and
interpreter here.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rabta.events.models import (
    Badge,
    Event,
    EventScoped,
    Interpreter,
    Registration,
    Slot,
    Table,
)


class GroupSession(EventScoped):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="group_sessions")
    host = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="hosted_groups")
    host_person = models.ForeignKey(
        Badge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("host in person"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("The most participants the host meets at once."),
    )
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.SET_NULL, related_name="group_sessions"
    )
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.SET_NULL, related_name="group_sessions"
    )
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")

    def __str__(self) -> str:
        return self.topic

    @property
    def accepted(self):
        return [m for m in self.members.all() if m.status == GroupMember.Status.ACCEPTED]


class GroupMember(EventScoped):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="members")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="group_memberships"
    )
    person = models.ForeignKey(
        Badge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("group session member")
        verbose_name_plural = _("group session members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "registration"], name="group_member_unique_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.group}"
