"""The demo's Sialkot delegation day carries its programme, and the schedule still respects it."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from rabta.events import engine, programme
from rabta.events.demo import load_demo_event
from rabta.events.models import Meeting, ProgrammeItem, Registration, SignUp


def test_the_demo_day_has_a_plenary_three_visits_and_a_valid_published_schedule(db):
    call_command("load_demo", force=True, stdout=io.StringIO(), verbosity=0)
    event = load_demo_event()
    items = list(ProgrammeItem.objects.for_event(event).select_related("host"))
    plenaries = [i for i in items if i.kind == ProgrammeItem.Kind.PLENARY]
    visits = [i for i in items if i.kind == ProgrammeItem.Kind.VISIT]
    assert [p.room for p in plenaries] == ["SCCI auditorium"]
    assert sorted(v.host.slug for v in visits) == [
        "ghazi-leather-crafts", "indus-surgical-works", "sialkot-match-balls",
    ]  # fmt: skip
    assert all(v.title["ru"] and v.title["ur"] for v in visits)
    assert event.published_version == 1
    assert Meeting.objects.for_event(event).count() >= 20
    # No participant meets while at a visit (plus travel), no host while hosting.
    registrations = list(Registration.objects.for_event(event).select_related("organisation"))
    busy = programme.event_busy(event)
    checked = 0
    for registration in registrations:
        windows = busy.of(registration)
        for meeting in (
            Meeting.objects.for_event(event)
            .filter(seats__registration=registration)
            .select_related("slot")
        ):
            assert not programme.overlaps(meeting.slot.start, meeting.slot.end, windows)
            checked += 1
        registration.event = event
        available = engine.available_slots(registration)
        assert all(
            not programme.overlaps(s.start, s.end, windows)
            for s in event.slots.all()
            if s.pk in available
        )
    assert checked >= 40
    hosting = {v.host_id for v in visits}
    assert any(r.organisation_id in hosting for r in registrations)
    counts = SignUp.objects.for_event(event).count()
    again = load_demo_event()
    assert SignUp.objects.for_event(again).count() == counts
    assert [(i.kind, i.start) for i in ProgrammeItem.objects.for_event(again)] == [
        (i.kind, i.start) for i in sorted(items, key=lambda i: (i.start, i.pk))
    ]
    assert visits[0].departure_time < visits[0].start - dt.timedelta(minutes=20)
