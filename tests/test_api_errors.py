"""Every error of the JSON API has the same JSON shape and a message in the caller's language,
including the errors django-ninja raises itself and addresses that are no endpoint."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "There is no API endpoint"), ("ru", "нет метода API"), ("ur", "API کا کوئی")],
)
def test_an_unknown_address_is_a_json_404(client, language, fragment):
    for path in ["/api/v1/no-such-thing", "/api/v1/organisations/", "/api/v1/a/b/c"]:
        response = client.get(path, headers={"accept-language": language})
        assert response.status_code == 404
        error = error_of(response)
        assert error["code"] == "not_found"
        assert fragment in error["message"]
        assert "/api/v1/docs" in error["message"]


def test_a_known_endpoint_still_answers(client):
    assert client.get("/api/v1/sectors").status_code == 200
    response = client.get("/api/v1/organisations/no-such-slug")
    assert response.json()["error"]["code"] == "not_found"


def test_a_wrong_method_is_a_json_405_that_lists_the_allowed_ones(client):
    response = client.delete("/api/v1/sectors", headers={"accept-language": "ru"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    error = error_of(response)
    assert error["code"] == "method_not_allowed"
    assert error["message"] == "Этот адрес не принимает запросы DELETE."


def test_a_body_that_is_not_json_is_refused_in_the_callers_language(client):
    client.force_login(UserFactory(language="ur"))
    response = client.post("/api/v1/organisations", "{not json", content_type="application/json")
    assert response.status_code == 400
    error = error_of(response)
    assert error == {
        "code": "bad_request",
        "message": "درخواست کا مواد پڑھا نہیں جا سکا: درست JSON بھیجیں۔",
        "fields": {},
    }


def test_a_session_request_without_its_csrf_token_is_explained():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(language="ru"))
    response = client.post("/api/v1/organisations", {}, content_type="application/json")
    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "forbidden"
    assert "X-CSRFToken" in error["message"]
    assert error["message"].startswith("Проверка CSRF не пройдена")
