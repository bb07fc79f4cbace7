"""The organiser dashboard's figures, for one event or several.

Definitions (docs/reports.md repeats them):
- acceptance rate: accepted requests / answered requests (accepted + declined), in percent;
- meetings requested: accepted requests (each should become one meeting); scheduled: meetings;
- no-shows: meetings marked as no-show, and registrations marked as "did not come";
- interpreter load: meetings per interpreter;
- a lead: a side's feedback saying the meeting took place and either a follow-up is planned or
  the interest is medium or high;
- expected deal value of a meeting: the larger of the two sides' estimates (never their sum:
  both sides describe the same deal);
- second stage (reports/outcomes.py, months after the event): a meeting led to a deal when
  either side says a deal was signed; its signed value is the larger of the two sides' values;
  conversion: meetings with a signed deal / meetings held, in percent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rabta.core.i18n import localized
from rabta.events.models import Event, Interpreter, Meeting, MeetingRequest, Registration
from rabta.reports.models import Feedback, OutcomeFollowUp


def dashboard_events(user) -> QuerySet[Event]:
    """The events whose figures ``user`` may see: the ones they run (every one for site admins)
    and the ones their organisation co-organises (see ``clients_only``)."""
    from rabta.events.selectors import co_organised_events, managed_events

    return Event.objects.filter(
        Q(pk__in=managed_events(user).values("pk"))
        | Q(pk__in=co_organised_events(user).values("pk"))
    ).order_by("-created_at")


def clients_only(user, events: list[Event]) -> dict[int, set[int]]:
    """For each event ``user`` co-organises but does not run: the co-organisers whose clients'
    figures they see (``dashboard(..., clients_only=)``). Events they run are not in it."""
    from rabta.events.permissions import can_manage, co_organised_by

    return {
        event.pk: co_organised_by(user, event) for event in events if not can_manage(user, event)
    }


@dataclass
class Outcome:
    label: str
    meetings: int = 0
    held: int = 0
    leads: int = 0
    value: Decimal = Decimal("0")
    signed: int = 0  # second stage: meetings that led to a signed deal
    signed_value: Decimal = Decimal("0")

    @property
    def conversion(self) -> float | None:
        """Meetings held that led to a signed deal, in percent."""
        return round(100 * self.signed / self.held, 1) if self.held else None


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
    # the second stage (months after the event)
    second_stage_count: int = 0
    deals_signed: int = 0
    signed_value: Decimal = Decimal("0")
    signed_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def conversion(self) -> float | None:
        """Meetings held that led to a signed deal, in percent."""
        return (
            round(100 * self.deals_signed / self.meetings_held, 1) if self.meetings_held else None
        )


def _is_lead(item: Feedback) -> bool:
    return item.took_place and (item.follow_up or item.interest >= Feedback.Interest.MEDIUM)


def _client_filters(ids: list[int], clients_only: dict[int, set[int]]) -> dict[str, Q]:
    """Filters keeping whole events, and of the others only what involves the registrations
    their co-organisers brought."""
    whole = [pk for pk in ids if pk not in clients_only]
    scope = Q(pk__in=[])
    for event_id, organisations in clients_only.items():
        scope |= Q(event_id=event_id, brought_by_id__in=organisations)
    clients = (
        list(
            Registration.objects.filter(event_id__in=ids).filter(scope).values_list("pk", flat=True)
        )
        if clients_only
        else []
    )

    def involving(prefix: str) -> Q:
        return (
            Q(**{f"{prefix}event_id__in": whole})
            | Q(**{f"{prefix}request__sender_id__in": clients})
            | Q(**{f"{prefix}request__recipient_id__in": clients})
        )

    return {
        "registrations": Q(event_id__in=whole) | Q(pk__in=clients),
        "requests": Q(event_id__in=whole) | Q(sender_id__in=clients) | Q(recipient_id__in=clients),
        "meetings": involving(""),
        "interpreter_meetings": involving("meetings__"),
        "feedback": involving("meeting__"),
        "whole": Q(event_id__in=whole),
    }


def dashboard(events: list[Event], *, clients_only: dict[int, set[int]] | None = None) -> Dashboard:
    """The figures of ``events``; for an event in ``clients_only`` only those of the registrations
    its listed co-organisers brought (requests, meetings and feedback they take part in)."""
    result = Dashboard(events=list(events))
    ids = [event.pk for event in events]
    only = _client_filters(ids, clients_only or {})
    registrations = Registration.objects.filter(event_id__in=ids).filter(only["registrations"])
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
        .filter(only["requests"])
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

    meetings = Meeting.objects.filter(event_id__in=ids).filter(only["meetings"])
    result.meetings_scheduled = meetings.count()
    result.meetings_no_show = meetings.filter(status=Meeting.Status.NO_SHOW).count()
    load = (
        Interpreter.objects.filter(event_id__in=ids)
        .annotate(n=Count("meetings", filter=only["interpreter_meetings"]))
        .filter(only["whole"] | Q(n__gt=0))
        .order_by("-n", "name")
        .values_list("name", "n")
    )
    result.interpreter_load = list(load)

    _outcomes(result, ids, only["feedback"])
    # Held: checked in on the day (both sides, see events/day.py) or said so in feedback.
    result.meetings_held = (
        meetings.filter(Q(status=Meeting.Status.HELD) | Q(feedback__took_place=True))
        .values("pk")
        .distinct()
        .count()
    )
    return result


def _outcomes(result: Dashboard, ids: list[int], scope: Q) -> None:
    related = (
        "meeting__request__sender__organisation",
        "meeting__request__recipient__organisation",
    )
    feedback = list(
        Feedback.objects.filter(meeting__event_id__in=ids).filter(scope).select_related(*related)
    )
    second = list(
        OutcomeFollowUp.objects.filter(meeting__event_id__in=ids)
        .filter(scope)
        .select_related(*related)
    )
    result.feedback_count = len(feedback)
    result.second_stage_count = len(second)
    per_meeting: dict[int, list[Feedback]] = defaultdict(list)
    for item in feedback:
        per_meeting[item.meeting_id].append(item)
    later: dict[int, list[OutcomeFollowUp]] = defaultdict(list)
    for item in second:
        later[item.meeting_id].append(item)
    requests = {item.meeting_id: item.meeting.request for item in [*feedback, *second]}
    result.deal_kinds = dict(Counter(item.deal_kind for item in feedback if item.took_place))
    result.leads = sum(1 for item in feedback if _is_lead(item))

    organisation_ids = set()
    for request in requests.values():
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
    signed_kinds: Counter[str] = Counter()
    for meeting_id, request in requests.items():
        items, answers = per_meeting.get(meeting_id, []), later.get(meeting_id, [])
        # asked the second time only about held meetings: an answer there means it was held
        held = any(item.took_place for item in items) or bool(answers)
        leads = sum(1 for item in items if _is_lead(item))
        values = [item.deal_value for item in items if item.deal_value is not None]
        value = max(values) if values else Decimal("0")
        signed_answers = [a for a in answers if a.deal_signed]
        signed = bool(signed_answers)
        signed_values = [a.deal_value for a in signed_answers if a.deal_value is not None]
        signed_value = max(signed_values) if signed_values else Decimal("0")
        result.expected_value += value
        result.deals_signed += signed
        result.signed_value += signed_value
        if signed:
            signed_kinds[signed_answers[0].deal_kind] += 1
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
                outcome.signed += signed
                outcome.signed_value += signed_value
    result.signed_kinds = dict(signed_kinds)
    order = lambda o: (-o.signed_value, -o.value, -o.leads, o.label)  # noqa: E731
    result.by_sector = sorted(by_sector.values(), key=order)
    result.by_country_pair = sorted(by_pair.values(), key=order)
