"""Pages for joining an existing organisation: ask, withdraw, and the administrators' answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core.exceptions import InvalidInput
from rabta.core.i18n import localized
from rabta.core.validation import form_error_texts
from rabta.organisations import join_services, selectors
from rabta.organisations.forms import JoinRequestForm, RefuseJoinForm
from rabta.organisations.models import JoinRequest
from rabta.organisations.views import domain_errors


@login_required
@domain_errors
def join(request: HttpRequest) -> HttpResponse:
    """Find an organisation (or take the e-mail domain's suggestion) and ask to join it."""
    query = request.GET.get("q", "").strip()[:200]
    form = JoinRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            organisation = selectors.joinable_organisation(slug=form.cleaned_data["organisation"])
            try:
                join_services.join_request_create(
                    user=request.user,
                    organisation=organisation,
                    message=form.cleaned_data["message"],
                )
            except InvalidInput as error:
                messages.error(request, _error_text(error))
                status = 422
            else:
                messages.success(
                    request,
                    _(
                        "Your request to join %(organisation)s is sent. Its administrators will "
                        "answer by e-mail."
                    )
                    % {"organisation": localized(organisation.name)},
                )
                return redirect("organisations:join")
        else:
            messages.error(request, " ".join(form_error_texts(form)))
            status = 422
    context = {
        "query": query,
        "results": selectors.joinable_organisations(query=query, user=request.user),
        "suggestions": selectors.join_suggestions(request.user),
        "email_domain": selectors.email_domain(request.user.email),
        "my_requests": selectors.join_requests_of(request.user),
        "memberships": selectors.memberships_of(request.user),
    }
    return render(request, "organisations/join.html", context, status=status)


def _error_text(error: InvalidInput) -> str:
    texts = [str(message) for messages_ in error.field_errors.values() for message in messages_]
    return " ".join(texts) or str(error.message)


@require_POST
@login_required
@domain_errors
def withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest, pk=request_id, user=request.user)
    try:
        join_services.join_request_withdraw(user=request.user, join_request=join_request)
    except InvalidInput as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("organisations:join")


def _request_of(slug: str, request_id: int) -> JoinRequest:
    return get_object_or_404(
        JoinRequest.objects.select_related("organisation", "user"),
        pk=request_id,
        organisation__slug=slug,
    )


@require_POST
@login_required
@domain_errors
def approve(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    join_request = _request_of(slug, request_id)
    try:
        join_services.join_request_approve(actor=request.user, join_request=join_request)
    except InvalidInput as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(name)s is now a member.") % {"name": join_request.user.display_name}
        )
    return redirect("organisations:manage", slug)


@require_POST
@login_required
@domain_errors
def refuse(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    join_request = _request_of(slug, request_id)
    form = RefuseJoinForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else request.POST.get("reason", "")
    try:
        join_services.join_request_refuse(
            actor=request.user, join_request=join_request, reason=reason
        )
    except InvalidInput as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The request of %(name)s is refused.") % {"name": join_request.user.display_name},
        )
    return redirect("organisations:manage", slug)
