"""Leaving rabta: one's own data as JSON, and deleting the account after re-entering the
password. (The effect on meetings is in tests/events/test_leaving.py.)"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rabta.accounts import services
from rabta.accounts.models import ApiToken, User
from rabta.organisations.models import JoinRequest, Member
from tests.factories import DEFAULT_PASSWORD, MemberFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def reauthenticated(client, user):
    """Signed in, and the password entered again just now (allauth's re-authentication)."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def test_the_data_export_holds_the_profile_memberships_and_requests(client):
    user = UserFactory(email="nadia@lahore.example", full_name="Nadia Rauf", language="ur")
    organisation = OrganisationFactory(name={"en": "Lahore Leather", "ur": "لاہور لیدر"})
    MemberFactory(organisation=organisation, user=user, position={"en": "Export manager"})
    other = OrganisationFactory(name={"en": "Kazan Sports"})
    JoinRequest.objects.create(organisation=other, user=user, message="We supply balls.")
    services.api_token_create(user=user, name="CRM")
    client.force_login(user)

    response = client.get(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == "nadia@lahore.example"
    assert data["profile"]["full_name"] == "Nadia Rauf"
    assert data["profile"]["language"] == "ur"
    [membership] = data["memberships"]
    assert membership["organisation"] == {"en": "Lahore Leather", "ur": "لاہور لیدر"}
    assert membership["position"] == {"en": "Export manager"}
    assert membership["role"] == "admin"
    [request] = data["join_requests"]
    assert (request["organisation"], request["message"]) == (
        {"en": "Kazan Sports"},
        "We supply balls.",
    )
    assert [token["name"] for token in data["api_tokens"]] == ["CRM"]
    assert "key_hash" not in response.content.decode()
    assert set(data) >= {"event_registrations", "meeting_requests", "meetings"}
    assert "لاہور لیدر" in response.content.decode()  # readable, not \\u-escaped


def test_someone_else_s_data_is_never_in_the_export(client):
    user = UserFactory()
    stranger = UserFactory(email="stranger@example.org")
    MemberFactory(user=stranger)
    client.force_login(user)
    body = client.get(reverse("accounts:data_export")).content.decode()
    assert "stranger@example.org" not in body
    assert json.loads(body)["memberships"] == []


def test_deleting_asks_for_the_password_again(client):
    user = UserFactory()
    client.force_login(user)  # a session without a recent password entry

    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))

    wrong = client.post(response.url, {"password": "not-it"})
    assert "Incorrect password." in wrong.content.decode()
    right = client.post(response.url, {"password": DEFAULT_PASSWORD}, follow=True)
    assert right.redirect_chain[-1][0] == reverse("accounts:delete")
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_needs_the_box_ticked_then_the_account_is_gone(client):
    user = UserFactory(language="ru")
    services.api_token_create(user=user, name="CRM")
    reauthenticated(client, user)

    refused = client.post(reverse("accounts:delete"), {})
    assert refused.status_code == 422
    assert "Отметьте флажок, чтобы подтвердить." in refused.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    done = client.post(reverse("accounts:delete"), {"confirm": "on"}, follow=True)

    assert done.redirect_chain[-1][0] == "/"
    assert "Ваша учётная запись удалена." in done.content.decode()
    assert done.context["user"].is_anonymous
    assert not User.objects.filter(pk=user.pk).exists()
    assert not ApiToken.objects.exists()
    assert not client.login(username=user.username, password=DEFAULT_PASSWORD)


def administrator_of_an_organisation():
    """A user (about to leave) who administers a new organisation, and the organisation."""
    leaving = UserFactory()
    organisation = OrganisationFactory()
    MemberFactory(organisation=organisation, user=leaving, role=Member.Role.ADMIN)
    return leaving, organisation


def test_the_organisation_keeps_its_people_and_gets_a_new_administrator(client):
    leaving, organisation = administrator_of_an_organisation()
    first = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    second = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)

    services.account_delete(user=leaving)

    organisation.refresh_from_db()
    members = {member.pk: member.role for member in organisation.members.all()}
    assert members == {first.pk: Member.Role.ADMIN, second.pk: Member.Role.REPRESENTATIVE}


def test_another_administrator_means_nobody_is_promoted(client):
    leaving, organisation = administrator_of_an_organisation()
    admin = MemberFactory(organisation=organisation, role=Member.Role.ADMIN)
    representative = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)

    services.account_delete(user=leaving)

    assert {m.pk: m.role for m in organisation.members.all()} == {
        admin.pk: Member.Role.ADMIN,
        representative.pk: Member.Role.REPRESENTATIVE,
    }


def test_the_account_page_offers_the_export_and_the_deletion(client):
    client.force_login(UserFactory())
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:data_export") in page
    assert reverse("accounts:delete") in page
