"""Validation messages never repeat a long value a visitor sent.

Django puts the submitted value into some of its messages ("Select a valid choice. %(value)s is
not one of the available choices.", "“%(pk)s” is not a valid value.", "File extension
“%(extension)s” is not allowed."). A hostile client can send 10,000 characters there, and the
page (or the API's error body) would print them back. :func:`install` shortens such values in
every ``ValidationError`` (forms, model validation, services, the API): a short value is still
shown, as it helps a person see what went wrong; a long one is cut with an ellipsis. The
message itself stays the translated one.
"""

from __future__ import annotations

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


_original_init = ValidationError.__init__


def _init(self, message, code=None, params=None):
    _original_init(self, message, code, shorten_params(params))


def install() -> None:
    """Shorten long values in every ValidationError from now on (called once, at start-up)."""
    if ValidationError.__init__ is not _init:
        ValidationError.__init__ = _init
