"""Pages for the people who validate registrations: the event's managers, and its co-organisers
for the organisations they brought. Also the managers' co-organisers page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core.exceptions import RabtaError
from rabta.events import co_organisers, forms, selectors, services
from rabta.events.models import CoOrganiser, Registration
from rabta.events.permissions import can_manage, co_organised_by
from rabta.events.views import _apply_errors, _flash_error, _managed, _post_form


def _registrar(request, slug):
    """The event, whether the visitor manages it, and the co-organisers they act for (404 to
    anyone else, as for an unlisted event: nothing tells a stranger the page exists)."""
    event = selectors.event_by_slug(slug)
    manager = can_manage(request.user, event)
    mine = co_organised_by(request.user, event)
    if not manager and not mine:
        raise PermissionDenied if event.is_listed else Http404
    return event, manager, mine


@login_required
@require_POST
def invite(request, slug):
    event, manager, _mine = _registrar(request, slug)
    form = forms.InviteForm(request.POST)

    def call(data):
        count = services.event_invite(
            actor=request.user, event=event, emails=form.addresses(), language=data["language"]
        )
        messages.info(request, _("%(count)s invitations sent.") % {"count": count})

    target = "events:manage" if manager else "events:registrations"
    return _post_form(request, form, call, _("The invitations are on their way."), slug, target)


@login_required
def registrations(request, slug):
    event, manager, mine = _registrar(request, slug)
    status = request.GET.get("status", "")
    if status not in Registration.Status.values:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        selectors.registrations(
            event, status=status or None, brought_by=None if manager else mine, q=q
        ),
        selectors.REGISTRATIONS_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    brought_by_choices = list(selectors.co_organisers(event)) if manager else []
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "registrations": page.object_list,
            "page_obj": page,
            "q": q,
            "querystring": urlencode({k: v for k, v in (("q", q), ("status", status)) if v}),
            "status": status,
            "can_manage": manager,
            "co_organiser_names": []
            if manager
            else selectors.co_organisers(event).filter(organisation_id__in=mine),
            "brought_by_choices": brought_by_choices,
            "invite_form": forms.InviteForm(initial={"language": request.LANGUAGE_CODE})
            if not manager
            else None,
        },
    )


@login_required
@require_POST
def registration_decide(request, slug, registration_id):
    event, _manager, _mine = _registrar(request, slug)
    registration = Registration.objects.for_event(event).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    registration.event = event
    try:
        services.registration_decide(
            actor=request.user,
            registration=registration,
            approve=request.POST.get("decision") == "approve",
        )
    except RabtaError as error:
        raise PermissionDenied(str(error.message)) from error
    messages.success(request, _("The registration is updated."))
    return redirect("events:registrations", slug)


@login_required
@require_POST
def registration_brought_by(request, slug, registration_id):
    event = _managed(request, slug)
    registration = Registration.objects.for_event(event).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    registration.event = event
    form = forms.BroughtByForm(request.POST, event=event)
    return _post_form(
        request, form,
        lambda d: co_organisers.registration_set_brought_by(
            actor=request.user, registration=registration, organisation=d["brought_by"]
        ),
        _("The registration is updated."), slug, "events:registrations",
    )  # fmt: skip


@login_required
def co_organisers_page(request, slug):
    event = _managed(request, slug)
    form = forms.CoOrganiserForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            appointed = co_organisers.co_organiser_appoint(
                actor=request.user, event=event, organisation=form.cleaned_data["organisation"]
            )
        except RabtaError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a co-organiser; its administrators have been told.")
                % {"name": appointed.organisation},
            )
            return redirect("events:co_organisers", slug)
    return render(
        request,
        "events/co_organisers.html",
        {
            "event": event,
            "can_manage": True,
            "co_organisers": selectors.co_organisers(event),
            "form": form,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def co_organiser_remove(request, slug, co_organiser_id):
    event = _managed(request, slug)
    found = (
        CoOrganiser.objects.for_event(event)
        .filter(pk=co_organiser_id)
        .select_related("organisation")
        .first()
    )
    if found is None:
        raise Http404
    found.event = event
    try:
        co_organisers.co_organiser_remove(actor=request.user, co_organiser=found)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request, _("%(name)s no longer co-organises the event.") % {"name": found.organisation}
        )
    return redirect("events:co_organisers", slug)
