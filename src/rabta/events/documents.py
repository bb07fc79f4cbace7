"""Printable and downloadable documents: agenda PDF and iCal, table plan, rosters, badges.

PDFs are rendered by WeasyPrint from templates under ``events/print/`` in the reader's
language; Urdu is set right to left in the Nastaliq font vendored under static/vendor/.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from rabta.core.i18n import localized
from rabta.core.time_zones import zone_name
from rabta.events.models import Event, Registration


def _static_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "static"


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "LANGUAGE_CODE": language,
                "rtl": translation.get_language_bidi(),
                "font_dir": _static_dir().as_uri() + "/vendor/noto-nastaliq-urdu/",
            },
        )
    return HTML(string=_isolate_bdi(html), base_url=str(_static_dir())).write_pdf()


def _isolate_bdi(html: str) -> str:
    """WeasyPrint lays <bdi> out as a plain inline box, so a Latin name or address inside Urdu
    text gets its commas and words reordered. Unicode's own isolates (FSI…PDI, which the text
    shaper honours) inside every <bdi> give the PDF the isolation the browser gives the page."""
    return html.replace("<bdi>", "<bdi>\u2068").replace("</bdi>", "\u2069</bdi>")


def _local(dt, event: Event):
    return timezone.localtime(dt, event.tz)


def reader_zone(event: Event, zone: str | None = None) -> str:
    """The zone a reader sees times in: ``zone``, else the one active now (the signed-in
    person's, set by accounts.middleware), else the event's."""
    return zone or timezone.get_current_timezone_name() or event.time_zone


def agenda_pdf(
    event: Event, registration: Registration, items, *, language: str, zone: str | None = None
) -> bytes:
    """The agenda as a PDF, times in the reader's zone with the event's own beside."""
    zone = reader_zone(event, zone)
    return render_pdf(
        "events/print/agenda.html",
        {
            "event": event,
            "registration": registration,
            "items": items,
            "tz": zone,
            "event_zone_differs": zone != event.time_zone,
        },
        language=language,
    )


def table_plan_pdf(event: Event, *, language: str) -> bytes:
    from rabta.events.selectors import table_plan

    return render_pdf(
        "events/print/table_plan.html",
        {
            "event": event,
            "plan": [(s, ms) for s, ms in table_plan(event) if ms],
            "tz": event.time_zone,
        },
        language=language,
    )


def interpreter_rosters_pdf(event: Event, *, language: str) -> bytes:
    from rabta.events.selectors import interpreter_rosters

    return render_pdf(
        "events/print/rosters.html",
        {"event": event, "rosters": interpreter_rosters(event), "tz": event.time_zone},
        language=language,
    )


def qr_svg(data: str) -> str:
    """A QR code as inline SVG (no Pillow needed)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def qr_png_data_uri(data: str) -> str:
    """A QR code as a PNG data URI, one pixel per module (printed sharp with
    ``image-rendering: pixelated``); a picture of its own in the PDF."""
    import base64

    import qrcode

    image = qrcode.make(data, box_size=1, border=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


# A4 less 10 mm margins is 190 × 277 mm: two columns of 91 mm and four rows of 66 mm, each badge
# a fixed cell; a page holds eight, and nothing inside a cell can push another.
BADGE_COLUMNS, BADGE_ROWS = 2, 4
BADGE_WIDTH_MM, BADGE_HEIGHT_MM, BADGE_GAP_MM = 90, 64, 4


def _name_size(name: str) -> str:
    """A smaller type for a long name, so that it fits its badge whole."""
    return "longer" if len(name) > 45 else "long" if len(name) > 24 else ""


def badges_pdf(event: Event, *, language: str) -> bytes:
    """One badge per person attending for an approved registration, eight to an A4 page."""
    from rabta.events.models import Badge

    badges = list(
        Badge.objects.for_event(event)
        .filter(registration__status=Registration.Status.APPROVED)
        .select_related("registration__organisation", "person", "event")
        .order_by("registration__organisation__name_key", "person__full_name", "person_id")
    )
    per_page = BADGE_COLUMNS * BADGE_ROWS
    pages = []
    for first in range(0, len(badges), per_page):
        cells = []
        for index, badge in enumerate(badges[first : first + per_page]):
            row, column = divmod(index, BADGE_COLUMNS)
            cells.append(
                {
                    "badge": badge,
                    "top": row * (BADGE_HEIGHT_MM + BADGE_GAP_MM),
                    "side": column * (BADGE_WIDTH_MM + BADGE_GAP_MM),
                    "qr": qr_png_data_uri(badge.qr_text),
                    "long_name": _name_size(str(badge.person)),
                    "long_org": len(str(badge.registration.organisation)) > 40,
                }
            )
        pages.append(cells)
    return render_pdf(
        "events/print/badges.html",
        {
            "event": event,
            "pages": pages,
            "width": BADGE_WIDTH_MM,
            "height": BADGE_HEIGHT_MM,
        },
        language=language,
    )


def calendar_feed_path(event: Event, registration: Registration) -> str:
    return reverse("events:calendar_feed", args=[event.slug, registration.calendar_token])


def agenda_ical(event: Event, registration: Registration, items, zone: str | None = None) -> bytes:
    """The participant's agenda as an iCalendar file: meetings (partner, table or stand, or the
    video link; interpreter) and the programme items they attend or host (place, map,
    transport). Times carry the reader's TZID (``zone``, else the active zone), with its
    VTIMEZONE; the event's local time is named in the description when it differs."""
    import zoneinfo

    from icalendar import Calendar

    zone = reader_zone(event, zone)
    tz = zoneinfo.ZoneInfo(zone)
    language = translation.get_language() or settings.LANGUAGE_CODE
    calendar = Calendar()
    calendar.add("prodid", "-//rabta//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{localized(event.name, language)} — {registration.organisation}")
    calendar.add("x-wr-timezone", zone)
    with translation.override(language):
        from django.utils.translation import gettext as _

        for item in items:
            if item.is_programme:
                calendar.add_component(_programme_vevent(event, registration, item, _, tz))
                continue
            if getattr(item, "is_group", False):
                calendar.add_component(_group_vevent(event, registration, item, _, tz))
                continue
            calendar.add_component(_meeting_vevent(event, registration, item, _, tz, zone))
    # The event's time zone as a VTIMEZONE, for calendars that do not know its TZID.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _meeting_vevent(event: Event, registration: Registration, item, _, tz, zone: str):
    """One meeting of the agenda as a VEVENT: partner, place or video link, interpreter, and the
    event's local time when the reader's zone differs."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    meeting = item.meeting
    vevent = _vevent(
        f"meeting-{meeting.request_id}-{registration.pk}@{event.slug}.rabta",
        item.slot.start,
        item.slot.end,
        tz,
    )
    vevent.add("summary", _("Meeting with %(name)s") % {"name": item.partner.organisation})
    place = meeting.place
    venue = localized(event.venue, language)
    link = meeting.video_link
    if meeting.is_online:
        # calendars show LOCATION as a clickable join link; URL is the standard field
        vevent.add("location", link or place)
        if link:
            vevent.add("url", link)
        lines = [_("Online meeting (video call): %(link)s") % {"link": link or "—"}]
    else:
        vevent.add("location", f"{place}, {venue}" if place else venue)
        lines = [_("Place: %(place)s") % {"place": place or venue}]
    if meeting.interpreter_id:
        lines.append(_("Interpreter: %(name)s") % {"name": meeting.interpreter.name})
    if zone != event.time_zone:
        lines.append(
            _("At the event (%(zone)s) it starts at %(time)s.")
            % {
                "zone": zone_name(event.time_zone),
                "time": f"{_local(item.slot.start, event):%H:%M}",
            }
        )
    vevent.add("description", "\n".join(lines))
    return vevent


def _vevent(uid: str, start, end, tz):
    """A VEVENT with its unique id, the time it was written, and its start and end in ``tz``."""
    from icalendar import Event as VEvent

    vevent = VEvent()
    vevent.add("uid", uid)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(start, tz))
    vevent.add("dtend", timezone.localtime(end, tz))
    return vevent


def _group_vevent(event: Event, registration: Registration, entry, _, tz):
    """One group session of the agenda as a VEVENT: topic, table, interpreter, who comes."""
    group = entry.group
    vevent = _vevent(
        f"group-{group.pk}-{registration.pk}@{event.slug}.rabta",
        entry.slot.start,
        entry.slot.end,
        tz,
    )
    vevent.add("summary", _("Group session: %(topic)s") % {"topic": group.topic})
    venue = localized(event.venue)
    place = str(group.table) if group.table_id else ""
    vevent.add("location", f"{place}, {venue}" if place else venue)
    lines = [_("With: %(names)s") % {"names": ", ".join(entry.people)}]
    if group.interpreter_id:
        lines.append(_("Interpreter: %(name)s") % {"name": group.interpreter.name})
    vevent.add("description", "\n".join(lines))
    return vevent


def _programme_vevent(event: Event, registration: Registration, entry, _, tz):
    """One programme item of the agenda as a VEVENT (no identity details, ever)."""
    item = entry.item
    vevent = _vevent(
        f"programme-{item.pk}-{registration.pk}@{event.slug}.rabta", item.start, item.end, tz
    )
    vevent.add("summary", f"{item.get_kind_display()}: {localized(item.title)}")
    vevent.add("location", ", ".join(filter(None, [item.room, item.address])))
    lines = []
    if entry.hosting:
        lines.append(_("You host this visit."))
    if entry.waiting:
        lines.append(_("You are on the waiting list."))
    if item.departure_time:
        lines.append(
            _("Transport leaves from %(point)s at %(time)s.")
            % {"point": item.departure_point, "time": f"{_local(item.departure_time, event):%H:%M}"}
        )
    if item.map_url:
        lines.append(_("Map: %(url)s") % {"url": item.map_url})
    description = localized(item.description)
    if description:
        lines.append(description)
    vevent.add("description", "\n".join(lines))
    return vevent
