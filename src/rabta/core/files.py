"""Uploaded files: what they are (from their bytes), the names they are stored and shown under,
storing them without half-writes, and serving private ones after a permission check.

Every byte and every file name of an upload is an attacker's: the stored name is random and its
extension follows the detected content, never the client's name; the client's name is kept only
as display text, cleaned of paths, control and direction-override characters.
"""

from __future__ import annotations

import logging
import secrets
import unicodedata
from contextlib import contextmanager
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
# Served from rabta's origin, a user's file must never run as a page: no sniffing, and a
# sandbox with no scripts should a browser render it anyway.
USER_FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}
DISPLAY_NAME_MAX = 200


# --- what a file is -----------------------------------------------------------------------------


def _head(file, size: int = 1024) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def image_format(file) -> str | None:
    """``PNG``, ``JPEG``, ``WEBP`` or ``GIF`` when Pillow reads and verifies the bytes as such."""
    from PIL import Image, UnidentifiedImageError

    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            found = image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        found = None
    finally:
        file.seek(0)
    return found if found in IMAGE_TYPES else None


def too_many_pixels(file) -> bool:
    """An image Pillow refuses to open as a possible decompression bomb (more than twice
    ``Image.MAX_IMAGE_PIXELS``, about 179 million pixels): a real picture, but far too large."""
    from PIL import Image

    file.seek(0)
    try:
        with Image.open(file):
            return False
    except Image.DecompressionBombError:
        return True
    except Exception:  # not an image at all: the caller says so
        return False
    finally:
        file.seek(0)


def too_many_pixels_message() -> str:
    from django.utils.translation import gettext as _
    from PIL import Image

    return _(
        "This picture has more than %(max)d million pixels. Make it smaller and upload it again."
    ) % {"max": 2 * Image.MAX_IMAGE_PIXELS // 1_000_000}


def is_pdf(file) -> bool:
    return _head(file, 8).startswith(b"%PDF-")


def is_xlsx(file) -> bool:
    """An Office Open XML workbook is a ZIP archive whose listing names ``xl/workbook.xml``."""
    import zipfile

    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)


def document_type(file) -> str | None:
    """``application/pdf`` or an image type (PNG, JPEG, WebP, GIF) by content; None otherwise."""
    if is_pdf(file):
        return "application/pdf"
    found = image_format(file)
    return IMAGE_TYPES[found] if found else None


def megabytes(size: int) -> str:
    """A size in bytes as megabytes for a message, in the reader's number format: "30,5" in
    Russian, "2" for a whole number (not "30.5" or "2.0" whatever the language)."""
    from django.utils.formats import number_format

    value = round(size / 1024 / 1024, 1)
    return number_format(int(value) if value == int(value) else value, use_l10n=True)


def checked_document(file, *, limit: int) -> str:
    """The content type of an acceptable attachment (a PDF or an image, at most ``limit``
    bytes); raises InvalidInput (field ``file``) with the reason otherwise."""
    from django.utils.translation import gettext as _

    from rabta.core.exceptions import InvalidInput

    if file is None or not file.size:
        raise InvalidInput(field_errors={"file": [_("Choose a file.")]})
    if file.size > limit:
        raise InvalidInput(
            field_errors={
                "file": [
                    _("The file is %(size)s MB; at most %(max)s MB are allowed.")
                    % {
                        "size": megabytes(file.size),
                        "max": megabytes(limit),
                    }
                ]
            }
        )
    content_type = document_type(file)
    if content_type is None and too_many_pixels(file):
        raise InvalidInput(field_errors={"file": [too_many_pixels_message()]})
    if content_type is None:
        raise InvalidInput(
            field_errors={"file": [_("Attach a PDF document or a PNG, JPEG, WebP or GIF image.")]}
        )
    return content_type


# --- names --------------------------------------------------------------------------------------


def random_name(content_type: str) -> str:
    """``<128 random bits>.<extension of the detected type>``: nothing of the client's name
    (the field's ``upload_to`` puts it in its folder)."""
    return f"{secrets.token_hex(16)}.{EXTENSIONS[content_type]}"


def display_name(name: str | None, *, default: str = "file") -> str:
    """The client's file name as text to show: no folders, no control or bidi-override
    characters, at most 200 characters; ``default`` when nothing is left."""
    text = str(name or "")
    text = PureWindowsPath(PurePosixPath(text).name).name
    cleaned = "".join(
        " " if ch.isspace() else ch for ch in text if unicodedata.category(ch)[0] != "C"
    )
    cleaned = " ".join(cleaned.split()).strip(". ")
    return cleaned[:DISPLAY_NAME_MAX] or default


def download_name(name: str) -> str:
    """A display name made safe as a saved file's name in any browser and system (RFC 6266
    header via Django; quotes, slashes, reserved characters become ``_``)."""
    return "".join("_" if ch in '"\\/:*?<>|;' else ch for ch in display_name(name))


# --- storing ------------------------------------------------------------------------------------


def storage_errors() -> tuple[type[BaseException], ...]:
    """What a storage raises when it cannot do its job (disk, network, object storage)."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # object storage not installed
        pass
    else:
        errors += [BotoCoreError, ClientError]
    return tuple(errors)


def storage_unavailable(field: str) -> InvalidInput:
    return InvalidInput(
        field_errors={
            field: [
                _("The file could not be stored just now, so nothing was saved. Try again later.")
            ]
        }
    )


def store(fieldfile, *, name: str, content, field: str) -> None:
    """Save ``content`` as ``name`` in the field's storage (the model is not saved).

    A storage that fails (disk full, object storage unreachable) becomes a message on
    ``field``. Save the model inside ``removed_on_error`` so a failed save leaves no file.
    """
    try:
        fieldfile.save(name, content, save=False)
    except storage_errors() as error:
        logger.warning("storing %s failed: %s", name, error)
        raise storage_unavailable(field) from error


@contextmanager
def removed_on_error(storage, name: str | None):
    """Delete the just-stored file ``name`` if the block (the database write) fails."""
    try:
        yield
    except BaseException:
        if name:
            delete_quietly(storage, name)
        raise


def delete_quietly(storage, name: str) -> bool:
    """Delete ``name``; False (logged) when the storage cannot: an orphan file is better than
    a failed request."""
    if not name:
        return True
    try:
        storage.delete(name)
    except storage_errors() as error:
        logger.warning("deleting %s failed: %s", name, error)
        return False
    return True


def delete_after_commit(storage, *names: str) -> None:
    """Delete the files once the transaction that stops referring to them commits."""
    for name in names:
        if name:
            transaction.on_commit(lambda name=name: delete_quietly(storage, name))


@contextmanager
def local_copy(fieldfile):
    """A path on this machine to read the stored file from: its own path on a local disk, else
    a temporary copy (object storage), deleted afterwards."""
    import shutil
    import tempfile

    from rabta.core.storage import has_local_path

    if has_local_path(fieldfile.storage):
        yield fieldfile.path
        return
    suffix = PurePosixPath(fieldfile.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with fieldfile.storage.open(fieldfile.name, "rb") as source:
            shutil.copyfileobj(source, copy, 1024 * 1024)
        copy.flush()
        yield copy.name


# --- serving private files ----------------------------------------------------------------------


def serve_private(
    fieldfile, *, content_type: str, filename: str, as_attachment: bool
) -> HttpResponse:
    """A private file, after the caller has checked permission.

    ``RABTA_PRIVATE_FILES_DELIVERY`` says how: ``django`` streams it (any storage),
    ``x-accel-redirect`` / ``x-sendfile`` hand a local file to nginx / Apache, ``signed-url``
    redirects to a short-lived signed URL of the object storage.
    """
    from rabta.core.storage import has_local_path

    delivery = settings.RABTA_PRIVATE_FILES_DELIVERY
    local = has_local_path(fieldfile.storage)
    if (delivery == "signed-url" and local) or (
        delivery in ("x-accel-redirect", "x-sendfile") and not local
    ):
        delivery = "django"  # a setting that does not fit the storage: stream it instead
    filename = download_name(filename)
    disposition = content_disposition_header(as_attachment, filename)
    if delivery == "signed-url":
        url = fieldfile.storage.url(
            fieldfile.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            expire=settings.RABTA_PRIVATE_FILES_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    if delivery in ("x-accel-redirect", "x-sendfile"):
        response = HttpResponse(content_type=content_type)
        if delivery == "x-accel-redirect":
            prefix = settings.RABTA_PRIVATE_FILES_ACCEL_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{fieldfile.name}"
        else:
            response["X-Sendfile"] = fieldfile.path
        response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            fieldfile.open("rb"),
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
    for header, value in USER_FILE_HEADERS.items():
        response[header] = value
    response["Cache-Control"] = "private, no-store"
    return response
