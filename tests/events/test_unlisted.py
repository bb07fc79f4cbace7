"""An unlisted event: its name shows only to its organisers, its participants and the holders of
its invitation link; everyone else gets 404 everywhere (pages, API, initiatives)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rabta.core.exceptions import InvalidInput
from rabta.events import services
from rabta.events.invitations import invitation_token
from rabta.events.models import Registration
from rabta.initiatives.models import Initiative
from tests.events.conftest import make_participant
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

SECRET = "Delegation day"


@pytest.fixture
def unlisted(event, organiser):
    return services.event_update(actor=organiser, event=event, is_listed=False)


@pytest.fixture
def stranger(db):
    """A member of an approved organisation, never invited."""
    return MemberFactory(organisation=OrganisationFactory(name={"en": "Outsider Traders"})).user


def _invitation_url(event, token: str) -> str:
    return f"{reverse('events:register', args=[event.slug])}?invitation={token}"


@pytest.mark.parametrize(
    "page",
    ["events:detail", "events:register", "events:programme", "reports:my_feedback"],
)
def test_a_stranger_guessing_an_unlisted_events_address_gets_404_and_not_its_name(
    client, unlisted, stranger, page
):
    client.force_login(stranger)
    response = client.get(reverse(page, args=[unlisted.slug]))
    assert response.status_code == 404
    assert SECRET not in response.text


def test_the_api_does_not_name_an_unlisted_event_to_a_stranger(client, unlisted, stranger):
    client.force_login(stranger)
    for path in (f"/api/v1/events/{unlisted.slug}", f"/api/v1/events/{unlisted.slug}/programme"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET not in response.text
    assert SECRET not in client.get("/api/v1/events").text
    response = client.post(
        f"/api/v1/events/{unlisted.slug}/registrations",
        {"sessions": [], "languages": ["en"]},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_an_anonymous_visitor_gets_404_for_an_unlisted_event(client, unlisted):
    response = client.get(reverse("events:detail", args=[unlisted.slug]))
    assert response.status_code == 404
    assert SECRET not in response.text


def test_the_invitation_e_mail_opens_the_unlisted_event_and_lets_the_guest_register(
    client, unlisted, organiser, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.event_invite(actor=organiser, event=unlisted, emails=[stranger.email])
    link = re.search(r"(/events/invitations/\S+/)", mailoutbox[0].body).group(1)
    client.force_login(stranger)

    # The e-mail's link leads on to the registration page, carrying the signed invitation.
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0].startswith(
        reverse("events:register", args=[unlisted.slug]) + "?invitation="
    )
    assert SECRET in page.text
    # The session remembers the invitation: the form posts without the token in the address.
    response = client.post(
        reverse("events:register", args=[unlisted.slug]),
        {
            "attendees": [stranger.pk],
            "sessions": [s.pk for s in unlisted.sessions.all()],
            "languages": ["en"],
        },
    )
    assert response.status_code == 302
    assert Registration.objects.for_event(unlisted).filter(registered_by=stranger).exists()
    # Registered, the guest keeps seeing the event.
    assert client.get(reverse("events:detail", args=[unlisted.slug])).status_code == 200


def test_an_invitation_to_another_event_or_a_forged_one_does_not_open_an_unlisted_event(
    client, unlisted, organiser, stranger
):
    other = services.event_create(
        actor=organiser, slug="other-day", name={"en": "Other day"}, venue={"en": "Hall"},
        time_zone="Asia/Karachi",
    )  # fmt: skip
    client.force_login(stranger)
    for token in (invitation_token(other), invitation_token(unlisted) + "x", "a" * 600, ""):
        response = client.get(_invitation_url(unlisted, token))
        assert response.status_code == 404
        assert SECRET not in response.text


def test_an_unlisted_event_refuses_a_registration_without_its_invitation(unlisted, stranger):
    organisation = stranger.memberships.get().organisation
    with pytest.raises(InvalidInput, match="not open"):
        services.registration_create(
            actor=stranger, event=unlisted, organisation=organisation, attendees=[stranger],
            sessions=list(unlisted.sessions.all()), languages=["en"],
        )  # fmt: skip


def test_registered_participants_still_see_their_unlisted_event(client, event, organiser):
    registration = make_participant(event, "Sialkot Surgical")
    services.event_update(actor=organiser, event=event, is_listed=False)
    client.force_login(registration.attendees.get())
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 200
    assert client.get(f"/api/v1/events/{event.slug}").status_code == 200


def test_an_initiative_does_not_name_its_unlisted_event_to_the_public(client, unlisted, organiser):
    initiative = Initiative.objects.create(
        slug="corridor", title={"en": "Corridor"}, is_public=True, created_by=organiser
    )
    initiative.events.add(unlisted)
    page = client.get(reverse("initiatives:detail", args=[initiative.slug]))
    assert page.status_code == 200
    assert SECRET not in page.text
    client.force_login(organiser)
    assert SECRET in client.get(reverse("initiatives:detail", args=[initiative.slug])).text


def test_the_initiative_form_offers_no_unlisted_event_of_someone_else(client, unlisted):
    from rabta.initiatives.forms import InitiativeForm

    other_organiser = UserFactory(is_organiser=True)
    assert unlisted not in InitiativeForm(user=other_organiser).fields["events"].queryset
    assert unlisted in InitiativeForm(user=unlisted.created_by).fields["events"].queryset
