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
    return found


def reencoded_logo(file) -> tuple[ContentFile, str]:
    """The logo drawn again from its pixels (at most 1024 px a side) and its content type."""
    from PIL import Image, ImageOps

    source_format = check_logo(file)
    target = FORMATS[source_format]
    file.seek(0)
    try:
        with Image.open(file) as image:
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
