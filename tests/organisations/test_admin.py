import pytest
from django.urls import reverse

from rabta.core.models import AuditEntry
from rabta.organisations.models import Organisation
from tests.factories import MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_admin):
    client.force_login(site_admin)
    return client


def test_admin_pages_render(admin_client, organisation):
    member = MemberFactory(organisation=organisation)
    invitation_url = reverse("admin:organisations_invitation_changelist")
    for url in (
        reverse("admin:organisations_organisation_changelist")
        + "?validation__exact=approved&country=PK",
        reverse("admin:organisations_organisation_changelist") + "?q=sialkot",
        reverse("admin:organisations_organisation_change", args=[organisation.pk]),
        reverse("admin:organisations_organisation_add"),
        reverse("admin:organisations_sector_changelist"),
        reverse("admin:organisations_sector_change", args=[1]),
        reverse("admin:organisations_member_change", args=[member.pk]),
        invitation_url,
    ):
        assert admin_client.get(url).status_code == 200, url


def test_admin_actions_go_through_the_services(admin_client, site_admin):
    first = OrganisationFactory(validation=Organisation.Validation.PENDING)
    second = OrganisationFactory(validation=Organisation.Validation.PENDING)
    url = reverse("admin:organisations_organisation_changelist")
    admin_client.post(url, {"action": "approve_selected", "_selected_action": [first.pk]})
    admin_client.post(url, {"action": "reject_selected", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.validation, second.validation) == ("approved", "rejected")
    assert second.rejection_reason
    assert set(AuditEntry.objects.filter(actor=site_admin).values_list("action", flat=True)) == {
        "rabta.organisation.approved",
        "rabta.organisation.rejected",
    }


def test_admin_add_makes_a_slug_and_search_text(admin_client):
    response = admin_client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name_en": "",
            "name_ru": "Казанский завод",
            "name_ur": "",
            "slug": "",
            "kind": "company",
            "country": "RU",
            "city": "Kazan",
            "hs_codes": '["8429"]',
            "description_en": "",
            "description_ru": "",
            "description_ur": "",
            "sectors": ["1"],
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get()
    assert organisation.slug == "kazanskii-zavod"
    assert "energy" in organisation.search_text
