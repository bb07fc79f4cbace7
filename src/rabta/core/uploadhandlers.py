"""Upload sizes: a request larger than any upload may be is refused before its body is read
(``RequestSizeLimitMiddleware``, HTTP 413); within that, an upload handler stops keeping a file
past the limit (``SizeLimitUploadHandler``).

Django reads a request's files into memory or a temporary file before a view runs. Past
``RABTA_UPLOAD_MAX_BYTES`` this handler swallows the rest of the file (nothing more goes to
memory or disk) and hands the view an empty stand-in that knows the file's real size, so the
service refuses it with its usual "the file is N MB; at most M MB" message.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from rabta.core.files import megabytes

# Room for the form's other fields and the multipart boundaries around the largest file.
FORM_OVERHEAD = 1024 * 1024


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose announced body is larger than the largest upload plus its
    form, from the Content-Length header alone: the body is never read. Runs after
    LocaleMiddleware (the message is in the visitor's language) and before CsrfViewMiddleware
    (which would read the body to find the token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.RABTA_UPLOAD_MAX_BYTES
        if length > limit + FORM_OVERHEAD:
            message = _("The upload is %(size)s MB; at most %(max)s MB can be sent at once.") % {
                "size": megabytes(length),
                "max": megabytes(limit),
            }
            if request.path.startswith("/api/"):
                body = {"error": {"code": "payload_too_large", "message": message, "fields": {}}}
                return JsonResponse(body, status=413)
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)


class TooLargeUpload(UploadedFile):
    """What is left of a file over the limit: its name and size, no content."""

    too_large = True

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if self.too_large:
            return None
        if start + len(raw_data) > settings.RABTA_UPLOAD_MAX_BYTES:
            self.too_large = True
            self._drop_what_the_others_kept()
            return None  # the later handlers (memory, temporary file) get nothing more
        return raw_data

    def _drop_what_the_others_kept(self) -> None:
        """Close (and so delete) the start of the file the next handlers already received."""
        for handler in getattr(self.request, "upload_handlers", ()):
            kept = getattr(handler, "file", None)
            if handler is not self and kept is not None:
                kept.close()

    def file_complete(self, file_size):
        if self.too_large:
            return TooLargeUpload(self.file_name, file_size, self.content_type)
        return None
