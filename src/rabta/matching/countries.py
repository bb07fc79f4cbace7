"""The country rules of a recommendation, defined once.

Where a candidate stands for us is five facts (a `Place`): based in our own country, which we do
not target (`home`: a same-country peer); the interest is mutual (`mutual`: it targets our
country, or it is based in one we target); only one side states it (`one_way`: mutual, but one
side names the countries it looks to and the other is not among them — we look to Russia and a
Kazakh buyer looks to Pakistan); across the corridor (`across`: mutual, or based in the
corridor's other country); it names the countries it looks to (`targeting`). The rules below
read only these facts, so every caller applies the same ones:

- the precise score (scoring.py) and the profile partners (partners.py) take the facts of one
  candidate from its values (`place_of`);
- the in-memory index (postings.py) takes them, for every opportunity at once (numpy arrays of
  booleans), from the filter rows it carries (`CountryKeys`: ``org:`` the country it is based
  in, ``cty:`` each target country it names);
- the candidate SQL (candidates.py) writes the same facts and `candidate_factor` as one SQL
  expression; tests/matching/test_countries.py checks it against these rules.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from rabta.matching.needs import Needs
from rabta.matching.weights import (
    CORRIDOR_BOOST,
    COUNTRY_ABROAD,
    COUNTRY_COUNTERPART,
    COUNTRY_ELSEWHERE,
    COUNTRY_ONE_WAY,
    DOMESTIC_FACTOR,
    ELSEWHERE_FACTOR,
)

TARGET = "cty:"  # an opportunity's row per target country it names: "cty:PK"
BASED = "org:"  # the row of the country its organisation is based in: "org:RU"


@dataclass(frozen=True)
class Place:
    """Where a candidate stands for us: booleans (one candidate) or numpy arrays of booleans
    (one per opportunity of the index)."""

    home: Any
    mutual: Any
    across: Any
    targeting: Any
    # Only the precise score reads it (candidate generation does not): a plain boolean.
    one_way: bool = False


def place_of(needs: Needs, based_in: str, targets: Collection[str] = ()) -> Place:
    """The place of a candidate based in ``based_in`` that names the target countries
    ``targets`` (none for an organisation's profile)."""
    ours = needs.organisation.country
    mutual = (bool(ours) and ours in targets) or based_in in needs.target_countries
    they_want_us = not targets or ours in targets
    we_want_them = not needs.target_countries or based_in in needs.target_countries
    return Place(
        home=bool(ours) and based_in == ours and ours not in needs.target_countries,
        mutual=mutual,
        across=mutual or based_in in needs.counterparts,
        targeting=bool(targets),
        one_way=mutual and not (they_want_us and we_want_them),
    )


def _not(fact: Any) -> Any:
    return ~fact if isinstance(fact, np.ndarray) else not fact


def _choose(fact: Any, yes: Any, no: Any) -> Any:
    return np.where(fact, yes, no) if isinstance(fact, np.ndarray) else (yes if fact else no)


def looks_elsewhere(place: Place) -> Any:
    """A candidate abroad that names the countries it looks to, ours not among them (and not
    based in one we target): it said whom it wants to meet, and that is not us."""
    return place.targeting & _not(place.mutual) & _not(place.home)


def score_factor(place: Place) -> Any:
    """The precise score's factor: DOMESTIC_FACTOR for a same-country peer (it comes after
    partners abroad), ELSEWHERE_FACTOR for one abroad that looks elsewhere (the interest is
    not mutual), else 1."""
    return _choose(
        place.home, DOMESTIC_FACTOR, _choose(looks_elsewhere(place), ELSEWHERE_FACTOR, 1.0)
    )


def candidate_factor(place: Place) -> Any:
    """Candidate generation's factor of a candidate's summed keys: the precise score's factor,
    times CORRIDOR_BOOST across the corridor unless it looks elsewhere (the share of the
    country part), so partners across the corridor are not crowded out of the candidates by
    same-country peers or by third-country ones that look to others."""
    boost = place.across & _not(looks_elsewhere(place))
    return score_factor(place) * _choose(boost, CORRIDOR_BOOST, 1.0)


def country_score(place: Place) -> float:
    """The country part of the precise score: a partner whose interest is mutual scores 1, 0.8
    when only one side states it (the other looks to other countries); one abroad that names no
    target country 0.8 in the corridor's other country, 0.4 in a third one; one abroad that
    targets other countries 0.2; a same-country peer 0."""
    if place.mutual:
        return COUNTRY_ONE_WAY if place.one_way else 1.0
    if place.home:
        return 0.0
    if not place.targeting:
        return COUNTRY_COUNTERPART if place.across else COUNTRY_ABROAD
    return COUNTRY_ELSEWHERE


@dataclass(frozen=True)
class CountryKeys:
    """The filter rows that carry the facts of a `Place`, for one participant."""

    # Based in our country (a same-country peer); "org:" (no row) when we target our own.
    domestic: str
    # It targets us, or it is based in a country we target: the interest is mutual.
    mutual: tuple[str, ...]
    # Across the corridor: mutual, or based in the corridor's other country.
    corridor: tuple[str, ...]

    def place(self, carrying: Callable[[Collection[str]], Any], targeting: Any) -> Place:
        """The facts, from ``carrying(keys)`` (does an opportunity carry one of ``keys``?) and
        ``targeting`` (does it carry a ``cty:`` row?)."""
        return Place(
            home=carrying((self.domestic,)),
            mutual=carrying(self.mutual),
            across=carrying(self.corridor),
            targeting=targeting,
        )


def country_keys(needs: Needs) -> CountryKeys:
    country = needs.organisation.country
    mutual = (f"{TARGET}{country}", *(f"{BASED}{t}" for t in sorted(needs.target_countries)))
    others = sorted(needs.counterparts - needs.target_countries)
    return CountryKeys(
        domestic=BASED if country in needs.target_countries else f"{BASED}{country}",
        mutual=mutual,
        corridor=(*mutual, *(f"{BASED}{c}" for c in others)),
    )
