"""Pages for single-meeting control: the schedule grid and the forms that place, move, swap and
cancel meetings, arrange requests, withdraw requests and cancel a registration. Thin: parse,
call one service, say what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rabta.core.exceptions import RabtaError
from rabta.events import meeting_selectors, meeting_services, selectors, services
from rabta.events.models import Meeting, MeetingRequest, Slot, Table
from rabta.events.permissions import can_manage
from rabta.events.views import _flash_error, _managed


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _back(request, slug: str, default: str = "events:schedule"):
    target = _safe_next(request)
    return redirect(target) if target else redirect(default, slug)


def _get(model, event, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return model.objects.for_event(event).filter(pk=pk).first()


def _run(request, call, success: str) -> None:
    try:
        call()
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, success)


@login_required
def grid(request, slug):
    event = _managed(request, slug)
    data = meeting_selectors.grid(
        event,
        view=request.GET.get("view", "tables"),
        session_id=request.GET.get("session"),
        page=request.GET.get("page", 1),
    )
    return render(request, "events/schedule_grid.html", {"event": event, "grid": data})


def _form(request, event, title: str, **context):
    """The form of one meeting or request: a fragment for htmx, else a page of its own."""
    context |= {
        "event": event,
        "title": title,
        "future_slots": meeting_selectors.future_slots(event),
        "tables": Table.objects.for_event(event).order_by("number"),
        "next": _safe_next(request) or "",
    }
    if request.headers.get("HX-Request"):
        template = "events/_meeting_form.html" if "m" in context else "events/_place_form.html"
        return render(request, template, context)
    return render(request, "events/meeting_form.html", context)


def _chosen_place(request, event) -> tuple[Slot, Table | None] | None:
    """The slot and table (None: the first free one) the form chose; None, with a message, when
    it chose no slot of the event."""
    slot = _get(Slot, event, request.POST.get("slot"))
    table = _get(Table, event, request.POST.get("table")) if request.POST.get("table") else None
    if slot is None:
        messages.error(request, _("Choose a slot."))
        return None
    return slot, table


@login_required
def unscheduled(request, slug):
    """The accepted requests without a meeting, each with the reason (loaded into the schedule
    page with htmx: explaining needs the engine's view of the whole event)."""
    event = _managed(request, slug)
    context = {"event": event, "unscheduled": meeting_selectors.unscheduled(event)}
    if request.headers.get("HX-Request"):
        return render(request, "events/_unscheduled.html", context)
    return render(request, "events/unscheduled.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request, slug, meeting_id):
    """Move a meeting to a slot (and table); with ``swap``, swap it with the meeting already
    there. GET: the form."""
    event = _managed(request, slug)
    meeting = _get(Meeting, event, meeting_id)
    if meeting is None:
        raise Http404
    if request.method == "GET":
        return _form(request, event, _("Move or cancel"), m=meeting)
    place = _chosen_place(request, event)
    if place is None:
        return _back(request, slug)
    slot, table = place
    there = Meeting.objects.for_event(event).filter(slot=slot).exclude(pk=meeting.pk)
    there = there.filter(table=table).first() if table else None
    if request.POST.get("swap") and there is not None:
        _run(
            request,
            lambda: meeting_services.meeting_swap(actor=request.user, meeting=meeting, other=there),
            _("The two meetings are swapped."),
        )
    else:
        _run(
            request,
            lambda: meeting_services.meeting_move(
                actor=request.user, meeting=meeting, slot=slot, table=table
            ),
            _("The meeting is moved."),
        )
    return _back(request, slug)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_place(request, slug, request_id):
    event = _managed(request, slug)
    meeting_request = _get(MeetingRequest, event, request_id)
    if meeting_request is None:
        raise Http404
    if request.method == "GET":
        return _form(request, event, _("Place it"), q=meeting_request)
    place = _chosen_place(request, event)
    if place is None:
        return _back(request, slug)
    slot, table = place
    _run(
        request,
        lambda: meeting_services.meeting_place(
            actor=request.user, request=meeting_request, slot=slot, table=table
        ),
        _("The meeting is placed."),
    )
    return _back(request, slug)


@login_required
@require_POST
def meeting_cancel(request, slug, meeting_id):
    """Cancel a meeting: the organiser, or a member of one side."""
    event = selectors.event_by_slug(slug)
    meeting = _get(Meeting, event, meeting_id)
    default = "events:schedule" if can_manage(request.user, event) else "events:agenda"
    if meeting is None:  # cancelled already (a second click, another tab), or rescheduled
        messages.error(
            request,
            _(
                "This meeting is no longer on the schedule: it was cancelled, or the schedule "
                "changed after the page was opened. Here is the schedule as it is now."
            ),
        )
        return redirect(default, slug)
    try:
        meeting_services.meeting_cancel(
            actor=request.user, meeting=meeting, reason=request.POST.get("reason", "")
        )
    except RabtaError as error:
        if error.status_code == 403:
            raise PermissionDenied from error
        _flash_error(request, error)
    else:
        messages.success(request, _("The meeting is cancelled; the other side is told."))
    return _back(request, slug, default)


@login_required
@require_POST
def request_arrange(request, slug):
    event = _managed(request, slug)
    sender = meeting_selectors.find_participant(event, request.POST.get("sender", "")[:200])
    recipient = meeting_selectors.find_participant(event, request.POST.get("recipient", "")[:200])
    if sender is None or recipient is None:
        messages.error(
            request,
            _("No single approved participant has this badge code or name: %(text)s")
            % {"text": request.POST.get("recipient" if sender else "sender", "")[:200]},
        )
        return _back(request, slug)
    _run(
        request,
        lambda: meeting_services.meeting_request_arrange(
            actor=request.user,
            sender=sender,
            recipient=recipient,
            required=bool(request.POST.get("required")),
            first=bool(request.POST.get("first")),
        ),  # fmt: skip
        _("The meeting is arranged; both participants are told."),
    )
    return _back(request, slug)


@login_required
@require_POST
def request_required(request, slug, request_id):
    event = _managed(request, slug)
    meeting_request = _get(MeetingRequest, event, request_id)
    if meeting_request is None:
        raise Http404
    required = request.POST.get("required") == "1"
    services.meeting_request_set_required(
        actor=request.user, request=meeting_request, required=required
    )
    messages.success(
        request,
        _("The meeting is marked required.")
        if required
        else _("The meeting is no longer required."),
    )
    return _back(request, slug)


@login_required
@require_POST
def request_withdraw(request, slug, request_id):
    event = selectors.event_by_slug(slug)
    meeting_request = _get(MeetingRequest, event, request_id)
    if meeting_request is None:
        raise Http404
    try:
        meeting_services.meeting_request_withdraw(actor=request.user, request=meeting_request)
    except RabtaError as error:
        if error.status_code == 403:
            raise PermissionDenied from error
        _flash_error(request, error)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("events:requests", slug)


@login_required
@require_POST
def registration_cancel(request, slug):
    event = selectors.event_by_slug(slug)
    registration = selectors.my_registration(event, request.user)
    if registration is None:
        raise Http404
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm the cancellation."))
        return redirect("events:detail", slug)
    _run(
        request,
        lambda: meeting_services.registration_cancel(actor=request.user, registration=registration),
        _("Your registration is cancelled; your partners are told."),
    )
    return redirect("events:detail", slug)
