"""JSON API of reports (mounted at /api/v1/): exports as CSV/XLSX files, the dashboard's
figures, bulk imports (upload, check, confirm) and feedback on a meeting.

Thin endpoints: parse, call one selector or service, serialise.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from rabta.accounts.permissions import is_organiser, is_validator
from rabta.core.exceptions import NotPermitted
from rabta.events.models import Event, Meeting
from rabta.events.permissions import can_manage, co_organised_by
from rabta.reports import exports, feedback, imports, selectors
from rabta.reports.models import ImportJob

router = Router(tags=["reports"])


def _file(export: exports.Export, fmt: str):
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(export), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.xlsx_bytes(export),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{export.name}.{fmt}"'
    return response


def _managed(request, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not can_manage(request.auth, event):
        raise NotPermitted()
    return event


@router.get(
    "/reports/exports/{name}",
    summary="Export organisations or opportunities (validators): ?format=csv or xlsx",
)
def export(request, name: str, format: str = "csv"):
    if name not in exports.GLOBAL_EXPORTS:
        raise Http404
    if not is_validator(request.auth):
        raise NotPermitted()
    return _file(exports.GLOBAL_EXPORTS[name][1](), format)


@router.get(
    "/events/{slug}/exports/{name}",
    summary="Export an event's participants, meetings, agendas or feedback: ?format=csv or xlsx",
)
def event_export(request, slug: str, name: str, format: str = "csv"):
    if name not in exports.EVENT_EXPORTS:
        raise Http404
    return _file(exports.EVENT_EXPORTS[name][1](_managed(request, slug)), format)


class OutcomeOut(Schema):
    label: str
    meetings: int
    held: int
    leads: int
    value: Decimal
    signed: int = Field(description="Second stage: meetings that led to a signed deal.")
    signed_value: Decimal
    conversion: float | None = Field(description="Signed deals of meetings held, in percent.")


class DashboardOut(Schema):
    events: list[str]
    clients_only: list[str] = Field(
        description="Events you co-organise: their figures count only the organisations you "
        "brought."
    )
    registrations: int
    registrations_by_day: list[tuple[str, int]]
    requests: int
    requests_by_status: dict[str, int]
    acceptance_rate: float | None
    meetings_requested: int
    meetings_scheduled: int
    meetings_no_show: int
    registrations_no_show: int
    interpreter_load: list[tuple[str, int]]
    feedback_count: int
    meetings_held: int
    leads: int
    expected_value: Decimal
    second_stage_count: int = Field(description="Answers to the survey months after the event.")
    deals_signed: int
    signed_value: Decimal
    conversion: float | None = Field(description="Meetings held that led to a deal, in percent.")
    by_sector: list[OutcomeOut]
    by_country_pair: list[OutcomeOut]


def _dashboard(user, events: list[Event]) -> dict:
    clients_only = selectors.clients_only(user, events)
    data = selectors.dashboard(events, clients_only=clients_only)
    return {
        **data.__dict__,
        "conversion": data.conversion,
        "events": [event.slug for event in events],
        "clients_only": sorted(e.slug for e in events if e.pk in clients_only),
        "registrations_by_day": [(day.isoformat(), n) for day, n in data.registrations_by_day],
    }


@router.get(
    "/reports/dashboard",
    response=DashboardOut,
    summary="The dashboard's figures across your events",
    description="A co-organiser's events count only the organisations it brought "
    "(listed in `clients_only`).",
)
def dashboard_all(request):
    events = list(selectors.dashboard_events(request.auth))
    if not events and not is_organiser(request.auth):
        raise NotPermitted()
    return _dashboard(request.auth, events)


@router.get(
    "/events/{slug}/dashboard",
    response=DashboardOut,
    summary="The dashboard's figures of one event",
)
def dashboard_event(request, slug: str):
    """Its managers see the whole event; a co-organiser the organisations it brought."""
    event = get_object_or_404(Event, slug=slug)
    if not (can_manage(request.auth, event) or co_organised_by(request.auth, event)):
        raise NotPermitted()
    return _dashboard(request.auth, [event])


class ImportErrorOut(Schema):
    line: int | None
    column: str
    message: str


class ImportOut(Schema):
    id: int
    kind: str
    status: str
    file: str
    encoding: str
    total_rows: int
    processed_rows: int
    error_count: int
    errors: list[ImportErrorOut]
    duplicate_count: int
    duplicates: list[dict]
    created_count: int
    merged_count: int
    skipped_count: int
    invite: str = Field(description='People imports: "now", "later" or "" before the import.')


def _job_out(job: ImportJob) -> dict:
    return {
        **{f: getattr(job, f) for f in ImportOut.model_fields if f != "file"},
        "file": job.original_name,
        "processed_rows": imports.read_progress(job),
    }


@router.post(
    "/imports",
    response={201: ImportOut},
    summary="Upload a CSV or XLSX file: it is checked, nothing is written yet",
)
def import_upload(
    request,
    kind: Form[str],
    file: File[UploadedFile],
    encoding: Form[str] = "",
    event: Form[str] = "",
):
    chosen = get_object_or_404(Event, slug=event) if event else None
    job = imports.import_start(
        actor=request.auth, kind=kind, upload=file, encoding=encoding, event=chosen
    )
    return Status(201, _job_out(job))


def _own_job(request, job_id: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("event"), pk=job_id)
    if job.created_by_id != request.auth.pk:
        raise Http404
    return job


@router.get(
    "/imports/{int:job_id}", response=ImportOut, summary="An import's check, progress and result"
)
def import_status(request, job_id: int):
    imports.imports_fail_stalled()
    return _job_out(_own_job(request, job_id))


class ConfirmIn(Schema):
    duplicate_action: str = ""
    invite: str = Field(
        "",
        description='People imports: "now" e-mails each new account a link to choose a '
        'password; "later" (the default) leaves it to POST /imports/{id}/invite.',
    )


@router.post(
    "/imports/{int:job_id}/confirm",
    response=ImportOut,
    summary="Import every row (or none): merge or skip duplicates",
)
def import_confirm(request, job_id: int, payload: ConfirmIn):
    job = imports.import_confirm(
        actor=request.auth,
        job=_own_job(request, job_id),
        duplicate_action=payload.duplicate_action,
        invite=payload.invite,
    )
    return _job_out(job)


class InvitedOut(Schema):
    invited: int


@router.post(
    "/imports/{int:job_id}/invite",
    response=InvitedOut,
    summary="E-mail the people of a finished import a link to choose a password",
)
def import_invite(request, job_id: int):
    """Every new account of the import not invited yet, each in its own language."""
    return {
        "invited": imports.import_invite_people(actor=request.auth, job=_own_job(request, job_id))
    }


class FeedbackIn(Schema):
    took_place: bool
    interest: int = 0
    deal_kind: str = "none"
    deal_value: Decimal | None = None
    follow_up: bool = False
    comment: str = ""


class FeedbackOut(Schema):
    meeting: int
    took_place: bool
    interest: int
    deal_kind: str
    deal_value: Decimal | None
    follow_up: bool
    comment: str


@router.put(
    "/meetings/{int:meeting_id}/feedback",
    response=FeedbackOut,
    summary="Your side's feedback on a meeting",
)
def give_feedback(request, meeting_id: int, payload: FeedbackIn):
    meeting = get_object_or_404(
        Meeting.objects.unscoped().select_related("slot", "request__sender", "request__recipient"),
        pk=meeting_id,
    )
    item = feedback.feedback_submit(actor=request.auth, meeting=meeting, data=payload.model_dump())
    return {
        **{f: getattr(item, f) for f in FeedbackOut.model_fields if f != "meeting"},
        "meeting": meeting.pk,
    }
