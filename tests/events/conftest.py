"""Fixtures of the events tests: an event with a session, tables, an interpreter and participants."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.events import schedule, services
from rabta.events.models import Event, MeetingRequest, Registration, ScheduleRun
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

DAY = dt.date(2027, 3, 10)


@pytest.fixture
def organiser(db):
    return OrganiserFactory(username="organiser", full_name="Salman Sheikh")


def make_event(organiser, *, slug: str = "delegation-day", name: dict | None = None,
               venue: str = "SCCI auditorium", end: dt.time = dt.time(12, 0), break_minutes: int = 5,
               tables: int = 3) -> Event:  # fmt: skip
    """An event in Sialkot with one session on DAY from 10:00 to ``end`` (meetings of 20 minutes)
    and ``tables`` tables; by default the delegation day, named in English and Russian."""
    name = name or {"en": "Delegation day", "ru": "День делегации"}
    event = services.event_create(
        actor=organiser, slug=slug, name=name,
        venue={"en": venue}, city={"en": "Sialkot"}, time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=DAY, start=dt.time(10, 0), end=end,
        meeting_minutes=20, break_minutes=break_minutes,
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=tables)
    return event


@pytest.fixture
def event(organiser):
    return make_event(organiser)


def make_participant(event: Event, name: str, *, country: str = "PK", languages=("en",), user_language: str = "en",
                     approve: bool = True, has_stand: bool = False) -> Registration:  # fmt: skip
    user = UserFactory(username=f"u-{name}", full_name=f"{name} rep", language=user_language)
    org = OrganisationFactory(
        name={"en": name},
        name_key=name.casefold(),
        slug=name.lower().replace(" ", "-"),
        country=country,
    )
    MemberFactory(organisation=org, user=user)
    registration = services.registration_create(
        actor=user, event=event, organisation=org, attendees=[user], sessions=list(event.sessions.all()),
        languages=list(languages), has_stand=has_stand, stand="B7" if has_stand else "",
    )  # fmt: skip
    if approve:
        services.registration_decide(
            actor=event.created_by, registration=registration, approve=True
        )
    return registration


def rep(registration: Registration):
    return registration.attendees.get()


def rep_of(registration: Registration):
    """The registration's first representative (of several)."""
    return registration.attendees.order_by("pk").first()


def accepted(
    sender: Registration, recipient: Registration, *, answered_by=rep, **send
) -> MeetingRequest:
    """``sender``'s request to ``recipient`` (``send``: its other fields), accepted by
    ``answered_by(recipient)``: the recipient's only representative by default."""
    request = services.meeting_request_send(
        actor=rep(sender), sender=sender, recipient=recipient, **send
    )
    services.meeting_request_answer(actor=answered_by(recipient), request=request, accept=True)
    return request


def run_and_wait(event: Event, organiser, capture, **kwargs) -> ScheduleRun:
    """A greedy scheduling run, carried out (``capture``: django_capture_on_commit_callbacks)."""
    with capture(execute=True):
        run = schedule.schedule_run_start(
            actor=organiser, event=event, solver="greedy", time_limit=5, **kwargs
        )
    run.refresh_from_db()
    return run


def publish_greedy_schedule(event: Event, organiser, capture) -> ScheduleRun:
    """A greedy run carried out and published."""
    run = run_and_wait(event, organiser, capture)
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    return run


@pytest.fixture
def participants(event):
    return [
        make_participant(event, "Sialkot Surgical", languages=("en", "ur")),
        make_participant(event, "Ural Med", country="RU", languages=("ru",), user_language="ru"),
        make_participant(event, "Kazan Sports", country="RU", languages=("ru", "en")),
        make_participant(event, "Forward Sports", languages=("ur", "en"), user_language="ur"),
    ]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def chamber(db):
    """A partner chamber with an administrator (who reads Russian) and a representative."""
    org = OrganisationFactory(
        name={"en": "Lahore Chamber", "ru": "Торговая палата Лахора"},
        name_key="lahore chamber",
        slug="lahore-chamber",
        kind="chamber",
    )
    MemberFactory(organisation=org, user=UserFactory(username="chamber-admin", language="ru"))
    MemberFactory(organisation=org, user=UserFactory(username="chamber-rep"), role="representative")
    return org


@pytest.fixture
def chamber_rep(chamber):
    """One of the co-organiser's people (not an administrator, not an organiser)."""
    return chamber.members.get(user__username="chamber-rep").user


@pytest.fixture
def co_organiser(event, organiser, chamber):
    from rabta.events.co_organisers import co_organiser_appoint

    return co_organiser_appoint(actor=organiser, event=event, organisation=chamber)
