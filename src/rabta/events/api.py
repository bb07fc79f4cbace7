"""JSON API of events (mounted at /api/v1/): events, registrations, meeting requests, my agenda,
the public programme.

Thin endpoints: parse, call one selector or service, serialise. Domain errors become the
documented error body in rabta.api.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from rabta.accounts.api_auth import ApiTokenAuth, SessionAuth
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.i18n import localized
from rabta.events import meeting_selectors, selectors, services
from rabta.events.invitations import read_invitation
from rabta.events.models import Badge, Event, MeetingRequest, Registration, Session
from rabta.events.permissions import can_manage, can_view, co_organised_by

router = Router(tags=["events"])


def _anonymous(request: HttpRequest) -> bool:
    return True


OPTIONAL_AUTH = [ApiTokenAuth(), SessionAuth(), _anonymous]


class SessionOut(Schema):
    id: int
    date: str
    start: str
    end: str
    meeting_minutes: int


class EventOut(Schema):
    slug: str
    name: str
    names: dict[str, str]
    venue: str
    venues: dict[str, str]
    city: str
    cities: dict[str, str]
    time_zone: str
    request_mode: str
    scheduling_mode: str
    format: str = Field(description="in_person, online or hybrid")
    max_meetings: int
    registration_open: bool
    requests_open: bool
    published_version: int
    sessions: list[SessionOut] = []


class RegistrationOut(Schema):
    id: int
    organisation: str
    organisation_slug: str
    country: str
    languages: list[str]
    stand: str
    status: str
    brought_by: str | None = Field(
        None, description="The address (slug) of the co-organiser that brought it, if any."
    )


class RegistrationIn(Schema):
    sessions: list[int] = Field(description="Ids of the sessions you can attend.")
    languages: list[str]
    attendees: list[int] | None = Field(
        None, description="User ids of members who attend (default: you)."
    )
    has_stand: bool = False
    stand: str = ""
    invitation: str = Field(
        "", description="The token of the invitation link (needed for an unlisted event)."
    )


class RequestOut(Schema):
    id: int
    sender: str
    sender_id: int
    recipient: str
    recipient_id: int
    message: str
    status: str
    mutual: bool
    online: bool = Field(
        False, description="A video call (hybrid events; every meeting of an online event)."
    )
    warning: str = Field("", description="Set when accepting took you past the meeting limit.")


class RequestIn(Schema):
    recipient: int = Field(description="The id of the recipient's registration.")
    message: str = ""
    recipient_person: int | None = Field(
        None,
        description="One representative (badge id) of a recipient whose representatives meet "
        "in parallel; empty: the scheduler chooses.",
    )
    online: bool = Field(False, description="Ask for a video call (hybrid events only).")


class AnswerIn(Schema):
    accept: bool


class MeetingOut(Schema):
    start: datetime
    end: datetime
    partner: str
    partner_id: int
    table: int | None
    stand: str
    interpreter: str | None
    online: bool = Field(description="A video call (no table, no stand).")
    video_link: str = Field(description="The video call's link; empty when not online.")


def _user(request):
    user = getattr(request, "auth", None) or request.user
    if not getattr(user, "is_authenticated", False):
        raise NotPermitted()
    return user


def _event(request, slug: str, invitation: str = "") -> Event:
    """The event if the caller may see it (an unlisted one: 404 unless theirs or invited)."""
    event = selectors.event_by_slug(slug)
    auth = getattr(request, "auth", None)
    user = auth if getattr(auth, "is_authenticated", False) else request.user
    if not can_view(user, event, invited=read_invitation(event, invitation) is not None):
        raise Http404
    return event


def event_out(event: Event, sessions=None) -> dict:
    return {
        "slug": event.slug, "name": localized(event.name), "names": event.name, "venue": localized(event.venue),
        "venues": event.venue, "city": localized(event.city), "cities": event.city, "time_zone": event.time_zone, "request_mode": event.request_mode,
        "scheduling_mode": event.scheduling_mode, "format": event.format,
        "max_meetings": event.max_meetings,
        "registration_open": event.registration_is_open(), "requests_open": event.requests_are_open(),
        "published_version": event.published_version,
        "sessions": [
            {"id": s.pk, "date": s.date.isoformat(), "start": s.start.isoformat("minutes"),
             "end": s.end.isoformat("minutes"), "meeting_minutes": s.meeting_minutes}
            for s in (sessions or [])
        ],
    }  # fmt: skip


def registration_out(r: Registration) -> dict:
    return {
        "id": r.pk, "organisation": str(r.organisation), "organisation_slug": r.organisation.slug,
        "country": r.organisation.country, "languages": r.languages, "stand": r.stand_name, "status": r.status,
        "brought_by": r.brought_by.slug if r.brought_by_id else None,
    }  # fmt: skip


def request_out(q: MeetingRequest) -> dict:
    return {
        "id": q.pk, "sender": str(q.sender.organisation), "sender_id": q.sender_id,
        "recipient": str(q.recipient.organisation), "recipient_id": q.recipient_id, "message": q.message,
        "status": q.status, "mutual": q.mutual, "online": q.online,
    }  # fmt: skip


@router.get("/events", response=list[EventOut], auth=OPTIONAL_AUTH, summary="List the open events")
def list_events(request):
    return [event_out(e) for e in selectors.listed_events()[:100]]


@router.get(
    "/events/{slug}",
    response=EventOut,
    auth=OPTIONAL_AUTH,
    summary="Get one event with its sessions",
)
def get_event(request, slug: str):
    event = _event(request, slug)
    return event_out(event, Session.objects.for_event(event))


@router.get(
    "/events/{slug}/registrations", response=list[RegistrationOut], summary="List participants"
)
def list_registrations(request, slug: str):
    """Organisers see every registration; a co-organiser the ones it brought; participants see
    the approved participants."""
    event, user = _event(request, slug), _user(request)
    if can_manage(user, event):
        rows = selectors.registrations(event)
    elif co_organised_by(user, event):
        rows = selectors.registrations(event, brought_by=co_organised_by(user, event))
    elif selectors.my_registration(event, user) is not None:
        rows = selectors.participants(event)
    else:
        raise NotPermitted()
    return [registration_out(r) for r in rows[:500]]


@router.post(
    "/events/{slug}/registrations",
    response={201: RegistrationOut},
    summary="Register your organisation",
)
def create_registration(request, slug: str, payload: RegistrationIn):
    event, user = _event(request, slug, payload.invitation), _user(request)
    membership = user.memberships.select_related("organisation").first()
    if membership is None:
        raise InvalidInput(_no_organisation())
    from rabta.accounts.models import User

    attendees = list(User.objects.filter(pk__in=payload.attendees)) if payload.attendees else [user]
    registration = services.registration_create(
        actor=user, event=event, organisation=membership.organisation, attendees=attendees,
        sessions=list(Session.objects.for_event(event).filter(pk__in=payload.sessions)),
        languages=payload.languages, has_stand=payload.has_stand, stand=payload.stand,
        invitation=read_invitation(event, payload.invitation),
    )  # fmt: skip
    return Status(201, registration_out(registration))


def _no_organisation() -> str:
    from django.utils.translation import gettext

    return gettext("Join or register an organisation first.")


def _mine(event: Event, user) -> Registration:
    registration = selectors.my_registration(event, user)
    if registration is None:
        raise NotPermitted()
    return registration


@router.get("/events/{slug}/requests", response=list[RequestOut], summary="Your meeting requests")
def list_requests(request, slug: str):
    event = _event(request, slug)
    mine = selectors.requests_of(event, _mine(event, _user(request)))
    return [request_out(q) for q in mine["incoming"] + mine["outgoing"]]


@router.post("/events/{slug}/requests", response={201: RequestOut}, summary="Request a meeting")
def create_request(request, slug: str, payload: RequestIn):
    event, user = _event(request, slug), _user(request)
    recipient = Registration.objects.for_event(event).filter(pk=payload.recipient).first()
    if recipient is None:
        raise InvalidInput(field_errors={"recipient": [_unknown_participant()]})
    person = None
    if payload.recipient_person is not None:
        person = Badge.objects.for_event(event).filter(pk=payload.recipient_person).first()
        if person is None:
            raise InvalidInput(field_errors={"recipient_person": [_unknown_participant()]})
    q = services.meeting_request_send(
        actor=user,
        sender=_mine(event, user),
        recipient=recipient,
        message=payload.message,
        recipient_person=person,
        online=payload.online,
    )
    return Status(201, request_out(q))


def _unknown_participant() -> str:
    from django.utils.translation import gettext

    return gettext("No participant of this event has this id.")


@router.post(
    "/events/{slug}/requests/{request_id}/answer", response=RequestOut, summary="Accept or decline"
)
def answer_request(request, slug: str, request_id: int, payload: AnswerIn):
    event = _event(request, slug)
    q = (
        MeetingRequest.objects.for_event(event)
        .filter(pk=request_id)
        .select_related("sender__organisation", "recipient__organisation")
        .first()
    )
    if q is None:
        raise Http404
    q = services.meeting_request_answer(actor=_user(request), request=q, accept=payload.accept)
    warning = meeting_selectors.limit_warning(q) if payload.accept else ""
    return request_out(q) | {"warning": warning}


@router.get("/events/{slug}/agenda", response=list[MeetingOut], summary="Your agenda")
def my_agenda(request, slug: str):
    """Empty until the organiser publishes the schedule (or at once in self-scheduling mode)."""
    event = _event(request, slug)
    items = selectors.agenda(event, _mine(event, _user(request)))
    return [
        {
            "start": i.slot.start,
            "end": i.slot.end,
            "partner": str(i.partner.organisation),
            "partner_id": i.partner.pk,
            "table": i.meeting.table.number if i.meeting.table_id else None,
            "stand": i.meeting.stand,
            "interpreter": i.meeting.interpreter.name if i.meeting.interpreter_id else None,
            "online": i.meeting.is_online,
            "video_link": i.meeting.video_link,
        }  # fmt: skip
        for i in items
    ]


# ---------------------------------------------------------------- programme (never identity data)


class ProgrammeItemOut(Schema):
    id: int
    kind: str
    title: str
    titles: dict[str, str]
    description: str
    start: datetime
    end: datetime
    room: str
    address: str
    map_url: str
    host: str | None
    languages: list[str]
    interpretation: list[str]
    capacity: int | None
    seats_taken: int
    has_waiting_list: bool
    is_open: bool
    departure_point: str
    departure_time: datetime | None


@router.get(
    "/events/{slug}/programme",
    response=list[ProgrammeItemOut],
    auth=OPTIONAL_AUTH,
    summary="The event's programme: plenaries, roundtables, visits, receptions",
)
def list_programme(request, slug: str):
    from rabta.events import programme

    event = _event(request, slug)
    taken = programme.seats_taken(event)
    return [
        {
            "id": i.pk,
            "kind": i.kind,
            "title": localized(i.title),
            "titles": i.title,
            "description": localized(i.description),
            "start": i.start,
            "end": i.end,
            "room": i.room,
            "address": i.address,
            "map_url": i.map_url,
            "host": str(i.host) if i.host_id else None,
            "languages": i.languages,
            "interpretation": i.interpretation,
            "capacity": i.capacity,
            "seats_taken": taken.get(i.pk, 0),
            "has_waiting_list": i.has_waiting_list,
            "is_open": i.is_open,
            "departure_point": i.departure_point,
            "departure_time": i.departure_time,
        }  # fmt: skip
        for i in programme.programme_items(event)
    ]


# ---------------------------------------------------------------- co-organisers


class DecisionIn(Schema):
    approve: bool


class BroughtByIn(Schema):
    organisation: str | None = Field(
        description="The slug of one of the event's co-organisers, or null: the organisers."
    )


class CoOrganiserIn(Schema):
    organisation: str = Field(description="The slug of a validated organisation.")


class CoOrganiserOut(Schema):
    organisation: str
    organisation_slug: str
    appointed_at: datetime
    registrations_brought: int


def _registration(event: Event, registration_id: int) -> Registration:
    registration = (
        Registration.objects.for_event(event)
        .filter(pk=registration_id)
        .select_related("organisation", "brought_by")
        .first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    return registration


def _organisation(slug: str | None, field: str):
    from rabta.organisations.models import Organisation

    if slug is None:
        return None
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise InvalidInput(field_errors={field: [_no_such_organisation()]})
    return found


def _no_such_organisation() -> str:
    from django.utils.translation import gettext

    return gettext("No organisation has this address.")


def co_organiser_out(c) -> dict:
    return {
        "organisation": str(c.organisation), "organisation_slug": c.organisation.slug,
        "appointed_at": c.appointed_at, "registrations_brought": getattr(c, "brought", 0),
    }  # fmt: skip


@router.post(
    "/events/{slug}/registrations/{registration_id}/decide",
    response=RegistrationOut,
    summary="Approve or reject a registration (organisers; a co-organiser for those it brought)",
)
def decide_registration(request, slug: str, registration_id: int, payload: DecisionIn):
    event, user = _event(request, slug), _user(request)
    registration = services.registration_decide(
        actor=user, registration=_registration(event, registration_id), approve=payload.approve
    )
    return registration_out(registration)


@router.put(
    "/events/{slug}/registrations/{registration_id}/brought-by",
    response=RegistrationOut,
    summary="Record which co-organiser brought a registration (organisers)",
)
def set_brought_by(request, slug: str, registration_id: int, payload: BroughtByIn):
    from rabta.events.co_organisers import registration_set_brought_by

    event, user = _event(request, slug), _user(request)
    registration = registration_set_brought_by(
        actor=user,
        registration=_registration(event, registration_id),
        organisation=_organisation(payload.organisation, "organisation"),
    )
    return registration_out(registration)


@router.get(
    "/events/{slug}/co-organisers",
    response=list[CoOrganiserOut],
    summary="The event's co-organisers (organisers and co-organisers)",
)
def list_co_organisers(request, slug: str):
    event, user = _event(request, slug), _user(request)
    if not (can_manage(user, event) or co_organised_by(user, event)):
        raise NotPermitted()
    return [co_organiser_out(c) for c in selectors.co_organisers(event)]


@router.post(
    "/events/{slug}/co-organisers",
    response={201: CoOrganiserOut},
    summary="Appoint a co-organiser (organisers); its administrators are e-mailed",
)
def appoint_co_organiser(request, slug: str, payload: CoOrganiserIn):
    from rabta.events.co_organisers import co_organiser_appoint

    event, user = _event(request, slug), _user(request)
    appointed = co_organiser_appoint(
        actor=user, event=event, organisation=_organisation(payload.organisation, "organisation")
    )
    return Status(201, co_organiser_out(appointed))


@router.delete(
    "/events/{slug}/co-organisers/{organisation_slug}",
    response={204: None},
    summary="Remove a co-organiser (organisers)",
)
def remove_co_organiser(request, slug: str, organisation_slug: str):
    from rabta.events.co_organisers import co_organiser_remove
    from rabta.events.models import CoOrganiser

    event, user = _event(request, slug), _user(request)
    found = (
        CoOrganiser.objects.for_event(event)
        .filter(organisation__slug=organisation_slug)
        .select_related("organisation")
        .first()
    )
    if found is None:
        if not can_manage(user, event):
            raise NotPermitted()
        raise Http404
    found.event = event
    co_organiser_remove(actor=user, co_organiser=found)
    return Status(204, None)
