"""Organisation pages. Thin: parse the form, call one service or selector, render.

NotPermitted becomes a 403 page, NotFound a 404, InvalidInput errors on the form.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.accounts.entrance import entrance_url
from rabta.core.cache import cached
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.core.forms import add_service_errors
from rabta.core.i18n import localized, localized_language
from rabta.organisations import permissions, selectors, services
from rabta.organisations.countries import country_choices
from rabta.organisations.forms import (
    InvitationForm,
    MemberForm,
    OrganisationForm,
    RejectForm,
)
from rabta.organisations.hs import hs_code_label
from rabta.organisations.models import Invitation, Member, Organisation


def domain_errors(view):
    """Map the services' NotPermitted / NotFound to Django's 403 / 404 pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as error:
            raise PermissionDenied(str(error.message)) from error
        except NotFound as error:
            raise Http404(str(error.message)) from error

    return wrapper


def _editable_organisation(request, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_edit(request.user, organisation):
        raise NotPermitted()
    return organisation


# --- the directory and the profile ---------------------------------------------------------


def directory(request: HttpRequest) -> HttpResponse:
    filters = selectors.DirectoryFilters.from_mapping(request.GET)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "querystring": query.urlencode(),
        "kinds": Organisation.Kind.choices,
        "countries": country_choices(),
        "sectors": selectors.sector_choices(),
        "languages": _spoken_language_choices(),
        "validation_states": Organisation.Validation.choices,
    }
    if selectors.directory_cacheable(viewer=request.user, filters=filters):
        # The results as everyone sees them, rendered once per page and language until an
        # organisation or sector changes ("directory" is bumped).
        number = selectors.directory_page_number(
            viewer=request.user, filters=filters, page=request.GET.get("page")
        )
        context["results_html"] = mark_safe(  # noqa: S308 (the template's own output)
            cached(
                "directory",
                ("results", context["querystring"], number),
                lambda: _directory_results(request, filters, number, context),
                timeout=settings.RABTA_CACHE_SECONDS,
                per_language=True,
            )
        )
    else:
        result = selectors.directory_search(
            viewer=request.user, filters=filters, page=request.GET.get("page")
        )
        context.update(result=result, organisations=result.organisations, page_obj=result.page)
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request
    if partial and "results_html" in context:
        return HttpResponse(context["results_html"])
    template = "organisations/_results.html" if partial else "organisations/directory.html"
    return render(request, template, context)


def _directory_results(request, filters, number: int, context: dict) -> str:
    result = selectors.directory_search(viewer=request.user, filters=filters, page=number)
    return render_to_string(
        "organisations/_results.html",
        {
            "result": result,
            "organisations": result.organisations,
            "page_obj": result.page,
            "filters": filters,
            "querystring": context["querystring"],
        },
    )


def _spoken_language_choices():
    from rabta.accounts.languages import SPOKEN_LANGUAGES

    return SPOKEN_LANGUAGES


@domain_errors
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for_viewer(viewer=request.user, slug=slug)
    description_language = localized_language(organisation.description)
    reader_language = (request.LANGUAGE_CODE or "en").split("-")[0]
    context = {
        "organisation": organisation,
        "description": localized(organisation.description),
        "description_language": description_language,
        "description_fallback": bool(description_language)
        and description_language != reader_language,
        "people": selectors.public_people(organisation),
        "hs_labels": [hs_code_label(code) for code in organisation.hs_codes],
        "show_contacts": permissions.can_see_contacts(request.user, organisation),
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_validate": permissions.is_staff_role(request.user),
        "can_ask_to_join": organisation.is_approved
        and permissions.is_signed_in(request.user)
        and not permissions.is_member(request.user, organisation),
    }
    return render(request, "organisations/detail.html", context)


# --- registering and editing ------------------------------------------------------------------


@login_required
@domain_errors
def register(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(user=request.user, data=form.service_data())
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your organisation is registered. An organiser will validate it before it is listed."
                ),
            )
            return redirect("organisations:manage", organisation.slug)
    return render(
        request, "organisations/register.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
@domain_errors
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _editable_organisation(request, slug)
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        initial=OrganisationForm.initial_for(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_update(
                actor=request.user, organisation=organisation, data=form.service_data()
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("organisations:detail", organisation.slug)
    return render(
        request,
        "organisations/edit.html",
        {"form": form, "organisation": organisation},
        status=422 if form.errors else 200,
    )


# --- my organisation: people and invitations ---------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_of(request.user)
    if len(memberships) == 1:
        return redirect("organisations:manage", memberships[0].organisation.slug)
    suggestions = [] if memberships else selectors.join_suggestions(request.user)
    return render(
        request,
        "organisations/mine.html",
        {
            "memberships": memberships,
            "suggestions": suggestions,
            "email_domain": selectors.email_domain(request.user.email),
        },
    )


@login_required
@domain_errors
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_see_contacts(request.user, organisation):
        raise NotPermitted()
    can_manage = permissions.can_manage_members(request.user, organisation)
    form = InvitationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST":
        if not can_manage:
            raise NotPermitted()
        if form.is_valid():
            try:
                invitation = services.invitation_send(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The invitation to %(email)s is sent.") % {"email": invitation.email}
                )
                return redirect("organisations:manage", organisation.slug)
    context = {
        "organisation": organisation,
        "members": selectors.all_members(organisation),
        "invitations": selectors.pending_invitations(organisation) if can_manage else [],
        "join_requests": selectors.pending_join_requests(organisation) if can_manage else [],
        "form": form,
        "can_manage": can_manage,
        "can_edit": permissions.can_edit(request.user, organisation),
    }
    return render(request, "organisations/manage.html", context, status=422 if form.errors else 200)


@login_required
@domain_errors
def member_edit(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("user", "organisation"), pk=member_id, organisation__slug=slug
    )
    if not permissions.can_edit_member(request.user, member):
        raise NotPermitted()
    can_change_role = permissions.can_manage_members(request.user, member.organisation)
    initial = {
        "position": member.position,
        "spoken_languages": member.user.spoken_languages,
        "is_public": member.is_public,
        "role": member.role,
    }
    form = MemberForm(request.POST or None, initial=initial, can_change_role=can_change_role)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("organisations:manage", slug)
    return render(
        request,
        "organisations/member_edit.html",
        {"form": form, "member": member, "organisation": member.organisation},
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
@domain_errors
def member_remove(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("organisation", "user"), pk=member_id, organisation__slug=slug
    )
    try:
        services.member_remove(actor=request.user, member=member)
    except InvalidInput as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": member.user})
        if member.user_id == request.user.pk:
            return redirect("organisations:mine")
    return redirect("organisations:manage", slug)


@require_POST
@login_required
@domain_errors
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"), pk=invitation_id, organisation__slug=slug
    )
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("organisations:manage", slug)


@domain_errors
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Signed in: a button joins. A stranger: sign-up with the invited address filled in and
    proven (the link came to it), then back here; an address with an account: sign-in first."""
    invitation = services.invitation_get(token=token)
    problem = services.invitation_problem(invitation)
    signed_in = request.user.is_authenticated
    if not problem and not signed_in:
        return redirect(
            entrance_url(request, email=invitation.email, next_path=request.get_full_path())
        )
    if request.method == "POST" and not problem:
        try:
            member = services.invitation_accept(token=token, user=request.user)
        except InvalidInput as error:
            problem = str(error.message)
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s.")
                % {"organisation": localized(member.organisation.name)},
            )
            return redirect("organisations:manage", member.organisation.slug)
    return render(
        request,
        "organisations/invitation_accept.html",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "problem": problem,
            "token": token,
        },
        status=410 if problem else 200,
    )


@require_POST
@domain_errors
def invitation_renew(request: HttpRequest, token: str) -> HttpResponse:
    """An expired link asks for a new one; it goes to the invited address, never elsewhere."""
    try:
        services.invitation_renew(token=token)
    except InvalidInput as error:
        messages.error(request, str(error.message))
        return redirect("organisations:invitation_accept", token)
    messages.success(
        request,
        _("A new invitation is on its way to the address the first one was sent to."),
    )
    return redirect("home")


# --- validation by organisers --------------------------------------------------------------------


@login_required
@domain_errors
def validation_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff_role(request.user):
        raise NotPermitted()
    state = request.GET.get("state", Organisation.Validation.PENDING)
    organisations = list(selectors.validation_queue(state=state))
    return render(
        request,
        "organisations/validation_queue.html",
        {
            "organisations": organisations,
            "state": state,
            "states": Organisation.Validation.choices,
            "reject_form": RejectForm(),
        },
    )


@require_POST
@login_required
@domain_errors
def approve(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    services.organisation_approve(actor=request.user, organisation=organisation)
    messages.success(request, _("%(name)s is approved.") % {"name": localized(organisation.name)})
    if request.POST.get("next") == "detail":
        return redirect("organisations:detail", organisation.slug)
    return redirect("organisations:validation_queue")


@require_POST
@login_required
@domain_errors
def reject(request: HttpRequest, slug: str) -> HttpResponse:
    if not permissions.is_staff_role(request.user):
        raise NotPermitted()
    organisation = get_object_or_404(Organisation, slug=slug)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.organisation_reject(
                actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is rejected.") % {"name": localized(organisation.name)}
            )
            return redirect("organisations:validation_queue")
    return render(
        request,
        "organisations/reject.html",
        {"organisation": organisation, "reject_form": form},
        status=422,
    )
