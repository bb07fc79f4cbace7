"""The day runs itself: check-in (per person) holds meetings, a late side makes a no-show, and
the partner left alone is offered a meeting with someone on the meeting waiting list.

- A meeting that has started is **held** once both sides had checked in by the event's
  "no-show after" minutes past its start.
- At that moment a side still not checked in makes it a **no-show**: the meeting is kept on
  record, both seats are freed, and a partner who is there is **offered** a meeting in the
  same slot with a checked-in participant on the meeting waiting list who is free then (by
  e-mail in their language and on their agenda). They accept (the meeting is placed at the
  missed meeting's table, the other side is told) or decline (the next one is offered).
- When the slot ends, offers still open expire.

``day_sweep`` does all of this for one event; ``rabta run_event_day`` runs it every few
minutes (docs/deployment.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import notifications
from rabta.events.models import (
    Event,
    Meeting,
    MeetingOffer,
    MeetingRequest,
    MeetingSeat,
    Registration,
)


@dataclass
class Sweep:
    held: int = 0
    no_shows: int = 0
    offers: int = 0


def _grace(event: Event) -> timedelta:
    return timedelta(minutes=event.no_show_after_minutes)


def _in_time(side: str, grace: timedelta) -> Q:
    """``side`` (request__sender / request__recipient) checked in by the start plus grace."""
    return Q(**{f"{side}__checked_in_at__isnull": False}) & Q(
        **{f"{side}__checked_in_at__lte": F("slot__start") + grace}
    )


def meetings_held_mark(*, event: Event, now: datetime) -> int:
    """Meetings under way or past whose both sides checked in in time are held."""
    grace = _grace(event)
    return (
        Meeting.objects.for_event(event)
        .filter(status=Meeting.Status.SCHEDULED, slot__start__lte=now)
        .filter(_in_time("request__sender", grace), _in_time("request__recipient", grace))
        .update(status=Meeting.Status.HELD)
    )


@transaction.atomic
def day_sweep(*, event: Event, now: datetime | None = None) -> Sweep:
    now = now or timezone.now()
    Event.objects.select_for_update().filter(pk=event.pk).first()
    sweep = Sweep(held=meetings_held_mark(event=event, now=now))
    grace = _grace(event)
    due = (
        Meeting.objects.for_event(event)
        .filter(status=Meeting.Status.SCHEDULED, slot__start__lte=now - grace)
        .select_related("slot", "request__sender__organisation", "request__recipient__organisation")
    )
    for meeting in due:
        deadline = meeting.slot.start + grace
        sides = (meeting.request.sender, meeting.request.recipient)
        present = [r for r in sides if r.checked_in_at and r.checked_in_at <= deadline]
        meeting.status = Meeting.Status.NO_SHOW
        meeting.save(update_fields=["status"])
        MeetingSeat.objects.for_event(event).filter(meeting=meeting).delete()
        sweep.no_shows += 1
        audit_log(actor=None, action="rabta.event.meeting.no_show", obj=meeting)
        if meeting.slot.end > now:
            for participant in present:
                sweep.offers += bool(_offer_next(event, meeting, participant))
    MeetingOffer.objects.for_event(event).filter(
        status=MeetingOffer.Status.OFFERED, slot__end__lte=now
    ).update(status=MeetingOffer.Status.EXPIRED, answered_at=now)
    return sweep


def _busy_in(event: Event, slot) -> set[int]:
    return set(
        MeetingSeat.objects.for_event(event)
        .filter(slot=slot)
        .values_list("registration_id", flat=True)
    )


def waiting_partners(event: Event, meeting: Meeting, participant: Registration) -> list:
    """Checked-in participants on the waiting list, free in the meeting's slot, not yet offered
    for it and without a live request with ``participant``; who checked in first comes first."""
    taken = set(
        MeetingOffer.objects.for_event(event)
        .filter(missed=meeting)
        .values_list("partner_id", flat=True)
    )
    paired = MeetingRequest.objects.for_event(event).filter(
        status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED]
    )
    linked = set(paired.filter(sender=participant).values_list("recipient_id", flat=True)) | set(
        paired.filter(recipient=participant).values_list("sender_id", flat=True)
    )
    excluded = taken | linked | _busy_in(event, meeting.slot) | {participant.pk}
    return list(
        Registration.objects.for_event(event)
        .filter(
            status=Registration.Status.APPROVED,
            waiting_list=True,
            checked_in_at__isnull=False,
        )
        .exclude(pk__in=excluded)
        .select_related("organisation")
        .order_by("checked_in_at", "pk")
    )


def _offer_next(event: Event, meeting: Meeting, participant: Registration) -> MeetingOffer | None:
    if (
        MeetingOffer.objects.for_event(event)
        .filter(missed=meeting, participant=participant, status=MeetingOffer.Status.OFFERED)
        .exists()
    ):
        return None
    candidates = waiting_partners(event, meeting, participant)
    if not candidates:
        return None
    offer = MeetingOffer.objects.create(
        event=event, slot=meeting.slot, missed=meeting, participant=participant,
        partner=candidates[0],
    )  # fmt: skip
    offer.event = event
    notifications.meeting_offered(offer)
    return offer


def _offer_for(actor, offer: MeetingOffer) -> MeetingOffer:
    locked = (
        MeetingOffer.objects.for_event(offer.event)
        .select_for_update()
        .filter(pk=offer.pk)
        .select_related("slot", "missed", "participant__organisation", "partner__organisation")
        .first()
    )
    if locked is None or not locked.participant.attendees.filter(pk=actor.pk).exists():
        raise NotPermitted()
    if locked.status != MeetingOffer.Status.OFFERED:
        raise InvalidInput(_("This offer has already been answered or has expired."))
    locked.event = offer.event
    return locked


@transaction.atomic
def meeting_offer_accept(*, actor, offer: MeetingOffer, now: datetime | None = None) -> Meeting:
    """The participant takes the offered meeting: it is placed in the slot at the missed
    meeting's table and held (both are checked in); the partner is told."""
    now = now or timezone.now()
    event = offer.event
    Event.objects.select_for_update().filter(pk=event.pk).first()
    offer = _offer_for(actor, offer)
    if offer.slot.end <= now:
        offer.status = MeetingOffer.Status.EXPIRED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        raise InvalidInput(_("This slot is over; the offer has expired."))
    busy = _busy_in(event, offer.slot)
    if offer.partner_id in busy or offer.participant_id in busy:
        offer.status = MeetingOffer.Status.EXPIRED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        raise InvalidInput(_("This participant is no longer free in this slot."))
    low, high = sorted([offer.participant, offer.partner], key=lambda r: r.pk)
    if (
        MeetingRequest.objects.for_event(event)
        .filter(
            low=low,
            high=high,
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        )
        .exists()
    ):
        raise InvalidInput(_("You already have a request with this participant."))
    request = MeetingRequest.objects.create(
        event=event, sender=offer.participant, recipient=offer.partner, low=low, high=high,
        status=MeetingRequest.Status.ACCEPTED, answered_at=now,
    )  # fmt: skip
    table_id = offer.missed.table_id
    Meeting.objects.for_event(event).filter(pk=offer.missed_id).update(table=None, interpreter=None)
    meeting = Meeting.objects.create(
        event=event, request=request, slot=offer.slot, table_id=table_id,
        stand=offer.missed.stand if not table_id else "",
        status=Meeting.Status.HELD, source=Meeting.Source.SPONTANEOUS,
    )  # fmt: skip
    MeetingSeat.objects.bulk_create(
        MeetingSeat(event=event, slot=offer.slot, registration_id=rid, meeting=meeting)
        for rid in (offer.participant_id, offer.partner_id)
    )
    offer.status = MeetingOffer.Status.ACCEPTED
    offer.answered_at = now
    offer.meeting = meeting
    offer.save(update_fields=["status", "answered_at", "meeting"])
    meeting.event = event
    notifications.offered_meeting_accepted(offer, meeting)
    audit_log(actor=actor, action="rabta.event.meeting.spontaneous", obj=meeting)
    return meeting


@transaction.atomic
def meeting_offer_decline(*, actor, offer: MeetingOffer, now: datetime | None = None):
    """The participant declines; the next one on the waiting list is offered, if any."""
    now = now or timezone.now()
    event = offer.event
    offer = _offer_for(actor, offer)
    offer.status = MeetingOffer.Status.DECLINED
    offer.answered_at = now
    offer.save(update_fields=["status", "answered_at"])
    if offer.slot.end > now:
        return _offer_next(event, offer.missed, offer.participant)
    return None


def open_offers(registration: Registration) -> list[MeetingOffer]:
    return list(
        MeetingOffer.objects.filter(
            participant=registration, status=MeetingOffer.Status.OFFERED
        ).select_related("slot", "partner__organisation")
    )


@transaction.atomic
def waiting_list_set(*, actor, registration: Registration, on: bool) -> Registration:
    if not registration.attendees.filter(pk=actor.pk).exists():
        raise NotPermitted()
    registration.waiting_list = on
    registration.save(update_fields=["waiting_list"])
    return registration
