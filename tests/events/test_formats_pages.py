"""Pages and API of group sessions and of representatives who meet in parallel, in en/ru/ur;
a person's own agenda, PDF and .ics."""

from __future__ import annotations

import pytest
from django.utils import translation

from rabta.events import group_services, schedule, services
from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Badge, Table
from tests.events.conftest import make_participant, rep
from tests.events.test_formats import accepted, add_person, rep_of
from tests.factories import DEFAULT_PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)


@pytest.fixture
def company(event):
    """A Russian company with two people who meet in parallel."""
    pharma = make_participant(event, "Ural Pharma", country="RU", languages=("ru", "en"))
    add_person(pharma, "olga", languages=("ru", "en"))
    group_services.representatives_update(actor=rep_of(pharma), registration=pharma, separate=True)
    return pharma


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_group_session_pages_from_offer_to_acceptance(client, event, company, language):
    Table.objects.filter(event=event, number=1).update(seats=6)
    maker = make_participant(event, "Sialkot Makers", languages=("ur", "en"))
    for user in (rep_of(company), rep(maker)):
        user.language = language
        user.save()
    login(client, rep_of(company))
    page = client.get("/events/delegation-day/groups/")
    assert page.status_code == 200
    response = client.post(
        "/events/delegation-day/groups/new/", {"topic": "Distributors meet makers", "capacity": "4"}
    )
    assert response.status_code == 302
    group = GroupSession.objects.for_event(event).get()
    assert group.host == company and group.host_person.person == rep_of(company)
    bad = client.post(
        "/events/delegation-day/groups/new/", {"topic": "", "capacity": "99"}, follow=True
    )
    assert bad.status_code == 200
    with translation.override(language):
        from django.utils.translation import gettext

        assert gettext("Give the group session a topic.") in bad.content.decode()
    assert GroupSession.objects.for_event(event).count() == 1  # nothing half-written
    client.logout()
    login(client, rep(maker))
    joined = client.post(f"/events/delegation-day/groups/{group.pk}/join/", follow=True)
    assert joined.status_code == 200
    member = GroupMember.objects.for_event(event).get()
    assert member.status == "requested"
    # the maker cannot accept themself
    client.post(f"/events/delegation-day/groups/members/{member.pk}/", {"answer": "accept"})
    member.refresh_from_db()
    assert member.status == "requested"
    client.logout()
    login(client, rep_of(company))
    client.post(f"/events/delegation-day/groups/members/{member.pk}/", {"answer": "accept"})
    member.refresh_from_db()
    assert member.status == "accepted"


def test_representatives_page_saves_languages_and_parallel_meetings(client, event):
    pharma = make_participant(event, "Ural Pharma", country="RU", languages=("ru",))
    olga = add_person(pharma, "olga")
    login(client, rep_of(pharma))
    assert client.get("/events/delegation-day/representatives/").status_code == 200
    client.post(
        "/events/delegation-day/representatives/",
        {"separate_agendas": "on", f"languages-{olga.pk}": ["ru", "en"]},
    )
    pharma.refresh_from_db()
    olga.refresh_from_db()
    assert pharma.separate_agendas is True
    assert olga.languages == ["en", "ru"]
    bad = client.post(
        "/events/delegation-day/representatives/",
        {"separate_agendas": "on", f"languages-{olga.pk}": ["xx"]},
    )
    assert bad.status_code == 200  # re-shown with the message, nothing saved
    olga.refresh_from_db()
    assert olga.languages == ["en", "ru"]


def test_each_representative_sees_their_own_agenda_pdf_ics_and_e_mail(
    client, event, organiser, company, django_capture_on_commit_callbacks, mailoutbox
):
    Table.objects.filter(event=event, number=1).update(seats=6)
    visitors = [make_participant(event, f"Visitor {k}", languages=("en",)) for k in (1, 2, 3)]
    olga = Badge.objects.for_event(event).get(registration=company, person__username="olga")
    services.interpreter_add(actor=organiser, event=event, name="Anna", languages=["ru", "en"])
    request = services.meeting_request_send(
        actor=rep(visitors[0]), sender=visitors[0], recipient=company, recipient_person=olga
    )
    services.meeting_request_answer(actor=rep_of(company), request=request, accept=True)
    accepted(visitors[1], company)
    group = group_services.group_session_create(
        actor=rep_of(company), event=event, host=company, topic="Pharma distribution", capacity=3,
        host_person=Badge.objects.for_event(event).get(registration=company, person=rep_of(company)),
    )  # fmt: skip
    member = group_services.group_session_join(
        actor=rep(visitors[2]), group=group, registration=visitors[2]
    )
    group_services.group_member_decide(actor=rep_of(company), member=member, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule.schedule_run_start(
            actor=organiser, event=event, solver="greedy", time_limit=5
        )
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    with django_capture_on_commit_callbacks(execute=True):
        schedule.schedule_publish(actor=organiser, event=event, run=run)
    group.refresh_from_db()
    assert group.slot is not None and group.table is not None
    mails = {m.to[0]: m.body for m in mailoutbox}
    assert "Visitor 1" in mails[olga.person.email]
    assert "Pharma distribution" not in mails[olga.person.email]
    assert "Pharma distribution" in mails[rep_of(company).email]
    assert "Pharma distribution" in mails[rep(visitors[2]).email]
    # Olga's agenda: the meeting asked of her, not the group session her colleague hosts
    login(client, olga.person)
    page = client.get("/events/delegation-day/agenda/").content.decode()
    assert "Visitor 1" in page
    assert "Pharma distribution" not in page
    client.logout()
    login(client, rep_of(company))
    page = client.get("/events/delegation-day/agenda/").content.decode()
    assert "Pharma distribution" in page and "Visitor 3" in page
    assert "Visitor 1" not in page
    ics = client.get("/events/delegation-day/agenda.ics").content.decode()
    assert "Group session: Pharma distribution" in ics
    pdf = client.get("/events/delegation-day/agenda.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.logout()
    login(client, rep(visitors[2]))
    page = client.get("/events/delegation-day/agenda/").content.decode()
    assert "Pharma distribution" in page


def test_group_and_representatives_api(client, event, company):
    Table.objects.filter(event=event, number=1).update(seats=6)
    visitor = make_participant(event, "Visitor", languages=("en",))
    login(client, rep_of(company))
    persons = client.get("/api/v1/events/delegation-day/representatives").json()
    assert persons["separate_agendas"] is True and len(persons["persons"]) == 2
    created = client.post(
        "/api/v1/events/delegation-day/groups",
        {"topic": "Distributors", "capacity": 2},
        content_type="application/json",
    )
    assert created.status_code == 201
    over = client.post(
        "/api/v1/events/delegation-day/groups",
        {"topic": "Too big", "capacity": 9},
        content_type="application/json",
    )
    assert over.status_code == 422 and "capacity" in over.json()["error"]["fields"]
    group_id = created.json()["id"]
    client.logout()
    login(client, rep(visitor))
    joined = client.post(f"/api/v1/events/delegation-day/groups/{group_id}/join")
    assert joined.status_code == 201
    refused = client.post(
        f"/api/v1/events/delegation-day/groups/members/{joined.json()['id']}/decide",
        {"accept": True},
        content_type="application/json",
    )
    assert refused.status_code == 403
    olga = persons["persons"][1]["id"]
    request = client.post(
        "/api/v1/events/delegation-day/requests",
        {"recipient": company.pk, "recipient_person": olga},
        content_type="application/json",
    )
    assert request.status_code == 201
    unknown = client.post(
        "/api/v1/events/delegation-day/requests",
        {"recipient": company.pk, "recipient_person": 999999},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    client.logout()
    login(client, rep_of(company))
    decided = client.post(
        f"/api/v1/events/delegation-day/groups/members/{joined.json()['id']}/decide",
        {"accept": True},
        content_type="application/json",
    )
    assert decided.json()["status"] == "accepted"
    listed = client.get("/api/v1/events/delegation-day/groups").json()
    assert listed[0]["accepted"] == 1 and listed[0]["members"][0]["organisation"] == "Visitor"
    bad = client.put(
        "/api/v1/events/delegation-day/representatives",
        {"separate_agendas": True, "languages": {str(olga): ["zz"]}},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_a_request_names_a_representative_on_the_participants_page(client, event, company):
    visitor = make_participant(event, "Visitor", languages=("en",))
    olga = Badge.objects.for_event(event).get(registration=company, person__username="olga")
    login(client, rep(visitor))
    page = client.get("/events/delegation-day/participants/").content.decode()
    assert f'<option value="{olga.pk}">' in page
    bad = client.post(
        f"/events/delegation-day/participants/{company.pk}/request/", {"person": "nonsense"},
        follow=True,
    )  # fmt: skip
    assert "Choose one of the representatives" in bad.content.decode()
    client.post(f"/events/delegation-day/participants/{company.pk}/request/", {"person": olga.pk})
    from rabta.events.models import MeetingRequest

    assert MeetingRequest.objects.for_event(event).get().recipient_person == olga


def test_the_organiser_adds_tables_seating_a_group(client, event, organiser):
    login(client, organiser)
    client.post("/events/delegation-day/manage/tables/", {"count": 2, "seats": 8})
    assert sorted(Table.objects.for_event(event).values_list("seats", flat=True)) == [2, 2, 2, 8, 8]
    client.post("/events/delegation-day/manage/tables/", {"count": 1, "seats": 1})
    assert Table.objects.for_event(event).count() == 5  # refused: a table seats 2 or more
