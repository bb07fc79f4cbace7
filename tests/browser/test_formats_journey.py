"""Issue 17 in Chromium: a Russian company registers two representatives who meet in parallel
(its administrator works in Russian), a Pakistani maker (in Urdu) asks to join the group
session the company hosts, the host accepts; after scheduling, each representative's agenda
shows their own meetings — both at the same time — and the maker's shows the group session."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.events import schedule, services
from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Meeting, Registration, Table
from tests.browser.helpers import log_in_user
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

DAY = dt.date(2027, 3, 10)


def organisation(name: str, slug: str, country: str, *people: tuple[str, str]):
    org = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=slug, country=country
    )
    users = []
    for username, language in people:
        user = UserFactory(
            username=username, full_name=f"{username.title()} {name}", language=language
        )
        MemberFactory(organisation=org, user=user)
        users.append(user)
    return org, users


def registered(event, org, user, sessions, languages):
    registration = services.registration_create(
        actor=user, event=event, organisation=org, attendees=[user], sessions=sessions,
        languages=languages,
    )  # fmt: skip
    services.registration_decide(actor=event.created_by, registration=registration, approve=True)
    return registration


@pytest.mark.slow
def test_parallel_representatives_and_a_group_session(page, screenshot, transactional_db):
    organiser = OrganiserFactory(username="organiser", full_name="Salman Sheikh")
    event = services.event_create(
        actor=organiser, slug="pharma", name={"en": "Pharma delegation"}, venue={"en": "SCCI"},
        city={"en": "Sialkot"}, time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    for start in (dt.time(10, 0), dt.time(11, 0)):  # two sessions of one slot each
        services.session_add(
            actor=organiser, event=event, date=DAY, start=start,
            end=(dt.datetime.combine(DAY, start) + dt.timedelta(minutes=20)).time(),
            meeting_minutes=20, break_minutes=0,
        )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=3)
    Table.objects.filter(event=event, number=3).update(seats=6)
    morning, late = list(event.sessions.order_by("start"))
    company, (anna, boris) = organisation(
        "Ural Pharma", "ural-pharma", "RU", ("anna", "ru"), ("boris", "en")
    )
    visitors = []
    for k in (1, 2):
        org, (user,) = organisation(f"Visitor {k}", f"visitor-{k}", "PK", (f"visitor{k}", "en"))
        visitors.append((registered(event, org, user, [morning], ["en"]), user))
    maker_org, (maker,) = organisation("Sialkot Makers", "sialkot-makers", "PK", ("maker", "ur"))
    maker_registration = registered(event, maker_org, maker, [late], ["ur", "en"])

    # The company's administrator registers both people, in Russian.
    log_in_user(page, anna)
    page.goto("/events/pharma/register/")
    for box in page.locator("input[name=attendees]").all():
        box.check()
    for box in page.locator("input[name=sessions]").all():
        box.check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("input[name=languages][value=ru]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    registration = Registration.objects.for_event(event).get(organisation=company)
    assert set(registration.attendees.all()) == {anna, boris}
    services.registration_decide(actor=organiser, registration=registration, approve=True)

    # …says that its two representatives meet in parallel…
    page.goto("/events/pharma/representatives/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator("#separate-agendas").check()
    with page.expect_navigation():
        page.locator("#representatives button[type=submit]").click()
    registration.refresh_from_db()
    assert registration.separate_agendas

    # …and offers a group session.
    page.goto("/events/pharma/groups/")
    page.locator("#group-topic").fill("Фармацевтические дистрибьюторы")
    page.locator("#group-capacity").fill("4")
    with page.expect_navigation():
        page.locator("#group-new button[type=submit]").click()
    group = GroupSession.objects.for_event(event).get()
    screenshot(page, "formats-1-group-offered-ru")

    # Both visitors ask the company for a meeting; it accepts.
    for visitor, user in visitors:
        request = services.meeting_request_send(actor=user, sender=visitor, recipient=registration)
        services.meeting_request_answer(actor=anna, request=request, accept=True)

    # The maker, in Urdu, asks to join the group session.
    log_in_user(page, maker)
    page.goto("/events/pharma/groups/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    with page.expect_navigation():
        page.locator(f"form[action$='/groups/{group.pk}/join/'] button").click()
    member = GroupMember.objects.for_event(event).get()
    assert member.registration == maker_registration and member.status == "requested"
    screenshot(page, "formats-2-asked-to-join-ur")

    # The host accepts.
    log_in_user(page, anna)
    page.goto("/events/pharma/groups/")
    with page.expect_navigation():
        page.locator(f"form[action$='/groups/members/{member.pk}/'] button[value=accept]").click()
    member.refresh_from_db()
    assert member.status == "accepted"

    # The organiser schedules and publishes.
    run = schedule.schedule_run_start(actor=organiser, event=event, solver="greedy", time_limit=5)
    schedule.schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    meetings = list(Meeting.objects.for_event(event))
    assert len(meetings) == 2 and len({m.slot_id for m in meetings}) == 1  # in parallel
    assert {m.recipient_person.person for m in meetings} == {anna, boris}

    # Each representative sees their own meeting; Anna also her group session.
    page.goto("/events/pharma/agenda/")
    anna_agenda = page.locator("main").inner_text()
    assert "Фармацевтические дистрибьюторы" in anna_agenda
    anna_partner = next(m for m in meetings if m.recipient_person.person == anna).request.sender
    boris_partner = next(m for m in meetings if m.recipient_person.person == boris).request.sender
    assert str(anna_partner.organisation) in anna_agenda
    assert str(boris_partner.organisation) not in anna_agenda
    screenshot(page, "formats-3-anna-agenda-ru")
    log_in_user(page, boris)
    page.goto("/events/pharma/agenda/")
    boris_agenda = page.locator("main").inner_text()
    assert str(boris_partner.organisation) in boris_agenda
    assert "Фармацевтические дистрибьюторы" not in boris_agenda
    log_in_user(page, maker)
    page.goto("/events/pharma/agenda/")
    assert "Фармацевтические дистрибьюторы" in page.locator("main").inner_text()
    screenshot(page, "formats-4-maker-agenda-ur")
