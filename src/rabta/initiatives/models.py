"""Initiatives: proposals (direct flights, joint programmes, translations, MoUs) tracked to done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedField
from rabta.core.i18n import localized


class Initiative(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    title = TranslatedField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = TranslatedField(_("description"), max_length=5000, multiline=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_at = models.CharField(
        _("proposed at"),
        max_length=200,
        blank=True,
        help_text=_("Where the proposal was made, e.g. a roundtable or a commission session."),
    )
    owners = models.ManyToManyField(
        "organisations.Organisation",
        related_name="initiatives",
        blank=True,
        verbose_name=_("owner organisations"),
    )
    events = models.ManyToManyField(
        "events.Event", related_name="initiatives", blank=True, verbose_name=_("linked events")
    )
    opportunities = models.ManyToManyField(
        "marketplace.Opportunity",
        related_name="initiatives",
        blank=True,
        verbose_name=_("linked opportunities"),
    )
    is_public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return localized(self.title) or self.slug

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)


class Milestone(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = TranslatedField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return localized(self.title)

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
