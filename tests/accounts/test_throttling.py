"""Throttling (allauth's rate limits): login failures per account and per address, sign-up,
password reset, API tokens. Each test counts attempts; none measures time."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from rabta.accounts import services
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY_LOGINS = {
    "en": "Too many failed login attempts. Try again later.",
    "ru": "Слишком много неудачных попыток входа. Повторите попытку через несколько минут.",
    "ur": "لاگ ان کی بہت زیادہ ناکام کوششیں ہو چکی ہیں۔ کچھ منٹ بعد دوبارہ کوشش کریں۔",
}


def log_in(client, login, password, address="203.0.113.7"):
    return client.post(
        reverse("accounts:login"), {"login": login, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_wrong_passwords_for_one_account_are_refused_after_five_even_the_right_one(
    client, language
):
    admin = UserFactory(username="admin", email="admin@rabta.example")
    client.cookies["rabta_language"] = language

    for _attempt in range(5):
        response = log_in(client, "admin", "guess")
        assert TOO_MANY_LOGINS[language] not in response.content.decode()

    refused = log_in(client, "admin", DEFAULT_PASSWORD)
    assert refused.status_code == 200
    assert TOO_MANY_LOGINS[language] in refused.content.decode()
    assert refused.context["user"].is_anonymous
    # From another address too: the limit is on the account, not only on the address.
    assert (
        TOO_MANY_LOGINS[language] in log_in(client, "admin", "x", "198.51.100.9").content.decode()
    )
    # Another account is not locked by admin's attempts.
    other = UserFactory()
    assert log_in(client, other.username, DEFAULT_PASSWORD, "198.51.100.9").status_code == 302
    assert admin.pk  # the account itself is untouched: its owner can still reset the password


def test_one_address_trying_many_accounts_is_refused_after_ten(client):
    for number in range(10):
        response = log_in(client, f"person{number}@example.org", "guess")
        assert TOO_MANY_LOGINS["en"] not in response.content.decode()

    assert TOO_MANY_LOGINS["en"] in log_in(client, "person10@example.org", "g").content.decode()
    # Somebody else, elsewhere, logs in normally.
    user = UserFactory()
    assert log_in(client, user.username, DEFAULT_PASSWORD, "192.0.2.44").status_code == 302


def test_sign_ups_from_one_address_are_refused_after_ten(client):
    client.cookies["rabta_language"] = "ru"
    for number in range(10):
        response = client.post(
            reverse("account_signup"),
            {
                "full_name": f"Bot {number}",
                "email": f"bot{number}@spam.example",
                "password1": "Sialkot-surgical-2026",
                "password2": "Sialkot-surgical-2026",
            },
        )
        assert response.status_code == 302

    refused = client.post(
        reverse("account_signup"),
        {
            "full_name": "Bot 10",
            "email": "bot10@spam.example",
            "password1": "Sialkot-surgical-2026",
            "password2": "Sialkot-surgical-2026",
        },
    )
    assert refused.status_code == 429
    assert "Слишком много попыток" in refused.content.decode()
    assert len(mail.outbox) == 10


def test_thirty_reset_requests_send_three_e_mails(client):
    UserFactory(email="victim@example.org", language="ur")

    answers = [
        client.post(reverse("account_reset_password"), {"email": "victim@example.org"})
        for _request in range(30)
    ]

    assert len(mail.outbox) == 3
    assert [a.status_code for a in answers[:3]] == [302, 302, 302]
    assert {a.status_code for a in answers[3:]} == {429}
    assert "Too many attempts" in answers[3].content.decode()


def test_reset_requests_from_one_address_are_limited_across_addresses(client):
    for number in range(10):
        client.post(reverse("account_reset_password"), {"email": f"p{number}@example.org"})
    refused = client.post(reverse("account_reset_password"), {"email": "p10@example.org"})
    assert refused.status_code == 429


def test_an_api_token_is_refused_after_its_rate_with_a_message(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token": "3/m/key"}
    user = UserFactory(language="ur")
    key = services.api_token_create(user=user, name="CRM").key
    other_key = services.api_token_create(user=user, name="tablet").key
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    for _request in range(3):
        assert client.get("/api/v1/join-requests", **headers).status_code == 200

    refused = client.get("/api/v1/join-requests", HTTP_ACCEPT_LANGUAGE="ru", **headers)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert refused.json()["error"]["message"] == (
        "Слишком много запросов: подождите минуту и повторите попытку."
    )
    # Another token of the same person has its own count.
    assert (
        client.get("/api/v1/join-requests", HTTP_AUTHORIZATION=f"Bearer {other_key}").status_code
        == 200
    )


def test_guessing_api_tokens_is_refused_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token_unknown": "5/m/ip"}
    for number in range(5):
        answer = client.get("/api/v1/join-requests", HTTP_AUTHORIZATION=f"Bearer guess{number}")
        assert answer.status_code == 401
    assert (
        client.get("/api/v1/join-requests", HTTP_AUTHORIZATION="Bearer guess5").status_code == 429
    )


def test_the_admin_login_form_sends_to_the_rate_limited_login(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    # Its form no longer checks passwords: the right one does not sign in there either.
    posted = client.post("/admin/login/", {"username": "admin", "password": DEFAULT_PASSWORD})
    assert posted.status_code == 302
    assert (
        client.get("/admin/", follow=True)
        .redirect_chain[-1][0]
        .startswith(reverse("accounts:login"))
    )
