"""Who may do what, per role, on a pending organisation (the strictest case)."""

import pytest
from django.urls import reverse

from rabta.organisations import permissions
from rabta.organisations.models import Member, Organisation
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    OrganiserFactory,
    UserFactory,
    ValidatorFactory,
)
from tests.organisations.conftest import bearer

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "other_participant",
    "representative",
    "admin_member",
    "event_organiser",
    "validator",
    "site_admin",
]


@pytest.fixture
def pending(db):
    return OrganisationFactory(
        name={"en": "Pending Works"},
        validation=Organisation.Validation.PENDING,
        email="pending@example.org",
    )


def user_for(role: str, organisation: Organisation):
    if role == "anonymous":
        return None
    if role == "other_participant":
        return MemberFactory(organisation=OrganisationFactory(country="RU")).user
    if role == "representative":
        return MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE).user
    if role == "admin_member":
        return MemberFactory(organisation=organisation, role=Member.Role.ADMIN).user
    if role == "validator":
        return ValidatorFactory()
    if role == "event_organiser":
        return OrganiserFactory()
    return UserFactory(is_superuser=True, is_staff=True)


EXPECTED = {
    # role:              detail, edit, people, approve, api detail, api patch
    "anonymous":         (404, 302, 302, 302, 404, 401),
    "other_participant": (404, 403, 403, 403, 404, 404),
    "representative":    (200, 403, 200, 403, 200, 403),
    "admin_member":      (200, 200, 200, 403, 200, 200),
    # Running events gives no power over organisations: only the site's validators have it.
    "event_organiser":   (404, 403, 403, 403, 404, 404),
    "validator":         (200, 200, 200, 302, 200, 200),
    "site_admin":        (200, 200, 200, 302, 200, 200),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_page_and_api_access_by_role(client, pending, role):
    user = user_for(role, pending)
    if user is not None:
        client.force_login(user)
    headers = bearer(user) if user is not None else {}
    statuses = (
        client.get(reverse("organisations:detail", args=[pending.slug])).status_code,
        client.get(reverse("organisations:edit", args=[pending.slug])).status_code,
        client.get(reverse("organisations:manage", args=[pending.slug])).status_code,
        client.post(reverse("organisations:approve", args=[pending.slug])).status_code,
        client.get(f"/api/v1/organisations/{pending.slug}", headers=headers).status_code,
        client.patch(
            f"/api/v1/organisations/{pending.slug}",
            {"city": "Multan"},
            content_type="application/json",
            headers=headers,
        ).status_code,
    )
    assert statuses == EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_contacts_are_only_for_members_and_staff(pending, role):
    user = user_for(role, pending)
    expected = role in {"representative", "admin_member", "validator", "site_admin"}
    assert permissions.can_see_contacts(user, pending) is expected
