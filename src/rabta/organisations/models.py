from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedField
from rabta.core.i18n import localized
from rabta.organisations.countries import country_name, country_search_names
from rabta.organisations.naming import make_name_key, unique_slug
from rabta.organisations.validators import validate_country, validate_hs_codes, validate_logo


class Sector(models.Model):
    """A sector of the fixed taxonomy (energy, agriculture, pharmaceuticals, …)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = TranslatedField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return localized(self.name) or self.code


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        CHAMBER = "chamber", _("Chamber or association")
        UNIVERSITY = "university", _("University or research institute")
        GOVERNMENT = "government", _("Government body")
        TRANSLATOR = "translator", _("Translator or agency")

    class Validation(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = TranslatedField(_("name"), max_length=200)
    # The name used for uniqueness per country: the English name, else the first given, folded.
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100, blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="organisations", blank=True, verbose_name=_("sectors")
    )
    hs_codes = models.JSONField(
        _("HS codes"),
        default=list,
        blank=True,
        validators=[validate_hs_codes],
        help_text=_(
            "Harmonized System codes of 2, 4 or 6 digits, e.g. 9018 for medical instruments."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True, validators=[validate_logo])
    description = TranslatedField(_("description"), max_length=5000, multiline=True, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    validation = models.CharField(
        _("validation"),
        max_length=10,
        choices=Validation.choices,
        default=Validation.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Plain text of every language's name, description, city, sectors and codes, for search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["name_key"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                Lower("name_key"),
                "country",
                name="organisation_unique_name_per_country",
                violation_error_message=_(
                    "An organisation with this name already exists in this country."
                ),
            )
        ]

    def __str__(self) -> str:
        return localized(self.name) or self.slug

    def save(self, *args, **kwargs):
        """Keep the derived fields (name_key, slug, search_text) in step with the content."""
        self.name_key = make_name_key(self.name)
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """Every language's names and descriptions, the city, the country's names, the sectors'
        names and the HS codes, casefolded: what the directory's free-text search looks in."""
        parts: list[str] = []
        for value in (self.name, self.description):
            if isinstance(value, dict):
                parts.extend(str(text) for text in value.values() if text)
        parts.append(self.city)
        if self.country:
            parts.extend(
                sorted(country_search_names(self.country, [c for c, _n in settings.LANGUAGES]))
            )
            parts.append(self.country)
        if self.pk:
            for sector in self.sectors.all():
                parts.append(sector.code)
                parts.extend(str(text) for text in (sector.name or {}).values() if text)
        parts.extend(str(code) for code in self.hs_codes or [])
        return " ".join(" ".join(part.split()) for part in parts if part).casefold()

    def refresh_search_text(self) -> None:
        """Recompute search_text after the sectors changed (M2M writes do not call save())."""
        self.search_text = self.build_search_text()
        Organisation.objects.filter(pk=self.pk).update(search_text=self.search_text)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_approved(self) -> bool:
        return self.validation == self.Validation.APPROVED


class Member(models.Model):
    """A person acting for an organisation."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        REPRESENTATIVE = "representative", _("Representative")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.REPRESENTATIVE
    )
    position = TranslatedField(_("position"), max_length=120, blank=True)
    is_public = models.BooleanField(
        _("shown in the directory"),
        default=True,
        help_text=_("Name, position and languages only; never contact details."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="member_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Invitation(models.Model):
    """An invitation of a colleague to join an organisation, sent by e-mail."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=20, choices=Member.Role.choices, default=Member.Role.REPRESENTATIVE
    )
    # The SHA-256 of the link's secret (accounts.models.hash_token); the secret is only e-mailed.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class JoinRequest(models.Model):
    """A signed-in person asks to join an approved organisation; its administrators decide.

    At most one pending request per person and organisation (a partial unique constraint). An
    e-mail domain that matches the organisation's is only ever a suggestion, never an approval.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the administrators"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
