"""A new password ends every API token of the account, however the password was changed."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from rabta.accounts import services
from rabta.accounts.models import ApiToken
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gwadar-harbour-2027"


def token_works(client, key: str) -> bool:
    return (
        client.get("/api/v1/join-requests", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    )


@pytest.fixture
def person_with_tokens():
    user = UserFactory(email="token.owner@example.org")
    keys = [services.api_token_create(user=user, name=name).key for name in ("CRM", "tablet")]
    return user, keys


def test_changing_the_password_revokes_the_tokens(client, person_with_tokens):
    user, keys = person_with_tokens
    assert all(token_works(client, key) for key in keys)
    client.force_login(user)

    client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert not ApiToken.objects.filter(user=user).exists()
    assert not any(token_works(client.__class__(), key) for key in keys)


def test_resetting_the_password_revokes_the_tokens(client, person_with_tokens):
    user, keys = person_with_tokens
    client.post(reverse("account_reset_password"), {"email": user.email})
    [link] = re.findall(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert not any(token_works(client, key) for key in keys)


def test_a_password_set_by_an_administrator_revokes_the_tokens(person_with_tokens, client):
    user, keys = person_with_tokens
    user.set_password(NEW_PASSWORD)
    user.save()
    assert not any(token_works(client, key) for key in keys)


def test_saving_the_profile_keeps_the_tokens(client, person_with_tokens):
    user, keys = person_with_tokens
    services.user_update_profile(
        user=user, full_name="New Name", language="ru", spoken_languages=[]
    )
    assert all(token_works(client, key) for key in keys)
