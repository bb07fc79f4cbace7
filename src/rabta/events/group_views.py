"""Pages for group sessions and for representatives who meet in parallel (thin: parse,
call one service or selector, render). The services are in ``group_services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.accounts.languages import SPOKEN_LANGUAGES
from rabta.core.exceptions import RabtaError
from rabta.events import group_selectors, group_services, selectors
from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Badge
from rabta.events.permissions import can_manage
from rabta.events.views import _flash_error


@login_required
def groups(request, slug):
    """The event's group sessions: offer one, ask to join, accept or decline (host, organiser)."""
    event = selectors.event_by_slug(slug)
    viewer = selectors.my_registration(event, request.user)
    manager = can_manage(request.user, event)
    if viewer is None and not manager:
        raise PermissionDenied
    rows = []
    for g in group_selectors.group_sessions(event):
        mine = next((m for m in g.members.all() if viewer and m.registration_id == viewer.pk), None)
        rows.append(
            {
                "group": g,
                "mine": mine,
                "hosting": viewer is not None and g.host_id == viewer.pk,
                "can_decide": manager or (viewer is not None and g.host_id == viewer.pk),
            }
        )
    return render(
        request,
        "events/groups.html",
        {
            "event": event,
            "registration": viewer,
            "can_manage": manager,
            "rows": rows,
            "statuses": GroupMember.Status,
        },
    )


@login_required
@require_POST
def group_create(request, slug):
    event = selectors.event_by_slug(slug)
    viewer = selectors.my_registration(event, request.user)
    if viewer is None:
        raise PermissionDenied
    try:
        group_services.group_session_create(
            actor=request.user,
            event=event,
            host=viewer,
            topic=request.POST.get("topic", ""),
            capacity=request.POST.get("capacity", ""),
            host_person=group_selectors.my_badge(viewer, request.user)
            if viewer.separate_agendas
            else None,
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Your group session is offered to the participants."))
    return redirect("events:groups", slug)


@login_required
@require_POST
def group_join(request, slug, group_id):
    event = selectors.event_by_slug(slug)
    viewer = selectors.my_registration(event, request.user)
    if viewer is None:
        raise PermissionDenied
    group = get_object_or_404(GroupSession.objects.for_event(event), pk=group_id)
    try:
        group_services.group_session_join(
            actor=request.user,
            group=group,
            registration=viewer,
            person=group_selectors.my_badge(viewer, request.user)
            if viewer.separate_agendas
            else None,
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("You asked to join. The host will answer."))
    return redirect("events:groups", slug)


@login_required
@require_POST
def group_decide(request, slug, member_id):
    event = selectors.event_by_slug(slug)
    member = get_object_or_404(GroupMember.objects.for_event(event), pk=member_id)
    try:
        group_services.group_member_decide(
            actor=request.user, member=member, accept=request.POST.get("answer") == "accept"
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Your answer has been sent."))
    return redirect("events:groups", slug)


@login_required
def representatives(request, slug):
    """Whether the organisation's representatives meet in parallel, and each one's languages."""
    event = selectors.event_by_slug(slug)
    viewer = selectors.my_registration(event, request.user)
    if viewer is None:
        raise PermissionDenied
    badges = list(
        Badge.objects.for_event(event).filter(registration=viewer).select_related("person")
    )
    if request.method == "POST":
        languages = {
            b.pk: [c for c in request.POST.getlist(f"languages-{b.pk}") if c] for b in badges
        }
        try:
            group_services.representatives_update(
                actor=request.user,
                registration=viewer,
                separate=request.POST.get("separate_agendas") == "on",
                languages=languages,
            )
        except RabtaError as error:
            _flash_error(request, error)
        else:
            messages.success(request, _("Your representatives are saved."))
            return redirect("events:representatives", slug)
    return render(
        request,
        "events/representatives.html",
        {
            "event": event,
            "registration": viewer,
            "badges": badges,
            "languages": SPOKEN_LANGUAGES,
        },
    )
