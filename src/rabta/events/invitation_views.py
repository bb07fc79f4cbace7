"""Where an event invitation's link lands, and the button that asks for a new link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.accounts.entrance import entrance_url, has_account
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.events import invitation_services
from rabta.events.invitations import invitation_token


def _registration_url(invitation) -> str:
    """The registration page, carrying the signed invitation that opens an unlisted event and
    names the co-organiser that brings the guest (events.invitations)."""
    event = invitation.event
    token = invitation_token(event, invitation.brought_by)
    return f"{reverse('events:register', args=[event.slug])}?{urlencode({'invitation': token})}"


def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """Signed in: the link is used and the person goes on to the registration. A stranger: to
    sign-up with the invited address filled in and already verified (the link came to it), then
    back here. An address that has an account: to sign-in, then back here."""
    try:
        invitation = invitation_services.event_invitation_get(token=token)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    user = request.user if request.user.is_authenticated else None
    problem = invitation_services.event_invitation_problem(invitation, user=user)
    if problem is None and user is not None:
        try:
            invitation_services.event_invitation_use(token=token, user=user)
        except InvalidInput as error:  # used by someone else a moment ago
            problem = str(error.message)
        else:
            return redirect(_registration_url(invitation))
    if problem is None:
        if has_account(invitation.email):
            messages.info(request, _("Sign in to register for the event."))
        return redirect(
            entrance_url(request, email=invitation.email, next_path=request.get_full_path())
        )
    return render(
        request,
        "events/invitation.html",
        {"invitation": invitation, "event": invitation.event, "problem": problem, "token": token},
        status=410,
    )


@require_POST
def invitation_renew(request: HttpRequest, token: str) -> HttpResponse:
    """An expired link asks for a new one; it goes to the invited address, never elsewhere."""
    try:
        invitation_services.event_invitation_renew(token=token)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    except InvalidInput as error:
        messages.error(request, str(error.message))
        return redirect("events:invitation_open", token)
    messages.success(
        request, _("A new invitation is on its way to the address the first one was sent to.")
    )
    return redirect("home")
