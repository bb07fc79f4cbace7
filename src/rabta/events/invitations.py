"""The link in an event invitation: a signed token naming the event and who invited.

The token is what lets someone see and register for an unlisted event, and it records which
co-organiser brought the registration (``Registration.brought_by``). It is signed with the
site's secret (``django.core.signing``), so it cannot be forged or moved to another event, and it
expires after ``INVITATION_DAYS``. A page that received a valid token keeps it in the session, so
the registration form works after a log-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

INVITATION_DAYS = 120
SALT = "rabta.events.invitation"
SESSION_KEY = "rabta_event_invitations"


@dataclass(frozen=True)
class Invitation:
    event_id: int
    brought_by_id: int | None


def invitation_token(event, brought_by=None) -> str:
    return signing.dumps(
        {"e": event.pk, "b": getattr(brought_by, "pk", None)}, salt=SALT, compress=True
    )


def read_invitation(event, token: str) -> Invitation | None:
    """The invitation of ``token`` if it is genuine, unexpired and for ``event``; else None."""
    if not token or not isinstance(token, str) or len(token) > 500:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=INVITATION_DAYS * 24 * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        return None
    brought_by = data.get("b")
    return Invitation(event.pk, brought_by if isinstance(brought_by, int) else None)


def invitation_from_request(request, event) -> Invitation | None:
    """The invitation given in the address (``?invitation=``), remembered in the session, or
    remembered earlier."""
    kept = request.session.get(SESSION_KEY, {})
    given = request.GET.get("invitation", "")
    invitation = read_invitation(event, given)
    if invitation is not None:
        request.session[SESSION_KEY] = {**kept, str(event.pk): given}
        return invitation
    return read_invitation(event, kept.get(str(event.pk), ""))
