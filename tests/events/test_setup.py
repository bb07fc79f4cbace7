import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.models import AuditEntry
from rabta.events import services
from rabta.events.models import Meeting, Registration, Session, Slot, Table
from rabta.events.scoping import UnscopedQuery
from tests.events.conftest import DAY, make_participant
from tests.factories import UserFactory

KHI = ZoneInfo("Asia/Karachi")


def test_session_slots_are_derived_in_the_event_time_zone(event):
    slots = list(Slot.objects.for_event(event))
    # 10:00-12:00, 20-minute meetings and 5-minute breaks: 10:00, 10:25, 10:50, 11:15 (11:40 would end 12:00).
    starts = [s.start.astimezone(KHI).strftime("%H:%M") for s in slots]
    assert starts == ["10:00", "10:25", "10:50", "11:15", "11:40"]
    assert all(s.end - s.start == dt.timedelta(minutes=20) for s in slots)


def test_a_pause_takes_slots_out(event, organiser):
    services.session_add(
        actor=organiser, event=event, date=DAY, start=dt.time(14, 0), end=dt.time(16, 0), meeting_minutes=30,
        break_minutes=0, pause_start=dt.time(15, 0), pause_end=dt.time(15, 30),
    )  # fmt: skip
    afternoon = Slot.objects.for_event(event).filter(session__start=dt.time(14, 0))
    assert [s.start.astimezone(KHI).strftime("%H:%M") for s in afternoon] == [
        "14:00",
        "14:30",
        "15:30",
    ]


def test_an_overlapping_session_is_refused_and_nothing_is_saved(event, organiser):
    before = Slot.objects.for_event(event).count()
    with pytest.raises(InvalidInput) as error:
        services.session_add(
            actor=organiser, event=event, date=DAY, start=dt.time(11, 0), end=dt.time(13, 0)
        )
    assert error.value.field_errors == {
        "start": ["This session overlaps another session of the event."]
    }
    assert Slot.objects.for_event(event).count() == before
    assert Session.objects.for_event(event).count() == 1


def test_bad_session_times_give_field_errors(event, organiser):
    with pytest.raises(InvalidInput) as error:
        services.session_add(
            actor=organiser, event=event, date=DAY, start=dt.time(15, 0), end=dt.time(14, 0)
        )
    assert "end" in error.value.field_errors


def test_only_organisers_create_events(db):
    with pytest.raises(NotPermitted):
        services.event_create(actor=UserFactory(), slug="x", name={"en": "X"}, venue={"en": "Hall"})


def test_event_windows_are_validated(organiser):
    now = dt.datetime(2027, 1, 1, tzinfo=KHI)
    with pytest.raises(InvalidInput) as error:
        services.event_create(
            actor=organiser, slug="bad", name={"en": "Bad"}, venue={"en": "Hall"}, time_zone="Mars/Olympus",
            registration_opens=now, registration_closes=now - dt.timedelta(days=1),
        )  # fmt: skip
    assert set(error.value.field_errors) == {"time_zone", "registration_closes"}


def test_tables_are_numbered_on(event, organiser):
    services.tables_add(actor=organiser, event=event, count=2)
    assert list(Table.objects.for_event(event).values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_deleting_a_table_with_meetings_is_refused(event, organiser, participants):
    a, b = participants[0], participants[2]
    request = services.meeting_request_send(actor=a.attendees.get(), sender=a, recipient=b)
    services.meeting_request_answer(actor=b.attendees.get(), request=request, accept=True)
    table = Table.objects.for_event(event).first()
    services.create_meeting(
        request=request, slot=Slot.objects.for_event(event).first(), table=table
    )
    with pytest.raises(InvalidInput) as error:
        services.table_delete(actor=organiser, table=table)
    assert "Table 1 has meetings" in str(error.value.message)
    assert Table.objects.for_event(event).filter(pk=table.pk).exists()
    assert Meeting.objects.for_event(event).count() == 1


def test_organiser_actions_are_audited(event):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "rabta.event.created",
        "rabta.event.session.added",
        "rabta.event.tables.added",
    } <= actions


def test_a_query_without_the_event_fails_loudly(event, participants):
    with pytest.raises(UnscopedQuery):
        list(Registration.objects.all())
    with pytest.raises(UnscopedQuery):
        Registration.objects.filter(status="approved").count()
    assert Registration.objects.for_event(event).count() == 4
    assert event.registrations.count() == 4  # related managers carry the event
    assert Registration.objects.unscoped().count() == 4


def test_registration_needs_membership_sessions_and_languages(event):
    outsider = UserFactory()
    registration = make_participant(event, "Lahore Leather", approve=False)
    assert registration.status == Registration.Status.PENDING
    with pytest.raises(NotPermitted):
        services.registration_create(
            actor=outsider, event=event, organisation=registration.organisation, attendees=[outsider],
            sessions=[], languages=[],
        )  # fmt: skip


def test_registration_twice_is_refused(event):
    registration = make_participant(event, "Lahore Leather")
    user = registration.attendees.get()
    with pytest.raises(InvalidInput) as error:
        services.registration_create(
            actor=user, event=event, organisation=registration.organisation, attendees=[user],
            sessions=list(event.sessions.all()), languages=["en"],
        )  # fmt: skip
    assert str(error.value.message) == "Your organisation is already registered for this event."


def test_registration_field_errors(event):
    registration = make_participant(event, "Lahore Leather")
    other_event_user = UserFactory()
    from tests.factories import MemberFactory, OrganisationFactory

    org = OrganisationFactory()
    user = UserFactory()
    MemberFactory(organisation=org, user=user)
    with pytest.raises(InvalidInput) as error:
        services.registration_create(
            actor=user,
            event=event,
            organisation=org,
            attendees=[other_event_user],
            sessions=[],
            languages=[],
        )
    assert set(error.value.field_errors) == {"attendees", "sessions", "languages"}
    assert Registration.objects.for_event(event).count() == 1
    assert registration.pk


def test_registration_outside_the_window_is_refused(event, organiser):
    services.event_update(
        actor=organiser, event=event, registration_closes=dt.datetime(2020, 1, 1, tzinfo=KHI)
    )
    with pytest.raises(InvalidInput) as error:
        make_participant(event, "Late Co")
    assert str(error.value.message) == "Registration for this event is not open."


def test_invitations_are_sent_in_the_chosen_language(
    event, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = services.event_invite(
            actor=organiser,
            event=event,
            emails=["a@example.org", "b@example.org", "a@example.org"],
            language="ru",
        )
    assert count == 2
    assert len(mailoutbox) == 2
    assert mailoutbox[0].to == ["a@example.org"]
    assert "/events/invitations/" in mailoutbox[0].body
    assert mailoutbox[0].body.count("/events/invitations/") == 1
    # Written in Russian: the event's Russian name is used.
    assert "День делегации" in mailoutbox[0].subject


def test_someone_with_an_account_is_invited_in_their_own_language(
    event, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(username="ahtesham", email="Ahtesham@example.org", language="ur")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_invite(
            actor=organiser,
            event=event,
            emails=["ahtesham@example.org", "new@example.org"],
            language="ru",
        )
    by_address = {m.to[0].lower(): m for m in mailoutbox}
    assert sorted(by_address) == ["ahtesham@example.org", "new@example.org"]
    with translation.override("ur"):
        sign_in = gettext("Open this link, sign in and register:")
    assert sign_in in by_address["ahtesham@example.org"].body
    assert "День делегации" in by_address["new@example.org"].subject


def test_bad_invitation_addresses_send_nothing(event, organiser, mailoutbox):
    with pytest.raises(InvalidInput) as error:
        services.event_invite(
            actor=organiser, event=event, emails=["ok@example.org", "not-an-address"]
        )
    assert error.value.field_errors == {"emails": ["Not an e-mail address: not-an-address."]}
    assert mailoutbox == []
