"""HS codes are optional for every kind; the text proposes HS headings (form, API, import)."""

import pytest
from django.urls import reverse

from rabta.marketplace import services
from rabta.marketplace.models import Kind, Opportunity
from rabta.reports.imports import import_confirm, import_start
from tests.factories import OrganisationFactory, OrganiserFactory
from tests.marketplace.helpers import opportunity_data, participant
from tests.reports.helpers import csv_file

pytestmark = pytest.mark.django_db


def _published_request(languages, title, description):
    """A sourcing request without HS codes, published by a new participant."""
    user, _organisation = participant()
    data = opportunity_data(
        kind="sourcing_request",
        languages=languages,
        title=title,
        description=description,
        hs_codes=[],
    )
    return services.opportunity_create(user=user, data=data, publish=True)


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_is_published_without_hs_codes(kind):
    user, _organisation = participant()
    opportunity = services.opportunity_create(
        user=user, data=opportunity_data(kind=kind, hs_codes=[]), publish=True
    )
    assert opportunity.hs_codes == []
    assert opportunity.is_listed


@pytest.mark.parametrize(
    ("languages", "title", "description", "heading"),
    [
        (["ru"], {"ru": "Ищем поставщика риса басмати"}, {"ru": "Партии от 20 тонн"}, "1006"),
        (["ur"], {"ur": "باسمتی چاول کی برآمد"}, {}, "1006"),
        (["en"], {"en": "Basmati rice, sortexed, export quality"}, {}, "1006"),
        (["en"], {"en": "Surgical instruments"}, {"en": "Scissors and forceps"}, "9018"),
    ],
)
def test_the_text_proposes_headings_stored_on_the_opportunity(
    languages, title, description, heading
):
    opportunity = _published_request(languages, title, description)
    opportunity.refresh_from_db()
    assert opportunity.suggested_headings[0] == heading


def test_the_proposal_follows_the_text_and_not_other_saves():
    user, _organisation = participant()
    opportunity = services.opportunity_create(user=user, data=opportunity_data(hs_codes=[]))
    assert opportunity.suggested_headings[0] == "9018"
    services.opportunity_update(
        user=user,
        opportunity=opportunity,
        data={"title": {"en": "Kinnow mandarins"}, "description": {}},
    )
    opportunity.refresh_from_db()
    assert opportunity.suggested_headings == ["0805"]
    Opportunity.objects.filter(pk=opportunity.pk).update(suggested_headings=["0101"])
    services.opportunity_publish(user=user, opportunity=Opportunity.objects.get(pk=opportunity.pk))
    assert Opportunity.objects.get(pk=opportunity.pk).suggested_headings == [
        "0101"
    ]  # no text saved


def test_education_and_culture_projects_propose_no_heading():
    user, _organisation = participant()
    for kind in ("education", "culture"):
        data = opportunity_data(
            kind=kind, title={"en": "Joint programme in textile engineering"}, hs_codes=[]
        )
        assert services.opportunity_create(user=user, data=data).suggested_headings == []


@pytest.mark.parametrize(
    ("languages", "title", "description", "indexed"),
    [
        # A service named in the title: the goods its description mentions are not traded.
        (
            ["ur"],
            {"ur": "روس تک ٹرک کے ذریعے سامان بھیجنا ہے"},
            {"ur": "ہم پشاور سے کینو اور آلو روس بھیجنا چاہتے ہیں۔"},
            set(),
        ),
        (
            ["en"],
            {"en": "Recruitment of skilled welders"},
            {"en": "For our steel structures and steel pipes plant."},
            set(),
        ),
        # Goods named in the title: the headings their text proposes are matched on.
        (["en"], {"en": "Kinnow mandarins"}, {"en": "By road freight to Moscow."}, {"0805"}),
    ],
)
def test_a_request_for_a_service_is_not_matched_on_the_goods_it_mentions(
    languages, title, description, indexed
):
    opportunity = _published_request(languages, title, description)
    assert opportunity.suggested_headings  # still proposed to the owner
    keys = set(opportunity.features.values_list("key", flat=True))
    assert {key.split("hs4:", 1)[1] for key in keys if "|hs4:" in key} == indexed


@pytest.mark.parametrize(
    ("languages", "title"),
    [
        (["en"], {"en": "12345 678 2027"}),
        (["en"], {"en": "Nous cherchons des partenaires"}),
        (["ur"], {"ur": "۱۲۳ ۴۵۶"}),
    ],
)
def test_a_text_rabta_cannot_read_proposes_nothing_and_saves(languages, title):
    user, _organisation = participant()
    data = opportunity_data(languages=languages, title=title, description={}, hs_codes=[])
    opportunity = services.opportunity_create(user=user, data=data, publish=True)
    assert opportunity.suggested_headings == []


# --- the form -------------------------------------------------------------------------------

FORM = {
    "kind": "export_offer",
    "role": "offer",
    "languages": ["ur"],
    "title_en": "",
    "title_ru": "",
    "title_ur": "باسمتی چاول کی برآمد",
    "description_en": "",
    "description_ru": "",
    "description_ur": "",
    "hs_codes": "",
    "countries": "RU",
}


def test_the_form_proposes_headings_saves_nothing_then_adds_the_ticked_ones(client):
    user, _organisation = participant()
    client.force_login(user)
    response = client.post(reverse("marketplace:create"), {**FORM, "suggest": "1"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="1006"' in content and "1006 — rice" in content
    assert "errorlist" not in content  # a proposal step judges no field
    assert Opportunity.objects.count() == 0
    response = client.post(
        reverse("marketplace:create"), {**FORM, "suggested_hs": ["1006"], "publish": "1"}
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.hs_codes == ["1006"]
    assert opportunity.suggested_headings == ["1006"]


def test_the_form_saves_without_hs_codes_and_shows_the_proposal_in_the_users_language(client):
    user, _organisation = participant()
    user.language = "ru"
    user.save()
    client.force_login(user)
    response = client.post(reverse("marketplace:create"), {**FORM, "save": "1"})
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.hs_codes == [] and opportunity.suggested_headings == ["1006"]
    page = client.get(reverse("marketplace:edit", args=[opportunity.pk])).content.decode()
    assert "1006 — рис" in page


def test_the_owner_sees_the_proposed_headings_on_the_published_page(client):
    """Published without HS codes, the page said nothing of the headings used in their place."""
    user, _organisation = participant()
    client.force_login(user)
    client.post(reverse("marketplace:create"), {**FORM, "publish": "1"})
    opportunity = Opportunity.objects.get()
    url = reverse("marketplace:detail", args=[opportunity.pk])
    page = client.get(url).content.decode()
    assert "HS headings proposed by your text" in page and "1006 — rice" in page
    stranger, _other = participant()
    client.force_login(stranger)
    assert "1006 — rice" not in client.get(url).content.decode()


def test_the_form_says_when_the_text_proposes_nothing_and_refuses_a_forged_heading(client):
    user, _organisation = participant()
    client.force_login(user)
    form = {**FORM, "languages": ["en"], "title_ur": "", "title_en": "12345"}
    response = client.post(reverse("marketplace:create"), {**form, "suggest": "1"})
    assert "Your text proposes no HS heading" in response.content.decode()
    response = client.post(
        reverse("marketplace:create"), {**form, "suggested_hs": ["10O6"], "save": "1"}
    )
    assert response.status_code == 422  # refused, as every form of rabta says it
    assert Opportunity.objects.count() == 0


def test_the_form_does_not_say_the_text_proposes_nothing_when_its_heading_is_typed(client):
    user, _organisation = participant()
    client.force_login(user)
    response = client.post(
        reverse("marketplace:create"), {**FORM, "hs_codes": "1006", "suggest": "1"}
    )
    content = response.content.decode()
    assert "Your text proposes no HS heading:" not in content
    assert "Your text proposes no HS heading beyond the codes you entered." in content


# --- the API --------------------------------------------------------------------------------


def test_the_api_creates_without_hs_codes_and_returns_the_proposal(client):
    user, _organisation = participant()
    client.force_login(user)
    data = opportunity_data(
        languages=["ru"], title={"ru": "Хирургические инструменты"}, description={}, hs_codes=[]
    )
    response = client.post("/api/v1/opportunities", data, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["hs_codes"] == [] and body["suggested_headings"][0] == "9018"


def test_the_suggestion_endpoint_answers_in_the_callers_language(client):
    response = client.get(
        "/api/v1/hs-suggestions",
        {"text": "Ищем поставщика риса басмати"},
        HTTP_ACCEPT_LANGUAGE="ur",
    )
    assert response.status_code == 200
    first = response.json()["suggestions"][0]
    assert (
        first["heading"] == "1006"
        and first["label"] == "چاول"
        and "basmati-rice" in first["concepts"]
    )


@pytest.mark.parametrize("text", ["", "12345 678", "这是中文文本"])
def test_the_suggestion_endpoint_with_nothing_to_read(client, text):
    response = client.get("/api/v1/hs-suggestions", {"text": text})
    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


def test_the_suggestion_endpoint_refuses_a_missing_or_overlong_text(client):
    assert client.get("/api/v1/hs-suggestions").status_code == 422
    assert client.get("/api/v1/hs-suggestions", {"text": "rice " * 2001}).status_code == 422


# --- the bulk import ------------------------------------------------------------------------


def test_the_import_takes_opportunities_without_hs_codes():
    organiser = OrganiserFactory(is_validator=True)
    OrganisationFactory(name={"en": "Gujranwala Rice Mills"}, country="PK")
    rows = [
        [
            "organisation_name",
            "organisation_country",
            "kind",
            "languages",
            "title_ur",
            "hs_codes",
            "status",
        ],
        [
            "Gujranwala Rice Mills",
            "PK",
            "export_offer",
            "ur",
            "باسمتی چاول کی برآمد",
            "",
            "published",
        ],
    ]
    job = import_start(actor=organiser, kind="opportunities", upload=csv_file(rows))
    assert job.error_count == 0, job.errors
    import_confirm(actor=organiser, job=job)
    opportunity = Opportunity.objects.get()
    assert opportunity.hs_codes == [] and opportunity.suggested_headings == ["1006"]
