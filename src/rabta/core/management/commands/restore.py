"""rabta restore FILE: replace the database and the files with a backup's, or change nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive made by `rabta backup` (stop the web server and workers first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive written by `rabta backup`")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )  # fmt: skip

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if archive.is_dir():  # said before asking to confirm a restore that cannot happen
            raise CommandError(
                _("%(file)s is a directory; give the backup file written by rabta backup.")
                % {"file": archive}
            )
        if not archive.is_file():
            raise CommandError(_("%(file)s does not exist.") % {"file": archive})
        if options["interactive"]:
            question = _(
                "This replaces the database %(database)s and the uploaded files with the "
                "backup's. Type 'yes' to continue: "
            ) % {"database": connection.settings_dict["NAME"]}
            try:
                answer = input(question)
            except (EOFError, KeyboardInterrupt):  # no terminal to answer from, or Ctrl-C
                answer = ""
                self.stdout.write("")
            if answer.strip().lower() != "yes":
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            restored = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Restored the backup of %(date)s (rabta %(version)s, %(vendor)s, %(files)d "
                    "file). Run `rabta migrate` if this rabta is newer than the backup.",
                    "Restored the backup of %(date)s (rabta %(version)s, %(vendor)s, %(files)d "
                    "files). Run `rabta migrate` if this rabta is newer than the backup.",
                    restored.files,
                )
                % {
                    "date": restored.created_at,
                    "version": restored.version,
                    "vendor": restored.vendor,
                    "files": restored.files,
                }
            )
        )
