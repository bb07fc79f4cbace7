"""Candidate generation: the database adds up the weighted key matches; the country factors
are looked up for the best sums only, and the answer is the same as looking them up for all."""

import pytest

from rabta.matching import candidates, postings
from rabta.matching.needs import needs_of
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


def buyer(country: str, title: str, hs_codes: list[str], countries=()) -> int:
    """A new organisation of ``country`` and its published sourcing request; its id."""
    user, _ = participant(country=country)
    return publish(
        user, kind="sourcing_request", title={"en": title}, hs_codes=hs_codes,
        countries=list(countries),
    ).pk  # fmt: skip


@pytest.fixture
def crowded():
    """Our export offer (PK), and buyers of its heading: ten of our own country, then three of a
    third country, then two of a third country that look for partners in PK."""
    user, organisation = participant(country="PK")
    publish(user, title={"en": "Surgical scissors"}, hs_codes=["901890"])
    for n in range(10):
        buyer("PK", f"Buyer {n}", ["9018"])
    for n in range(3):
        buyer("KZ", f"Elsewhere {n}", ["9018"])
    targeting = [buyer("KZ", f"Looking to Pakistan {n}", ["9018"], ["PK"]) for n in range(2)]
    return organisation, targeting


def test_a_candidate_beyond_the_best_sums_still_wins_on_its_country_factor(crowded, monkeypatch):
    organisation, targeting = crowded
    needs = needs_of(organisation)
    # The same sum for all (the heading); ours count 0.6 times, the third country's once, those
    # looking to us 1.5 times: they come first, though the last by id.
    assert candidates.candidate_ids(needs, limit=2) == targeting
    # The country factors for the 12 best sums only (by id among equals: ours and two others):
    # not enough to be sure, so they are looked up for all.
    monkeypatch.setattr(candidates, "SCAN", 1)
    assert candidates.candidate_ids(needs, limit=2) == targeting
    assert len(candidates.candidate_ids(needs, limit=20)) == 15


@pytest.mark.parametrize("from_index", [False, True])
def test_buyers_that_look_to_other_countries_do_not_crowd_out_one_that_does_not(
    from_index, settings
):
    """A rice exporter in Pakistan. Five buyers in Kazakhstan ask for rice but look for partners
    in Uzbekistan only; then one buyer in the UAE that names no target country, and one in Russia
    that looks to Pakistan, all with the same words and codes: with three places, the two whose
    interest may be ours come first (though the last by id), then one of those looking elsewhere."""
    user, organisation = participant(country="PK")
    publish(user, title={"en": "Basmati rice"}, hs_codes=["1006"])
    elsewhere = [buyer("KZ", "Rice", ["1006"], ["UZ"]) for _n in range(5)]
    anyone = buyer("AE", "Rice", ["1006"])
    mutual = buyer("RU", "Rice", ["1006"], ["PK"])
    if from_index:
        settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = 1
        postings.build_now()
    found = candidates.candidate_ids(needs_of(organisation), limit=3)
    assert found[:2] == [mutual, anyone]
    assert found[2] in elsewhere
