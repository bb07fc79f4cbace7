"""Dates, numbers, country and language names read right in each language; names in another
script are isolated inside a sentence."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import formats, translation

from rabta.core.i18n import clean_translations
from rabta.matching.explanations import explanation
from rabta.matching.scoring import Reason
from rabta.organisations.countries import country_name

MEETING = dt.datetime(2027, 3, 10, 9, 5)


@pytest.mark.parametrize(
    ("language", "date", "short_date", "date_and_time"),
    [
        ("en", "March 10, 2027", "03/10/2027", "March 10, 2027, 9:05 a.m."),
        ("ru", "10 марта 2027 г.", "10.03.2027", "10 марта 2027 г. 9:05"),
        # Pakistani usage: day month year, the Urdu comma, a 24-hour clock.
        ("ur", "10 مارچ 2027", "10/03/2027", "10 مارچ 2027، 09:05"),
    ],
)
def test_dates_follow_the_reader_s_conventions(language, date, short_date, date_and_time):
    with translation.override(language):
        assert formats.date_format(MEETING) == date
        assert formats.date_format(MEETING, "SHORT_DATE_FORMAT") == short_date
        assert formats.date_format(MEETING, "DATETIME_FORMAT") == date_and_time


@pytest.mark.parametrize(
    ("language", "grouped"), [("en", "1,234,567"), ("ru", "1\xa0234\xa0567"), ("ur", "12,34,567")]
)
def test_large_numbers_are_grouped_as_the_reader_writes_them(language, grouped):
    with translation.override(language):
        assert intcomma(1234567) == grouped


def test_urdu_dates_are_parsed_day_first():
    from django import forms

    with translation.override("ur"):
        assert forms.DateField().clean("10/03/2027") == dt.date(2027, 3, 10)


@pytest.mark.parametrize("language", ["ru", "ur"])
def test_every_country_has_a_name_in_the_reader_s_script(language):
    latin = [
        country.alpha_2
        for country in pycountry.countries
        if country_name(country.alpha_2, language)[:1].isascii()
    ]
    assert latin == []
    assert country_name("RU", "ur") == "روس"


def test_language_codes_are_shown_as_names_in_the_reader_s_language():
    template = Template("{% load rabta %}{{ codes|language_names }}")
    with translation.override("ur"):
        assert template.render(Context({"codes": ["ru", "ur"]})) == "روسی، اردو"
    with translation.override("ru"):
        assert template.render(Context({"codes": ["en", "tt"]})) == "Английский, Татарский"


def test_a_product_name_in_latin_is_isolated_inside_an_urdu_explanation():
    reason = Reason(
        "complement:trade.seek",
        {"hs_codes": ["9506"], "product": "footballs", "our_side": "trade.offer"},
    )
    with translation.override("ur"):
        text = explanation([reason, Reason("language:shared", {"languages": ["en"]})], {})
    assert "(\u2068footballs\u2069)" in text
    assert "؛ " in text  # the Urdu semicolon between reasons
    with translation.override("en"):
        assert explanation([reason], {}) == "Sources HS 9506 (footballs), which you export"


def test_a_stand_without_a_name_reads_in_the_reader_s_language():
    from rabta.events.models import Meeting

    with translation.override("ru"):
        stored_in_russian = str(translation.gettext("own stand"))
    meeting = Meeting(stand=stored_in_russian)
    with translation.override("ur"):
        assert meeting.is_at_unnamed_stand
        assert meeting.place == translation.gettext("own stand") != stored_in_russian
    assert Meeting(stand="Hall B, 12").place == "Hall B, 12"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The Russian text has 201 characters; at most 200 are allowed."),
        (
            "ru",
            "Текст на языке «Русский» слишком длинный (201); допускается не более 200 символов.",
        ),
        ("ur", "روسی متن میں 201 حروف ہیں؛ زیادہ سے زیادہ 200 کی اجازت ہے۔"),
    ],
)
def test_a_too_long_translation_names_its_language_in_the_reader_s_language(language, message):
    with pytest.raises(ValidationError) as raised:
        clean_translations({"ru": "я" * 201}, max_length=200)
    with translation.override(language):
        assert raised.value.messages == [message]


def test_a_stored_text_cannot_reverse_what_surrounds_it_but_keeps_the_urdu_joiners():
    cleaned = clean_translations(
        {"en": "Novikov \u202eevil\u202c Ltd", "ur": "ثنا\u200c ٹیکسٹائل \u2067x\u2069\u200f"}
    )
    assert cleaned == {"en": "Novikov evil Ltd", "ur": "ثنا\u200c ٹیکسٹائل x\u200f"}


@pytest.mark.django_db
def test_an_organisation_named_with_a_bidi_override_is_stored_without_it(client):
    from tests.factories import MemberFactory

    member = MemberFactory()
    client.force_login(member.user)
    response = client.patch(
        f"/api/v1/organisations/{member.organisation.slug}",
        {"name": {"en": "Spoof \u202egnp.exe"}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["names"]["en"] == "Spoof gnp.exe"
