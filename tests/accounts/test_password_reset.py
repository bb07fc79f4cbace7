"""Password reset (allauth's): every account with an e-mail, in the account's language."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.http import int_to_base36, urlsafe_base64_encode

from rabta.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reset_link(message) -> str:
    [path] = re.findall(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    return path


def choose_new_password(client, link: str, password: str):
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    return client.post(
        form_page.redirect_chain[-1][0],
        {"password1": password, "password2": password},
        follow=True,
    )


def test_password_reset_by_e_mail_end_to_end(client):
    user = UserFactory(email="murad@example.org", full_name="Muhammad Murad Arshad")

    response = client.post(reverse("account_reset_password"), {"email": "murad@example.org"})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200

    [message] = mail.outbox
    assert message.to == ["murad@example.org"]
    assert message.subject == "Reset your rabta password"
    assert "Hello Muhammad Murad Arshad," in message.body
    assert f"Your user name, in case you have forgotten it: {user.username}" in message.body

    done = choose_new_password(client, reset_link(message), "a-new-Sialkot-secret")
    assert b"Your password has been changed" in done.content

    assert client.login(username=user.username, password="a-new-Sialkot-secret")


def test_an_imported_person_without_a_password_can_choose_one_and_log_in(client):
    """People brought in by the import have an unusable password; Django's reset form skipped
    them silently. They get the link, choose a password and log in with their e-mail."""
    imported = User(username="farah@sialkot.example", email="farah@sialkot.example")
    imported.set_unusable_password()
    imported.save()

    client.post(reverse("account_reset_password"), {"email": "farah@sialkot.example"})

    [message] = mail.outbox
    choose_new_password(client, reset_link(message), "Farah-chooses-2026")
    page = client.post(
        reverse("account_login"),
        {"login": "farah@sialkot.example", "password": "Farah-chooses-2026"},
        follow=True,
    )
    assert page.context["user"] == imported
    assert len(mail.outbox) == 1  # no verification e-mail: the address was given by an organiser


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("ru", "Сброс пароля в rabta"),
        ("ur", "رابطہ پلیٹ فارم پر اپنا پاس ورڈ ری سیٹ کریں"),
        ("", "Reset your rabta password"),
    ],
)
def test_the_reset_e_mail_is_written_in_the_users_language(client, language, subject):
    UserFactory(email="anton@example.org", language=language)
    client.cookies["rabta_language"] = "en"

    client.post(reverse("account_reset_password"), {"email": "anton@example.org"})

    [message] = mail.outbox
    assert message.subject == subject


def test_a_used_link_is_refused_with_a_way_forward(client):
    UserFactory(email="a@example.org")
    client.post(reverse("account_reset_password"), {"email": "a@example.org"})
    link = reset_link(mail.outbox[0])
    choose_new_password(client, link, "pw-Lahore-2026!")
    client.logout()

    again = client.get(link, follow=True)
    assert b"This link is not valid any more" in again.content
    assert reverse("account_reset_password").encode() in again.content


def test_a_link_e_mailed_before_allauth_still_works(client):
    user = UserFactory(email="old@example.org")
    from django.contrib.auth.tokens import default_token_generator

    token = default_token_generator.make_token(user)
    old = reverse(
        "accounts:password_reset_confirm", args=[urlsafe_base64_encode(b"%d" % user.pk), token]
    )

    response = client.get(old)
    assert response.url == reverse(
        "account_reset_password_from_key", kwargs={"uidb36": int_to_base36(user.pk), "key": token}
    )
    done = choose_new_password(client, old, "Old-link-new-pass-1")
    assert b"Your password has been changed" in done.content


def test_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert mail.outbox == []
