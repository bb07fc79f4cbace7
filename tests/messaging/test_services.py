"""Messages, announcements and the notification centre: services."""

from __future__ import annotations

import pytest
from django.utils import translation

from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.events import services as event_services
from rabta.messaging import selectors, services
from rabta.messaging.models import Message, Notification
from tests.events.conftest import make_participant, rep
from tests.factories import SectorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_participant_writes_to_another_and_they_are_told_in_their_language(
    participants, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural = participants[0], participants[1]
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(
            actor=rep(surgical), sender=surgical, recipient=ural, body="Скальпели — 500 шт.?"
        )
    assert Message.objects.get().body == "Скальпели — 500 шт.?"  # kept as written
    notification = Notification.objects.get(recipient=rep(ural))
    assert notification.kind == "message"
    assert notification.link == f"/messages/delegation-day/with/{surgical.pk}/"
    with translation.override("ru"):
        assert (
            str(notification)
            == "Новое сообщение от Sialkot Surgical о мероприятии «День делегации»."
        )
    assert selectors.unread_count(rep(ural)) == 1
    assert [m.to for m in mailoutbox] == [["u-Ural Med@example.org"]]
    assert mailoutbox[0].subject == "Сообщение от Sialkot Surgical"
    assert "Скальпели — 500 шт.?" in mailoutbox[0].body
    assert "@" not in mailoutbox[0].body.split("Скальпели")[0].replace("u-Ural Med", "")
    assert message.author == rep(surgical)


def test_no_contact_details_reach_the_other_side(participants):
    surgical, ural = participants[0], participants[1]
    services.message_send(actor=rep(surgical), sender=surgical, recipient=ural, body="Hello")
    notification = Notification.objects.get(recipient=rep(ural))
    assert rep(surgical).email not in str(notification.params)


def test_someone_outside_the_event_cannot_write(event, participants):
    ural = participants[1]
    outsider = UserFactory(username="outsider")
    with pytest.raises(NotPermitted):
        services.message_send(actor=outsider, sender=participants[0], recipient=ural, body="Hi")
    assert not Message.objects.exists()


def test_nobody_writes_to_a_registration_that_is_not_approved(event, participants):
    pending = make_participant(event, "Lahore Leather", approve=False)
    with pytest.raises(InvalidInput) as error:
        services.message_send(
            actor=rep(participants[0]), sender=participants[0], recipient=pending, body="Hi"
        )
    assert "recipient" in error.value.field_errors
    with pytest.raises(NotPermitted):  # nor does a pending one write
        services.message_send(
            actor=rep(pending), sender=pending, recipient=participants[0], body="Hi"
        )
    assert not Message.objects.exists()


def test_a_message_to_oneself_or_empty_is_refused(participants):
    surgical = participants[0]
    with pytest.raises(InvalidInput):
        services.message_send(actor=rep(surgical), sender=surgical, recipient=surgical, body="Hi")
    with pytest.raises(InvalidInput) as error:
        services.message_send(
            actor=rep(surgical), sender=surgical, recipient=participants[1], body="   "
        )
    assert error.value.field_errors["body"] == ["Write a message first."]
    with pytest.raises(InvalidInput):
        services.message_send(
            actor=rep(surgical), sender=surgical, recipient=participants[1], body="x" * 2001
        )
    assert not Message.objects.exists()


def test_messages_are_rate_limited_per_author(participants, settings):
    settings.RABTA_MESSAGES_PER_HOUR = 3
    surgical, ural, kazan = participants[0], participants[1], participants[2]
    for n in range(3):
        services.message_send(
            actor=rep(surgical), sender=surgical, recipient=ural if n % 2 else kazan, body=f"{n}"
        )
    with translation.override("ur"), pytest.raises(InvalidInput) as error:
        services.message_send(actor=rep(surgical), sender=surgical, recipient=ural, body="more")
    assert "3" in str(error.value.message)
    assert str(error.value.message) != (
        "You have sent 3 messages in the last hour, the most allowed. Please write again later."
    )  # it is in Urdu
    assert Message.objects.count() == 3
    services.message_send(
        actor=rep(ural), sender=ural, recipient=surgical, body="reply"
    )  # others may


def test_an_announcement_reaches_the_filtered_group_only(
    event, organiser, participants, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announcement = services.announcement_send(
            actor=organiser, event=event, body="Буфет на 2 этаже", audience="country", country="ru"
        )
    reached = set(
        Notification.objects.filter(kind="announcement").values_list("recipient", flat=True)
    )
    assert reached == {rep(participants[1]).pk, rep(participants[2]).pk}
    assert announcement.reached == 2
    assert sorted(m.to[0] for m in mailoutbox) == [
        "u-Kazan Sports@example.org",
        "u-Ural Med@example.org",
    ]
    assert all("Буфет на 2 этаже" in m.body for m in mailoutbox)
    assert selectors.announcement_for(event, announcement.pk, rep(participants[1])) == announcement
    assert selectors.announcement_for(event, announcement.pk, rep(participants[0])) is None


def test_an_announcement_by_sector_and_by_state(event, organiser, participants):
    sector = SectorFactory(code="surgical", name={"en": "Surgical instruments"})
    participants[0].organisation.sectors.add(sector)
    pending = make_participant(event, "Lahore Leather", approve=False)
    by_sector = services.announcement_send(
        actor=organiser, event=event, body="Hall B", audience="sector", sector=sector
    )
    assert by_sector.reached == 1
    by_state = services.announcement_send(
        actor=organiser, event=event, body="Please complete", audience="status", status="pending"
    )
    assert by_state.reached == 1
    assert Notification.objects.filter(recipient=rep(pending), kind="announcement").count() == 1
    everyone = services.announcement_send(actor=organiser, event=event, body="Welcome")
    assert everyone.reached == 4


def test_only_managers_announce_and_bad_filters_are_refused(event, organiser, participants):
    with pytest.raises(NotPermitted):
        services.announcement_send(actor=rep(participants[0]), event=event, body="Spam")
    with pytest.raises(InvalidInput) as error:
        services.announcement_send(
            actor=organiser, event=event, body="Hi", audience="country", country="XX"
        )
    assert "country" in error.value.field_errors
    with pytest.raises(InvalidInput):
        services.announcement_send(
            actor=organiser, event=event, body="Hi", audience="status", status="x"
        )
    with pytest.raises(InvalidInput):
        services.announcement_send(actor=organiser, event=event, body="Hi", audience="nobody")
    assert not Notification.objects.exists()


def test_requests_and_answers_are_notified_beside_the_e_mail(
    participants, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural = participants[0], participants[1]
    with django_capture_on_commit_callbacks(execute=True):
        request = event_services.meeting_request_send(
            actor=rep(surgical), sender=surgical, recipient=ural, message="Scalpels"
        )
        event_services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    received = Notification.objects.get(recipient=rep(ural))
    accepted = Notification.objects.get(recipient=rep(surgical))
    assert (received.kind, accepted.kind) == ("request_received", "request_accepted")
    assert received.link == "/events/delegation-day/requests/"
    with translation.override("ur"):
        assert "Sialkot Surgical" in str(received)
    assert str(accepted) == "Ural Med accepted your meeting request at Delegation day."
    assert len(mailoutbox) == 2


def test_a_person_who_chose_no_e_mail_still_gets_the_notification(
    participants, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural = participants[0], participants[1]
    services.email_choice_update(actor=rep(ural), requests=False, messages=False)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.meeting_request_send(
            actor=rep(surgical), sender=surgical, recipient=ural, message="Scalpels"
        )
        services.message_send(actor=rep(surgical), sender=surgical, recipient=ural, body="Hi")
    assert mailoutbox == []
    assert selectors.unread_count(rep(ural)) == 2
    with pytest.raises(InvalidInput):
        services.email_choice_update(actor=rep(ural), spam=True)


def test_marking_read_one_all_and_a_conversation(event, participants):
    surgical, ural, kazan = participants[0], participants[1], participants[2]
    services.message_send(actor=rep(surgical), sender=surgical, recipient=ural, body="1")
    services.message_send(actor=rep(kazan), sender=kazan, recipient=ural, body="2")
    services.announcement_send(actor=event.created_by, event=event, body="3")
    user = rep(ural)
    assert selectors.unread_count(user) == 3
    assert services.conversation_mark_read(actor=user, event=event, other=surgical) == 1
    assert selectors.unread_count(user) == 2
    other = Notification.objects.filter(recipient=user, read_at__isnull=True).first()
    with pytest.raises(NotFound):  # someone else's notification
        services.notification_mark_read(actor=rep(surgical), notification_id=other.pk)
    services.notification_mark_read(actor=user, notification_id=other.pk)
    assert selectors.unread_count(user) == 1
    assert services.notifications_mark_all_read(actor=user) == 1
    assert selectors.unread_count(user) == 0


def test_an_unknown_event_mail_gets_a_general_sentence(event, participants):
    from rabta.events import notifications

    notifications.tell(
        [rep(participants[0])], "reminder", notifications._event_context(event) | {"meetings": 2}
    )
    reminder = Notification.objects.get()
    assert str(reminder) == "Delegation day is coming soon: see your agenda."
    Notification.objects.update(kind="something_new")
    assert str(Notification.objects.get()) == "News about Delegation day."


def test_leaving_exports_ones_messages_and_deletes_ones_notifications(client, participants):
    import json

    from django.urls import reverse

    surgical, ural = participants[0], participants[1]
    services.message_send(actor=rep(surgical), sender=surgical, recipient=ural, body="Каталог?")
    client.force_login(rep(surgical))
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    assert [m["body"] for m in data["messages_written"]] == ["Каталог?"]
    client.force_login(rep(ural))
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    assert [n["kind"] for n in data["notifications"]] == ["message"]
    author = rep(surgical)
    author.delete()
    assert Message.objects.get().author is None  # the conversation keeps the message


def test_a_published_agenda_is_in_the_centre(
    event, organiser, participants, django_capture_on_commit_callbacks
):
    from rabta.events import meeting_services, schedule
    from rabta.events.models import Slot

    surgical, ural = participants[0], participants[2]  # they share English
    request = event_services.meeting_request_send(
        actor=rep(surgical), sender=surgical, recipient=ural
    )
    event_services.meeting_request_answer(actor=rep(ural), request=request, accept=True)
    meeting_services.meeting_place(
        actor=organiser,
        request=request,
        slot=Slot.objects.for_event(event).order_by("start").first(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        schedule.schedule_publish(actor=organiser, event=event)

    published = Notification.objects.filter(kind="agenda_published", recipient=rep(ural)).get()
    assert str(published) == "Your agenda for Delegation day is published."
    assert published.link == "/events/delegation-day/agenda/"
