"""Domain errors. Each carries a translated message; views and the API map them to 4xx."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rabta.core import validation


class RabtaError(Exception):
    """Base of every domain error: a message for a person, optional field errors."""

    status_code = 400
    default_message = _("The request could not be processed.")

    def __init__(self, message=None, *, field_errors: dict[str, list[str]] | None = None):
        self.message = message if message is not None else self.default_message
        self.field_errors = field_errors or {}
        super().__init__(str(self.message))


class NotPermitted(RabtaError):
    status_code = 403
    default_message = _("You are not allowed to do this.")


class NotFound(RabtaError):
    status_code = 404
    default_message = _("Not found.")


class InvalidInput(RabtaError):
    status_code = 422
    default_message = _("Please correct the errors below.")

    @classmethod
    def from_django(cls, error) -> InvalidInput:
        """Build from a django.core.exceptions.ValidationError (message_dict or messages), long
        values a visitor sent shortened (core/validation.py)."""
        if hasattr(error, "error_dict"):
            return cls(field_errors=validation.message_dict(error))
        return cls(field_errors={"__all__": validation.messages(error)})


class TooManyRequests(InvalidInput):
    """A rate limit is reached (sending invitations, asking for a new link): try again later.

    A kind of InvalidInput, so pages show it on their form like any other refusal; the API
    answers 429.
    """

    status_code = 429
    default_message = _("Too many requests. Please wait a while and try again.")


def error_body(
    message: str, field_errors: dict[str, list[str]] | None = None, code: str = "error"
) -> dict:
    """The JSON API's error body (docs/api.md)."""
    return {"error": {"code": code, "message": str(message), "fields": field_errors or {}}}
