"""Public pages of initiatives and the owners' small edits (thin: parse, call a service, render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.accounts.permissions import is_organiser
from rabta.core.exceptions import NotFound, RabtaError
from rabta.core.forms import add_service_errors
from rabta.events.permissions import can_view as can_view_event
from rabta.initiatives import forms, permissions, selectors, services
from rabta.initiatives.models import Initiative, Milestone


def initiative_list(request):
    status = request.GET.get("status", "")
    initiatives = list(selectors.public_initiatives(status=status)[:200])
    return render(
        request,
        "initiatives/list.html",
        {
            "initiatives": initiatives,
            "status": status,
            "statuses": Initiative.Status.choices,
            "can_create": is_organiser(request.user),
        },
    )


@login_required
def initiative_create(request):
    if not is_organiser(request.user):
        raise PermissionDenied
    form = forms.InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except RabtaError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The initiative was recorded."))
            return redirect("initiatives:detail", slug=initiative.slug)
    return render(request, "initiatives/form.html", {"form": form})


def _initiative(request, slug: str) -> Initiative:
    try:
        return selectors.initiative_for(request.user, slug)
    except NotFound as error:
        raise Http404 from error


def initiative_detail(request, slug: str):
    initiative = _initiative(request, slug)
    can_edit = permissions.can_edit(request.user, initiative)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "can_edit": can_edit,
            "status_form": forms.StatusForm(initial={"status": initiative.status})
            if can_edit
            else None,
            "milestone_form": forms.MilestoneForm() if can_edit else None,
            "opportunities": [o for o in initiative.opportunities.all() if o.is_live],
            # An unlisted event is named only to whoever may see it.
            "events": [e for e in initiative.events.all() if can_view_event(request.user, e)],
        },
    )


def _flash(request, error: RabtaError) -> None:
    parts = [m for ms in error.field_errors.values() for m in ms] or [str(error.message)]
    messages.error(request, " ".join(str(p) for p in parts))


@login_required
@require_POST
def set_status(request, slug: str):
    initiative = _initiative(request, slug)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        services.initiative_set_status(
            actor=request.user, initiative=initiative, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("initiatives:detail", slug=slug)


@login_required
def milestone_add(request, slug: str):
    initiative = _initiative(request, slug)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied
    form = forms.MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(
                actor=request.user,
                initiative=initiative,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
            )
        except RabtaError as error:
            _flash(request, error)
        else:
            messages.success(request, _("The milestone was added."))
            return redirect("initiatives:detail", slug=slug)
    return render(
        request, "initiatives/milestone_form.html", {"initiative": initiative, "form": form}
    )


@login_required
@require_POST
def milestone_done(request, slug: str, milestone_id: int):
    initiative = _initiative(request, slug)
    milestone = get_object_or_404(Milestone, pk=milestone_id, initiative=initiative)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied
    form = forms.MilestoneDoneForm(request.POST)
    if form.is_valid():
        services.milestone_set_done(
            actor=request.user, milestone=milestone, done_on=form.cleaned_data["done_on"]
        )
        messages.success(request, _("The milestone was updated."))
    return redirect("initiatives:detail", slug=slug)
