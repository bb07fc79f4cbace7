"""One-file backups of a rabta site: the database, the public media and the private files.

An archive is an uncompressed tar (the database dump and the images are compressed already):

    manifest.json                 format, rabta version, date, database vendor, SHA-256 of each file
    database.sqlite3 | database.pgdump
                                  SQLite: a copy made with SQLite's online backup API;
                                  PostgreSQL: ``pg_dump --format=custom``
    files/media/…, files/private/…
                                  MEDIA_ROOT and PRIVATE_MEDIA_ROOT (local storage only)

A restore checks everything before it changes anything: the manifest, every checksum, the
vendor, that the dump is readable and that no member escapes its directory. The database is
then replaced in one transaction (SQLite's backup API; ``pg_restore --single-transaction``) and
the file directories are swapped in by renaming, so a failure leaves the site as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# The storages whose files a backup holds, and their directory in the archive.
FILE_ROOTS = {"default": "files/media", "private": "files/private"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in the operator's language."""


@dataclass(frozen=True)
class Restored:
    vendor: str
    created_at: str
    version: str
    files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _rabta_version() -> str:
    try:
        return metadata.version("rabta")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def local_file_roots() -> dict[str, Path]:
    """{archive directory: local directory} of the storages kept on this machine's disk.

    Files in an S3 bucket are not copied: the bucket's own versioning or backup covers them.
    """
    roots = {}
    for alias, prefix in FILE_ROOTS.items():
        if alias not in settings.STORAGES:
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            roots[prefix] = Path(storage.location)
    return roots


def _pg_environment(database: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _run(command: list[str], env: dict[str, str], failure: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            _("%(program)s is not installed: install the PostgreSQL client tools.")
            % {"program": command[0]}
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{failure}\n{result.stderr.strip()}")


def _dump_database(alias: str, target: Path) -> str:
    connection = connections[alias]
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy while the site keeps running.
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            _pg_environment(connection.settings_dict),
            _("pg_dump could not dump the database."),
        )
    else:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def backup_create(*, destination: Path, alias: str = "default", overwrite: bool = False) -> Path:
    """Write a backup archive; ``destination`` is a directory (a dated name is chosen) or a file.

    An existing file is replaced only with ``overwrite`` (it may be the only good backup)."""
    now = dt.datetime.now(dt.UTC)
    if destination.is_dir():
        destination = destination / f"rabta-backup-{now:%Y%m%d-%H%M%S}.tar"
    _refuse_existing(destination, overwrite)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rabta-backup-", dir=destination.parent) as work:
        work_dir = Path(work)
        vendor = connections[alias].vendor
        dump = work_dir / DUMP_NAMES.get(vendor, "database")
        _dump_database(alias, dump)
        members: list[tuple[Path, str]] = [(dump, dump.name)]
        for prefix, root in local_file_roots().items():
            if root.is_dir():
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    members.append((path, f"{prefix}/{path.relative_to(root).as_posix()}"))
        recorder = MigrationRecorder(connections[alias])
        manifest = {
            "format": FORMAT,
            "application": "rabta",
            "version": _rabta_version(),
            "created_at": now.isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "file": dump.name},
            "file_roots": sorted(local_file_roots()),
            "migrations": sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()),
            "checksums": {name: _sha256(path) for path, name in members},
        }
        manifest_path = work_dir / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        partial = work_dir / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            for path, name in members:
                archive.add(path, arcname=name, recursive=False)
        _refuse_existing(destination, overwrite)  # written meanwhile (a second backup)
        os.replace(partial, destination)  # never a half-written archive under the final name
    return destination


def _refuse_existing(destination: Path, overwrite: bool) -> None:
    if destination.exists() and not overwrite:
        raise BackupError(
            _("%(file)s exists already: name a new file, or add --force to replace it.")
            % {"file": destination}
        )


# --- restore -----------------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name not in ("", ".")


def _unpack(archive_path: Path, work_dir: Path) -> dict:
    """Extract the archive into work_dir and verify it; returns the manifest."""
    corrupt = _("%(file)s is not a complete rabta backup (damaged or not a backup at all).") % {
        "file": archive_path.name
    }
    try:
        with tarfile.open(archive_path, "r:") as archive:
            members = archive.getmembers()
            for member in members:
                if not _safe_name(member.name) or not (member.isfile() or member.isdir()):
                    raise BackupError(corrupt)
            archive.extractall(work_dir, members=members, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(corrupt) from error
    try:
        manifest = json.loads((work_dir / MANIFEST).read_text(encoding="utf-8"))
        checksums = dict(manifest["checksums"])
        vendor = manifest["database"]["vendor"]
        dump_name = manifest["database"]["file"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(corrupt) from error
    if manifest.get("application") != "rabta" or manifest.get("format") != FORMAT:
        raise BackupError(corrupt)
    if dump_name not in checksums or DUMP_NAMES.get(vendor) != dump_name:
        raise BackupError(corrupt)
    present = {p.relative_to(work_dir).as_posix() for p in work_dir.rglob("*") if p.is_file()} - {
        MANIFEST
    }
    if present != set(checksums):
        raise BackupError(corrupt)
    for name, expected in checksums.items():
        if not _safe_name(name) or _sha256(work_dir / name) != expected:
            raise BackupError(corrupt)
    return manifest


def _check_dump_readable(vendor: str, dump: Path, env: dict[str, str]) -> None:
    if vendor == "sqlite":
        try:
            with sqlite3.connect(f"file:{dump}?mode=ro", uri=True) as database:
                (result,) = database.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(_("The database in the backup is damaged.")) from error
        if result != "ok":
            raise BackupError(_("The database in the backup is damaged."))
    else:
        _run(["pg_restore", "--list", str(dump)], env, _("The database in the backup is damaged."))


def _restore_database(alias: str, vendor: str, dump: Path) -> None:
    connection = connections[alias]
    if vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)  # written in one transaction: all or nothing
        except sqlite3.Error as error:
            raise BackupError(
                _("The database could not be restored: %(error)s") % {"error": error}
            ) from error
        finally:
            source.close()
            target.close()
    else:
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            _pg_environment(connection.settings_dict),
            _("pg_restore could not restore the database; it is unchanged."),
        )


def _stage_beside(extracted: Path, live: Path) -> Path:
    """The extracted directory, moved next to ``live`` when it is on another file system (the
    final swap is a rename, which cannot cross file systems)."""
    extracted.mkdir(parents=True, exist_ok=True)
    live.parent.mkdir(parents=True, exist_ok=True)
    if os.stat(extracted).st_dev == os.stat(live.parent).st_dev:
        return extracted
    beside = Path(tempfile.mkdtemp(prefix=f".{live.name}-restore-", dir=live.parent))
    shutil.copytree(extracted, beside, dirs_exist_ok=True)
    return beside


def _swap_directories(staged: dict[Path, Path]) -> None:
    """Put each staged directory in place of its live one; on a failure, put the old ones back."""
    moved: list[tuple[Path, Path]] = []
    try:
        for live, new in staged.items():
            old = live.with_name(f"{live.name}.before-restore")
            shutil.rmtree(old, ignore_errors=True)
            if live.exists():
                os.replace(live, old)
            moved.append((live, old))
            live.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, live)
    except OSError:
        for live, old in reversed(moved):
            if old.exists():
                shutil.rmtree(live, ignore_errors=True)
                os.replace(old, live)
        raise
    for _live, old in moved:
        shutil.rmtree(old, ignore_errors=True)


def backup_restore(*, archive: Path, alias: str = "default") -> Restored:
    """Replace the database and the local files with an archive's, or change nothing."""
    connection = connections[alias]
    if not archive.is_file():
        raise BackupError(_("%(file)s does not exist.") % {"file": archive})
    roots = local_file_roots()
    # Staged next to the live directories, so the final renames stay on one file system.
    staging_parent = (next(iter(roots.values())) if roots else archive).parent
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".rabta-restore-", dir=staging_parent) as work:
        work_dir = Path(work)
        manifest = _unpack(archive, work_dir)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                _(
                    "This backup holds a %(archive)s database and this site uses %(site)s: "
                    "restore it on a site with the same database."
                )
                % {"archive": vendor, "site": connection.vendor}
            )
        dump = work_dir / manifest["database"]["file"]
        _check_dump_readable(vendor, dump, _pg_environment(connection.settings_dict))
        staged = {}
        for prefix, root in roots.items():
            if prefix not in manifest.get("file_roots", []):
                continue  # a backup made without this directory leaves it alone
            staged[root] = _stage_beside(work_dir / prefix, root)
        _restore_database(alias, vendor, dump)
        _swap_directories(staged)
    files = sum(1 for name in manifest["checksums"] if name.startswith("files/"))
    return Restored(
        vendor=vendor,
        created_at=manifest["created_at"],
        version=manifest["version"],
        files=files,
    )
