import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from rabta.reports.selectors import dashboard
from tests.factories import UserFactory
from tests.reports.dataset import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(event):
    return build(event)


def test_figures_match_the_hand_computed_values(event, data):
    figures = dashboard([event])
    assert figures.registrations == 4
    assert figures.registrations_by_day == [
        (dt.date(2027, 1, 10), 2), (dt.date(2027, 1, 11), 1), (dt.date(2027, 1, 12), 1),
    ]  # fmt: skip
    assert figures.requests == 6
    assert figures.requests_by_status == {
        "pending": 1,
        "accepted": 3,
        "declined": 1,
        "cancelled": 1,
        "expired": 0,
    }
    assert figures.acceptance_rate == 75.0  # 3 accepted of 4 answered
    assert (figures.meetings_requested, figures.meetings_scheduled) == (3, 3)
    assert (figures.meetings_no_show, figures.registrations_no_show) == (1, 1)
    assert figures.interpreter_load == [("Irina", 2), ("Sana", 0)]
    assert figures.feedback_count == 5
    assert figures.meetings_held == 2
    assert figures.leads == 3
    # Meeting 1: the larger of 50,000 and 40,000; meeting 2: 10,000; meeting 3: nothing.
    assert figures.expected_value == Decimal("60000")


def test_outcomes_by_sector_and_country_pair(event, data):
    figures = dashboard([event])
    sectors = {o.label: (o.meetings, o.held, o.leads, o.value) for o in figures.by_sector}
    assert sectors == {
        "Medical instruments": (3, 2, 3, Decimal("60000")),
        "Sports goods": (2, 1, 1, Decimal("10000")),
    }
    pairs = {o.label: (o.meetings, o.held, o.leads, o.value) for o in figures.by_country_pair}
    assert pairs == {"PK–RU": (2, 1, 2, Decimal("50000")), "PK–PK": (1, 1, 1, Decimal("10000"))}


def test_across_events_sums_every_event(event, data, organiser):
    from rabta.events import services

    other = services.event_create(
        actor=organiser, slug="innoprom", name={"en": "INNOPROM"}, venue={"en": "Expo"}
    )
    assert dashboard([event, other]).requests == 6
    assert dashboard([other]).requests == 0
    assert dashboard([other]).acceptance_rate is None


def test_the_dashboard_page_shows_charts_and_tables(
    client, event, data, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("reports:dashboard"), {"event": event.slug})
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<svg") >= 4
    assert "75.0 %" in text and "60,000" in text and "PK–RU" in text


def test_participants_cannot_see_the_dashboard(client, data):
    client.force_login(UserFactory())
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_the_report_downloads_as_pdf(client, event, data, organiser):
    client.force_login(organiser)
    response = client.get(reverse("reports:dashboard_pdf"), {"event": event.slug})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
