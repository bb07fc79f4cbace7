"""A hostile client sends a 10,000-character value where a choice is expected: the error says
the choice is not available, in the reader's language, and never prints the value back."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.marketplace.helpers import participant

LONG = "A" * 10_000


class KindForm(forms.Form):
    kind = forms.ChoiceField(choices=[("offer", "Offer"), ("request", "Request")])
    kinds = forms.MultipleChoiceField(choices=[("offer", "Offer")])


def test_a_long_choice_is_not_echoed_and_a_short_one_still_is():
    form = KindForm({"kind": LONG, "kinds": [LONG]})
    assert not form.is_valid()
    [kind_error] = form.errors["kind"]
    [kinds_error] = form.errors["kinds"]
    for message in (kind_error, kinds_error):
        assert "A" * 41 not in message
        assert "AAAA…" in message
        assert len(message) < 200
    short = KindForm({"kind": "ofer", "kinds": ["offer"]})
    assert not short.is_valid()
    assert "ofer is not one of the available choices" in short.errors["kind"][0]


def test_the_shortened_message_is_translated():
    with translation.override("ur"):
        form = KindForm({"kind": LONG, "kinds": ["offer"]})
        [message] = form.errors["kind"]
    assert "درست انتخاب" in message
    assert "A" * 41 not in message


def test_model_validation_and_nested_errors_are_shortened_too():
    error = ValidationError(
        {
            "field": [
                ValidationError("Value %(value)r is not a valid choice.", params={"value": LONG})
            ]
        }
    )
    [message] = error.message_dict["field"]
    assert len(message) < 100


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
