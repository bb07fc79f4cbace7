"""E-mail to people in their own language.

Usage (from a service, after the write succeeded)::

    from rabta.core.mail import queue_mail_to_user, send_mail_to_user

    # Preferred: queued as a background task once the transaction commits.
    queue_mail_to_user(
        user_or_email=member.user,            # a User (its e-mail and language are used) or an address
        language=None,                        # None: the user's own language, else the site default
        subject_template="organisations/emails/approved_subject.txt",
        body_template="organisations/emails/approved.txt",   # .html next to it is used if present
        context={"organisation_name": "Sialkot Surgical Works", "url": "/organisations/ssw/"},
    )

    # Immediately, in this process (returns the number of messages sent: 1):
    send_mail_to_user(user_or_email="someone@example.org", language="ur",
                      subject_template=..., body_template=..., context={...})

Templates are rendered inside ``translation.override(language)``, so ``{% translate %}`` and
``{% blocktranslate %}`` in them come out in the recipient's language. Every template also sees
``site_url`` (settings.SITE_URL) and ``recipient_name``. The subject is one line (newlines are
removed). For the queued variant the context must be JSON-able (strings, numbers, lists,
dicts): pass names and URLs, not model instances. ``{% extends "emails/base.html" %}`` gives
the HTML part the shared layout; ``{% include "emails/signature.txt" %}`` ends a text body.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


def recipient_of(user_or_email) -> tuple[str, str, str]:
    """(address, language, name) for a User or a plain e-mail address."""
    if isinstance(user_or_email, str):
        return user_or_email, "", ""
    return user_or_email.email, getattr(user_or_email, "language", "") or "", str(user_or_email)


def mail_language(language: str | None, user_language: str = "") -> str:
    """The language to write in: the one asked for, else the user's, else the site default."""
    known = {code for code, _name in settings.LANGUAGES}
    for candidate in (language, user_language):
        if candidate and candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


def on_site(url: str) -> str:
    """``url`` (a path, or an absolute address built from the Host header of the request that
    asked for the e-mail) as an address on the configured site, settings.SITE_URL: a link in an
    e-mail never points at another host, whatever the request said."""
    parts = urlsplit(url)
    path = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return settings.SITE_URL.rstrip("/") + path


def _html_template_for(body_template: str) -> str | None:
    if not body_template.endswith(".txt"):
        return None
    name = body_template[: -len(".txt")] + ".html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def render_mail(
    *,
    language: str,
    subject_template: str,
    body_template: str,
    context: dict[str, Any] | None = None,
    recipient_name: str = "",
) -> tuple[str, str, str | None]:
    """Render (subject, text body, html body or None) in ``language``."""
    full_context = {
        "site_url": settings.SITE_URL.rstrip("/"),
        "recipient_name": recipient_name,
        **(context or {}),
    }
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, full_context).split())
        body = render_to_string(body_template, full_context)
        html_template = _html_template_for(body_template)
        html = render_to_string(html_template, full_context) if html_template else None
    return subject, body, html


def send_mail_to_user(
    *,
    user_or_email,
    language: str | None = None,
    subject_template: str,
    body_template: str,
    context: dict[str, Any] | None = None,
    connection=None,
) -> int:
    """Render the templates in the recipient's language and send the e-mail now (through
    ``connection``, e.g. one opened for a batch, or a new one)."""
    address, user_language, name = recipient_of(user_or_email)
    if not address:
        return 0
    subject, body, html = render_mail(
        language=mail_language(language, user_language),
        subject_template=subject_template,
        body_template=body_template,
        context=context,
        recipient_name=name,
    )
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[address], connection=connection
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def queue_mail_to_user(
    *,
    user_or_email,
    language: str | None = None,
    subject_template: str,
    body_template: str,
    context: dict[str, Any] | None = None,
) -> None:
    """Send the e-mail from a background task once the current transaction commits."""
    from rabta.core.tasks import send_templated_email

    address, user_language, name = recipient_of(user_or_email)
    if not address:
        return
    kwargs = {
        "to": address,
        "language": mail_language(language, user_language),
        "subject_template": subject_template,
        "body_template": body_template,
        "context": {"recipient_name": name, **(context or {})},
    }
    transaction.on_commit(lambda: send_templated_email.enqueue(**kwargs))
