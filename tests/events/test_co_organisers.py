"""Co-organisers: partner organisations that validate the registrations they brought, and only
those, and see the event's figures for their own clients."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from rabta.accounts.services import api_token_create
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.models import AuditEntry
from rabta.events import co_organisers, services
from rabta.events.models import CoOrganiser, MeetingRequest, Registration
from rabta.organisations.models import Organisation
from rabta.reports.selectors import clients_only, dashboard
from tests.events.conftest import make_participant, rep
from tests.factories import MemberFactory, OrganisationFactory, UserFactory


def bring(organiser, registration: Registration, organisation) -> Registration:
    return co_organisers.registration_set_brought_by(
        actor=organiser, registration=registration, organisation=organisation
    )


@pytest.fixture
def client_registration(event, organiser, co_organiser, chamber):
    """A pending registration the chamber brought."""
    registration = make_participant(event, "Ural Med", country="RU", approve=False)
    return bring(organiser, registration, chamber)


@pytest.fixture
def other_registration(event):
    """A pending registration the organisers brought themselves."""
    return make_participant(event, "Forward Sports", approve=False)


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').key}"}


# --- appointing -----------------------------------------------------------------------------


def test_an_organiser_appoints_a_partner_chamber_and_its_admin_is_told_in_russian(
    event, organiser, chamber, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointed = co_organisers.co_organiser_appoint(
            actor=organiser, event=event, organisation=chamber
        )
    assert appointed.appointed_by == organiser
    # Only the administrator is e-mailed, in their own language, with the event's Russian name.
    assert [m.to for m in mail.outbox] == [["chamber-admin@example.org"]]
    message = mail.outbox[0]
    assert "День делегации" in message.subject
    assert "соорганизатор" in message.body
    assert f"/events/{event.slug}/manage/registrations/" in message.body
    entry = AuditEntry.objects.get(action="rabta.event.co_organiser.appointed")
    assert (entry.actor, entry.data) == (organiser, {"organisation": "lahore-chamber"})


@pytest.mark.parametrize(
    "case", ["twice", "pending organisation", "the organising body", "nothing"]
)
def test_appointing_a_wrong_organisation_is_refused_with_a_message(event, organiser, chamber, case):
    organisation = {
        "twice": chamber,
        "pending organisation": OrganisationFactory(validation=Organisation.Validation.PENDING),
        "the organising body": chamber,
        "nothing": None,
    }[case]
    if case == "twice":
        co_organisers.co_organiser_appoint(actor=organiser, event=event, organisation=chamber)
    if case == "the organising body":
        services.event_update(actor=organiser, event=event, organiser=chamber)
    before = CoOrganiser.objects.for_event(event).count()
    with pytest.raises(InvalidInput) as error:
        co_organisers.co_organiser_appoint(actor=organiser, event=event, organisation=organisation)
    assert error.value.field_errors["organisation"]
    assert CoOrganiser.objects.for_event(event).count() == before


def test_a_co_organiser_cannot_appoint_another_or_remove_itself(event, co_organiser, chamber_rep):
    with pytest.raises(NotPermitted):
        co_organisers.co_organiser_appoint(
            actor=chamber_rep, event=event, organisation=OrganisationFactory()
        )
    with pytest.raises(NotPermitted):
        co_organisers.co_organiser_remove(actor=chamber_rep, co_organiser=co_organiser)
    assert CoOrganiser.objects.for_event(event).count() == 1


def test_the_co_organisers_page_appoints_and_removes(client, event, organiser, chamber):
    client.force_login(organiser)
    url = reverse("events:co_organisers", args=[event.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "Lahore Chamber" in page.text  # offered in the list
    response = client.post(url, {"organisation": chamber.pk})
    assert response.status_code == 302
    found = CoOrganiser.objects.for_event(event).get()
    assert "Lahore Chamber" in client.get(reverse("events:detail", args=[event.slug])).text
    bad = client.post(url, {"organisation": chamber.pk})  # no longer offered
    assert bad.status_code == 422
    client.post(reverse("events:co_organiser_remove", args=[event.slug, found.pk]))
    assert not CoOrganiser.objects.for_event(event).exists()
    assert AuditEntry.objects.filter(action="rabta.event.co_organiser.removed").count() == 1


# --- who brought a registration ---------------------------------------------------------------


def test_a_co_organisers_invitation_records_it_as_who_brought_the_registration(
    client, event, co_organiser, chamber, chamber_rep, django_capture_on_commit_callbacks
):
    guest = MemberFactory(
        organisation=OrganisationFactory(name={"en": "Kazan Sports"}, country="RU")
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        services.event_invite(actor=chamber_rep, event=event, emails=[guest.email])
    link = re.search(r"(/events/invitations/\S+/)", mail.outbox[-1].body).group(1)
    client.force_login(guest)
    assert client.get(link, follow=True).status_code == 200
    client.post(
        reverse("events:register", args=[event.slug]),
        {
            "attendees": [guest.pk],
            "sessions": [s.pk for s in event.sessions.all()],
            "languages": ["ru"],
        },
    )
    registration = Registration.objects.for_event(event).get(registered_by=guest)
    assert registration.brought_by == chamber
    entry = AuditEntry.objects.get(action="rabta.event.invited")
    assert (entry.actor, entry.data["brought_by"]) == (chamber_rep, "lahore-chamber")


def test_an_invitation_from_a_removed_co_organiser_brings_nobody(
    event, organiser, co_organiser, chamber
):
    from rabta.events.invitations import Invitation

    co_organisers.co_organiser_remove(actor=organiser, co_organiser=co_organiser)
    guest = MemberFactory(organisation=OrganisationFactory()).user
    registration = services.registration_create(
        actor=guest, event=event, organisation=guest.memberships.get().organisation,
        attendees=[guest], sessions=list(event.sessions.all()), languages=["en"],
        invitation=Invitation(event.pk, chamber.pk),
    )  # fmt: skip
    assert registration.brought_by is None


def test_the_organiser_sets_who_brought_a_registration_and_nobody_else_can(
    client, event, organiser, co_organiser, chamber, chamber_rep, other_registration
):
    client.force_login(organiser)
    url = reverse("events:registration_brought_by", args=[event.slug, other_registration.pk])
    client.post(url, {"brought_by": chamber.pk})
    other_registration.refresh_from_db()
    assert other_registration.brought_by == chamber
    assert AuditEntry.objects.filter(action="rabta.event.registration.brought_by").count() == 1
    with pytest.raises(InvalidInput):
        bring(organiser, other_registration, OrganisationFactory())  # not a co-organiser
    with pytest.raises(NotPermitted):
        bring(chamber_rep, other_registration, None)
    client.force_login(chamber_rep)
    assert client.post(url, {"brought_by": ""}).status_code == 403
    other_registration.refresh_from_db()
    assert other_registration.brought_by == chamber


# --- validating ---------------------------------------------------------------------------------


def test_a_co_organiser_validates_its_client_and_is_refused_for_others(
    client, event, chamber_rep, client_registration, other_registration
):
    client.force_login(chamber_rep)
    decide = "events:registration_decide"
    response = client.post(
        reverse(decide, args=[event.slug, client_registration.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse(decide, args=[event.slug, other_registration.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    client_registration.refresh_from_db()
    other_registration.refresh_from_db()
    assert client_registration.status == Registration.Status.APPROVED
    assert other_registration.status == Registration.Status.PENDING
    entry = AuditEntry.objects.get(action="rabta.event.registration.approved")
    assert entry.actor == chamber_rep


def test_a_co_organiser_sees_only_its_clients_on_the_registrations_page(
    client, event, chamber_rep, client_registration, other_registration
):
    client.force_login(chamber_rep)
    page = client.get(reverse("events:registrations", args=[event.slug]))
    assert page.status_code == 200
    assert "Ural Med" in page.text
    assert "Forward Sports" not in page.text
    assert "Invite the organisations you bring" in page.text
    listing = client.get(reverse("events:list")).text
    assert "Events you co-organise" in listing


def test_the_api_lets_a_co_organiser_validate_its_clients_only(
    client, event, chamber_rep, client_registration, other_registration
):
    headers = _bearer(chamber_rep)
    base = f"/api/v1/events/{event.slug}/registrations"
    listed = client.get(base, headers=headers).json()
    assert [r["organisation"] for r in listed] == ["Ural Med"]
    assert listed[0]["brought_by"] == "lahore-chamber"
    ok = client.post(
        f"{base}/{client_registration.pk}/decide",
        {"approve": False},
        content_type="application/json",
        headers=headers,
    )
    assert (ok.status_code, ok.json()["status"]) == (200, "rejected")
    refused = client.post(
        f"{base}/{other_registration.pk}/decide",
        {"approve": True},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    other_registration.refresh_from_db()
    assert other_registration.status == Registration.Status.PENDING


def test_the_api_appoints_lists_and_removes_co_organisers(client, event, organiser, chamber):
    headers = _bearer(organiser)
    base = f"/api/v1/events/{event.slug}/co-organisers"
    created = client.post(
        base, {"organisation": "lahore-chamber"}, content_type="application/json", headers=headers
    )
    assert created.status_code == 201
    assert created.json()["organisation_slug"] == "lahore-chamber"
    unknown = client.post(
        base, {"organisation": "no-such-body"}, content_type="application/json", headers=headers
    )
    assert unknown.status_code == 422
    assert [c["organisation_slug"] for c in client.get(base, headers=headers).json()] == [
        "lahore-chamber"
    ]
    assert client.delete(f"{base}/lahore-chamber", headers=headers).status_code == 204
    assert client.get(base, headers=headers).json() == []


def test_a_co_organiser_cannot_appoint_through_the_api(client, event, co_organiser, chamber_rep):
    response = client.post(
        f"/api/v1/events/{event.slug}/co-organisers",
        {"organisation": OrganisationFactory().slug},
        content_type="application/json",
        headers=_bearer(chamber_rep),
    )
    assert response.status_code == 403
    assert CoOrganiser.objects.for_event(event).count() == 1


def test_a_removed_co_organiser_loses_its_rights_at_once(
    client, event, organiser, co_organiser, chamber_rep, client_registration
):
    co_organisers.co_organiser_remove(actor=organiser, co_organiser=co_organiser)
    client.force_login(chamber_rep)
    assert client.get(reverse("events:registrations", args=[event.slug])).status_code == 403
    with pytest.raises(NotPermitted):
        services.registration_decide(
            actor=chamber_rep, registration=client_registration, approve=True
        )
    client_registration.refresh_from_db()
    assert client_registration.brought_by_id is not None  # the record stays


def test_a_co_organiser_sees_its_unlisted_event(
    client, event, organiser, co_organiser, chamber_rep
):
    services.event_update(actor=organiser, event=event, is_listed=False)
    client.force_login(chamber_rep)
    page = client.get(reverse("events:detail", args=[event.slug]))
    assert page.status_code == 200
    assert "Registrations of your organisations" in page.text


# --- figures ----------------------------------------------------------------------------------


@pytest.fixture
def busy_event(event, organiser, co_organiser, chamber):
    """Four approved participants, one brought by the chamber; three requests, one involving it."""
    ural = make_participant(event, "Ural Med", country="RU")
    bring(organiser, ural, chamber)
    sialkot = make_participant(event, "Sialkot Surgical")
    kazan = make_participant(event, "Kazan Sports", country="RU")
    forward = make_participant(event, "Forward Sports")
    services.meeting_request_send(actor=rep(ural), sender=ural, recipient=sialkot)
    services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=forward)
    services.meeting_request_send(actor=rep(kazan), sender=kazan, recipient=sialkot)
    return event


def test_a_co_organiser_sees_the_figures_of_its_clients_only(
    client, busy_event, organiser, chamber_rep
):
    event = busy_event
    whole = dashboard([event])
    assert (whole.registrations, whole.requests) == (4, 3)
    assert MeetingRequest.objects.for_event(event).count() == 3

    mine = dashboard([event], clients_only=clients_only(chamber_rep, [event]))
    assert (mine.registrations, mine.requests) == (1, 1)
    assert clients_only(organiser, [event]) == {}

    client.force_login(chamber_rep)
    page = client.get(reverse("reports:dashboard"), {"event": event.slug})
    assert page.status_code == 200
    assert page.context["data"].registrations == 1
    assert "data-clients-only" in page.text
    assert reverse("reports:event_export", args=[event.slug, "participants", "csv"]) not in (
        page.text
    )
    figures = client.get(f"/api/v1/events/{event.slug}/dashboard", headers=_bearer(chamber_rep))
    assert figures.status_code == 200
    assert (figures.json()["registrations"], figures.json()["requests"]) == (1, 1)
    assert figures.json()["clients_only"] == [event.slug]
    # Across events too: the co-organised event counts its clients only.
    every = client.get("/api/v1/reports/dashboard", headers=_bearer(chamber_rep)).json()
    assert (every["events"], every["registrations"]) == ([event.slug], 1)


def test_someone_outside_the_event_gets_no_figures(client, busy_event):
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    response = client.get(f"/api/v1/events/{busy_event.slug}/dashboard", headers=_bearer(stranger))
    assert response.status_code == 403
