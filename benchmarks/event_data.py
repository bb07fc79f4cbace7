"""A seeded generator of a large brokerage event in the database: participants, accepted
requests and a working schedule (meetings with their seats), written with ``bulk_create``.

``generate_event(participants=2_500, meetings_each=9, seed=1)`` makes its own organisations and
users unless ``organisations`` (a list of Organisation with one member each, e.g. from
``marketplace_data.generate``) is given. Each participant meets ``meetings_each`` others, one per
slot, at numbered tables; the event is not published (publishing is what the benchmarks time).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rabta.accounts.models import User
from rabta.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    Session,
    Slot,
    Table,
)
from rabta.organisations.models import Member, Organisation

LANGUAGES = ["en", "ru", "ur"]


@dataclass
class GeneratedEvent:
    event: Event
    organiser: User
    registrations: list[Registration]
    meetings: int
    seconds: float


def _organisations(count: int, seed: int) -> list[Organisation]:
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name={"en": f"Event Company {n}"},
                name_key=f"event company {n}",
                slug=f"event-{seed}-{n}",
                country="PK" if n % 2 else "RU",
                validation=Organisation.Validation.APPROVED,
                search_text=f"event company {n}",
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=2000,
    )
    users = User.objects.bulk_create(
        [
            User(
                username=f"event-{seed}-{n}",
                email=f"event-{seed}-{n}@example.org",
                password="!",
                language=LANGUAGES[n % 3],
                full_name=f"Delegate {n}",
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=2000,
    )
    Member.objects.bulk_create(
        [Member(organisation=o, user=u, role=Member.Role.ADMIN) for o, u in zip(orgs, users, strict=True)],
        batch_size=2000,
    )  # fmt: skip
    return orgs


def generate_event(
    *,
    participants: int = 2_500,
    meetings_each: int = 9,
    seed: int = 1,
    slug: str = "bench-fair",
    organisations: list[Organisation] | None = None,
    log=print,
) -> GeneratedEvent:
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        organiser = User.objects.create(
            username=f"bench-organiser-{seed}", email=f"organiser-{seed}@example.org",
            password="!", is_organiser=True, full_name="Bench Organiser",
        )  # fmt: skip
        orgs = (organisations or _organisations(participants, seed))[:participants]
        members = dict(
            Member.objects.filter(organisation__in=orgs).values_list("organisation_id", "user_id")
        )
        event = Event.objects.create(
            name={"en": "Bench trade fair", "ru": "Выставка"}, slug=slug, venue={"en": "Expo centre"},
            city={"en": "Yekaterinburg"}, time_zone="Asia/Karachi", created_by=organiser, max_meetings=12,
        )  # fmt: skip
        day = (timezone.now() + dt.timedelta(days=30)).date()
        session = Session.objects.create(
            event=event, date=day, start=dt.time(9), end=dt.time(18), meeting_minutes=20,
            break_minutes=5,
        )  # fmt: skip
        tz = event.tz
        slots = Slot.objects.bulk_create(
            [
                Slot(
                    event=event,
                    session=session,
                    position=k,
                    start=dt.datetime.combine(day, dt.time(9), tz) + dt.timedelta(minutes=25 * k),
                    end=dt.datetime.combine(day, dt.time(9), tz)
                    + dt.timedelta(minutes=25 * k + 20),
                )  # fmt: skip
                for k in range(20)
            ]
        )
        tables = Table.objects.bulk_create(
            [Table(event=event, number=n + 1) for n in range(participants // 2 + 1)],
            batch_size=2000,
        )
        registrations = Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    organisation=org,
                    registered_by_id=members.get(org.pk),
                    status=Registration.Status.APPROVED,
                    languages=[LANGUAGES[n % 3]],
                )  # fmt: skip
                for n, org in enumerate(orgs)
            ],
            batch_size=2000,
        )
        Registration.attendees.through.objects.bulk_create(
            [
                Registration.attendees.through(registration_id=r.pk, user_id=members[r.organisation_id])
                for r in registrations
                if r.organisation_id in members
            ],
            batch_size=5000,
        )  # fmt: skip
        Registration.sessions.through.objects.bulk_create(
            [Registration.sessions.through(registration_id=r.pk, session_id=session.pk) for r in registrations],
            batch_size=5000,
        )  # fmt: skip
        pairs: set[tuple[int, int]] = set()
        planned: list[tuple[Registration, Registration, Slot, Table]] = []
        for k in range(meetings_each):
            order = registrations[:]
            rng.shuffle(order)
            for t, i in enumerate(range(0, len(order) - 1, 2)):
                a, b = order[i], order[i + 1]
                key = (min(a.pk, b.pk), max(a.pk, b.pk))
                if key in pairs:
                    continue
                pairs.add(key)
                planned.append((a, b, slots[k], tables[t]))
        now = timezone.now()
        requests = MeetingRequest.objects.bulk_create(
            [
                MeetingRequest(
                    event=event,
                    sender=a,
                    recipient=b,
                    low_id=min(a.pk, b.pk),
                    high_id=max(a.pk, b.pk),
                    status=MeetingRequest.Status.ACCEPTED,
                    answered_at=now,
                )  # fmt: skip
                for a, b, _slot, _table in planned
            ],
            batch_size=5000,
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(event=event, request=q, slot=slot, table=table)
                for q, (_a, _b, slot, table) in zip(requests, planned, strict=True)
            ],
            batch_size=5000,
        )
        MeetingSeat.objects.bulk_create(
            [
                MeetingSeat(event=event, slot=slot, registration=person, meeting=m)
                for m, (a, b, slot, _table) in zip(meetings, planned, strict=True)
                for person in (a, b)
            ],
            batch_size=5000,
        )
    seconds = time.perf_counter() - started
    log(
        f"  event {slug}: {len(registrations):,} participants, {len(meetings):,} meetings ({seconds:.1f} s)"
    )
    return GeneratedEvent(event, organiser, registrations, len(meetings), seconds)
