"""Exports as tables (a header and lazily produced rows) and their CSV and XLSX writers.

The organisation, opportunity and participant exports use the import templates' columns, so an
export can be imported again (the round trip the tests check).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rabta.core.spreadsheets import csv_row, xlsx_row
from rabta.reports.importers import (
    LANGUAGES,
    OpportunityImporter,
    OrganisationImporter,
    RegistrationImporter,
)


@dataclass
class Export:
    name: str
    header: list[str]
    rows: Iterable[list[Any]]


def _joined(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values if v not in (None, ""))


def _texts(value: dict | None, prefix: str) -> dict[str, str]:
    return {f"{prefix}_{code}": (value or {}).get(code, "") for code in LANGUAGES}


def _rows(header: list[str], records: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    for record in records:
        yield [record.get(name, "") for name in header]


# --- directory and marketplace ----------------------------------------------------------------


def organisations_export() -> Export:
    from rabta.organisations.models import Organisation

    header = [c.name for c in OrganisationImporter.columns]

    def records():
        queryset = Organisation.objects.order_by("pk").prefetch_related("sectors")
        for org in queryset.iterator(chunk_size=1000):
            yield {
                **_texts(org.name, "name"),
                **_texts(org.description, "description"),
                "country": org.country, "kind": org.kind, "city": org.city,
                "sectors": _joined(s.code for s in org.sectors.all()), "hs_codes": _joined(org.hs_codes),
                "website": org.website, "email": org.email, "phone": org.phone,
            }  # fmt: skip

    return Export("organisations", header, _rows(header, records()))


def opportunities_export() -> Export:
    from rabta.marketplace.models import Opportunity

    header = [c.name for c in OpportunityImporter.columns]

    def records():
        queryset = (
            Opportunity.objects.order_by("pk")
            .select_related("organisation")
            .prefetch_related("sectors")
        )
        for opp in queryset.iterator(chunk_size=500):
            yield {
                "organisation_name": (opp.organisation.name or {}).get("en") or str(opp.organisation),
                "organisation_country": opp.organisation.country,
                "kind": opp.kind, "role": opp.role, "languages": _joined(opp.languages),
                **_texts(opp.title, "title"), **_texts(opp.description, "description"),
                "work_languages": _joined(opp.work_languages), "sectors": _joined(s.code for s in opp.sectors.all()),
                "hs_codes": _joined(opp.hs_codes), "countries": _joined(opp.countries),
                "deadline": opp.deadline.isoformat() if opp.deadline else "", "status": opp.status if opp.status != "closed" else "draft",
            }  # fmt: skip

    return Export("opportunities", header, _rows(header, records()))


# --- one event --------------------------------------------------------------------------------


def participants_export(event) -> Export:
    from rabta.events.models import Registration

    header = [c.name for c in RegistrationImporter.columns] + list(
        RegistrationImporter.export_only_columns
    )

    def records():
        # Rejected and cancelled registrations are not participants (and cannot be imported).
        queryset = (
            Registration.objects.for_event(event)
            .filter(status__in=[Registration.Status.PENDING, Registration.Status.APPROVED])
            .select_related("organisation")
            .prefetch_related("attendees")
            .order_by("organisation__name_key")
        )
        for reg in queryset:
            yield {
                "organisation_name": (reg.organisation.name or {}).get("en") or str(reg.organisation),
                "organisation_country": reg.organisation.country, "languages": _joined(reg.languages),
                "attendees": _joined(u.email for u in reg.attendees.all()),
                "has_stand": "yes" if reg.has_stand else "no", "stand": reg.stand, "status": reg.status,
                "city": reg.organisation.city, "badge_code": reg.badge_code, "attendance": reg.attendance,
            }  # fmt: skip

    return Export(f"participants-{event.slug}", header, _rows(header, records()))


def _when(slot, event) -> tuple[str, str, str]:
    start = timezone.localtime(slot.start, event.tz)
    end = timezone.localtime(slot.end, event.tz)
    return start.date().isoformat(), f"{start:%H:%M}", f"{end:%H:%M}"


def meetings_export(event) -> Export:
    from rabta.events.selectors import schedule_meetings

    header = [
        "date",
        "start",
        "end",
        "table",
        "requester",
        "requester_country",
        "recipient",
        "recipient_country",
        "interpreter",
        "status",
        "mutual",
    ]

    def rows():
        for meeting in schedule_meetings(event).iterator(chunk_size=500):
            request = meeting.request
            yield [
                *_when(meeting.slot, event), meeting.place,
                str(request.sender.organisation), request.sender.organisation.country,
                str(request.recipient.organisation), request.recipient.organisation.country,
                meeting.interpreter.name if meeting.interpreter_id else "", meeting.status, "yes" if request.mutual else "no",
            ]  # fmt: skip

    return Export(f"meetings-{event.slug}", header, rows())


def agendas_export(event) -> Export:
    """One row per participant per meeting: each participant's agenda, sorted by participant."""
    from rabta.events.selectors import schedule_meetings

    header = ["participant", "date", "start", "end", "table", "with", "with_country", "interpreter"]

    def rows():
        lines = []
        for meeting in schedule_meetings(event):
            request = meeting.request
            for me, other in (
                (request.sender, request.recipient),
                (request.recipient, request.sender),
            ):
                lines.append(
                    [str(me.organisation), *_when(meeting.slot, event), meeting.place,
                     str(other.organisation), other.organisation.country,
                     meeting.interpreter.name if meeting.interpreter_id else ""]
                )  # fmt: skip
        lines.sort(key=lambda line: (line[0].casefold(), line[1], line[2]))
        yield from lines

    return Export(f"agendas-{event.slug}", header, rows())


def feedback_export(event) -> Export:
    from rabta.reports.models import Feedback

    header = [
        "date",
        "start",
        "from",
        "from_country",
        "about",
        "about_country",
        "took_place",
        "interest",
        "deal_kind",
        "deal_value_usd",
        "follow_up",
        "comment",
    ]

    def rows():
        for item, sides in _answers_with_sides(Feedback, event):
            yield [
                *sides, "yes" if item.took_place else "no", item.interest, item.deal_kind,
                "" if item.deal_value is None else f"{item.deal_value:.2f}",
                "yes" if item.follow_up else "no", item.comment,
            ]  # fmt: skip

    return Export(f"feedback-{event.slug}", header, rows())


def _answers_with_sides(model, event):
    """A survey's answers (``Feedback`` or ``OutcomeFollowUp``) about the event's meetings, in
    meeting order, each with the columns its row starts with: date, start, the side that answered
    and the other side, with their countries."""
    queryset = (
        model.objects.filter(meeting__event=event)
        .select_related(
            "meeting__slot", "registration__organisation",
            "meeting__request__sender__organisation", "meeting__request__recipient__organisation",
        )
        .order_by("meeting__slot__start", "pk")
    )  # fmt: skip
    for item in queryset:
        other = item.meeting.request.other(item.registration)
        date, start, _end = _when(item.meeting.slot, event)
        yield item, [
            date, start, str(item.registration.organisation), item.registration.organisation.country,
            str(other.organisation), other.organisation.country,
        ]  # fmt: skip


def outcomes_export(event) -> Export:
    """The second-stage answers, each beside the same side's first answer (reports/outcomes.py)."""
    from rabta.reports.models import Feedback, OutcomeFollowUp

    header = [
        "date", "start", "from", "from_country", "about", "about_country", "first_deal_kind",
        "first_deal_value_usd", "deal_signed", "deal_kind", "deal_value_usd", "comment", "answered_at",
    ]  # fmt: skip

    def rows():
        first = {
            (f.meeting_id, f.registration_id): f
            for f in Feedback.objects.filter(meeting__event=event).only(
                "meeting_id", "registration_id", "deal_kind", "deal_value"
            )
        }
        money = lambda value: "" if value is None else f"{value:.2f}"  # noqa: E731
        for item, sides in _answers_with_sides(OutcomeFollowUp, event):
            before = first.get((item.meeting_id, item.registration_id))
            yield [
                *sides, before.deal_kind if before else "", money(before.deal_value) if before else "",
                "yes" if item.deal_signed else "no", item.deal_kind, money(item.deal_value),
                item.comment, item.updated_at.isoformat(timespec="minutes"),
            ]  # fmt: skip

    return Export(f"outcomes-{event.slug}", header, rows())


EVENT_EXPORTS: dict[str, tuple[Any, Callable]] = {
    "participants": (_("Participants"), participants_export),
    "meetings": (_("Meetings"), meetings_export),
    "agendas": (_("Agendas"), agendas_export),
    "feedback": (_("Feedback"), feedback_export),
    "outcomes": (_("Deals months later (second survey)"), outcomes_export),
}
GLOBAL_EXPORTS: dict[str, tuple[Any, Callable]] = {
    "organisations": (_("Organisations"), organisations_export),
    "opportunities": (_("Opportunities"), opportunities_export),
}


# --- writers ----------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(export: Export) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so that spreadsheet programs show Cyrillic and Urdu; no
    cell is a formula (core.spreadsheets)."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    yield writer.writerow(csv_row(export.header)).encode()
    for row in export.rows:
        yield writer.writerow(csv_row(row)).encode()


def write_csv(export: Export, stream: IO[bytes]) -> None:
    for chunk in csv_chunks(export):
        stream.write(chunk)


def write_xlsx(export: Export, stream: IO[bytes]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(export.name[:31])
    sheet.append(xlsx_row(sheet, export.header))
    for row in export.rows:
        sheet.append(xlsx_row(sheet, ("" if v is None else v for v in row)))
    workbook.save(stream)


def xlsx_bytes(export: Export) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(export, buffer)
    return buffer.getvalue()
