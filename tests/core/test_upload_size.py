"""A request larger than any upload may be is refused from its Content-Length alone."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from rabta.core.uploadhandlers import RequestSizeLimitMiddleware
from rabta.reports.models import ImportJob
from tests.factories import OrganiserFactory

pytestmark = pytest.mark.django_db


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def test_an_oversized_upload_is_refused_before_its_body_is_read(settings):
    settings.RABTA_UPLOAD_MAX_BYTES = 512 * 1024
    body = b"x" * (2 * 1024 * 1024)
    request = RequestFactory().post(
        "/reports/imports/", data=body, content_type="multipart/form-data; boundary=b"
    )
    stream = CountingStream(body)
    request.META["wsgi.input"] = stream
    request._stream = stream
    reached = []
    response = RequestSizeLimitMiddleware(lambda request: reached.append(request))(request)
    assert response.status_code == 413
    assert "The upload is 2 MB; at most 0.5 MB can be sent at once." in response.content.decode()
    assert stream.bytes_read == 0 and reached == []


def test_a_too_large_import_gets_a_page_in_the_visitors_language(client, settings):
    settings.RABTA_UPLOAD_MAX_BYTES = 256 * 1024
    client.force_login(OrganiserFactory(is_validator=True))
    big = SimpleUploadedFile("big.csv", b"name_en,country\n" + b"A,PK\n" * 400_000)
    response = client.post(
        reverse("reports:import_new"),
        {"kind": "organisations", "encoding": "", "file": big},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 413
    assert "The upload is" not in response.content.decode()  # in Russian
    assert "1,9 МБ" in response.content.decode()  # a Russian decimal comma, not "1.9"
    assert not ImportJob.objects.exists()


def test_the_api_answers_413_in_its_error_format(client, settings):
    settings.RABTA_UPLOAD_MAX_BYTES = 256 * 1024
    big = SimpleUploadedFile("big.csv", b"x" * (2 * 1024 * 1024))
    response = client.post("/api/v1/imports", {"kind": "organisations", "file": big})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
