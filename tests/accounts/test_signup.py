"""Sign-up with e-mail verification (django-allauth), in the language the visitor chose."""

from __future__ import annotations

import re
import smtplib
import time

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from rabta.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sialkot-surgical-2026"


def sign_up(client, email="ayesha@sialkot.example", password=PASSWORD, next_url=""):
    url = reverse("account_signup") + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        {"full_name": "Ayesha Khan", "email": email, "password1": password, "password2": password},
    )


def verification_link(message) -> str:
    [path] = re.findall(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    return path


SUBJECTS = {
    "en": "Confirm your e-mail address for rabta",
    "ru": "Подтвердите адрес электронной почты для rabta",
    "ur": "رابطہ کے لیے اپنے ای میل پتے کی تصدیق کریں",
}


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_a_stranger_signs_up_verifies_and_lands_signed_in_to_register_an_organisation(
    client, language
):
    client.post(reverse("accounts:set_language"), {"language": language, "next": "/"})

    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="ayesha@sialkot.example")
    assert (user.full_name, user.language) == ("Ayesha Khan", language)
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("accounts:profile")).status_code == 302  # not signed in yet

    [message] = mail.outbox
    assert message.to == ["ayesha@sialkot.example"]
    assert message.subject == SUBJECTS[language]
    link = verification_link(message)

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert not EmailAddress.objects.get(user=user).verified  # opening the link changes nothing
    landed = client.post(link, follow=True)

    assert landed.redirect_chain[-1][0] == reverse("organisations:mine")
    assert landed.context["user"] == user
    assert f'<html lang="{language}"' in landed.content.decode()
    assert EmailAddress.objects.get(user=user).verified


def test_the_language_comes_from_the_cookie_and_later_e_mails_use_it(client):
    client.cookies["rabta_language"] = "ur"
    sign_up(client)
    user = User.objects.get(email="ayesha@sialkot.example")
    assert user.language == "ur"

    mail.outbox.clear()
    other = client.__class__()
    other.cookies["rabta_language"] = "ru"  # the reset is asked from a Russian page
    other.post(reverse("account_reset_password"), {"email": "ayesha@sialkot.example"})
    [message] = mail.outbox
    assert message.subject == "رابطہ پلیٹ فارم پر اپنا پاس ورڈ ری سیٹ کریں"


def test_next_and_e_mail_prefill_for_invitations(client):
    page = client.get(reverse("account_signup") + "?email=guest@moscow.example&next=/events/")
    assert page.context["form"]["email"].value() == "guest@moscow.example"
    assert 'name="next" value="/events/"' in page.content.decode()

    sign_up(client, email="guest@moscow.example", next_url="/events/")
    landed = client.post(verification_link(mail.outbox[0]), follow=True)

    assert landed.redirect_chain[-1][0] == "/events/"
    assert landed.context["user"].email == "guest@moscow.example"


def test_an_e_mail_already_in_use_is_told_to_its_owner_only(client):
    owner = UserFactory(email="owner@lahore.example", language="ru", full_name="Imran Qureshi")
    client.cookies["rabta_language"] = "en"

    response = sign_up(client, email="owner@lahore.example")

    # The page answers exactly as for a new address: it does not tell whose the address is.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="owner@lahore.example").count() == 1
    assert not EmailAddress.objects.exclude(user=owner).filter(email="owner@lahore.example")
    [message] = mail.outbox
    assert message.to == ["owner@lahore.example"]
    assert message.subject == "У вас уже есть учётная запись в rabta"  # the owner's language
    assert "/accounts/password/reset/" in message.body


def test_a_weak_password_is_refused_in_the_reader_s_language_and_nothing_is_created(client):
    client.cookies["rabta_language"] = "ru"

    response = sign_up(client, password="12345678")

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["password1"])
    assert "Этот пароль слишком распространён." in errors
    assert "Этот пароль состоит только из цифр." in errors
    assert not User.objects.filter(email="ayesha@sialkot.example").exists()
    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_an_invalid_verification_link_is_explained_and_verifies_nothing(client):
    sign_up(client)
    link = verification_link(mail.outbox[0])
    broken = link[:-8] + "XXXXXXX/"

    for response in (client.get(broken), client.post(broken)):
        assert response.status_code == 200
        assert b"This confirmation link is not valid" in response.content
    assert not EmailAddress.objects.get(email="ayesha@sialkot.example").verified


def test_an_expired_verification_link_is_explained_and_login_sends_a_new_one(client, monkeypatch):
    sign_up(client)
    address = EmailAddress.objects.get(email="ayesha@sialkot.example")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now - 4 * 24 * 3600)  # made four days ago
    old_key = EmailConfirmationHMAC(address).key
    monkeypatch.undo()
    mail.outbox.clear()

    page = client.post(reverse("account_confirm_email", args=[old_key]))
    assert b"This confirmation link is not valid" in page.content
    address.refresh_from_db()
    assert not address.verified

    # Days later (the three-minute cooldown between two links is long over), logging in with
    # the unverified address sends a fresh link, which works.
    cache.clear()
    client.post(reverse("account_login"), {"login": address.email, "password": PASSWORD})
    [fresh] = mail.outbox
    landed = client.post(verification_link(fresh), follow=True)
    assert landed.context["user"].email == address.email


def test_the_login_page_offers_sign_up(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("account_signup")}"' in page
    assert "Create an account" in page


def test_demo_and_admin_made_accounts_log_in_by_user_name_or_e_mail(client):
    # Accounts made outside sign-up (bulk-created by the demo, the admin, an import) have no
    # allauth e-mail record; they are trusted and never asked to verify.
    User.objects.bulk_create([User(username="organiser", email="organiser@rabta.example")])
    user = User.objects.get(username="organiser")
    user.set_password(DEFAULT_PASSWORD)
    user.save()

    by_name = client.post(
        reverse("accounts:login"), {"login": "organiser", "password": DEFAULT_PASSWORD}
    )
    assert by_name.status_code == 302 and by_name.url == "/"
    client.logout()
    by_mail = client.post(
        reverse("accounts:login"),
        {"login": "Organiser@rabta.example", "password": DEFAULT_PASSWORD},
        follow=True,
    )
    assert by_mail.context["user"] == user
    assert mail.outbox == []


class UnreachableMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_server_that_is_down_gives_no_error_page_and_a_new_link_comes_later(
    client, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableMailServer"

    response = sign_up(client)

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert "Could not send account/email/email_confirmation_signup" in caplog.text
    address = EmailAddress.objects.get(email="ayesha@sialkot.example")
    assert not address.verified  # the account exists, waiting for its verification

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # the three-minute cooldown between links is over
    client.post(reverse("account_login"), {"login": address.email, "password": PASSWORD})
    landed = client.post(verification_link(mail.outbox[0]), follow=True)
    assert landed.context["user"].email == address.email


@pytest.mark.parametrize(
    ("url", "field"),
    [("account_signup", "email"), ("account_login", "login"), ("account_reset_password", "email")],
)
def test_the_address_is_typed_left_to_right_on_urdu_pages(client, url, field):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    page = client.get(reverse(url)).content.decode()
    assert '<html lang="ur" dir="rtl"' in page
    (tag,) = re.findall(rf'<input[^>]*name="{field}"[^>]*>', page)
    assert 'dir="ltr"' in tag


def test_a_newcomer_logging_in_before_verifying_is_told_in_their_language_and_can_resend(client):
    client.cookies["rabta_language"] = "ru"
    sign_up(client, email="anna@kazan.example")
    mail.outbox.clear()

    # Later, from an English browser: logging in leads to the page telling them to verify.
    client.cookies.clear()
    browser = client.__class__()
    response = browser.post(
        reverse("account_login"),
        {"login": "anna@kazan.example", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.url == reverse("account_email_verification_sent")
    page = browser.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Проверьте почту</h1>" in page
    assert "anna@kazan.example" in page
    assert "ещё не подтверждён" in page
    assert "Отправить ссылку ещё раз" in page
    assert browser.get(reverse("accounts:profile")).status_code == 302  # not signed in

    # The link went out a moment ago (at sign-up): asking again says so and sends nothing.
    again = browser.post(reverse("account_email_verification_sent"), follow=True)
    assert "только что и по-прежнему действует" in again.content.decode()
    assert mail.outbox == []

    cache.clear()  # minutes later, the cooldown is over
    again = browser.post(reverse("account_email_verification_sent"), follow=True)
    assert "Мы снова отправили ссылку на anna@kazan.example" in again.content.decode()
    [fresh] = mail.outbox
    assert fresh.to == ["anna@kazan.example"]
    landed = browser.post(verification_link(fresh), follow=True)
    assert landed.context["user"].email == "anna@kazan.example"


def test_the_check_your_e_mail_page_offers_no_resend_for_someone_else_s_address(client):
    UserFactory(email="owner@lahore.example")
    sign_up(client, email="owner@lahore.example")  # someone else's address: told by e-mail only
    page = client.get(reverse("account_email_verification_sent")).content.decode()
    assert "is not verified yet" not in page
    assert "Send the link again" not in page
    assert client.post(reverse("account_email_verification_sent")).status_code == 200
    assert len(mail.outbox) == 1
