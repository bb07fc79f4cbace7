"""Logos are public media: what an attacker uploads as a logo must never run as a page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rabta.organisations.models import Organisation
from tests.organisations.conftest import png_bytes
from tests.organisations.test_views import form_data, signed_in

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def upload_logo(client, organisation, member, upload):
    data = form_data(name_en="Sialkot Surgical Works")
    data["logo"] = upload
    return signed_in(client, member.user).post(
        reverse("organisations:edit", args=[organisation.slug]), data
    )


def test_a_png_named_proof_html_is_stored_and_served_as_a_png(
    client, organisation, admin_member, settings
):
    settings.ROOT_URLCONF = "tests.media_urls"
    polyglot = png_bytes((8, 8)) + SCRIPT  # a valid PNG with a page after its end
    response = upload_logo(
        client, organisation, admin_member, SimpleUploadedFile("proof.html", polyglot, "text/html")
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    name = organisation.logo.name
    assert name.startswith("logos/") and name.endswith(".png")
    assert "proof" not in name and ".html" not in name
    stored = (settings.MEDIA_ROOT / name).read_bytes()
    assert b"<script" not in stored  # drawn again from its pixels: the page is gone
    assert Image.open(io.BytesIO(stored)).size == (8, 8)

    served = client.get(organisation.logo.url)
    # Read to the end: the test client then closes the file without closing the database
    # connection (response.close() by hand would end the test's transaction on PostgreSQL).
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/logos/proof.html").status_code == 404


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("logo.png", SCRIPT),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ],
    ids=["html-named-png", "svg", "svg-named-png"],
)
def test_html_and_svg_are_refused_as_logos(client, organisation, admin_member, filename, content):
    response = upload_logo(
        client, organisation, admin_member, SimpleUploadedFile(filename, content, "image/png")
    )
    assert response.status_code == 422
    assert "The logo must be a PNG, JPEG, WebP or GIF image." in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo


def test_the_logo_message_is_translated(client, organisation, admin_member):
    admin_member.user.language = "ru"
    admin_member.user.save(update_fields=["language"])
    response = upload_logo(
        client, organisation, admin_member, SimpleUploadedFile("logo.png", SCRIPT, "image/png")
    )
    assert response.status_code == 422
    assert "The logo must be" not in response.content.decode()


def test_a_replaced_logo_is_deleted_from_the_disk(
    client, organisation, admin_member, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(client, organisation, admin_member, SimpleUploadedFile("a.png", png_bytes()))
    organisation.refresh_from_db()
    first = settings.MEDIA_ROOT / organisation.logo.name
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(client, organisation, admin_member, SimpleUploadedFile("b.png", png_bytes()))
    organisation.refresh_from_db()
    assert not first.exists()
    assert (settings.MEDIA_ROOT / organisation.logo.name).exists()
    assert list((settings.MEDIA_ROOT / "logos").iterdir()) == [
        settings.MEDIA_ROOT / organisation.logo.name
    ]


def test_a_huge_logo_is_not_kept_and_gets_the_size_message(
    client, organisation, admin_member, settings
):
    # Past this the upload handler keeps nothing (the request itself is small enough to be read).
    settings.RABTA_UPLOAD_MAX_BYTES = int(2.5 * 1024 * 1024)
    big = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (3 * 1024 * 1024), "image/png")
    response = upload_logo(client, organisation, admin_member, big)
    assert response.status_code == 422
    assert "The logo is 3 MB; at most 2 MB are allowed." in response.content.decode()
    assert not Organisation.objects.get(pk=organisation.pk).logo


def test_a_logo_with_too_many_pixels_is_told_so(client, organisation, admin_member):
    from tests.marketplace.test_views import huge_png

    response = upload_logo(
        client, organisation, admin_member, SimpleUploadedFile("logo.png", huge_png(), "image/png")
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "This picture has more than 178 million pixels." in text
    assert "The logo must be a PNG" not in text
    assert not Organisation.objects.get(pk=organisation.pk).logo


def image_bytes(size: tuple[int, int], fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 90).save(buffer, format=fmt)
    return buffer.getvalue()


def test_a_small_png_of_many_pixels_is_refused_before_it_is_decoded(
    client, organisation, admin_member
):
    """A 360 KB PNG of 9,400 × 9,400 pixels was decoded whole: 780 MB of the web process for
    4 s, per upload. Past 16 million pixels a PNG, WebP or GIF logo is refused."""
    upload = SimpleUploadedFile("logo.png", image_bytes((4100, 4100), "PNG"), "image/png")
    assert upload.size < 200_000
    response = upload_logo(client, organisation, admin_member, upload)
    assert response.status_code == 422
    assert "The logo is 4100 × 4100 pixels" in response.content.decode()
    assert not Organisation.objects.get(pk=organisation.pk).logo


def test_a_large_jpeg_photo_is_still_taken_and_scaled_down(client, organisation, admin_member):
    upload = SimpleUploadedFile("photo.jpg", image_bytes((4200, 4200), "JPEG"), "image/jpeg")
    response = upload_logo(client, organisation, admin_member, upload)
    assert response.status_code == 302
    organisation.refresh_from_db()
    with organisation.logo.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) <= 1024
