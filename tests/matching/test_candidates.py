"""Candidate generation: the database adds up the weighted key matches; the country factors
are looked up for the best sums only, and the answer is the same as looking them up for all."""

import pytest

from rabta.matching import candidates
from rabta.matching.needs import needs_of
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded():
    """Our export offer (PK), and buyers of its heading: ten of our own country, then three of a
    third country, then two of a third country that look for partners in PK."""
    user, organisation = participant(country="PK")
    publish(user, title={"en": "Surgical scissors"}, hs_codes=["901890"])
    for n in range(10):
        peer, _ = participant(country="PK")
        publish(peer, kind="sourcing_request", title={"en": f"Buyer {n}"}, hs_codes=["9018"])
    for n in range(3):
        other, _ = participant(country="KZ")
        publish(other, kind="sourcing_request", title={"en": f"Elsewhere {n}"}, hs_codes=["9018"])
    targeting = []
    for n in range(2):
        buyer, _ = participant(country="KZ")
        targeting.append(
            publish(
                buyer,
                kind="sourcing_request",
                title={"en": f"Looking to Pakistan {n}"},
                hs_codes=["9018"],
                countries=["PK"],
            ).pk
        )
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
