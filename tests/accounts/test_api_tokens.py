import pytest
from django.urls import reverse

from rabta.accounts import services
from rabta.accounts.models import ApiToken, hash_token
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:api_tokens"), {"name": "CRM export"}, follow=True)

    key = response.context["new_token"]["key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.key_hash, token.prefix) == ("CRM export", hash_token(key), key[:8])
    assert not ApiToken.objects.filter(key_hash=key).exists()
    again = client.get(reverse("accounts:api_tokens"))
    assert key not in again.content.decode()
    assert "CRM export" in again.content.decode()


def test_a_token_needs_a_name(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:api_tokens"), {"name": "   "})
    assert response.status_code == 422
    assert "name" in response.context["form"].errors
    assert ApiToken.objects.count() == 0


def test_bearer_token_authenticates_and_revoked_token_fails_with_json_error(client, rf):
    from rabta.accounts.api_auth import ApiTokenAuth

    user = UserFactory()
    created = services.api_token_create(user=user, name="tablet")
    auth = ApiTokenAuth()

    request = rf.get("/api/v1/", headers={"authorization": f"Bearer {created.key}"})
    assert auth(request) == user
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None

    client.force_login(user)
    client.post(reverse("accounts:api_token_revoke", args=[created.token.pk]))
    assert not ApiToken.objects.filter(user=user).exists()
    assert auth(rf.get("/api/v1/", headers={"authorization": f"Bearer {created.key}"})) is None


def test_a_revoked_token_gets_the_api_json_error(client):
    user = UserFactory()
    created = services.api_token_create(user=user, name="script")
    services.api_token_revoke(user=user, token_id=created.token.pk)

    response = _call_authenticated_endpoint(client, created.key)

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthorized",
            "message": "Sign in or send a valid API token.",
            "fields": {},
        }
    }


def test_a_valid_token_reaches_an_authenticated_endpoint(client):
    user = UserFactory()
    created = services.api_token_create(user=user, name="script")
    response = _call_authenticated_endpoint(client, created.key)
    # Signed in: the request gets as far as checking the (empty) organisation it was sent.
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def _call_authenticated_endpoint(client, key: str):
    return client.post(
        "/api/v1/organisations",
        {},
        content_type="application/json",
        headers={"authorization": f"Bearer {key}"},
    )


def test_nobody_can_revoke_someone_elses_token():
    owner, other = UserFactory(), UserFactory()
    created = services.api_token_create(user=owner, name="mine")
    with pytest.raises(NotFound):
        services.api_token_revoke(user=other, token_id=created.token.pk)
    assert ApiToken.objects.filter(pk=created.token.pk).exists()


def test_the_number_of_tokens_is_limited():
    user = UserFactory()
    for n in range(services.MAX_API_TOKENS_PER_USER):
        services.api_token_create(user=user, name=f"t{n}")
    with pytest.raises(InvalidInput) as error:
        services.api_token_create(user=user, name="one too many")
    assert "name" in error.value.field_errors


def test_creating_and_revoking_are_audited():
    user = UserFactory()
    created = services.api_token_create(user=user, name="laptop")
    services.api_token_revoke(user=user, token_id=created.token.pk)
    assert list(
        AuditEntry.objects.order_by("id").values_list("action", "actor", "object_repr")
    ) == [
        ("rabta.api_token.created", user.pk, f"laptop ({user})"),
        ("rabta.api_token.revoked", user.pk, f"laptop ({user})"),
    ]
