"""An in-memory inverted index of the opportunity feature rows: candidate sums in milliseconds.

Candidate generation (candidates.py) adds up, for every opportunity, the weights of the keys a
participant wants. In SQL that is a GROUP BY over every matched row: at 100,000 opportunities a
participant with ten opportunities matches 60,000–220,000 rows and the query takes 100–300 ms.
Here the same sums are one ``numpy.bincount`` over the wanted keys' posting lists.

The index answers the same question as the SQL, from the same rows:

- it is built from the table (key, opportunity, dimension: 2 bytes and 4 bytes a row) in a
  background thread the first time a process needs it, once the table holds at least
  ``RABTA_RECOMMENDATION_INDEX_MIN_ROWS`` rows (below, the SQL is fast; ``None`` switches the
  index off); the SQL answers until it is ready;
- the rows added since (ids above the build's highest) are read once per request that asks
  for candidates (``current()``), one indexed query; an opportunity with new rows counts its new rows only, as re-indexing replaces all the
  rows of an opportunity (marketplace/indexing.py);
- rows deleted without replacement (an opportunity closed or unlisted) are still counted until
  the next build, started in the background once the index is older than
  ``RABTA_RECOMMENDATION_INDEX_SECONDS`` and rows were added: such an opportunity can take a
  candidate place, never a recommendation (candidates are loaded from the live opportunities).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection, connections

from rabta.marketplace.concepts import related_concepts
from rabta.marketplace.models import OpportunityFeature
from rabta.matching.countries import TARGET, CountryKeys, candidate_factor
from rabta.matching.weights import DIM_WEIGHTS

log = logging.getLogger(__name__)

DIM_WEIGHT = np.zeros(256)
for _dim, _weight in DIM_WEIGHTS.items():
    DIM_WEIGHT[_dim] = _weight
# How often (seconds) a process without an index checks whether the table has grown enough.
SIZE_CHECK_SECONDS = 60.0


@dataclass
class Added:
    """The rows added since the build, by key: (opportunity id, dimension)."""

    last_row_id: int
    by_key: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    opportunities: set[int] = field(default_factory=set)
    lengths: dict[int, float] = field(default_factory=dict)  # weight of each one's added rows
    stale_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


@dataclass
class Index:
    slots: dict[str, tuple[int, int]]  # key → (start, end) of its rows in positions/dims
    positions: np.ndarray  # int32: the row's opportunity, as a position in opportunity_ids
    dims: np.ndarray  # uint8
    opportunity_ids: np.ndarray  # int64, ascending
    max_row_id: int
    built_at: float
    build_seconds: float
    added: Added = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.added = Added(last_row_id=self.max_row_id)
        # Every opportunity's own weight: the dimension weights of all its rows.
        self.lengths = np.bincount(
            self.positions, weights=DIM_WEIGHT[self.dims], minlength=len(self.opportunity_ids)
        )
        # Opportunities that name the countries they look to (a "cty:" row each).
        self.targeting = self.carrying(key for key in self.slots if key.startswith(TARGET))

    @property
    def rows(self) -> int:
        return len(self.positions)

    @property
    def nbytes(self) -> int:
        return self.positions.nbytes + self.dims.nbytes + self.opportunity_ids.nbytes

    def position_of(self, opportunity_ids) -> np.ndarray:
        """The positions of those of ``opportunity_ids`` that are in the index."""
        ids = np.fromiter(opportunity_ids, dtype=np.int64)
        at = np.searchsorted(self.opportunity_ids, ids)
        inside = at < len(self.opportunity_ids)
        at, ids = at[inside], ids[inside]
        return at[self.opportunity_ids[at] == ids]

    def carrying(self, keys) -> np.ndarray:
        """For every opportunity of the index: does it carry one of ``keys``?"""
        mask = np.zeros(len(self.opportunity_ids), dtype=bool)
        for key in keys:
            if key in self.slots:
                start, end = self.slots[key]
                mask[self.positions[start:end]] = True
        return mask

    def read_added(self) -> None:
        """Read the rows added since the last read (one query on the primary key)."""
        table = OpportunityFeature._meta.db_table
        with self.lock:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, opportunity_id, key, dim FROM {table} WHERE id > %s ORDER BY id",
                    [self.added.last_row_id],
                )
                rows = cursor.fetchall()
            if not rows:
                return
            added = self.added
            fresh = {opportunity_id for _id, opportunity_id, _key, _dim in rows}
            # An opportunity re-indexed again: its earlier added rows are gone too.
            again = fresh & added.opportunities
            if again:
                for key, entries in list(added.by_key.items()):
                    kept = [entry for entry in entries if entry[0] not in again]
                    if kept:
                        added.by_key[key] = kept
                    else:
                        del added.by_key[key]
            for opportunity_id in fresh:
                added.lengths[opportunity_id] = 0.0
            for _id, opportunity_id, key, dim in rows:
                added.by_key.setdefault(key, []).append((opportunity_id, dim))
                added.lengths[opportunity_id] += DIM_WEIGHTS.get(dim, 0.0)
            added.opportunities |= fresh
            added.last_row_id = rows[-1][0]
            added.stale_positions = self.position_of(added.opportunities)

    def lengths_of(self, opportunity_ids: list[int]) -> dict[int, float]:
        """The weight of all the rows of each opportunity (as candidates.py's SQL counts it):
        of its added rows, if it has any."""
        lengths = {}
        added = self.added
        at = np.searchsorted(self.opportunity_ids, opportunity_ids)
        for opportunity_id, position in zip(opportunity_ids, at.tolist(), strict=True):
            if opportunity_id in added.lengths:
                lengths[opportunity_id] = added.lengths[opportunity_id]
            elif (
                position < len(self.opportunity_ids)
                and self.opportunity_ids[position] == opportunity_id
            ):
                lengths[opportunity_id] = float(self.lengths[position])
        return lengths

    def best(
        self,
        weighted: dict[str, float],
        exclude: set[int],
        limit: int,
        countries: CountryKeys,
    ) -> list[tuple[float, int]]:
        """The ``limit`` opportunities with the highest weighted sums of the ``weighted`` keys
        they carry, times their country factors (as candidates.py's SQL), as (total, id): best
        first, then by id."""
        count = len(self.opportunity_ids)
        parts = [(self.slots[key], factor) for key, factor in weighted.items() if key in self.slots]
        if parts:
            positions = np.concatenate([self.positions[s:e] for (s, e), _f in parts])
            weights = np.concatenate([DIM_WEIGHT[self.dims[s:e]] * f for (s, e), f in parts])
            sums = np.bincount(positions, weights=weights, minlength=count)
            hits = np.bincount(positions, minlength=count)
        else:
            sums, hits = np.zeros(count), np.zeros(count, dtype=np.int64)
        hits[self.added.stale_positions] = 0  # their rows now are the added ones
        hits[self.position_of(exclude)] = 0
        factor = candidate_factor(countries.place(self.carrying, self.targeting))
        matched = np.flatnonzero(hits)
        totals = sums[matched] * factor[matched]
        if len(matched) > limit:
            threshold = np.partition(totals, len(totals) - limit)[len(totals) - limit]
            keep = totals >= threshold
            matched, totals = matched[keep], totals[keep]
        ranked = [
            (-float(total), int(opportunity_id))
            for total, opportunity_id in zip(totals, self.opportunity_ids[matched], strict=True)
        ]
        ranked += self._added_sums(weighted, exclude, countries)
        ranked.sort()
        return [(-total, opportunity_id) for total, opportunity_id in ranked[:limit]]

    def _added_sums(
        self, weighted: dict[str, float], exclude: set[int], countries: CountryKeys
    ) -> list[tuple[float, int]]:
        by_key = self.added.by_key
        sums: dict[int, float] = {}
        for key, factor in weighted.items():
            for opportunity_id, dim in by_key.get(key, ()):
                if opportunity_id not in exclude:
                    sums[opportunity_id] = (
                        sums.get(opportunity_id, 0.0) + DIM_WEIGHTS.get(dim, 0.0) * factor
                    )
        if not sums:
            return []
        ids = np.fromiter(sums, dtype=np.int64, count=len(sums))

        def carrying(keys) -> np.ndarray:
            return np.isin(ids, [i for key in keys for i, _dim in by_key.get(key, ())])

        targeting = carrying(key for key in by_key if key.startswith(TARGET))
        totals = np.fromiter(sums.values(), dtype=float, count=len(sums))
        totals *= candidate_factor(countries.place(carrying, targeting))
        return list(zip((-totals).tolist(), ids.tolist(), strict=True))


def build(using: str = "default") -> Index:
    """Read every feature row (grouped by key, on the key index) into a fresh index."""
    begin = time.perf_counter()
    table = OpportunityFeature._meta.db_table
    slots: dict[str, tuple[int, int]] = {}
    # Per chunk of rows, numpy arrays at once: no list of 1.4 million Python ints to hold.
    id_chunks: list[np.ndarray] = []
    dim_chunks: list[np.ndarray] = []
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        max_row_id = cursor.fetchone()[0] or 0
        cursor.execute(
            f"SELECT key, opportunity_id, dim FROM {table} WHERE id <= %s ORDER BY key",
            [max_row_id],
        )
        current, start, done = None, 0, 0
        while chunk := cursor.fetchmany(50_000):
            for offset, (key, _opportunity_id, _dim) in enumerate(chunk):
                if key != current:
                    if current is not None:
                        slots[current] = (start, done + offset)
                    current, start = key, done + offset
            id_chunks.append(np.fromiter((row[1] for row in chunk), np.int64, len(chunk)))
            dim_chunks.append(np.fromiter((row[2] for row in chunk), np.uint8, len(chunk)))
            done += len(chunk)
        if current is not None:
            slots[current] = (start, done)
    ids = np.concatenate(id_chunks) if id_chunks else np.zeros(0, dtype=np.int64)
    dims = np.concatenate(dim_chunks) if dim_chunks else np.zeros(0, dtype=np.uint8)
    del id_chunks, dim_chunks
    opportunity_ids, positions = np.unique(ids, return_inverse=True)
    return Index(
        slots=slots,
        positions=positions.astype(np.int32),
        dims=dims,
        opportunity_ids=opportunity_ids,
        max_row_id=max_row_id,
        built_at=time.monotonic(),
        build_seconds=time.perf_counter() - begin,
    )


class _State:
    index: Index | None = None
    building: threading.Thread | None = None
    size_checked_at: float = -SIZE_CHECK_SECONDS
    database: tuple | None = None


_state = _State()


def reset() -> None:
    """Forget the index of this process (tests; a database restored from a backup)."""
    global _state
    _state = _State()
    gc.unfreeze()


def _database() -> tuple:
    return (connection.settings_dict["ENGINE"], connection.settings_dict["NAME"])


def _keep(index: Index, state: _State, database: tuple) -> None:
    state.index, state.database = index, database
    # What lives now (the application, the vocabulary and its related concepts, loaded here if
    # they were not yet, this index) lives as long as the process: the garbage collector stops
    # walking it at each full collection (~100 ms pauses otherwise, in the middle of a request).
    related_concepts("")  # reads the vocabulary (or finds it broken: then nothing to keep)
    gc.freeze()


def build_now() -> Index:
    """Build the index in this thread and use it from now on (benchmarks, management)."""
    index = build()
    _keep(index, _state, _database())
    return index


def _build_in_background() -> None:
    state = _state  # a reset meanwhile (another database) drops what this build finds

    def run() -> None:
        try:
            index = build()
            _keep(index, state, database)
            log.info(
                "recommendation index: %d rows, %.1f MB, built in %.1f s",
                index.rows,
                index.nbytes / 1e6,
                index.build_seconds,
            )
        except Exception:  # the SQL keeps answering; the next check tries again
            log.exception("recommendation index: build failed")
        finally:
            connections.close_all()
            state.building = None

    database = _database()
    state.building = threading.Thread(target=run, name="rabta-recommendation-index", daemon=True)
    state.building.start()


def _large_enough(minimum: int) -> bool:
    now = time.monotonic()
    if now - _state.size_checked_at < SIZE_CHECK_SECONDS:
        return False
    _state.size_checked_at = now
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {OpportunityFeature._meta.db_table}")
        return (cursor.fetchone()[0] or 0) >= minimum


def prepare() -> None:
    """Start building the index as a web worker starts, when the table is large enough: its
    first visitors then wait less long on the SQL. A database that is not there yet is no
    reason not to start; the first request checks again."""
    if settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS is None:
        return
    try:
        current()
    except DatabaseError:
        log.warning("recommendation index: the database could not be read at start-up")
    finally:
        connection.close()  # the worker's requests open their own


def built() -> Index | None:
    """The index built last, as it is (without reading the rows added since); None: none."""
    return _state.index


def current() -> Index | None:
    """The index to answer from now, up to date with the added rows; None: use the SQL."""
    minimum = settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS
    if minimum is None:
        return None
    index = _state.index
    if index is not None and _state.database != _database():
        reset()
        index = None
    if index is None:
        if _state.building is None and _large_enough(minimum):
            _build_in_background()
        return None
    index.read_added()
    refresh = settings.RABTA_RECOMMENDATION_INDEX_SECONDS
    if (
        _state.building is None
        and index.added.opportunities
        and time.monotonic() - index.built_at > refresh
    ):
        _build_in_background()
    return index
