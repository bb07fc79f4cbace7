"""An upload handler that stops keeping a file once it is larger than any upload may be.

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
