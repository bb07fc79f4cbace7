"""The demo's brokerage event: the Russian business delegation at SCCI, Sialkot.

``load_demo_event()`` creates (or re-creates) the delegation day with the demo organisations
registered, meeting requests between Russian and Pakistani companies, numbered tables, two
interpreters, and a schedule made by the engine and published, so a new user sees agendas at
once. Deterministic (fixed seed, codes derived from it) and idempotent (the event is rebuilt).

The programme beside the meetings: an opening plenary in the SCCI auditorium before the B2B
sessions and, in the afternoon, visits to three industrial units (demo companies as hosts) with
transport from the chamber; attendees and hosts get no meetings while they are away.

The Russian trade representation is the event's co-organiser: it brought the Russian companies
and validates their registrations (demo login ``co-organiser``).

The B2B day is set on Wednesday 10 March 2027 (upcoming), following the ambassador's visit to
SCCI on 28 January 2026 reported in CORRIDOR.md.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from rabta.accounts.models import User
from rabta.events import engine
from rabta.events.models import (
    CoOrganiser,
    Event,
    Interpreter,
    Meeting,
    MeetingRequest,
    ProgrammeItem,
    ProtocolEntry,
    Registration,
    ScheduleRun,
    ScheduleVersion,
    Session,
    SignUp,
    Slot,
    Table,
)
from rabta.events.slots import derive_slot_times
from rabta.organisations.models import Organisation

SLUG = "russian-delegation-sialkot-2027"
SEED = 2027
DAY = dt.date(2027, 3, 10)
NAME = {
    "en": "Russian business delegation at SCCI, Sialkot",
    "ru": "Российская деловая делегация в ТПП Сиалкота",
    "ur": "سیالکوٹ چیمبر آف کامرس میں روسی تجارتی وفد",
}
VENUE = {
    "en": "SCCI auditorium, Shahab Pura Road",
    "ru": "Зал SCCI, улица Шахаб Пура",
    "ur": "ایس سی سی آئی آڈیٹوریم، شہاب پورہ روڈ",
}
CITY = {"en": "Sialkot", "ru": "Сиалкот", "ur": "سیالکوٹ"}
DESCRIPTION = {
    "en": "A day of 20-minute B2B meetings between a delegation of Russian companies and Sialkot's "
    "exporters of surgical instruments, sports goods, leather and textiles, at numbered tables in the "
    "SCCI auditorium. Interpreters for Russian, Urdu and English are available.",
    "ru": "День деловых встреч по 20 минут между делегацией российских компаний и экспортёрами Сиалкота "
    "(хирургические инструменты, спортивные товары, кожа, текстиль) за пронумерованными столами в зале ТПП. "
    "Работают переводчики русского, урду и английского.",
    "ur": "روسی کمپنیوں کے وفد اور سیالکوٹ کے برآمد کنندگان کے درمیان بیس بیس منٹ کی کاروباری ملاقاتوں کا دن، "
    "ایس سی سی آئی آڈیٹوریم میں نمبر والی میزوں پر۔ روسی، اردو اور انگریزی کے مترجم موجود ہوں گے۔",
}


@transaction.atomic
def load_demo_event(stdout=None) -> Event:
    organiser = User.objects.get(username="organiser")
    tz = "Asia/Karachi"
    old = Event.objects.filter(slug=SLUG).first()
    if old is not None:
        Meeting.objects.for_event(old).delete()
        old.delete()
    event = Event.objects.create(
        slug=SLUG, name=NAME, description=DESCRIPTION, venue=VENUE, city=CITY, time_zone=tz,
        organiser=Organisation.objects.filter(slug="scci").first(),
        created_by=organiser, max_meetings=8, request_mode=Event.RequestMode.CONFIRM,
        scheduling_mode=Event.SchedulingMode.ORGANISER,
    )  # fmt: skip
    sessions = []
    for name, start, end, pause in [
        ({"en": "Morning", "ru": "Утро", "ur": "صبح"}, dt.time(10, 0), dt.time(13, 0), (dt.time(11, 40), dt.time(12, 0))),
        ({"en": "Afternoon", "ru": "После обеда", "ur": "سہ پہر"}, dt.time(14, 30), dt.time(17, 0), None),
    ]:  # fmt: skip
        session = Session.objects.create(
            event=event, name=name, date=DAY, start=start, end=end, meeting_minutes=20, break_minutes=5,
            pause_start=pause[0] if pause else None, pause_end=pause[1] if pause else None,
        )  # fmt: skip
        times = derive_slot_times(
            day=DAY, start=start, end=end, meeting_minutes=20, break_minutes=5,
            pause_start=session.pause_start, pause_end=session.pause_end, tz=event.tz,
        )  # fmt: skip
        Slot.objects.bulk_create(
            Slot(event=event, session=session, position=i, start=s, end=e)
            for i, (s, e) in enumerate(times)
        )
        sessions.append(session)
    Table.objects.bulk_create(Table(event=event, number=n) for n in range(1, 13))
    interpreter_user = User.objects.filter(username="interpreter").first()
    Interpreter.objects.create(event=event, user=interpreter_user, name=str(interpreter_user or "Sadia Rehman"),
                               languages=["ru", "ur", "en"])  # fmt: skip
    Interpreter.objects.create(event=event, name="Timur Ahmedov", languages=["ru", "en", "ur"])

    companies = list(
        Organisation.objects.filter(kind="company", validation=Organisation.Validation.APPROVED)
        .prefetch_related("members__user", "sectors")
        .order_by("slug")
    )
    # The Russian trade representation co-organises: it brought the Russian delegation, and its
    # people (demo login ``co-organiser``) validate those companies' registrations.
    trade_office = Organisation.objects.filter(slug="russian-trade-representation").first()
    if trade_office is not None:
        CoOrganiser.objects.create(event=event, organisation=trade_office, appointed_by=organiser)
    russians = [o for o in companies if o.country == "RU"]
    locals_ = [o for o in companies if o.country == "PK"]
    registrations: dict[int, Registration] = {}
    for org in russians + locals_:
        members = [m.user for m in org.members.all()]
        if not members:
            continue
        languages = sorted({code for user in members for code in user.spoken_languages}) or ["en"]
        # The badge code and the calendar-feed token are the model's random defaults: a demo
        # loaded on a reachable machine must not hand out guessable feed addresses.
        registration = Registration.objects.create(
            event=event, organisation=org, registered_by=members[0], languages=languages,
            status=Registration.Status.APPROVED,
            has_stand=org.slug.endswith("surgical") and org.country == "PK",
            brought_by=trade_office if org.country == "RU" else None,
        )  # fmt: skip
        registration.attendees.set(members[:2])
        registration.sessions.set(sessions)
        registrations[org.pk] = registration

    rng = random.Random(SEED)
    pairs: dict[tuple[int, int], MeetingRequest] = {}
    now = timezone.now()

    def ask(sender: Registration, recipient: Registration, message: str) -> None:
        key = tuple(sorted((sender.pk, recipient.pk)))
        if key in pairs:
            request = pairs[key]
            if request.sender_id != sender.pk:
                request.mutual = True
            return
        declined = rng.random() < 0.08
        pairs[key] = MeetingRequest(
            event=event, sender=sender, recipient=recipient, message=message, low_id=key[0], high_id=key[1],
            status=MeetingRequest.Status.DECLINED if declined else MeetingRequest.Status.ACCEPTED, answered_at=now,
        )  # fmt: skip

    ru_regs = [registrations[o.pk] for o in russians if o.pk in registrations]
    pk_regs = [registrations[o.pk] for o in locals_ if o.pk in registrations]
    sectors = {o.pk: {s.code for s in o.sectors.all()} for o in companies}
    for visitor in ru_regs:
        ranked = sorted(
            pk_regs,
            key=lambda r: (
                -len(sectors[visitor.organisation_id] & sectors[r.organisation_id]),
                rng.random(),
            ),
        )
        for host in ranked[: rng.randint(4, 7)]:
            ask(visitor, host, "We are looking for suppliers for the Russian market.")
    for host in pk_regs:
        for visitor in rng.sample(ru_regs, k=min(len(ru_regs), rng.randint(1, 3))):
            ask(host, visitor, "We export from Sialkot and would like to present our products.")
    MeetingRequest.objects.bulk_create(pairs.values())

    _load_programme(event, registrations, organiser)
    bridge = engine.build_problem(event)
    result = engine.solve(bridge.problem, solver="greedy", time_limit=3, seed=SEED)
    engine.apply_schedule(event, result.schedule)
    from rabta.events.schedule import describe_report

    run = ScheduleRun.objects.create(
        event=event, solver="greedy", parameters={"time_limit": 3, "seed": SEED}, status=ScheduleRun.Status.SUCCEEDED,
        progress=100, report=describe_report(event, engine.report_to_json(result.report)),
        result=engine.schedule_to_json(result.schedule), started_by=organiser, applied=True,
        published_by=organiser, published_at=now, started_at=now, finished_at=now,
    )  # fmt: skip
    event.published_version = 1
    event.save(update_fields=["published_version"])
    version = ScheduleVersion.objects.create(
        event=event, number=1, run=run, published_by=organiser, meetings=engine.snapshot(event),
        changed_registrations=sorted(registrations_pk for registrations_pk in (r.pk for r in registrations.values())),
    )  # fmt: skip
    # In the demo's story the agendas went out when version 1 was published: recorded as sent
    # (nobody is e-mailed), so the schedule page does not wait for a job that was never queued.
    from rabta.events.models import AgendaDelivery
    from rabta.events.publication import agenda_deliveries_plan

    total = agenda_deliveries_plan(version)
    AgendaDelivery.objects.for_event(event).filter(version=version).update(sent_at=now)
    ScheduleVersion.objects.for_event(event).filter(pk=version.pk).update(
        delivery=ScheduleVersion.Delivery.DONE, delivery_sent=total, delivery_updated_at=now
    )
    if stdout is not None:
        report = result.report
        stdout.write(
            f"Demo event {SLUG}: {len(registrations)} participants, {len(pairs)} requests, "
            f"{report.meetings_scheduled} of {report.meetings_requested} accepted requests scheduled "
            f"(gap {report.gap:.1%}), published."
        )
    return event


VISITS = [
    # host slug, start, end, (en, ru, ur) title: what is seen there (the kind already says "Company
    # visit": "Company visit: Visit to Indus Surgical Works" said it twice in every agenda)
    ("indus-surgical-works", dt.time(14, 30), dt.time(15, 30),
     ("Indus Surgical Works: forging and finishing of surgical instruments",
      "Индус Сёрджикал Уоркс: ковка и полировка хирургических инструментов",
      "انڈس سرجیکل ورکس: سرجیکل آلات کی ڈھلائی اور تکمیل")),
    ("sialkot-match-balls", dt.time(15, 0), dt.time(16, 0),
     ("Sialkot Match Balls: hand-stitched footballs",
      "Сиалкот Мэтч Боллз: футбольные мячи ручной сшивки",
      "سیالکوٹ میچ بالز: ہاتھ سے سلے فٹ بال")),
    ("ghazi-leather-crafts", dt.time(15, 30), dt.time(16, 30),
     ("Ghazi Leather Crafts: tannery and leather goods workshop",
      "Гази Лезер Крафтс: кожевенный цех и мастерская изделий из кожи",
      "غازی لیدر کرافٹس: چمڑا رنگائی اور چمڑے کی مصنوعات کی ورکشاپ")),
]  # fmt: skip


def _load_programme(event: Event, registrations: dict[int, Registration], organiser: User) -> None:
    """The plenary, three factory visits and the evening reception, with sign-ups."""
    tz = event.tz

    def at(t: dt.time) -> dt.datetime:
        return dt.datetime.combine(DAY, t, tzinfo=tz)

    plenary = ProgrammeItem.objects.create(
        event=event, kind=ProgrammeItem.Kind.PLENARY,
        title={"en": "Opening plenary: the Russian delegation meets Sialkot's business community",
               "ru": "Открытие: российская делегация и деловые круги Сиалкота",
               "ur": "افتتاحی اجلاس: روسی وفد کی سیالکوٹ کی کاروباری برادری سے ملاقات"},
        description={"en": "Welcome by the SCCI president, address by the head of the Russian delegation, "
                           "presentation of Sialkot's export clusters.",
                     "ru": "Приветствие президента ТПП Сиалкота, выступление главы российской делегации, "
                           "презентация экспортных кластеров Сиалкота.",
                     "ur": "ایس سی سی آئی کے صدر کا خیرمقدم، روسی وفد کے سربراہ کا خطاب، سیالکوٹ کے برآمدی شعبوں کا تعارف۔"},
        start=at(dt.time(9, 0)), end=at(dt.time(9, 50)), room="SCCI auditorium",
        address="Shahab Pura Road, Sialkot", map_url="https://www.openstreetmap.org/search?query=SCCI%20Sialkot",
        languages=["en", "ur"], interpretation=["ru"], capacity=200,
    )  # fmt: skip
    regs = sorted(registrations.values(), key=lambda r: r.organisation.slug)
    people = {r.pk: sorted(r.attendees.all(), key=lambda u: u.username) for r in regs}
    signups = [
        SignUp(event=event, item=plenary, registration=r, user=people[r.pk][0])
        for r in regs
        if people[r.pk]
    ]
    russians = [r for r in regs if r.organisation.country == "RU" and people[r.pk]]
    hosts = {o.slug: o for o in Organisation.objects.filter(slug__in=[v[0] for v in VISITS])}
    sokolniki = next((r for r in russians if r.organisation.slug == "sokolniki-medtorg"), None)
    number = 0
    for index, (host_slug, start, end, title) in enumerate(VISITS):
        host = hosts.get(host_slug)
        if host is None:
            continue
        visit = ProgrammeItem.objects.create(
            event=event, kind=ProgrammeItem.Kind.VISIT, title=dict(zip(("en", "ru", "ur"), title, strict=True)),
            start=at(start), end=at(end), room=str(host), address=f"{host.city}, Pakistan",
            map_url=f"https://www.openstreetmap.org/search?query={host.city}", host=host,
            languages=["en", "ur"], interpretation=["ru"], capacity=8, travel_minutes=20,
            departure_point="SCCI main gate, Shahab Pura Road",
            departure_time=at(start) - dt.timedelta(minutes=25),
        )  # fmt: skip
        going = russians[index::3][:3]
        if index == 0 and sokolniki is not None and sokolniki not in going:
            going = [sokolniki, *going[:2]]
        for r in going:
            user = people[r.pk][0]
            signup = SignUp.objects.create(
                event=event, item=visit, registration=r, user=user, is_vip=r is going[0]
            )
            number += 1
            ProtocolEntry.objects.create(
                event=event, item=visit, signup=signup, full_name=user.full_name or str(user),
                organisation_name=str(r.organisation), nationality="RU", document_kind="Passport",
                document_number=f"DEMO-{number:04d}", is_vip=signup.is_vip,
            )  # fmt: skip
    reception = ProgrammeItem.objects.create(
        event=event, kind=ProgrammeItem.Kind.RECEPTION,
        title={"en": "Evening reception", "ru": "Вечерний приём", "ur": "شام کا استقبالیہ"},
        start=at(dt.time(19, 0)), end=at(dt.time(21, 0)), room="SCCI lawn",
        address="Shahab Pura Road, Sialkot", languages=["en", "ur", "ru"], is_open=False,
    )  # fmt: skip
    signups += [
        SignUp(event=event, item=reception, registration=r, user=people[r.pk][0], invited=True,
               is_vip=i == 0)
        for i, r in enumerate(russians[:6])
    ]  # fmt: skip
    SignUp.objects.bulk_create(signups)
