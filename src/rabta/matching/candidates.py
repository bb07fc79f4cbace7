"""Candidate generation: indexed, aggregated lookups over the opportunity feature rows.

Two tiers keep the work small at 100,000 opportunities: the *precise* keys (HS headings and
subheadings, sectors of non-trade opportunities) come first; only when they give fewer than
``limit`` candidates are the *broad* keys (HS chapters, sectors of trade opportunities, keys
taken from the organisation profile alone) added. The database does the counting: ``key IN
(…)`` on the (key, opportunity, dim) index, summed per opportunity with the dimension weight
times the want's factor, best first; an opportunity of our own country (its ``org:`` filter
row) counts DOMESTIC_FACTOR times its sum, one abroad that names the countries it looks to, ours
not among them (its ``cty:`` rows), ELSEWHERE_FACTOR times, and one across the corridor (it
targets us, or is based in a country we target or in the corridor's other country)
CORRIDOR_BOOST times, as in the precise score, so partners across the corridor are not crowded
out of the candidates by same-country peers or by third-country ones that look to others (they
would only lose their places in the precise score). The factors are looked up (indexed
``EXISTS``)
for the SCAN best sums only, not for the tens of thousands of opportunities a participant with
ten opportunities matches at this size; when even the highest factor could lift a sum beyond
them above the last candidate, they are looked up for all (the same answer either way). No
Python loop over the table.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict

from django.db import connection

from rabta.marketplace.models import OpportunityFeature
from rabta.matching import postings
from rabta.matching.countries import TARGET, CountryKeys, country_keys
from rabta.matching.needs import Needs, Want
from rabta.matching.rarity import CONCEPT, current_rarity, key_factor
from rabta.matching.weights import (
    CANDIDATES,
    CORRIDOR_BOOST,
    DIM_WEIGHTS,
    DOMESTIC_FACTOR,
    ELSEWHERE_FACTOR,
    FACTOR_PROFILE_OTHERS,
)


def is_broad(key: str, want: Want) -> bool:
    side, dimension = key.split("|", 1)
    if dimension.startswith("hs2:") or want.factor <= FACTOR_PROFILE_OTHERS:
        return True
    return dimension.startswith(("sec:", "csec:")) and side.startswith("trade.")


# The country factors are looked up for the best sums only (``SCAN`` of them, at least this
# many); the others cannot overtake when even the highest factor keeps them below the last
# candidate, else the lookup runs for every matched opportunity.
SCAN = 3000
# How deep the focused candidates are looked for, and their share of the places (one in three).
FOCUS_POOL = 1000
FOCUS_SHARE = 3
HIGHEST_FACTOR = max(1.0, CORRIDOR_BOOST, DOMESTIC_FACTOR, DOMESTIC_FACTOR * CORRIDOR_BOOST)


def _dim_weight_sql(factor: float) -> str:
    """A row's weight in SQL: its dimension's weight times ``factor``, as floating point
    (PostgreSQL would add its literals up as slow exact numerics)."""
    return (
        "CAST(CASE dim "
        + " ".join(f"WHEN {dim} THEN {w * factor!r}" for dim, w in DIM_WEIGHTS.items())
        + " ELSE 0 END AS DOUBLE PRECISION)"
    )


def _query(
    wanted: dict[str, Want],
    exclude: set[int],
    limit: int,
    countries: CountryKeys,
    index: postings.Index | None,
) -> list[tuple[float, int]]:
    """The ``limit`` best (total, opportunity id): weighted sum times country factor."""
    if not wanted:
        return []
    if index is not None:
        weighted = {key: round(want.factor, 3) for key, want in wanted.items()}
        return index.best(weighted, exclude, limit, countries)
    by_factor: dict[float, list[str]] = defaultdict(list)
    for key, want in wanted.items():
        by_factor[round(want.factor, 3)].append(key)
    table = OpportunityFeature._meta.db_table
    parts, params = [], []
    for factor, keys in sorted(by_factor.items()):
        weight = _dim_weight_sql(factor)
        placeholders = ", ".join(["%s"] * len(keys))
        parts.append(
            f"SELECT opportunity_id, {weight} AS w FROM {table} WHERE key IN ({placeholders})"
        )
        params.extend(keys)
    sums = (
        f"SELECT opportunity_id, SUM(w) AS s FROM ({' UNION ALL '.join(parts)}) AS matched "
        f"GROUP BY opportunity_id"
    )
    factors, factor_params = _factors_sql(table, countries)
    wanted_rows = limit + len(exclude)
    scan = max(SCAN, 4 * wanted_rows)
    # The best sums first, with their factors: exact when what is left cannot overtake.
    sql = (
        f"SELECT g.opportunity_id, g.s, g.s * {factors} FROM ({sums} ORDER BY s DESC, "
        f"opportunity_id LIMIT %s) AS g"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*factor_params, *params, scan])
        rows = [(i, float(s), float(t)) for i, s, t in cursor.fetchall()]
        best = sorted((row for row in rows if row[0] not in exclude), key=lambda r: (-r[2], r[0]))
        if len(rows) == scan and (
            len(best) < limit
            or HIGHEST_FACTOR * min(r[1] for r in rows) >= best[limit - 1][2] - 1e-9
        ):
            cursor.execute(
                f"SELECT g.opportunity_id, g.s, g.s * {factors} AS t FROM ({sums}) AS g "
                f"ORDER BY t DESC, g.opportunity_id LIMIT %s",
                [*factor_params, *params, wanted_rows],
            )
            best = [row for row in cursor.fetchall() if row[0] not in exclude]
    return [(float(row[2]), row[0]) for row in best[:limit]]


def _lengths(opportunity_ids: list[int], index: postings.Index | None) -> dict[int, float]:
    """The weight of all the rows of each opportunity: how much it says it is about."""
    if index is not None:
        return index.lengths_of(opportunity_ids)
    table = OpportunityFeature._meta.db_table
    placeholders = ", ".join(["%s"] * len(opportunity_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT opportunity_id, SUM({_dim_weight_sql(1.0)}) "
            f"FROM {table} WHERE opportunity_id IN ({placeholders}) GROUP BY opportunity_id",
            opportunity_ids,
        )
        return {i: float(length) for i, length in cursor.fetchall()}


def _with_focused(pool: list[tuple[float, int]], limit: int, index) -> list[int]:
    """The ``limit`` candidates of the ``pool`` (best totals first): the best totals, and a third
    of the places for the most *focused* of the rest — the highest total for the weight of
    everything the opportunity names (total / √length). In a crowded category thousands of
    look-alikes name every product of a group and outsum a partner that names only the one we
    want; it is found among the focused ones."""
    places = limit // FOCUS_SHARE if len(pool) > limit else 0
    first = [i for _total, i in pool[: limit - places]]
    if not places:
        return first
    rest = pool[limit - places :]
    lengths = _lengths([i for _total, i in rest], index)
    focused = sorted(
        rest,
        key=lambda row: (-round(row[0] / math.sqrt(max(lengths.get(row[1], 0), 1)), 9), row[1]),
    )
    return first + [i for _total, i in focused[:places]]


def _factors_sql(table: str, countries: CountryKeys) -> tuple[str, list[str]]:
    """The country factor of an opportunity ``g`` as SQL, and its parameters: countries.py's
    ``candidate_factor`` over the facts its rows carry (tests/matching/test_countries.py)."""

    def carries(keys: tuple[str, ...]) -> str:
        placeholders = ", ".join(["%s"] * len(keys))
        return (
            f"EXISTS (SELECT 1 FROM {table} f WHERE f.opportunity_id = g.opportunity_id "
            f"AND f.key IN ({placeholders}))"
        )

    targeting = (  # any "cty:" row: a range of the key index
        f"EXISTS (SELECT 1 FROM {table} f WHERE f.opportunity_id = g.opportunity_id "
        f"AND f.key >= %s AND f.key < %s)"
    )
    home = carries((countries.domestic,))
    sql = (
        f"CASE WHEN {home} THEN {DOMESTIC_FACTOR} ELSE 1 END * CASE WHEN {targeting} AND NOT "
        f"{carries(countries.mutual)} AND NOT {home} THEN {ELSEWHERE_FACTOR} WHEN "
        f"{carries(countries.corridor)} THEN {CORRIDOR_BOOST} ELSE 1 END"
    )
    after = TARGET[:-1] + chr(ord(TARGET[-1]) + 1)  # "cty;": just after every "cty:…"
    params = [
        countries.domestic,
        TARGET,
        after,
        *countries.mutual,
        countries.domestic,
        *countries.corridor,
    ]
    return sql, params


def _by_rarity(wanted: dict[str, Want]) -> dict[str, Want]:
    """The wants with each concept's factor times its rarity, as the precise score weighs it
    (scoring.complement_part): a partner naming our rare concept is not crowded out of the
    candidates by look-alikes naming our common ones."""
    if not any(CONCEPT in key for key in wanted):
        return wanted
    rarity = current_rarity()
    return {
        key: dataclasses.replace(want, factor=want.factor * key_factor(rarity, key))
        if CONCEPT in key
        else want
        for key, want in wanted.items()
    }


def candidate_pool(
    needs: Needs, *, limit: int = CANDIDATES, index: postings.Index | None = None
) -> list[tuple[float, int]]:
    """The best FOCUS_POOL (total, opportunity id) for what ``needs`` wants, best first: the
    precise keys' sums, or all keys' when those give fewer than ``limit``."""
    countries = country_keys(needs)
    wanted = _by_rarity(needs.wanted)
    precise = {key: want for key, want in wanted.items() if not is_broad(key, needs.wanted[key])}
    own = needs.own_opportunity_ids
    pool = max(limit, FOCUS_POOL)
    found = _query(precise, own, pool, countries, index)
    if len(found) < limit and len(precise) < len(wanted):
        found = _query(wanted, own, pool, countries, index)
    return found


def candidate_ids(needs: Needs, *, limit: int = CANDIDATES) -> list[int]:
    """Ids of the live opportunities sharing the most weighted keys with what ``needs`` wants."""
    index = postings.current() if needs.wanted else None  # None: the SQL answers
    return _with_focused(candidate_pool(needs, limit=limit, index=index), limit, index)
