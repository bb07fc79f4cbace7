"""Issue 15.10: `rabta backup` and `rabta restore` — same data and files in a fresh database, and
a damaged or foreign archive refused before anything changes.

The backup is made here, from the test database (SQLite, or PostgreSQL when DATABASE_URL points at
one); the restore runs as an operator would run it: `rabta restore` in a new process whose
settings point at a fresh database (an empty SQLite file, or a scratch PostgreSQL database) and
fresh file directories.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from rabta.accounts.models import User
from rabta.core.storage import get_private_storage
from rabta.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PEOPLE_CSV = "email,name\nayesha@example.org,Ayesha Khan\nolga@example.ru,Ольга Иванова\n".encode()

READ_BACK = """
import json
from rabta.accounts.models import User
from rabta.organisations.models import Organisation
print(json.dumps({
    "organisations": sorted(Organisation.objects.values_list("slug", flat=True)),
    "users": sorted(User.objects.values_list("username", flat=True)),
}))
"""


@pytest.fixture
def site():
    """A site with an organisation, a person, a public logo and a private import file."""
    OrganisationFactory(slug="sialkot-surgical", name={"en": "Sialkot Surgical"})
    User.objects.create_user(username="ayesha", email="ayesha@example.org", password="x-secret-1")
    logo = default_storage.save("logos/sialkot.png", ContentFile(LOGO))
    people = get_private_storage().save("imports/people.csv", ContentFile(PEOPLE_CSV))
    return {"logo": logo, "people": people}


@pytest.fixture
def fresh(tmp_path):
    """Settings (as environment variables) of a fresh site: an empty database and no files."""
    root = tmp_path / "fresh"
    root.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rabta.settings",
        "RABTA_DATA_DIR": str(root),
        "MEDIA_ROOT": str(root / "media"),
        "PRIVATE_MEDIA_ROOT": str(root / "private"),
    }
    if connection.vendor == "postgresql":
        name = f"rabta_restore_{uuid.uuid4().hex[:12]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        )
        yield env, root
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env["DATABASE_URL"] = f"sqlite:///{root / 'rabta.sqlite3'}"
        yield env, root


def rabta(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rabta.cli", *args], env=env, capture_output=True, text=True
    )


def back_up(tmp_path: Path) -> Path:
    directory = tmp_path / "backups"
    directory.mkdir()
    call_command("backup", str(directory), stdout=io.StringIO())
    (archive,) = directory.iterdir()
    return archive


def test_a_backup_restored_into_a_fresh_database_has_the_same_data_and_files(site, fresh, tmp_path):
    archive = back_up(tmp_path)
    env, root = fresh

    restored = rabta("restore", str(archive), "--noinput", env=env)
    assert restored.returncode == 0, restored.stderr

    read = rabta("shell", "-c", READ_BACK, env=env)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout.strip().splitlines()[-1]) == {
        "organisations": sorted(Organisation.objects.values_list("slug", flat=True)),
        "users": sorted(User.objects.values_list("username", flat=True)),
    }
    assert "sialkot-surgical" in read.stdout and "ayesha" in read.stdout
    assert (root / "media" / site["logo"]).read_bytes() == LOGO
    assert (root / "private" / site["people"]).read_bytes() == PEOPLE_CSV
    # The site still runs on the restored database: nothing is left to migrate.
    plan = rabta("migrate", "--check", env=env)
    assert plan.returncode == 0, plan.stdout + plan.stderr


def test_the_archive_has_a_manifest_with_the_vendor_and_a_checksum_of_every_file(site, tmp_path):
    archive = back_up(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["application"] == "rabta" and manifest["created_at"]
    assert f"files/media/{site['logo']}" in manifest["checksums"]
    assert f"files/private/{site['people']}" in manifest["checksums"]
    assert names == {"manifest.json", *manifest["checksums"]}


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with change(name, data) -> data applied to every member."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def site_is_unchanged(site) -> None:
    assert Organisation.objects.filter(slug="sialkot-surgical").exists()
    assert User.objects.filter(username="ayesha").exists()
    with default_storage.open(site["logo"]) as logo:
        assert logo.read() == LOGO
    with get_private_storage().open(site["people"]) as people:
        assert people.read() == PEOPLE_CSV


def test_a_damaged_archive_is_refused_and_the_site_is_unchanged(site, tmp_path):
    archive = back_up(tmp_path)
    dump = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"

    def flip_a_byte(name, data):
        if name != dump:
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]

    damaged = rewrite(archive, tmp_path / "damaged.tar", flip_a_byte)
    with pytest.raises(CommandError, match="not a complete rabta backup"):
        call_command("restore", str(damaged), "--noinput", stdout=io.StringIO())
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 3])
    with pytest.raises(CommandError, match="not a complete rabta backup"):
        call_command("restore", str(truncated), "--noinput", stdout=io.StringIO())
    not_a_backup = tmp_path / "photo.tar"
    not_a_backup.write_bytes(LOGO)
    with pytest.raises(CommandError, match="not a complete rabta backup"):
        call_command("restore", str(not_a_backup), "--noinput", stdout=io.StringIO())
    site_is_unchanged(site)


def test_an_archive_from_another_database_vendor_is_refused(site, tmp_path):
    archive = back_up(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    other_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    dump = manifest["database"]["file"]
    manifest["database"] = {"vendor": other, "file": other_file}
    manifest["checksums"][other_file] = manifest["checksums"].pop(dump)

    def relabel(name, data):
        return json.dumps(manifest).encode() if name == "manifest.json" else data

    foreign = rewrite(archive, tmp_path / "foreign.tar", relabel)
    with tarfile.open(foreign) as tar, tarfile.open(tmp_path / "renamed.tar", "w") as out:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name == dump:
                member.name = other_file
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("restore", str(tmp_path / "renamed.tar"), "--noinput", stdout=io.StringIO())
    site_is_unchanged(site)


def test_an_archive_that_writes_outside_its_directory_is_refused(site, tmp_path):
    archive = back_up(tmp_path)
    evil = tmp_path / "evil.tar"
    with tarfile.open(archive) as source, tarfile.open(evil, "w") as out:
        for member in source.getmembers():
            out.addfile(member, source.extractfile(member))
        planted = tarfile.TarInfo("files/media/../../../planted.txt")
        planted.size = 4
        out.addfile(planted, io.BytesIO(b"evil"))
    with pytest.raises(CommandError, match="not a complete rabta backup"):
        call_command("restore", str(evil), "--noinput", stdout=io.StringIO())
    assert not any(tmp_path.parent.rglob("planted.txt"))
    site_is_unchanged(site)


def test_restoring_a_missing_archive_says_so_before_asking_to_confirm(tmp_path, monkeypatch):
    def no_question(prompt=""):
        raise AssertionError(f"asked {prompt!r} for an archive that does not exist")

    monkeypatch.setattr("builtins.input", no_question)
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.tar"), stdout=io.StringIO())
    # a directory (the backup's folder given instead of its file) was said not to exist
    with pytest.raises(CommandError, match="is a directory; give the backup file"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())


def test_restore_without_a_terminal_to_confirm_is_cancelled_and_changes_nothing(
    site, tmp_path, monkeypatch
):
    archive = back_up(tmp_path)
    Organisation.objects.filter(slug="sialkot-surgical").delete()

    def closed_stdin(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", closed_stdin)
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert not Organisation.objects.filter(slug="sialkot-surgical").exists()


def test_a_backup_to_a_place_that_cannot_be_written_is_a_clear_error(site, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match="Cannot write the backup to"):
        call_command("backup", str(blocker / "backup.tar"), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_backup_never_replaces_an_existing_file_unless_told_to(
    site, tmp_path, capsys, monkeypatch
):
    """`rabta backup last-good.tar` by mistake must not destroy the only good backup."""
    from rabta.cli import main

    monkeypatch.setenv("RABTA_LANGUAGE", "en")
    existing = tmp_path / "last-good.tar"
    existing.write_bytes(b"the only good backup")
    with pytest.raises(SystemExit) as exit_:
        main(["backup", str(existing)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"CommandError: {existing} exists already: name a new file, or add --force to replace it."
    )
    assert existing.read_bytes() == b"the only good backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last-good.tar"]  # no leftovers

    assert main(["backup", str(existing), "--force"]) == 0
    with tarfile.open(existing) as archive:
        assert "manifest.json" in archive.getnames()
