"""Printed lists of the programme: per-item attendance and the transport list.

Neither carries identity details: the protocol list of a visit stays on its page, for the host
and the organisers only.
"""

from __future__ import annotations

from rabta.events import programme
from rabta.events.documents import render_pdf
from rabta.events.models import Event, ProgrammeItem


def attendance_pdf(user, item: ProgrammeItem, *, language: str) -> bytes:
    """Organisers and the visit's host (``NotPermitted`` for anyone else)."""
    return render_pdf(
        "events/print/attendance.html",
        {
            "event": item.event,
            "item": item,
            "attendance": programme.attendance_list(user, item),
            "tz": item.event.time_zone,
        },
        language=language,
    )


def transport_pdf(user, event: Event, *, language: str) -> bytes:
    return render_pdf(
        "events/print/transport.html",
        {"event": event, "rows": programme.transport_list(user, event), "tz": event.time_zone},
        language=language,
    )
