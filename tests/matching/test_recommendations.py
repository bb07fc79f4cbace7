import pytest

from rabta.marketplace import services as marketplace_services
from rabta.matching import services
from rabta.matching.selectors import recommendations_for
from tests.factories import SectorFactory
from tests.marketplace.helpers import participant, publish, publish_in

pytestmark = pytest.mark.django_db


def titles(organisation) -> list[str]:
    return [
        r.title.get("en") or next(iter(r.title.values()))
        for r in recommendations_for(organisation).opportunities
    ]


@pytest.fixture
def sialkot():
    user, organisation = participant(country="PK", email="sialkot@example.org")
    publish(
        user, title={"en": "Surgical scissors"}, hs_codes=["901890"], work_languages=["en", "ur"]
    )
    return user, organisation


def test_a_sourcing_request_for_the_same_hs_code_comes_first_with_a_plain_explanation(sialkot):
    _user, organisation = sialkot
    buyer, _ = participant(country="RU")
    exporter, _ = participant(country="PK")
    publish(
        buyer,
        kind="sourcing_request",
        title={"en": "Surgical instruments wanted"},
        hs_codes=["9018"],
        details={"product": "surgical instruments"},
        work_languages=["en", "ru"],
    )
    publish(
        exporter, title={"en": "Competing scissors"}, hs_codes=["901890"]
    )  # same side: a competitor
    publish(buyer, kind="sourcing_request", title={"en": "Footballs wanted"}, hs_codes=["9506"])
    found = recommendations_for(organisation)
    assert [r.title["en"] for r in found.opportunities] == ["Surgical instruments wanted"]
    # Their concept and ours (related: a rare word of their names in common), in words.
    assert found.opportunities[0].explanation.startswith(
        "Sources surgical instruments (HS 9018) — you export surgical scissors; speaks English"
    )


def test_complementarity_beats_similarity_and_exact_codes_beat_chapters(sialkot):
    _user, organisation = sialkot
    buyer, _ = participant(country="RU")
    publish(buyer, kind="sourcing_request", title={"en": "Any chapter 90 goods"}, hs_codes=["90"])
    publish(buyer, kind="sourcing_request", title={"en": "Exact subheading"}, hs_codes=["901890"])
    publish(buyer, kind="sourcing_request", title={"en": "Heading 9018"}, hs_codes=["9018"])
    assert titles(organisation) == ["Exact subheading", "Heading 9018", "Any chapter 90 goods"]


def test_a_shared_language_ranks_above_needing_an_interpreter(sialkot):
    _user, organisation = sialkot
    buyer, _ = participant(country="RU")
    publish_in(buyer, "ru", "Только по-русски", kind="sourcing_request", hs_codes=["9018"])
    publish(
        buyer,
        kind="sourcing_request",
        title={"en": "In English"},
        hs_codes=["9018"],
        work_languages=["en"],
    )
    found = recommendations_for(organisation).opportunities
    assert [r.title.get("en", r.title.get("ru")) for r in found] == [
        "In English",
        "Только по-русски",
    ]
    assert found[1].explanation.endswith("works in Russian: you will need an interpreter")


def test_a_joint_venture_seeker_meets_an_investor_in_the_same_sector():
    SectorFactory(code="energy", name={"en": "Energy"})
    SectorFactory(code="textiles", name={"en": "Textiles"})
    seeker, seeker_organisation = participant(country="PK")
    publish(
        seeker,
        kind="joint_venture",
        role="seek",
        title={"en": "Solar plant seeks investor"},
        hs_codes=[],
        sector_codes=["energy"],
    )
    investor, _ = participant(country="RU")
    other_seeker, _ = participant(country="PK")
    publish(
        investor,
        kind="joint_venture",
        role="offer",
        title={"en": "We invest in energy"},
        hs_codes=[],
        sector_codes=["energy"],
    )
    publish(
        investor,
        kind="joint_venture",
        role="offer",
        title={"en": "We invest in textiles"},
        hs_codes=[],
        sector_codes=["textiles"],
    )
    publish(
        other_seeker,
        kind="joint_venture",
        role="seek",
        title={"en": "Another seeker"},
        hs_codes=[],
        sector_codes=["energy"],
    )
    found = recommendations_for(seeker_organisation).opportunities
    # The investor in textiles still invests (the concept "investment" its title names): it
    # comes after the one in energy; the other seeker (the same side) never comes.
    assert [r.title["en"] for r in found] == ["We invest in energy", "We invest in textiles"]
    assert found[0].explanation.startswith(
        "Invests in Energy, which fits your “Solar plant seeks investor”"
    )


def test_hiding_affects_only_the_participant_who_hid(sialkot):
    user, organisation = sialkot
    other_user, other_organisation = participant(country="PK")
    publish(other_user, title={"en": "More scissors"}, hs_codes=["901890"])
    buyer, buyer_organisation = participant(country="RU")
    request = publish(
        buyer, kind="sourcing_request", title={"en": "Scissors wanted"}, hs_codes=["901890"]
    )
    assert titles(organisation) == ["Scissors wanted"]
    services.recommendation_hide(user=user, opportunity=request)
    assert titles(organisation) == []
    assert titles(other_organisation) == ["Scissors wanted"]
    services.recommendation_hide(user=other_user, partner=buyer_organisation)
    assert recommendations_for(other_organisation).partners == []


def test_explanations_use_only_public_data(sialkot):
    _user, organisation = sialkot
    buyer, buyer_organisation = participant(
        country="RU", email="secret-buyer@example.org", phone="+7 999 000"
    )
    publish(buyer, kind="sourcing_request", title={"en": "Scissors wanted"}, hs_codes=["901890"])
    marketplace_services.opportunity_create(
        user=buyer,
        data={
            "kind": "sourcing_request",
            "languages": ["en"],
            "title": {"en": "Confidential tender"},
            "description": {"en": "Our budget is confidential"},
            "hs_codes": ["901890"],
        },
    )
    found = recommendations_for(organisation)
    assert titles(organisation) == ["Scissors wanted"]
    everything = " ".join(
        [r.explanation for r in found.opportunities]
        + [p.explanation for p in found.partners]
        + [" ".join(r.reason_texts) for r in found.opportunities]
    )
    for private in ("secret-buyer", "+7 999", "Confidential", "confidential", "budget"):
        assert private not in everything


def test_an_organisation_is_never_recommended_to_itself(sialkot):
    user, organisation = sialkot
    publish(
        user, kind="sourcing_request", title={"en": "We also buy scissors"}, hs_codes=["901890"]
    )
    assert titles(organisation) == []


def test_recommendations_take_a_bounded_number_of_queries(sialkot, django_assert_max_num_queries):
    _user, organisation = sialkot
    for n in range(15):
        buyer, _ = participant(country="RU")
        publish(buyer, kind="sourcing_request", title={"en": f"Request {n}"}, hs_codes=["9018"])
    with django_assert_max_num_queries(13):  # 12 + the concepts' rarity, counted once
        found = recommendations_for(organisation)
    assert len(found.opportunities) == 15


def test_the_number_of_queries_grows_neither_with_candidates_nor_with_own_opportunities(sialkot):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user, organisation = sialkot

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            recommendations_for(organisation)
        return len(captured)

    buyer, _ = participant(country="RU")
    publish(buyer, kind="sourcing_request", title={"en": "Request"}, hs_codes=["9018"])
    queries()  # the concepts' rarity is counted once, then kept (matching/rarity.py)
    few = queries()
    for n in range(8):
        other, _ = participant(country="RU")
        publish(other, kind="sourcing_request", title={"en": f"Request {n}"}, hs_codes=["9018"])
        publish(user, title={"en": f"Our scissors {n}"}, hs_codes=["901890"])
    assert len(recommendations_for(organisation).opportunities) == 9
    assert queries() == few


def test_profile_codes_do_not_bring_competitors_to_an_exporter(sialkot):
    user, organisation = sialkot
    organisation.hs_codes = ["901890"]
    organisation.save()
    competitor, _ = participant(country="PK")
    publish(competitor, title={"en": "Competing scissors"}, hs_codes=["901890"])
    assert titles(organisation) == []
    buyer_user, buyer = participant(country="RU", hs_codes=["901890"])
    assert [r.title["en"] for r in recommendations_for(buyer).opportunities] == [
        "Surgical scissors",
        "Competing scissors",
    ]


def test_partners_without_opportunities_are_found_through_their_profile(sialkot):
    from rabta.organisations.models import Organisation
    from tests.factories import OrganisationFactory

    _user, organisation = sialkot
    distributor = OrganisationFactory(
        country="RU", hs_codes=["9018"], name={"en": "Moscow Distributor"}
    )
    OrganisationFactory(country="PK", hs_codes=["901890"], name={"en": "Neighbour in Sialkot"})
    OrganisationFactory(
        country="RU",
        hs_codes=["901890"],
        validation=Organisation.Validation.PENDING,
        name={"en": "Unvetted"},
    )
    partners = recommendations_for(organisation).partners
    assert [p.name["en"] for p in partners] == ["Moscow Distributor"]
    assert partners[0].explanation == "Works with HS 9018, which you export"
    assert partners[0].organisation_id == distributor.pk
    distributor.validation = Organisation.Validation.REJECTED
    distributor.save()
    assert recommendations_for(organisation).partners == []


@pytest.mark.parametrize("language", ["ru", "ur"])
def test_the_api_explains_in_the_token_users_own_language_without_a_header(
    client, sialkot, language
):
    """A personal token and no Accept-Language: the explanation is in User.language, as on
    the page; an Accept-Language header still chooses when one is sent."""
    from django.utils import translation

    from rabta.accounts.services import api_token_create

    user, organisation = sialkot
    user.language = language
    user.save(update_fields=["language"])
    buyer, _ = participant(country="RU")
    publish(
        buyer,
        kind="sourcing_request",
        title={"en": "Surgical instruments wanted"},
        hs_codes=["9018"],
        work_languages=["en", "ru"],
    )
    with translation.override(language):
        expected = recommendations_for(organisation).opportunities[0].explanation
    with translation.override("en"):
        english = recommendations_for(organisation).opportunities[0].explanation
    assert expected != english
    token = {"Authorization": f"Bearer {api_token_create(user=user, name='tests').key}"}

    def explanation(**headers) -> str:
        response = client.get("/api/v1/recommendations", headers={**token, **headers})
        assert response.status_code == 200
        return response.json()["opportunities"][0]["explanation"]

    assert explanation() == expected
    assert explanation(**{"Accept-Language": "en"}) == english
