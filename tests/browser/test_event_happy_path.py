"""The whole brokerage-event journey in Chromium: the organiser creates the event, two participants
register and request, the organiser schedules and publishes, a participant downloads the PDF and iCal."""

from __future__ import annotations

from pathlib import Path

import pytest

from rabta.events.models import Event, Meeting
from tests.browser.helpers import PDF_DOWNLOAD_TIMEOUT, log_in_user, run_the_scheduler
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    OrganiserFactory,
    UserFactory,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def participant(name: str, slug: str, country: str, languages: list[str]):
    user = UserFactory(
        username=slug, full_name=f"{name} representative", spoken_languages=languages
    )
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=slug, country=country
    )
    MemberFactory(organisation=organisation, user=user)
    return user


def register(page, slug: str, language: str) -> None:
    page.goto(f"/events/{slug}/register/")
    page.locator("input[name=sessions]").first.check()
    page.locator(f"input[name=languages][value={language}]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.mark.slow
def test_event_happy_path(page, screenshot, transactional_db):
    organiser = OrganiserFactory(username="scci-organiser", full_name="Salman Sheikh")
    MemberFactory(
        organisation=OrganisationFactory(name={"en": "SCCI"}, slug="scci", kind="chamber"),
        user=organiser,
    )
    surgical = participant("Sialkot Surgical Works", "sialkot-surgical", "PK", ["en", "ur"])
    ural = participant("Ural Medical Supply", "ural-medical", "RU", ["ru", "en"])

    # The organiser creates the event, a session and tables.
    log_in_user(page, organiser)
    page.goto("/events/new/")
    page.locator("input[name=name_en]").fill("Russian business delegation at SCCI")
    page.locator("input[name=slug]").fill("delegation")
    page.locator("input[name=venue_en]").fill("SCCI auditorium")
    page.locator("input[name=city_en]").fill("Sialkot")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/events/delegation/manage/")
    form = page.locator("#session-form")
    form.locator("input[name=date]").fill("2027-03-10")
    form.locator("input[name=start]").fill("10:00")
    form.locator("input[name=end]").fill("12:00")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    tables = page.locator("#tables-form")
    tables.locator("input[name=count]").fill("4")
    with page.expect_navigation():
        tables.locator("button[type=submit]").click()
    assert page.locator("main .badge").count() == 4
    screenshot(page, "event-1-organiser-setup")

    # Two participants register.
    log_in_user(page, surgical)
    register(page, "delegation", "en")
    log_in_user(page, ural)
    register(page, "delegation", "en")
    screenshot(page, "event-2-registered")

    # The organiser approves both.
    log_in_user(page, organiser)
    page.goto("/events/delegation/manage/registrations/")
    for slug in ("sialkot-surgical", "ural-medical"):
        with page.expect_navigation():
            page.locator(f"button[data-approve={slug}]").click()
    screenshot(page, "event-3-registrations")

    # Sialkot Surgical requests a meeting; Ural Medical accepts.
    log_in_user(page, surgical)
    page.goto("/events/delegation/participants/")
    page.locator("summary[data-open-request=ural-medical]").click()  # the form is folded
    page.locator("details[open] textarea[name=message]").fill(
        "Surgical scissors for clinics in Yekaterinburg."
    )
    with page.expect_navigation():
        page.locator("button[data-request=ural-medical]").click()
    screenshot(page, "event-4-request-sent")
    log_in_user(page, ural)
    page.goto("/events/delegation/requests/")
    with page.expect_navigation():
        page.locator("button[name=answer][value=accept]").click()

    # The organiser runs the scheduler (a background task) and publishes.
    log_in_user(page, organiser)
    run_the_scheduler(page, "delegation")
    assert page.locator("#run progress").get_attribute("value") == "100"
    screenshot(page, "event-5-schedule-report")
    with page.expect_navigation():
        page.locator("#publish").click()
    event = Event.objects.get(slug="delegation")
    assert event.published_version == 1
    assert Meeting.objects.for_event(event).count() == 1

    # The participant sees the agenda and downloads the PDF and the iCal file.
    log_in_user(page, surgical)
    page.goto("/events/delegation/agenda/")
    assert "Ural Medical Supply" in page.locator("main table").inner_text()
    screenshot(page, "event-6-agenda")
    ARTIFACTS.mkdir(exist_ok=True)
    with page.expect_download(timeout=PDF_DOWNLOAD_TIMEOUT) as pdf:
        page.get_by_role("link", name="Download PDF").click()
    pdf_path = ARTIFACTS / "event-agenda.pdf"
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as ics:
        page.get_by_role("link", name="Add to calendar (iCal)").click()
    ics_path = ARTIFACTS / "event-agenda.ics"
    ics.value.save_as(ics_path)
    text = ics_path.read_text()
    assert "Meeting with Ural Medical Supply" in text and "LOCATION:Table 1" in text
