"""Import files hold people's e-mails: private, random names, size-limited, never kept longer
than needed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.factories import OrganiserFactory
from tests.reports.helpers import csv_file, xlsx_file

pytestmark = pytest.mark.django_db

PEOPLE = [
    ["name_en", "country"],
    ["Sialkot Surgical Works", "PK"],
]


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_import_file_is_private_and_not_downloadable(client, organiser, settings):
    settings.ROOT_URLCONF = "tests.media_urls"  # MEDIA_ROOT served as the web server does
    job = import_start(
        actor=organiser, kind="organisations", upload=csv_file(PEOPLE, name="people.csv")
    )
    assert job.status == ImportJob.Status.READY
    name = job.file.name
    assert name.startswith("imports/") and name.endswith(".csv") and "people" not in name
    assert job.original_name == "people.csv"
    assert (settings.PRIVATE_MEDIA_ROOT / name).exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    for path in (f"/media/{name}", "/media/imports/people.csv"):
        assert client.get(path).status_code == 404  # logged out
    client.force_login(OrganiserFactory())  # another organiser
    for path in (f"/media/{name}", "/media/imports/people.csv"):
        assert client.get(path).status_code == 404
    # Not even its own import page lets another organiser in.
    assert client.get(reverse("reports:import_detail", args=[job.pk])).status_code == 404


def test_the_file_is_deleted_once_imported(organiser, settings):
    job = import_start(
        actor=organiser, kind="organisations", upload=xlsx_file(PEOPLE, name="a.csv")
    )
    assert job.file.name.endswith(".xlsx")  # the content decides, not the name
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 1
    assert not job.file
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_file_with_errors_is_not_kept(organiser, settings):
    job = import_start(
        actor=organiser,
        kind="organisations",
        upload=csv_file([["name_en", "country"], ["X", "ZZ"]]),
    )
    assert job.status == ImportJob.Status.INVALID and job.error_count == 1
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_an_abandoned_file_is_deleted_by_the_daily_job(organiser, settings, capsys):
    settings.RABTA_IMPORT_KEEP_DAYS = 7
    old = import_start(actor=organiser, kind="organisations", upload=csv_file(PEOPLE))
    recent = import_start(actor=organiser, kind="organisations", upload=csv_file(PEOPLE))
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    call_command("purge_import_files")
    assert "1 import file deleted." in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and recent.file
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == [
        settings.PRIVATE_MEDIA_ROOT / recent.file.name
    ]
    assert old.status == ImportJob.Status.FAILED
    assert "deleted after 7 days" in old.message
    with pytest.raises(Exception, match="This file cannot be imported"):
        import_confirm(actor=organiser, job=old)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("people.csv", b"%PDF-1.4\n%%EOF"),
        ("people.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("people.xlsx", b"PK\x03\x04 not a workbook"),
        ("people.csv", b"name_en,country\nA\x00\x01\x02\x03,PK\n"),
    ],
    ids=["pdf", "png", "zip-not-xlsx", "binary"],
)
def test_what_is_no_table_is_refused_whatever_its_name(organiser, settings, name, content):
    with pytest.raises(Exception) as caught:
        import_start(
            actor=organiser, kind="organisations", upload=SimpleUploadedFile(name, content)
        )
    (message,) = caught.value.field_errors["file"]
    if name.endswith(".xlsx"):  # named a workbook: said to be a damaged one, and how to mend it
        assert "damaged or is not an Excel workbook" in message and "save it again" in message
    else:
        assert "holds binary data" in message and message.endswith("Upload a .csv or .xlsx file.")
    assert not ImportJob.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_file_over_the_limit_gets_a_clear_message_and_is_not_kept(
    client, organiser, settings, tmp_path
):
    settings.RABTA_IMPORT_MAX_BYTES = 1024 * 1024
    settings.RABTA_UPLOAD_MAX_BYTES = 1024 * 1024  # the upload handler stops keeping it too
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    big = b"name_en,country\n" + b"Sialkot Surgical Works,PK\n" * 60_000  # 1.5 MB
    client.force_login(organiser)
    response = client.post(
        reverse("reports:import_new"),
        {"kind": "organisations", "encoding": "", "file": SimpleUploadedFile("big.csv", big)},
    )
    assert response.status_code == 200
    assert (
        "The file is 1.5 MB; at most 1 MB can be imported at once: split it into several files."
        in response.content.decode()
    )
    assert not ImportJob.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert list(tmp_path.iterdir()) == []  # nor left in a temporary upload file
