"""Hostile and broken import files end in a failed state with a message, never stuck, never a 500;
an import whose worker died is failed by the watchdog. Run with DATABASE_URL for PostgreSQL, which
refuses NUL characters in text."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from rabta.core.exceptions import InvalidInput
from rabta.organisations.models import Organisation
from rabta.reports import imports
from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.reports.helpers import csv_file

pytestmark = pytest.mark.django_db

NUL_IN_A_CELL = [["name_en", "country"], ["Sialkot Surgical", "PK"], ["Ural\x00Med", "RU"]]


def start(organiser, upload, **kwargs) -> ImportJob:
    return import_start(actor=organiser, kind="organisations", upload=upload, **kwargs)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 100).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_nul_byte_in_a_cell_is_reported_on_its_row_and_nothing_is_imported(organiser):
    job = start(organiser, csv_file(NUL_IN_A_CELL))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {
            "line": 3,
            "column": "name_en",
            "message": "This cell holds a NUL character (a zero byte), which is not text. "
            "Remove it and upload the file again.",
        }
    ]
    assert job.preview[2] == ["Ural\ufffdMed", "RU"]
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job)
    assert not Organisation.objects.exists()


def test_confirming_an_import_with_a_nul_byte_through_the_api_is_a_422(client, organiser):
    client.force_login(organiser)
    upload = csv_file(NUL_IN_A_CELL)
    created = client.post("/api/v1/imports", {"kind": "organisations", "file": upload})
    assert created.status_code == 201
    assert created.json()["status"] == "invalid"
    confirmed = client.post(
        f"/api/v1/imports/{created.json()['id']}/confirm",
        data={},
        content_type="application/json",
        headers={"accept-language": "ru"},
    )
    assert confirmed.status_code == 422
    assert "нельзя импортировать" in confirmed.json()["error"]["message"]
    assert not Organisation.objects.exists()


def test_a_nul_byte_in_a_column_name_ends_the_check_with_a_message(organiser):
    job = start(organiser, csv_file([["name\x00en", "country"], ["Ural Med", "RU"]]))
    assert job.status == ImportJob.Status.INVALID
    assert "Unknown column" in job.errors[0]["message"]


def test_a_picture_named_csv_is_refused_with_a_message(client, organiser):
    with pytest.raises(InvalidInput) as error:
        start(organiser, SimpleUploadedFile("people.csv", png_bytes()))
    assert "binary data" in error.value.field_errors["file"][0]
    client.force_login(organiser)
    response = client.post(
        "/api/v1/imports",
        {"kind": "organisations", "file": SimpleUploadedFile("people.csv", png_bytes())},
        headers={"accept-language": "ur"},
    )
    assert response.status_code == 422
    assert "بائنری" in response.json()["error"]["fields"]["file"][0]
    page = client.post(
        reverse("reports:import_new"),
        {"kind": "organisations", "encoding": "", "file": SimpleUploadedFile("a.csv", png_bytes())},
    )
    assert page.status_code == 200
    assert "binary data" in page.content.decode()
    assert not ImportJob.objects.exists()


def test_a_50_mb_binary_file_is_refused_at_once(organiser, settings):
    settings.RABTA_IMPORT_MAX_BYTES = 100 * 1024 * 1024
    upload = SimpleUploadedFile("people.csv", os.urandom(50 * 1024 * 1024))
    with pytest.raises(InvalidInput) as error:
        start(organiser, upload)
    assert "binary data" in error.value.field_errors["file"][0]


def test_a_50_mb_file_that_turns_binary_after_its_start_ends_invalid(
    organiser, django_capture_on_commit_callbacks, settings
):
    settings.RABTA_IMPORT_MAX_BYTES = 100 * 1024 * 1024
    rows = "".join(f"Company {n},PK\r\n" for n in range(30_000)).encode()
    upload = SimpleUploadedFile(
        "people.csv", b"name_en,country\r\n" + rows + os.urandom(50 * 1024 * 1024)
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = start(organiser, upload)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert "is not valid UTF-8 text after line" in job.errors[-1]["message"]
    assert not job.is_running


def test_a_shift_jis_file_is_refused_not_read_as_arabic(organiser):
    rows = [["name_en", "country"], ["株式会社トヨタ", "JP"], ["日本電気株式会社", "JP"]]
    job = start(organiser, csv_file(rows, encoding="shift_jis"))
    assert job.status == ImportJob.Status.INVALID
    assert "could not tell the file's encoding" in job.errors[0]["message"]
    assert job.preview == []


def test_a_western_code_page_is_refused_not_read_as_cyrillic(organiser):
    rows = [["name_en", "country"], ["Müller Gerätebau", "DE"], ["Café Crème Société", "FR"]]
    job = start(organiser, csv_file(rows, encoding="cp1252"))
    assert job.status == ImportJob.Status.INVALID
    assert "encoding" in job.errors[0]["message"]


def test_russian_in_capitals_in_windows_1251_is_still_read(organiser):
    rows = [["name_ru", "country"], ["ООО ТОРГОВЫЙ ДОМ УРАЛ", "RU"], ["СИБИРСКАЯ КОЖА", "RU"]]
    job = start(organiser, csv_file(rows, encoding="cp1251"))
    assert (job.status, job.encoding) == (ImportJob.Status.READY, "cp1251")


def test_short_russian_names_mixing_capitals_in_windows_1251_are_read(organiser):
    # Capitals and lower case mixed as Urdu read in cp1251 would be: tried as cp1256, then cp1251.
    rows = [["name_ru", "city", "country"], ["ООО Ромашка", "Москва", "RU"]]
    rows.append(["АО ТехноСталь", "Казань", "RU"])
    job = start(organiser, csv_file(rows, encoding="cp1251"))
    assert (job.status, job.encoding) == (ImportJob.Status.READY, "cp1251"), job.errors


# --- the watchdog -------------------------------------------------------------------------------


def stalled(job: ImportJob, status: str, seconds_ago: float | None) -> None:
    beat = None if seconds_ago is None else timezone.now() - dt.timedelta(seconds=seconds_ago)
    ImportJob.objects.filter(pk=job.pk).update(status=status, heartbeat_at=beat)


def test_an_import_whose_worker_died_is_failed_and_the_page_says_so(client, organiser, settings):
    settings.RABTA_TASK_STALE_SECONDS = 60
    job = start(organiser, csv_file([["name_en", "country"], ["Ural Med", "RU"]]))
    organiser.language = "ru"
    organiser.save()
    job.language = "ru"
    job.save()
    stalled(job, ImportJob.Status.IMPORTING, seconds_ago=61)
    client.force_login(organiser)
    page = client.get(reverse("reports:import_detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "Импорт перестал отвечать" in job.message
    assert job.message in page.content.decode()
    assert not Organisation.objects.exists()


def test_a_check_whose_worker_died_is_failed_too(organiser, settings):
    settings.RABTA_TASK_STALE_SECONDS = 60
    job = start(organiser, csv_file([["name_en", "country"], ["Ural Med", "RU"]]))
    stalled(job, ImportJob.Status.CHECKING, seconds_ago=600)
    assert imports.imports_fail_stalled() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    imports.import_check(job_id=job.pk)  # the task, delivered again, changes nothing
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


def test_a_job_waiting_for_a_worker_or_still_beating_is_left_alone(organiser, settings):
    settings.RABTA_TASK_STALE_SECONDS = 60
    waiting = start(organiser, csv_file([["name_en", "country"], ["Ural Med", "RU"]]))
    stalled(waiting, ImportJob.Status.IMPORTING, seconds_ago=None)
    beating = start(organiser, csv_file([["name_en", "country"], ["Kazan Sports", "RU"]]))
    stalled(beating, ImportJob.Status.CHECKING, seconds_ago=10)
    # a commit beats on its progress file (its row is inside the transaction)
    committing = start(organiser, csv_file([["name_en", "country"], ["Forward Sports", "PK"]]))
    stalled(committing, ImportJob.Status.IMPORTING, seconds_ago=600)
    imports.write_progress(committing, 0)
    assert imports.imports_fail_stalled() == 0
    assert set(ImportJob.objects.values_list("status", flat=True)) == {"importing", "checking"}


@pytest.mark.parametrize(
    ("name", "content"),
    [("members.xlsx", b"PK\x03\x04 not really a zip"), ("members.xlsx", png_bytes())],
)
def test_a_broken_workbook_is_called_a_broken_workbook_not_a_csv_file(organiser, name, content):
    with pytest.raises(InvalidInput) as error:
        start(organiser, SimpleUploadedFile(name, content))
    message = error.value.field_errors["file"][0]
    assert "This .xlsx file is damaged or is not an Excel workbook" in message
    assert "not a CSV file" not in message
    assert not ImportJob.objects.exists()


UNCLOSED_QUOTE = b'name_en,country\r\nSialkot Surgical,PK\r\n"Ural Med,RU\r\n' + b"".join(
    b"Company %d,PK\r\n" % n for n in range(40)
)


def test_an_unclosed_quote_is_refused_naming_its_line_not_read_as_one_row(
    client, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start(organiser, SimpleUploadedFile("people.csv", UNCLOSED_QUOTE))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[-1]["message"].startswith('Line 3 opens a quoted value (") that is never')
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job)
    client.force_login(organiser)
    page = client.get(reverse("reports:import_detail", args=[job.pk]))
    assert "Ready to import" not in page.content.decode()
    assert not Organisation.objects.exists()


def test_the_unclosed_quote_message_is_in_the_readers_language(
    organiser, django_capture_on_commit_callbacks
):
    with translation.override("ur"), django_capture_on_commit_callbacks(execute=True):
        job = start(organiser, SimpleUploadedFile("people.csv", UNCLOSED_QUOTE))
    job.refresh_from_db()
    assert job.errors[-1]["message"].startswith("سطر 3")


def test_quoted_values_over_several_lines_still_import(organiser):
    upload = SimpleUploadedFile(
        "people.csv", b'name_en,country\r\n"Ural\r\nMed",RU\r\n"Say ""hi"" Ltd",PK\r\n'
    )
    job = start(organiser, upload)
    assert job.status == ImportJob.Status.READY, job.errors


OPPORTUNITY_HEADER = b"organisation_name,organisation_country,kind,languages,title_en\r\n"


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("organisations", b'name_en,country\r\nSialkot Surgical,PK\r\n"Acme "Ltd", PK\r\n'),
        ("organisations", b'name_en,country\r\nSialkot Surgical,PK\r\n"Acme "Ltd" Co",PK\r\n'),
        ("organisations", b'name_en;country\r\nSialkot Surgical;PK\r\n"Acme "Ltd; Lahore";PK\r\n'),
        (
            "opportunities",
            OPPORTUNITY_HEADER
            + b"Sialkot Surgical,PK,export_offer,en,Scissors\r\n"
            + b'Acme,PK,export_offer,en,"Valves "DN50, brass", steel"\r\n',
        ),
    ],
)
def test_a_quoted_value_closed_by_a_stray_quote_is_refused_naming_its_line(
    organiser, kind, content
):
    job = start_kind(organiser, kind, SimpleUploadedFile("data.csv", content))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[-1]["message"].startswith('Line 3: a quote (") closes a quoted value')
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job)
    assert not Organisation.objects.exists()


def test_the_stray_quote_message_is_in_the_readers_language(organiser):
    content = b'name_en,country\r\n"Acme "Ltd", PK\r\n'
    with translation.override("ru"):
        job = start(organiser, SimpleUploadedFile("data.csv", content))
    assert job.errors[-1]["message"].startswith("Строка 2:")


def test_a_stray_quote_in_the_header_is_refused_naming_line_1(organiser):
    job = start(organiser, SimpleUploadedFile("data.csv", b'"name_en"x,country\r\nAcme,PK\r\n'))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[-1]["message"].startswith("Line 1: a quote")


def test_doubled_quotes_inside_a_quoted_value_are_one_quote(organiser):
    content = b'name_en,country\r\n"Say ""hi"" Ltd",PK\r\nPlain "Quoted" Co,RU\r\n'
    job = import_confirm(
        actor=organiser, job=start(organiser, SimpleUploadedFile("d.csv", content))
    )
    assert job.status == ImportJob.Status.DONE
    names = sorted(o.name["en"] for o in Organisation.objects.all())
    assert names == ['Plain "Quoted" Co', 'Say "hi" Ltd']


def start_kind(organiser, kind, upload) -> ImportJob:
    return import_start(actor=organiser, kind=kind, upload=upload)


def test_a_value_longer_than_any_cell_is_refused_naming_its_line_in_words(organiser):
    content = b"name_en,country\r\nSialkot Surgical,PK\r\n" + b"A" * 200_000 + b",PK\r\n"
    job = start(organiser, SimpleUploadedFile("data.csv", content))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[-1]["message"] == (
        "Line 3 holds a value of more than 131,072 characters; shorten it."
    )


def shared_strings_bomb(strings: int) -> bytes:
    """A real workbook (name_en, country) whose sharedStrings.xml holds ``strings`` entries:
    it packs about a thousand to one."""
    import re
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name_en", "country"])
    workbook.active.append(["Sialkot Surgical", "PK"])
    plain = io.BytesIO()
    workbook.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            if part.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if part.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="A1"[^>]*>.*?</c>', b'<c r="A1" t="s"><v>0</v></c>', data)
                data = re.sub(rb'<c r="B1"[^>]*>.*?</c>', b'<c r="B1" t="s"><v>1</v></c>', data)
            bomb.writestr(part, data)
        with bomb.open("xl/sharedStrings.xml", "w") as shared:
            shared.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main">'
            )
            for _ in range(strings // 2):
                shared.write(b"<si><t>name_en</t></si><si><t>country</t></si>")
            shared.write(b"</sst>")
    return out.getvalue()


def test_a_workbook_that_unpacks_to_gigabytes_of_text_is_refused_unread(
    organiser, django_capture_on_commit_callbacks, monkeypatch
):
    """A 244 KB .xlsx whose shared strings unpack to 88 MB held 614 MB of the import worker for
    67 s; the largest upload would have exhausted its memory. The unpacked sizes are checked
    first (here with a limit of 1 MB, so that the test file stays small)."""
    from rabta.reports import readers

    monkeypatch.setattr(readers, "MAX_XLSX_SHARED_STRINGS_BYTES", 1024 * 1024)
    upload = SimpleUploadedFile("members.xlsx", shared_strings_bomb(60_000))
    assert upload.size < 20_000
    with django_capture_on_commit_callbacks(execute=True):
        try:
            job = start(organiser, upload)
        except InvalidInput as error:  # refused at once
            message = error.value.field_errors["file"][0]
        else:
            job.refresh_from_db()
            assert job.status == ImportJob.Status.INVALID
            message = job.errors[-1]["message"]
    assert "unpacks to far more text than its rows need" in message
    assert not Organisation.objects.filter(name__en="Sialkot Surgical").exists()


def test_a_file_no_worker_picks_up_says_the_worker_may_be_stopped(client, organiser, settings):
    """With the task worker stopped, an upload stayed "Checking the file · 0 rows read so far"
    for ever with no word why."""
    settings.RABTA_TASK_STALE_SECONDS = 60
    job = start(organiser, csv_file([["name_en", "country"], ["Ural Med", "RU"]]))
    # as the upload leaves it while no worker runs (the tests' tasks run at once)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING, heartbeat_at=None)
    client.force_login(organiser)
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "still waiting for the task worker" not in page  # just uploaded
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(seconds=61))
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "still waiting for the task worker" in page and "rabta db_worker" in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKING  # the watchdog leaves it alone
