"""An event's venue and city are translatable: the data migration, the pages, the form."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from rabta.events.models import Event
from tests.factories import UserFactory

BEFORE = [("events", "0009_event_invitation")]
AFTER = [("events", "0010_translatable_venue")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_venue_and_city_text_into_english():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = UserFactory(username="old-organiser")  # accounts is not rolled back
    OldEvent = old.get_model("events", "Event")
    OldEvent.objects.create(
        slug="old-day", name={"en": "Old day"}, venue="SCCI auditorium", city="Sialkot",
        created_by_id=user.pk,
    )  # fmt: skip
    OldEvent.objects.create(
        slug="no-city", name={"en": "No city"}, venue="Hall", city="", created_by_id=user.pk
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Event.objects.get(slug="old-day").venue == {"en": "SCCI auditorium"}
    assert Event.objects.get(slug="old-day").city == {"en": "Sialkot"}
    assert Event.objects.get(slug="no-city").venue == {"en": "Hall"}
    assert Event.objects.get(slug="no-city").city == {}


def test_the_urdu_page_shows_the_urdu_venue_and_the_english_page_the_english_one(client, event):
    event.venue = {"en": "SCCI auditorium", "ur": "ایس سی سی آئی آڈیٹوریم"}
    event.city = {"en": "Sialkot", "ru": "Сиалкот", "ur": "سیالکوٹ"}
    event.save(update_fields=["venue", "city"])
    url = reverse("events:detail", args=[event.slug])
    client.cookies["django_language"] = "ur"
    urdu = client.get(url, HTTP_ACCEPT_LANGUAGE="ur").text
    assert "ایس سی سی آئی آڈیٹوریم" in urdu and "سیالکوٹ" in urdu
    assert "SCCI auditorium" not in urdu
    client.cookies["django_language"] = "ru"
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").text
    # no Russian venue: the English one, marked as English inside the Russian page
    assert 'lang="en" dir="ltr">SCCI auditorium</bdi>' in russian
    assert "Сиалкот" in russian


def test_the_api_returns_the_venue_resolved_and_whole(client, event):
    event.venue = {"en": "SCCI auditorium", "ru": "Зал SCCI"}
    event.save(update_fields=["venue"])
    client.cookies["django_language"] = "ru"
    data = client.get(f"/api/v1/events/{event.slug}", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert data["venue"] == "Зал SCCI"
    assert data["venues"] == {"en": "SCCI auditorium", "ru": "Зал SCCI"}
