from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from rabta.organisations.countries import COUNTRY_CODES
from rabta.organisations.hs import is_known_chapter


def validate_country(value: str) -> None:
    if value not in COUNTRY_CODES:
        raise ValidationError(
            _("“%(value)s” is not a country code."), code="invalid_country", params={"value": value}
        )


def normalise_hs_code(value: str) -> str:
    return "".join(ch for ch in str(value) if not ch.isspace() and ch != ".")


def quoted_value(value) -> str:
    """A value as a message repeats it: at most 20 characters (a pasted page stays out)."""
    return Truncator(str(value)).chars(20)


def validate_hs_code(value: str) -> None:
    code = normalise_hs_code(value)
    if not (code.isdigit() and len(code) in (2, 4, 6)):
        raise ValidationError(
            _("“%(value)s” is not an HS code: use 2, 4 or 6 digits, e.g. 90, 9018 or 901890."),
            code="invalid_hs_code",
            params={"value": quoted_value(value)},
        )
    if not is_known_chapter(code[:2]):
        raise ValidationError(
            _("“%(value)s” is not an HS code: chapter %(chapter)s does not exist."),
            code="unknown_hs_chapter",
            params={"value": quoted_value(value), "chapter": code[:2]},
        )


def validate_hs_codes(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Enter HS codes as a list."), code="invalid")
    errors = []
    for code in value:
        try:
            validate_hs_code(code)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def validate_logo(file) -> None:
    """A logo must be a PNG, JPEG, WebP or GIF image within the size limit (organisations.logos)."""
    if file:
        from rabta.organisations.logos import check_logo

        check_logo(file)
