"""Programme pages: the public programme, sign-up, the organiser's page, lists, merged agenda."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from rabta.events import programme, programme_services
from rabta.events.models import ProgrammeItem, SignUp
from tests.events.conftest import accepted, publish_greedy_schedule, rep
from tests.events.test_programme_services import at
from tests.events.test_views import login
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

SECRET_DOCUMENT = "AB 9876543"


@pytest.fixture
def setup(event, organiser, participants, django_capture_on_commit_callbacks):
    """A published schedule, a plenary at 9:00 and a visit hosted by Forward Sports at 11:00."""
    surgical, ural, kazan, forward = participants
    for a, b in [(surgical, ural), (surgical, kazan)]:
        accepted(a, b)
    plenary = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.PLENARY,
        title={"en": "Opening plenary", "ru": "Пленарное заседание", "ur": "افتتاحی اجلاس"},
        start=at(9), end=at(9, 50), room="SCCI auditorium", capacity=100, interpretation=["ru"],
    )  # fmt: skip
    visit = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.VISIT,
        title={"en": "Visit to Forward Sports", "ru": "Визит в Forward Sports"},
        start=at(11), end=at(12), room="Forward Sports factory", address="Daska Road, Sialkot",
        map_url="https://www.openstreetmap.org/", host=forward.organisation, capacity=1,
        travel_minutes=15, departure_point="SCCI gate", departure_time=at(10, 40),
    )  # fmt: skip
    programme_services.signup_create(actor=rep(surgical), item=plenary)
    signup = programme_services.signup_create(actor=rep(surgical), item=visit)
    programme_services.protocol_entry_add(
        actor=rep(surgical), item=visit, signup=signup, full_name="Ali Raza",
        document_kind="Passport", document_number=SECRET_DOCUMENT,
    )  # fmt: skip
    publish_greedy_schedule(event, organiser, django_capture_on_commit_callbacks)
    return {"plenary": plenary, "visit": visit}


def test_the_public_programme_is_trilingual(
    client, event, setup, participants, django_assert_max_num_queries
):
    url = reverse("events:programme", args=[event.slug])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert "Opening plenary" in response.text and "Visit to Forward Sports" in response.text
    assert "1 of 1 taken" in response.text
    item_page = client.get(reverse("events:programme_item", args=[event.slug, setup["visit"].pk]))
    assert (
        "Leaves from <bdi>SCCI gate</bdi> at 10:40." in item_page.text
        and "Sign up" not in item_page.text
    )
    login(client, rep(participants[1]))  # reads Russian
    response = client.get(url)
    assert "Пленарное заседание" in response.text and "Визит в Forward Sports" in response.text
    assert SECRET_DOCUMENT not in response.text
    # the date as the agenda and the PDFs write it: Django's Russian date-and-time format
    assert "10 марта 2027 г. 9:00–9:50" in response.text


def test_a_participant_signs_up_through_the_page_and_waits_when_full(
    client, event, setup, participants
):
    kazan = participants[2]
    login(client, rep(kazan))
    response = client.post(
        reverse("events:programme_signup", args=[event.slug, setup["visit"].pk]), follow=True
    )
    assert "you are on the waiting list" in response.text
    signup = SignUp.objects.for_event(event).get(user=rep(kazan))
    assert signup.status == SignUp.Status.WAITING
    page = client.get(reverse("events:programme_item", args=[event.slug, setup["visit"].pk]))
    assert "Cancel my sign-up" in page.text
    assert SECRET_DOCUMENT not in page.text  # a participant never sees the protocol list
    client.post(reverse("events:programme_signup_cancel", args=[event.slug, signup.pk]))
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED


def test_the_host_sees_its_visits_lists_and_no_one_elses(
    client, event, setup, participants, organiser, django_assert_max_num_queries
):
    forward = participants[3]
    visit_url = reverse("events:programme_item", args=[event.slug, setup["visit"].pk])
    login(client, rep(forward))
    with django_assert_max_num_queries(16):
        page = client.get(visit_url)
    assert SECRET_DOCUMENT in page.text and "Ali Raza" in page.text
    pdf = client.get(reverse("events:programme_attendance", args=[event.slug, setup["visit"].pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = reverse("events:programme_attendance", args=[event.slug, setup["plenary"].pk])
    assert client.get(other).status_code == 403
    outsider = UserFactory(username="outsider")
    MemberFactory(organisation=OrganisationFactory(slug="outsider-org"), user=outsider)
    login(client, outsider)
    assert SECRET_DOCUMENT not in client.get(visit_url).text
    assert (
        client.get(
            reverse("events:programme_attendance", args=[event.slug, setup["visit"].pk])
        ).status_code
        == 403
    )
    assert client.get(reverse("events:programme_transport", args=[event.slug])).status_code == 403
    login(client, organiser)
    transport = client.get(reverse("events:programme_transport", args=[event.slug]))
    assert transport.status_code == 200 and transport.content.startswith(b"%PDF")


def test_the_organiser_adds_an_item_in_the_events_time_zone(
    client, event, organiser, django_assert_max_num_queries
):
    login(client, organiser)
    url = reverse("events:programme_manage", args=[event.slug])
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    data = {
        "kind": "roundtable", "title_en": "Universities roundtable", "title_ru": "Круглый стол",
        "start": "2027-03-10T15:00", "end": "2027-03-10T16:30", "room": "Committee room",
        "capacity": "40", "has_waiting_list": "on", "travel_minutes": "0", "is_open": "on",
        "languages": ["en", "ur"], "interpretation": ["ru"],
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = ProgrammeItem.objects.for_event(event).get()
    assert item.start == at(15) and item.title["ru"] == "Круглый стол"
    assert item.interpretation == ["ru"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "visit"}, "A company visit needs a host organisation."),
        ({"start": "2027-03-12T15:00", "end": "2027-03-12T16:00"}, "the event&#x27;s days"),
        ({"end": "2027-03-10T14:00"}, "The item must end after it starts."),
        ({"capacity": "-3"}, "greater than or equal to 0"),
    ],
)
def test_bad_items_through_the_page_show_errors_and_save_nothing(
    client, event, organiser, change, message
):
    login(client, organiser)
    data = {
        "kind": "plenary", "title_en": "Plenary", "start": "2027-03-10T15:00", "end": "2027-03-10T16:00",
        "room": "Auditorium", "travel_minutes": "0", **change,
    }  # fmt: skip
    response = client.post(reverse("events:programme_manage", args=[event.slug]), data)
    assert response.status_code == 422
    assert message in response.text
    assert not ProgrammeItem.objects.for_event(event).exists()


def test_the_agenda_merges_programme_and_meetings_in_time_order(
    client, event, setup, participants, django_assert_max_num_queries
):
    surgical = participants[0]
    login(client, rep(surgical))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("events:agenda", args=[event.slug]))
    text = response.text
    plenary, meeting, visit = (
        text.index("Opening plenary"),
        text.index("Meeting with"),
        text.index("Visit to Forward"),
    )
    assert plenary < meeting < visit
    assert "Transport leaves from <bdi>SCCI gate</bdi> at 10:40." in text
    assert SECRET_DOCUMENT not in text
    ics = client.get(reverse("events:agenda_ics", args=[event.slug])).content.decode()
    assert "SUMMARY:Plenary session: Opening plenary" in ics and "Meeting with" in ics
    assert "LOCATION:Forward Sports factory\\, Daska Road\\, Sialkot" in ics
    assert SECRET_DOCUMENT not in ics
    pdf = client.get(reverse("events:agenda_pdf", args=[event.slug]))
    assert pdf.content.startswith(b"%PDF")


def test_the_host_sees_the_visit_it_hosts_in_its_agenda_and_feed(
    client, event, setup, participants
):
    forward = participants[3]
    feed = client.get(
        reverse("events:calendar_feed", args=[event.slug, forward.calendar_token]),
        {"language": "en"},
    ).content.decode()
    assert "Visit to Forward Sports" in feed and "You host this visit." in feed
    host = rep(forward)
    login(client, host)
    with translation.override(host.language):  # the agenda speaks the host's language
        badge = translation.gettext("You host this visit")
    assert badge in client.get(reverse("events:agenda", args=[event.slug])).text


def test_the_organiser_invites_and_marks_a_vip_through_the_page(
    client, event, setup, participants, organiser
):
    login(client, organiser)
    kazan = participants[2]
    url = reverse("events:programme_invite", args=[event.slug, setup["plenary"].pk])
    response = client.post(url, {"user": rep(kazan).pk, "is_vip": "on"}, follow=True)
    assert "The participant is on the list." in response.text
    signup = SignUp.objects.for_event(event).get(user=rep(kazan), item=setup["plenary"])
    assert signup.invited and signup.is_vip
    client.post(reverse("events:programme_vip", args=[event.slug, signup.pk]), {"is_vip": "0"})
    signup.refresh_from_db()
    assert not signup.is_vip
    stranger = UserFactory(username="stranger")
    response = client.post(url, {"user": stranger.pk}, follow=True)
    assert "Select a valid choice." in response.text
    assert not SignUp.objects.for_event(event).filter(user=stranger).exists()


def test_a_visitor_gives_their_own_protocol_details_on_the_page(client, event, setup, participants):
    kazan = participants[2]
    programme_services.signup_cancel(
        actor=rep(participants[0]), signup=SignUp.objects.for_event(event).get(item=setup["visit"])
    )
    programme_services.signup_create(actor=rep(kazan), item=setup["visit"])
    login(client, rep(kazan))
    url = reverse("events:programme_protocol", args=[event.slug, setup["visit"].pk])
    response = client.post(url, {"full_name": "", "nationality": "R"}, follow=True)
    assert "This field is required." in response.text
    response = client.post(
        url,
        {
            "full_name": "Oleg Sokolov",
            "nationality": "ru",
            "document_kind": "Passport",
            "document_number": "71 555",
        },
        follow=True,
    )
    assert "The details are on the protocol list." in response.text
    assert "71 555" not in response.text  # the visitor does not see the list itself
    (entry,) = programme.protocol_list(setup["visit"].host.members.get().user, setup["visit"])
    assert (entry.full_name, entry.nationality, entry.signup.user) == (
        "Oleg Sokolov",
        "RU",
        rep(kazan),
    )


def test_the_organiser_edits_an_item_and_a_clash_is_refused(client, event, setup, organiser):
    login(client, organiser)
    url = reverse("events:programme_edit", args=[event.slug, setup["plenary"].pk])
    page = client.get(url)
    assert page.status_code == 200 and 'value="2027-03-10T09:00"' in page.text
    data = {
        "kind": "plenary", "title_en": "Opening plenary", "start": "2027-03-10T09:00", "end": "2027-03-10T09:50",
        "room": "Forward Sports factory", "travel_minutes": "0", "capacity": "100",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    setup["plenary"].refresh_from_db()
    assert setup["plenary"].room == "Forward Sports factory"
    response = client.post(url, {**data, "start": "2027-03-10T11:00", "end": "2027-03-10T11:30"})
    assert response.status_code == 422 and "is already used by" in response.text
    setup["plenary"].refresh_from_db()
    assert setup["plenary"].start == at(9)
    participant_page = reverse("events:programme_edit", args=[event.slug, setup["visit"].pk])
    client.logout()
    assert client.get(participant_page).status_code == 302  # to sign-in


def test_the_programme_api_is_public_and_carries_no_identity_data(
    client, event, setup, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/events/{event.slug}/programme")
    assert response.status_code == 200
    rows = response.json()
    assert [r["kind"] for r in rows] == ["plenary", "visit"]
    assert rows[1]["host"] == "Forward Sports" and rows[1]["seats_taken"] == 1
    assert rows[0]["titles"]["ur"] == "افتتاحی اجلاس"
    assert SECRET_DOCUMENT not in response.text and "Ali Raza" not in response.text
