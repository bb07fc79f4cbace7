import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from rabta.events import services
from rabta.events.engine import table_available_slots
from rabta.events.models import Event, MeetingRequest, Registration, Session, Slot, Table
from tests.events.conftest import accepted, publish_greedy_schedule, rep
from tests.factories import DEFAULT_PASSWORD, MemberFactory, OrganisationFactory


@pytest.fixture
def published(event, organiser, participants, django_capture_on_commit_callbacks):
    services.interpreter_add(
        actor=organiser, event=event, name="Anna Volkova", languages=["ru", "ur", "en"]
    )
    surgical, ural, kazan, forward = participants
    for a, b in [(surgical, ural), (surgical, kazan), (forward, kazan)]:
        accepted(a, b)
    publish_greedy_schedule(event, organiser, django_capture_on_commit_callbacks)
    return event


def login(client, user):
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)


def test_event_list_and_detail_are_public(client, event, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert "Delegation day" in response.text
    response = client.get(reverse("events:detail", args=[event.slug]))
    assert "SCCI auditorium" in response.text


def test_the_organiser_sets_up_an_event_through_the_pages(client, organiser):
    login(client, organiser)
    response = client.post(
        reverse("events:create"),
        {
            "name_en": "Russian business delegation", "slug": "ru-delegation", "venue_en": "SCCI", "venue_ur": "ایس سی سی آئی", "city_en": "Sialkot",
            "time_zone": "Asia/Karachi", "max_meetings": 8, "request_mode": "confirm",
            "scheduling_mode": "organiser", "is_listed": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    event = Event.objects.get(slug="ru-delegation")
    assert event.venue == {"en": "SCCI", "ur": "ایس سی سی آئی"}
    assert event.city == {"en": "Sialkot"}
    edit = client.get(reverse("events:edit", args=[event.slug])).text
    assert 'name="venue_ur"' in edit and 'value="ایس سی سی آئی"' in edit
    assert 'name="venue_ru"' in edit
    response = client.post(
        reverse("events:session_add", args=[event.slug]),
        {
            "date": "2027-03-10",
            "start": "10:00",
            "end": "12:00",
            "meeting_minutes": 20,
            "break_minutes": 5,
        },
    )
    assert Slot.objects.for_event(event).count() == 5
    client.post(reverse("events:session_add", args=[event.slug]),
                {"date": "2027-03-10", "start": "11:00", "end": "13:00", "meeting_minutes": 20, "break_minutes": 5})  # fmt: skip
    response = client.get(reverse("events:manage", args=[event.slug]))
    assert "This session overlaps another session of the event." in response.text
    assert Slot.objects.for_event(event).count() == 5
    client.post(reverse("events:tables_add", args=[event.slug]), {"count": 4})
    assert event.tables.count() == 4
    # Two more tables for the morning session only: free in its slots, in no other session's.
    client.post(reverse("events:session_add", args=[event.slug]),
                {"date": "2027-03-10", "start": "14:00", "end": "15:00", "meeting_minutes": 20, "break_minutes": 5})  # fmt: skip
    morning, afternoon = Session.objects.for_event(event).order_by("start")
    client.post(
        reverse("events:tables_add", args=[event.slug]), {"count": 2, "sessions": [morning.pk]}
    )
    limited = list(Table.objects.for_event(event).filter(number__gt=4).prefetch_related("sessions"))
    assert [(t.number, list(t.sessions.all())) for t in limited] == [(5, [morning]), (6, [morning])]
    assert table_available_slots(limited[0]) == {s.pk for s in morning.slots.all()}
    page = client.get(reverse("events:manage", args=[event.slug]))
    assert 'name="sessions"' in page.text


def test_bad_event_input_shows_field_errors_and_saves_nothing(client, organiser):
    login(client, organiser)
    response = client.post(
        reverse("events:create"), {"slug": "x", "time_zone": "Nowhere/City", "max_meetings": 0}
    )
    assert response.status_code == 200
    assert "Enter a time zone such as Asia/Karachi." in response.text
    assert not Event.objects.filter(slug="x").exists()


def test_a_participant_registers_through_the_page(client, event):
    org = OrganisationFactory(name={"en": "Sialkot Gloves"}, slug="sialkot-gloves")
    member = MemberFactory(organisation=org)
    login(client, member.user)
    page = client.get(reverse("events:register", args=[event.slug]))
    assert page.status_code == 200
    session = event.sessions.get()
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"attendees": [member.user.pk], "sessions": [session.pk], "languages": ["en", "ur"]},
    )
    assert response.status_code == 302
    registration = Registration.objects.for_event(event).get(organisation=org)
    assert (registration.status, registration.languages) == ("pending", ["en", "ur"])


def test_someone_in_two_organisations_chooses_which_one_registers(client, event):
    """The page registered the organisation joined first, with no way to pick the other."""
    from rabta.organisations.models import Organisation

    pending = OrganisationFactory(
        name={"en": "New Gloves"}, slug="new-gloves", validation=Organisation.Validation.PENDING
    )
    member = MemberFactory(organisation=pending)
    volga = OrganisationFactory(name={"en": "Volga Med"}, slug="volga-med", country="RU")
    MemberFactory(organisation=volga, user=member.user)
    login(client, member.user)
    url = reverse("events:register", args=[event.slug])
    first = client.get(url).text
    assert "For <bdi>New Gloves</bdi>" in first and "must be approved" in first
    assert f'href="?organisation={volga.pk}"' in first
    stranger = OrganisationFactory(slug="not-mine")  # not theirs: the first one is kept
    assert "For <bdi>New Gloves</bdi>" in client.get(url, {"organisation": stranger.pk}).text
    chosen = client.get(url, {"organisation": volga.pk}).text
    assert "For <bdi>Volga Med</bdi>" in chosen and 'name="sessions"' in chosen
    data = {
        "attendees": [member.user.pk],
        "sessions": [event.sessions.get().pk],
        "languages": ["ru"],
    }
    assert client.post(f"{url}?organisation={volga.pk}", data).status_code == 302
    assert Registration.objects.for_event(event).get().organisation == volga


def test_an_organisation_awaiting_validation_is_told_before_the_registration_form(client, event):
    from rabta.organisations.models import Organisation

    org = OrganisationFactory(
        name={"en": "New Gloves"}, slug="new-gloves", validation=Organisation.Validation.PENDING
    )
    member = MemberFactory(organisation=org)
    login(client, member.user)
    page = client.get(reverse("events:register", args=[event.slug]))
    assert page.status_code == 200
    assert "Your organisation must be approved before it can register." in page.text
    assert 'name="sessions"' not in page.text  # no form to fill in for nothing
    assert reverse("organisations:detail", args=["new-gloves"]) in page.text


def test_a_refusal_of_the_registration_form_is_shown_once(client, event, monkeypatch):
    from rabta.core.exceptions import InvalidInput

    org = OrganisationFactory(name={"en": "Sialkot Gloves"}, slug="sialkot-gloves")
    member = MemberFactory(organisation=org)
    login(client, member.user)

    def refuse(**kwargs):
        raise InvalidInput("Registration for this event is not open.")

    monkeypatch.setattr(services, "registration_create", refuse)
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"attendees": [member.user.pk], "sessions": [event.sessions.get().pk], "languages": ["en"]},
    )
    assert response.text.count("Registration for this event is not open.") == 1


def test_participants_page_and_request(client, event, participants, django_assert_max_num_queries):
    surgical, ural = participants[0], participants[1]
    login(client, rep(surgical))
    # + the unread count; + its recommendations' index rows; + the countries of the filter
    with django_assert_max_num_queries(17):
        response = client.get(reverse("events:participants", args=[event.slug]))
    assert "Ural Med" in response.text
    assert "Sialkot Surgical" not in response.text.split("<table", 1)[1]
    client.post(reverse("events:request_send", args=[event.slug, ural.pk]), {"message": "Hello"})
    assert MeetingRequest.objects.for_event(event).get().message == "Hello"
    response = client.post(
        reverse("events:request_send", args=[event.slug, surgical.pk]), follow=True
    )
    assert "You cannot request a meeting with yourself." in response.text


def test_a_too_long_request_message_is_refused_not_dropped(client, event, participants):
    """A message over 500 characters was dropped and the request sent without it, while the
    page said the request was sent."""
    surgical, ural = participants[0], participants[1]
    login(client, rep(surgical))
    url = reverse("events:request_send", args=[event.slug, ural.pk])
    response = client.post(url, {"message": "x" * 1200}, follow=True)
    assert "Ensure this value has at most 500 characters (it has 1200)." in response.text
    assert "Your request has been sent." not in response.text
    assert not MeetingRequest.objects.for_event(event).exists()


def test_agenda_page_pdf_and_ical(client, published, participants, django_assert_max_num_queries):
    login(client, rep(participants[0]))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:agenda", args=[published.slug]))
    assert "Ural Med" in response.text and "Anna Volkova" in response.text
    pdf = client.get(reverse("events:agenda_pdf", args=[published.slug]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    ics = client.get(reverse("events:agenda_ics", args=[published.slug]))
    text = ics.content.decode()
    assert (
        "BEGIN:VEVENT" in text
        and "Meeting with Ural Med" in text
        and "Interpreter: Anna Volkova" in text
    )
    assert "LOCATION:Table" in text


def test_an_agenda_loads_every_field_but_the_partners_long_texts(published, participants):
    """A field left deferred would cost one query per meeting on every agenda page."""
    from rabta.events.selectors import agenda

    items = agenda(published, participants[0])
    assert items
    for item in items:
        meeting = item.meeting
        request = meeting.request
        loaded = [meeting, meeting.slot, request, request.sender, request.recipient]
        loaded += [x for x in (meeting.table, meeting.interpreter) if x is not None]
        assert all(not x.get_deferred_fields() for x in loaded)
        for organisation in (request.sender.organisation, request.recipient.organisation):
            assert organisation.get_deferred_fields() == {"description", "search_text", "hs_codes"}


def test_the_calendar_feed_needs_only_the_token(client, published, participants):
    url = reverse("events:calendar_feed", args=[published.slug, participants[0].calendar_token])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("events:calendar_feed", args=[published.slug, "wrong"])).status_code
        == 404
    )


def test_the_calendar_feed_is_in_the_language_its_address_names_or_the_registrants(
    client, published, participants
):
    ural = participants[1]  # registered by someone who reads Russian
    url = reverse("events:calendar_feed", args=[published.slug, ural.calendar_token])
    assert "SUMMARY:Встреча с" in client.get(url).content.decode()
    assert "SUMMARY:Meeting with" in client.get(f"{url}?language=en").content.decode()
    assert "SUMMARY:Встреча с" in client.get(f"{url}?language=xx").content.decode()
    login(client, rep(participants[0]))
    page = client.get(reverse("events:agenda", args=[published.slug]))
    token = participants[0].calendar_token
    assert f"/calendar/{token}.ics?language=en" in page.text


def test_organiser_pages_render(client, published, organiser, django_assert_max_num_queries):
    login(client, organiser)
    for name in ("manage", "registrations", "schedule", "day"):
        with django_assert_max_num_queries(25):
            response = client.get(reverse(f"events:{name}", args=[published.slug]))
        assert response.status_code == 200, name
    assert (
        "Meetings scheduled" in client.get(reverse("events:schedule", args=[published.slug])).text
    )
    for what in ("tables", "interpreters", "badges"):
        response = client.get(reverse("events:print", args=[published.slug, what]))
        assert response.content.startswith(b"%PDF"), what


def test_run_progress_fragment(client, published, organiser):
    login(client, organiser)
    run = published.schedule_runs.first()
    response = client.get(
        reverse("events:run_progress", args=[published.slug, run.pk]), HTTP_HX_REQUEST="true"
    )
    assert 'value="100"' in response.text


def test_participants_cannot_open_organiser_pages(client, published, participants):
    login(client, rep(participants[0]))
    assert client.get(reverse("events:schedule", args=[published.slug])).status_code == 403


def test_check_in_and_repair_through_the_day_page(client, published, organiser, participants):
    login(client, organiser)
    ural = participants[1]
    client.post(
        reverse("events:check_in", args=[published.slug]), {"code": participants[0].badge_code}
    )
    client.post(
        reverse("events:attendance", args=[published.slug, ural.pk]), {"attendance": "no_show"}
    )
    first = Slot.objects.for_event(published).order_by("start").first()
    ural.refresh_from_db()
    assert ural.attendance == "no_show"
    # the page repairs "from now"; before the day every slot is still ahead
    assert first.start > dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    response = client.post(
        reverse("events:repair", args=[published.slug]), {"reason": "no-show"}, follow=True
    )
    assert "The schedule is repaired and published" in response.text
    published.refresh_from_db()
    assert published.published_version == 2


def test_the_day_page_checks_in_a_scanned_badge_and_explains_a_bad_one(
    client, published, organiser, participants
):
    login(client, organiser)
    url = reverse("events:check_in", args=[published.slug])
    scanned = f"rabta:{published.slug}:{participants[0].badge_code}"
    response = client.post(url, {"code": scanned}, follow=True)
    assert f"{participants[0].organisation} is checked in." in response.text
    response = client.post(url, {"code": "rabta:elsewhere:ABCDEFGH"}, follow=True)
    assert "This badge is for another event." in response.text
    response = client.post(url, {"code": ""}, follow=True)
    assert "This field is required." in response.text


def test_the_organiser_invites_in_a_chosen_language_through_the_page(
    client, event, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, organiser)
    page = client.get(reverse("events:manage", args=[event.slug]))
    assert 'name="language"' in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:invite", args=[event.slug]),
            {"emails": "buyer@example.ru", "language": "ru"},
            follow=True,
        )
    assert "1 invitations sent." in response.text
    assert [m.to for m in mailoutbox] == [["buyer@example.ru"]]
    assert "День делегации" in mailoutbox[0].subject


def test_a_running_run_is_polled_every_second(client, event, organiser):
    from rabta.events.models import ScheduleRun

    login(client, organiser)
    run = ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.RUNNING, progress=42)
    page = client.get(reverse("events:schedule", args=[event.slug])).text
    assert 'hx-trigger="every 1s"' in page and 'value="42"' in page
    fragment = client.get(
        reverse("events:run_progress", args=[event.slug, run.pk]), HTTP_HX_REQUEST="true"
    )
    assert "HX-Refresh" not in fragment.headers


@pytest.mark.parametrize("language", ["ru", "ur"])
def test_the_agenda_pdf_writes_the_date_as_the_agenda_page_does(
    client, published, participants, language
):
    user = rep(participants[0])
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language
    meetings = published.meetings.filter(seats__registration=participants[0])
    assert meetings.exists()
    with translation.override(language), timezone.override(published.tz):
        starts = [timezone.localtime(m.slot.start) for m in meetings.select_related("slot")]
        written = [formats.date_format(start, "DATETIME_FORMAT") for start in starts]
    url = reverse("events:agenda", args=[published.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
    pdf = client.get(
        reverse("events:agenda_pdf", args=[published.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        lines = "\n".join(p.extract_text() or "" for p in document.pages).splitlines()
    for start, date in zip(starts, written, strict=True):
        assert date in page
        if language == "ru":  # Cyrillic comes out of the PDF in reading order: the whole date
            assert any(date in line for line in lines), (date, lines)
        else:  # Urdu comes out in visual order: the same parts, the Urdu comma among them
            parts = (str(start.day), str(start.year), "،", start.strftime("%H:%M"))
            assert any(all(part in line for part in parts) for line in lines), (date, lines)


@pytest.mark.parametrize(
    ("language", "days", "session"),
    [
        ("ru", "10 марта 2027 г. – 12 марта 2027 г.", "10 марта 2027 г., 10:00–12:00"),
        ("ur", "10 مارچ 2027 – 12 مارچ 2027", "10 مارچ 2027، 10:00–12:00"),
        ("en", "March 10, 2027 – March 12, 2027", "March 10, 2027, 10 a.m.–noon"),
    ],
)
def test_the_list_and_the_detail_show_the_events_dates_in_the_readers_language(
    client, event, organiser, language, days, session
):
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 12), start=dt.time(14, 0),
        end=dt.time(17, 0), meeting_minutes=20, break_minutes=5,
    )  # fmt: skip
    headers = {"accept-language": language}
    listed = client.get(reverse("events:list"), headers=headers).text
    card = listed.split("Delegation day" if language == "en" else "delegation-day", 1)[1]
    assert f'<bdi class="event-dates">{days}</bdi>' in card.split("</li>", 1)[0]
    detail = client.get(reverse("events:detail", args=[event.slug]), headers=headers).text
    header = detail.split('class="event-when"', 1)[1].split("</p>", 1)[0]
    assert days in header and "2027-03" not in detail
    assert session in detail


def test_an_event_without_sessions_says_its_dates_are_to_be_announced(client, organiser):
    services.event_create(
        actor=organiser, slug="tba", name={"en": "Future fair"}, venue={"en": "Expo"},
        time_zone="Asia/Karachi", max_meetings=6,
    )  # fmt: skip
    response = client.get(reverse("events:detail", args=["tba"]), headers={"accept-language": "ru"})
    assert response.status_code == 200
    assert "event-dates" not in response.text
