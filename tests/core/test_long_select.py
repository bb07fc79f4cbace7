"""LongSelect writes the same select as Django's Select (with rabta's select.html), faster."""

import pytest
from django import forms

from rabta.core.forms import LongSelect
from rabta.organisations.countries import country_choices

CHOICES = [("", "Any country"), *country_choices("en"), ("x&y", 'Tom & "Jerry" <b>')]


class Plain(forms.Form):
    country = forms.ChoiceField(required=False, choices=CHOICES)


class Long(forms.Form):
    country = forms.ChoiceField(required=False, choices=CHOICES, widget=LongSelect)


@pytest.mark.parametrize(
    "data", [None, {}, {"country": "PK"}, {"country": "x&y"}, {"country": "ZZ"}]
)
def test_the_same_markup_as_django_select(data):
    assert str(Long(data)["country"]) == str(Plain(data)["country"])


def test_the_chosen_country_is_marked_once():
    html = str(Long({"country": "PK"})["country"])
    assert html.count(" selected") == 1
    assert '<option value="PK" selected>Pakistan</option>' in html
