import functools

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from rabta.core.fields import RTL_LANGUAGES
from rabta.core.i18n import localized as _localized
from rabta.core.i18n import localized_language

register = template.Library()


@register.filter
def localized(value, language=None):
    """{{ organisation.name|localized }}: the reader's language, with a fallback."""
    return _localized(value, language)


@register.filter
def zone_name(value):
    """A time zone in the reader's language (core.time_zones.zone_name)."""
    from rabta.core.time_zones import zone_name as name

    return name(value)


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


@register.simple_tag
def comma() -> str:
    """{% comma %}: the separator between the items of a list in the reader's language ("، "
    in Urdu), e.g. between a city and its country."""
    from django.utils.translation import pgettext

    return pgettext("between the items of a list", ", ")


DEFAULT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs: dict) -> str:
    """Django's widgets/attrs.html, in Python."""
    return "".join(
        f" {name}" if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict, context) -> str:
    if option["template_name"] != DEFAULT_OPTION_TEMPLATE:  # a widget's own option template
        return render_to_string(option["template_name"], {"widget": option})
    return format_html(  # the template file ends with a new line, kept here
        '<option value="{}"{}>{}</option>\n',
        option["value"],
        mark_safe(_attributes(option["attrs"])),
        option["label"],
    )


@register.simple_tag(takes_context=True)
def select_options(context, widget):
    """The options of a select, written as Django's select.html writes them (same markup and
    whitespace) but in Python: one template include per option made a page with a country list
    (250 options) spend about 20 ms on its form."""
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts.extend("\n  " + _option(option, context) for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))


@register.simple_tag
def choice_options(choices, selected):
    """``<option>``s of (value, label) pairs, the one equal to ``selected`` marked: a long list
    (every country) written in Python rather than one template loop round per option, and
    escaped once per list and language (the labels are in the reader's language)."""
    pairs = tuple((str(value), str(label)) for value, label in choices)
    html = _options_html(pairs)
    if selected:
        plain = f'<option value="{escape(selected)}">'
        html = html.replace(plain, f'<option value="{escape(selected)}" selected>', 1)
    return mark_safe(html)


@functools.lru_cache(maxsize=64)
def _options_html(pairs: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in pairs
    )
