"""Details people tripped on: every participant reachable (pages, no cut-off), iCal with the
event's time zone, resources back in service, left-to-right codes and addresses in Urdu forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rabta.events import schedule, selectors
from rabta.events.models import Interpreter, Registration, Table
from tests.events.conftest import rep
from tests.events.test_views import login, published  # noqa: F401  (fixture)
from tests.factories import MemberFactory, OrganisationFactory, UserFactory


@pytest.fixture
def scheduled(published):  # noqa: F811  (the published event of test_views)
    return published


def test_the_participants_list_pages_through_every_participant(client, event, participants):
    orgs = [
        OrganisationFactory(
            name={"en": f"Trader {n:03d}"}, name_key=f"trader {n:03d}", slug=f"t{n}"
        )
        for n in range(230)
    ]
    Registration.objects.bulk_create(
        Registration(event=event, organisation=org, status="approved", badge_code=f"B{n:05d}",
                     calendar_token=f"t{n}")
        for n, org in enumerate(orgs)
    )  # fmt: skip
    login(client, rep(participants[0]))
    url = reverse("events:participants", args=[event.slug])
    seen = set()
    page = 1
    while True:
        html = client.get(url, {"page": page}).text
        names = set(re.findall(r"Trader \d{3}", html))
        assert len(names) <= selectors.PARTICIPANTS_PAGE_SIZE
        seen |= names
        if 'rel="next"' not in html:
            break
        page += 1
    assert len(seen) == 230  # nobody cut off at 200
    assert "233 participants." in html  # 230 traders + three others (not the reader)
    filtered = client.get(url, {"q": "trader 21"}).text
    assert set(re.findall(r"Trader \d{3}", filtered)) == {f"Trader 21{n}" for n in range(10)}


def test_ical_carries_the_event_time_zone(client, scheduled, participants):
    login(client, rep(participants[0]))
    ics = client.get(reverse("events:agenda_ics", args=[scheduled.slug])).content.decode()
    assert "BEGIN:VTIMEZONE" in ics and "TZID:Asia/Karachi" in ics
    assert "DTSTART;TZID=Asia/Karachi:" in ics


def test_a_table_and_an_interpreter_out_of_service_can_be_put_back(
    client,
    scheduled,
    organiser,  # noqa: F811
):
    table = Table.objects.for_event(scheduled).first()
    interpreter = Interpreter.objects.for_event(scheduled).first()
    login(client, organiser)
    for kind, resource in (("table", table), ("interpreter", interpreter)):
        url = reverse("events:resource_out", args=[scheduled.slug, kind, resource.pk])
        client.post(url)
        resource.refresh_from_db()
        assert resource.out_of_service_from is not None
        day_page = client.get(reverse("events:day", args=[scheduled.slug])).text
        assert "Back in service" in day_page or "Available again" in day_page
        client.post(url, {"back": "1"})
        resource.refresh_from_db()
        assert resource.out_of_service_from is None
    schedule.resource_out_of_service(actor=organiser, resource=table)
    schedule.resource_back_in_service(actor=organiser, resource=table)
    table.refresh_from_db()
    assert table.out_of_service_from is None


def test_phone_email_and_hs_code_inputs_stay_left_to_right_in_urdu(client, db):
    user = UserFactory(username="ur-admin", language="ur")
    org = OrganisationFactory(name={"en": "Kasur Tannery"}, name_key="kasur tannery", slug="kasur")
    MemberFactory(organisation=org, user=user)
    client.force_login(user)
    client.cookies["django_language"] = "ur"
    html = client.get(
        reverse("organisations:edit", args=[org.slug]), HTTP_ACCEPT_LANGUAGE="ur"
    ).text
    assert 'dir="rtl"' in html
    for name in ("phone", "email", "hs_codes"):
        (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert 'dir="ltr"' in tag, tag


def test_an_interpreter_reads_their_own_roster_and_nobody_else_does(
    client, scheduled, organiser, participants
):
    interpreter = Interpreter.objects.for_event(scheduled).get()
    person = UserFactory(username="anna", full_name="Anna Volkova", language="ru")
    interpreter.user = person
    interpreter.save(update_fields=["user"])
    url = reverse("events:roster", args=[scheduled.slug])
    client.force_login(person)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").text
    interpreted = scheduled.meetings.filter(interpreter=interpreter)
    assert interpreted.exists()
    for meeting in interpreted.select_related("request__sender__organisation"):
        assert str(meeting.request.sender.organisation) in page
    assert "Anna Volkova" in page
    client.force_login(rep(participants[0]))
    assert client.get(url).status_code == 403


def test_the_event_navigation_links_an_interpreter_to_their_roster(client, scheduled, participants):
    interpreter = Interpreter.objects.for_event(scheduled).get()
    person = UserFactory(username="omar", full_name="Omar Siddiqui", language="ur")
    interpreter.user = person
    interpreter.save(update_fields=["user"])
    roster_url = reverse("events:roster", args=[scheduled.slug])
    detail_url = reverse("events:detail", args=[scheduled.slug])
    client.force_login(person)
    page = client.get(detail_url, HTTP_ACCEPT_LANGUAGE="ur").text
    assert f'href="{roster_url}"' in page
    assert "میرا روسٹر" in page
    client.force_login(rep(participants[0]))
    assert f'href="{roster_url}"' not in client.get(detail_url).text
