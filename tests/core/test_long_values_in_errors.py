"""A hostile client sends a 10,000-character value where a choice is expected: the error says
the choice is not available, in the reader's language, and never prints the value back —
on a form's page, in the API's error body and in a flash message alike."""

import html
import json

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from rabta.api import on_django_validation_error
from tests.marketplace.helpers import opportunity_data, participant

LONG = "A" * 10_000


class KindForm(forms.Form):
    kind = forms.ChoiceField(choices=[("offer", "Offer"), ("request", "Request")])
    kinds = forms.MultipleChoiceField(choices=[("offer", "Offer")])


def shown(errors) -> str:
    """A list of errors as a page shows it (the form renderer writes it)."""
    return html.unescape(str(errors))


def test_a_long_choice_is_not_echoed_and_a_short_one_still_is():
    form = KindForm({"kind": LONG, "kinds": [LONG]})
    assert not form.is_valid()
    for message in (shown(form["kind"].errors), shown(form["kinds"].errors), shown(form)):
        assert "A" * 41 not in message
        assert "AAAA…" in message
    assert len(shown(form["kind"].errors)) < 200
    short = KindForm({"kind": "ofer", "kinds": ["offer"]})
    assert not short.is_valid()
    assert "ofer is not one of the available choices" in shown(short["kind"].errors)


def test_the_shortened_message_is_translated():
    with translation.override("ur"):
        form = KindForm({"kind": LONG, "kinds": ["offer"]})
        message = shown(form["kind"].errors)
    assert "درست انتخاب" in message
    assert "A" * 41 not in message


def test_model_validation_and_nested_errors_are_shortened_in_the_api_error_body():
    error = ValidationError(
        {
            "field": [
                ValidationError("Value %(value)r is not a valid choice.", params={"value": LONG})
            ]
        }
    )
    response = on_django_validation_error(RequestFactory().post("/api/v1/x"), error)
    assert response.status_code == 422
    [message] = json.loads(response.content)["error"]["fields"]["field"]
    assert message.startswith("Value 'AAAA")
    assert len(message) < 100


@pytest.mark.django_db
def test_a_hostile_country_sent_to_the_api_is_not_printed_back(client):
    user, _organisation = participant()
    client.force_login(user)
    response = client.post(
        "/api/v1/opportunities",
        opportunity_data(countries=[LONG]),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    assert "A" * 41 not in response.content.decode()
    [message] = response.json()["error"]["fields"]["countries"]
    assert "AAAA…" in message


@pytest.mark.django_db
def test_a_hostile_kind_on_the_opportunity_form_is_not_printed_back(client):
    user, _organisation = participant()
    client.force_login(user)
    response = client.post(
        reverse("marketplace:create"),
        {"kind": LONG, "role": LONG, "languages": [LONG], "title_en": "Footballs"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "A" * 41 not in content
    assert "Выберите вариант из списка" in content


@pytest.mark.django_db
def test_a_hostile_session_id_in_a_flash_message_is_not_printed_back(client):
    from tests.events.conftest import make_event
    from tests.factories import OrganiserFactory

    organiser = OrganiserFactory(username="organiser")
    event = make_event(organiser)
    client.force_login(organiser)
    response = client.post(
        reverse("events:tables_add", args=[event.slug]),
        {"count": 2, "sessions": [LONG]},
        follow=True,
    )
    content = response.content.decode()
    assert "is not a valid value" in content
    assert "A" * 41 not in content
    assert event.tables.count() == 3  # the fixture's; none added
