"""Static files in production: hash-named and compressed (WhiteNoise's manifest storage).

``rabta collectstatic`` writes every file under a name that carries its content's hash (and
a .gz and .br beside it), so browsers and proxies may keep it for a year. Before collectstatic
has run (tests, a checkout) there is no manifest: the plain names are used and WhiteNoise's
finders serve the files from the source tree, as in development.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url(self, name, force=False):
        if not self.hashed_files:  # not collected yet: the plain name
            return StaticFilesStorage.url(self, name)
        return super().url(name, force)
