"""Candidate generation: indexed, aggregated lookups over the opportunity feature rows.

Two tiers keep the work small at 100,000 opportunities: the *precise* keys (HS headings and
subheadings, sectors of non-trade opportunities) come first; only when they give fewer than
``limit`` candidates are the *broad* keys (HS chapters, sectors of trade opportunities, keys
taken from the organisation profile alone) added. The database does the counting: ``key IN
(…)`` on the (key, opportunity, dim) index, summed per opportunity with the dimension weight
times the want's factor, best first; an opportunity of our own country (its ``org:`` filter
row) counts DOMESTIC_FACTOR times its sum and one across the corridor (it targets us, or is based
in a country we target or in the corridor's other country) CORRIDOR_BOOST times, as in the
precise score, so partners across the corridor are not crowded out of the candidates by
same-country or third-country ones. No Python loop over the table.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from rabta.marketplace.models import OpportunityFeature
from rabta.matching.needs import Needs, Want
from rabta.matching.weights import (
    CANDIDATES,
    CORRIDOR_BOOST,
    DIM_WEIGHTS,
    DOMESTIC_FACTOR,
    FACTOR_PROFILE_OTHERS,
)


def is_broad(key: str, want: Want) -> bool:
    side, dimension = key.split("|", 1)
    if dimension.startswith("hs2:") or want.factor <= FACTOR_PROFILE_OTHERS:
        return True
    return dimension.startswith(("sec:", "csec:")) and side.startswith("trade.")


def _query(
    wanted: dict[str, Want], exclude: set[int], limit: int, domestic: str, corridor: list[str]
) -> list[int]:
    by_factor: dict[float, list[str]] = defaultdict(list)
    for key, want in wanted.items():
        by_factor[round(want.factor, 3)].append(key)
    if not by_factor:
        return []
    table = OpportunityFeature._meta.db_table
    weight = (
        "CASE dim "
        + " ".join(f"WHEN {dim} THEN {w}" for dim, w in DIM_WEIGHTS.items())
        + " ELSE 0 END"
    )
    parts, params = [], [domestic, *corridor]
    for factor, keys in sorted(by_factor.items()):
        placeholders = ", ".join(["%s"] * len(keys))
        parts.append(
            f"SELECT opportunity_id, ({weight}) * {factor} AS w FROM {table} WHERE key IN ({placeholders})"
        )
        params.extend(keys)
    sql = (
        f"SELECT g.opportunity_id, g.s * CASE WHEN EXISTS (SELECT 1 FROM {table} d "
        f"WHERE d.key = %s AND d.opportunity_id = g.opportunity_id) THEN {DOMESTIC_FACTOR} "
        f"ELSE 1 END * CASE WHEN EXISTS (SELECT 1 FROM {table} c WHERE c.key IN "
        f"({', '.join(['%s'] * len(corridor))}) AND c.opportunity_id = g.opportunity_id) "
        f"THEN {CORRIDOR_BOOST} ELSE 1 END AS t FROM (SELECT opportunity_id, SUM(w) AS s "
        f"FROM ({' UNION ALL '.join(parts)}) AS matched GROUP BY opportunity_id) AS g "
        f"ORDER BY t DESC, g.opportunity_id LIMIT %s"
    )
    params.append(limit + len(exclude))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall() if row[0] not in exclude][:limit]


def candidate_ids(needs: Needs, *, limit: int = CANDIDATES) -> list[int]:
    """Ids of the live opportunities sharing the most weighted keys with what ``needs`` wants."""
    country = needs.organisation.country
    # "org:" never names a country we target: then nobody counts as a same-country peer.
    domestic = "org:" if country in needs.target_countries else f"org:{country}"
    # Across the corridor (as the country part of the score): it targets us, or it is based in
    # a country we target or in the corridor's other country.
    corridor = [f"cty:{country}"] + [
        f"org:{other}" for other in sorted(needs.target_countries | needs.counterparts)
    ]
    precise = {key: want for key, want in needs.wanted.items() if not is_broad(key, want)}
    own = needs.own_opportunity_ids
    found = _query(precise, own, limit, domestic, corridor) if precise else []
    if len(found) >= limit or len(precise) == len(needs.wanted):
        return found
    return _query(needs.wanted, own, limit, domestic, corridor)
