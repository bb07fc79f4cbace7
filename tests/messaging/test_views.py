"""The notification centre, conversations and announcements as pages."""

from __future__ import annotations

import pytest

from rabta.messaging.models import Announcement, EmailChoice, Message, Notification
from tests.events.conftest import rep
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def test_writing_from_the_conversation_page_and_the_header_count(client, event, participants):
    surgical, ural = participants[0], participants[1]
    page = _as(client, rep(surgical)).get(f"/messages/{event.slug}/with/{ural.pk}/")
    assert page.status_code == 200
    assert rep(ural).email not in page.content.decode()
    answer = client.post(
        f"/messages/{event.slug}/with/{ural.pk}/", {"body": "<b>Привет</b> from Sialkot"}
    )
    assert answer.status_code == 302
    assert Message.objects.get().body == "<b>Привет</b> from Sialkot"
    reader = _as(client, rep(ural))
    home = reader.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert 'data-unread="1"' in home.content.decode()
    conversation = reader.get(f"/messages/{event.slug}/with/{surgical.pk}/").content.decode()
    assert "&lt;b&gt;Привет&lt;/b&gt; from Sialkot" in conversation  # as written, escaped
    assert 'data-unread="' not in reader.get("/").content.decode()  # opening it read it


def test_the_list_of_conversations_shows_who_wrote(client, event, participants):
    """With a message exchanged, the list of one's conversations was a server error (its
    query of the other participants named no event)."""
    surgical, ural = participants[0], participants[1]
    _as(client, rep(surgical)).post(f"/messages/{event.slug}/with/{ural.pk}/", {"body": "Hello"})
    page = _as(client, rep(ural)).get(f"/messages/{event.slug}/")
    assert page.status_code == 200
    assert f'href="/messages/{event.slug}/with/{surgical.pk}/"' in page.content.decode()


def test_the_participants_page_offers_to_write(client, event, participants):
    page = _as(client, rep(participants[0])).get(f"/events/{event.slug}/participants/")
    assert f'href="/messages/{event.slug}/with/{participants[1].pk}/"' in page.content.decode()


def test_an_outsider_or_a_stranger_registration_gets_404(client, event, participants):
    assert (
        _as(client, UserFactory())
        .get(f"/messages/{event.slug}/with/{participants[0].pk}/")
        .status_code
        == 404
    )
    own = _as(client, rep(participants[0])).get(
        f"/messages/{event.slug}/with/{participants[0].pk}/"
    )
    assert own.status_code == 404
    assert client.get(f"/messages/{event.slug}/with/999999/").status_code == 404


def test_errors_are_shown_in_the_form_nothing_written(client, event, participants, settings):
    settings.RABTA_MESSAGES_PER_HOUR = 0
    _as(client, rep(participants[1]))  # Ural Med reads Russian
    page = client.post(
        f"/messages/{event.slug}/with/{participants[0].pk}/", {"body": "Здравствуйте"}
    )
    assert page.status_code == 200
    assert "сообщений — это предел" in page.content.decode()
    assert (
        client.post(f"/messages/{event.slug}/with/{participants[0].pk}/", {"body": ""}).status_code
        == 200
    )
    assert not Message.objects.exists()


def test_the_centre_lists_marks_read_and_opens(client, event, participants):
    surgical, ural = participants[0], participants[1]
    _as(client, rep(surgical)).post(f"/messages/{event.slug}/with/{ural.pk}/", {"body": "Hi"})
    reader = _as(client, rep(participants[3]))  # Forward Sports reads Urdu
    reader.post(f"/messages/{event.slug}/with/{surgical.pk}/", {"body": "سلام"})
    user = rep(surgical)
    _as(client, user)
    page = client.get("/notifications/").content.decode()
    assert "Forward Sports" in page and "Delegation day" in page
    notification = Notification.objects.get(recipient=user)
    opened = client.post(f"/notifications/{notification.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == notification.link
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    assert (
        client.post(
            f"/notifications/{Notification.objects.get(recipient=rep(ural)).pk}/open/"
        ).status_code
        == 404
    )
    assert client.get("/notifications/?page=abc").status_code == 200
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_e_mail_choices_page(client, participants):
    _as(client, rep(participants[0]))
    assert client.get("/notifications/e-mail/").status_code == 200
    client.post("/notifications/e-mail/", {"requests": "on", "answers": "on", "changes": "on"})
    choice = EmailChoice.objects.get(user=rep(participants[0]))
    assert (choice.requests, choice.messages, choice.announcements) == (True, False, False)


def test_announcements_page_for_managers_only(client, event, organiser, participants):
    url = f"/messages/{event.slug}/announcements/"
    assert _as(client, rep(participants[0])).get(url).status_code == 404
    _as(client, organiser)
    bad = client.post(url, {"audience": "country", "country": "", "body": "Hall B"})
    assert bad.status_code == 200 and "Choose a country." in bad.content.decode()
    assert not Announcement.objects.exists()
    sent = client.post(url, {"audience": "country", "country": "PK", "body": "Hall B"}, follow=True)
    assert "sent to 2 people" in sent.content.decode()
    announcement = Announcement.objects.get()
    detail = f"/messages/{event.slug}/announcements/{announcement.pk}/"
    assert "Hall B" in _as(client, rep(participants[0])).get(detail).content.decode()
    assert _as(client, rep(participants[1])).get(detail).status_code == 404  # not in Pakistan
