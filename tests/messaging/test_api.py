"""The notification centre, messages and announcements in the JSON API."""

from __future__ import annotations

import pytest

from rabta.messaging.models import Message
from tests.events.conftest import rep
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_write_read_and_notifications_over_the_api(client, event, participants):
    surgical, ural = participants[0], participants[1]
    client.force_login(rep(surgical))
    url = f"/api/v1/events/{event.slug}/messages/{ural.pk}"
    sent = client.post(url, {"body": "Пришлите каталог"}, content_type="application/json")
    assert sent.status_code == 201
    assert sent.json()["body"] == "Пришлите каталог"
    client.force_login(rep(ural))
    page = client.get("/api/v1/notifications", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert (page["count"], page["unread"]) == (1, 1)
    assert page["results"][0]["text"] == (
        "Новое сообщение от Sialkot Surgical о мероприятии «День делегации»."
    )
    back = client.get(f"/api/v1/events/{event.slug}/messages/{surgical.pk}").json()
    assert [m["body"] for m in back] == ["Пришлите каталог"]
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 0}


def test_bad_messages_get_clear_errors(client, event, participants, settings):
    surgical = participants[0]
    client.force_login(UserFactory())
    outsider = client.post(
        f"/api/v1/events/{event.slug}/messages/{surgical.pk}",
        {"body": "Hi"},
        content_type="application/json",
    )
    assert outsider.status_code == 403
    client.force_login(rep(participants[1]))
    nobody = client.post(
        f"/api/v1/events/{event.slug}/messages/99999",
        {"body": "Hi"},
        content_type="application/json",
    )
    assert nobody.status_code == 422 and "recipient" in nobody.json()["error"]["fields"]
    settings.RABTA_MESSAGES_PER_HOUR = 0
    limited = client.post(
        f"/api/v1/events/{event.slug}/messages/{surgical.pk}",
        {"body": "Hi"},
        content_type="application/json",
    )
    assert limited.status_code == 422
    assert "сообщений — это предел" in limited.json()["error"]["message"]
    assert client.post("/api/v1/notifications/12345/read").status_code == 404
    assert not Message.objects.exists()


def test_announcements_over_the_api(client, event, organiser, participants):
    url = f"/api/v1/events/{event.slug}/announcements"
    client.force_login(rep(participants[0]))
    assert client.post(url, {"body": "x"}, content_type="application/json").status_code == 403
    client.force_login(organiser)
    bad = client.post(
        url, {"body": "x", "audience": "sector", "sector": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "sector" in bad.json()["error"]["fields"]
    sent = client.post(
        url,
        {"body": "Hall B", "audience": "status", "status": "approved"},
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["reached"] == 4
