"""The in-memory candidate index answers as the SQL does, and follows the changes made since it
was built: a new opportunity is found, an edited one counts its new text only, a closed one is
never recommended."""

import random

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from rabta.marketplace import services
from rabta.matching import candidates, postings
from rabta.matching.needs import needs_of
from rabta.matching.selectors import recommendations_for
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db

PRODUCTS = [
    ({"en": "Surgical scissors and forceps"}, ["9018"]),
    ({"ru": "Хирургические инструменты, ножницы"}, []),
    ({"en": "Basmati rice, sortexed"}, ["1006"]),
    ({"ur": "باسمتی چاول کی برآمد"}, []),
    ({"ru": "Пшеница твёрдых сортов"}, ["1001"]),
    ({"en": "Football and sports gloves"}, ["9506"]),
    ({"en": "Leather gloves for work"}, ["4203"]),
    ({"ru": "Кожаные перчатки"}, []),
    ({"en": "Cotton yarn and towels"}, ["5205", "6302"]),
    ({"en": "Kinnow mandarins"}, ["0805"]),
]
KINDS = ["export_offer", "sourcing_request"]


@pytest.fixture
def market():
    """Forty opportunities of ten products, both sides, four countries; some target others."""
    rng = random.Random(7)
    organisations = []
    for n in range(40):
        user, organisation = participant(country=rng.choice(["PK", "RU", "KZ", "AE"]))
        title, hs_codes = rng.choice(PRODUCTS)
        publish(
            user,
            kind=rng.choice(KINDS),
            title=title,
            languages=list(title),
            hs_codes=hs_codes,
            countries=rng.choice([[], [], ["PK"], ["RU"], ["UZ"]]),
        )
        if n % 4 == 0:  # a second, different opportunity
            title, hs_codes = rng.choice(PRODUCTS)
            publish(
                user, kind=rng.choice(KINDS), title=title, languages=list(title), hs_codes=hs_codes
            )
        organisations.append((user, organisation))
    return organisations


def candidates_checked_against_the_sql(needs, monkeypatch, limit=150) -> list[int]:
    """The index's candidates, asserted equal to those of the SQL alone."""
    from_index = candidates.candidate_ids(needs, limit=limit)
    with monkeypatch.context() as sql_only:
        sql_only.setattr(postings, "current", lambda: None)
        assert candidates.candidate_ids(needs, limit=limit) == from_index, needs.organisation
    return from_index


def test_the_index_finds_the_same_candidates_as_the_sql(market, settings, monkeypatch):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
    postings.build_now()
    compared = 0
    for _user, organisation in market[:20]:
        needs = needs_of(organisation)
        for limit in (3, 10, 150):
            compared += bool(candidates_checked_against_the_sql(needs, monkeypatch, limit))
    assert compared > 20  # most participants have candidates to compare


def test_changes_since_the_build_are_followed(settings, monkeypatch):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
    seller, seller_organisation = participant(country="PK")
    publish(seller, title={"en": "Basmati rice, sortexed"}, hs_codes=["1006"])
    buyer, _buyer_organisation = participant(country="RU")
    wheat = publish(
        buyer,
        kind="sourcing_request",
        title={"ru": "Закупаем пшеницу"},
        languages=["ru"],
        hs_codes=["1001"],
    )
    postings.build_now()

    def found():
        return candidates_checked_against_the_sql(needs_of(seller_organisation), monkeypatch)

    before = found()
    assert before == [wheat.pk]  # a cereal too (the sector), far below a rice buyer
    # Published after the build: found through the rows added since.
    late_buyer, _ = participant(country="RU")
    rice = publish(
        late_buyer,
        kind="sourcing_request",
        title={"ru": "Ищем поставщика риса басмати"},
        languages=["ru"],
        hs_codes=[],
    )
    assert found() == [rice.pk, wheat.pk]
    # The wheat request now asks for rice: it counts its new rows only.
    services.opportunity_update(
        user=buyer,
        opportunity=wheat,
        data={"title": {"ru": "Закупаем рис басмати"}, "hs_codes": ["1006"]},
    )
    assert set(found()) == {rice.pk, wheat.pk}
    assert postings._state.index.added.opportunities == {rice.pk, wheat.pk}
    services.opportunity_update(
        user=buyer,
        opportunity=wheat,
        data={"title": {"ru": "Закупаем пшеницу"}, "hs_codes": ["1001"]},
    )
    assert found() == [rice.pk, wheat.pk]
    # Closed after the build: its rows are still in the index, but it is never recommended.
    services.opportunity_close(user=late_buyer, opportunity=rice)
    recommended = recommendations_for(seller_organisation).opportunities
    assert [r.opportunity_id for r in recommended] == [wheat.pk]


@pytest.mark.django_db(transaction=True)
def test_a_large_table_gets_its_index_in_the_background(settings):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
    seller, seller_organisation = participant(country="PK")
    publish(seller, title={"en": "Basmati rice, sortexed"}, hs_codes=["1006"])
    buyer, _ = participant(country="RU")
    wanted = publish(buyer, kind="sourcing_request", title={"en": "Rice wanted"}, hs_codes=["1006"])
    needs = needs_of(seller_organisation)
    assert postings.current() is None  # the SQL answers while it is built
    building = postings._state.building  # None once it is done
    if building is not None:
        building.join(timeout=60)
    assert postings.current() is not None
    assert candidates.candidate_ids(needs) == [wanted.pk]


def test_a_small_table_keeps_the_sql(settings):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1_000_000
    user, _ = participant()
    publish(user)
    assert postings.current() is None
    assert postings._state.building is None


def test_the_rows_added_since_are_read_once_per_lookup(market, settings):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
    index = postings.build_now()
    feature_table = "marketplace_opportunityfeature"
    for _user, organisation in market[:10]:
        needs = needs_of(organisation)
        with CaptureQueriesContext(connection) as queries:
            candidates.candidate_ids(needs, limit=150)  # two tiers when the precise keys are few
        added_reads = [q for q in queries if feature_table in q["sql"] and "id >" in q["sql"]]
        assert len(added_reads) == 1
    assert postings.current() is index


def test_positions_of_opportunities_outside_the_index_are_left_out(market):
    index = postings.build()
    first, last = int(index.opportunity_ids[0]), int(index.opportunity_ids[-1])
    positions = index.position_of([last + 1000, first, -5, last, first + 0])
    assert index.opportunity_ids[positions].tolist() == [first, last, first]


@pytest.mark.django_db(transaction=True)
def test_a_starting_web_worker_builds_the_index_before_its_first_request(settings):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
    user, _ = participant()
    publish(user)
    postings.prepare()
    building = postings._state.building
    if building is not None:
        building.join(timeout=60)
    assert postings._state.index is not None and postings._state.index.rows > 0


def test_a_worker_starts_without_a_readable_database(settings, monkeypatch, caplog):
    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1

    def unreadable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(postings, "_large_enough", lambda minimum: unreadable())
    postings.prepare()
    assert postings._state.index is None
    assert "could not be read" in caplog.text
