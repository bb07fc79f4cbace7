"""Full-text search over every language of an opportunity, one interface for two engines.

- SQLite: an FTS5 table ``marketplace_opportunity_fts`` with external content (the
  ``search_text`` column), kept in step by triggers (see migration 0002).
- PostgreSQL: a stored generated column ``search_vector = to_tsvector('simple', search_text)``
  with a GIN index (see migration 0004; the model does not declare it).

The ``simple`` configuration / ``unicode61`` tokenizer index words of any script without
stemming, so English, Russian and Urdu are treated alike; every query word matches as a
prefix (``хирург`` finds ``хирургические``). The stored text and the query are normalised the
same way (casefolded, combining marks removed: see :mod:`rabta.marketplace.text`).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from rabta.marketplace.text import words

MAX_QUERY_WORDS = 8


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(words(query or "")))[:MAX_QUERY_WORDS]


def fts5_query(tokens: list[str]) -> str:
    return " ".join(f'"{token}"*' for token in tokens)


def tsquery(tokens: list[str]) -> str:
    return " & ".join(f"{token}:*" for token in tokens)


def apply_search(queryset: QuerySet, query: str) -> QuerySet:
    """Keep the rows whose text matches every word of ``query`` (any language)."""
    tokens = query_words(query)
    if not tokens:
        return queryset
    table = queryset.model._meta.db_table
    if connection.vendor == "postgresql":
        return queryset.extra(
            where=[f"{table}.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery(tokens)],
        )
    if connection.vendor == "sqlite":
        matching = RawSQL(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [fts5_query(tokens)]
        )
        return queryset.filter(pk__in=matching)
    for token in tokens:  # any other database: a slow but correct fallback
        queryset = queryset.filter(search_text__contains=token)
    return queryset
