"""Candidate generation: one indexed, aggregated lookup over the opportunity feature rows."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from rabta.marketplace.models import OpportunityFeature
from rabta.matching.needs import Needs
from rabta.matching.weights import CANDIDATES, DIM_WEIGHTS


def candidate_ids(needs: Needs, *, limit: int = CANDIDATES) -> list[int]:
    """Ids of the live opportunities sharing the most weighted keys with what ``needs`` wants.

    The database does the work: ``key IN (…)`` on the (key, opportunity, dim) index, summed per
    opportunity with the dimension weight times the want's factor, best ``limit`` first.
    """
    by_factor: dict[float, list[str]] = defaultdict(list)
    for key, want in needs.wanted.items():
        by_factor[round(want.factor, 3)].append(key)
    if not by_factor:
        return []
    table = OpportunityFeature._meta.db_table
    weight = (
        "CASE dim "
        + " ".join(f"WHEN {dim} THEN {w}" for dim, w in DIM_WEIGHTS.items())
        + " ELSE 0 END"
    )
    parts, params = [], []
    for factor, keys in sorted(by_factor.items()):
        placeholders = ", ".join(["%s"] * len(keys))
        parts.append(
            f"SELECT opportunity_id, ({weight}) * {factor} AS w FROM {table} WHERE key IN ({placeholders})"
        )
        params.extend(keys)
    sql = (
        f"SELECT opportunity_id, SUM(w) AS s FROM ({' UNION ALL '.join(parts)}) AS matched "
        f"GROUP BY opportunity_id ORDER BY s DESC, opportunity_id LIMIT %s"
    )
    params.append(limit + len(needs.own_opportunity_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall() if row[0] not in needs.own_opportunity_ids][
            :limit
        ]
