from django import template

from rabta.core.fields import RTL_LANGUAGES
from rabta.core.i18n import localized as _localized
from rabta.core.i18n import localized_language

register = template.Library()


@register.filter
def localized(value, language=None):
    """{{ organisation.name|localized }}: the reader's language, with a fallback."""
    return _localized(value, language)


@register.filter
def content_lang(value):
    """The language code of the text ``localized`` shows (for lang="" attributes)."""
    return localized_language(value)


@register.filter
def content_dir(value):
    return "rtl" if localized_language(value) in RTL_LANGUAGES else "ltr"


@register.filter
def language_names(codes):
    """{{ interpreter.languages|language_names }}: "Russian, Urdu" in the reader's language
    (ISO codes from accounts.languages; an unknown code is shown as it is)."""
    from django.utils.translation import pgettext

    from rabta.accounts.languages import spoken_language_name

    separator = pgettext("between the items of a list", ", ")
    return separator.join(spoken_language_name(code) for code in codes or [])
