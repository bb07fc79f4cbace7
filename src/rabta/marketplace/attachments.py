"""Attachment checks: the type comes from the file's content, never from its name."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput
from rabta.core.files import document_type

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PER_OPPORTUNITY = 10


def max_bytes() -> int:
    return int(getattr(settings, "RABTA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_attachment(file) -> str:
    """The content type of an acceptable file; raises InvalidInput (field ``file``) otherwise."""
    if file is None:
        raise InvalidInput(field_errors={"file": [_("Choose a file.")]})
    limit = max_bytes()
    if file.size > limit:
        raise InvalidInput(
            field_errors={
                "file": [
                    _("The file is %(size)s MB; at most %(max)s MB are allowed.")
                    % {
                        "size": round(file.size / 1024 / 1024, 1),
                        "max": round(limit / 1024 / 1024, 1),
                    }
                ]
            }
        )
    content_type = document_type(file)
    if content_type is None:
        raise InvalidInput(
            field_errors={"file": [_("Attach a PDF document or a PNG, JPEG, WebP or GIF image.")]}
        )
    return content_type
