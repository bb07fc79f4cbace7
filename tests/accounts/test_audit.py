import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rabta.accounts.models import User
from rabta.core.audit import audit_log
from rabta.core.models import AuditEntry
from tests.factories import MemberFactory, OrganiserFactory, UserFactory, ValidatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin():
    return UserFactory(is_superuser=True, is_staff=True, username="root")


def test_a_change_in_the_admin_site_is_audited(client, site_admin):
    user = UserFactory(full_name="Anton", email="anton@example.org")
    client.force_login(site_admin)

    page = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "password"
    }
    data.update(
        {
            "full_name": "Anton Vereshchagin",
            "is_interpreter": "on",
            "spoken_languages": '["ru", "en"]',
            "date_joined_0": "2026-01-28",
            "date_joined_1": "10:00:00",
            "groups": [],
            "user_permissions": [],
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    for key in ("is_organiser", "is_staff", "is_superuser"):
        data.pop(key, None)
    data["is_active"] = "on"
    response = client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    entry = AuditEntry.objects.get(action="rabta.admin.accounts.user.changed")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        site_admin,
        "accounts.user",
        str(user.pk),
    )
    assert "Anton Vereshchagin" in entry.object_repr


def test_additions_and_deletions_in_the_admin_site_are_audited(client, site_admin):
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "denis",
            "email": "denis@example.org",
            "full_name": "Denis Nevzorov",
            "password1": "Trade-Islamabad-2026",
            "password2": "Trade-Islamabad-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    leaving = [UserFactory(), UserFactory()]

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [u.pk for u in leaving], "post": "yes"},
    )

    assert not User.objects.filter(pk__in=[u.pk for u in leaving]).exists()
    added = AuditEntry.objects.get(action="rabta.admin.accounts.user.added")
    assert (added.actor, added.object_id) == (
        site_admin,
        str(User.objects.get(username="denis").pk),
    )
    deleted = AuditEntry.objects.filter(action="rabta.admin.accounts.user.deleted")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(u.pk) for u in leaving)
    assert {e.actor for e in deleted} == {site_admin}


def test_deleting_one_object_in_the_admin_site_is_audited_once(client, site_admin):
    leaving = UserFactory()
    client.force_login(site_admin)
    client.post(reverse("admin:accounts_user_delete", args=[leaving.pk]), {"post": "yes"})
    assert list(AuditEntry.objects.values_list("action", "object_id")) == [
        ("rabta.admin.accounts.user.deleted", str(leaving.pk))
    ]


def test_the_audit_log_cannot_be_edited_in_the_admin_site(client, site_admin):
    entry = audit_log(actor=site_admin, action="rabta.test.done")
    client.force_login(site_admin)
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_api_tokens_show_no_key_in_the_admin_site(client, site_admin):
    from rabta.accounts.services import api_token_create

    created = api_token_create(user=site_admin, name="ci")
    client.force_login(site_admin)
    page = client.get(reverse("admin:accounts_apitoken_change", args=[created.token.pk]))
    assert page.status_code == 200
    assert created.key not in page.content.decode()
    assert created.token.key_hash not in page.content.decode()


def test_user_admin_filters_by_role(client, site_admin):
    OrganiserFactory(username="scci-staff")
    MemberFactory(user=UserFactory(username="exporter"))
    client.force_login(site_admin)
    page = client.get(reverse("admin:accounts_user_changelist"), {"role": "participant"})
    assert [u.username for u in page.context["cl"].result_list] == ["exporter"]
    page = client.get(reverse("admin:accounts_user_changelist"), {"role": "organiser"})
    assert [u.username for u in page.context["cl"].result_list] == ["scci-staff"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("participant", 403), ("organiser", 403), ("validator", 403), ("site_admin", 200)],
)
def test_only_site_admins_read_the_audit_log(client, role, status):
    """docs/architecture.md: the log records every organiser's actions; site admins read it."""
    user = {
        "participant": lambda: MemberFactory().user,
        "organiser": lambda: OrganiserFactory(),
        "validator": lambda: ValidatorFactory(),
        "site_admin": lambda: UserFactory(is_superuser=True),
    }[role]()
    audit_log(actor=UserFactory(), action="rabta.organisation.approved", obj=user)
    client.force_login(user)
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == status
    assert (b"rabta.organisation.approved" in response.content) is (status == 200)


def test_an_organiser_finds_no_audit_log_link_on_the_account_page(client):
    client.force_login(OrganiserFactory(is_validator=True))
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:audit_log") not in page
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:audit_log") in page


def test_visitors_are_asked_to_log_in_for_the_audit_page(client):
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_audit_page_filters_and_paginates(client, settings, django_assert_max_num_queries):
    settings.RABTA_PAGE_SIZE = 5
    organiser = OrganiserFactory(username="murad", full_name="Muhammad Murad Arshad")
    other = OrganiserFactory(username="salman")
    for n in range(12):
        audit_log(actor=organiser, action="rabta.organisation.approved", data={"n": n})
    audit_log(actor=other, action="rabta.organisation.rejected")
    old = audit_log(actor=other, action="rabta.organisation.approved")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    client.force_login(UserFactory(is_superuser=True))

    with django_assert_max_num_queries(8):
        page = client.get(
            reverse("accounts:audit_log"),
            {"action": "rabta.organisation.approved", "actor": "Murad"},
        )
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 12
    assert len(page.context["page"].object_list) == 5
    assert "action=rabta.organisation.approved" in page.content.decode()
    assert "page=2" in page.content.decode()

    today = timezone.localdate().isoformat()
    page = client.get(reverse("accounts:audit_log"), {"actor": "salman", "date_from": today})
    assert [e.action for e in page.context["page"].object_list] == ["rabta.organisation.rejected"]


def test_a_bad_date_range_is_reported_on_the_field(client):
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(
        reverse("accounts:audit_log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert page.status_code == 200
    assert "date_to" in page.context["form"].errors


def test_a_service_action_is_audited_with_its_actor():
    user = UserFactory()
    from rabta.accounts.services import api_token_create

    api_token_create(user=user, name="x")
    assert User.objects.count() == 1
    assert AuditEntry.objects.get().actor == user
