"""rabta's side of django-allauth: who a newcomer is, and e-mails in the recipient's language.

The sign-up form's hooks (for invitations and other entrances):

- ``/accounts/signup/?email=a@example.org`` fills in the address;
- ``&next=/some/path/`` is where the person lands once the address is verified (they are
  signed in by the verification link, in the same browser);
- an entrance that has already proven the address (a single-use invitation link sent to it)
  calls ``allauth.account.adapter.get_adapter(request).stash_verified_email(request, email)``
  before redirecting to the sign-up page: signing up with that address then needs no
  verification e-mail.
"""

from __future__ import annotations

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from rabta.accounts.models import User
from rabta.accounts.services import account_email_adopt
from rabta.core.mail import on_site, send_mail_to_user
from rabta.core.middleware import activate_user_language

logger = logging.getLogger(__name__)

# The account whose address this browser is waiting to verify (see verification_sent).
VERIFY_SESSION_KEY = "rabta_awaiting_verification"


def user_display(user) -> str:
    """How allauth names a person (its messages and e-mails): rabta's display name."""
    return str(user)


def visitor_language(request) -> str:
    """The language the visitor is reading in (chosen in the switcher, the cookie or browser)."""
    known = dict(settings.LANGUAGES)
    for candidate in (
        getattr(request, "LANGUAGE_CODE", ""),
        translation.get_language(),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") if request else "",
    ):
        if candidate and candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """A newcomer keeps the language they browsed in and the name they gave."""
        user = super().save_user(request, user, form, commit=False)
        user.full_name = " ".join(form.cleaned_data.get("full_name", "").split())
        user.language = visitor_language(request)
        if commit:
            user.save()
        return user

    def pre_login(self, request, user, **kwargs):
        """Accounts made by an administrator, an import or the demo have no allauth e-mail
        record: their address was given by someone trusted, so it counts as verified."""
        account_email_adopt(user=user)
        return super().pre_login(request, user, **kwargs)

    def login(self, request, user) -> None:
        """From here on the request speaks the person's own language: allauth's "Welcome, …
        You are logged in." comes next, and a browser still set to English (no cookie yet)
        would otherwise show it in English on their first Russian or Urdu page."""
        super().login(request, user)
        activate_user_language(request)

    def respond_email_verification_sent(self, request, user):
        """A newcomer who signed up or logged in before verifying their address: remember in
        the session whose address waits, so that the "check your e-mail" page speaks their
        language, names the address and offers to send the link again. ``user`` is None for
        a sign-up with an address that already has an account (nothing is told about it)."""
        if user is not None and user.pk:
            request.session[VERIFY_SESSION_KEY] = user.pk
        else:
            request.session.pop(VERIFY_SESSION_KEY, None)
        return super().respond_email_verification_sent(request, user)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send allauth's e-mails through rabta's mail helper, in the recipient's language.

        The recipient is the account holding ``email`` (for "this address already has an
        account", the existing holder), else the visitor asking, in the language they read.
        allauth builds its links (``activate_url``, ``password_reset_url``, ``signup_url``)
        from the request's Host header; they are moved onto settings.SITE_URL, like every
        other link rabta sends.
        """
        context = {
            key: on_site(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        user = context.get("user")
        if user is None or (user.email or "").lower() != email.lower():
            user = User.objects.filter(email__iexact=email).first()
        language = (user.language if user is not None else "") or visitor_language(self.request)
        try:
            send_mail_to_user(
                user_or_email=user if user is not None and user.email else email,
                language=language,
                subject_template=f"{template_prefix}_subject.txt",
                body_template=f"{template_prefix}_message.txt",
                context={"email": email, **context},
            )
        except (smtplib.SMTPException, OSError):
            # The mail server is down or refused: the page still answers (a new link is sent
            # at the next login, a reset can be asked again); the operator finds it in the log.
            logger.exception("Could not send %s to %s", template_prefix, email)
