"""Imported people can get in: invited now or later, each e-mailed a link to choose a password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from rabta.accounts.models import User
from rabta.core.exceptions import InvalidInput
from rabta.reports.imports import import_confirm, import_invite_people, import_start
from rabta.reports.models import ImportedAccount, ImportJob
from tests.factories import OrganisationFactory, UserFactory
from tests.reports.helpers import csv_file

pytestmark = pytest.mark.django_db

ROWS = [
    ["email", "full_name", "organisation_name", "organisation_country", "language"],
    ["murad@example.org", "Muhammad Murad", "Sialkot Surgical Works", "PK", "ur"],
    ["olga@example.org", "Olga Smirnova", "Sialkot Surgical Works", "PK", "ru"],
]
LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)")
NEW_PASSWORD = "Sialkot-surgical-2026"


@pytest.fixture(autouse=True)
def _organisation(settings):
    settings.SITE_URL = "https://rabta.example"
    OrganisationFactory(
        name={"en": "Sialkot Surgical Works", "ru": "Сиалкот Сёрджикал", "ur": "سیالکوٹ سرجیکل"},
        country="PK",
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def people_import(organiser, committed, invite):
    job = import_start(actor=organiser, kind="people", upload=csv_file(ROWS))
    with committed():
        return import_confirm(actor=organiser, job=job, invite=invite)


def test_invite_now_mails_each_person_in_their_language(organiser, committed):
    job = people_import(organiser, committed, "now")
    assert job.status == ImportJob.Status.DONE and job.invite == "now"
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["murad@example.org", "olga@example.org"]
    assert "سیالکوٹ سرجیکل" in by_address["murad@example.org"].body
    assert "Сиалкот Сёрджикал" in by_address["olga@example.org"].body
    assert (
        by_address["olga@example.org"].subject
        == "Ваша учётная запись rabta готова: выберите пароль"
    )
    assert not ImportedAccount.objects.filter(invited_at__isnull=True).exists()


def test_the_link_lets_the_person_choose_a_password_and_sign_in(client, organiser, committed):
    people_import(organiser, committed, "now")
    message = next(m for m in mail.outbox if m.to == ["olga@example.org"])
    link = LINK.search(message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    olga = User.objects.get(email="olga@example.org")
    assert olga.check_password(NEW_PASSWORD)
    client.logout()
    signed_in = client.post(
        reverse("account_login"), {"login": "olga@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    # The link is used up: the password changed, so its token no longer holds.
    again = client.get(link, follow=True)
    assert not User.objects.get(pk=olga.pk).check_password("x") and again.status_code == 200
    assert "password1" not in again.content.decode()


def test_invite_later_sends_nothing_until_the_organiser_asks(organiser, committed):
    job = people_import(organiser, committed, "later")
    assert mail.outbox == []
    assert ImportedAccount.objects.filter(job=job, invited_at__isnull=True).count() == 2
    with committed():
        assert import_invite_people(actor=organiser, job=job) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["murad@example.org", "olga@example.org"]
    mail.outbox.clear()
    with committed():
        assert import_invite_people(actor=organiser, job=job) == 0  # nobody twice
    assert mail.outbox == []


def test_someone_who_already_chose_a_password_is_not_invited(organiser, committed):
    job = people_import(organiser, committed, "later")
    murad = User.objects.get(email="murad@example.org")
    murad.set_password(NEW_PASSWORD)
    murad.save()
    with committed():
        assert import_invite_people(actor=organiser, job=job) == 1
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]


def test_existing_accounts_are_not_reinvited(organiser, committed):
    UserFactory(email="olga@example.org")
    job = people_import(organiser, committed, "now")
    assert [m.to for m in mail.outbox] == [["murad@example.org"]]
    assert job.accounts.count() == 1


def test_a_bad_choice_or_a_stranger_is_refused(organiser, committed):
    job = import_start(actor=organiser, kind="people", upload=csv_file(ROWS))
    with pytest.raises(InvalidInput):
        import_confirm(actor=organiser, job=job, invite="tomorrow")
    job.refresh_from_db()
    assert (
        job.status == ImportJob.Status.READY
        and not User.objects.filter(email="olga@example.org").exists()
    )
    from rabta.core.exceptions import NotPermitted

    done = people_import(organiser, committed, "later")
    with pytest.raises(NotPermitted):
        import_invite_people(actor=UserFactory(), job=done)


def test_the_page_offers_the_choice_and_invites_later(client, organiser, committed):
    client.force_login(organiser)
    job = import_start(actor=organiser, kind="people", upload=csv_file(ROWS))
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert 'name="invite" value="now"' in page and 'name="invite" value="later"' in page
    client.post(reverse("reports:import_detail", args=[job.pk]), {"invite": "later"})
    assert mail.outbox == []
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    invite_url = reverse("reports:import_invite", args=[job.pk])
    assert invite_url in page and "2 new accounts are not invited yet" in page
    with committed():
        client.post(invite_url)
    assert len(mail.outbox) == 2
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert invite_url not in page


def test_the_api_takes_the_choice_and_invites_later(client, organiser, committed):
    from rabta.accounts.services import api_token_create

    headers = {"Authorization": f"Bearer {api_token_create(user=organiser, name='t').key}"}
    job = import_start(actor=organiser, kind="people", upload=csv_file(ROWS))
    confirmed = client.post(
        f"/api/v1/imports/{job.pk}/confirm",
        {"invite": "later"},
        content_type="application/json",
        headers=headers,
    )
    assert confirmed.json()["invite"] == "later" and mail.outbox == []
    with committed():
        invited = client.post(f"/api/v1/imports/{job.pk}/invite", headers=headers)
    assert invited.json() == {"invited": 2}
    assert len(mail.outbox) == 2
