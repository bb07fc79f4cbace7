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
    from tests.events.conftest import make_event

    return make_event(organiser)
