"""Fixtures of the events tests: an event with a session, tables, an interpreter and participants."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.events import services
from rabta.events.models import Event, Registration
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

DAY = dt.date(2027, 3, 10)


@pytest.fixture
def organiser(db):
    return OrganiserFactory(username="organiser", full_name="Salman Sheikh")


@pytest.fixture
def event(organiser):
    event = services.event_create(
        actor=organiser, slug="delegation-day", name={"en": "Delegation day", "ru": "День делегации"},
        venue={"en": "SCCI auditorium"}, city={"en": "Sialkot"}, time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=DAY, start=dt.time(10, 0), end=dt.time(12, 0),
        meeting_minutes=20, break_minutes=5,
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=3)
    return event


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
