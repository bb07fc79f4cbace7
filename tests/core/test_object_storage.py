"""Shared files on S3-compatible object storage (django-storages), against moto's server:
public media in one bucket, private files in another, never reachable without the check."""

import io
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rabta.marketplace import services as marketplace
from rabta.marketplace.models import Attachment
from rabta.organisations.models import Organisation
from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory
from tests.marketplace.helpers import opportunity_data, participant
from tests.organisations.conftest import png_bytes
from tests.organisations.test_views import form_data
from tests.reports.helpers import csv_file
from tests.s3_emulator import PRIVATE_BUCKET, PUBLIC_BUCKET, free_port

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
UNAVAILABLE = "The file could not be stored just now, so nothing was saved. Try again later."


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read(), answer.headers


def upload_logo(client, organisation, user, content: bytes):
    client.force_login(user)
    data = form_data(name_en="Sialkot Surgical Works")
    data["logo"] = SimpleUploadedFile("proof.html", content, "text/html")
    return client.post(reverse("organisations:edit", args=[organisation.slug]), data)


def test_files_round_trip_through_object_storage_with_permissions(client, object_storage, settings):
    # A logo is public media: the public bucket, a plain (unsigned) URL, served as an image.
    organisation = OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK")
    admin = MemberFactory(organisation=organisation, user=UserFactory())
    assert upload_logo(client, organisation, admin.user, png_bytes((5, 5))).status_code == 302
    organisation.refresh_from_db()
    assert object_storage.keys(PUBLIC_BUCKET) == [f"media/{organisation.logo.name}"]
    assert "Signature" not in organisation.logo.url
    body, headers = fetch(organisation.logo.url)
    assert Image.open(io.BytesIO(body)).size == (5, 5)
    assert headers["Content-Type"] == "image/png"

    # A draft's attachment is a private file: the private bucket only, no public grant.
    owner, _organisation = participant()
    stranger, _ = participant()
    draft = marketplace.opportunity_create(user=owner, data=opportunity_data())
    attachment = marketplace.attachment_add(
        user=owner, opportunity=draft, file=SimpleUploadedFile("offer.html", PDF)
    )
    key = f"private/{attachment.file.name}"
    assert object_storage.keys(PRIVATE_BUCKET) == [key]
    assert f"media/{attachment.file.name}" not in object_storage.keys(PUBLIC_BUCKET)
    grants = object_storage.client().get_object_acl(Bucket=PRIVATE_BUCKET, Key=key)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI", "").endswith("/AllUsers")]

    url = reverse("marketplace:attachment", args=[attachment.pk])
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    proxied = client.get(url)  # the default: rabta streams it after the check
    assert b"".join(proxied.streaming_content) == PDF
    assert proxied["Content-Disposition"] == 'attachment; filename="offer.pdf"'
    assert proxied["X-Content-Type-Options"] == "nosniff"

    # Or a redirect to a signed URL that expires within a minute.
    settings.RABTA_PRIVATE_FILES_DELIVERY = "signed-url"
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    redirect = client.get(url)
    assert redirect.status_code == 302
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(redirect["Location"]).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    body, headers = fetch(redirect["Location"])
    assert body == PDF
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="offer.pdf"'
    unsigned = redirect["Location"].split("?", 1)[0]
    assert unsigned.endswith(key)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(unsigned)  # without the signature the object storage refuses it
    assert refused.value.code == 403

    # An import file: read from the private bucket, deleted from it once imported.
    organiser = OrganiserFactory(is_validator=True)  # imports are for validators
    job = import_start(
        actor=organiser,
        kind="organisations",
        upload=csv_file([["name_en", "country"], ["Ural Sport", "RU"]], name="people.csv"),
    )
    assert job.status == ImportJob.Status.READY, job.errors
    assert f"private/{job.file.name}" in object_storage.keys(PRIVATE_BUCKET)
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 1
    assert object_storage.keys(PRIVATE_BUCKET) == [key]


@pytest.fixture
def unreachable_storage(s3_emulator, settings):
    """Buckets configured, but nothing listens where the object storage should be."""
    dead = s3_emulator.__class__(f"http://127.0.0.1:{free_port()}")
    settings.STORAGES = {
        **settings.STORAGES,
        **dead.storages(attempts=1, connect_timeout=2, read_timeout=2),
    }


def test_unreachable_object_storage_refuses_uploads_and_saves_nothing(client, unreachable_storage):
    # A logo on an existing organisation: the profile is unchanged.
    organisation = OrganisationFactory(name={"en": "Sialkot Surgical Works"}, country="PK")
    admin = MemberFactory(organisation=organisation, user=UserFactory())
    response = upload_logo(client, organisation, admin.user, png_bytes())
    assert response.status_code == 422
    assert UNAVAILABLE in response.content.decode()
    assert not Organisation.objects.get(pk=organisation.pk).logo

    # A new organisation with a logo: not created.
    count = Organisation.objects.count()
    client.force_login(UserFactory())
    data = form_data(name_en="Ural Sport", country="RU")
    data["logo"] = SimpleUploadedFile("logo.png", png_bytes(), "image/png")
    response = client.post(reverse("organisations:register"), data)
    assert UNAVAILABLE in response.content.decode()
    assert Organisation.objects.count() == count

    # An attachment: no row.
    owner, _organisation = participant()
    draft = marketplace.opportunity_create(user=owner, data=opportunity_data())
    client.force_login(owner)
    response = client.post(
        reverse("marketplace:attachment_add", args=[draft.pk]),
        {"file": SimpleUploadedFile("offer.pdf", PDF)},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [UNAVAILABLE]
    assert not Attachment.objects.exists()

    # An import: no job.
    client.force_login(OrganiserFactory(is_validator=True))
    response = client.post(
        reverse("reports:import_new"),
        {"kind": "organisations", "encoding": "", "file": csv_file([["name_en"], ["X"]])},
    )
    assert UNAVAILABLE in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_import_confirmed_while_the_storage_is_down_fails_with_a_message(
    object_storage, s3_emulator, settings, django_capture_on_commit_callbacks
):
    organiser = OrganiserFactory(is_validator=True)
    job = import_start(
        actor=organiser,
        kind="organisations",
        upload=csv_file([["name_en", "country"], ["Ural Sport", "RU"]]),
    )
    assert job.status == ImportJob.Status.READY
    stored = job.file.name
    dead = s3_emulator.__class__(f"http://127.0.0.1:{free_port()}")
    settings.STORAGES = {**settings.STORAGES, **dead.storages(attempts=1, connect_timeout=2)}
    with django_capture_on_commit_callbacks(execute=True):  # its size unknown: a background task
        import_confirm(actor=organiser, job=ImportJob.objects.get(pk=job.pk))
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == ImportJob.Status.FAILED
    assert [e["message"] for e in job.errors] == [
        "The file could not be read just now. Upload it again in a few minutes."
    ]
    assert not Organisation.objects.filter(name__en="Ural Sport").exists()
    # The file could not be deleted either: its name stays for the daily purge.
    assert ImportJob.objects.get(pk=job.pk).file.name == stored
    assert f"private/{stored}" in object_storage.keys(PRIVATE_BUCKET)
