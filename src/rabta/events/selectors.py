"""Reads of the events app. Every selector takes the event: nothing here spans events."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404
from django.utils import timezone, translation

from rabta.events.models import (
    CoOrganiser,
    Event,
    Interpreter,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    ScheduleRun,
    ScheduleVersion,
    Slot,
    Table,
)
from rabta.organisations.models import Organisation


def listed_events() -> QuerySet[Event]:
    return Event.objects.filter(is_listed=True).select_related("organiser").order_by("-created_at")


def with_dates(events: QuerySet[Event]) -> QuerySet[Event]:
    """``first_day`` and ``last_day`` on each event: its first and last session's date (None
    while no session is set)."""
    return events.annotate(first_day=Min("sessions__date"), last_day=Max("sessions__date"))


def managed_events(user) -> QuerySet[Event]:
    if user.is_superuser:
        return Event.objects.select_related("organiser")
    orgs = user.memberships.values("organisation_id")
    return Event.objects.filter(
        Q(created_by=user) | Q(organiser_id__in=orgs) if user.is_organiser else Q(created_by=user)
    )


def co_organised_events(user) -> QuerySet[Event]:
    """Events whose co-organiser ``user`` is a member of."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return (
        Event.objects.filter(co_organisers__organisation__members__user=user)
        .distinct()
        .order_by("-created_at")
    )


def co_organisers(event: Event) -> QuerySet[CoOrganiser]:
    """The event's co-organisers, each with ``brought``: the registrations it brought."""
    return (
        CoOrganiser.objects.for_event(event)
        .select_related("organisation", "appointed_by")
        .annotate(
            brought=Count(
                "organisation__brought_registrations",
                filter=Q(organisation__brought_registrations__event=event),
            )
        )
        .order_by("organisation__name_key")
    )


def visible_events(user) -> QuerySet[Event]:
    """Listed events, and the unlisted ones ``user`` runs or is registered for (see
    ``permissions.can_view``; invitation links are not counted here)."""
    if not getattr(user, "is_authenticated", False):
        return listed_events()
    return (
        Event.objects.filter(
            Q(is_listed=True)
            | Q(pk__in=managed_events(user).values("pk"))
            | Q(registrations__organisation__members__user=user)
            | Q(co_organisers__organisation__members__user=user)
        )
        .distinct()
        .order_by("-created_at")
    )


def event_at(slug: str) -> Event | None:
    return Event.objects.select_related("organiser", "created_by").filter(slug=slug).first()


def event_by_slug(slug: str) -> Event:
    event = event_at(slug)
    if event is None:
        raise Http404
    return event


def _active_registrations(event: Event):
    return Registration.objects.for_event(event).exclude(
        status__in=[Registration.Status.REJECTED, Registration.Status.CANCELLED]
    )


def registered_organisation_ids(event: Event, user) -> set[int]:
    """Which of ``user``'s organisations take part in ``event`` (not rejected or cancelled)."""
    return set(
        _active_registrations(event)
        .filter(organisation__members__user=user)
        .values_list("organisation_id", flat=True)
    )


def my_registration(event: Event, user) -> Registration | None:
    """The registration ``user`` takes part for: of one of their organisations, the one they
    attend for first (someone acting for two organisations registered both)."""
    if not user.is_authenticated:
        return None
    registration = (
        _active_registrations(event)
        .filter(organisation__members__user=user)
        .annotate(
            attends=Exists(
                Registration.attendees.through.objects.filter(
                    registration_id=OuterRef("pk"), user_id=user.pk
                )
            )
        )
        .order_by("-attends", "pk")
        .select_related("organisation")
        .first()
    )
    if registration is not None:
        registration.event = event
    return registration


REGISTRATIONS_PAGE_SIZE = 50


def registrations(
    event: Event,
    *,
    status: str | None = None,
    brought_by: set[int] | None = None,
    q: str = "",
) -> QuerySet[Registration]:
    """The event's registrations; ``brought_by``: only those these co-organisers brought;
    ``q``: only organisations whose name or profile contains it."""
    qs = (
        Registration.objects.for_event(event)
        .select_related("organisation", "registered_by", "brought_by")
        .prefetch_related("attendees", "sessions")
    )
    if status:
        qs = qs.filter(status=status)
    if brought_by is not None:
        qs = qs.filter(brought_by_id__in=brought_by)
    q = q.strip()
    if q:
        qs = qs.filter(
            Q(organisation__name_key__contains=q.casefold())
            | Q(organisation__search_text__icontains=q)
        )
    return qs.order_by("organisation__name_key", "pk")


PARTICIPANTS_PAGE_SIZE = 50


def participants(
    event: Event,
    *,
    viewer: Registration | None = None,
    q: str = "",
    country: str = "",
    language: str = "",
    sector: str = "",
) -> QuerySet[Registration]:
    """Approved participants other than the viewer, with filters, sorted by their name in the
    reader's language (else the English name, else the name compared for uniqueness)."""
    reader = (translation.get_language() or "en").split("-")[0]
    qs = (
        Registration.objects.for_event(event)
        .filter(status=Registration.Status.APPROVED)
        .select_related("organisation", "brought_by")
        .prefetch_related("organisation__sectors")
        .annotate(
            sort_name=Lower(
                Coalesce(
                    NullIf(KeyTextTransform(reader, "organisation__name"), Value("")),
                    NullIf(KeyTextTransform("en", "organisation__name"), Value("")),
                    "organisation__name_key",
                    output_field=TextField(),
                )
            )
        )
        .order_by("sort_name", "pk")
    )
    if viewer is not None:
        qs = qs.exclude(pk=viewer.pk)
    if q:
        qs = qs.filter(organisation__search_text__icontains=q) | qs.filter(
            organisation__name_key__icontains=q
        )
    if country:
        qs = qs.filter(organisation__country=country.upper())
    if language:
        qs = (
            qs.filter(languages__contains=[language])
            if _json_contains_supported()
            else qs.filter(languages__icontains=f'"{language}"')
        )
    if sector:
        qs = qs.filter(organisation__sectors__code=sector)
    return qs.distinct()


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def participant_countries(event: Event, viewer: Registration | None = None) -> list[str]:
    """The country codes of the event's approved participants (for the country filter)."""
    qs = Registration.objects.for_event(event).filter(status=Registration.Status.APPROVED)
    if viewer is not None:
        qs = qs.exclude(pk=viewer.pk)
    return list(qs.values_list("organisation__country", flat=True).distinct())


def recommended_participants(
    event: Event, viewer: Registration | None, limit: int = 5, *, exclude=()
) -> list[Registration]:
    """Participants of this event that the marketplace recommends to the viewer (rabta.matching's
    partner recommendations, best first); when it has none, participants of another country
    sharing a sector with the viewer. Registrations in ``exclude`` (partners already requested)
    are left out."""
    if viewer is None:
        return []
    from rabta.matching.selectors import recommendations_cached

    qs = participants(event, viewer=viewer)
    if exclude:
        qs = qs.exclude(pk__in=list(exclude))
    ranked = [
        p.organisation_id for p in recommendations_cached(viewer.organisation, limit=50).partners
    ]
    if ranked:
        by_org = {r.organisation_id: r for r in qs.filter(organisation_id__in=ranked)}
        found = [by_org[pk] for pk in ranked if pk in by_org][:limit]
        if found:
            return found
    sectors = list(viewer.organisation.sectors.values_list("pk", flat=True))
    if not sectors:
        return []
    return list(
        qs.exclude(organisation__country=viewer.organisation.country)
        .filter(organisation__sectors__in=sectors)
        .annotate(
            shared=Count("organisation__sectors", filter=Q(organisation__sectors__in=sectors))
        )
        .order_by("-shared", "organisation__name_key")[:limit]
    )


def requests_of(event: Event, registration: Registration) -> dict[str, list[MeetingRequest]]:
    qs = (
        MeetingRequest.objects.for_event(event)
        .filter(Q(sender=registration) | Q(recipient=registration))
        .select_related("sender__organisation", "recipient__organisation", "meeting__slot")
        .order_by("-created_at")
    )
    out: dict[str, list[MeetingRequest]] = {"incoming": [], "outgoing": []}
    for r in qs:
        out["incoming" if r.recipient_id == registration.pk else "outgoing"].append(r)
    return out


def requested_partner_ids(event: Event, registration: Registration) -> set[int]:
    rows = (
        MeetingRequest.objects.for_event(event)
        .filter(
            Q(sender=registration) | Q(recipient=registration),
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        )
        .values_list("sender_id", "recipient_id")
    )
    return {pk for pair in rows for pk in pair} - {registration.pk}


@dataclass
class AgendaItem:
    meeting: Meeting
    partner: Registration
    slot: Slot
    person_id: int | None = None  # the representative who meets (parallel representatives)
    is_programme = False

    @property
    def start(self):
        return self.slot.start

    @property
    def end(self):
        return self.slot.end


def agenda(event: Event, registration: Registration) -> list[AgendaItem]:
    """The participant's meetings in time order (empty until the schedule is visible)."""
    return agendas(event, [registration]).get(registration.pk, [])


def _fields(path: str, model, *, leave: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(
        f"{path}__{f.attname}" for f in model._meta.concrete_fields if f.attname not in leave
    )


# What an agenda shows (page, PDF, iCal, e-mail, API): every field but the partners' long texts
# (the description, the search text), which were most of the rows' weight. Listed by exclusion
# so that a field added later is loaded too (a deferred field would cost a query per meeting).
_LONG_TEXTS = ("description", "search_text", "hs_codes")
AGENDA_FIELDS = (
    "event_id", "slot_id", "registration_id", "meeting_id", "person_id",
    *_fields("meeting", Meeting),
    *_fields("meeting__slot", Slot),
    *_fields("meeting__table", Table),
    *_fields("meeting__interpreter", Interpreter),
    *_fields("meeting__request", MeetingRequest),
    *_fields("meeting__request__sender", Registration),
    *_fields("meeting__request__recipient", Registration),
    *_fields("meeting__request__sender__organisation", Organisation, leave=_LONG_TEXTS),
    *_fields("meeting__request__recipient__organisation", Organisation, leave=_LONG_TEXTS),
)  # fmt: skip


def agendas(event: Event, registrations: list[Registration]) -> dict[int, list[AgendaItem]]:
    """The meetings of several participants at once (one query), by registration id."""
    out: dict[int, list[AgendaItem]] = {r.pk: [] for r in registrations}
    if not event.agendas_visible or not registrations:
        return out
    by_id = {r.pk: r for r in registrations}
    seats = (
        MeetingSeat.objects.for_event(event)
        .filter(registration_id__in=list(by_id))
        .select_related(
            "meeting__slot",
            "meeting__table",
            "meeting__interpreter",
            "meeting__request__sender__organisation",
            "meeting__request__recipient__organisation",
        )
        .only(*AGENDA_FIELDS)
        .order_by("slot__start", "pk")
    )
    for seat in seats:
        m = seat.meeting
        m.event = m.request.event = event  # is_online and video_link read the event's format
        out[seat.registration_id].append(
            AgendaItem(
                meeting=m,
                partner=m.request.other(by_id[seat.registration_id]),
                slot=m.slot,
                person_id=seat.person_id,
            )
        )
    return out


def schedule_meetings(event: Event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.for_event(event)
        .select_related(
            "slot",
            "table",
            "interpreter",
            "request__event",  # Meeting.place and video_link read the event's format
            "request__sender__organisation",
            "request__recipient__organisation",
        )
        .order_by("slot__start", "table__number", "pk")
    )


INTERPRETERS_PAGE_SIZE = 50


def interpreters_page(event: Event, *, q: str = "", page: int | str | None = 1) -> Page:
    """One page of the event's interpreters (with their sessions), filtered by name."""
    from rabta.events.models import Interpreter

    interpreters = (
        Interpreter.objects.for_event(event).prefetch_related("sessions").order_by("name", "pk")
    )
    q = q.strip()
    if q:
        interpreters = interpreters.filter(name__icontains=q)
    return Paginator(interpreters, INTERPRETERS_PAGE_SIZE).get_page(page)


SCHEDULE_PAGE_SIZE = 100
DAY_PAGE_SIZE = 50


def day_registrations_page(event: Event, *, q: str = "", page: int | str | None = 1) -> Page:
    """One page of the approved participants on the day page, each with its people's badges,
    filtered by the organisation's name or a badge code."""
    from django.db.models import Prefetch

    from rabta.events.models import Badge

    registrations = (
        Registration.objects.for_event(event)
        .filter(status=Registration.Status.APPROVED)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("badges", queryset=Badge.objects.select_related("person").order_by("pk"))
        )
        .order_by("organisation__name_key", "pk")
    )
    q = q.strip()
    if q:
        registrations = registrations.filter(
            Q(organisation__name_key__contains=q.casefold())
            | Q(organisation__search_text__icontains=q)
            | Q(badge_code=q.upper())
            | Q(badges__code=q.upper())
            | Q(attendees__full_name__icontains=q)
        ).distinct()
    return Paginator(registrations, DAY_PAGE_SIZE).get_page(page)


def schedule_meetings_page(
    event: Event, *, q: str = "", session: int | None = None, page: int | str | None = 1
) -> Page:
    """One page of the organiser's schedule (a large event has thousands of meetings), filtered
    by a participant's name and by session."""
    meetings = schedule_meetings(event)
    if q:
        q = q.strip().casefold()
        meetings = meetings.filter(
            Q(request__sender__organisation__name_key__contains=q)
            | Q(request__recipient__organisation__name_key__contains=q)
            | Q(request__sender__organisation__search_text__icontains=q)
            | Q(request__recipient__organisation__search_text__icontains=q)
        )
    if session:
        meetings = meetings.filter(slot__session_id=session)
    return Paginator(meetings, SCHEDULE_PAGE_SIZE).get_page(page)


def versions(event: Event):
    """The published versions, newest first, without their snapshots (a megabyte each at
    10,000 meetings)."""
    return ScheduleVersion.objects.for_event(event).defer("meetings").order_by("-number")


def latest_version(event: Event) -> ScheduleVersion | None:
    return versions(event).first()


def latest_run(event: Event) -> ScheduleRun | None:
    return (
        ScheduleRun.objects.for_event(event)
        .filter(kind=ScheduleRun.Kind.SOLVE)
        .select_related("started_by")
        .first()
    )


def table_plan(event: Event) -> list[tuple[Slot, list[Meeting]]]:
    by_slot: dict[int, list[Meeting]] = {}
    for m in schedule_meetings(event):
        by_slot.setdefault(m.slot_id, []).append(m)
    return [
        (slot, by_slot.get(slot.pk, [])) for slot in Slot.objects.for_event(event).order_by("start")
    ]


def interpreter_rosters(event: Event) -> list[tuple[object, list[Meeting]]]:
    from rabta.events.models import Interpreter

    by_interp: dict[int, list[Meeting]] = {}
    for m in schedule_meetings(event).filter(interpreter__isnull=False):
        by_interp.setdefault(m.interpreter_id, []).append(m)
    return [
        (i, by_interp.get(i.pk, [])) for i in Interpreter.objects.for_event(event).order_by("name")
    ]


def is_interpreter(event: Event, user) -> bool:
    """Whether ``user`` interprets at ``event`` (and so has a roster page)."""
    from rabta.events.models import Interpreter

    if not getattr(user, "is_authenticated", False):
        return False
    return Interpreter.objects.for_event(event).filter(user=user).exists()


def my_roster(event: Event, user) -> list[tuple[object, list[Meeting]]]:
    """The rosters of the interpreters of ``event`` who are ``user`` (usually one)."""
    from rabta.events.models import Interpreter

    mine = list(Interpreter.objects.for_event(event).filter(user=user).order_by("name"))
    meetings = schedule_meetings(event).filter(interpreter__in=mine)
    return [(i, [m for m in meetings if m.interpreter_id == i.pk]) for i in mine]


def free_slots_for(
    event: Event, request: MeetingRequest, persons: tuple = (None, None)
) -> list[Slot]:
    """Self-scheduling: slots where both sides are available and free. ``persons``: who meets
    on each side (``group_selectors.booking_persons``); None for an organisation as a whole."""
    from rabta.events.engine import available_slots
    from rabta.events.group_selectors import seats_taken

    sender, recipient = request.sender, request.recipient
    sender.event = recipient.event = event
    # past slots cannot be booked
    both = available_slots(sender, not_before=timezone.now()) & available_slots(
        recipient, not_before=timezone.now()
    )
    busy = set()
    for registration, person in zip((sender, recipient), persons, strict=True):
        busy |= set(seats_taken(registration, person).values_list("slot_id", flat=True))
    return [
        s
        for s in Slot.objects.for_event(event).order_by("start")
        if s.pk in both and s.pk not in busy
    ]
