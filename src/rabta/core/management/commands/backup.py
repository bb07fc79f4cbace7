"""rabta backup DIR-OR-FILE [--force]: the database, the public media and the private files in one
archive; an existing file is replaced only with --force."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rabta.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup archive (database, media and private files) to a directory or file."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", help="a directory (a dated file name is chosen) or a file"
        )
        parser.add_argument(
            "--force",
            "--overwrite",
            action="store_true",
            dest="force",
            help="replace the file if it exists (without it, an existing file is left alone)",
        )

    def handle(self, *args, **options):
        destination = Path(options["destination"])
        try:
            archive = backup_create(destination=destination, overwrite=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:  # a directory that cannot be created or written to
            raise CommandError(
                _("Cannot write the backup to %(file)s: %(error)s")
                % {"file": destination, "error": error.strerror or error}
            ) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(file)s") % {"file": archive}))
