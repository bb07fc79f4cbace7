"""JSON API of the notification centre, messages and announcements (mounted at /api/v1/).

Thin endpoints: parse, call one selector or service, serialise (see docs/api.md, docs/messaging.md).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events.selectors import event_by_slug
from rabta.messaging import selectors, services
from rabta.messaging.models import Announcement
from rabta.organisations.models import Sector

router = Router(tags=["messages and notifications"])


def _user(request):
    user = getattr(request, "auth", None) or request.user
    if not getattr(user, "is_authenticated", False):
        raise NotPermitted()
    return user


class NotificationOut(Schema):
    id: int
    kind: str
    text: str = Field(description="The sentence, in the caller's language.")
    event: str | None = Field(description="The event's slug.")
    link: str
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    count: int
    unread: int
    next: str | None
    previous: str | None
    results: list[NotificationOut]


class PageIn(Schema):
    page: int = Field(1, ge=1)
    unread: bool = Field(False, description="Only the unread ones.")


class MessageOut(Schema):
    id: int
    sender: int = Field(description="The sending registration's id.")
    sender_organisation: str
    author: str | None
    body: str = Field(description="As written.")
    created_at: datetime


class MessageIn(Schema):
    body: str


class AnnouncementIn(Schema):
    body: str
    audience: str = Field("everyone", description="everyone, country, sector or status.")
    country: str = Field("", description="ISO 3166-1 alpha-2, for audience=country.")
    sector: str = Field("", description="A sector's code, for audience=sector.")
    status: str = Field("", description="A registration state, for audience=status.")


class AnnouncementOut(Schema):
    id: int
    audience: str
    reached: int
    created_at: datetime


def _notification_out(n) -> dict:
    return {
        "id": n.pk, "kind": n.kind, "text": str(n), "event": n.event.slug if n.event_id else None,
        "link": n.link, "created_at": n.created_at, "read": n.read_at is not None,
    }  # fmt: skip


def _page_link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get("/notifications", response=NotificationPage, summary="My notifications, newest first")
def list_notifications(request, filters: Query[PageIn]):
    user = _user(request)
    rows = selectors.notifications_of(user).select_related("event")
    if filters.unread:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, settings.RABTA_PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "unread": selectors.unread_count(user),
        "next": _page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_link(request, page.previous_page_number())
        if page.has_previous()
        else None,
        "results": [_notification_out(n) for n in page],
    }


@router.post("/notifications/{notification_id}/read", response=NotificationOut, summary="Mark read")
def read_notification(request, notification_id: int):
    notification = services.notification_mark_read(
        actor=_user(request), notification_id=notification_id
    )
    return _notification_out(notification)


@router.post("/notifications/read-all", response=dict, summary="Mark every notification read")
def read_all(request):
    return {"marked": services.notifications_mark_all_read(actor=_user(request))}


def _pair(request, slug: str, registration_id: int):
    user = _user(request)
    event = event_by_slug(slug)
    mine = selectors.my_participation(event, user)
    if mine is None:
        raise NotPermitted(_("Only a participant of this event may write to its participants."))
    other = selectors.participant(event, registration_id)
    if other is None or other.pk == mine.pk:
        raise InvalidInput(
            field_errors={
                "recipient": [_("You can only write to another participant of this event.")]
            }
        )
    return user, event, mine, other


def _message_out(m) -> dict:
    return {
        "id": m.pk, "sender": m.sender_id, "sender_organisation": str(m.sender.organisation),
        "author": m.author.display_name if m.author_id else None, "body": m.body,
        "created_at": m.created_at,
    }  # fmt: skip


@router.get(
    "/events/{slug}/messages/{registration_id}",
    response=list[MessageOut],
    summary="The conversation with another participant",
)
def conversation(request, slug: str, registration_id: int):
    user, event, mine, other = _pair(request, slug, registration_id)
    services.conversation_mark_read(actor=user, event=event, other=other)
    return [_message_out(m) for m in selectors.conversation(mine, other)]


@router.post(
    "/events/{slug}/messages/{registration_id}",
    response={201: MessageOut},
    summary="Write to another participant (rate-limited)",
)
def send_message(request, slug: str, registration_id: int, payload: MessageIn):
    user, _event, mine, other = _pair(request, slug, registration_id)
    message = services.message_send(actor=user, sender=mine, recipient=other, body=payload.body)
    return Status(201, _message_out(message))


@router.post(
    "/events/{slug}/announcements",
    response={201: AnnouncementOut},
    summary="Send an announcement (the event's managers)",
)
def send_announcement(request, slug: str, payload: AnnouncementIn):
    user = _user(request)
    event = event_by_slug(slug)
    sector = None
    if payload.sector:
        sector = Sector.objects.filter(code=payload.sector).first()
        if sector is None:
            raise InvalidInput(field_errors={"sector": [_("Choose a sector.")]})
    if payload.audience not in Announcement.Audience.values:
        raise InvalidInput(field_errors={"audience": [_("Choose who receives the announcement.")]})
    sent = services.announcement_send(
        actor=user, event=event, body=payload.body, audience=payload.audience,
        country=payload.country, sector=sector, status=payload.status,
    )  # fmt: skip
    return Status(
        201,
        {
            "id": sent.pk,
            "audience": sent.audience,
            "reached": sent.reached,
            "created_at": sent.created_at,
        },
    )
