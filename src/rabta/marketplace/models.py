"""Cooperation opportunities (EEN partnering-profile style), their attachments and interests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedField
from rabta.core.i18n import localized
from rabta.core.storage import get_private_storage
from rabta.marketplace.suggestions import suggested_headings_of
from rabta.organisations.models import Organisation, Sector


class Kind(models.TextChoices):
    EXPORT_OFFER = "export_offer", _("Export offer")
    SOURCING_REQUEST = "sourcing_request", _("Sourcing request")
    JOINT_VENTURE = "joint_venture", _("Joint venture or investment")
    TECHNOLOGY = "technology", _("Technology or know-how")
    EDUCATION = "education", _("Education partnership")
    CULTURE = "culture", _("Culture and translation project")


class Role(models.TextChoices):
    """Which side of the deal the owner is on (fixed for export offers and sourcing requests)."""

    OFFER = "offer", _("We offer (we invest, sell or provide)")
    SEEK = "seek", _("We seek (we need investment, a supplier or a provider)")
    PARTNER = "partner", _("We look for a partner on equal terms")


class Opportunity(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    role = models.CharField(_("your side"), max_length=10, choices=Role.choices, default=Role.OFFER)
    languages = models.JSONField(
        _("languages of the texts"),
        default=list,
        help_text=_(
            "The languages you write this opportunity in; texts in other languages are refused."
        ),
    )
    title = TranslatedField(_("title"), max_length=200)
    description = TranslatedField(_("description"), max_length=5000, multiline=True, blank=True)
    work_languages = models.JSONField(
        _("languages of work"),
        default=list,
        blank=True,
        help_text=_("Languages you can hold a meeting or correspond in."),
    )
    sectors = models.ManyToManyField(
        Sector, related_name="opportunities", blank=True, verbose_name=_("sectors")
    )
    hs_codes = models.JSONField(_("HS codes"), default=list, blank=True)
    # 4-digit HS headings proposed by the title, description and product (rabta.vocabulary),
    # recomputed by save() whenever they change: what matching reads when hs_codes is empty.
    suggested_headings = models.JSONField(
        _("suggested HS headings"), default=list, blank=True, editable=False
    )
    countries = models.JSONField(_("target countries"), default=list, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Moderation by the site's validators: a hidden opportunity is invisible to everyone but its
    # owner and the validators.
    is_hidden = models.BooleanField(_("hidden by an organiser"), default=False)
    moderation_note = models.TextField(_("moderation note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Published, not hidden, and its organisation approved: what search and matching list.
    # Kept by the services and by a signal on Organisation (see marketplace/signals.py).
    is_listed = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Normalised text of every language (casefolded, without combining marks) for full-text search.
    search_text = models.TextField(editable=False, blank=True)
    # Distinct normalised words of the title and description: the lexical similarity features.
    terms = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["is_listed", "-published_at", "-id"], name="mkt_opp_listed_idx"),
            models.Index(fields=["organisation", "status"], name="mkt_opp_org_status_idx"),
        ]

    def __str__(self) -> str:
        return localized(self.title) or f"#{self.pk}"

    def save(self, *args, **kwargs):
        """Recompute the suggested HS headings when the text they come from is saved."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "description", "details"} & set(update_fields):
            self.suggested_headings = suggested_headings_of(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "suggested_headings"}
        super().save(*args, **kwargs)

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_hidden

    def compute_is_listed(self) -> bool:
        return self.is_live and self.organisation.is_approved

    @property
    def side(self) -> str:
        from rabta.marketplace.features import side_of

        return side_of(self.kind, self.role)


class OpportunityFeature(models.Model):
    """Index rows of a live opportunity for candidate generation and filters.

    ``key`` is ``"<side>|<dimension>:<value>"`` (``trade.seek|hs4:9018``, ``jv.offer|sec:energy``,
    ``trade.offer|cpt:basmati-rice`` a concept its text names, see marketplace/concepts.py)
    or a side-less filter key (``cty:RU`` target country, ``org:PK`` the owner's country,
    ``lng:ru`` a language of work). Only listed opportunities have rows; services rebuild them
    on every write.
    """

    class Dimension(models.IntegerChoices):
        FILTER = 0, "filter"
        SECTOR = 1, "sector"
        HS2 = 2, "HS chapter"
        CONCEPT = 3, "concept named in the title or product"
        HS4 = 4, "HS heading"
        CONCEPT_MENTION = 5, "concept named in the description"
        HS6 = 6, "HS subheading"
        CONCEPT_SECTOR = 7, "sector of a concept named in the title or product"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="features")
    key = models.CharField(max_length=60)
    dim = models.PositiveSmallIntegerField(choices=Dimension.choices)

    class Meta:
        indexes = [models.Index(fields=["key", "opportunity", "dim"], name="mkt_feature_key_idx")]

    def __str__(self) -> str:
        return self.key


def attachment_path(instance: Attachment, filename: str) -> str:
    """``filename`` is random (rabta.core.files.random_name), never the uploader's."""
    return f"opportunities/{instance.opportunity_id}/{filename}"


class Attachment(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="attachments"
    )
    # Private storage: served only by the permission-checked view (marketplace:attachment).
    file = models.FileField(_("file"), upload_to=attachment_path, storage=get_private_storage)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Interest(models.Model):
    """An organisation's expression of interest in another organisation's opportunity."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interests_sent"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="interest_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.opportunity}"

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED
