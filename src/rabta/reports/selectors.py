"""The organiser dashboard's figures, for one event or several.

Definitions (docs/reports.md repeats them):
- acceptance rate: accepted requests / answered requests (accepted + declined), in percent;
- meetings requested: accepted requests (each should become one meeting); scheduled: meetings;
- no-shows: meetings marked as no-show, and registrations marked as "did not come";
- interpreter load: meetings per interpreter;
- a lead: a side's feedback saying the meeting took place and either a follow-up is planned or
  the interest is medium or high;
- expected deal value of a meeting: the larger of the two sides' estimates (never their sum:
  both sides describe the same deal).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone

from rabta.core.i18n import localized
from rabta.events.models import Event, Interpreter, Meeting, MeetingRequest, Registration
from rabta.reports.models import Feedback


def dashboard_events(user) -> QuerySet[Event]:
    """The events whose figures ``user`` may see: the ones they run (every one for site admins)."""
    from rabta.events.selectors import managed_events

    return managed_events(user).order_by("-created_at")


@dataclass
class Outcome:
    label: str
    meetings: int = 0
    held: int = 0
    leads: int = 0
    value: Decimal = Decimal("0")


@dataclass
class Dashboard:
    events: list[Event]
    registrations: int = 0
    registrations_by_day: list[tuple[dt.date, int]] = field(default_factory=list)
    requests: int = 0
    requests_by_status: dict[str, int] = field(default_factory=dict)
    acceptance_rate: float | None = None
    meetings_requested: int = 0
    meetings_scheduled: int = 0
    meetings_no_show: int = 0
    registrations_no_show: int = 0
    interpreter_load: list[tuple[str, int]] = field(default_factory=list)
    feedback_count: int = 0
    meetings_held: int = 0
    leads: int = 0
    expected_value: Decimal = Decimal("0")
    by_sector: list[Outcome] = field(default_factory=list)
    by_country_pair: list[Outcome] = field(default_factory=list)
    deal_kinds: dict[str, int] = field(default_factory=dict)


def _is_lead(item: Feedback) -> bool:
    return item.took_place and (item.follow_up or item.interest >= Feedback.Interest.MEDIUM)


def dashboard(events: list[Event]) -> Dashboard:
    result = Dashboard(events=list(events))
    ids = [event.pk for event in events]
    registrations = Registration.objects.filter(event_id__in=ids)
    result.registrations = registrations.exclude(status=Registration.Status.CANCELLED).count()
    days = Counter()
    for created in registrations.values_list("created_at", flat=True):
        days[timezone.localtime(created).date()] += 1
    result.registrations_by_day = sorted(days.items())
    result.registrations_no_show = registrations.filter(
        attendance=Registration.Attendance.NO_SHOW
    ).count()

    statuses = dict(
        MeetingRequest.objects.filter(event_id__in=ids)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    result.requests_by_status = {
        status: statuses.get(status, 0) for status in MeetingRequest.Status.values
    }
    result.requests = sum(statuses.values())
    accepted = statuses.get(MeetingRequest.Status.ACCEPTED, 0)
    answered = accepted + statuses.get(MeetingRequest.Status.DECLINED, 0)
    result.acceptance_rate = round(100 * accepted / answered, 1) if answered else None
    result.meetings_requested = accepted

    meetings = Meeting.objects.filter(event_id__in=ids)
    result.meetings_scheduled = meetings.count()
    result.meetings_no_show = meetings.filter(status=Meeting.Status.NO_SHOW).count()
    load = (
        Interpreter.objects.filter(event_id__in=ids)
        .annotate(n=Count("meetings"))
        .order_by("-n", "name")
        .values_list("name", "n")
    )
    result.interpreter_load = list(load)

    _outcomes(result, ids)
    return result


def _outcomes(result: Dashboard, ids: list[int]) -> None:
    feedback = list(
        Feedback.objects.filter(meeting__event_id__in=ids).select_related(
            "meeting__request__sender__organisation", "meeting__request__recipient__organisation"
        )
    )
    result.feedback_count = len(feedback)
    per_meeting: dict[int, list[Feedback]] = defaultdict(list)
    for item in feedback:
        per_meeting[item.meeting_id].append(item)
    result.deal_kinds = dict(Counter(item.deal_kind for item in feedback if item.took_place))
    result.leads = sum(1 for item in feedback if _is_lead(item))

    organisation_ids = set()
    for items in per_meeting.values():
        request = items[0].meeting.request
        organisation_ids |= {request.sender.organisation_id, request.recipient.organisation_id}
    from rabta.organisations.models import Organisation

    sectors_of: dict[int, list[str]] = defaultdict(list)
    for org_id, name in (
        Organisation.sectors.through.objects.filter(organisation_id__in=organisation_ids)
        .select_related("sector")
        .values_list("organisation_id", "sector__name")
    ):
        sectors_of[org_id].append(localized(name))

    by_sector: dict[str, Outcome] = {}
    by_pair: dict[str, Outcome] = {}
    for items in per_meeting.values():
        request = items[0].meeting.request
        held = any(item.took_place for item in items)
        leads = sum(1 for item in items if _is_lead(item))
        values = [item.deal_value for item in items if item.deal_value is not None]
        value = max(values) if values else Decimal("0")
        result.meetings_held += held
        result.expected_value += value
        pair = "–".join(
            sorted([request.sender.organisation.country, request.recipient.organisation.country])
        )
        sectors = set(sectors_of[request.sender.organisation_id]) | set(
            sectors_of[request.recipient.organisation_id]
        )
        for table, labels in ((by_pair, [pair]), (by_sector, sorted(sectors) or ["—"])):
            for label in labels:
                outcome = table.setdefault(label, Outcome(label))
                outcome.meetings += 1
                outcome.held += held
                outcome.leads += leads
                outcome.value += value
    order = lambda o: (-o.value, -o.leads, o.label)  # noqa: E731
    result.by_sector = sorted(by_sector.values(), key=order)
    result.by_country_pair = sorted(by_pair.values(), key=order)
