"""Where uploaded files live: public media and private files, in two separate storages.

``STORAGES["default"]`` holds public media (organisation logos): anyone may fetch them by URL.
``STORAGES["private"]`` holds everything else people upload (opportunity attachments, import
files): it is not under ``MEDIA_URL`` and has no URL of its own; its files are reachable only
through views that check permission (``rabta.core.files.serve_private``).

Both are local directories by default (``MEDIA_ROOT`` and ``PRIVATE_MEDIA_ROOT``) and
S3-compatible buckets when configured (docs/deployment.md, *Files*).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty


@deconstructible(path="rabta.core.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """A directory outside the web root (``PRIVATE_MEDIA_ROOT``); its files have no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError(
            "Private files have no URL: serve them with rabta.core.files.serve_private."
        )


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


def get_private_storage():
    """The private storage (a callable, so migrations name it instead of copying it)."""
    return private_storage


def _reset(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage._wrapped = empty


setting_changed.connect(_reset, dispatch_uid="rabta.core.storage.reset")


def has_local_path(storage) -> bool:
    """Whether the storage keeps its files on this machine's disk (so ``path()`` works)."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True
