"""Feedback per meeting and side: the form's service and the e-mail that asks for it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.i18n import localized
from rabta.events.models import Event, Meeting, Registration
from rabta.events.notifications import tell
from rabta.organisations.permissions import is_member
from rabta.reports.models import DealKind, Feedback, FeedbackInvitation

MAX_DEAL_VALUE = Decimal("999999999999")


def side_of(user, meeting: Meeting) -> Registration | None:
    """The registration ``user`` speaks for in this meeting (None: not one of the two sides)."""
    if not getattr(user, "is_authenticated", False):
        return None
    for registration in (meeting.request.sender, meeting.request.recipient):
        # Members of the organisation only: an organiser is not a side of the meeting.
        if is_member(user, registration.organisation):
            return registration
    return None


def can_give_feedback(user, meeting: Meeting) -> bool:
    return side_of(user, meeting) is not None


def clean_deal_value_and_comment(
    data: dict[str, Any], errors: dict[str, list[str]]
) -> tuple[Decimal | None, str]:
    """The answer's deal value (US dollars, cents; None when not given) and comment, as the
    feedback and the outcome survey take them; what is wrong goes into ``errors``."""
    deal_value = data.get("deal_value")
    if deal_value in ("", None):
        deal_value = None
    else:
        try:
            deal_value = Decimal(str(deal_value)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors["deal_value"] = [_("Enter an amount in US dollars, e.g. 25000.")]
        else:
            if deal_value < 0 or deal_value > MAX_DEAL_VALUE:
                errors["deal_value"] = [_("Enter an amount between 0 and 999,999,999,999.")]
    comment = str(data.get("comment") or "").strip()
    if len(comment) > 1000:
        errors["comment"] = [_("Keep the comment under 1,000 characters.")]
    return deal_value, comment


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    took_place = data.get("took_place")
    if not isinstance(took_place, bool):
        errors["took_place"] = [_("Say whether the meeting took place.")]
    interest = data.get("interest", 0)
    if interest not in Feedback.Interest.values:
        errors["interest"] = [_("Choose an interest level from the list.")]
    deal_kind = data.get("deal_kind") or DealKind.NONE
    if deal_kind not in DealKind.values:
        errors["deal_kind"] = [_("Choose a kind of deal from the list.")]
    deal_value, comment = clean_deal_value_and_comment(data, errors)
    if errors:
        raise InvalidInput(field_errors=errors)
    if not took_place:  # nothing to expect from a meeting that did not happen
        interest, deal_kind, deal_value = Feedback.Interest.NONE, DealKind.NONE, None
    return {
        "took_place": took_place,
        "interest": interest,
        "deal_kind": deal_kind,
        "deal_value": deal_value,
        "follow_up": bool(data.get("follow_up")) and bool(took_place),
        "comment": comment,
    }


def feedback_submit(*, actor, meeting: Meeting, data: dict[str, Any]) -> Feedback:
    """One side of the meeting says how it went (again: the answer is replaced)."""
    registration = side_of(actor, meeting)
    if registration is None:
        raise NotPermitted(_("Only the two sides of a meeting can give feedback on it."))
    if meeting.slot.start > timezone.now():
        raise InvalidInput(_("You can give feedback once the meeting has begun."))
    values = _clean(data)
    with transaction.atomic():
        feedback, _created = Feedback.objects.update_or_create(
            meeting=meeting, registration=registration, defaults={**values, "submitted_by": actor}
        )
    return feedback


def feedback_request_send(*, event_id: int, force: bool = False) -> int:
    """E-mail each attendee of each registration with meetings a link to the feedback form, in
    their own language; once per registration unless ``force``. Returns the e-mails queued."""
    event = Event.objects.get(pk=event_id)
    registrations = (
        Registration.objects.for_event(event)
        .filter(status=Registration.Status.APPROVED)
        .prefetch_related("attendees")
        .select_related("organisation")
    )
    with_meetings = set(
        Meeting.objects.for_event(event).values_list("request__sender_id", flat=True)
    ) | set(Meeting.objects.for_event(event).values_list("request__recipient_id", flat=True))
    already = set(
        FeedbackInvitation.objects.filter(event=event).values_list("registration_id", flat=True)
    )
    url = reverse("reports:my_feedback", args=[event.slug])
    sent = 0
    with transaction.atomic():
        for registration in registrations:
            if registration.pk not in with_meetings or (registration.pk in already and not force):
                continue
            attendees = list(registration.attendees.all())
            tell(
                attendees,
                "feedback_request",
                {
                    "event_id": event.pk,
                    "event_name": dict(event.name or {}),
                    "organisation_names": dict(registration.organisation.name or {}),
                    "url": url,
                },
                templates="reports/emails",
            )
            sent += len(attendees)
            FeedbackInvitation.objects.update_or_create(
                registration=registration, defaults={"event": event}
            )
    return sent


def event_name(event: Event) -> str:
    return localized(event.name)
