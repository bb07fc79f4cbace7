"""Rate limits on what a person sends out (invitations, new links), counted in Django's cache.

``throttle(scope=, key=, cost=, limit=, period=)`` counts ``cost`` units for ``key`` (a sender's
id, an e-mail address) in a fixed window of ``period`` seconds and raises
``core.exceptions.TooManyRequests`` with a translated message when the window's total would go
over ``limit``; nothing is counted then. The count lives in the default cache: per process with
Django's local-memory cache, shared by every process and machine when REDIS_URL is set (see
docs/deployment.md); an unreachable cache limits nothing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from rabta.core.exceptions import TooManyRequests


def _cache_key(scope: str, key: str) -> str:
    digest = hashlib.sha256(str(key).casefold().encode("utf-8")).hexdigest()[:32]
    return f"rabta:throttle:{scope}:{digest}"


def throttle(*, scope: str, key: str, limit: int, period: int, message: str, cost: int = 1) -> None:
    """Count ``cost`` units against ``limit`` per ``period`` seconds, or raise TooManyRequests
    carrying ``message`` (already translated, in the reader's language)."""
    if limit <= 0:
        return
    cache_key = _cache_key(scope, key)
    cache.add(cache_key, 0, timeout=period)
    try:
        used = cache.incr(cache_key, cost)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, cost, timeout=period)
        used = cost
    if used is None:  # the cache is unreachable (Redis with IGNORE_EXCEPTIONS): let it pass
        return
    if used > limit:
        cache.decr(cache_key, cost)
        raise TooManyRequests(message)


HOUR = 3600


def throttle_invitations(*, sender, count: int = 1) -> None:
    """One person may invite settings.RABTA_INVITATIONS_PER_HOUR addresses an hour, counting
    organisation and event invitations together (a list of 50 addresses counts 50)."""
    limit = settings.RABTA_INVITATIONS_PER_HOUR
    throttle(
        scope="invitations",
        key=str(sender.pk),
        limit=limit,
        period=HOUR,
        cost=count,
        message=ngettext(
            "You can invite at most %(count)s address an hour. Please try again later.",
            "You can invite at most %(count)s addresses an hour. Please try again later.",
            limit,
        )
        % {"count": limit},
    )


def throttle_new_links(*, email: str) -> None:
    """An expired link may ask for settings.RABTA_NEW_LINKS_PER_HOUR new ones an hour per
    address, so the button cannot be used to flood someone's mailbox."""
    limit = settings.RABTA_NEW_LINKS_PER_HOUR
    throttle(
        scope="new-links",
        key=email,
        limit=limit,
        period=HOUR,
        message=ngettext(
            "At most %(count)s new link an hour goes to one address. Please check the mailbox, "
            "or try again later.",
            "At most %(count)s new links an hour go to one address. Please check the mailbox, "
            "or try again later.",
            limit,
        )
        % {"count": limit},
    )
