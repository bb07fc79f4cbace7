"""Attachment checks: the type comes from the file's content, never from its name."""

from __future__ import annotations

from django.conf import settings

from rabta.core.files import checked_document

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PER_OPPORTUNITY = 10


def max_bytes() -> int:
    return int(getattr(settings, "RABTA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_attachment(file) -> str:
    """The content type of an acceptable file; raises InvalidInput (field ``file``) otherwise."""
    return checked_document(file, limit=max_bytes())
