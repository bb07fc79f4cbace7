import pytest
from django.core import mail

from rabta.core.models import AuditEntry
from rabta.organisations.models import Organisation
from tests.factories import MemberFactory, OrganisationFactory, UserFactory
from tests.organisations.conftest import bearer

pytestmark = pytest.mark.django_db

NEW = {
    "name": {"en": "Lahore Pharma", "ru": "Лахор Фарма"},
    "kind": "company",
    "country": "PK",
    "city": "Lahore",
    "sectors": ["pharmaceuticals"],
    "hs_codes": ["3004"],
    "description": {"en": "Generic medicines."},
}


def test_sectors_and_hs_chapters_are_public(client):
    sectors = client.get("/api/v1/sectors").json()
    assert [s["code"] for s in sectors][:3] == ["energy", "agriculture-food", "pharmaceuticals"]
    assert sectors[0]["names"] == {"en": "Energy", "ru": "Энергетика", "ur": "توانائی"}
    chapters = client.get("/api/v1/hs-chapters", headers={"Accept-Language": "ru"}).json()
    assert len(chapters) == 96
    assert chapters[29] == {"chapter": "30", "name": "Фармацевтическая продукция"}


def test_list_is_paginated_with_translations(client, settings):
    settings.RABTA_PAGE_SIZE = 2
    for n in range(3):
        OrganisationFactory(name={"en": f"Org {n}", "ru": f"Орг {n}"})
    first = client.get("/api/v1/organisations", headers={"Accept-Language": "ru"}).json()
    assert first["count"] == 3
    assert [o["name"] for o in first["results"]] == ["Орг 0", "Орг 1"]
    assert first["results"][0]["names"] == {"en": "Org 0", "ru": "Орг 0"}
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [o["names"]["en"] for o in second["results"]] == ["Org 2"]
    assert second["next"] is None


def test_list_filters_like_the_directory(client, organisation):
    OrganisationFactory(name={"en": "Ural Buyers"}, country="RU", hs_codes=["8429"])
    assert [o["slug"] for o in client.get("/api/v1/organisations?hs=90").json()["results"]] == [
        organisation.slug
    ]
    assert client.get("/api/v1/organisations?q=ural&country=RU").json()["count"] == 1
    assert client.get("/api/v1/organisations?kind=university").json()["count"] == 0


def test_list_query_count_is_constant(client, django_assert_max_num_queries, settings):
    settings.RABTA_PAGE_SIZE = 20
    for _n in range(20):
        OrganisationFactory(hs_codes=["9018"]).sectors.set([1, 2, 3])
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/organisations")
    assert len(response.json()["results"]) == 20
    assert len(response.json()["results"][0]["sectors"]) == 3


def test_detail_hides_contacts_from_the_public_and_other_participants(
    client, organisation, other_participant
):
    body = client.get(f"/api/v1/organisations/{organisation.slug}").json()
    assert body["email"] is None and body["phone"] is None and body["validation"] is None
    assert body["hs_codes"] == [{"code": "9018", "label": body["hs_codes"][0]["label"]}]
    assert body["hs_codes"][0]["label"].startswith("9018 — chapter 90: Optical")
    body = client.get(
        f"/api/v1/organisations/{organisation.slug}", headers=bearer(other_participant)
    ).json()
    assert body["email"] is None


def test_detail_shows_contacts_to_members_and_validators(
    client, organisation, admin_member, validator
):
    for user in (admin_member.user, validator):
        body = client.get(f"/api/v1/organisations/{organisation.slug}", headers=bearer(user)).json()
        assert (body["email"], body["phone"], body["validation"]) == (
            "contact@ssw.example",
            "+92 52 1234567",
            "approved",
        )


def test_pending_is_404_for_the_public_but_listed_for_validators(client, validator):
    pending = OrganisationFactory(validation=Organisation.Validation.PENDING)
    response = client.get(f"/api/v1/organisations/{pending.slug}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    listed = client.get(
        "/api/v1/organisations?validation=pending", headers=bearer(validator)
    ).json()
    assert [o["slug"] for o in listed["results"]] == [pending.slug]


def test_create_with_a_token(client):
    user = UserFactory()
    response = client.post(
        "/api/v1/organisations", NEW, content_type="application/json", headers=bearer(user)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["slug"] == "lahore-pharma"
    assert body["validation"] == "pending"
    assert Organisation.objects.get().members.get().user == user


def test_create_needs_authentication(client):
    response = client.post("/api/v1/organisations", NEW, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hs_codes": ["3004", "7700"]}, "hs_codes"),
        ({"sectors": ["moon-mining"]}, "sectors"),
        ({"city": "x" * 101}, "city"),
        ({"country": "ZZ"}, "country"),
        ({"name": {}}, "name"),
    ],
)
def test_create_errors_name_the_field(client, change, field):
    response = client.post(
        "/api/v1/organisations",
        {**NEW, **change},
        content_type="application/json",
        headers=bearer(UserFactory()),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]
    assert Organisation.objects.count() == 0


def test_duplicate_name_in_the_same_country(client):
    OrganisationFactory(name={"en": "Lahore Pharma"}, country="PK")
    response = client.post(
        "/api/v1/organisations", NEW, content_type="application/json", headers=bearer(UserFactory())
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["name"] == [
        "An organisation with this name already exists in this country."
    ]
    assert Organisation.objects.count() == 1


def test_missing_field_is_reported_in_the_requests_language(client):
    response = client.post(
        "/api/v1/organisations",
        {"name": {"en": "X"}},
        content_type="application/json",
        headers={**bearer(UserFactory()), "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["country"] == ["This field is required."]


def test_patch_changes_only_the_fields_sent(client, organisation, admin_member):
    response = client.patch(
        f"/api/v1/organisations/{organisation.slug}",
        {"city": "Gujranwala", "hs_codes": ["9018", "9019"]},
        content_type="application/json",
        headers=bearer(admin_member.user),
    )
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.city, organisation.hs_codes) == ("Gujranwala", ["9018", "9019"])
    assert organisation.name["ru"] == "Сиалкот Сёрджикал"


def test_patch_is_forbidden_to_others(client, organisation, not_its_administrator):
    user = not_its_administrator
    response = client.patch(
        f"/api/v1/organisations/{organisation.slug}",
        {"city": "X"},
        content_type="application/json",
        headers=bearer(user),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_approve_and_reject_by_an_validator(client, validator, django_capture_on_commit_callbacks):
    pending = OrganisationFactory(validation=Organisation.Validation.PENDING)
    MemberFactory(organisation=pending)
    headers = bearer(validator)
    response = client.post(
        f"/api/v1/organisations/{pending.slug}/reject",
        {"reason": ""},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert "reason" in response.json()["error"]["fields"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/organisations/{pending.slug}/approve", headers=headers)
    assert response.status_code == 200
    assert response.json()["validation"] == "approved"
    assert len(mail.outbox) == 1
    response = client.post(
        f"/api/v1/organisations/{pending.slug}/reject",
        {"reason": "Duplicate"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["validation"] == "rejected"
    actions = AuditEntry.objects.filter(actor=validator, action__startswith="rabta.organisation")
    assert sorted(actions.values_list("action", flat=True)) == [
        "rabta.organisation.approved",
        "rabta.organisation.rejected",
    ]


def test_admin_member_cannot_approve(client, organisation, admin_member):
    response = client.post(
        f"/api/v1/organisations/{organisation.slug}/approve", headers=bearer(admin_member.user)
    )
    assert response.status_code == 403


def test_people_public_and_private_views(client, organisation, admin_member):
    admin_member.position = {"en": "Director"}
    admin_member.save()
    MemberFactory(
        organisation=organisation, user=UserFactory(full_name="Quiet One"), is_public=False
    )
    public = client.get(f"/api/v1/organisations/{organisation.slug}/people").json()
    assert public == [
        {
            "name": "Aisha Admin",
            "position": "Director",
            "positions": {"en": "Director"},
            "languages": ["en"],
            "role": None,
            "email": None,
        }
    ]
    private = client.get(
        f"/api/v1/organisations/{organisation.slug}/people", headers=bearer(admin_member.user)
    ).json()
    assert {p["name"] for p in private} == {"Aisha Admin", "Quiet One"}
    assert all(p["email"] for p in private)


def test_openapi_docs_render(client):
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    summaries = {op["summary"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "Search the directory of organisations",
        "Register an organisation",
        "List the HS chapters",
    } <= summaries


def test_validation_messages_follow_accept_language(client):
    response = client.post(
        "/api/v1/organisations",
        {"name": {"en": "X"}},
        content_type="application/json",
        headers={**bearer(UserFactory()), "Accept-Language": "ru"},
    )
    message = response.json()["error"]["fields"]["country"][0]
    assert message != "This field is required."
    assert any(
        "а" <= char <= "я" for char in message.lower()
    )  # Cyrillic: Django's own Russian catalogue
