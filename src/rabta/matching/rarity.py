"""How rare each concept is among the listed opportunities.

A concept that thousands of opportunities name (joint ventures, culture, higher education,
freight forwarding) says less about two texts being about the same thing than one that few name
(the Urdu language, water treatment, hydropower): the text similarity weighs each shared concept
by its inverse document frequency, ``1 + ln((N + 1) / (n + 1))`` for a concept named by ``n`` of
``N`` opportunities (any side), and the complementarity and the candidate generation each
matched concept by its ``rarity_factor`` (RARITY_REFERENCE: a concept named by about 1 in 150
opportunities counts as before). The counts come from the in-memory index when a process has one
(counted once per build), else from the index rows in SQL, kept for ``CACHE_SECONDS``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

from django.db import connection

from rabta.marketplace.models import OpportunityFeature
from rabta.matching import postings
from rabta.matching.weights import RARITY_FACTOR_MAX, RARITY_FACTOR_MIN, RARITY_REFERENCE

CONCEPT = "|cpt:"
CACHE_SECONDS = 300.0


def rarity_factor(inverse_frequency: float) -> float:
    """A matched concept's weight in the complementarity: its inverse document frequency over
    RARITY_REFERENCE, within [RARITY_FACTOR_MIN, RARITY_FACTOR_MAX]."""
    return max(RARITY_FACTOR_MIN, min(RARITY_FACTOR_MAX, inverse_frequency / RARITY_REFERENCE))


def key_factor(rarity: Callable[[str], float], key: str) -> float:
    """An index key's weight factor for its rarity: a concept's ``rarity_factor``, 1 for any
    other key (HS code, sector)."""
    return rarity_factor(rarity(key.split(CONCEPT, 1)[1])) if CONCEPT in key else 1.0


class Rarity:
    """Inverse document frequencies of concept ids; 1 + ln(N + 1) for one no opportunity names.
    Each is computed once per instance: a query asks for the same concepts for every candidate."""

    def __init__(self, counts: Mapping[str, int], opportunities: int):
        self.counts = counts
        self.opportunities = opportunities
        self._known: dict[str, float] = {}

    def __call__(self, concept_id: str) -> float:
        known = self._known.get(concept_id)
        if known is None:
            named = self.counts.get(concept_id, 0)
            known = self._known[concept_id] = 1.0 + math.log((self.opportunities + 1) / (named + 1))
        return known


def _counts_of(keys_and_counts) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key, count in keys_and_counts:
        if CONCEPT in key:
            concept_id = key.split(CONCEPT, 1)[1]
            counts[concept_id] = counts.get(concept_id, 0) + count
    return counts


class _Cache:
    rarity: Rarity | None = None
    index: object | None = None
    at: float = -CACHE_SECONDS


_cache = _Cache()


def current_rarity() -> Rarity:
    """The rarity of every concept now (from the index built last, else from SQL)."""
    index = postings.built()
    if index is not None:
        if _cache.index is not index:
            _cache.rarity = Rarity(
                _counts_of((key, end - start) for key, (start, end) in index.slots.items()),
                len(index.opportunity_ids),
            )
            _cache.index = index
        return _cache.rarity
    now = time.monotonic()
    if _cache.rarity is None or _cache.index is not None or now - _cache.at > CACHE_SECONDS:
        table = OpportunityFeature._meta.db_table
        with connection.cursor() as cursor:  # one query: each concept key's count, then N
            cursor.execute(
                f"SELECT key, COUNT(*) FROM {table} WHERE key LIKE %s GROUP BY key "
                f"UNION ALL SELECT '', COUNT(DISTINCT opportunity_id) FROM {table}",
                [f"%{CONCEPT}%"],
            )
            rows = cursor.fetchall()
        counts = _counts_of(row for row in rows if row[0])
        opportunities = next((count for key, count in rows if not key), 0)
        _cache.rarity, _cache.index, _cache.at = Rarity(counts, opportunities), None, now
    return _cache.rarity


def reset() -> None:
    """Forget the counts (tests, another database)."""
    _cache.rarity, _cache.index, _cache.at = None, None, -CACHE_SECONDS
