import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGE_CODES, SPOKEN_LANGUAGES
from rabta.core.time_zones import validate_time_zone


def validate_spoken_languages(value) -> None:
    """A list of language codes from SPOKEN_LANGUAGES (people's, events', interpreters')."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Choose languages from the list."), code="invalid")
    unknown = sorted(set(value) - SPOKEN_LANGUAGE_CODES)
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )


class User(AbstractUser):
    """A person who signs in. Roles:

    - site admin: ``is_superuser``;
    - validator: ``is_validator`` (validates organisations for the whole site);
    - organiser: ``is_organiser`` (creates events and runs the ones of their organisation);
    - interpreter: ``is_interpreter`` (gets a roster of the meetings they cover);
    - participant: a member of an organisation (see organisations.Member).
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language of the interface"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("rabta shows its pages and sends its e-mails in this language."),
    )
    spoken_languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validate_spoken_languages],
        help_text=_("Languages this person can hold a meeting in."),
    )
    is_organiser = models.BooleanField(
        _("organiser"),
        default=False,
        help_text=_("Creates events and runs the events of their organisation."),
    )
    is_validator = models.BooleanField(
        _("validator"),
        default=False,
        help_text=_("Approves and rejects organisations for the whole site."),
    )
    is_interpreter = models.BooleanField(_("interpreter"), default=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "Times of meetings are shown in this zone. Set from your organisation's country when "
            "you join one; empty: the site's time zone."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # A new password (changed, reset, or set by an administrator) ends every API token:
        # whoever learnt the old password may have made one.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).delete()

    @property
    def zone(self) -> str:
        """The person's time zone: their own, else the site's."""
        return self.time_zone or settings.TIME_ZONE

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def spoken_language_choices(self):
        names = dict(SPOKEN_LANGUAGES)
        return [(code, names.get(code, code)) for code in self.spoken_languages]


def new_token() -> str:
    """A fresh secret for the API: 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_token(key: str) -> str:
    """The stored form of a token: its SHA-256 hex digest (the key itself is never stored)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A personal token for the JSON API (``Authorization: Bearer <token>``).

    Only the SHA-256 of the key is stored; the key is shown once, when the token is created
    (see accounts.services.api_token_create). ``prefix`` (the key's first characters) lets a
    person recognise a token in the list.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
