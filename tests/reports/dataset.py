"""A fixed data set for the dashboard: four participants, six requests, three meetings and
five feedback answers; the expected figures are worked out by hand in test_dashboard.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rabta.events.models import Interpreter, Meeting, MeetingRequest, Registration, Slot, Table
from rabta.reports.models import DealKind, Feedback
from tests.factories import MemberFactory, OrganisationFactory, SectorFactory, UserFactory

ACCEPTED, DECLINED = MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED
PENDING, CANCELLED = MeetingRequest.Status.PENDING, MeetingRequest.Status.CANCELLED
HIGH, MEDIUM, LOW = Feedback.Interest.HIGH, Feedback.Interest.MEDIUM, Feedback.Interest.LOW


def build(event) -> dict:
    medical = SectorFactory(code="medical-instruments", name={"en": "Medical instruments"})
    sports = SectorFactory(code="sports-goods", name={"en": "Sports goods"})
    regs, users = {}, {}
    for key, country, sector, day in (
        ("A", "PK", medical, 10), ("B", "RU", medical, 10), ("C", "PK", sports, 11), ("D", "PK", sports, 12),
    ):  # fmt: skip
        org = OrganisationFactory(name={"en": f"Org {key}"}, country=country)
        org.sectors.set([sector])
        users[key] = MemberFactory(organisation=org, user=UserFactory(username=f"rep-{key}")).user
        reg = Registration.objects.create(
            event=event, organisation=org, languages=["en"], status="approved"
        )
        Registration.objects.for_event(event).filter(pk=reg.pk).update(
            created_at=dt.datetime(2027, 1, day, 12, 0, tzinfo=dt.UTC)
        )
        regs[key] = reg
    Registration.objects.for_event(event).filter(pk=regs["D"].pk).update(
        attendance=Registration.Attendance.NO_SHOW
    )

    def request(sender, recipient, status):
        low, high = sorted([regs[sender], regs[recipient]], key=lambda r: r.pk)
        return MeetingRequest.objects.create(
            event=event,
            sender=regs[sender],
            recipient=regs[recipient],
            status=status,
            low=low,
            high=high,
        )

    r1, r2, r3 = (
        request("A", "B", ACCEPTED),
        request("A", "C", ACCEPTED),
        request("D", "B", ACCEPTED),
    )
    request("D", "C", DECLINED)
    request("C", "D", PENDING)
    request("B", "D", CANCELLED)
    slots = list(Slot.objects.for_event(event).order_by("start"))
    tables = list(Table.objects.for_event(event).order_by("number"))
    irina = Interpreter.objects.create(event=event, name="Irina", languages=["ru", "en"])
    Interpreter.objects.create(event=event, name="Sana", languages=["ur", "en"])
    m1 = Meeting.objects.create(
        event=event, request=r1, slot=slots[0], table=tables[0], interpreter=irina
    )
    m2 = Meeting.objects.create(
        event=event, request=r2, slot=slots[1], table=tables[0], interpreter=irina
    )
    m3 = Meeting.objects.create(
        event=event, request=r3, slot=slots[0], table=tables[1], status=Meeting.Status.NO_SHOW
    )

    def answer(
        meeting, key, took_place, interest=0, kind=DealKind.NONE, value=None, follow_up=False
    ):
        Feedback.objects.create(
            meeting=meeting, registration=regs[key], submitted_by=users[key], took_place=took_place,
            interest=interest, deal_kind=kind, deal_value=None if value is None else Decimal(value),
            follow_up=follow_up,
        )  # fmt: skip

    answer(m1, "A", True, HIGH, DealKind.EXPORT_ORDER, 50000, True)  # lead
    answer(m1, "B", True, MEDIUM, DealKind.EXPORT_ORDER, 40000)  # lead (medium interest)
    answer(m2, "A", True, LOW, DealKind.OTHER)  # no lead
    answer(m2, "C", True, LOW, DealKind.JOINT_VENTURE, 10000, True)  # lead (follow-up)
    answer(m3, "D", False)
    return {"regs": regs, "users": users, "meetings": (m1, m2, m3)}
