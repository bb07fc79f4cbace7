"""Delete the uploaded files of imports that were never finished (run daily)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.reports.imports import import_files_purge


class Command(BaseCommand):
    help = (
        "Delete the files of imports started more than RABTA_IMPORT_KEEP_DAYS days ago (run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        count = import_files_purge(dry_run=dry_run)
        if dry_run:
            message = ngettext(
                "%(count)d import file would be deleted.",
                "%(count)d import files would be deleted.",
                count,
            )
        else:
            message = ngettext(
                "%(count)d import file deleted.", "%(count)d import files deleted.", count
            )
        self.stdout.write(message % {"count": count})
        self.stdout.write(
            _("Files of imports are kept for %(days)d days at most.")
            % {"days": settings.RABTA_IMPORT_KEEP_DAYS}
        )
