import re

import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reset_link(message) -> str:
    [path] = re.findall(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body)
    return path


def test_password_reset_by_e_mail_end_to_end(client):
    user = UserFactory(email="murad@example.org", full_name="Muhammad Murad Arshad")

    response = client.post(reverse("accounts:password_reset"), {"email": "murad@example.org"})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200

    [message] = mail.outbox
    assert message.to == ["murad@example.org"]
    assert message.subject == "Reset your rabta password"
    assert "Hello Muhammad Murad Arshad," in message.body

    form_page = client.get(reset_link(message), follow=True)
    assert b"Choose a new password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Sialkot-secret", "new_password2": "a-new-Sialkot-secret"},
        follow=True,
    )
    assert b"Your password has been changed" in done.content

    assert client.login(username=user.username, password="a-new-Sialkot-secret")


@pytest.mark.parametrize(("language", "expected"), [("ru", "ru"), ("ur", "ur"), ("", "en")])
def test_the_reset_e_mail_is_written_in_the_users_language(client, monkeypatch, language, expected):
    UserFactory(email="anton@example.org", language=language)
    seen = []
    original = PasswordResetForm.send_mail

    def record_language(self, *args, **kwargs):
        seen.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PasswordResetForm, "send_mail", record_language)

    client.post(reverse("accounts:password_reset"), {"email": "anton@example.org"})

    assert seen == [expected]
    assert len(mail.outbox) == 1


def test_a_used_link_is_refused_with_a_way_forward(client):
    UserFactory(email="a@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "a@example.org"})
    link = reset_link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "pw-Lahore-2026!", "new_password2": "pw-Lahore-2026!"},
    )

    again = client.get(link, follow=True)
    assert b"This link is not valid any more" in again.content


def test_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
