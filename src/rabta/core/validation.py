"""Validation messages never repeat a long value a visitor sent.

Django puts the submitted value into some of its messages ("Select a valid choice. %(value)s is
not one of the available choices.", "“%(pk)s” is not a valid value.", "File extension
“%(extension)s” is not allowed."). A hostile client can send 10,000 characters there, and the
page (or the API's error body) would print them back. A ``ValidationError`` keeps the value
whole; it is shortened where the error becomes text for a person: a short value is still shown,
as it helps a person see what went wrong, a long one is cut with an ellipsis, and the message
itself stays the translated one. Those places:

- forms: the form renderer (``core.forms.FormRenderer``, settings.FORM_RENDERER) writes every
  list of errors a template shows with :func:`error_texts`; a view that puts a form's errors
  into a flash message takes them from :func:`form_error_texts`;
- services and the API: :func:`messages` and :func:`message_dict` instead of the error's own
  ``messages``/``message_dict`` (``InvalidInput.from_django``, which the API's handler of
  ``ValidationError`` uses, and each service that turns a ``ValidationError`` into field errors).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

# Longest submitted value shown back in a message; beyond it, its start and "…".
ECHO_LIMIT = 40
# The parameters through which Django's messages repeat what was submitted.
ECHOED_PARAMS = frozenset({"value", "pk", "extension"})
# Any other text parameter is shortened too once it is this long (no message needs more).
ANY_PARAM_LIMIT = 200


def shorten(value: Any, limit: int = ECHO_LIMIT) -> Any:
    """``value`` if it is short text, else its first characters and "…"; other types as they are."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def shorten_params(params: Any) -> Any:
    if not isinstance(params, dict):
        return params
    return {
        key: shorten(value, ECHO_LIMIT if key in ECHOED_PARAMS else ANY_PARAM_LIMIT)
        for key, value in params.items()
    }


def messages(error: ValidationError) -> list[str]:
    """``error.messages``, each with long submitted values shortened."""
    if hasattr(error, "error_dict"):
        return [message for texts in message_dict(error).values() for message in texts]
    return [_text(single) for single in error.error_list]


def message_dict(error: ValidationError) -> dict[str, list[str]]:
    """``error.message_dict``, each message with long submitted values shortened."""
    return {
        field: [_text(single) for single in errors] for field, errors in error.error_dict.items()
    }


def error_texts(errors: Iterable[Any]) -> list[str]:
    """The messages of a form's list of errors (``ErrorList``, or any list of ValidationError
    and text), long submitted values shortened."""
    texts: list[str] = []
    for error in getattr(errors, "data", errors):
        if isinstance(error, ValidationError):
            texts.extend(messages(error))
        else:
            texts.append(str(error))
    return texts


def form_error_texts(form) -> list[str]:
    """Every message of a bound form's errors, field by field, as one list."""
    return [text for errors in form.errors.values() for text in error_texts(errors)]


def _text(error: ValidationError) -> str:
    message = error.message
    if error.params:
        message = message % shorten_params(error.params)
    return str(message)
