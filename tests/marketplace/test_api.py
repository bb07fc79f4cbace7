import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rabta.marketplace import services
from rabta.marketplace.models import Attachment, Interest, Opportunity
from rabta.matching.models import HiddenRecommendation
from tests.marketplace.helpers import (
    draft_and_another_participant_signed_in,
    exporter_and_wanted_scissors,
    opportunity_data,
    participant,
    publish,
    publish_medical_offers,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    from rabta.accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test').key}"}


@pytest.fixture
def owner_client(client):
    user, organisation = participant(email="owner@example.org")
    client.force_login(user)
    return client, user, organisation


def test_create_publish_and_read(owner_client):
    client, _user, organisation = owner_client
    response = client.post(
        "/api/v1/opportunities", opportunity_data(countries=["RU"]), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["organisation"]["id"] == organisation.pk
    assert (
        client.post(f"/api/v1/opportunities/{body['id']}/publish").json()["status"] == "published"
    )
    listing = client.get("/api/v1/opportunities?q=surgical").json()
    assert [o["id"] for o in listing["results"]] == [body["id"]]


def test_bad_input_gives_field_errors_and_saves_nothing(owner_client):
    client, _user, _organisation = owner_client
    response = client.post(
        "/api/v1/opportunities",
        opportunity_data(hs_codes=["12345"], deadline="2000-01-01", description={"ru": "Текст"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"hs_codes", "deadline", "description"}
    assert Opportunity.objects.count() == 0


def test_drafts_are_invisible_to_others_and_edits_forbidden(client):
    owner, draft = draft_and_another_participant_signed_in(client)
    assert client.get(f"/api/v1/opportunities/{draft.pk}").status_code == 404
    published = publish(owner, title={"en": "Published one"})
    response = client.patch(
        f"/api/v1/opportunities/{published.pk}",
        {"title": {"en": "Taken over"}},
        content_type="application/json",
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == {"en": "Published one"}


def test_delete_an_opportunity(owner_client):
    client, user, _organisation = owner_client
    draft = services.opportunity_create(user=user, data=opportunity_data())
    other, _ = participant()
    theirs = publish(other)
    assert client.delete(f"/api/v1/opportunities/{theirs.pk}").status_code == 403
    assert client.delete(f"/api/v1/opportunities/{draft.pk}").status_code == 204
    assert client.get(f"/api/v1/opportunities/{draft.pk}").status_code == 404
    assert list(Opportunity.objects.all()) == [theirs]


def test_anonymous_search_and_filter_errors(client):
    owner, _organisation = participant()
    publish(owner)
    assert client.get("/api/v1/opportunities").json()["count"] == 1
    response = client.get("/api/v1/opportunities?hs=123")
    assert response.status_code == 422
    assert "hs" in response.json()["error"]["fields"]


def test_contacts_hidden_until_the_owner_accepts(client):
    owner, organisation = participant(email="owner@example.org", phone="+92 52 111")
    buyer, _buyer_organisation = participant(email="buyer-org@example.org")
    opportunity = publish(owner)
    client.force_login(buyer)
    assert client.get(f"/api/v1/opportunities/{opportunity.pk}").json()["contacts"] is None
    response = client.post(
        f"/api/v1/opportunities/{opportunity.pk}/interest",
        {"message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.get(f"/api/v1/opportunities/{opportunity.pk}").json()["contacts"] is None
    interest = Interest.objects.get()
    client.force_login(owner)
    received = client.get("/api/v1/interests/received").json()
    assert received[0]["contacts"] is None
    accepted = client.post(f"/api/v1/interests/{interest.pk}/accept").json()
    assert accepted["contacts"]["email"] == "buyer-org@example.org"
    assert accepted["contacts"]["person_email"] == buyer.email
    client.force_login(buyer)
    assert (
        client.get(f"/api/v1/opportunities/{opportunity.pk}").json()["contacts"]["phone"]
        == "+92 52 111"
    )


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_attachments_are_checked_by_content(owner_client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client, user, _organisation = owner_client
    opportunity = publish(user)
    url = f"/api/v1/opportunities/{opportunity.pk}/attachments"
    fake = SimpleUploadedFile(
        "brochure.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    response = client.post(url, {"file": fake})
    assert response.status_code == 422
    assert "file" in response.json()["error"]["fields"]
    real = SimpleUploadedFile("photo.exe", _png(), content_type="application/octet-stream")
    response = client.post(url, {"file": real})
    assert response.status_code == 201
    assert response.json()["content_type"] == "image/png"
    pdf = SimpleUploadedFile("catalogue", b"%PDF-1.4\n%...", content_type="text/plain")
    assert client.post(url, {"file": pdf}).json()["content_type"] == "application/pdf"
    assert Attachment.objects.count() == 2


def test_attachment_over_the_limit_is_refused(owner_client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.RABTA_ATTACHMENT_MAX_BYTES = 1000
    client, user, _organisation = owner_client
    opportunity = publish(user)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2000, content_type="application/pdf")
    response = client.post(f"/api/v1/opportunities/{opportunity.pk}/attachments", {"file": big})
    assert response.status_code == 422
    assert Attachment.objects.count() == 0


def test_list_endpoint_query_count(client, django_assert_max_num_queries):
    publish_medical_offers(12)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/opportunities?hs=9018&q=surgical").json()
    assert body["count"] == 12


def test_recommendations_endpoint_with_a_token(client):
    exporter, _organisation, _buyer_organisation, wanted = exporter_and_wanted_scissors()
    response = client.get("/api/v1/recommendations", **bearer(exporter))
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["opportunity_id"] for r in body["opportunities"]] == [wanted.pk]
    assert body["opportunities"][0]["explanation"].startswith(
        "Sources scissors (HS 901890) — you export surgical scissors"
    )
    hide = client.post(
        "/api/v1/recommendations/hide",
        {"opportunity_id": wanted.pk},
        content_type="application/json",
        **bearer(exporter),
    )
    assert hide.status_code == 204
    assert client.get("/api/v1/recommendations", **bearer(exporter)).json()["opportunities"] == []


def test_hiding_a_draft_or_an_unapproved_organisation_is_like_hiding_nothing(client):
    exporter, _organisation = participant()
    other, _ = participant(country="RU")
    draft = services.opportunity_create(user=other, data=opportunity_data())
    _stranger, pending = participant(country="RU", validation="pending")
    missing = Opportunity.objects.order_by("-pk").first().pk + 1000
    answers = [
        client.post(
            "/api/v1/recommendations/hide",
            payload,
            content_type="application/json",
            **bearer(exporter),
        ).status_code
        for payload in (
            {"opportunity_id": draft.pk},
            {"opportunity_id": missing},
            {"partner_id": pending.pk},
        )
    ]
    assert answers == [404, 404, 404]
    assert not HiddenRecommendation.objects.exists()


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/opportunities",
        "/api/v1/recommendations",
        "/api/v1/opportunities/{pk}/interest",
    } <= set(paths)


def test_a_hidden_recommendation_is_listed_and_shown_again_through_the_api(client):
    exporter, _organisation, _buyer_organisation, wanted = exporter_and_wanted_scissors()
    client.post(
        "/api/v1/recommendations/hide",
        {"opportunity_id": wanted.pk},
        content_type="application/json",
        **bearer(exporter),
    )
    listed = client.get("/api/v1/recommendations/hidden", **bearer(exporter)).json()
    assert [(h["opportunity_id"], h["label"]) for h in listed] == [(wanted.pk, "Scissors wanted")]
    hidden_id = listed[0]["id"]
    stranger, _ = participant(country="RU")
    url = f"/api/v1/recommendations/hidden/{hidden_id}"
    assert client.delete(url, **bearer(stranger)).status_code == 404  # not theirs
    assert client.delete(url, **bearer(exporter)).status_code == 204
    assert client.delete(url, **bearer(exporter)).status_code == 404  # already shown again
    assert client.get("/api/v1/recommendations/hidden", **bearer(exporter)).json() == []
    body = client.get("/api/v1/recommendations", **bearer(exporter)).json()
    assert [r["opportunity_id"] for r in body["opportunities"]] == [wanted.pk]
