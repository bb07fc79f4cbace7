"""Translatable content: one JSON value per attribute holding {"en": …, "ru": …, "ur": …}.

Shown in the reader's language with a fallback (as pretix's i18n fields do):
the reader's language, then English, then any language that has text.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def content_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def localized(value: Mapping[str, str] | str | None, language: str | None = None) -> str:
    """The text of ``value`` in ``language`` (default: the active language), with fallback."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, settings.LANGUAGE_CODE, *content_languages()):
        text = value.get(code)
        if text:
            return text
    return next((text for text in value.values() if text), "")


def localized_language(value: Mapping[str, str] | None, language: str | None = None) -> str:
    """The language code whose text :func:`localized` would show (for lang/dir attributes)."""
    if not value or isinstance(value, str):
        return ""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, settings.LANGUAGE_CODE, *content_languages()):
        if value.get(code):
            return code
    return next((code for code, text in value.items() if text), "")


# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): pages isolate each text
# themselves (<bdi>, dir), so in a stored text they only serve to reverse what surrounds it
# where nothing isolates it (a browser tab's title, an e-mail subject, an export). The marks a
# writer needs (ZWNJ and ZWJ in Urdu, LRM and RLM) are kept.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean_translations(
    value: Mapping[str, str] | None, *, max_length: int | None = None, required: bool = False
) -> dict[str, str]:
    """Validate and normalise a translations dict: known languages, trimmed, length-checked."""
    value = dict(value or {})
    unknown = sorted(set(value) - set(content_languages()))
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s. Use en, ru or ur."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )
    cleaned = {}
    for code in content_languages():
        text = value.get(code)
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValidationError(_("Each translation must be text."), code="not_text")
        text = text.translate(BIDI_CONTROLS).strip()
        if max_length is not None and len(text) > max_length:
            raise ValidationError(
                _("The %(language)s text has %(length)d characters; at most %(max)d are allowed."),
                code="max_length",
                # The language's name in the reader's language, not its code.
                params={
                    "language": dict(settings.LANGUAGES).get(code, code),
                    "length": len(text),
                    "max": max_length,
                },
            )
        if text:
            cleaned[code] = text
    if required and not cleaned:
        raise ValidationError(_("Enter this in at least one language."), code="required")
    return cleaned
