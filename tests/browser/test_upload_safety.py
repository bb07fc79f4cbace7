"""What a person meets uploading a logo: a picture named like a page becomes a logo, an SVG is
refused with a message in their language (Urdu here)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.browser.data import participant_with_organisation
from tests.browser.test_profile_urdu import edit_url, log_in, switch_language


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_logo(page, url: str, name: str, mime: str, content: bytes) -> None:
    page.goto(url)
    form = page.locator("main form:has(input[name=logo])")
    form.locator("input[name=logo]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()


@pytest.mark.slow
def test_a_logo_named_like_a_page_is_shown_as_a_picture_and_svg_is_refused_in_urdu(
    page, screenshot, transactional_db, settings
):
    settings.ROOT_URLCONF = "tests.media_urls"  # /media/ served as the web server does
    participant = participant_with_organisation()
    url = edit_url(participant)
    log_in(page, participant)
    switch_language(page, "ur")

    upload_logo(page, url, "proof.html", "text/html", png() + b"<script>alert(1)</script>")
    page.goto(reverse("organisations:detail", kwargs={"slug": participant.organisation.slug}))
    logo = page.locator("main img.logo")
    assert logo.get_attribute("src").endswith(".png")
    assert logo.evaluate("(img) => img.complete && img.naturalWidth") == 120
    screenshot(page, "logo-uploaded-ur")

    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload_logo(page, url, "logo.svg", "image/svg+xml", svg)
    main = page.locator("main").inner_text()
    assert "لوگو PNG، JPEG، WebP یا GIF تصویر ہونا چاہیے۔" in main  # "The logo must be a PNG…"
    assert "The logo must be" not in main
    screenshot(page, "logo-refused-ur")
