"""Event invitations whose link opens an account (every write of them).

An organiser invites addresses; each gets an e-mail (in the account's language when the address
has one, else the organiser's choice) with its own single-use link, valid for
settings.RABTA_INVITATION_DAYS days. The link lands on events.views.invitation_open: a stranger
signs up with the address filled in and goes on to the registration, someone with an account
signs in first. An expired link asks for a new one, which goes to the same address.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from rabta.accounts.models import User, hash_token, new_token
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.core.mail import queue_mail_to_user
from rabta.core.throttle import throttle_invitations, throttle_new_links
from rabta.events.models import Event, EventInvitation


def invitation_link(key: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events:invitation_open", args=[key])


def _issue(
    *, event: Event, email: str, language: str, invited_by, brought_by=None, user=None
) -> EventInvitation:
    """A fresh invitation to ``email`` (an unused earlier one to it for the event is dropped),
    mailed after the commit; ``key`` carries the link's secret once."""
    EventInvitation.objects.for_event(event).filter(
        email__iexact=email, used_at__isnull=True
    ).delete()
    key = new_token()
    invitation = EventInvitation.objects.create(
        event=event,
        email=email,
        language=language,
        token_hash=hash_token(key),
        invited_by=invited_by,
        brought_by=brought_by,
        expires_at=timezone.now() + timedelta(days=settings.RABTA_INVITATION_DAYS),
    )
    invitation.key = key
    mail_language = (user.language if user is not None else "") or language
    with translation.override(mail_language):
        expires_on = formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
    queue_mail_to_user(
        user_or_email=user or email,
        language=mail_language,
        subject_template="events/emails/invitation_subject.txt",
        body_template="events/emails/invitation.txt",
        context={
            "event_name": event.name,
            "event_venue": event.venue,
            "invitation_url": invitation_link(key),
            "expires_on": expires_on,
            "has_account": user is not None,
        },
    )
    return invitation


def clean_emails(emails: Iterable[str]) -> list[str]:
    cleaned, bad = [], []
    for address in emails:
        address = address.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
        else:
            cleaned.append(address.lower())
    if bad:
        raise InvalidInput(
            field_errors={
                "emails": [
                    _("Not an e-mail address: %(addresses)s.") % {"addresses": ", ".join(bad)}
                ]
            }
        )
    if not cleaned:
        raise InvalidInput(field_errors={"emails": [_("Enter at least one e-mail address.")]})
    return sorted(set(cleaned))


def issue_invitations(
    *, actor, event: Event, addresses: list[str], language: str | None, brought_by=None
) -> list[EventInvitation]:
    """Mail each (cleaned) address its own link; called by services.event_invite once it has
    checked who may invite and for which co-organiser. People with an account read it in their
    own language, other addresses in ``language`` (else the site's). Counted against the
    sender's hourly limit (core.throttle.throttle_invitations)."""
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    throttle_invitations(sender=actor, count=len(addresses))
    users = {
        user.address: user
        for user in User.objects.annotate(address=Lower("email")).filter(
            address__in=addresses, is_active=True
        )
    }
    return [
        _issue(
            event=event,
            email=address,
            language=language,
            invited_by=actor,
            brought_by=brought_by,
            user=users.get(address),
        )
        for address in addresses
    ]


def event_invitation_get(*, token: str) -> EventInvitation:
    invitation = (
        EventInvitation.objects.unscoped()  # the link names no event: its secret finds it
        .select_related("event", "used_by", "brought_by")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid. Ask the organiser for a new one."))
    return invitation


def event_invitation_problem(invitation: EventInvitation, *, user=None) -> str | None:
    """Why the link cannot be used (by ``user``), or None. The person who used it may open it
    again: it simply leads them to the registration."""
    if invitation.used_at is not None:
        if user is not None and invitation.used_by_id == getattr(user, "pk", None):
            return None
        return _("This invitation link has already been used.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation link has expired.")
    return None


def event_invitation_use(*, token: str, user) -> EventInvitation:
    """A signed-in person opens the link: it is theirs now and works for nobody else."""
    invitation = event_invitation_get(token=token)
    with transaction.atomic():
        invitation = (
            EventInvitation.objects.unscoped()
            .select_for_update()
            .select_related("event")
            .get(pk=invitation.pk)
        )
        problem = event_invitation_problem(invitation, user=user)
        if problem:
            raise InvalidInput(problem)
        if invitation.used_at is None:
            invitation.used_at = timezone.now()
            invitation.used_by = user
            invitation.save(update_fields=["used_at", "used_by"])
    return invitation


def event_invitation_renew(*, token: str) -> EventInvitation:
    """An expired link asks for a new one; it goes to the invited address, at most
    settings.RABTA_NEW_LINKS_PER_HOUR an hour."""
    invitation = event_invitation_get(token=token)
    if invitation.used_at is not None:
        raise InvalidInput(
            _("This invitation link has already been used: sign in to register for the event.")
        )
    if invitation.expires_at > timezone.now():
        raise InvalidInput(_("This invitation is still valid: open the link in the e-mail."))
    throttle_new_links(email=invitation.email)
    user = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    with transaction.atomic():
        return _issue(
            event=invitation.event,
            email=invitation.email,
            language=invitation.language,
            invited_by=invitation.invited_by,
            brought_by=invitation.brought_by,
            user=user,
        )
