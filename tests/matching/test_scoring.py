"""The scorer on hand-made cases, without the database."""

from types import SimpleNamespace

from rabta.matching.needs import Needs, Want
from rabta.matching.scoring import Candidate, rank


def needs(**wanted) -> Needs:
    result = Needs(
        organisation=SimpleNamespace(country="PK", pk=1),
        languages={"en", "ur"},
        target_countries={"RU"},
        terms={"surgical", "scissors", "steel"},
        text="",
    )
    for key, factor in wanted.items():
        result.want(key.replace("__", "|").replace("_", ":", 1), Want(factor, "trade.offer"))
    return result


def candidate(id: int, **fields) -> Candidate:
    values = dict(
        organisation_id=100 + id,
        kind="sourcing_request",
        role="seek",
        hs_codes=["9018"],
        sector_codes=[],
        work_languages=["en"],
        countries=[],
        organisation_country="RU",
        terms=set(),
    )
    values.update(fields)
    return Candidate(id=id, **values)


WANT = {"trade.seek__hs2_90": 1.0, "trade.seek__hs4_9018": 1.0, "trade.seek__hs6_901890": 1.0}


def test_expected_order_on_hand_made_cases():
    cases = [
        candidate(1, hs_codes=["90"], work_languages=["ru"]),  # chapter only, interpreter needed
        candidate(2, hs_codes=["901890"]),  # exact subheading, shared language
        candidate(3, hs_codes=["9018"], work_languages=["ru"]),  # heading, interpreter
        candidate(
            4, hs_codes=["9018"], countries=["PK"], terms={"surgical", "scissors"}
        ),  # heading, targets PK
        candidate(5, hs_codes=["9506"]),  # unrelated goods
    ]
    order = [s.candidate.id for s in rank(needs(**WANT), cases)]
    # The heading with our words ("surgical scissors") before the exact subheading without any:
    # the text says it is about what we offer.
    assert order == [4, 2, 3, 1, 5]


def test_ties_are_broken_by_id_for_a_deterministic_order():
    cases = [candidate(9), candidate(3), candidate(5)]
    assert [s.candidate.id for s in rank(needs(**WANT), cases)] == [3, 5, 9]


def test_reasons_name_the_most_specific_code_and_the_shared_language():
    scored = rank(needs(**WANT), [candidate(1, hs_codes=["901890", "9018"], product="scissors")])[0]
    complement = scored.reasons[0]
    assert complement.params["hs_codes"] == ["901890"]
    assert complement.params["product"] == "scissors"
    assert scored.reasons[1].code == "language:shared"
    assert scored.reasons[1].params == {"languages": ["en"]}
