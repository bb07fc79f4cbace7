"""Every write on accounts: profiles, interface language, API tokens."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from rabta.accounts.languages import SPOKEN_LANGUAGE_CODES
from rabta.accounts.models import ApiToken, User, hash_token, new_token
from rabta.accounts.signals import account_closing, account_data_requested
from rabta.core import time_zones
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound

MAX_API_TOKENS_PER_USER = 20


def account_email_adopt(*, user: User) -> None:
    """Give an account made outside sign-up (by an administrator, an import, the demo) the
    verified e-mail record allauth expects; accounts from sign-up already have theirs."""
    if not user.email or EmailAddress.objects.filter(user=user).exists():
        return
    EmailAddress.objects.create(user=user, email=user.email.lower(), verified=True, primary=True)


def account_email_confirm_by_reset(*, user: User) -> None:
    """A password reset link opened from the account's mailbox proves the address."""
    if not user.email:
        return
    if not EmailAddress.objects.filter(user=user).exists():
        account_email_adopt(user=user)
        return
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)


def unverified_address(*, user_id: object) -> EmailAddress | None:
    """The address still waiting for its verification of the account ``user_id`` (the one a
    browser signed up or logged in with), or None (verified meanwhile, unknown, deleted)."""
    if not isinstance(user_id, int):
        return None
    return (
        EmailAddress.objects.select_related("user")
        .filter(user_id=user_id, verified=False, user__is_active=True)
        .order_by("-primary")
        .first()
    )


def account_verification_resend(*, request, address: EmailAddress) -> bool:
    """Send the verification link to ``address`` again; False when one went out a moment ago
    (allauth's cooldown between two links: the earlier link still works)."""
    from allauth.account.internal.flows.email_verification import (
        send_verification_email_to_address,
    )

    return send_verification_email_to_address(request, address)


def user_set_language(*, user: User, language: str) -> None:
    """Remember ``language`` as the user's interface language (unknown codes are ignored)."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str,
    language: str,
    spoken_languages: list[str],
    time_zone: str | None = None,
) -> User:
    """Change the name, interface language, spoken languages and (given) time zone of ``user``."""
    errors: dict[str, list[str]] = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = [_("Enter your full name.")]
    elif len(full_name) > User._meta.get_field("full_name").max_length:
        errors["full_name"] = [_("Enter at most 150 characters.")]
    if language and language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a language from the list.")]
    if (
        not isinstance(spoken_languages, list)
        or not all(isinstance(code, str) for code in spoken_languages)
        or set(spoken_languages) - SPOKEN_LANGUAGE_CODES
    ):
        errors["spoken_languages"] = [_("Choose languages from the list.")]
    if time_zone and time_zone not in time_zones.available():
        errors["time_zone"] = [_("Choose a time zone from the list.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    fields = ["full_name", "language", "spoken_languages"]
    if time_zone is not None:
        user.time_zone = time_zone
        fields.append("time_zone")
    user.full_name = full_name
    user.language = language or ""
    user.spoken_languages = sorted(set(spoken_languages), key=spoken_languages.index)
    try:
        user.full_clean(validate_unique=False)
    except ValidationError as error:
        raise InvalidInput.from_django(error) from error
    user.save(update_fields=fields)
    return user


@dataclass(frozen=True)
class NewApiToken:
    """A token just created, with its key: the only moment the key is known."""

    token: ApiToken
    key: str


@transaction.atomic
def api_token_create(*, user: User, name: str) -> NewApiToken:
    """Create a personal API token named ``name``; the key is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(
            field_errors={"name": [_("Give the token a name, e.g. the tool that will use it.")]}
        )
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise InvalidInput(field_errors={"name": [_("Enter at most 100 characters.")]})
    # Lock the user's row so that two simultaneous requests cannot pass the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user).count() >= MAX_API_TOKENS_PER_USER:
        raise InvalidInput(
            field_errors={
                "name": [
                    _("You have %(count)d tokens, the most allowed. Revoke one first.")
                    % {"count": MAX_API_TOKENS_PER_USER}
                ]
            }
        )
    key = new_token()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(key), prefix=key[:8])
    audit_log(actor=user, action="rabta.api_token.created", obj=token, data={"name": name})
    return NewApiToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Revoke (delete) one of the user's own tokens; requests with it fail from now on."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound(_("This token does not exist or is not yours."))
    audit_log(actor=user, action="rabta.api_token.revoked", obj=token, data={"name": token.name})
    token.delete()


# --- leaving: the person's own data, and deleting the account ------------------------------


def account_data_export(*, user: User) -> dict:
    """Everything rabta holds about ``user`` that is theirs to take: the profile here, the
    rest (memberships, requests, meetings…) from the apps that hold it."""
    data: dict = {
        "format": "rabta-account-export/1",
        "profile": {
            "username": user.username,
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "spoken_languages": list(user.spoken_languages),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("id")
            ],
        },
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in ApiToken.objects.filter(user=user).order_by("created_at", "id")
        ],
    }
    for _receiver, sections in account_data_requested.send(sender=User, user=user):
        data.update(sections or {})
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete ``user``'s account for good. Their organisations keep their other people; what
    they alone held is released by the apps holding it (``account_closing``)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    account_closing.send(sender=User, user=user)
    # No name or address in the log: the person asked to be forgotten.
    audit_log(actor=None, action="rabta.account.deleted", data={"user_id": user.pk})
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError as error:
        raise InvalidInput(
            _(
                "Your account is recorded as the creator of events, so it cannot be deleted "
                "yet. Ask a site administrator to hand those events over to another organiser."
            )
        ) from error


def password_link(user: User) -> str:
    """A link that lets ``user`` choose a password: allauth's reset-from-key page with Django's
    reset token (settings.ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR). It works until the password
    changes or PASSWORD_RESET_TIMEOUT passes; then "Forgot your password?" sends a new one."""
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def account_invite_to_set_password(*, user: User, organisation_names: list[dict]) -> None:
    """E-mail someone whose account was made for them (an import) a link to choose their
    password, in their own language, once the transaction commits."""
    from rabta.core.mail import queue_mail_to_user

    if not user.email or not user.is_active:
        return
    queue_mail_to_user(
        user_or_email=user,
        subject_template="accounts/emails/set_password_subject.txt",
        body_template="accounts/emails/set_password.txt",
        context={
            "url": password_link(user),
            "organisation_names": organisation_names,
            "email": user.email,
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
