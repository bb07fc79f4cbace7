"""The country filter rows candidate generation weighs, as the precise score does (scoring.py:
``is_domestic``, ``looks_elsewhere``, ``country_part``)."""

from __future__ import annotations

from dataclasses import dataclass

from rabta.matching.needs import Needs

TARGET = "cty:"  # an opportunity's row per target country it names: "cty:PK"
BASED = "org:"  # the row of the country its organisation is based in: "org:RU"


@dataclass(frozen=True)
class CountryKeys:
    # Based in our country (a same-country peer); "org:" (no row) when we target our own.
    domestic: str
    # It targets us, or it is based in a country we target: the interest is mutual.
    mutual: tuple[str, ...]
    # Across the corridor: mutual, or based in the corridor's other country.
    corridor: tuple[str, ...]


def country_keys(needs: Needs) -> CountryKeys:
    country = needs.organisation.country
    mutual = (f"{TARGET}{country}", *(f"{BASED}{t}" for t in sorted(needs.target_countries)))
    others = sorted(needs.counterparts - needs.target_countries)
    return CountryKeys(
        domestic=BASED if country in needs.target_countries else f"{BASED}{country}",
        mutual=mutual,
        corridor=(*mutual, *(f"{BASED}{c}" for c in others)),
    )
