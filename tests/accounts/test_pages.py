import pytest
from django.urls import reverse

from rabta.accounts import services
from tests.factories import OrganiserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "accounts:profile",
    "accounts:api_tokens",
    "accounts:audit_log",
    # Names from before allauth: permanent redirects to its pages.
    "accounts:password_change",
    "accounts:password_change_done",
    "account_change_password",
]
VISITOR_PAGES = [
    "accounts:login",
    "accounts:signup",
    "account_signup",
    "account_email_verification_sent",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "account_reset_password",
    "account_reset_password_done",
]


def assert_every_page_renders_in(client, names: list[str], language: str) -> None:
    """Each page (after its redirects) answers 200 in ``language``, right to left for Urdu."""
    for name in names:
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ur" else "ltr"}">' in html, (
            name
        )


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_every_accounts_page_renders_in_each_language(client, language):
    user = OrganiserFactory(language=language, is_superuser=True)  # the audit page: site admins
    services.api_token_create(user=user, name="Лахор ↔ Москва")
    client.force_login(user)
    assert_every_page_renders_in(client, PAGES, language)


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_every_visitor_page_renders_in_each_language(client, language):
    client.cookies["rabta_language"] = language
    assert_every_page_renders_in(client, VISITOR_PAGES, language)


def test_an_invalid_reset_link_is_explained(client):
    response = client.get(
        reverse("accounts:password_reset_confirm", args=["MQ", "not-a-token"]), follow=True
    )
    assert response.status_code == 200
    assert b"This link is not valid any more" in response.content
