"""The programme beside the meetings: items, sign-ups, waiting list, protocol list, permissions."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events import programme, programme_services
from rabta.events.models import ProgrammeItem, ProtocolEntry, SignUp
from tests.events.conftest import DAY, make_participant, rep
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

KHI = zoneinfo.ZoneInfo("Asia/Karachi")


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=KHI)


def plenary(event, organiser, **fields) -> ProgrammeItem:
    values = {
        "kind": ProgrammeItem.Kind.PLENARY,
        "title": {"en": "Opening plenary", "ru": "Пленарное заседание", "ur": "افتتاحی اجلاس"},
        "start": at(9),
        "end": at(10),
        "room": "SCCI auditorium",
        "capacity": 2,
        **fields,
    }
    return programme_services.programme_item_create(actor=organiser, event=event, **values)


@pytest.fixture
def host(db):
    org = OrganisationFactory(
        name={"en": "Forward Gear Works"}, name_key="forward gear works", slug="forward-gear"
    )
    user = UserFactory(username="host-rep", full_name="Host rep")
    MemberFactory(organisation=org, user=user)
    return org


@pytest.fixture
def visit(event, organiser, host) -> ProgrammeItem:
    return programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.VISIT,
        title={"en": "Visit to Forward Gear Works"}, start=at(11), end=at(12),
        room="Forward Gear factory floor", address="Small Industrial Estate, Sialkot",
        map_url="https://www.openstreetmap.org/#map=16/32.49/74.53", host=host, capacity=10,
        travel_minutes=30, departure_point="SCCI main gate", departure_time=at(10, 30),
        languages=["en", "ur"], interpretation=["ru"],
    )  # fmt: skip


# ---------------------------------------------------------------- items and bad input


def test_an_organiser_adds_a_trilingual_item(event, organiser):
    item = plenary(event, organiser)
    assert ProgrammeItem.objects.for_event(event).get() == item
    assert item.title["ur"] == "افتتاحی اجلاس"


def test_only_organisers_add_items(event, participants):
    with pytest.raises(NotPermitted):
        plenary(event, rep(participants[0]))
    assert not ProgrammeItem.objects.for_event(event).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start": at(9, day=DAY + dt.timedelta(days=1)), "end": at(10, day=DAY + dt.timedelta(days=1))}, "start"),
        ({"start": at(10), "end": at(9)}, "end"),
        ({"kind": ProgrammeItem.Kind.VISIT}, "host"),
        ({"capacity": 0}, "capacity"),
        ({"languages": ["xx"]}, "languages"),
        ({"departure_point": "Gate", "departure_time": at(9, 30)}, "departure_time"),
        ({"title": {}}, "title"),
    ],
)  # fmt: skip
def test_bad_items_are_refused_and_nothing_is_saved(event, organiser, fields, field):
    with pytest.raises(InvalidInput) as error:
        plenary(event, organiser, **fields)
    assert field in error.value.field_errors
    assert not ProgrammeItem.objects.for_event(event).exists()


def test_two_items_cannot_overlap_in_one_room(event, organiser):
    plenary(event, organiser)
    with pytest.raises(InvalidInput) as error:
        plenary(event, organiser, start=at(9, 30), end=at(10, 30), room="scci Auditorium ")
    assert "already used" in error.value.field_errors["room"][0]
    plenary(event, organiser, start=at(10), end=at(11))  # back to back is fine
    plenary(event, organiser, start=at(9, 30), end=at(10, 30), room="Committee room")
    assert ProgrammeItem.objects.for_event(event).count() == 3


def test_an_item_can_be_updated_but_not_into_a_clash(event, organiser):
    first = plenary(event, organiser)
    second = plenary(event, organiser, start=at(10), end=at(11))
    with pytest.raises(InvalidInput):
        programme_services.programme_item_update(actor=organiser, item=second, start=at(9, 30))
    second.refresh_from_db()
    assert second.start == at(10)
    programme_services.programme_item_update(actor=organiser, item=first, capacity=50)
    first.refresh_from_db()
    assert first.capacity == 50


# ---------------------------------------------------------------- sign-ups and waiting list


def test_sign_ups_beyond_capacity_go_to_the_waiting_list_and_move_up(
    event, organiser, participants, django_capture_on_commit_callbacks
):
    item = plenary(event, organiser, capacity=2)
    surgical, ural, kazan, forward = participants
    first = programme_services.signup_create(actor=rep(surgical), item=item)
    programme_services.signup_create(actor=rep(ural), item=item)
    third = programme_services.signup_create(actor=rep(kazan), item=item)
    fourth = programme_services.signup_create(actor=rep(forward), item=item)
    assert first.status == SignUp.Status.CONFIRMED
    assert (third.status, fourth.status) == (SignUp.Status.WAITING, SignUp.Status.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = programme_services.signup_cancel(actor=rep(surgical), signup=first)
    assert [s.pk for s in promoted] == [third.pk]
    third.refresh_from_db()
    assert third.status == SignUp.Status.CONFIRMED
    assert programme.seats_taken(event)[item.pk] == 2
    (message,) = mail.outbox
    assert message.to == [rep(kazan).email]
    assert "Opening plenary" in message.subject
    from rabta.messaging.models import Notification

    (note,) = Notification.objects.filter(recipient=rep(kazan))
    assert str(note) == f"A place opened for you at Opening plenary, {event.name['en']}."


def test_the_promotion_e_mail_is_in_the_recipients_language(
    event, organiser, participants, django_capture_on_commit_callbacks
):
    item = plenary(event, organiser, capacity=1)
    surgical, ural = participants[:2]
    first = programme_services.signup_create(actor=rep(surgical), item=item)
    programme_services.signup_create(actor=rep(ural), item=item)  # Ural Med's rep reads Russian
    reader = rep(ural)
    reader.time_zone = "Europe/Moscow"
    reader.save(update_fields=["time_zone"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.signup_cancel(actor=rep(surgical), signup=first)
    (message,) = mail.outbox
    assert "Пленарное заседание" in message.subject
    # When it starts, in the reader's words and time zone (it said "2027-03-10 09:00", the
    # event's clock, to a reader in Moscow).
    from rabta.core.time_zones import zone_name

    assert f"({zone_name('Europe/Moscow', 'ru')})" in message.body and "марта" in message.body


def test_a_full_item_without_waiting_list_refuses_with_a_clear_message(
    event, organiser, participants
):
    item = plenary(event, organiser, capacity=1, has_waiting_list=False)
    programme_services.signup_create(actor=rep(participants[0]), item=item)
    with pytest.raises(InvalidInput) as error:
        programme_services.signup_create(actor=rep(participants[1]), item=item)
    assert "is full and has no waiting list" in str(error.value.message)
    assert SignUp.objects.for_event(event).count() == 1


def test_one_sign_up_per_person_and_only_for_approved_participants(event, organiser, participants):
    item = plenary(event, organiser)
    programme_services.signup_create(actor=rep(participants[0]), item=item)
    with pytest.raises(InvalidInput):
        programme_services.signup_create(actor=rep(participants[0]), item=item)
    pending = make_participant(event, "Late Comer", approve=False)
    with pytest.raises(NotPermitted):
        programme_services.signup_create(actor=rep(pending), item=item)
    with pytest.raises(NotPermitted):
        programme_services.signup_create(actor=UserFactory(username="stranger"), item=item)


def test_invitation_only_items_take_the_organisers_named_list(event, organiser, participants):
    item = plenary(event, organiser, is_open=False, title={"en": "Ambassador's reception"},
                   kind=ProgrammeItem.Kind.RECEPTION)  # fmt: skip
    with pytest.raises(NotPermitted):
        programme_services.signup_create(actor=rep(participants[0]), item=item)
    signup = programme_services.programme_invite(
        actor=organiser, item=item, user=rep(participants[0]), is_vip=True
    )
    assert signup.invited and signup.is_vip and signup.status == SignUp.Status.CONFIRMED
    with pytest.raises(NotPermitted):
        programme_services.programme_invite(
            actor=rep(participants[1]), item=item, user=rep(participants[1])
        )
    programme_services.signup_set_vip(actor=organiser, signup=signup, is_vip=False)
    signup.refresh_from_db()
    assert not signup.is_vip


def test_only_the_person_or_an_organiser_cancels(event, organiser, participants):
    item = plenary(event, organiser)
    signup = programme_services.signup_create(actor=rep(participants[0]), item=item)
    with pytest.raises(NotPermitted):
        programme_services.signup_cancel(actor=rep(participants[1]), signup=signup)
    programme_services.signup_cancel(actor=organiser, signup=signup)
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED


# ---------------------------------------------------------------- the protocol list of a visit


def test_a_host_sees_its_visits_lists_and_no_one_elses(event, organiser, participants, visit, host):
    other_host = OrganisationFactory(
        name={"en": "Other Works"}, name_key="other works", slug="other-works"
    )
    other_user = UserFactory(username="other-host")
    MemberFactory(organisation=other_host, user=other_user)
    other_visit = programme_services.programme_item_create(
        actor=organiser, event=event, kind=ProgrammeItem.Kind.VISIT, title={"en": "Other visit"},
        start=at(11), end=at(12), room="Other Works", host=other_host,
    )  # fmt: skip
    signup = programme_services.signup_create(actor=rep(participants[1]), item=visit)
    programme_services.protocol_entry_add(
        actor=rep(participants[1]), item=visit, signup=signup, full_name="Ivan Petrov",
        organisation_name="Ural Med", nationality="ru", document_kind="Passport", document_number="75 1234567",
    )  # fmt: skip
    host_user = host.members.get().user
    assert [e.document_number for e in programme.protocol_list(host_user, visit)] == ["75 1234567"]
    assert [s.user for s in programme.attendance_list(host_user, visit)] == [rep(participants[1])]
    assert programme.protocol_list(organiser, visit)[0].nationality == "RU"
    for outsider in (other_user, rep(participants[0]), rep(participants[1])):
        with pytest.raises(NotPermitted):
            programme.protocol_list(outsider, visit)
    with pytest.raises(NotPermitted):
        programme.attendance_list(host_user, other_visit)


def test_protocol_details_only_for_visits_and_only_by_the_person_or_an_organiser(
    event, organiser, participants, visit
):
    item = plenary(event, organiser)
    signup = programme_services.signup_create(actor=rep(participants[0]), item=item)
    with pytest.raises(InvalidInput):
        programme_services.protocol_entry_add(actor=organiser, item=item, full_name="Someone")
    theirs = programme_services.signup_create(actor=rep(participants[1]), item=visit)
    with pytest.raises(NotPermitted):
        programme_services.protocol_entry_add(
            actor=rep(participants[0]), item=visit, signup=theirs, full_name="Not me"
        )
    with pytest.raises(InvalidInput) as error:
        programme_services.protocol_entry_add(
            actor=organiser, item=visit, full_name=" ", nationality="RUS"
        )
    assert set(error.value.field_errors) == {"full_name", "nationality"}
    entry = programme_services.protocol_entry_add(
        actor=organiser, item=visit, full_name="H.E. the Ambassador", is_vip=True
    )
    assert entry.is_vip and ProtocolEntry.objects.for_event(event).count() == 1
    assert signup.status == SignUp.Status.CONFIRMED


def test_cancelling_deletes_the_persons_protocol_details(event, participants, visit):
    signup = programme_services.signup_create(actor=rep(participants[0]), item=visit)
    programme_services.protocol_entry_add(
        actor=rep(participants[0]), item=visit, signup=signup, full_name="Ali Raza"
    )
    programme_services.signup_cancel(actor=rep(participants[0]), signup=signup)
    assert not ProtocolEntry.objects.for_event(event).exists()


def test_purge_protocol_data_after_the_event_only(event, organiser, participants, visit):
    signup = programme_services.signup_create(actor=rep(participants[0]), item=visit)
    programme_services.protocol_entry_add(actor=organiser, item=visit, full_name="Guest One")
    assert programme_services.protocol_purge(now=at(11, 30)) == 0
    assert ProtocolEntry.objects.for_event(event).count() == 1
    assert programme_services.protocol_purge(now=at(23), dry_run=True) == 1
    assert ProtocolEntry.objects.for_event(event).count() == 1
    out = io.StringIO()
    call_command("purge_protocol_data", "--now", at(23).isoformat(), stdout=out)
    assert "1 protocol entry deleted" in out.getvalue()
    assert not ProtocolEntry.objects.for_event(event).exists()
    signup.refresh_from_db()  # the sign-up itself stays, for the attendance figures
    assert signup.status == SignUp.Status.CONFIRMED


def test_a_person_cannot_attend_two_items_at_once(event, organiser, participants, visit):
    clash = plenary(event, organiser, start=at(11, 30), end=at(12, 30), room="Committee room")
    programme_services.signup_create(actor=rep(participants[0]), item=visit)
    with pytest.raises(InvalidInput) as error:
        programme_services.signup_create(actor=rep(participants[0]), item=clash)
    assert "already attends" in str(error.value.message)
    programme_services.signup_create(actor=rep(participants[1]), item=clash)


def test_the_waiting_list_skips_someone_who_meanwhile_attends_another_item_then(
    event, organiser, participants
):
    surgical, ural, kazan, _forward = participants
    item = plenary(event, organiser, capacity=1)
    first = programme_services.signup_create(actor=rep(surgical), item=item)
    skipped = programme_services.signup_create(actor=rep(ural), item=item)
    next_in_line = programme_services.signup_create(actor=rep(kazan), item=item)
    panel = plenary(event, organiser, start=at(9, 30), end=at(10, 30), room="Committee room")
    assert programme_services.signup_create(actor=rep(ural), item=panel).status == "confirmed"
    promoted = programme_services.signup_cancel(actor=rep(surgical), signup=first)
    assert [s.pk for s in promoted] == [next_in_line.pk]
    skipped.refresh_from_db()
    assert skipped.status == SignUp.Status.WAITING


def test_more_seats_move_the_waiting_list_up(
    event, organiser, participants, django_capture_on_commit_callbacks
):
    item = plenary(event, organiser, capacity=1)
    programme_services.signup_create(actor=rep(participants[0]), item=item)
    waiting = [programme_services.signup_create(actor=rep(p), item=item) for p in participants[1:]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.programme_item_update(actor=organiser, item=item, capacity=3)
    statuses = [SignUp.objects.for_event(event).get(pk=s.pk).status for s in waiting]
    assert statuses == [SignUp.Status.CONFIRMED, SignUp.Status.CONFIRMED, SignUp.Status.WAITING]
    assert len(mail.outbox) == 2
