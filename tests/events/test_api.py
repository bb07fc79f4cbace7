from rabta.events import services
from rabta.events.models import MeetingRequest
from tests.events.conftest import publish_greedy_schedule, rep
from tests.factories import DEFAULT_PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)


def test_event_list_and_detail(client, event, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/events")
    assert [e["slug"] for e in response.json()] == ["delegation-day"]
    detail = client.get("/api/v1/events/delegation-day").json()
    assert detail["sessions"][0]["meeting_minutes"] == 20
    assert detail["names"]["ru"] == "День делегации"


def test_request_answer_and_agenda(
    client, event, organiser, participants, django_capture_on_commit_callbacks
):
    surgical, _ural, kazan, _forward = participants
    login(client, rep(surgical))
    response = client.post(
        "/api/v1/events/delegation-day/requests",
        {"recipient": kazan.pk, "message": "Footballs"},
        content_type="application/json",
    )
    assert response.status_code == 201
    again = client.post(
        "/api/v1/events/delegation-day/requests",
        {"recipient": kazan.pk},
        content_type="application/json",
    )
    assert again.status_code == 422
    assert (
        again.json()["error"]["message"]
        == "You have already requested a meeting with this participant."
    )
    client.logout()
    login(client, rep(kazan))
    request_id = response.json()["id"]
    answer = client.post(
        f"/api/v1/events/delegation-day/requests/{request_id}/answer",
        {"accept": True},
        content_type="application/json",
    )
    assert answer.json()["status"] == "accepted"
    publish_greedy_schedule(event, organiser, django_capture_on_commit_callbacks)
    agenda = client.get("/api/v1/events/delegation-day/agenda").json()
    assert [(m["partner"], m["table"]) for m in agenda] == [("Sialkot Surgical", 1)]
    assert MeetingRequest.objects.for_event(event).get().status == "accepted"


def test_registrations_for_participants_and_strangers(
    client, event, participants, django_assert_max_num_queries
):
    login(client, rep(participants[0]))
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/events/delegation-day/registrations")
    assert len(response.json()) == 4  # every approved participant, the caller included
    client.logout()
    assert client.get("/api/v1/events/delegation-day/registrations").status_code in (401, 403)


def test_register_through_the_api(client, event):
    from tests.factories import MemberFactory, OrganisationFactory

    member = MemberFactory(organisation=OrganisationFactory(name={"en": "Wazirabad Cutlery"}))
    login(client, member.user)
    session = event.sessions.get()
    bad = client.post(
        "/api/v1/events/delegation-day/registrations",
        {"sessions": [], "languages": []},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"sessions", "languages"}
    good = client.post(
        "/api/v1/events/delegation-day/registrations",
        {"sessions": [session.pk], "languages": ["ur", "en"]},
        content_type="application/json",
    )
    assert (good.status_code, good.json()["status"]) == (201, "pending")
    assert services is not None
