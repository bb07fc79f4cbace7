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
