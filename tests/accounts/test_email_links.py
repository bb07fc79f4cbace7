"""Every link in allauth's e-mails (verification, password reset, "you already have an account")
points at the configured site, settings.SITE_URL, never at the host a request named: a request
to another of the server's names (or a forged Host header the proxy let through) must not send
someone a reset link to that host. The links work when opened."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://rabta.example"
OTHER_HOST = "localhost"  # another name the server answers to (settings.ALLOWED_HOSTS)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE + "/"


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def assert_on_site_only(message) -> list[str]:
    found = links(message)
    assert found
    assert all(link.startswith(SITE + "/") for link in found), found
    assert OTHER_HOST not in message.body and "testserver" not in message.body
    return found


def test_a_password_reset_link_points_at_the_site_and_works(client):
    UserFactory(email="murad@example.org")
    client.post(
        reverse("account_reset_password"), {"email": "murad@example.org"}, HTTP_HOST=OTHER_HOST
    )
    [message] = mail.outbox
    [link, _signature] = assert_on_site_only(message)
    assert "/accounts/password/reset/key/" in link
    page = client.get(link.removeprefix(SITE), follow=True)
    assert b"Choose a new password" in page.content


def sign_up_through_other_host(client, full_name: str, email: str) -> None:
    password = "Sialkot-surgical-2026"
    client.post(
        reverse("account_signup"),
        {"full_name": full_name, "email": email, "password1": password, "password2": password},
        HTTP_HOST=OTHER_HOST,
    )


def test_a_sign_up_verification_link_points_at_the_site_and_works(client):
    sign_up_through_other_host(client, "Ayesha Khan", "ayesha@sialkot.example")
    [message] = mail.outbox
    [link, _signature] = assert_on_site_only(message)
    assert "/accounts/confirm-email/" in link
    page = client.get(link.removeprefix(SITE))
    assert page.status_code == 200 and b"ayesha@sialkot.example" in page.content


def test_the_already_have_an_account_e_mail_points_at_the_site(client):
    UserFactory(email="owner@lahore.example")
    sign_up_through_other_host(client, "Imran", "owner@lahore.example")
    [message] = mail.outbox
    assert any("/accounts/password/reset/" in link for link in assert_on_site_only(message))
