"""A NUL character (a zero byte) in a request's text gets a translated 400, never a server error.

PostgreSQL refuses NUL in any text it stores or compares, so before the middleware a search for
``a%00b`` crashed a dozen pages and endpoints there. Run with DATABASE_URL for PostgreSQL.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import OrganisationFactory, OrganiserFactory, UserFactory
from tests.reports.helpers import xlsx_file

pytestmark = pytest.mark.django_db

SEARCHES = [
    "/api/v1/organisations?q=a%00b",
    "/api/v1/organisations?country=R%00U",
    "/api/v1/opportunities?q=a%00b",
    "/api/v1/sectors?x%00=1",
    "/organisations/?q=a%00b",
    "/marketplace/?q=a%00b",
    "/events/?q=a%00b",
    "/accounts/login/?next=/a%00b",
]


@pytest.mark.parametrize("path", SEARCHES)
def test_a_nul_in_a_search_is_a_bad_request_for_anyone(client, path):
    OrganisationFactory(name={"en": "Ural Med"})
    response = client.get(path, headers={"accept-language": "ru"})
    assert response.status_code == 400
    text = (
        response.json()["error"]["message"]
        if path.startswith("/api/")
        else response.content.decode()
    )
    assert "символ NUL" in text


def test_the_api_error_has_the_usual_shape_in_the_callers_language(client):
    response = client.get("/api/v1/organisations?q=a%00b", headers={"accept-language": "ur"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert "NUL" in error["message"] and "صفر بائٹ" in error["message"]


def test_a_signed_in_user_gets_the_page_in_their_language(client):
    user = UserFactory(language="ur")
    client.force_login(user)
    response = client.get("/organisations/?q=%00")
    assert response.status_code == 400
    assert 'dir="rtl"' in response.content.decode()
    assert "صفر بائٹ" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused_before_the_view(client):
    client.force_login(OrganiserFactory())
    response = client.post("/accounts/login/", {"username": "admin\x00", "password": "x"})
    assert response.status_code == 400


def test_a_nul_in_a_json_body_is_refused(client):
    organiser = OrganiserFactory()
    client.force_login(organiser)
    response = client.post(
        "/api/v1/organisations",
        data=json.dumps({"name": {"en": "Bad\u0000name"}, "country": "PK"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, '{"kind": ' * 5000, json.dumps(nested := [[[[["x"]]]]] * 2)],
    ids=["100000-deep", "unclosed-5000-deep", "shallow"],
)
def test_json_nested_thousands_deep_is_a_bad_request_not_a_server_error(client, body):
    """Python's JSON reader gives up past about a thousand levels (RecursionError): that was a
    500 on every endpoint; a shallow body still reaches the endpoint (here: refused there)."""
    client.force_login(UserFactory(language="ru"))
    response = client.post("/api/v1/opportunities", data=body, content_type="application/json")
    error = response.json()["error"]
    if body == json.dumps(nested):
        assert response.status_code == 422
        return
    assert response.status_code == 400 and error["code"] == "bad_request"
    assert error["message"].startswith("JSON в запросе")


def test_a_nul_in_an_upload_forms_text_is_refused_but_not_in_the_files_bytes(client):
    client.force_login(OrganiserFactory(is_validator=True))
    upload = SimpleUploadedFile("people.csv", b"name_en,country\nA,PK\n")
    response = client.post("/api/v1/imports", {"kind": "organisations\x00", "file": upload})
    assert response.status_code == 400
    # Django drops unprintable characters from file names itself
    upload = SimpleUploadedFile("peo\x00ple.csv", b"name_en,country\nA,PK\n")
    response = client.post("/api/v1/imports", {"kind": "organisations", "file": upload})
    assert response.status_code == 201
    assert response.json()["file"] == "people.csv"
    # a workbook's bytes are its own business: only the text fields are looked at
    workbook = xlsx_file([["name_en", "country"], ["Ural Med", "RU"]])
    response = client.post("/api/v1/imports", {"kind": "organisations", "file": workbook})
    assert response.status_code == 201
    assert response.json()["status"] == "ready"


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/organisations?q=ural").status_code == 200
    assert client.get("/organisations/?q=ural").status_code == 200
