import pytest

from rabta.core.exceptions import InvalidInput
from rabta.marketplace import services
from rabta.marketplace.selectors import SearchFilters, search_opportunities
from tests.factories import SectorFactory
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


def titles(**filters) -> list[str]:
    return [
        o.title.get("en") or next(iter(o.title.values()))
        for o in search_opportunities(SearchFilters(**filters).clean())
    ]


@pytest.fixture
def corridor():
    sialkot, _ = participant(country="PK")
    moscow, _ = participant(country="RU")
    SectorFactory(code="medical", name={"en": "Medical devices"})
    SectorFactory(code="education", name={"en": "Education"})
    publish(
        sialkot,
        title={"en": "Surgical scissors"},
        hs_codes=["901890"],
        sector_codes=["medical"],
        countries=["RU"],
    )
    publish(
        moscow,
        kind="sourcing_request",
        languages=["ru"],
        title={"ru": "Закупка хирургических инструментов"},
        description={"ru": "Ищем поставщиков из Сиалкота"},
        hs_codes=["9018"],
        work_languages=["ru"],
    )
    publish(
        sialkot,
        kind="culture",
        role="seek",
        languages=["ur"],
        title={"ur": "روسی ادب کا اردو ترجمہ"},
        description={"ur": "ٹالسٹائی اور چیخوف کے ناولوں کا ترجمہ"},
        hs_codes=[],
        work_languages=["ur", "en"],
    )
    publish(
        moscow,
        kind="education",
        languages=["en", "ru"],
        title={"en": "Russian language course", "ru": "Курс русского языка"},
        description={},
        hs_codes=[],
        sector_codes=["education"],
    )
    draft = services.opportunity_create(
        user=sialkot,
        data={
            "kind": "export_offer",
            "languages": ["en"],
            "title": {"en": "Secret surgical draft"},
            "hs_codes": ["9018"],
        },
    )
    return draft


def test_search_in_english(corridor):
    assert titles(q="surgical") == ["Surgical scissors"]


def test_search_in_russian_matches_word_prefixes(corridor):
    assert titles(q="хирург") == ["Закупка хирургических инструментов"]
    assert titles(q="курс") == ["Russian language course"]


def test_search_in_urdu(corridor):
    assert titles(q="ترجمہ") == ["روسی ادب کا اردو ترجمہ"]
    assert titles(q="چیخوف") == ["روسی ادب کا اردو ترجمہ"]


def test_search_needs_every_word(corridor):
    assert titles(q="surgical scissors") == ["Surgical scissors"]
    assert titles(q="surgical tractors") == []


def test_filters(corridor):
    assert titles(hs="90") == ["Закупка хирургических инструментов", "Surgical scissors"]
    assert titles(hs="901890") == ["Surgical scissors"]
    assert titles(kind="sourcing_request") == ["Закупка хирургических инструментов"]
    assert titles(sector="education") == ["Russian language course"]
    assert titles(language="ur") == ["روسی ادب کا اردو ترجمہ"]
    assert set(titles(country="RU")) == {
        "Surgical scissors",
        "Закупка хирургических инструментов",
        "Russian language course",
    }


def test_drafts_and_closed_are_not_found(corridor):
    assert "Secret surgical draft" not in titles(q="secret")
    assert titles(q="secret") == []


def test_bad_filters_are_refused():
    with pytest.raises(InvalidInput) as error:
        SearchFilters(hs="901", kind="nope").clean()
    assert set(error.value.field_errors) == {"hs", "kind"}


def test_query_with_punctuation_only_returns_everything(corridor):
    assert len(titles(q='"*()')) == 4


def test_the_index_follows_edits_and_closing(corridor):
    from rabta.marketplace.models import Opportunity

    owner = Opportunity.objects.get(title__en="Surgical scissors")
    user = owner.organisation.members.get().user
    services.opportunity_update(user=user, opportunity=owner, data={"title": {"en": "Forceps"}})
    assert titles(q="forceps") == ["Forceps"]
    assert titles(q="scissors") == []
    services.opportunity_close(user=user, opportunity=owner)
    assert titles(q="forceps") == []


@pytest.mark.parametrize(("materialise", "subquery"), [(2000, 20000), (0, 20000), (0, 0)])
def test_filters_give_the_same_results_as_id_list_subquery_and_exists(
    corridor, monkeypatch, materialise, subquery
):
    from rabta.marketplace import selectors

    monkeypatch.setattr(selectors, "MATERIALISE_AT_MOST", materialise)
    monkeypatch.setattr(selectors, "SUBQUERY_AT_MOST", subquery)
    assert titles(hs="90") == ["Закупка хирургических инструментов", "Surgical scissors"]
    assert titles(language="ur", q="ترجمہ") == ["روسی ادب کا اردو ترجمہ"]
