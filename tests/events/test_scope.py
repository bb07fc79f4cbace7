"""An organiser of one event cannot touch another event, and a co-organiser cannot go beyond the
registrations it brought: every organiser page of the event (found from the URL map, so a new
page is checked too) and the API refuse them, and nothing is written."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rabta.accounts.services import api_token_create
from rabta.core.models import AuditEntry
from rabta.events import services
from rabta.events.models import Event, Registration
from tests.events.conftest import make_participant
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory

# Pages a co-organiser may open (for the registrations it brought).
CO_ORGANISER_PAGES = {"registrations", "invite"}


def _event_pages() -> list[tuple[str, list[str]]]:
    """(name, parameter names) of every organiser page of an event: under .../manage/, the
    participants' list and the programme's attendance list."""
    found = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and prefix.startswith("events/"):
                route = prefix + str(p.pattern)
                if "/manage/" in route or p.name in ("participants", "programme_attendance"):
                    found.append((p.name, re.findall(r"<(?:\w+:)?(\w+)>", route)))

    walk(get_resolver().url_patterns)
    return found


PAGES = _event_pages()


@pytest.fixture
def target(event, organiser):
    """The event under attack, with a pending and an approved registration."""
    make_participant(event, "Sialkot Surgical")
    make_participant(event, "Ural Med", country="RU", approve=False)
    return event


def _url(event: Event, name: str, params: list[str]) -> str:
    registration = Registration.objects.for_event(event).first()
    values = {
        "slug": event.slug,
        "registration_id": registration.pk,
        "table_id": event.tables.first().pk,
        "kind": "table",
        "resource_id": event.tables.first().pk,
        "what": "badges",
    }
    return reverse(f"events:{name}", kwargs={p: values.get(p, 1) for p in params})


def _fingerprint(event: Event) -> tuple:
    return (
        tuple(
            Registration.objects.for_event(event)
            .order_by("pk")
            .values_list("status", "attendance", "brought_by_id")
        ),
        AuditEntry.objects.count(),
        event.tables.count(),
        event.sessions.count(),
        event.co_organisers.count(),
        Event.objects.get(pk=event.pk).name,
    )


def _try_every_page(client, event, skip=()):
    refused = {}
    for name, params in PAGES:
        if name in skip:
            continue
        url = _url(event, name, params)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(
                url,
                {"decision": "approve", "count": 3, "emails": "x@example.org", "code": "AAAA"},
            )
        refused[name] = response.status_code
    return refused


def test_the_url_map_has_the_organiser_pages():
    names = {name for name, _params in PAGES}
    assert {"manage", "registrations", "registration_decide", "schedule", "day", "print"} <= names
    assert {"co_organisers", "programme_manage", "participants"} <= names


def test_an_organiser_of_another_event_is_refused_on_every_page_of_this_one(client, target):
    rival = OrganiserFactory(username="rival")
    own = services.event_create(
        actor=rival, slug="rival-day", name={"en": "Rival day"}, venue={"en": "Hall"},
        time_zone="Asia/Karachi",
    )  # fmt: skip
    assert own.created_by == rival
    before = _fingerprint(target)
    client.force_login(rival)
    statuses = _try_every_page(client, target)
    assert {name: s for name, s in statuses.items() if s not in (403, 404)} == {}
    assert _fingerprint(target) == before


def test_a_member_of_another_organising_body_is_refused(client, target, organiser):
    """An organiser who belongs to the body organising *another* event gets nothing here."""
    body = OrganisationFactory(name={"en": "Karachi Chamber"})
    MemberFactory(organisation=body, user=organiser)
    other = OrganiserFactory()
    MemberFactory(organisation=OrganisationFactory(), user=other)
    before = _fingerprint(target)
    client.force_login(other)
    statuses = _try_every_page(client, target)
    assert {name: s for name, s in statuses.items() if s not in (403, 404)} == {}
    assert _fingerprint(target) == before


def test_a_co_organiser_is_refused_everywhere_but_its_registrations(
    client, target, co_organiser, chamber_rep
):
    """Its clients are none here: the pending registration was brought by the organisers."""
    before = _fingerprint(target)
    client.force_login(chamber_rep)
    statuses = _try_every_page(client, target, skip=CO_ORGANISER_PAGES)
    assert {name: s for name, s in statuses.items() if s not in (403, 404)} == {}
    assert _fingerprint(target) == before


@pytest.mark.parametrize("who", ["rival organiser", "co-organiser"])
def test_the_api_refuses_another_events_registrations_figures_and_exports(
    client, target, co_organiser, chamber_rep, who
):
    user = OrganiserFactory(username="rival") if who == "rival organiser" else chamber_rep
    headers = {"Authorization": f"Bearer {api_token_create(user=user, name='t').key}"}
    pending = Registration.objects.for_event(target).get(status=Registration.Status.PENDING)
    base = f"/api/v1/events/{target.slug}"
    before = _fingerprint(target)
    post = {"content_type": "application/json", "headers": headers}
    statuses = {
        "decide": client.post(
            f"{base}/registrations/{pending.pk}/decide", {"approve": True}, **post
        ).status_code,
        "brought-by": client.put(
            f"{base}/registrations/{pending.pk}/brought-by", {"organisation": None}, **post
        ).status_code,
        "appoint": client.post(
            f"{base}/co-organisers", {"organisation": "lahore-chamber"}, **post
        ).status_code,
        "exports": client.get(f"{base}/exports/participants", headers=headers).status_code,
    }
    if who == "rival organiser":
        statuses["registrations"] = client.get(f"{base}/registrations", headers=headers).status_code
        statuses["dashboard"] = client.get(f"{base}/dashboard", headers=headers).status_code
    assert set(statuses.values()) == {403}, statuses
    assert _fingerprint(target) == before
    if who == "co-organiser":  # it sees its own (none here), not the organisers'
        assert client.get(f"{base}/registrations", headers=headers).json() == []
