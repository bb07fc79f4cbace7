"""The project's select template writes its options in Python: the markup must stay exactly
Django's (selected options, optgroups, disabled attributes, escaping, multiple choice)."""

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting

from rabta.marketplace.forms import SearchForm


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B"), ("b", '"quoted" <b>')])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "Other")],
        widget=forms.Select(attrs={"data-x": "1", "disabled": True, "hidden": False}),
    )
    many = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two"), (3, "Three")])
    maybe = forms.NullBooleanField()


def _both(form_class, data):
    ours = form_class(data, renderer=TemplatesSetting())
    djangos = form_class(data, renderer=DjangoTemplates())
    return ours, djangos


def test_options_are_written_exactly_as_django_writes_them():
    ours, djangos = _both(Choices, {"plain": "a", "grouped": "pear", "many": ["1", "3"]})
    for name in ("plain", "grouped", "many", "maybe"):
        assert str(ours[name]) == str(djangos[name]), name
    html = str(ours["grouped"])
    assert '<optgroup label="Fruit">' in html and '<option value="pear" selected>' in html
    assert "A &amp; B" in str(ours["plain"]) and "&quot;quoted&quot; &lt;b&gt;" in str(
        ours["plain"]
    )
    assert str(ours["many"]).count(" selected>") == 2


def test_the_marketplace_search_form_is_unchanged(db):
    ours, djangos = _both(SearchForm, {"country": "PK", "kind": ""})
    assert str(ours["country"]) == str(djangos["country"])
    assert '<option value="PK" selected>' in str(ours["country"])
