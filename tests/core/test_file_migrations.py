"""The data migrations move files uploaded before the split out of the public root."""

import importlib

import pytest
from django.apps import apps

from rabta.marketplace.models import Attachment
from rabta.reports.models import ImportJob
from tests.factories import OrganisationFactory, OrganiserFactory
from tests.marketplace.helpers import opportunity_data, participant
from tests.organisations.conftest import png_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def run(module: str, function: str) -> None:
    getattr(importlib.import_module(module), function)(apps, None)


def legacy_file(root, name: str, content: bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_private_files_leave_the_public_root(settings, django_capture_on_commit_callbacks):
    from rabta.marketplace import services

    media, private = settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT
    owner, _organisation = participant()
    draft = services.opportunity_create(user=owner, data=opportunity_data())
    legacy_file(media, f"opportunities/{draft.pk}/20261101120000.pdf", PDF)
    attachment = Attachment.objects.create(
        opportunity=draft,
        file=f"opportunities/{draft.pk}/20261101120000.pdf",
        name="offer.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    legacy_file(media, "imports/people.csv", b"email\na@example.org\n")
    legacy_file(media, "imports/done.csv", b"email\nb@example.org\n")
    organiser = OrganiserFactory()
    ready = ImportJob.objects.create(
        kind="people", file="imports/people.csv", original_name="people.csv", status="ready",
        created_by=organiser,
    )  # fmt: skip
    done = ImportJob.objects.create(
        kind="people", file="imports/done.csv", original_name="done.csv", status="done",
        created_by=organiser,
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        run("rabta.marketplace.migrations.0005_private_attachments", "move_to_private")
        run("rabta.reports.migrations.0002_private_import_files", "move_to_private")

    attachment.refresh_from_db()
    ready.refresh_from_db()
    done.refresh_from_db()
    assert (private / attachment.file.name).read_bytes() == PDF
    assert attachment.file.name.startswith(f"opportunities/{draft.pk}/")
    assert (private / ready.file.name).read_bytes() == b"email\na@example.org\n"
    assert "people" not in ready.file.name and ready.file.name.endswith(".csv")
    assert not done.file
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_logos_are_redrawn_and_a_page_posing_as_a_logo_is_deleted(
    settings, django_capture_on_commit_callbacks
):
    media = settings.MEDIA_ROOT
    legacy_file(media, "logos/proof.html", png_bytes() + b"<script>alert(1)</script>")
    legacy_file(media, "logos/page.png", b"<html><script>alert(1)</script></html>")
    good = OrganisationFactory(logo="logos/proof.html")
    bad = OrganisationFactory(logo="logos/page.png")
    with django_capture_on_commit_callbacks(execute=True):
        run("rabta.organisations.migrations.0004_reencoded_logos", "reencode")
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.logo.name.startswith("logos/") and good.logo.name.endswith(".png")
    assert b"<script" not in (media / good.logo.name).read_bytes()
    assert not bad.logo
    assert sorted(p.name for p in (media / "logos").iterdir()) == [good.logo.name.split("/")[1]]
