import pytest

from tests.factories import OrganiserFactory, SectorFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organiser():
    """An organiser who is also one of the site's validators (imports of organisations, people
    and opportunities need one; tests/reports/test_scope.py checks a plain organiser)."""
    return OrganiserFactory(is_validator=True)


@pytest.fixture
def sectors():
    return [
        SectorFactory(code="medical-instruments", name={"en": "Medical instruments"}),
        SectorFactory(code="sports-goods", name={"en": "Sports goods"}),
    ]


@pytest.fixture
def event(organiser):
    import datetime as dt

    from rabta.events import services

    event = services.event_create(
        actor=organiser, slug="delegation-day", name={"en": "Delegation day", "ru": "День делегации"},
        venue={"en": "SCCI auditorium"}, city={"en": "Sialkot"}, time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0), meeting_minutes=20, break_minutes=5,
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=3)
    return event
