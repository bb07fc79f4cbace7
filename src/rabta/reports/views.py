"""Organiser pages: dashboard (+ PDF), exports, imports; participants' feedback forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rabta.accounts.permissions import is_organiser, is_validator
from rabta.core import charts
from rabta.core.exceptions import RabtaError
from rabta.core.forms import add_service_errors
from rabta.core.i18n import localized
from rabta.events.models import Event, Meeting
from rabta.events.permissions import can_manage, can_view
from rabta.events.selectors import event_by_slug
from rabta.reports import exports, feedback, forms, imports, outcomes, selectors
from rabta.reports.importers import IMPORTERS
from rabta.reports.models import Feedback, ImportJob, OutcomeFollowUp

FORMATS = ("csv", "xlsx")


def _download(export: exports.Export, fmt: str):
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(export), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.xlsx_bytes(export),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{export.name}.{fmt}"'
    return response


def _managed_event(request, slug: str) -> Event:
    event = event_by_slug(slug)
    if not can_manage(request.user, event):
        raise PermissionDenied
    return event


# --- dashboard ---------------------------------------------------------------------------------


def _dashboard_context(request) -> dict:
    events = list(selectors.dashboard_events(request.user)[:200])
    if not events and not is_organiser(request.user):
        raise PermissionDenied
    slug = request.GET.get("event", "")
    chosen = [e for e in events if e.slug == slug] if slug else events
    if slug and not chosen:
        raise Http404
    # A co-organiser sees the figures of the organisations it brought, and no export.
    clients_only = selectors.clients_only(request.user, chosen)
    data = selectors.dashboard(chosen, clients_only=clients_only)
    return {
        "events": events,
        "event": chosen[0] if slug else None,
        "data": data,
        "clients_only": bool(clients_only),
        "event_exports": []
        if slug and clients_only
        else [(name, label) for name, (label, _f) in exports.EVENT_EXPORTS.items()],
        "global_exports": [(name, label) for name, (label, _f) in exports.GLOBAL_EXPORTS.items()]
        if is_validator(request.user)
        else [],
        "charts": {
            "registrations": charts.column_chart(
                _("Registrations per day"),
                [(d.isoformat(), n) for d, n in data.registrations_by_day],
            ),
            "requests": charts.bar_chart(
                _("Meeting requests by status"),
                [
                    (label, data.requests_by_status.get(value, 0))
                    for value, label in _request_statuses()
                ],
            ),
            "interpreters": charts.bar_chart(_("Meetings per interpreter"), data.interpreter_load),
            "sectors": charts.bar_chart(
                _("Expected deal value by sector (USD)"),
                [(o.label, o.value) for o in data.by_sector[:12]],
            ),
            "pairs": charts.bar_chart(
                _("Leads by country pair"), [(o.label, o.leads) for o in data.by_country_pair[:12]]
            ),
        },
    }


def _request_statuses():
    from rabta.events.models import MeetingRequest

    return MeetingRequest.Status.choices


@login_required
def dashboard(request):
    return render(request, "reports/dashboard.html", _dashboard_context(request))


@login_required
def dashboard_pdf(request):
    from rabta.events.documents import render_pdf

    context = _dashboard_context(request)
    pdf = render_pdf("reports/print/dashboard.html", context, language=request.LANGUAGE_CODE)
    name = f"report-{context['event'].slug}" if context["event"] else "report"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


# --- exports -----------------------------------------------------------------------------------


@login_required
def export(request, name: str, fmt: str):
    if name not in exports.GLOBAL_EXPORTS or fmt not in FORMATS:
        raise Http404
    if not is_validator(request.user):
        raise PermissionDenied
    return _download(exports.GLOBAL_EXPORTS[name][1](), fmt)


@login_required
def event_export(request, slug: str, name: str, fmt: str):
    if name not in exports.EVENT_EXPORTS or fmt not in FORMATS:
        raise Http404
    event = _managed_event(request, slug)
    return _download(exports.EVENT_EXPORTS[name][1](event), fmt)


# --- imports -----------------------------------------------------------------------------------


def _import_events(user) -> list[Event]:
    return [e for e in selectors.dashboard_events(user)[:200] if can_manage(user, e)]


@login_required
def import_new(request):
    events = _import_events(request.user)
    if not is_organiser(request.user) and not events:
        raise PermissionDenied
    form = forms.ImportForm(request.POST or None, request.FILES or None, events=events)
    if request.method == "POST" and form.is_valid():
        event = next((e for e in events if e.slug == form.cleaned_data["event"]), None)
        if form.cleaned_data["kind"] == ImportJob.Kind.REGISTRATIONS and event is None:
            form.add_error("event", _("Choose the event the registrations are for."))
        else:
            try:
                job = imports.import_start(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    encoding=form.cleaned_data["encoding"],
                    event=event,
                )
            except RabtaError as error:
                add_service_errors(form, error)
            else:
                return redirect("reports:import_detail", job_id=job.pk)
    imports.imports_fail_stalled()
    recent = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(
        request,
        "reports/import_new.html",
        {"form": form, "importers": IMPORTERS.values(), "recent": recent},
    )


def _job(request, job_id: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("event"), pk=job_id)
    if job.created_by_id != request.user.pk:
        raise Http404
    return job


@login_required
def import_detail(request, job_id: int):
    imports.imports_fail_stalled()
    job = _job(request, job_id)
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_confirm(
                actor=request.user,
                job=job,
                duplicate_action=form.cleaned_data["duplicate_action"],
                invite=form.cleaned_data["invite"],
            )
        except RabtaError as error:
            add_service_errors(form, error)
        else:
            if job.status == ImportJob.Status.DONE:
                messages.success(request, _("The file was imported."))
            return redirect("reports:import_detail", job_id=job.pk)
    template = (
        "reports/_import_status.html"
        if request.headers.get("HX-Request")
        else "reports/import_detail.html"
    )
    return render(
        request,
        template,
        {
            "job": job,
            "form": form,
            "processed": imports.read_progress(job),
            "not_invited": imports.import_pending_invitations(job)
            if job.kind == ImportJob.Kind.PEOPLE
            else 0,
        },
    )


@require_POST
@login_required
def import_invite(request, job_id: int):
    """Invite the people of a finished import done with "invite later"."""
    job = _job(request, job_id)
    try:
        count = imports.import_invite_people(actor=request.user, job=job)
    except RabtaError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s person is invited to choose a password.",
                "%(count)s people are invited to choose a password.",
                count,
            )
            % {"count": count},
        )
    return redirect("reports:import_detail", job_id=job.pk)


@login_required
def import_template(request, kind: str, fmt: str):
    importer = IMPORTERS.get(kind)
    if importer is None or fmt not in FORMATS:
        raise Http404
    header = [c.name for c in importer.columns]
    example = [c.example for c in importer.columns]
    return _download(exports.Export(f"rabta-{kind}-template", header, [example]), fmt)


# --- feedback ----------------------------------------------------------------------------------


@login_required
def my_feedback(request, slug: str):
    event = event_by_slug(slug)
    if not can_view(request.user, event):
        raise Http404
    meetings = [
        m
        for m in Meeting.objects.for_event(event)
        .select_related(
            "slot", "table", "request__sender__organisation", "request__recipient__organisation"
        )
        .order_by("slot__start")
        if feedback.can_give_feedback(request.user, m)
    ]
    given = {
        f.meeting_id: f
        for f in Feedback.objects.filter(meeting__in=meetings, submitted_by=request.user)
    }
    rows = []
    for meeting in meetings:
        side = feedback.side_of(request.user, meeting)
        rows.append((meeting, meeting.request.other(side), given.get(meeting.pk)))
    return render(request, "reports/my_feedback.html", {"event": event, "rows": rows})


def _meeting_and_side(request, meeting_id: int):
    """A meeting and the signed-in person's side of it; 403 for anyone who attended neither."""
    meeting = get_object_or_404(
        Meeting.objects.unscoped().select_related(
            "event", "slot", "request__sender__organisation", "request__recipient__organisation"
        ),
        pk=meeting_id,
    )
    side = feedback.side_of(request.user, meeting)
    if side is None:
        raise PermissionDenied
    return meeting, side


def _answered(request, form, submit, meeting, thanks: str, next_view: str):
    """Saves a survey answer through its service: the redirect on success, else None (the
    service's refusals shown on the form)."""
    if request.method == "POST" and form.is_valid():
        try:
            submit(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except RabtaError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, thanks)
            return redirect(next_view, slug=meeting.event.slug)
    return None


@login_required
def feedback_form(request, meeting_id: int):
    meeting, side = _meeting_and_side(request, meeting_id)
    current = Feedback.objects.filter(meeting=meeting, registration=side).first()
    initial = {}
    if current:
        initial = {
            "took_place": "yes" if current.took_place else "no", "interest": current.interest,
            "deal_kind": current.deal_kind, "deal_value": current.deal_value,
            "follow_up": current.follow_up, "comment": current.comment,
        }  # fmt: skip
    form = forms.FeedbackForm(request.POST or None, initial=initial)
    thanks = _("Thank you: your feedback was saved.")
    done = _answered(
        request, form, feedback.feedback_submit, meeting, thanks, "reports:my_feedback"
    )
    if done:
        return done
    return render(
        request,
        "reports/feedback_form.html",
        {
            "meeting": meeting,
            "other": meeting.request.other(side),
            "form": form,
            "event_name": localized(meeting.event.name),
        },
    )


# --- the second-stage outcome survey ------------------------------------------------------------


@login_required
def my_outcomes(request, slug: str):
    """The held meetings the person answers the second survey about, their first answers beside."""
    event = event_by_slug(slug)
    if not can_view(request.user, event):
        raise Http404
    meetings = [
        m
        for m in outcomes.held_meetings(event)
        .select_related("slot", "request__sender__organisation", "request__recipient__organisation")
        .order_by("slot__start")
        if feedback.can_give_feedback(request.user, m)
    ]
    sides = {m.pk: feedback.side_of(request.user, m) for m in meetings}
    first = {
        (f.meeting_id, f.registration_id): f for f in Feedback.objects.filter(meeting__in=meetings)
    }
    second = {
        (f.meeting_id, f.registration_id): f
        for f in OutcomeFollowUp.objects.filter(meeting__in=meetings)
    }
    rows = [
        (
            m,
            m.request.other(sides[m.pk]),
            first.get((m.pk, sides[m.pk].pk)),
            second.get((m.pk, sides[m.pk].pk)),
        )
        for m in meetings
    ]
    opens = outcomes.survey_opens_at(event)
    return render(
        request,
        "reports/my_outcomes.html",
        {
            "event": event,
            "rows": rows,
            "opens": opens,
            "is_open": opens and opens <= timezone.now(),
        },
    )


@login_required
def outcome_form(request, meeting_id: int):
    meeting, side = _meeting_and_side(request, meeting_id)
    current = OutcomeFollowUp.objects.filter(meeting=meeting, registration=side).first()
    initial = {}
    if current:
        initial = {
            "deal_signed": "yes" if current.deal_signed else "no", "deal_kind": current.deal_kind,
            "deal_value": current.deal_value, "comment": current.comment,
        }  # fmt: skip
    form = forms.OutcomeForm(request.POST or None, initial=initial)
    thanks = _("Thank you: your answer was saved.")
    done = _answered(request, form, outcomes.outcome_submit, meeting, thanks, "reports:outcomes")
    if done:
        return done
    return render(
        request,
        "reports/outcome_form.html",
        {
            "meeting": meeting,
            "other": meeting.request.other(side),
            "first": Feedback.objects.filter(meeting=meeting, registration=side).first(),
            "form": form,
        },
        status=422 if form.errors else 200,
    )
