"""JSON API of group sessions and of representatives who meet in parallel (mounted at
/api/v1/). Thin endpoints: parse, call one selector or service, serialise."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from rabta.events import group_selectors, group_services
from rabta.events.api import _event, _mine, _user
from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Badge
from rabta.events.permissions import can_manage

router = Router(tags=["events: group sessions and representatives"])


class MemberOut(Schema):
    id: int
    registration: int
    organisation: str
    status: str


class GroupOut(Schema):
    id: int
    topic: str
    host: int
    host_organisation: str
    capacity: int
    accepted: int
    start: datetime | None
    end: datetime | None
    table: int | None
    interpreter: str | None
    members: list[MemberOut] = Field(description="Shown to the host and the organiser only.")


class GroupIn(Schema):
    topic: str = Field(max_length=200)
    capacity: int = Field(description="The most participants the host meets at once (1–50).")


class DecideIn(Schema):
    accept: bool


class PersonOut(Schema):
    id: int = Field(description="The badge id: name it as recipient_person in a request.")
    name: str
    languages: list[str]


class RepresentativesOut(Schema):
    separate_agendas: bool
    persons: list[PersonOut]


class RepresentativesIn(Schema):
    separate_agendas: bool
    languages: dict[int, list[str]] = Field(
        default_factory=dict, description="Badge id → language codes (empty: the organisation's)."
    )


def _member_out(m: GroupMember) -> dict:
    return {
        "id": m.pk,
        "registration": m.registration_id,
        "organisation": str(m.registration.organisation),
        "status": m.status,
    }


def _group_out(g: GroupSession, *, show_members: bool, visible: bool) -> dict:
    placed = visible and g.slot_id is not None
    return {
        "id": g.pk,
        "topic": g.topic,
        "host": g.host_id,
        "host_organisation": str(g.host.organisation),
        "capacity": g.capacity,
        "accepted": sum(1 for m in g.members.all() if m.status == GroupMember.Status.ACCEPTED),
        "start": g.slot.start if placed else None,
        "end": g.slot.end if placed else None,
        "table": g.table.number if placed and g.table_id else None,
        "interpreter": g.interpreter.name if placed and g.interpreter_id else None,
        "members": [_member_out(m) for m in g.members.all()] if show_members else [],
    }


@router.get("/events/{slug}/groups", response=list[GroupOut], summary="Group sessions")
def list_groups(request, slug: str):
    event, user = _event(request, slug), _user(request)
    manager = can_manage(user, event)
    viewer = None if manager else _mine(event, user)
    return [
        _group_out(
            g,
            show_members=manager or g.host_id == viewer.pk,
            visible=event.agendas_visible or manager,
        )
        for g in group_selectors.group_sessions(event)
    ]


@router.post("/events/{slug}/groups", response={201: GroupOut}, summary="Offer a group session")
def create_group(request, slug: str, payload: GroupIn):
    event, user = _event(request, slug), _user(request)
    host = _mine(event, user)
    g = group_services.group_session_create(
        actor=user,
        event=event,
        host=host,
        topic=payload.topic,
        capacity=payload.capacity,
        host_person=group_selectors.my_badge(host, user) if host.separate_agendas else None,
    )
    g = group_selectors.group_sessions(event).get(pk=g.pk)
    return Status(201, _group_out(g, show_members=True, visible=False))


@router.post(
    "/events/{slug}/groups/{group_id}/join",
    response={201: MemberOut},
    summary="Ask to join a group session",
)
def join_group(request, slug: str, group_id: int):
    event, user = _event(request, slug), _user(request)
    group = GroupSession.objects.for_event(event).filter(pk=group_id).first()
    if group is None:
        raise Http404
    mine = _mine(event, user)
    member = group_services.group_session_join(
        actor=user,
        group=group,
        registration=mine,
        person=group_selectors.my_badge(mine, user) if mine.separate_agendas else None,
    )
    return Status(201, _member_out(member))


@router.post(
    "/events/{slug}/groups/members/{member_id}/decide",
    response=MemberOut,
    summary="Accept or decline a request to join (host or organiser)",
)
def decide_member(request, slug: str, member_id: int, payload: DecideIn):
    event, user = _event(request, slug), _user(request)
    member = (
        GroupMember.objects.for_event(event)
        .select_related("registration__organisation")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise Http404
    return _member_out(
        group_services.group_member_decide(actor=user, member=member, accept=payload.accept)
    )


def _representatives_out(registration) -> dict:
    badges = Badge.objects.for_event(registration.event).filter(registration=registration)
    return {
        "separate_agendas": registration.separate_agendas,
        "persons": [
            {
                "id": b.pk,
                "name": b.person.get_full_name() or str(b.person),
                "languages": b.spoken_languages,
            }
            for b in badges.select_related("person", "registration")
        ],
    }


@router.get(
    "/events/{slug}/representatives",
    response=RepresentativesOut,
    summary="Your organisation's representatives",
)
def get_representatives(request, slug: str):
    event, user = _event(request, slug), _user(request)
    return _representatives_out(_mine(event, user))


@router.put(
    "/events/{slug}/representatives",
    response=RepresentativesOut,
    summary="Meet in parallel or together; each representative's languages",
)
def put_representatives(request, slug: str, payload: RepresentativesIn):
    event, user = _event(request, slug), _user(request)
    mine = _mine(event, user)
    registration = group_services.representatives_update(
        actor=user,
        registration=mine,
        separate=payload.separate_agendas,
        languages=payload.languages,
    )
    return _representatives_out(registration)
