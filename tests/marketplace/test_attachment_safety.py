"""Attachments are private files: stored under random names outside the web root, served only
after the opportunity's visibility check, documents always as downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rabta.marketplace import services
from rabta.marketplace.models import Attachment
from tests.marketplace.helpers import opportunity_data, participant, publish

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def attach(client, opportunity, name: str, content: bytes):
    return client.post(
        reverse("marketplace:attachment_add", args=[opportunity.pk]),
        {"file": SimpleUploadedFile(name, content, "text/html")},
        follow=True,
    )


def test_a_pdf_with_a_script_name_is_stored_as_pdf_and_downloaded_not_shown(client, settings):
    owner, _organisation = participant()
    opportunity = publish(owner)
    client.force_login(owner)
    attach(client, opportunity, '<script>alert(1)</script>".html', PDF)
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".pdf")
    assert "script" not in attachment.file.name and ".html" not in attachment.file.name
    assert (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).read_bytes() == PDF
    assert not (settings.MEDIA_ROOT / attachment.file.name).exists()

    client.logout()
    response = client.get(reverse("marketplace:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Django's parser already dropped the name's folders ("<script>alert(1)</"); the rest is
    # shown as text and downloaded under a harmless name with the content's extension.
    assert attachment.name == 'script>".html'
    assert response["Content-Disposition"] == 'attachment; filename="script__.pdf"'


def test_an_image_attachment_named_html_is_served_as_an_image(client):
    owner, _organisation = participant()
    opportunity = publish(owner)
    client.force_login(owner)
    attach(client, opportunity, "photo.html", png())
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".png")
    response = client.get(reverse("marketplace:attachment", args=[attachment.pk]))
    response.close()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b'<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ids=["html", "svg"],
)
def test_html_and_svg_are_refused_as_attachments(client, content):
    owner, _organisation = participant()
    opportunity = publish(owner)
    client.force_login(owner)
    response = attach(client, opportunity, "brochure.pdf", content)
    assert [str(m) for m in response.context["messages"]] == [
        "Attach a PDF document or a PNG, JPEG, WebP or GIF image."
    ]
    assert not Attachment.objects.exists()


def draft_attachment():
    """A PDF attached to an owner's draft, and a stranger from another organisation."""
    owner, _organisation = participant()
    stranger, _ = participant()
    draft = services.opportunity_create(user=owner, data=opportunity_data())
    attachment = services.attachment_add(
        user=owner, opportunity=draft, file=SimpleUploadedFile("offer.pdf", PDF)
    )
    return owner, stranger, attachment


def test_a_draft_attachment_is_not_downloadable_by_strangers(client, settings):
    owner, stranger, attachment = draft_attachment()
    url = reverse("marketplace:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404  # logged out
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    # Nor through the media URL the web server serves: the file is not under MEDIA_ROOT.
    settings.ROOT_URLCONF = "tests.media_urls"
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_display_name_is_cleaned_of_paths_and_controls():
    owner, _organisation = participant()
    opportunity = publish(owner)
    attachment = services.attachment_add(
        user=owner,
        opportunity=opportunity,
        file=SimpleUploadedFile("../../etc/\u202eevil\x00 fdp.pdf", PDF),
    )
    assert attachment.name == "evil fdp.pdf"


def test_x_accel_redirect_hands_the_file_to_nginx_after_the_check(client, settings):
    settings.RABTA_PRIVATE_FILES_DELIVERY = "x-accel-redirect"
    owner, stranger, attachment = draft_attachment()
    url = reverse("marketplace:attachment", args=[attachment.pk])
    client.force_login(stranger)
    refused = client.get(url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    client.force_login(owner)
    response = client.get(url)
    assert response["X-Accel-Redirect"] == f"/internal-private/{attachment.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment; ")
