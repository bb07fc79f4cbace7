"""Bulk imports: upload → check (a preview, every bad row listed) → commit (all rows or none).

``import_start`` stores the file and checks it (at once for a small file, else as a background
task); ``import_confirm`` asks for the commit, which re-reads and re-checks the file and writes
it in batches inside one transaction: one bad row and nothing is written. Rows are streamed
(never the whole file in memory) and written with ``bulk_create`` in batches of 1,000.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rabta.accounts.permissions import is_organiser, is_validator
from rabta.core import heartbeat
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.files import (
    delete_quietly,
    display_name,
    local_copy,
    megabytes,
    random_name,
    removed_on_error,
    storage_errors,
    store,
)
from rabta.core.storage import has_local_path
from rabta.reports.importers import IMPORTERS, Importer
from rabta.reports.models import ImportedAccount, ImportJob
from rabta.reports.readers import ENCODINGS, FileProblem, binary_problem, open_table, table_type

INLINE_BYTES = 256 * 1024  # smaller files are checked at once, larger ones in the background
MAX_LISTED = 200  # errors and duplicates kept for the preview (all are counted)
PREVIEW_ROWS = 10
RUNNING = (ImportJob.Status.CHECKING, ImportJob.Status.IMPORTING)

logger = logging.getLogger(__name__)


class RowsFailed(Exception):
    """A row failed during the commit: the transaction is rolled back."""


def can_import(user, kind: str, event=None) -> bool:
    """An event's registrations: its managers. Organisations (imported approved), people and
    opportunities change the whole site's data: its validators."""
    if kind == ImportJob.Kind.REGISTRATIONS:
        from rabta.events.permissions import can_manage

        return event is not None and can_manage(user, event)
    if kind == ImportJob.Kind.TRADE_STATISTICS:
        return is_organiser(user) or is_validator(user)
    return is_validator(user)


def _named_or_packed_as_workbook(upload) -> bool:
    """An upload called .xlsx, or a zip archive as every workbook is (then a broken one)."""
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return (upload.name or "").lower().endswith(".xlsx") or head == b"PK\x03\x04"


def import_start(*, actor, kind: str, upload, encoding: str = "", event=None) -> ImportJob:
    if kind not in IMPORTERS:
        raise InvalidInput(field_errors={"kind": [_("Choose what to import.")]})
    if not can_import(actor, kind, event):
        raise NotPermitted(
            _("Only the event's organisers can import its registrations.")
            if kind == ImportJob.Kind.REGISTRATIONS
            else _("Only organisers can import trade statistics.")
            if kind == ImportJob.Kind.TRADE_STATISTICS
            else _("Only the site's validators can import organisations, people and opportunities.")
        )
    errors: dict[str, list[str]] = {}
    if encoding and encoding not in ENCODINGS:
        errors["encoding"] = [_("Choose an encoding from the list.")]
    content_type = None
    limit = (
        settings.RABTA_TRADE_IMPORT_MAX_BYTES
        if kind == ImportJob.Kind.TRADE_STATISTICS
        else settings.RABTA_IMPORT_MAX_BYTES
    )
    if upload is None or upload.size == 0:
        errors["file"] = [_("The file is empty.")]
    elif upload.size > limit:
        errors["file"] = [
            _(
                "The file is %(size)s MB; at most %(max)s MB can be imported at once: split it into several files."
            )
            % {"size": megabytes(upload.size), "max": megabytes(limit)}
        ]
    else:
        content_type = table_type(upload)
        if content_type is None and _named_or_packed_as_workbook(upload):
            errors["file"] = [
                _(
                    "This .xlsx file is damaged or is not an Excel workbook: open it in Excel or "
                    "LibreOffice, save it again as .xlsx (or as CSV UTF-8) and upload it again."
                )
            ]
        elif content_type is None:
            errors["file"] = [binary_problem().message]
    if errors:
        raise InvalidInput(field_errors=errors)
    job = ImportJob(
        kind=kind,
        event=event,
        original_name=display_name(getattr(upload, "name", ""), default="import")[:255],
        encoding=encoding,
        language=translation.get_language() or "en",
        created_by=actor,
    )
    # A random name whose extension is the detected type; the file is private (people's data).
    store(job.file, name=random_name(content_type), content=upload, field="file")
    with removed_on_error(job.file.storage, job.file.name):
        job.save()
    if upload.size <= INLINE_BYTES:
        return import_check(job_id=job.pk)
    from rabta.reports.tasks import check_import

    transaction.on_commit(lambda: check_import.enqueue(job_id=job.pk))
    return job


def import_confirm(
    *, actor, job: ImportJob, duplicate_action: str = "", invite: str = ""
) -> ImportJob:
    """The organiser saw the preview and asks for the import (merge or skip duplicates; for
    people, ``invite`` "now" e-mails each new account a link to choose a password, "later"
    leaves that to import_invite_people)."""
    if not can_import(actor, job.kind, job.event) or job.created_by_id != actor.pk:
        raise NotPermitted()
    if job.status != ImportJob.Status.READY:
        raise InvalidInput(_("This file cannot be imported: check it again."))
    if invite and invite not in ImportJob.Invite.values:
        raise InvalidInput(field_errors={"invite": [_("Choose to invite them now or later.")]})
    if not job.file:
        raise InvalidInput(_("The file is no longer kept: upload it again."))
    if job.duplicate_count and duplicate_action not in ImportJob.Duplicates.values:
        raise InvalidInput(
            field_errors={
                "duplicate_action": [
                    _("Choose whether to merge or to skip the rows that already exist.")
                ]
            }
        )
    job.duplicate_action = duplicate_action or ImportJob.Duplicates.SKIP
    if job.kind == ImportJob.Kind.PEOPLE:
        job.invite = invite or ImportJob.Invite.LATER
    job.status = ImportJob.Status.IMPORTING
    job.processed_rows = 0
    job.heartbeat_at = None  # waiting for a worker: the watchdog leaves it alone until it beats
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        duplicate_action=job.duplicate_action,
        invite=job.invite,
        status=job.status,
        processed_rows=0,
        heartbeat_at=None,
    )
    if not claimed:  # confirmed twice at once: the other confirmation runs the import
        raise InvalidInput(_("This file cannot be imported: check it again."))
    if _stored_size(job) <= INLINE_BYTES:
        return import_commit(job_id=job.pk)
    from rabta.reports.tasks import commit_import

    transaction.on_commit(lambda: commit_import.enqueue(job_id=job.pk))
    return job


def _stored_size(job: ImportJob) -> int:
    """The stored file's size; unknown (an unreachable object storage) counts as large: the
    background task then reports what it finds."""
    try:
        return job.file.size
    except storage_errors():
        return INLINE_BYTES + 1


# --- inviting the people an import brought in -------------------------------------------------


def _invite_accounts(job: ImportJob) -> int:
    """E-mail every account of ``job`` not invited yet (and still without a password) a link to
    choose its password, in its own language; mark them invited. Returns how many."""
    from rabta.accounts.services import account_invite_to_set_password
    from rabta.organisations.models import Member

    pending = (
        job.accounts.filter(invited_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("id")
    )
    now = timezone.now()
    invited = 0
    for batch in _batches(pending.iterator(chunk_size=1000), 1000):
        users = [entry.user for entry in batch if not entry.user.has_usable_password()]
        names: dict[int, list[dict]] = {}
        for member in Member.objects.filter(user__in=users).select_related("organisation"):
            names.setdefault(member.user_id, []).append(dict(member.organisation.name))
        for user in users:
            account_invite_to_set_password(user=user, organisation_names=names.get(user.pk, []))
        ImportedAccount.objects.filter(pk__in=[entry.pk for entry in batch]).update(invited_at=now)
        invited += len(users)
    return invited


def import_pending_invitations(job: ImportJob) -> int:
    """How many accounts of a people import have not been invited yet."""
    return job.accounts.filter(invited_at__isnull=True).count()


def import_invite_people(*, actor, job: ImportJob) -> int:
    """The organiser invites the people of an import done with "invite later"."""
    if not can_import(actor, job.kind, job.event):
        raise NotPermitted(
            _("Only the site's validators can import organisations, people and opportunities.")
        )
    if job.kind != ImportJob.Kind.PEOPLE or job.status != ImportJob.Status.DONE:
        raise InvalidInput(_("Only a finished import of people can be invited."))
    with transaction.atomic():
        count = _invite_accounts(job)
        audit_log(actor=actor, action="rabta.import.people_invited", obj=job, data={"count": count})
    return count


# --- the two passes -------------------------------------------------------------------------


def _batches(rows: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(rows, size)):
        yield batch


def _progress_name(job: ImportJob) -> str:
    return f"{job.file.name}.progress"


def write_progress(job: ImportJob, processed: int) -> None:
    """During a commit the job row is inside the transaction, so the worker also writes the
    count to a small private file next to the upload, where the web pages can read it. A
    storage that cannot take it now costs the page its figure, never the import."""
    storage, name = job.file.storage, _progress_name(job)
    data = json.dumps({"processed": processed}).encode()
    try:
        if has_local_path(storage):
            Path(storage.path(name)).write_bytes(data)
        else:
            delete_quietly(storage, name)
            storage.save(name, ContentFile(data))
    except storage_errors() as error:
        logger.warning("import %s: progress not written: %s", job.pk, error)


def progress_touched_at(job: ImportJob) -> float:
    """When the commit last wrote its progress note (a POSIX time; 0 when there is none)."""
    try:
        return job.file.storage.get_modified_time(_progress_name(job)).timestamp()
    except Exception:  # not written, or storage unreachable: no sign of life
        return 0.0


def read_progress(job: ImportJob) -> int:
    """Rows processed so far (see write_progress)."""
    if job.status != ImportJob.Status.IMPORTING or not job.file:
        return job.processed_rows
    try:
        with job.file.storage.open(_progress_name(job), "rb") as stream:
            return int(json.loads(stream.read())["processed"])
    except Exception:  # not written yet, being rewritten, or storage unreachable: no figure
        return 0


def forget_file(job: ImportJob) -> None:
    """Delete the uploaded file (and its progress note); the job keeps its figures. If the
    storage cannot delete it now, the name stays so that the daily purge tries again."""
    if job.file:
        delete_quietly(job.file.storage, _progress_name(job))
        if delete_quietly(job.file.storage, job.file.name):
            job.file = ""
            job.save(update_fields=["file"])


def import_files_purge(*, now=None, dry_run: bool = False) -> int:
    """Delete the files of imports started more than RABTA_IMPORT_KEEP_DAYS days ago (run
    daily); an import that was ready but never confirmed is then marked failed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RABTA_IMPORT_KEEP_DAYS)
    jobs = ImportJob.objects.filter(created_at__lt=cutoff).exclude(file="")
    if dry_run:
        return jobs.count()
    count = 0
    for job in jobs.iterator():
        forget_file(job)
        if job.file:
            continue  # the storage could not delete it: next time
        if job.status == ImportJob.Status.READY:
            with translation.override(job.language):
                job.status = ImportJob.Status.FAILED
                job.message = _(
                    "The file was deleted after %(days)d days without being imported: upload it again."
                ) % {"days": settings.RABTA_IMPORT_KEEP_DAYS}
            job.save(update_fields=["status", "message"])
        count += 1
    return count


class _Pass:
    """One read of the file: check every row, and write them when committing."""

    def __init__(self, job: ImportJob, *, commit: bool):
        self.job = job
        self.commit = commit
        self.importer: Importer = IMPORTERS[job.kind](actor=job.created_by, event=job.event)
        self.errors: list[dict[str, Any]] = []
        self.duplicates: list[dict[str, Any]] = []
        self.preview: list[list[Any]] = []
        self.error_count = self.duplicate_count = self.rows = 0
        self.created = self.merged = self.skipped = 0

    def add_error(self, line: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append({"line": line, "column": column, "message": str(message)})

    def run(self) -> None:
        job = self.job
        if not job.file:
            raise FileProblem(_("The file is no longer kept: upload it again."))
        try:
            with local_copy(job.file) as path:
                self._read(open_table(path, name=job.file.name, encoding=job.encoding))
        except storage_errors() as error:
            raise FileProblem(
                _("The file could not be read just now. Upload it again in a few minutes.")
            ) from error
        if not self.rows:
            self.add_error(None, "", _("The file has no rows below the column names."))

    def _read(self, table) -> None:
        try:
            self.encoding = table.encoding
            for problem in self.importer.check_header(table.header):
                self.add_error(1, "", problem)
            if self.error_count:
                return
            self.header = table.header
            for batch in _batches(table.rows, self.importer.batch_size):
                self.batch(batch)
                if self.commit and self.error_count:
                    raise RowsFailed
            if not self.error_count:
                for line, column, message in self.importer.finish(commit=self.commit):
                    self.add_error(line, column, message)
        finally:
            table.close()

    def batch(self, batch: list) -> None:
        batch_end = self.rows + len(batch)
        for _line, values in batch:
            if len(self.preview) < PREVIEW_ROWS:
                self.preview.append(
                    [
                        _printable(str(v)) if v is not None else ""
                        for v in values[: len(self.header)]
                    ]
                )
        batch = [(line, values) for line, values in batch if not self.has_nul(line, values)]
        results = self.importer.check(batch)
        for result in results:
            for column, message in result.errors:
                self.add_error(result.line, column, message)
            if result.existing is not None and not result.errors:
                self.duplicate_count += 1
                if len(self.duplicates) < MAX_LISTED:
                    self.duplicates.append(
                        {
                            "line": result.line,
                            "name": result.label,
                            "existing": str(result.existing),
                        }
                    )
        self.rows = batch_end
        if self.commit and not self.error_count:
            created, merged, skipped = self.importer.write(
                results, merge=self.job.duplicate_action == ImportJob.Duplicates.MERGE
            )
            self.created += created
            self.merged += merged
            self.skipped += skipped
            opened = [r.new_account for r in results if r.new_account is not None]
            if opened:
                ImportedAccount.objects.bulk_create(
                    [ImportedAccount(job=self.job, user=user) for user in opened]
                )
            write_progress(self.job, self.rows)
        elif not self.commit:
            ImportJob.objects.filter(pk=self.job.pk, status=ImportJob.Status.CHECKING).update(
                processed_rows=self.rows, heartbeat_at=timezone.now()
            )

    def has_nul(self, line: int, values: list[Any]) -> bool:
        """A NUL character (a zero byte) is no text: no database stores it. Refuse the cell."""
        for number, value in enumerate(values):
            if isinstance(value, str) and "\x00" in value:
                column = self.header[number] if number < len(self.header) else ""
                self.add_error(
                    line,
                    column,
                    _(
                        "This cell holds a NUL character (a zero byte), which is not text. "
                        "Remove it and upload the file again."
                    ),
                )
                return True
        return False


def _printable(value: Any) -> Any:
    """``value`` with every NUL character replaced, so it can be stored and shown."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


def _finish(job: ImportJob, run: _Pass, status: str, message: str = "", *, was: str) -> ImportJob:
    """Record the outcome of a pass, unless the job left state ``was`` meanwhile (the watchdog
    failed it): then the job keeps that state."""
    values: dict[str, Any] = {
        "status": status,
        "message": message,
        "errors": _printable(run.errors),
        "error_count": run.error_count,
        "processed_rows": run.rows,
        "finished_at": timezone.now(),
    }
    if not run.commit:
        values.update(
            total_rows=run.rows,
            duplicates=_printable(run.duplicates),
            duplicate_count=run.duplicate_count,
            preview=_printable([run.header, *run.preview]) if getattr(run, "header", None) else [],
            encoding=job.encoding or getattr(run, "encoding", ""),
        )
    ImportJob.objects.filter(pk=job.pk, status=was).update(**values)
    job.refresh_from_db()
    if job.status != ImportJob.Status.READY:
        forget_file(job)  # imported, or never importable: the file (people's data) is not kept
    return job


def _fail(job: ImportJob, run: _Pass, *, was: str) -> ImportJob:
    """An unexpected error in a pass: the job fails with a message, never stays under way."""
    logger.exception("Import %s failed", job.pk)
    run.add_error(
        None,
        "",
        _("The file could not be read as a table. Check that it is a CSV or XLSX file."),
    )
    return _finish(job, run, ImportJob.Status.FAILED, _("Nothing was imported."), was=was)


def _beat(job: ImportJob, status: str) -> None:
    ImportJob.objects.filter(pk=job.pk, status=status).update(heartbeat_at=timezone.now())


def import_check(*, job_id: int) -> ImportJob:
    """Read and check the whole file without writing anything; fill the preview."""
    job = ImportJob.objects.select_related("event", "created_by").get(pk=job_id)
    was = ImportJob.Status.CHECKING
    if job.status != was:
        return job
    _beat(job, was)
    run = _Pass(job, commit=False)
    with translation.override(job.language):
        try:
            with heartbeat.beating(lambda: _beat(job, was)):
                run.run()
        except FileProblem as problem:
            run.add_error(None, "", problem.message)
        except Exception:  # whatever the file does, the job ends
            return _fail(job, run, was=was)
        status = ImportJob.Status.INVALID if run.error_count else ImportJob.Status.READY
        return _finish(job, run, status, was=was)


def import_commit(*, job_id: int) -> ImportJob:
    """Write every row in one transaction, checking each again; any error and nothing stays.

    The job's row is inside the transaction, so the commit beats on its progress note."""
    job = ImportJob.objects.select_related("event", "created_by").get(pk=job_id)
    was = ImportJob.Status.IMPORTING
    if job.status != was:
        return job
    _beat(job, was)
    run = _Pass(job, commit=True)
    with translation.override(job.language):
        try:
            with heartbeat.beating(lambda: write_progress(job, run.rows)), transaction.atomic():
                run.run()
                if run.error_count:
                    raise RowsFailed
                if job.invite == ImportJob.Invite.NOW:
                    _invite_accounts(job)
                audit_log(
                    actor=job.created_by,
                    action="rabta.import.committed",
                    obj=job,
                    data={
                        "kind": job.kind,
                        "created": run.created,
                        "merged": run.merged,
                        "skipped": run.skipped,
                    },
                )
        except RowsFailed:
            return _finish(
                job,
                run,
                ImportJob.Status.FAILED,
                _("Nothing was imported: the file changed or the data no longer fits."),
                was=was,
            )
        except FileProblem as problem:
            run.add_error(None, "", problem.message)
            return _finish(job, run, ImportJob.Status.FAILED, _("Nothing was imported."), was=was)
        except IntegrityError:
            # The database's own uniqueness rules caught a record added since the check.
            return _finish(
                job,
                run,
                ImportJob.Status.FAILED,
                _(
                    "Nothing was imported: a record in the file was added meanwhile. Check the file again."
                ),
                was=was,
            )
        except Exception:  # whatever the file does, the job ends
            return _fail(job, run, was=was)
        finally:
            if job.file:
                delete_quietly(job.file.storage, _progress_name(job))
    ImportJob.objects.filter(pk=job.pk, status=was).update(
        created_count=run.created, merged_count=run.merged, skipped_count=run.skipped
    )
    return _finish(job, run, ImportJob.Status.DONE, was=was)


def imports_fail_stalled() -> int:
    """The watchdog: fail the checks and imports whose worker stopped beating (a commit's
    transaction died with its worker, so nothing was written). Returns how many were failed."""
    cutoff = heartbeat.stale_before()
    failed = 0
    for job in ImportJob.objects.filter(status__in=RUNNING, heartbeat_at__lt=cutoff):
        if (
            job.status == ImportJob.Status.IMPORTING
            and job.file
            and progress_touched_at(job) >= cutoff.timestamp()
        ):
            continue  # the commit is alive: it beats on its progress note
        with translation.override(job.language):
            message = _(
                "The import stopped answering, so it was given up: its worker may have been "
                "restarted or run out of memory. Nothing was imported; upload the file again."
            )
        updated = ImportJob.objects.filter(
            pk=job.pk, status=job.status, heartbeat_at__lt=cutoff
        ).update(status=ImportJob.Status.FAILED, message=message, finished_at=timezone.now())
        if updated:
            forget_file(job)
            logger.warning("Import %s stopped beating: failed", job.pk)
        failed += updated
    return failed
