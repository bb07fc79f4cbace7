"""Spoken languages: a list of known codes, anything else a clear message (never a TypeError)."""

import pytest
from django.core.exceptions import ValidationError

from rabta.accounts.models import validate_spoken_languages
from rabta.events.models import validate_languages


@pytest.mark.parametrize("validate", [validate_spoken_languages, validate_languages])
@pytest.mark.parametrize("value", [[1], [["ru"]], "ru", None, [{"ru": 1}]])
def test_anything_but_a_list_of_codes_is_refused_with_a_message(validate, value):
    with pytest.raises(ValidationError) as refused:
        validate(value)
    assert refused.value.messages == ["Choose languages from the list."]


def test_unknown_codes_are_named():
    with pytest.raises(ValidationError) as refused:
        validate_spoken_languages(["ru", "xx"])
    assert refused.value.messages == ["Unknown language: xx."]
    validate_spoken_languages(["ru", "ur", "en"])
