"""Outcomes (feedback per meeting and side) and bulk imports with their progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rabta.core.storage import get_private_storage


class DealKind(models.TextChoices):
    EXPORT_ORDER = "export_order", _("Export order")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")
    NONE = "none", _("No deal expected")


class Feedback(models.Model):
    """What one side says about one meeting after the event."""

    class Interest(models.IntegerChoices):
        NONE = 0, _("No interest")
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    meeting = models.ForeignKey("events.Meeting", on_delete=models.CASCADE, related_name="feedback")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="feedback"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    took_place = models.BooleanField(_("the meeting took place"))
    interest = models.PositiveSmallIntegerField(
        _("interest"), choices=Interest.choices, default=Interest.NONE
    )
    deal_kind = models.CharField(
        _("expected deal"), max_length=20, choices=DealKind.choices, default=DealKind.NONE
    )
    deal_value = models.DecimalField(
        _("expected deal size (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    follow_up = models.BooleanField(_("a follow-up is planned"), default=False)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting_id", "registration_id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="feedback_one_per_meeting_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} on {self.meeting_id}"

    @property
    def is_lead(self) -> bool:
        return self.took_place and (self.follow_up or self.interest >= self.Interest.MEDIUM)


class FeedbackInvitation(models.Model):
    """The e-mail asking one participant for feedback was sent (so it is sent once)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.registration} ({self.sent_at:%Y-%m-%d})"


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        PEOPLE = "people", _("People")
        OPPORTUNITIES = "opportunities", _("Opportunities")
        REGISTRATIONS = "registrations", _("Event registrations")
        TRADE_STATISTICS = "trade_statistics", _("Trade statistics")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        INVALID = "invalid", _("The file has errors")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    class Duplicates(models.TextChoices):
        SKIP = "skip", _("Skip the rows that already exist")
        MERGE = "merge", _("Merge them into the existing records")

    class Invite(models.TextChoices):
        NOW = "now", _("Invite them now: each gets an e-mail to choose a password")
        LATER = "later", _("Invite them later, from this page")

    kind = models.CharField(_("what to import"), max_length=20, choices=Kind.choices)
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Private storage (people's data); a random name; deleted once imported or abandoned.
    file = models.FileField(upload_to="imports/", storage=get_private_storage, blank=True)
    original_name = models.CharField(max_length=255)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{line, column, message}], capped
    duplicates = models.JSONField(default=list, blank=True)  # [{line, name, existing}], capped
    duplicate_count = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=list, blank=True)  # the first rows as read
    duplicate_action = models.CharField(max_length=5, choices=Duplicates.choices, blank=True)
    # People imports: whether the new accounts are e-mailed a link to choose a password at once.
    invite = models.CharField(max_length=5, choices=Invite.choices, blank=True)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # the worker's last sign of life while checking or importing (core.heartbeat); none while
    # the job waits for a worker
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    @property
    def progress(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def waits_for_a_worker(self) -> bool:
        """Uploaded longer ago than a beating worker stays silent, and no worker has begun its
        check: the task worker is busy with other files, or stopped."""
        from rabta.core.heartbeat import stale_before

        return (
            self.status == self.Status.CHECKING
            and self.heartbeat_at is None
            and self.created_at < stale_before()
        )


class ImportedAccount(models.Model):
    """An account a people import opened (it has no password until its owner chooses one)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="accounts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("imported account")
        verbose_name_plural = _("imported accounts")
        constraints = [
            models.UniqueConstraint(fields=["job", "user"], name="imported_account_once_per_job")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.job_id})"


class OutcomeFollowUp(models.Model):
    """The second-stage answer of one side about one held meeting, some months after the event
    (reports/outcomes.py): was a deal signed, of which kind, for how much. Its own record: the
    first answers (``Feedback``) are never changed by it."""

    meeting = models.ForeignKey(
        "events.Meeting", on_delete=models.CASCADE, related_name="outcome_follow_ups"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="outcome_follow_ups"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deal_signed = models.BooleanField(_("a deal was signed"))
    deal_kind = models.CharField(
        _("kind of deal"), max_length=20, choices=DealKind.choices, default=DealKind.NONE
    )
    deal_value = models.DecimalField(
        _("deal value (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting_id", "registration_id"]
        verbose_name = _("second-stage outcome")
        verbose_name_plural = _("second-stage outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="outcome_follow_up_one_per_meeting_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} on {self.meeting_id} (second stage)"


class OutcomeSurveyInvitation(models.Model):
    """One person was asked the second-stage questions of one event (so they are asked once)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="outcome_survey_asked_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id} ({self.sent_at:%Y-%m-%d})"
