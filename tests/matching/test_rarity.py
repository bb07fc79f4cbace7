"""The rarity of concepts: a shared concept few opportunities name says more than one thousands
name, so a partner whose text shares the rare one comes first."""

from types import SimpleNamespace

import pytest

from rabta.matching import rarity
from rabta.matching.needs import Needs, Want
from rabta.matching.scoring import Candidate, overlap, rank, weighted_overlap
from tests.marketplace.helpers import participant, publish


def test_a_rare_concept_weighs_more_than_a_common_one():
    weigh = rarity.Rarity({"joint-ventures": 900, "hydropower": 9}, opportunities=1000)
    assert weigh("hydropower") > 4 * weigh("joint-ventures") / 2
    assert weigh("joint-ventures") >= 1.0
    assert weigh("never-named") > weigh("hydropower")


def test_the_weighted_cosine_follows_the_shared_rare_concept():
    weigh = rarity.Rarity({"joint-ventures": 900, "hydropower": 9, "cement": 9}, 1000)
    ours = {"joint-ventures", "hydropower"}
    # Unweighted, sharing either concept is the same; weighted, the rare one counts.
    assert overlap(ours, {"joint-ventures", "cement"}) == overlap(ours, {"hydropower", "cement"})
    assert weighted_overlap(ours, {"hydropower", "cement"}, weigh) > 0.5
    assert weighted_overlap(ours, {"joint-ventures", "cement"}, weigh) < 0.1
    assert weighted_overlap(ours, ours, weigh) == pytest.approx(1.0)
    assert weighted_overlap(set(), ours, weigh) == 0.0


@pytest.mark.django_db
def test_counts_come_from_the_listed_opportunities():
    user, _ = participant(country="PK")
    publish(user, title={"en": "Basmati rice"}, hs_codes=["1006"])
    publish(user, title={"en": "Basmati rice, sella"}, hs_codes=["1006"])
    other, _ = participant(country="RU")
    publish(other, kind="sourcing_request", title={"en": "Hydropower turbines"}, hs_codes=[])
    counted = rarity.current_rarity()
    assert counted.opportunities == 3
    assert counted.counts["basmati-rice"] == 2
    assert (
        counted("basmati-rice") < counted("hydro-turbines")
        or "hydro-turbines" not in counted.counts
    )


def test_the_partner_naming_our_rare_concept_complements_more_than_common_look_alikes():
    """A toll-manufacturing venture: look-alikes name more of our common concepts (medicines,
    pharmaceuticals), the partner the one few name (contract manufacturing)."""
    wanted = {
        "jv|cpt:contract-manufacturing-pharma": 0.5,
        "jv|cpt:generic-medicines": 0.5,
        "jv|cpt:pharmaceuticals": 0.25,
    }
    needs = Needs(
        organisation=SimpleNamespace(country="PK", pk=1),
        languages={"en"},
        target_countries=set(),
        terms=set(),
        text="",
    )
    for key, factor in wanted.items():
        needs.want(key, Want(factor, "jv"))
    weigh = rarity.Rarity(
        {"generic-medicines": 9000, "pharmaceuticals": 20000, "contract-manufacturing-pharma": 40},
        opportunities=100_000,
    )

    def venture(id: int, *concepts: str) -> Candidate:
        return Candidate(
            id=id,
            organisation_id=id,
            kind="joint_venture",
            role="partner",
            hs_codes=[],
            sector_codes=[],
            work_languages=["en"],
            countries=[],
            organisation_country="RU",
            terms=set(),
            keys=[(f"jv|cpt:{concept}", 3) for concept in concepts],
        )

    look_alike = venture(1, "generic-medicines", "pharmaceuticals")
    partner = venture(2, "contract-manufacturing-pharma")
    assert [s.candidate.id for s in rank(needs, [look_alike, partner])] == [1, 2]  # counted
    assert [s.candidate.id for s in rank(needs, [look_alike, partner], rarity=weigh)] == [2, 1]
    assert rarity.rarity_factor(weigh("never-named")) == 2.0
    assert rarity.rarity_factor(weigh("pharmaceuticals")) == 0.5
