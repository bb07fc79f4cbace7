"""A co-organiser in Chromium, in Russian and in Urdu: the organiser appoints a partner chamber,
the chamber's officer invites a company from the registrations page, the company registers
through the e-mailed link, and the officer approves it — never seeing the organisers' own
registrations, and refused on the organiser's pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from rabta.events import services
from rabta.events.models import Registration
from tests.browser.helpers import axe_violations, english_words, log_in_user
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    OrganiserFactory,
    UserFactory,
)


def member(name: str, slug: str, *, language: str = "en", country: str = "PK", role="admin"):
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=slug, country=country
    )
    user = UserFactory(username=f"{slug}-rep", language=language, spoken_languages=["en"])
    MemberFactory(organisation=organisation, user=user, role=role)
    return user, organisation


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ru", "ur"])
def test_a_co_organiser_brings_a_company_and_validates_it_but_nobody_else(
    page, screenshot, transactional_db, language
):
    organiser = OrganiserFactory(username="scci-organiser", full_name="Salman Sheikh")
    event = services.event_create(
        actor=organiser, slug="delegation-day", name={"en": "Delegation day"}, venue={"en": "SCCI"},
        time_zone="Asia/Karachi",
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0),
    )  # fmt: skip
    officer, chamber = member("Lahore Chamber", "lahore-chamber", language=language)
    guest, _company = member("Kazan Sports", "kazan-sports", country="RU")
    other, other_company = member("Forward Sports", "forward-sports")
    services.registration_create(
        actor=other, event=event, organisation=other_company, attendees=[other],
        sessions=list(event.sessions.all()), languages=["en"],
    )  # fmt: skip

    # The organiser appoints the chamber on the co-organisers page.
    log_in_user(page, organiser)
    page.goto("/events/delegation-day/manage/co-organisers/")
    page.locator("select[name=organisation]").select_option(label="Lahore Chamber")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert page.locator("[data-remove=lahore-chamber]").count() == 1
    appointed = [m for m in mail.outbox if m.to == [officer.email]]
    assert len(appointed) == 1

    # The chamber's officer invites the company from the registrations page.
    log_in_user(page, officer)
    page.goto("/events/delegation-day/manage/registrations/")
    assert page.locator("html").get_attribute("lang") == language
    assert "Forward Sports" not in page.locator("main table").inner_text()
    page.locator("textarea[name=emails]").fill(guest.email)
    with page.expect_navigation():
        page.locator("form[action$='/manage/invite/'] button[type=submit]").click()
    invitation = next(m for m in mail.outbox if m.to == [guest.email])
    link = re.search(r"(/events/invitations/\S+/)", invitation.body).group(1)

    # The company registers through the link.
    log_in_user(page, guest)
    page.goto(link)
    page.locator("input[name=sessions]").first.check()
    page.locator("input[name=languages][value=en]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    registration = Registration.objects.for_event(event).get(organisation__slug="kazan-sports")
    assert registration.brought_by == chamber

    # The officer approves it; the organisers' own registration is not theirs to see.
    log_in_user(page, officer)
    page.goto("/events/delegation-day/manage/registrations/")
    screenshot(page, f"co-organiser-registrations-{language}")
    assert page.locator("[data-approve=kazan-sports]").count() == 1
    assert page.locator("[data-approve=forward-sports]").count() == 0
    assert axe_violations(page) == []
    assert english_words(page) == []
    with page.expect_navigation():
        page.locator("[data-approve=kazan-sports]").click()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.APPROVED
    assert (
        Registration.objects.for_event(event).get(organisation=other_company).status
        == Registration.Status.PENDING
    )

    # Its figures count its client only; the organiser's pages refuse it.
    page.goto("/reports/?event=delegation-day")
    assert page.locator("[data-clients-only]").count() == 1
    screenshot(page, f"co-organiser-figures-{language}")
    for path in ("manage/", "manage/schedule/", "participants/", "manage/co-organisers/"):
        response = page.goto(f"/events/delegation-day/{path}")
        assert response.status == 403, path
