import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Member, Organisation
from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.factories import MemberFactory, OrganisationFactory, UserFactory
from tests.reports.helpers import csv_file, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ["name_en", "name_ru", "country", "kind", "city", "sectors", "hs_codes"]
GOOD = [
    HEADER,
    [
        "Sialkot Surgical Works",
        "Сиалкот Сёрджикал",
        "PK",
        "company",
        "Sialkot",
        "medical-instruments",
        "9018",
    ],
    ["Ural Sport", "Урал Спорт", "RU", "", "Yekaterinburg", "sports-goods", "9506, 6116"],
]


def start(organiser, upload, kind="organisations", **kwargs) -> ImportJob:
    return import_start(actor=organiser, kind=kind, upload=upload, **kwargs)


def test_a_good_file_is_previewed_then_imported(organiser, sectors):
    job = start(organiser, csv_file(GOOD))
    assert job.status == ImportJob.Status.READY
    assert job.total_rows == 2 and job.error_count == 0
    assert job.preview[0] == HEADER and job.preview[1][0] == "Sialkot Surgical Works"
    assert not Organisation.objects.exists()  # the preview writes nothing
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 2
    ural = Organisation.objects.get(country="RU")
    assert ural.name == {"en": "Ural Sport", "ru": "Урал Спорт"}
    assert ural.kind == "company" and ural.hs_codes == ["9506", "6116"]
    assert ural.is_approved and ural.slug == "ural-sport"
    assert list(ural.sectors.values_list("code", flat=True)) == ["sports-goods"]
    assert "урал" in ural.search_text and "sports goods" in ural.search_text


def test_one_bad_row_lists_line_column_and_reason_and_imports_nothing(organiser, sectors):
    rows = [*GOOD, ["Bad Co", "", "XX", "company", "", "no-such-sector", "12345"]]
    job = start(organiser, csv_file(rows))
    assert job.status == ImportJob.Status.INVALID
    by_column = {(e["line"], e["column"]) for e in job.errors}
    assert (
        (4, "country") in by_column and (4, "sectors") in by_column and (4, "hs_codes") in by_column
    )
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job)
    assert not Organisation.objects.exists()


def test_the_commit_rolls_back_everything_when_a_row_has_become_invalid(organiser, sectors):
    job = start(organiser, csv_file(GOOD))
    sectors[1].delete()  # the second row's sector disappears between preview and commit
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["line"] == 3 and job.errors[0]["column"] == "sectors"
    assert not Organisation.objects.exists()


def test_errors_are_in_the_uploaders_language(organiser, sectors):
    from django.utils import translation

    with translation.override("ru"):
        job = start(organiser, csv_file([*GOOD, ["Bad Co", "", "XX", "", "", "", ""]]))
    assert job.language == "ru"
    message = next(e["message"] for e in job.errors if e["column"] == "country")
    assert message and message.isascii() is False


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["name_en", "country", "colour"], "Unknown column “colour”"),
        (["name_en", "city"], "The column “country” is missing."),
        (["country", "city"], "at least one name column"),
    ],
)
def test_a_wrong_column_is_named(organiser, header, expected):
    job = start(organiser, csv_file([header, ["A", "PK", "x"]]))
    assert job.status == ImportJob.Status.INVALID
    assert expected in job.errors[0]["message"]


def test_an_empty_file_is_refused(organiser):
    with pytest.raises(InvalidInput) as error:
        start(organiser, csv_file([]))
    assert "empty" in error.value.field_errors["file"][0]
    job = start(organiser, csv_file([["name_en", "country"]]))
    assert job.status == ImportJob.Status.INVALID
    assert "no rows" in job.errors[0]["message"]


def test_only_organisers_import(sectors):
    with pytest.raises(NotPermitted):
        start(UserFactory(), csv_file(GOOD))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_russian_names_in_common_encodings(organiser, encoding):
    rows = [["name_ru", "country"], ["Торговый дом Урал", "RU"], ["Сибирская кожа", "RU"]]
    job = start(organiser, csv_file(rows, encoding=encoding))
    assert job.status == ImportJob.Status.READY, job.errors
    import_confirm(actor=organiser, job=job)
    assert set(Organisation.objects.values_list("name__ru", flat=True)) == {
        "Торговый дом Урал",
        "Сибирская кожа",
    }


def test_urdu_names_in_windows_1256(organiser):
    # Windows-1256 has no Farsi yeh (ی): files in it carry the Arabic yeh (ي) instead.
    rows = [["name_ur", "country"], ["لاہور ٹيکسٹائل ملز", "PK"], ["کراچي چمڑا گھر", "PK"]]
    job = start(organiser, csv_file(rows, encoding="cp1256"))
    assert job.encoding == "cp1256"
    import_confirm(actor=organiser, job=job)
    assert Organisation.objects.filter(name__ur="لاہور ٹيکسٹائل ملز").exists()


def test_an_encoding_that_cannot_be_detected_asks_for_one(organiser):
    upload = SimpleUploadedFile("data.csv", b"name_en,country\n\x80\x99 Trading,PK\n")
    job = start(organiser, upload)
    assert job.status == ImportJob.Status.INVALID
    assert "encoding" in job.errors[0]["message"]


def test_duplicates_are_offered_for_merge_never_doubled(organiser, sectors):
    existing = OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK", city="")
    job = start(organiser, csv_file(GOOD))
    assert job.duplicate_count == 1 and job.duplicates[0]["line"] == 2
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job)  # the organiser must choose
    job = import_confirm(actor=organiser, job=job, duplicate_action="merge")
    assert (job.created_count, job.merged_count) == (1, 1)
    assert Organisation.objects.filter(name_key="sialkot surgical works").count() == 1
    existing.refresh_from_db()
    assert existing.city == "Sialkot" and existing.hs_codes == ["9018"]


def test_skipping_duplicates_leaves_the_existing_record(organiser, sectors):
    existing = OrganisationFactory(
        name={"en": "Sialkot Surgical Works"}, country="PK", city="Daska"
    )
    job = import_confirm(
        actor=organiser, job=start(organiser, csv_file(GOOD)), duplicate_action="skip"
    )
    assert (job.created_count, job.skipped_count) == (1, 1)
    existing.refresh_from_db()
    assert existing.city == "Daska"


def test_the_same_organisation_twice_in_one_file_is_an_error(organiser):
    rows = [["name_en", "country"], ["Ural Sport", "RU"], ["ural  sport", "RU"]]
    job = start(organiser, csv_file(rows))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["line"] == 3 and "line 2" in job.errors[0]["message"]


def test_xlsx_files_are_read(organiser, sectors):
    job = start(organiser, xlsx_file(GOOD))
    assert job.status == ImportJob.Status.READY, job.errors
    import_confirm(actor=organiser, job=job)
    assert Organisation.objects.count() == 2


def test_people_join_their_organisations(organiser):
    OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK")
    rows = [
        ["email", "full_name", "organisation_name", "organisation_country", "role", "language"],
        ["murad@example.org", "Muhammad Murad", "Sialkot Surgical Works", "PK", "admin", "ur"],
        ["nobody@example.org", "Nobody", "Unknown Works", "PK", "", ""],
    ]
    job = start(organiser, csv_file(rows), kind="people")
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, "organisation_name")]
    job = start(organiser, csv_file(rows[:2]), kind="people")
    import_confirm(actor=organiser, job=job)
    member = Member.objects.get(user__email="murad@example.org")
    assert member.role == "admin" and member.user.language == "ur"
    assert not member.user.has_usable_password()


def test_opportunities_with_a_date_in_the_wrong_format_are_refused(organiser, sectors):
    OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK")
    header = [
        "organisation_name",
        "organisation_country",
        "kind",
        "languages",
        "title_en",
        "hs_codes",
        "deadline",
        "status",
    ]
    rows = [
        header,
        [
            "Sialkot Surgical Works",
            "PK",
            "export_offer",
            "en",
            "Scissors",
            "9018",
            "30/06/2027",
            "published",
        ],
    ]
    job = start(organiser, csv_file(rows), kind="opportunities")
    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {"line": 2, "column": "deadline", "message": "Enter a date as YYYY-MM-DD."}
    ]
    rows[1][6] = "2027-06-30"
    job = import_confirm(
        actor=organiser, job=start(organiser, csv_file(rows), kind="opportunities")
    )
    assert job.status == ImportJob.Status.DONE
    opportunity = Opportunity.objects.get()
    assert opportunity.deadline == dt.date(2027, 6, 30) and opportunity.status == "published"


def test_registrations_need_a_manager_of_the_event(organiser, event):
    member = MemberFactory(
        organisation=OrganisationFactory(name={"en": "Ural Sport"}, country="RU")
    )
    rows = [
        ["organisation_name", "organisation_country", "languages", "attendees", "status"],
        ["Ural Sport", "RU", "ru, en", member.user.email, "approved"],
    ]
    with pytest.raises(NotPermitted):
        start(UserFactory(), csv_file(rows), kind="registrations", event=event)
    job = import_confirm(
        actor=organiser, job=start(organiser, csv_file(rows), kind="registrations", event=event)
    )
    assert job.status == ImportJob.Status.DONE, job.errors
    registration = event.registrations.get()
    assert registration.languages == ["ru", "en"] and list(registration.attendees.all()) == [
        member.user
    ]


def test_rows_are_written_in_batches_inside_one_transaction(organiser, monkeypatch):
    from rabta.reports.importers import OrganisationImporter

    monkeypatch.setattr(OrganisationImporter, "batch_size", 2)
    rows = [
        ["name_en", "country", "hs_codes"],
        *[[f"Exporter {n}", "PK", "9018"] for n in range(5)],
    ]
    job = start(organiser, csv_file(rows))
    assert job.status == ImportJob.Status.READY
    rows[5][2] = "99999"  # the file is replaced by one whose last row is bad
    job.file.open("wb")
    job.file.write(csv_file(rows).read())
    job.file.close()
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.FAILED
    assert [(e["line"], e["column"]) for e in job.errors] == [(6, "hs_codes")]
    assert not Organisation.objects.exists()  # the first two batches were rolled back too


def test_a_record_added_between_check_and_commit_fails_cleanly(organiser, monkeypatch):
    from rabta.reports import importers

    job = start(
        organiser, csv_file([["name_en", "country"], ["Ural Sport", "RU"], ["Kazan Sport", "RU"]])
    )
    OrganisationFactory(name={"en": "Kazan Sport"}, country="RU")
    # Simulate the race: the batch lookup misses the new record, the database refuses it.
    monkeypatch.setattr(importers.OrganisationImporter, "existing_for", lambda self, keys: {})
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.FAILED and "meanwhile" in job.message
    assert not Organisation.objects.filter(name_key="ural sport").exists()


def test_large_files_go_through_background_tasks(
    organiser, monkeypatch, django_capture_on_commit_callbacks
):
    from rabta.reports import imports

    monkeypatch.setattr(imports, "INLINE_BYTES", 10)  # every file counts as large
    rows = [["name_en", "country"], *[[f"Exporter {n}", "PK"] for n in range(30)]]
    with django_capture_on_commit_callbacks(execute=True):
        job = start(organiser, csv_file(rows))
        assert job.status == ImportJob.Status.CHECKING  # queued, not yet checked
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.total_rows == 30
    with django_capture_on_commit_callbacks(execute=True):
        job = import_confirm(actor=organiser, job=job)
        assert job.status == ImportJob.Status.IMPORTING
        assert imports.read_progress(job) == 0
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 30
    assert Organisation.objects.count() == 30


def test_registrations_of_unapproved_organisations_are_refused(organiser, event):
    OrganisationFactory(name={"en": "Pending Works"}, country="PK", validation="pending")
    rows = [
        ["organisation_name", "organisation_country", "languages"],
        ["Pending Works", "PK", "ur"],
    ]
    job = start(organiser, csv_file(rows), kind="registrations", event=event)
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["column"] == "organisation_name" and "approved" in job.errors[0]["message"]


def test_imported_organisations_get_the_same_profile_index_as_saved_ones(organiser, sectors):
    """bulk_create sends no signals: the import builds the partner index itself, the same rows
    the API's save (post_save, m2m_changed) would build."""
    from rabta.matching.models import OrganisationFeature
    from rabta.matching.profiles import reindex_organisation

    import_confirm(actor=organiser, job=start(organiser, csv_file(GOOD)))

    def index():
        return sorted(OrganisationFeature.objects.values_list("organisation__slug", "key", "dim"))

    imported = index()
    assert {slug for slug, _key, _dim in imported} == {"sialkot-surgical-works", "ural-sport"}
    for organisation in Organisation.objects.all():
        reindex_organisation(organisation)
    assert index() == imported


def test_imported_organisations_show_at_once_in_the_cached_directory_figures(organiser, sectors):
    from rabta.organisations.selectors import directory_stats

    assert directory_stats()["organisations"] == 0  # now cached
    import_confirm(actor=organiser, job=start(organiser, csv_file(GOOD)))
    assert directory_stats()["organisations"] == 2  # bulk_create sends no signal: bumped by hand
