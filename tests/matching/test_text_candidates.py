"""Candidates from text: the concepts a title, product or description names (rabta.vocabulary),
in Russian, Urdu or English, create candidates as HS codes and sectors do; the explanation names
the concept in the reader's language; the bulk import and the API build the same index."""

import pytest
from django.utils import translation

from rabta.marketplace.models import OpportunityFeature
from rabta.matching.models import OrganisationFeature
from rabta.matching.selectors import recommendations_for
from rabta.organisations.models import Organisation
from rabta.reports.imports import import_confirm, import_start
from tests.factories import OrganiserFactory
from tests.marketplace.helpers import participant, publish, publish_in, speaking
from tests.reports.helpers import csv_file

pytestmark = pytest.mark.django_db


def test_a_course_in_russian_meets_the_urdu_request_through_the_concept_alone():
    """No HS code, no sector: only the words, in two languages and two scripts."""
    student, student_organisation = speaking(["ur", "en"], country="PK", kind="university")
    publish(
        student,
        kind="education",
        role="seek",
        languages=["ur"],
        title={"ur": "روسی زبان کا کورس درکار"},
        description={"ur": "طلبہ کے لیے آن لائن کلاسیں"},
        hs_codes=[],
        work_languages=["ur", "en"],
    )
    school, _ = speaking(["ru"], country="RU", kind="university")
    publish_in(
        school,
        "ru",
        "Курсы русского языка для иностранцев",
        kind="education",
        role="offer",
        hs_codes=[],
    )
    decoy, _ = speaking(["ru"], country="RU", kind="university")
    publish_in(
        decoy, "ru", "Аспирантура по ядерной физике", kind="education", role="offer", hs_codes=[]
    )
    found = recommendations_for(student_organisation).opportunities
    # The course first; the other education offer (the same sector only) far behind.
    assert found[0].title == {"ru": "Курсы русского языка для иностранцев"}
    assert all(r.score < found[0].score / 2 for r in found[1:])


@pytest.fixture
def rice():
    """A Russian importer and a Gujranwala mill that name the same rice in two languages."""
    importer, importer_organisation = speaking(["ru"], country="RU")
    publish_in(
        importer,
        "ru",
        "Ищем поставщика риса басмати, партии от 20 тонн",
        kind="sourcing_request",
        hs_codes=["1006"],
    )
    mill, mill_organisation = speaking(["ur"], country="PK", name={"en": "Gujranwala Mill"})
    publish_in(
        mill,
        "ur",
        "باسمتی چاول کی برآمد",
        hs_codes=["1006"],
        work_languages=["ur", "en"],
        countries=["RU"],
    )
    footballs, _ = speaking(["ur"], country="PK", name={"en": "Sialkot Balls"})
    publish(footballs, title={"en": "Footballs"}, hs_codes=["9506"], countries=["RU"])
    return importer_organisation, mill_organisation


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Exports basmati rice (HS 1006) — you are sourcing basmati rice"),
        ("ru", "Экспортирует: рис басмати (HS 1006) — вы закупаете: рис басмати"),
    ],
)
def test_the_explanation_names_the_concept_in_the_readers_language(rice, language, expected):
    importer_organisation, _mill = rice
    with translation.override(language):
        found = recommendations_for(importer_organisation)
    assert [p.name["en"] for p in found.partners] == ["Gujranwala Mill"]
    assert found.opportunities[0].explanation.startswith(expected)


def test_the_explanation_in_urdu_names_the_concept_in_urdu(rice):
    _importer, mill_organisation = rice
    with translation.override("ur"):
        explanation = recommendations_for(mill_organisation).opportunities[0].explanation
    assert "باسمتی چاول" in explanation and "basmati" not in explanation.casefold()


def test_a_text_in_no_known_language_or_only_numbers_indexes_no_concept():
    user, _organisation = participant(country="PK")
    for title in ({"en": "12345 678"}, {"en": "Xqzv plorf wug"}):
        opportunity = publish(user, kind="technology", role="offer", title=title, hs_codes=[])
        keys = OpportunityFeature.objects.filter(opportunity=opportunity).values_list(
            "key", flat=True
        )
        assert not [key for key in keys if "|cpt:" in key]


def _content(keys) -> list[tuple[str, int]]:
    return sorted((key, dim) for key, dim in keys if not key.startswith(("org:", "cty:", "lng:")))


def test_the_bulk_import_and_the_api_build_the_same_index(client):
    """Organisations imported with bulk_create (no signals) get the rows the signals build;
    an opportunity imported from a file gets the rows the API's create gives the same data."""
    from rabta.marketplace.indexing import reindex
    from rabta.marketplace.models import Opportunity
    from rabta.matching.profiles import reindex_organisation

    organiser = OrganiserFactory(is_validator=True)
    organisations = [
        ["name_en", "country", "description_ru", "description_ur"],
        ["Volga Grain", "RU", "Экспорт пшеницы и подсолнечного масла", ""],
        ["Gujranwala Rice Mills", "PK", "", "باسمتی چاول کی برآمد، سیلا چاول"],
    ]
    import_confirm(
        actor=organiser,
        job=import_start(actor=organiser, kind="organisations", upload=csv_file(organisations)),
    )

    def profile_index():
        return sorted(OrganisationFeature.objects.values_list("organisation__slug", "key", "dim"))

    imported = profile_index()
    assert {key for _slug, key, _dim in imported} >= {"cpt:wheat", "cpt:basmati-rice"}
    for organisation in Organisation.objects.all():
        reindex_organisation(organisation)
    assert profile_index() == imported

    opportunities = [
        ["organisation_name", "organisation_country", "kind", "languages", "title_ru", "description_ru", "hs_codes", "status"],
        ["Volga Grain", "RU", "export_offer", "ru", "Экспорт пшеницы 4 класса", "Отгрузка из Новороссийска", "1001", "published"],
    ]  # fmt: skip
    import_confirm(
        actor=organiser,
        job=import_start(actor=organiser, kind="opportunities", upload=csv_file(opportunities)),
    )
    imported_opportunity = Opportunity.objects.get()
    user, _organisation = participant(country="RU")
    client.force_login(user)
    response = client.post(
        "/api/v1/opportunities",
        {
            "kind": "export_offer",
            "languages": ["ru"],
            "title": {"ru": "Экспорт пшеницы 4 класса"},
            "description": {"ru": "Отгрузка из Новороссийска"},
            "hs_codes": ["1001"],
            "publish": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    by_api = Opportunity.objects.get(pk=response.json()["id"])

    def rows(opportunity):
        return _content(
            OpportunityFeature.objects.filter(opportunity=opportunity).values_list("key", "dim")
        )

    assert ("trade.offer|cpt:wheat", 3) in rows(imported_opportunity)
    assert rows(imported_opportunity) == rows(by_api)
    reindex(imported_opportunity)
    assert rows(imported_opportunity) == rows(by_api)


def test_a_vocabulary_that_cannot_be_loaded_indexes_no_concept_and_publishing_still_works(
    monkeypatch, caplog
):
    """A broken vocabulary file: a clear error in the log, the opportunity published and
    indexed by its HS codes, no concept row (nothing half-indexed)."""
    from rabta.marketplace import concepts
    from rabta.vocabulary import VocabularyError

    def broken():
        raise VocabularyError("concepts.csv", 12, "headings", "'10O6' is not a 4-digit HS heading")

    monkeypatch.setattr(concepts, "get_vocabulary", broken)
    user, _organisation = participant(country="PK")
    opportunity = publish(user, title={"en": "Basmati rice"}, hs_codes=["1006"])
    keys = set(
        OpportunityFeature.objects.filter(opportunity=opportunity).values_list("key", flat=True)
    )
    assert "trade.offer|hs4:1006" in keys
    assert not [key for key in keys if "|cpt:" in key]
    assert "concepts.csv, line 12" in caplog.text
