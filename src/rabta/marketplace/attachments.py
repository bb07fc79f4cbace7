"""Attachment checks: the type comes from the file's content, never from its name."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PER_OPPORTUNITY = 10
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
}


def max_bytes() -> int:
    return int(getattr(settings, "RABTA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff_content_type(file) -> str | None:
    """``application/pdf`` or an image type when the bytes say so; None otherwise."""
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            image.verify()
            image_format = image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        image_format = None
    finally:
        file.seek(0)
    return IMAGE_TYPES.get(image_format or "")


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
    content_type = sniff_content_type(file)
    if content_type is None:
        raise InvalidInput(
            field_errors={"file": [_("Attach a PDF document or a PNG, JPEG, WebP or GIF image.")]}
        )
    return content_type
