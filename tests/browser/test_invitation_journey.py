"""From nothing but an invitation e-mail to a scheduled meeting, in Chromium, in en, ru and ur.

The organiser invites an unknown address to the delegation day; the stranger opens the e-mailed
link, signs up with the address already filled in (the link proves it: no second e-mail), lands
on the event's registration, asks to join the company their e-mail domain suggests, is approved
by its administrator on the people page, registers, is approved by the organiser and sends a
meeting request; the other side accepts, the organiser schedules and publishes, and the meeting
is on the stranger's agenda. Nobody opens the Django admin.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from rabta.accounts.models import User
from rabta.events import services
from rabta.events.models import Meeting, MeetingRequest, Registration
from rabta.organisations.models import JoinRequest
from tests.browser.helpers import run_the_scheduler
from tests.factories import (
    DEFAULT_PASSWORD,
    MemberFactory,
    OrganisationFactory,
    OrganiserFactory,
    UserFactory,
)

STRANGER = "amina@sialkot-surgical.example"
STRANGER_PASSWORD = "Sialkot-surgical-2027"
LINK = re.compile(r"https?://[^/\s]+(/events/invitations/[\w-]+/)")


def log_in(page, login: str, password: str = DEFAULT_PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("main form input[name=login]").fill(login)
    page.locator("main form input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("form[action$='/logout/']").count() == 1


def company(name: str, slug: str, country: str, admin: str, language: str, website: str = ""):
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=slug, country=country, website=website
    )
    user = UserFactory(
        username=admin, full_name=f"{name} administrator", language=language,
        spoken_languages=["en"],
    )  # fmt: skip
    MemberFactory(organisation=organisation, user=user)
    return user, organisation


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_a_stranger_goes_from_an_invitation_e_mail_to_a_scheduled_meeting(
    page, screenshot, live_server, transactional_db, settings, language
):
    settings.SITE_URL = live_server.url
    organiser = OrganiserFactory(username="scci-organiser", language=language)
    event = services.event_create(
        actor=organiser, slug="delegation-day", venue={"en": "SCCI auditorium"}, time_zone="Asia/Karachi",
        name={"en": "Delegation day", "ru": "День делегации", "ur": "وفد کا دن"},
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0),
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=2)
    surgical_admin, surgical = company(
        "Sialkot Surgical Works", "sialkot-surgical", "PK", "surgical-admin", language,
        website="https://www.sialkot-surgical.example",
    )  # fmt: skip
    ural_rep, ural = company("Ural Medical Supply", "ural-medical", "RU", "ural-rep", language)
    ural_registration = services.registration_create(
        actor=ural_rep, event=event, organisation=ural, attendees=[ural_rep],
        sessions=list(event.sessions.all()), languages=["en"],
    )  # fmt: skip
    services.registration_decide(actor=organiser, registration=ural_registration, approve=True)

    # 1. The organiser invites an address nobody knows, in the journey's language.
    log_in(page, "scci-organiser")
    page.goto("/events/delegation-day/manage/")
    invite = page.locator("form[action$='/manage/invite/']")
    invite.locator("textarea[name=emails]").fill(STRANGER)
    invite.locator("select[name=language]").select_option(language)
    with page.expect_navigation():
        invite.locator("button[type=submit]").click()
    [invitation] = [m for m in mail.outbox if m.to == [STRANGER]]
    assert {"en": "Delegation day", "ru": "День делегации", "ur": "وفد کا دن"}[language] in (
        invitation.subject
    )
    link = LINK.search(invitation.body).group(1)

    # 2. The stranger opens the link: sign-up, the address filled in, in their language.
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "rabta_language", "value": language, "url": live_server.url}]
    )
    page.goto(link)
    assert "/accounts/signup/" in page.url
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main form input[name=email]").input_value() == STRANGER
    screenshot(page, f"invitation-1-signup-{language}")
    page.locator("main form input[name=full_name]").fill("Amina Rashid")
    page.locator("main form input[name=password1]").fill(STRANGER_PASSWORD)
    page.locator("main form input[name=password2]").fill(STRANGER_PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()

    # 3. Verified by the link itself, signed in, on the event's registration.
    page.wait_for_url(re.compile(r"/events/delegation-day/register/"))
    stranger = User.objects.get(email=STRANGER)
    assert stranger.language == language
    assert EmailAddress.objects.get(user=stranger).verified
    screenshot(page, f"invitation-2-registration-without-organisation-{language}")

    # 4. No organisation yet: the e-mail domain suggests Sialkot Surgical Works; ask to join.
    with page.expect_navigation():
        page.locator("main a[href$='/organisations/join/']").click()
    suggestion = page.locator("#suggestions-title + ul form")
    assert suggestion.locator("input[name=organisation]").input_value() == "sialkot-surgical"
    suggestion.locator("textarea[name=message]").fill("Export manager, Sialkot office.")
    with page.expect_navigation():
        suggestion.locator("button[type=submit]").click()
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
    screenshot(page, f"invitation-3-join-requested-{language}")
    assert any(m.to == [surgical_admin.email] for m in mail.outbox)

    # 5. The company's administrator approves on the people page.
    log_in(page, "surgical-admin")
    page.goto("/organisations/sialkot-surgical/people/")
    with page.expect_navigation():
        page.locator("form[action$='/approve/'] button[type=submit]").first.click()
    assert surgical.members.filter(user=stranger).exists()
    assert any(m.to == [STRANGER] for m in mail.outbox[-1:])

    # 6. The stranger registers the company for the event (the link leads there again).
    log_in(page, STRANGER, STRANGER_PASSWORD)
    page.goto(link)
    page.wait_for_url(re.compile(r"/events/delegation-day/register/"))
    page.locator("input[name=sessions]").first.check()
    page.locator("input[name=languages][value=en]").check()
    screenshot(page, f"invitation-4-registration-{language}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    registration = Registration.objects.for_event(event).get(organisation=surgical)

    # 7. The organiser approves the registration.
    log_in(page, "scci-organiser")
    page.goto("/events/delegation-day/manage/registrations/")
    with page.expect_navigation():
        page.locator("button[data-approve=sialkot-surgical]").click()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.APPROVED

    # 8. The stranger sends a meeting request to the Russian buyer.
    log_in(page, STRANGER, STRANGER_PASSWORD)
    page.goto("/events/delegation-day/participants/")
    page.locator("summary[data-open-request=ural-medical]").click()  # the form is folded
    page.locator("details[open] textarea[name=message]").fill("Surgical scissors for your clinics.")
    with page.expect_navigation():
        page.locator("button[data-request=ural-medical]").click()
    assert MeetingRequest.objects.for_event(event).filter(sender=registration).exists()
    screenshot(page, f"invitation-5-request-sent-{language}")

    # 9. The buyer accepts; the organiser schedules and publishes; the meeting is on the agenda.
    log_in(page, "ural-rep")
    page.goto("/events/delegation-day/requests/")
    with page.expect_navigation():
        page.locator("button[name=answer][value=accept]").click()
    log_in(page, "scci-organiser")
    run_the_scheduler(page, "delegation-day")
    with page.expect_navigation():
        page.locator("#publish").click()
    assert Meeting.objects.for_event(event).count() == 1
    log_in(page, STRANGER, STRANGER_PASSWORD)
    page.goto("/events/delegation-day/agenda/")
    assert page.locator("html").get_attribute("lang") == language
    assert "Ural Medical Supply" in page.locator("main table").inner_text()
    screenshot(page, f"invitation-6-agenda-{language}")
