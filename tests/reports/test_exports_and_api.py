import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from rabta.accounts.services import api_token_create
from rabta.core.spreadsheets import FORMULA_STARTS
from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Organisation
from rabta.reports import exports
from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.factories import OrganisationFactory, UserFactory
from tests.reports.dataset import build

pytestmark = pytest.mark.django_db


def snapshot_organisations():
    return sorted(
        ((o.name, o.country, o.kind, o.city, sorted(o.sectors.values_list("code", flat=True)), o.hs_codes, o.website, o.email, o.phone, o.description)
        for o in Organisation.objects.all()), key=repr
    )  # fmt: skip


def _bytes(export, fmt):
    buffer = io.BytesIO()
    (exports.write_csv if fmt == "csv" else exports.write_xlsx)(export, buffer)
    return buffer.getvalue()


def assert_organisations_round_trip(organiser, content: bytes, fmt: str, before=None) -> None:
    """Delete every organisation, import ``content`` (an export) and confirm: the organisations
    are back as they were (``before``, else as they are now)."""
    before = snapshot_organisations() if before is None else before
    Organisation.objects.all().delete()
    job = import_start(
        actor=organiser, kind="organisations", upload=SimpleUploadedFile(f"orgs.{fmt}", content)
    )
    assert job.status == ImportJob.Status.READY, job.errors
    import_confirm(actor=organiser, job=job)
    assert snapshot_organisations() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisations_round_trip(organiser, sectors, fmt):
    OrganisationFactory(
        name={"en": "Sialkot Surgical Works", "ru": "Сиалкот", "ur": "سیالکوٹ سرجیکل"}, country="PK", city="Sialkot",
        hs_codes=["9018", "901890"], website="https://ssw.example.org", email="export@ssw.example.org", phone="+92 52 1",
        description={"en": "Since 1965.", "ur": "۱۹۶۵ سے"},
    ).sectors.set(sectors)  # fmt: skip
    OrganisationFactory(name={"ru": "Урал Спорт"}, country="RU", kind="university", city="")
    assert_organisations_round_trip(organiser, _bytes(exports.organisations_export(), fmt), fmt)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_text_that_looks_like_a_formula_is_exported_as_text_and_round_trips(
    organiser, sectors, fmt
):
    """A participant's city "=cmd|' /C calc'!A0" was a live formula in the validator's XLSX
    (<f>…</f>) and a bare =… cell in the CSV."""
    OrganisationFactory(
        name={"en": "=HYPERLINK(\"http://evil.example\",\"Click\")"}, country="PK",
        city="=cmd|' /C calc'!A0", phone="+92 52 1", description={"en": "@SUM(1+1)"},
    )  # fmt: skip
    before = snapshot_organisations()
    content = _bytes(exports.organisations_export(), fmt)
    if fmt == "csv":
        cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
        assert "'=cmd|' /C calc'!A0" in cells and "'+92 52 1" in cells and "'@SUM(1+1)" in cells
        assert not any(c.startswith(FORMULA_STARTS) for c in cells)
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [c for row in sheet.iter_rows() for c in row]
        assert "=cmd|' /C calc'!A0" in [c.value for c in cells]
        assert all(c.data_type != "f" for c in cells)
    assert_organisations_round_trip(organiser, content, fmt, before)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_opportunities_round_trip(organiser, sectors, fmt):
    org = OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK")
    rows = [
        ["organisation_name", "organisation_country", "kind", "role", "languages", "title_en", "title_ru", "description_en", "sectors", "hs_codes", "countries", "deadline", "status"],
        ["Sialkot Surgical Works", "PK", "export_offer", "", "en, ru", "Scissors", "Ножницы", "Fine steel.", "medical-instruments", "9018", "RU, KZ", "2027-06-30", "published"],
        ["Sialkot Surgical Works", "PK", "education", "partner", "en", "Training", "", "", "", "", "", "", "draft"],
    ]  # fmt: skip
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    import_confirm(
        actor=organiser,
        job=import_start(
            actor=organiser,
            kind="opportunities",
            upload=SimpleUploadedFile("o.csv", text.getvalue().encode()),
        ),
    )
    fields = (
        "kind",
        "role",
        "languages",
        "title",
        "description",
        "hs_codes",
        "countries",
        "deadline",
        "status",
    )

    def snapshot():
        return sorted(
            tuple(str(getattr(o, f)) for f in fields)
            + (str(sorted(o.sectors.values_list("code", flat=True))),)
            for o in Opportunity.objects.all()
        )

    before = snapshot()
    assert len(before) == 2
    content = _bytes(exports.opportunities_export(), fmt)
    Opportunity.objects.all().delete()
    import_confirm(
        actor=organiser,
        job=import_start(
            actor=organiser, kind="opportunities", upload=SimpleUploadedFile(f"o.{fmt}", content)
        ),
    )
    assert snapshot() == before
    assert org.opportunities.count() == 2


def test_event_exports_as_csv_and_xlsx(client, organiser, event):
    build(event)
    client.force_login(organiser)
    for name in ("participants", "meetings", "agendas", "feedback"):
        response = client.get(reverse("reports:event_export", args=[event.slug, name, "csv"]))
        assert response.status_code == 200
        lines = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        assert len(lines) == {"participants": 5, "meetings": 4, "agendas": 7, "feedback": 6}[name]
        workbook = load_workbook(
            io.BytesIO(
                client.get(reverse("reports:event_export", args=[event.slug, name, "xlsx"])).content
            )
        )
        assert workbook.active.max_row == len(lines)
    meetings = client.get(reverse("reports:event_export", args=[event.slug, "meetings", "csv"]))
    assert "Org A" in b"".join(meetings.streaming_content).decode("utf-8-sig")


EVIL = '=HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_writes_what_people_typed_as_text_never_a_formula(organiser, event, fmt):
    """Organisation names, an interpreter, a table, comments and titles starting with = in every
    export an organiser or a validator downloads (and in the import templates' writer)."""
    from rabta.events.models import Interpreter, Table
    from rabta.marketplace.models import Opportunity
    from rabta.reports.models import Feedback, OutcomeFollowUp

    data = build(event)
    for key, reg in data["regs"].items():
        reg.organisation.name = {"en": f"=1+{key}"}
        reg.organisation.city = "=cmd|' /C calc'!A0"
        reg.organisation.save()
    Interpreter.objects.filter(event=event).update(name="=Irina")
    Table.objects.filter(event=event).update(label="=T")
    Feedback.objects.filter(meeting__event=event).update(comment="@SUM(1+1)")
    m1 = data["meetings"][0]
    OutcomeFollowUp.objects.create(
        meeting=m1, registration=data["regs"]["A"], submitted_by=data["users"]["A"],
        deal_signed=True, deal_kind="export_order", comment="=2+2",
    )  # fmt: skip
    Opportunity.objects.create(
        organisation=data["regs"]["A"].organisation, kind="export_offer", role="offer",
        title={"en": EVIL}, description={"en": "-1+1"}, languages=["en"],
    )  # fmt: skip
    made = [f(event) for _label, f in exports.EVENT_EXPORTS.values()]
    made += [f() for _label, f in exports.GLOBAL_EXPORTS.values()]
    made.append(exports.Export("template", ["name_en"], [[EVIL]]))
    for export in made:
        content = _bytes(export, fmt)
        if fmt == "csv":
            cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
            assert not any(c.startswith(FORMULA_STARTS) for c in cells), export.name
            texts = [c[1:] for c in cells if c.startswith("'")]
        else:
            cells = [
                c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row
            ]
            assert not [c.coordinate for c in cells if c.data_type == "f"], export.name
            texts = [c.value for c in cells if isinstance(c.value, str)]
        assert any(t.startswith("=") for t in texts), export.name


def test_participants_cannot_export(client, event):
    client.force_login(UserFactory())
    assert (
        client.get(
            reverse("reports:event_export", args=[event.slug, "meetings", "csv"])
        ).status_code
        == 403
    )
    assert client.get(reverse("reports:export", args=["organisations", "csv"])).status_code == 403


def test_templates_download_with_every_column(client, organiser):
    client.force_login(organiser)
    response = client.get(reverse("reports:import_template", args=["organisations", "csv"]))
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert header[:4] == ["name_en", "name_ru", "name_ur", "country"]
    response = client.get(reverse("reports:import_template", args=["registrations", "xlsx"]))
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "organisation_name"


def test_the_import_pages_preview_then_import(client, organiser):
    client.force_login(organiser)
    page = client.get(reverse("reports:import_new")).content.decode()
    assert "organisation_country" in page and "/reports/imports/templates/people.xlsx" in page
    upload = SimpleUploadedFile("orgs.csv", b"name_en,country,city\nUral Sport,RU,Yekaterinburg\n")
    response = client.post(
        reverse("reports:import_new"), {"kind": "organisations", "file": upload, "encoding": ""}
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("reports:import_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Ural Sport" in page and "Import 1 row" in page
    response = client.post(response.url, {})
    assert response.status_code == 302, response.content.decode().split("<main")[1][:3000]
    assert Organisation.objects.filter(name__en="Ural Sport").exists()


def test_the_import_page_lists_bad_rows(client, organiser):
    client.force_login(organiser)
    upload = SimpleUploadedFile("orgs.csv", b"name_en,country\nUral Sport,XX\n")
    response = client.post(reverse("reports:import_new"), {"kind": "organisations", "file": upload})
    page = client.get(response.url).content.decode()
    assert "nothing will be imported" in page and "<code>country</code>" in page
    assert "Import 1 row" not in page


def test_the_api_exports_imports_and_reports(client, organiser, event):
    build(event)
    key = api_token_create(user=organiser, name="ci").key
    auth = {"Authorization": f"Bearer {key}"}
    response = client.get(f"/api/v1/events/{event.slug}/exports/meetings?format=xlsx", headers=auth)
    assert response.status_code == 200 and response.content.startswith(b"PK")
    figures = client.get(f"/api/v1/events/{event.slug}/dashboard", headers=auth).json()
    assert figures["acceptance_rate"] == 75.0 and float(figures["expected_value"]) == 60000
    upload = SimpleUploadedFile("o.csv", b"name_en,country\nKazan Sports,RU\n")
    job = client.post("/api/v1/imports", {"kind": "organisations", "file": upload}, headers=auth)
    assert job.status_code == 201 and job.json()["status"] == "ready"
    done = client.post(
        f"/api/v1/imports/{job.json()['id']}/confirm",
        {},
        content_type="application/json",
        headers=auth,
    )
    assert done.json()["status"] == "done" and done.json()["created_count"] == 1
    bad = client.post(
        "/api/v1/imports",
        {"kind": "organisations", "file": SimpleUploadedFile("o.csv", b"name_en,colour\nX,red\n")},
        headers=auth,
    )
    assert bad.json()["status"] == "invalid" and "colour" in bad.json()["errors"][0]["message"]


def test_the_api_refuses_strangers(client, event):
    key = api_token_create(user=UserFactory(), name="x").key
    auth = {"Authorization": f"Bearer {key}"}
    assert (
        client.get(f"/api/v1/events/{event.slug}/exports/meetings", headers=auth).status_code == 403
    )
    assert client.get("/api/v1/reports/exports/organisations", headers=auth).status_code == 403
    upload = SimpleUploadedFile("o.csv", b"name_en,country\nKazan Sports,RU\n")
    assert (
        client.post(
            "/api/v1/imports", {"kind": "organisations", "file": upload}, headers=auth
        ).status_code
        == 403
    )


def snapshot_registrations(event):
    return sorted(
        (
            str(r.organisation),
            r.languages,
            r.has_stand,
            r.stand,
            r.status,
            sorted(u.email for u in r.attendees.all()),
        )
        for r in event.registrations.all()
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_participants_round_trip(organiser, event, fmt):
    from rabta.events.models import Registration
    from tests.factories import MemberFactory

    sialkot = OrganisationFactory(
        name={"en": "Sialkot Surgical Works"}, country="PK", city="Sialkot"
    )
    ural = OrganisationFactory(name={"ru": "Урал Спорт"}, country="RU")
    murad = MemberFactory(organisation=sialkot).user
    registration = Registration.objects.create(
        event=event, organisation=sialkot, languages=["ur", "en"], status="approved",
        has_stand=True, stand="Hall B, 12",
    )  # fmt: skip
    registration.attendees.add(murad)
    Registration.objects.create(event=event, organisation=ural, languages=["ru"], status="pending")
    before = snapshot_registrations(event)
    gone = OrganisationFactory(name={"en": "Withdrawn Ltd"}, country="PK")
    Registration.objects.create(
        event=event, organisation=gone, languages=["en"], status="cancelled"
    )
    content = _bytes(exports.participants_export(event), fmt)
    event.registrations.all().delete()
    job = import_start(
        actor=organiser,
        kind="registrations",
        event=event,
        upload=SimpleUploadedFile(f"participants.{fmt}", content),
    )
    assert job.status == ImportJob.Status.READY, job.errors
    import_confirm(actor=organiser, job=job)
    assert snapshot_registrations(event) == before  # the cancelled one is not a participant


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_downloaded_template_passes_its_own_importers_check(client, organiser, event, fmt):
    """Each template, as downloaded, imported in the order they depend on one another (the
    organisation, its person, its opportunity, its registration), with the seeded sectors."""
    client.force_login(organiser)
    for kind in ("organisations", "people", "opportunities", "registrations"):
        response = client.get(reverse("reports:import_template", args=[kind, fmt]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        upload = SimpleUploadedFile(f"template.{fmt}", content)
        job = import_start(
            actor=organiser,
            kind=kind,
            upload=upload,
            event=event if kind == "registrations" else None,
        )
        assert (kind, job.errors) == (kind, []), kind
        assert job.status == ImportJob.Status.READY
        job = import_confirm(actor=organiser, job=job)
        assert (kind, job.status, job.created_count) == (kind, ImportJob.Status.DONE, 1)
