"""Form helpers shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from rabta.core.exceptions import RabtaError

# Codes, numbers and addresses read left to right even on a right-to-left (Urdu) page.
LTR = {"dir": "ltr"}


def ltr_text_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs=LTR | attrs)


def ltr_email_input(**attrs) -> forms.EmailInput:
    return forms.EmailInput(attrs=LTR | attrs)


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
