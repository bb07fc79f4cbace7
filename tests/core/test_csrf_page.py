"""A form refused by the CSRF check (a stale form, cookies blocked): rabta's page in the reader's
language, saying what to do, instead of Django's English technical page."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("en", "The form has expired", "reload the page and send the form again"),
        ("ru", "Срок действия формы истёк", "обновите страницу и отправьте форму ещё раз"),
        ("ur", "فارم کی مدت ختم ہو گئی ہے", "صفحہ دوبارہ لوڈ کریں"),
    ],
)
def test_a_form_without_its_csrf_token_is_explained_in_the_reader_s_language(
    language, title, advice
):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = browser.post(
        reverse("accounts:login"), {"login": "someone", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert title in page and advice in page
    assert f'<html lang="{language}"' in page
    assert "CSRF verification failed" not in page
    # a fresh token comes with the page: going back and reloading is enough
    assert settings.CSRF_COOKIE_NAME in response.cookies


def test_a_signed_in_person_s_stale_form_is_refused_and_nothing_changes():
    user = UserFactory(language="ru")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post(reverse("accounts:set_language"), {"language": "ur", "next": "/"})
    assert response.status_code == 403
    assert "Срок действия формы истёк" in response.content.decode()
    user.refresh_from_db()
    assert user.language == "ru"
