"""The second-stage outcome survey: some months after an event, both sides of each held meeting
are asked again — was a deal signed, of which kind, for how much.

The answers are their own records (``OutcomeFollowUp``): the first survey's answers
(``Feedback``) stay as they were given. Each person is asked once per event
(``OutcomeSurveyInvitation``, unique per event and person), by e-mail in their own language with
a link to their meetings; `rabta send_outcome_surveys` (daily, from cron or a timer) asks the
people of every event that is due, and running it again asks no one twice.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events.models import Event, Meeting, Slot
from rabta.events.notifications import tell
from rabta.reports.feedback import clean_deal_value_and_comment, side_of
from rabta.reports.models import DealKind, OutcomeFollowUp, OutcomeSurveyInvitation


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """``moment`` ``months`` calendar months later (earlier when negative); the 31st becomes
    the last day of a shorter month."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def survey_months() -> int:
    return max(0, int(settings.RABTA_OUTCOME_SURVEY_MONTHS))


def survey_opens_at(event: Event) -> dt.datetime | None:
    """When the second survey of ``event`` opens: its last meeting slot's end plus the months
    of RABTA_OUTCOME_SURVEY_MONTHS; None for an event without slots."""
    last = Slot.objects.for_event(event).aggregate(last=Max("end"))["last"]
    return add_months(last, survey_months()) if last else None


def held_meetings(event: Event) -> QuerySet[Meeting]:
    """Meetings held: checked in on the day by both sides, or said so in the first survey."""
    return (
        Meeting.objects.for_event(event)
        .filter(Q(status=Meeting.Status.HELD) | Q(feedback__took_place=True))
        .distinct()
    )


def outcome_survey_send(*, event_id: int, now: dt.datetime | None = None) -> int:
    """Ask every person attending for a side of a held meeting of the event, once each, once
    the survey is open. Returns the e-mails queued (0 when not yet open or everyone was asked).
    Safe to run again and at the same time: the unique invitation row decides who is asked."""
    event = Event.objects.get(pk=event_id)
    opens = survey_opens_at(event)
    if opens is None or (now or timezone.now()) < opens:
        return 0
    people: dict[int, Any] = {}
    for meeting in held_meetings(event).select_related("request__sender", "request__recipient"):
        for registration in (meeting.request.sender, meeting.request.recipient):
            for user in registration.attendees.filter(is_active=True):
                people.setdefault(user.pk, user)
    asked = set(
        OutcomeSurveyInvitation.objects.filter(event=event).values_list("user_id", flat=True)
    )
    url = reverse("reports:outcomes", args=[event.slug])
    sent = 0
    for user in (people[pk] for pk in sorted(people) if pk not in asked):
        try:
            with transaction.atomic():
                OutcomeSurveyInvitation.objects.create(event=event, user=user)
                tell(
                    [user],
                    "outcome_survey",
                    {
                        "event_id": event.pk,
                        "event_name": dict(event.name or {}),
                        "months": survey_months(),
                        "url": url,
                    },
                    templates="reports/emails",
                )
        except IntegrityError:  # another run asked this person a moment ago
            continue
        sent += 1
    return sent


def outcome_surveys_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send the second survey of every event whose last meeting ended at least the configured
    months ago: {event slug: e-mails queued} for the events that sent any."""
    now = now or timezone.now()
    cutoff = add_months(now, -survey_months())
    due = (
        Event.objects.annotate(last=Max("slots__end"))
        .filter(last__isnull=False, last__lte=cutoff)
        .order_by("pk")
    )
    result = {}
    for event in due:
        sent = outcome_survey_send(event_id=event.pk, now=now)
        if sent:
            result[event.slug] = sent
    return result


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    signed = data.get("deal_signed")
    if not isinstance(signed, bool):
        errors["deal_signed"] = [_("Say whether a deal was signed.")]
    kind = data.get("deal_kind") or DealKind.NONE
    if kind not in DealKind.values:
        errors["deal_kind"] = [_("Choose a kind of deal from the list.")]
    elif signed is True and kind == DealKind.NONE:
        errors["deal_kind"] = [_("Say which kind of deal was signed.")]
    value, comment = clean_deal_value_and_comment(data, errors)
    if errors:
        raise InvalidInput(field_errors=errors)
    if not signed:  # no deal: nothing of a kind or a value
        kind, value = DealKind.NONE, None
    return {"deal_signed": signed, "deal_kind": kind, "deal_value": value, "comment": comment}


def outcome_submit(
    *, actor, meeting: Meeting, data: dict[str, Any], now: dt.datetime | None = None
) -> OutcomeFollowUp:
    """One side answers the second survey about a held meeting (again: its second answer is
    replaced; the first survey's answer is not touched)."""
    registration = side_of(actor, meeting)
    if registration is None:
        raise NotPermitted(_("Only the two sides of a meeting can answer about it."))
    event = meeting.event
    if not held_meetings(event).filter(pk=meeting.pk).exists():
        raise InvalidInput(_("This meeting did not take place."))
    opens = survey_opens_at(event)
    if opens is None or (now or timezone.now()) < opens:
        when = formats.date_format(timezone.localtime(opens), "DATE_FORMAT") if opens else "—"
        raise InvalidInput(_("The second survey opens on %(date)s.") % {"date": when})
    values = _clean(data)
    with transaction.atomic():
        follow_up, _created = OutcomeFollowUp.objects.update_or_create(
            meeting=meeting, registration=registration, defaults={**values, "submitted_by": actor}
        )
    return follow_up
