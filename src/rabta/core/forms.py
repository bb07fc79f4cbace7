"""Form helpers shared by every app's views."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList
from django.utils.html import escape
from django.utils.safestring import mark_safe

from rabta.core.exceptions import RabtaError
from rabta.core.validation import error_texts

# Codes, numbers and addresses read left to right even on a right-to-left (Urdu) page.
LTR = {"dir": "ltr"}


def ltr_text_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs=LTR | attrs)


def ltr_email_input(**attrs) -> forms.EmailInput:
    return forms.EmailInput(attrs=LTR | attrs)


class FormRenderer(TemplatesSetting):
    """settings.FORM_RENDERER: the project's templates (TemplatesSetting), and every list of
    errors a page shows written with the long values a visitor sent shortened
    (``core.validation``): a form's own errors, a field's, allauth's and the admin's alike."""

    def render(self, template_name, context, request=None):
        errors = context.get("errors")
        if isinstance(errors, ErrorList) and any(not isinstance(e, str) for e in errors.data):
            shortened = errors.copy()
            shortened.data = error_texts(errors)
            context = {**context, "errors": shortened}
        return super().render(template_name, context, request)


def add_service_errors(
    form: forms.Form, error: RabtaError, *, field_name: Callable[[str], str] | None = None
) -> None:
    """Show a service's error on the form: each message under its field, the rest on top.

    ``field_name`` maps a service field name to the form's (e.g. "details.volume" →
    "detail_volume") where the two differ.
    """
    if not error.field_errors:
        form.add_error(None, str(error.message))
    for field, messages in error.field_errors.items():
        name = field_name(field) if field_name else field
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


class LongSelect(forms.Select):
    """A select of many options (every country) written without building a dict and a template
    round per option: the options are escaped once per list and language, then the chosen one
    is marked. The markup is Django's select.html (as ``select_options`` writes it)."""

    def render(self, name, value, attrs=None, renderer=None):
        from rabta.core.templatetags.rabta import _attributes

        final = self.build_attrs(self.attrs, attrs)
        pairs = tuple((str(v), str(label)) for v, label in self.choices)
        options = _long_select_options(pairs)
        for chosen in self.format_value(value)[:1]:  # a single select marks its first match
            plain = f'\n  <option value="{escape(chosen)}">'
            options = options.replace(plain, f'\n  <option value="{escape(chosen)}" selected>', 1)
        return mark_safe(f'<select name="{escape(name)}"{_attributes(final)}>{options}\n</select>')


@functools.lru_cache(maxsize=32)
def _long_select_options(pairs: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'\n  <option value="{escape(value)}">{escape(label)}</option>\n' for value, label in pairs
    )
