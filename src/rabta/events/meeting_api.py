"""JSON API of single-meeting control (mounted at /api/v1/): the organiser lists, places, moves,
swaps and cancels meetings, arranges requests and marks them required; participants withdraw
requests, cancel meetings and their registration; everyone sees why a request is not scheduled.

Thin endpoints: parse, call one selector or service, serialise (see docs/api.md, docs/events.md).
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import meeting_selectors, meeting_services, selectors, services
from rabta.events.api import (
    RequestOut,
    _event,
    _mine,
    _unknown_participant,
    _user,
    request_out,
)
from rabta.events.models import Meeting, MeetingRequest, Registration, Slot, Table
from rabta.events.permissions import can_manage, require_manager

router = Router(tags=["events: single meetings"])


class ScheduledMeetingOut(Schema):
    id: int
    request: int
    slot: int
    start: datetime
    end: datetime
    table: int | None
    stand: str
    interpreter: str | None
    sender: str
    sender_id: int
    recipient: str
    recipient_id: int
    locked: bool
    source: str
    required: bool


class PlaceIn(Schema):
    request: int = Field(description="The id of an accepted meeting request.")
    slot: int
    table: int | None = Field(None, description="A table number; empty: the first one free.")


class MoveIn(Schema):
    slot: int
    table: int | None = Field(None, description="A table number; empty: the first one free.")


class SwapIn(Schema):
    other: int = Field(description="The id of the meeting to swap with.")


class CancelIn(Schema):
    reason: str = Field("", max_length=200)


class ArrangeIn(Schema):
    sender: int = Field(description="The id of a registration.")
    recipient: int = Field(description="The id of another registration.")
    required: bool = False
    message: str = ""


class RequiredIn(Schema):
    required: bool


class UnscheduledOut(Schema):
    request: int
    sender: str
    sender_id: int
    recipient: str
    recipient_id: int
    required: bool
    reason: str = Field(
        description="limit_reached, no_common_slot, both_busy, no_interpreter, no_table, fits "
        "or unknown"
    )
    reason_text: str


def meeting_out(m: Meeting) -> dict:
    q = m.request
    return {
        "id": m.pk, "request": q.pk, "slot": m.slot_id, "start": m.slot.start, "end": m.slot.end,
        "table": m.table.number if m.table_id else None, "stand": m.stand_label,
        "interpreter": m.interpreter.name if m.interpreter_id else None,
        "sender": str(q.sender.organisation), "sender_id": q.sender_id,
        "recipient": str(q.recipient.organisation), "recipient_id": q.recipient_id,
        "locked": m.locked, "source": m.source, "required": q.required,
    }  # fmt: skip


def _meeting(event, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.for_event(event)
        .filter(pk=meeting_id)
        .select_related(
            "slot",
            "table",
            "interpreter",
            "request__sender__organisation",
            "request__recipient__organisation",
        )  # fmt: skip
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def _reload(event, meeting: Meeting) -> dict:
    return meeting_out(_meeting(event, meeting.pk))


def _slot(event, slot_id: int) -> Slot:
    slot = Slot.objects.for_event(event).filter(pk=slot_id).first()
    if slot is None:
        raise InvalidInput(field_errors={"slot": [_no_such("slot")]})
    return slot


def _table(event, number: int | None) -> Table | None:
    if number is None:
        return None
    table = Table.objects.for_event(event).filter(number=number).first()
    if table is None:
        raise InvalidInput(field_errors={"table": [_no_such("table")]})
    return table


def _no_such(what: str) -> str:
    from django.utils.translation import gettext

    if what == "slot":
        return gettext("The event has no slot with this id.")
    return gettext("The event has no table with this number.")


def _request(event, request_id: int) -> MeetingRequest:
    q = (
        MeetingRequest.objects.for_event(event)
        .filter(pk=request_id)
        .select_related("sender__organisation", "recipient__organisation")
        .first()
    )
    if q is None:
        raise Http404
    return q


@router.get(
    "/events/{slug}/meetings",
    response=list[ScheduledMeetingOut],
    summary="The event's meetings (organisers)",
)
def list_meetings(request, slug: str, slot: int | None = None, registration: int | None = None):
    event, user = _event(request, slug), _user(request)
    require_manager(user, event)
    rows = selectors.schedule_meetings(event)
    if slot is not None:
        rows = rows.filter(slot_id=slot)
    if registration is not None:
        rows = rows.filter(seats__registration_id=registration)
    return [meeting_out(m) for m in rows]


@router.post(
    "/events/{slug}/meetings",
    response={201: ScheduledMeetingOut},
    summary="Place an accepted request in a slot (organisers)",
)
def place_meeting(request, slug: str, payload: PlaceIn):
    event, user = _event(request, slug), _user(request)
    require_manager(user, event)
    meeting = meeting_services.meeting_place(
        actor=user, request=_request(event, payload.request), slot=_slot(event, payload.slot),
        table=_table(event, payload.table),
    )  # fmt: skip
    return Status(201, _reload(event, meeting))


@router.post(
    "/events/{slug}/meetings/{meeting_id}/move",
    response=ScheduledMeetingOut,
    summary="Move a meeting to another slot or table (organisers)",
)
def move_meeting(request, slug: str, meeting_id: int, payload: MoveIn):
    event, user = _event(request, slug), _user(request)
    require_manager(user, event)
    meeting = meeting_services.meeting_move(
        actor=user, meeting=_meeting(event, meeting_id), slot=_slot(event, payload.slot),
        table=_table(event, payload.table),
    )  # fmt: skip
    return _reload(event, meeting)


@router.post(
    "/events/{slug}/meetings/{meeting_id}/swap",
    response=list[ScheduledMeetingOut],
    summary="Swap the slots and tables of two meetings (organisers)",
)
def swap_meetings(request, slug: str, meeting_id: int, payload: SwapIn):
    event, user = _event(request, slug), _user(request)
    require_manager(user, event)
    first, second = meeting_services.meeting_swap(
        actor=user, meeting=_meeting(event, meeting_id), other=_meeting(event, payload.other)
    )
    return [_reload(event, first), _reload(event, second)]


@router.post(
    "/events/{slug}/meetings/{meeting_id}/cancel",
    response=RequestOut,
    summary="Cancel a meeting (organisers, or either side)",
)
def cancel_meeting(request, slug: str, meeting_id: int, payload: CancelIn):
    event, user = _event(request, slug), _user(request)
    q = meeting_services.meeting_cancel(
        actor=user, meeting=_meeting(event, meeting_id), reason=payload.reason
    )
    return request_out(q)


@router.post(
    "/events/{slug}/requests/arrange",
    response={201: RequestOut},
    summary="Arrange a meeting for two participants (organisers)",
)
def arrange_request(request, slug: str, payload: ArrangeIn):
    event, user = _event(request, slug), _user(request)
    require_manager(user, event)
    found = {
        r.pk: r
        for r in Registration.objects.for_event(event)
        .filter(pk__in=[payload.sender, payload.recipient])
        .select_related("organisation")
    }
    errors = {
        key: [_unknown_participant()]
        for key, pk in (("sender", payload.sender), ("recipient", payload.recipient))
        if pk not in found
    }
    if errors:
        raise InvalidInput(field_errors=errors)
    q = meeting_services.meeting_request_arrange(
        actor=user, sender=found[payload.sender], recipient=found[payload.recipient],
        required=payload.required, message=payload.message,
    )  # fmt: skip
    return Status(201, request_out(q))


@router.post(
    "/events/{slug}/requests/{request_id}/required",
    response=RequestOut,
    summary="Mark a request required, or not (organisers)",
)
def set_required(request, slug: str, request_id: int, payload: RequiredIn):
    event, user = _event(request, slug), _user(request)
    q = services.meeting_request_set_required(
        actor=user, request=_request(event, request_id), required=payload.required
    )
    return request_out(q)


@router.post(
    "/events/{slug}/requests/{request_id}/withdraw",
    response=RequestOut,
    summary="Withdraw a request you sent",
)
def withdraw_request(request, slug: str, request_id: int):
    event, user = _event(request, slug), _user(request)
    q = meeting_services.meeting_request_withdraw(actor=user, request=_request(event, request_id))
    return request_out(q)


@router.post(
    "/events/{slug}/registration/cancel",
    response=dict,
    summary="Cancel your organisation's registration",
)
def cancel_registration(request, slug: str):
    event, user = _event(request, slug), _user(request)
    registration = meeting_services.registration_cancel(actor=user, registration=_mine(event, user))
    return {"id": registration.pk, "status": registration.status}


@router.get(
    "/events/{slug}/unscheduled",
    response=list[UnscheduledOut],
    summary="Accepted requests without a meeting, and why",
)
def list_unscheduled(request, slug: str):
    """Organisers see every such request; a participant sees theirs once the schedule is
    published."""
    event, user = _event(request, slug), _user(request)
    if can_manage(user, event):
        rows = meeting_selectors.unscheduled(event)
    else:
        mine = _mine(event, user)
        if not event.published_version:
            raise NotPermitted(_not_published())
        rows = meeting_selectors.unscheduled(event, registration=mine)
    return [
        {
            "request": row.request.pk,
            "sender": str(row.request.sender.organisation),
            "sender_id": row.request.sender_id,
            "recipient": str(row.request.recipient.organisation),
            "recipient_id": row.request.recipient_id,
            "required": row.request.required,
            "reason": row.reason,
            "reason_text": row.text,
        }  # fmt: skip
        for row in rows
    ]


def _not_published() -> str:
    from django.utils.translation import gettext

    return gettext("The schedule is not published yet.")
