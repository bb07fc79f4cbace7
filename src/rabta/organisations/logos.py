"""Logos: checked by Pillow, re-encoded from their pixels and stored under a random name.

Re-encoding keeps only the picture: whatever else the uploaded bytes carried (a script in a
polyglot file, metadata such as a GPS position) is not written. A logo is public media.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from rabta.core.files import (
    IMAGE_TYPES,
    image_format,
    megabytes,
    too_many_pixels,
    too_many_pixels_message,
)

MAX_SIDE = 1024  # pixels; larger logos are scaled down
# A PNG, WebP or GIF is decoded whole before it is scaled down (4 bytes a pixel, and a copy): a
# 360 KB PNG of 9,400 × 9,400 pixels held 780 MB of a web process for 4 s. A JPEG is decoded
# at 1/2, 1/4 or 1/8 of its size instead (Pillow's draft mode), so a phone's photo stays cheap.
MAX_DECODED_PIXELS = 16_000_000
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WEBP", "GIF": "PNG"}  # a GIF's first frame


def check_logo(file) -> str:
    """The Pillow format of an acceptable logo; raises ValidationError otherwise."""
    if file.size > settings.RABTA_LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s MB; at most %(max)s MB are allowed."),
            code="file_too_large",
            params={
                "size": megabytes(file.size),
                "max": megabytes(settings.RABTA_LOGO_MAX_BYTES),
            },
        )
    found = image_format(file)
    if found is None and too_many_pixels(file):
        raise ValidationError(too_many_pixels_message(), code="too_many_pixels")
    if found is None:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, WebP or GIF image."), code="invalid_image_type"
        )
    if found != "JPEG":
        width, height = _dimensions(file)
        if width * height > MAX_DECODED_PIXELS:
            raise ValidationError(
                _(
                    "The logo is %(width)s × %(height)s pixels; a PNG, WebP or GIF logo may have "
                    "at most %(max)s million pixels (1024 pixels a side is plenty)."
                ),
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "max": MAX_DECODED_PIXELS // 1_000_000,
                },
            )
    return found


def _dimensions(file) -> tuple[int, int]:
    """The picture's width and height, read from its header (no pixel is decoded)."""
    from PIL import Image

    file.seek(0)
    try:
        with Image.open(file) as image:
            return image.size
    finally:
        file.seek(0)


def reencoded_logo(file) -> tuple[ContentFile, str]:
    """The logo drawn again from its pixels (at most 1024 px a side) and its content type."""
    from PIL import Image, ImageOps

    source_format = check_logo(file)
    target = FORMATS[source_format]
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format == "JPEG":  # decoded at the smallest scale still >= MAX_SIDE
                image.draft(None, (MAX_SIDE, MAX_SIDE))
            image.load()
            picture = ImageOps.exif_transpose(image)
            if target == "JPEG" and picture.mode not in ("RGB", "L"):
                picture = picture.convert("RGB")
            elif target == "PNG" and picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                picture = picture.convert("RGBA")
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            buffer = io.BytesIO()
            picture.save(buffer, format=target, **({"quality": 90} if target == "JPEG" else {}))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, WebP or GIF image."), code="invalid_image_type"
        ) from error
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue()), IMAGE_TYPES[target]
