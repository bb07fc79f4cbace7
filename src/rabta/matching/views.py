"""The recommendations page and its "hide" action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core.exceptions import RabtaError
from rabta.marketplace.models import Opportunity
from rabta.marketplace.permissions import acting_organisation, member_organisation_ids
from rabta.matching import services
from rabta.matching.selectors import hidden_recommendations, recommendations_cached
from rabta.organisations.models import Organisation


@login_required
def recommendations(request):
    if not member_organisation_ids(request.user):
        return render(request, "organisations/no_organisation.html")
    organisation = acting_organisation(request.user)
    found = recommendations_cached(organisation)
    return render(
        request,
        "matching/recommendations.html",
        {
            "organisation": organisation,
            "found": found,
            "hidden": hidden_recommendations(organisation),
        },
    )


@login_required
@require_POST
def hide(request):
    opportunity_id = request.POST.get("opportunity")
    partner_id = request.POST.get("partner")
    organisation_id = request.POST.get("organisation") or ""
    url = reverse("matching:recommendations")
    if organisation_id.isdigit():
        url = f"{url}?organisation={organisation_id}"
    try:
        services.recommendation_hide(
            user=request.user,
            opportunity=get_object_or_404(Opportunity, pk=int(opportunity_id))
            if opportunity_id
            else None,
            partner=get_object_or_404(Organisation, pk=int(partner_id)) if partner_id else None,
            organisation=get_object_or_404(Organisation, pk=int(organisation_id))
            if organisation_id
            else None,
        )
    except (RabtaError, ValueError) as error:
        message = getattr(error, "message", _("Choose one opportunity or one partner to hide."))
        messages.error(request, str(message))
        return redirect(url)
    if getattr(request, "htmx", False):
        return HttpResponse("")  # the card is swapped for nothing
    messages.success(request, _("Hidden. It will not be recommended to you again."))
    return redirect(url)


@login_required
@require_POST
def unhide(request, hidden_id: int):
    try:
        services.recommendation_unhide(user=request.user, hidden_id=hidden_id)
    except RabtaError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Shown again: it can be recommended to you again."))
    return redirect("matching:recommendations")
