"""The country rules (matching/countries.py), defined once: on plain values for the precise score
and the profile partners, on index rows for candidate generation; the candidate SQL writes them
as one expression, which must give what the rules give."""

from types import SimpleNamespace

import pytest
from django.db import connection

from rabta.marketplace.models import OpportunityFeature
from rabta.matching import candidates
from rabta.matching.countries import (
    candidate_factor,
    country_keys,
    country_score,
    place_of,
    score_factor,
)
from rabta.matching.needs import Needs
from tests.marketplace.helpers import participant, publish


def needs_in(country: str, targets=(), counterparts=()) -> Needs:
    return Needs(
        organisation=SimpleNamespace(country=country, pk=1),
        languages={"en"},
        target_countries=set(targets),
        terms=set(),
        text="",
        counterparts=set(counterparts),
    )


PAKISTANI = needs_in("PK", counterparts={"RU"})  # names no target country


@pytest.mark.parametrize(
    ("based_in", "targets", "score", "factor", "in_candidates"),
    [
        ("RU", [], 0.8, 1.0, 1.5),  # the corridor's other country
        ("KZ", [], 0.4, 1.0, 1.0),  # a third country
        ("KZ", ["PK"], 1.0, 1.0, 1.5),  # it looks to us
        ("KZ", ["UZ"], 0.2, 0.6, 0.6),  # it looks elsewhere
        ("RU", ["UZ"], 0.2, 0.6, 0.6),  # even from across the corridor
        ("PK", [], 0.0, 0.6, 0.6),  # a same-country peer
        ("PK", ["PK"], 1.0, 0.6, 0.9),  # a same-country peer looking for partners here
        ("PK", ["UZ"], 0.0, 0.6, 0.6),
    ],
)
def test_where_a_candidate_stands_for_a_pakistani_participant(
    based_in, targets, score, factor, in_candidates
):
    place = place_of(PAKISTANI, based_in, targets)
    assert country_score(place) == score
    assert score_factor(place) == factor
    assert candidate_factor(place) == pytest.approx(in_candidates)


def test_what_we_target_is_mutual_and_our_own_country_when_we_target_it():
    looking_to_russia = needs_in("PK", targets={"RU"}, counterparts={"RU"})
    assert country_score(place_of(looking_to_russia, "RU", ["PK"])) == 1.0
    assert country_score(place_of(looking_to_russia, "RU")) == 1.0
    # Where we look, but it looks to Uzbekistan: stated by us only.
    assert country_score(place_of(looking_to_russia, "RU", ["UZ"])) == 0.8
    assert score_factor(place_of(looking_to_russia, "RU", ["UZ"])) == 1.0
    at_home = needs_in("PK", targets={"PK"}, counterparts={"RU"})
    assert country_score(place_of(at_home, "PK")) == 1.0
    assert score_factor(place_of(at_home, "PK")) == 1.0


def test_an_interest_only_one_side_states_comes_after_one_both_state():
    """A Pakistani exporter looking to Russia: a Russian buyer looking to Pakistan is where both
    look; a Kazakh buyer looking to Pakistan wants us, but is not where we look."""
    looking_to_russia = needs_in("PK", targets={"RU"}, counterparts={"RU"})
    russian = place_of(looking_to_russia, "RU", ["PK"])
    kazakh = place_of(looking_to_russia, "KZ", ["PK"])
    assert country_score(russian) == 1.0
    assert country_score(kazakh) == 0.8
    assert country_score(place_of(looking_to_russia, "KZ", ["UZ"])) == 0.2
    # Naming no country of our own, every buyer that looks to Pakistan is where we look.
    assert country_score(place_of(PAKISTANI, "KZ", ["PK"])) == 1.0


PARTICIPANTS = [
    PAKISTANI,
    needs_in("PK", targets={"RU"}, counterparts={"RU"}),
    needs_in("PK", targets={"PK", "UZ"}, counterparts={"RU"}),
    needs_in("RU", counterparts={"PK"}),
    needs_in("KZ"),  # outside the corridor
    needs_in("KZ", targets={"UZ"}),
]


@pytest.mark.django_db
def test_the_candidate_sql_gives_the_factors_of_the_rules():
    """Every kind of opportunity (based in PK, RU, KZ; naming no, our, another or several target
    countries) for participants in and outside the corridor, targeting or not: the SQL factor
    from its ``org:``/``cty:`` rows is the rules' factor from its values."""
    values = {}
    for based_in in ("PK", "RU", "KZ"):
        user, _organisation = participant(country=based_in)
        for targets in ([], ["PK"], ["RU"], ["UZ"], ["PK", "UZ"], ["KZ"]):
            values[publish(user, countries=targets).pk] = (based_in, targets)
    table = OpportunityFeature._meta.db_table
    compared = 0
    for needs in PARTICIPANTS:
        expression, params = candidates._factors_sql(table, country_keys(needs))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT g.opportunity_id, {expression} FROM "
                f"(SELECT DISTINCT opportunity_id FROM {table}) AS g",
                params,
            )
            from_sql = dict(cursor.fetchall())
        for opportunity_id, (based_in, targets) in values.items():
            expected = candidate_factor(place_of(needs, based_in, targets))
            assert float(from_sql[opportunity_id]) == pytest.approx(expected), (
                needs.organisation.country,
                needs.target_countries,
                based_in,
                targets,
            )
            compared += 1
    assert compared == len(PARTICIPANTS) * 18
