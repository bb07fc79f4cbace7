"""Slots derived from a session: meeting length, breaks between meetings, one pause."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta


def derive_slot_times(
    *,
    day: date,
    start: time,
    end: time,
    meeting_minutes: int,
    break_minutes: int,
    pause_start: time | None,
    pause_end: time | None,
    tz: zoneinfo.ZoneInfo,
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of every slot, as aware datetimes in the event's time zone."""
    if meeting_minutes <= 0:
        return []
    length = timedelta(minutes=meeting_minutes)
    step = timedelta(minutes=break_minutes)
    t = datetime.combine(day, start, tzinfo=tz)
    stop = datetime.combine(day, end, tzinfo=tz)
    p0 = datetime.combine(day, pause_start, tzinfo=tz) if pause_start else None
    p1 = datetime.combine(day, pause_end, tzinfo=tz) if pause_end else None
    out = []
    while t + length <= stop:
        if p0 and p1 and t < p1 and t + length > p0:
            t = max(t, p1)
            continue
        out.append((t, t + length))
        t = t + length + step
    return out
