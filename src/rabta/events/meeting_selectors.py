"""Reads for single-meeting control: why requests are not scheduled, the schedule grid, what a
run would change, the meeting-limit warning."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext

from rabta.events import engine
from rabta.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Session,
    Slot,
    Table,
)

UNSCHEDULED_LIMIT = 200


@dataclass
class Unscheduled:
    request: MeetingRequest
    reason: str
    text: str


def reason_text(reason: str, full_name=None) -> str:
    """The sentence for an engine reason code (see rabta.scheduling.explain), in the active
    language."""
    context = {"reason": reason, "full_name": full_name or ""}
    return render_to_string("events/_unplaced_reason.txt", context).strip()


def unscheduled(
    event: Event, *, registration: Registration | None = None, now=None
) -> list[Unscheduled]:
    """Accepted requests without a meeting (of ``registration``, or all), each with the reason
    it has none now. Self-scheduling events have no reasons: participants book themselves."""
    if event.is_self_scheduling:
        return []
    requests = (
        MeetingRequest.objects.for_event(event)
        .filter(status=MeetingRequest.Status.ACCEPTED, meeting__isnull=True)
        .select_related("sender__organisation", "recipient__organisation")
        .order_by("pk")
    )
    if registration is not None:
        requests = requests.filter(Q(sender=registration) | Q(recipient=registration))
    requests = list(requests[:UNSCHEDULED_LIMIT])
    if not requests:
        return []
    bridge = engine.build_problem(event, not_before=now or timezone.now())
    why = engine.unplaced(bridge, engine.current_schedule(event, bridge))
    rows = []
    for q in requests:
        found = why.get(q.pk)
        reason = found.reason if found else "unknown"
        full = None
        if found and found.participant:
            pk = engine.pk_of(found.participant)
            full = (q.sender if q.sender_id == pk else q.recipient).organisation.name
        rows.append(Unscheduled(request=q, reason=reason, text=reason_text(reason, full)))
    return rows


def limit_warning(request: MeetingRequest) -> str:
    """A warning for the recipient who has just accepted more requests than the event's meeting
    limit; empty when within it."""
    event = request.event
    accepted = (
        MeetingRequest.objects.for_event(event)
        .filter(
            Q(sender=request.recipient) | Q(recipient=request.recipient),
            status=MeetingRequest.Status.ACCEPTED,
        )
        .count()
    )
    if accepted <= event.max_meetings:
        return ""
    return ngettext(
        "You have accepted %(count)s meetings, more than the %(limit)s this event allows each "
        "participant: some of them may not be scheduled.",
        "You have accepted %(count)s meetings, more than the %(limit)s this event allows each "
        "participant: some of them may not be scheduled.",
        accepted,
    ) % {"count": accepted, "limit": event.max_meetings}


def run_changes(event: Event, run: ScheduleRun) -> int:
    """How many participants' agendas publishing ``run`` would change."""
    rows = run.result or []
    pks = [engine.pk_of(row["request"]) for row in rows]
    requests = {
        q.pk: q
        for q in MeetingRequest.objects.for_event(event)
        .filter(pk__in=pks)
        .select_related("sender", "recipient")
    }
    after = {}
    for row, pk in zip(rows, pks, strict=True):
        q = requests.get(pk)
        if q is None:
            continue
        stand = ""
        if not row.get("table"):
            holder = q.sender if q.sender.has_stand else q.recipient
            stand = holder.stand_name
        after[str(pk)] = {
            "slot": engine.pk_of(row["slot"]), "table": engine.pk_of(row.get("table")),
            "interpreter": engine.pk_of(row.get("interpreter")), "stand": stand,
            "a": q.sender_id, "b": q.recipient_id,
        }  # fmt: skip
    return len(engine.changed_registrations(engine.snapshot(event), after))


# ---------------------------------------------------------------- the grid


def future_slots(event: Event) -> list[Slot]:
    """The slots a meeting can still be put in: those that have not started."""
    return list(Slot.objects.for_event(event).filter(start__gt=timezone.now()).order_by("start"))


@dataclass
class Grid:
    session: Session | None
    sessions: list[Session]
    view: str  # "tables" | "participants"
    columns: list[str]
    rows: list[tuple[Slot, list[list[Meeting]]]] = field(default_factory=list)
    page: object = None
    future_slots: list[Slot] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


GRID_COLUMNS = 20


def grid(event: Event, *, view: str = "tables", session_id=None, page=1) -> Grid:
    """Slots × tables (meetings at stands in a last column), or slots × participants: twenty
    columns a page, the meetings of each cell."""
    sessions = list(Session.objects.for_event(event).order_by("date", "start"))
    session = next((s for s in sessions if str(s.pk) == str(session_id)), None) or (
        sessions[0] if sessions else None
    )
    out = Grid(session=session, sessions=sessions, view=view, columns=[])
    if session is None:
        return out
    slots = list(Slot.objects.for_event(event).filter(session=session).order_by("start"))
    meetings = (
        Meeting.objects.for_event(event)
        .filter(slot__session=session)
        .select_related(
            "slot",
            "table",
            "interpreter",
            "request__sender__organisation",
            "request__recipient__organisation",
        )  # fmt: skip
    )
    out.future_slots = future_slots(event)
    cells: dict[tuple[int, int], list[Meeting]] = {}
    if view == "participants":
        out.page = Paginator(
            Registration.objects.for_event(event)
            .filter(status=Registration.Status.APPROVED)
            .select_related("organisation"),
            GRID_COLUMNS,
        ).get_page(page)
        out.columns = [str(r.organisation) for r in out.page]
        index = {r.pk: i for i, r in enumerate(out.page)}
        for m in meetings.filter(seats__registration__in=list(index)).distinct():
            for rid in (m.request.sender_id, m.request.recipient_id):
                if rid in index:
                    cells.setdefault((m.slot_id, index[rid]), []).append(m)
    else:
        out.view = "tables"
        out.page = Paginator(
            Table.objects.for_event(event).order_by("number"), GRID_COLUMNS
        ).get_page(page)
        out.tables = list(out.page)
        out.columns = [str(t) for t in out.tables]
        index = {t.pk: i for i, t in enumerate(out.tables)}
        shown = meetings.filter(table__in=out.tables)
        if not out.page.has_next():  # meetings at stands: a last column on the last page
            at_stands = meetings.filter(table__isnull=True)
            if at_stands.exists():
                from django.utils.translation import gettext

                out.columns.append(gettext("At a stand"))
                shown = shown | at_stands
        for m in shown:
            cells.setdefault((m.slot_id, index.get(m.table_id, len(out.tables))), []).append(m)
    width = len(out.columns)
    out.rows = [(s, [cells.get((s.pk, i), []) for i in range(width)]) for s in slots]
    return out


def find_participant(event: Event, text: str) -> Registration | None:
    """The approved participant with this badge code, or whose organisation has exactly this
    name in one of its languages (case aside); None when there is none or more than one."""
    text = " ".join(text.split())
    if not text:
        return None
    approved = (
        Registration.objects.for_event(event)
        .filter(status=Registration.Status.APPROVED)
        .select_related("organisation")
    )
    by_code = approved.filter(badge_code=text.upper()).first()
    if by_code is not None:
        return by_code
    wanted = text.casefold()
    found = [
        r
        for r in approved.iterator(chunk_size=500)
        if any(str(name).casefold() == wanted for name in (r.organisation.name or {}).values())
    ]
    return found[0] if len(found) == 1 else None
