"""Someone who runs two organisations registers the second one for an event the first already
takes part in: the page offered nothing but "Your organisation is already registered"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rabta.core.exceptions import InvalidInput
from rabta.events import selectors, services
from rabta.events.models import Registration
from tests.events.conftest import make_participant
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(event):
    """Lahore Leather is registered, its rep attending; the rep also runs Kazan Optics, whose
    colleague Ivan is a member of Kazan Optics only."""
    registration = make_participant(event, "Lahore Leather")
    person = registration.attendees.get()
    second = OrganisationFactory(name={"en": "Kazan Optics"}, country="RU")
    MemberFactory(organisation=second, user=person)
    colleague = UserFactory(username="ivan", full_name="Ivan Petrov")
    MemberFactory(organisation=second, user=colleague)
    return registration, person, second, colleague


def test_the_second_organisation_is_offered_with_the_first_named(client, event, both):
    registration, person, second, colleague = both
    client.force_login(person)
    detail = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "Register another of your organisations" in detail

    page = client.get(reverse("events:register", args=[event.slug]))

    assert page.status_code == 200
    content = page.content.decode()
    assert "Already registered for this event: <bdi>Lahore Leather</bdi>" in content
    assert "Kazan Optics" in content
    attendees = page.context["form"].fields["attendees"].queryset
    assert list(attendees) == [colleague]  # the rep attends for Lahore Leather already

    response = client.post(
        reverse("events:register", args=[event.slug]),
        {
            "attendees": [colleague.pk],
            "sessions": [s.pk for s in event.sessions.all()],
            "languages": ["ru"],
        },
    )
    assert response.status_code == 302
    assert Registration.objects.for_event(event).filter(organisation=second).exists()
    # the rep's agenda stays the one they attend for; Ivan's is Kazan Optics'
    assert selectors.my_registration(event, person) == registration
    assert selectors.my_registration(event, colleague).organisation == second
    # both registered: nothing more to register
    again = client.get(reverse("events:register", args=[event.slug]))
    assert again.status_code == 302
    detail = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "Register another of your organisations" not in detail


def test_nobody_attends_for_two_organisations(event, both):
    _registration, person, second, _colleague = both
    with pytest.raises(InvalidInput) as error:
        services.registration_create(
            actor=person, event=event, organisation=second, attendees=[person],
            sessions=list(event.sessions.all()), languages=["en"],
        )  # fmt: skip
    assert error.value.field_errors["attendees"] == [
        "Lahore Leather rep already attends this event for Lahore Leather."
    ]
