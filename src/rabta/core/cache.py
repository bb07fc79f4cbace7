"""Cached reads with versioned keys: a change bumps its namespace's version and every key
written under the old one is simply never read again (it expires on its own).

Usage (a selector)::

    from rabta.core.cache import cached

    def directory_stats():
        return cached("directory", ("stats",), _count_directory)

and, where the data behind it changes (a signal receiver in the app)::

    from rabta.core.cache import bump

    bump("directory")

The cache is Django's (Redis when REDIS_URL is set, else the process's memory; see settings).
With Redis down every read misses and is computed: slower, never wrong or broken.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

T = TypeVar("T")
_MISSING = object()


def _version(namespace: str) -> int:
    return cache.get_or_set(f"rabta:version:{namespace}", 1, timeout=None) or 0


def bump(*namespaces: str) -> None:
    """Invalidate everything cached under ``namespaces``: at once (this transaction's own reads)
    and again once the transaction commits — another process may have read the old rows and
    cached them under the new version in between."""
    _bump(namespaces)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(namespaces))


def _bump(namespaces: tuple[str, ...]) -> None:
    for namespace in namespaces:
        key = f"rabta:version:{namespace}"
        try:
            cache.incr(key)
        except ValueError:  # not set yet (or evicted): any value other than the old one will do
            cache.set(key, 2, timeout=None)


def _versions(namespaces: tuple[str, ...]) -> tuple[int, ...]:
    """The versions of several namespaces in one round trip (those never set start at 1)."""
    keys = [f"rabta:version:{namespace}" for namespace in namespaces]
    found = cache.get_many(keys)
    return tuple(
        found[key] if key in found else _version(ns)
        for key, ns in zip(keys, namespaces, strict=True)
    )


def cache_key(
    namespace: str,
    parts: tuple[Hashable, ...],
    *,
    per_language: bool = False,
    depends_on: tuple[str, ...] = (),
) -> str:
    if per_language:
        parts = (*parts, translation.get_language())
    if depends_on:
        versions = _versions((namespace, *depends_on))
        parts = (*parts, versions[1:])
        version = versions[0]
    else:
        version = _version(namespace)
    digest = hashlib.blake2s(repr(parts).encode(), digest_size=12).hexdigest()
    return f"rabta:{namespace}:{version}:{digest}"


def cached(
    namespace: str,
    parts: tuple[Hashable, ...],
    compute: Callable[[], T],
    *,
    timeout: int | None = 600,
    per_language: bool = False,
    depends_on: tuple[str, ...] = (),
) -> T:
    """The value cached under (namespace, parts), else ``compute()`` (then cached).
    ``depends_on``: other namespaces whose bump invalidates it too (their versions join the key)."""
    key = cache_key(namespace, parts, per_language=per_language, depends_on=depends_on)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
