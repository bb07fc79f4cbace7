"""Checking the input of an opportunity: every error of every field at once, nothing saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from rabta.accounts.languages import SPOKEN_LANGUAGE_CODES
from rabta.core import validation
from rabta.core.exceptions import InvalidInput
from rabta.core.fields import LANGUAGE_LABELS
from rabta.core.i18n import clean_translations, content_languages
from rabta.core.lists import split_list
from rabta.marketplace.models import Kind, Role
from rabta.organisations.models import Sector
from rabta.organisations.validators import normalise_hs_code, validate_country, validate_hs_code

INCOTERMS = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
EDUCATION_FORMATS = ("joint_programme", "language_course", "exchange", "other")
# The kind-specific details a form or API client may send: name → "text", "list", "number", choices.
DETAIL_FIELDS: dict[str, dict[str, Any]] = {
    Kind.EXPORT_OFFER: {"product": "text", "capacity": "text", "certifications": "list"},
    Kind.SOURCING_REQUEST: {
        "product": "text",
        "volume": "text",
        "price_min": "number",
        "price_max": "number",
        "currency": "currency",
        "incoterms": INCOTERMS,
    },
    Kind.JOINT_VENTURE: {"size": "text", "we_bring": "text", "partner_brings": "text"},
    Kind.TECHNOLOGY: {"technology": "text", "stage": "text"},
    Kind.EDUCATION: {"format": EDUCATION_FORMATS, "programme": "text"},
    Kind.CULTURE: {"project": "text", "source_language": "language", "target_language": "language"},
}
MAX_CODES = 30


def _field_errors(error: ValidationError) -> list[str]:
    return validation.messages(error)


def _string_list(value, field: str, errors: dict[str, list[str]]) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = split_list(value, spaces=True)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors.setdefault(field, []).append(_("Enter a list of values."))
        return []
    return list(dict.fromkeys(v.strip() for v in value if v.strip()))


def clean_opportunity(data: dict[str, Any], *, today: dt.date | None = None) -> dict[str, Any]:
    """Validate a complete opportunity (create, or an update merged onto the current values).

    Returns the cleaned values (``sector_codes`` as a list of known codes); raises
    :class:`InvalidInput` with every field's errors.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    today = today or timezone.localdate()

    kind = data.get("kind")
    if kind not in Kind.values:
        errors["kind"] = [_("Choose a kind of opportunity.")]
    cleaned["kind"] = kind
    role = data.get("role") or Role.PARTNER
    if role not in Role.values:
        errors["role"] = [_("Choose whether you offer, seek or look for a partner.")]
    if kind == Kind.EXPORT_OFFER:
        role = Role.OFFER
    elif kind == Kind.SOURCING_REQUEST:
        role = Role.SEEK
    cleaned["role"] = role

    languages = _string_list(data.get("languages"), "languages", errors)
    unknown = [code for code in languages if code not in content_languages()]
    if unknown:
        errors.setdefault("languages", []).append(
            _("Unknown language: %(codes)s. Use en, ru or ur.") % {"codes": ", ".join(unknown)}
        )
    elif not languages:
        errors.setdefault("languages", []).append(_("Choose at least one language for the texts."))
    cleaned["languages"] = [code for code in content_languages() if code in languages]

    for field, max_length, required in (("title", 200, True), ("description", 5000, False)):
        try:
            texts = clean_translations(
                data.get(field) or {}, max_length=max_length, required=required
            )
        except ValidationError as error:
            errors.setdefault(field, []).extend(_field_errors(error))
            continue
        except (TypeError, ValueError, AttributeError):
            errors.setdefault(field, []).append(_("Enter the text per language."))
            continue
        foreign = [code for code in texts if code not in cleaned["languages"]]
        if foreign and "languages" not in errors:
            names = ", ".join(LANGUAGE_LABELS.get(code, code) for code in foreign)
            errors.setdefault(field, []).append(
                _(
                    "This opportunity is not written in %(languages)s: remove that text or add the language to the opportunity's languages."
                )
                % {"languages": names}
            )
        if field == "title" and "languages" not in errors:
            missing = [code for code in cleaned["languages"] if code not in texts]
            if missing:
                names = ", ".join(LANGUAGE_LABELS.get(code, code) for code in missing)
                errors.setdefault(field, []).append(
                    _(
                        "Enter the title in every language of the opportunity (missing: %(languages)s)."
                    )
                    % {"languages": names}
                )
        cleaned[field] = texts

    work_languages = _string_list(data.get("work_languages"), "work_languages", errors)
    bad = [code for code in work_languages if code not in SPOKEN_LANGUAGE_CODES]
    if bad:
        errors.setdefault("work_languages", []).append(
            _("Unknown language: %(codes)s.") % {"codes": ", ".join(bad)}
        )
    cleaned["work_languages"] = work_languages

    hs_codes = []
    for raw in _string_list(data.get("hs_codes"), "hs_codes", errors):
        try:
            validate_hs_code(raw)
        except ValidationError as error:
            errors.setdefault("hs_codes", []).extend(_field_errors(error))
        else:
            hs_codes.append(normalise_hs_code(raw))
    if len(hs_codes) > MAX_CODES:
        errors.setdefault("hs_codes", []).append(
            _("Enter at most %(max)d HS codes.") % {"max": MAX_CODES}
        )
    # HS codes are optional for every kind: few small exporters know theirs, and the text's
    # suggested headings (Opportunity.suggested_headings) stand in for them.
    cleaned["hs_codes"] = list(dict.fromkeys(hs_codes))

    countries = []
    for raw in _string_list(data.get("countries"), "countries", errors):
        code = raw.upper()
        try:
            validate_country(code)
        except ValidationError as error:
            errors.setdefault("countries", []).extend(_field_errors(error))
        else:
            countries.append(code)
    cleaned["countries"] = list(dict.fromkeys(countries))

    sector_codes = _string_list(data.get("sector_codes"), "sector_codes", errors)
    if sector_codes:
        known = set(Sector.objects.filter(code__in=sector_codes).values_list("code", flat=True))
        unknown_sectors = [code for code in sector_codes if code not in known]
        if unknown_sectors:
            errors.setdefault("sector_codes", []).append(
                _("Unknown sector: %(codes)s.") % {"codes": ", ".join(unknown_sectors)}
            )
    cleaned["sector_codes"] = sector_codes

    deadline = data.get("deadline")
    if isinstance(deadline, str):
        try:
            parsed = parse_date(deadline) if deadline else None
        except ValueError:
            parsed = None
        if deadline and parsed is None:
            errors["deadline"] = [_("Enter a date as YYYY-MM-DD.")]
        deadline = parsed
    if isinstance(deadline, dt.datetime):
        deadline = deadline.date()
    if deadline is not None and not isinstance(deadline, dt.date):
        errors["deadline"] = [_("Enter a date as YYYY-MM-DD.")]
        deadline = None
    if deadline is not None and deadline < today:
        errors["deadline"] = [_("The deadline is in the past: choose today or a later date.")]
    cleaned["deadline"] = deadline

    cleaned["details"] = clean_details(kind, data.get("details") or {}, errors)

    if errors:
        raise InvalidInput(field_errors=errors)
    return cleaned


def clean_details(kind: str | None, details: Any, errors: dict[str, list[str]]) -> dict[str, Any]:
    if not isinstance(details, dict):
        errors.setdefault("details", []).append(_("Enter the details as named values."))
        return {}
    allowed = DETAIL_FIELDS.get(kind or "", {})
    cleaned: dict[str, Any] = {}
    for name, value in details.items():
        key = f"details.{name}"
        spec = allowed.get(name)
        if spec is None:
            errors.setdefault(key, []).append(
                _("This detail does not belong to this kind of opportunity.")
            )
            continue
        if value in (None, "", []):
            continue
        if spec == "text":
            if not isinstance(value, str) or len(value) > 500:
                errors.setdefault(key, []).append(_("Enter text of at most 500 characters."))
            else:
                cleaned[name] = value.strip()
        elif spec == "list":
            items = _string_list(value, key, errors)
            cleaned[name] = [item[:100] for item in items][:20]
        elif spec == "number":
            try:
                number = Decimal(str(value))
            except (InvalidOperation, ValueError):
                errors.setdefault(key, []).append(_("Enter a number."))
                continue
            if not number.is_finite() or number < 0:
                errors.setdefault(key, []).append(_("Enter a number of zero or more."))
                continue
            cleaned[name] = float(number)
        elif spec == "currency":
            if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
                errors.setdefault(key, []).append(
                    _("Enter a three-letter currency code, e.g. USD.")
                )
            else:
                cleaned[name] = value.upper()
        elif spec == "language":
            if value not in SPOKEN_LANGUAGE_CODES:
                errors.setdefault(key, []).append(
                    _("Unknown language: %(codes)s.") % {"codes": value}
                )
            else:
                cleaned[name] = value
        else:  # a tuple of choices (one value, or a list for incoterms)
            values = _string_list(value, key, errors) if name == "incoterms" else [value]
            values = [v.upper() if name == "incoterms" else v for v in values]
            wrong = [v for v in values if v not in spec]
            if wrong:
                errors.setdefault(key, []).append(
                    _("Choose from: %(choices)s.") % {"choices": ", ".join(spec)}
                )
            else:
                cleaned[name] = values if name == "incoterms" else values[0]
    low, high = cleaned.get("price_min"), cleaned.get("price_max")
    if low is not None and high is not None and low > high:
        errors.setdefault("details.price_max", []).append(
            _("The highest price must not be below the lowest price.")
        )
    return cleaned
