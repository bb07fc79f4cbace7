import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import rabta
from rabta.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_edits_name_language_and_spoken_languages(client):
    user = UserFactory(full_name="Salman", language="")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "  Salman   Sheikh ",
            "language": "ur",
            "spoken_languages": ["ur", "en", "pa"],
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language, user.spoken_languages) == (
        "Salman Sheikh",
        "ur",
        ["ur", "en", "pa"],
    )
    page = client.get(reverse("accounts:profile"))
    assert b'lang="ur"' in page.content and b'dir="rtl"' in page.content


def test_bad_profile_input_shows_field_errors_and_saves_nothing(client):
    user = UserFactory(full_name="Salman", language="en", spoken_languages=["en"])
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "", "language": "xx", "spoken_languages": ["en", "klingon"]},
    )

    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"full_name", "language", "spoken_languages"}
    user.refresh_from_db()
    assert (user.full_name, user.language, user.spoken_languages) == ("Salman", "en", ["en"])


def test_the_profile_page_offers_every_spoken_language_as_a_checkbox(client):
    client.force_login(UserFactory())
    page = client.get(reverse("accounts:profile")).content.decode()
    assert page.count('type="checkbox" name="spoken_languages"') == 13
    assert reverse("accounts:password_change") in page
    assert reverse("accounts:api_tokens") in page


def test_the_language_chosen_is_remembered_across_sessions():
    user = UserFactory(language="")
    first = Client()
    first.login(username=user.username, password=DEFAULT_PASSWORD)
    first.post(reverse("accounts:set_language"), {"language": "ru", "next": "/"})
    first.post(reverse("accounts:logout"))
    assert User.objects.get(pk=user.pk).language == "ru"

    second = Client()  # another browser: no cookie, English until the person logs in
    assert second.get(reverse("accounts:login")).context["LANGUAGE_CODE"] == "en"
    second.post(reverse("accounts:login"), {"login": user.username, "password": DEFAULT_PASSWORD})
    page = second.get(reverse("accounts:profile"))
    assert page.context["LANGUAGE_CODE"] == "ru"
    assert b'<html lang="ru"' in page.content


@pytest.mark.parametrize(
    ("language", "welcome"),
    [("ru", "Добро пожаловать, Ирина Волкова!"), ("ur", "خوش آمدید، Ирина Волкова۔")],
)
def test_the_welcome_after_login_is_in_the_person_s_language_not_the_browser_s(language, welcome):
    user = UserFactory(language=language, full_name="Ирина Волкова")
    browser = Client()  # an English browser with no language cookie
    response = browser.post(
        reverse("accounts:login"),
        {"login": user.username, "password": DEFAULT_PASSWORD},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(welcome in m for m in messages), messages
    assert not any("You are logged in" in m for m in messages)


def test_password_change_from_the_account_page(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "Karachi-port-2026",
            "password2": "Karachi-port-2026",
        },
        follow=True,
    )
    assert b"Your password has been changed" in response.content
    user.refresh_from_db()
    assert user.check_password("Karachi-port-2026")


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_account_page_s_title_is_its_name_not_markup(client):
    client.force_login(UserFactory())
    page = client.get(reverse("accounts:profile")).content.decode()
    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == "Your account · rabta"


def test_no_page_title_holds_markup():
    """A <title> is plain text: a tag in a template's title block shows in the browser's tab."""
    templates = Path(rabta.__file__).parent / "templates"
    for template in templates.rglob("*.html"):
        for title in re.findall(r"{% block title %}(.*?){% endblock", template.read_text(), re.S):
            assert "<" not in title, template
