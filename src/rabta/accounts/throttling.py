"""Rate limits outside allauth's own views, on the same limiter (allauth's, counters in the cache).

Usage (a view or an API authentication class; the rate is set in settings.ACCOUNT_RATE_LIMITS,
e.g. ``"invitation_send": "20/h/user"``; an action without a rate is never limited)::

    from rabta.accounts.throttling import allowed

    if not allowed(request, action="invitation_send"):
        ...  # answer 429 (allauth.core.ratelimit.respond_429 renders 429.html)

``key`` narrows a ``/key`` rate to one thing (an API token's hash, an e-mail address); GET
requests count too.
"""

from __future__ import annotations

from allauth.core.internal import ratelimit


def allowed(request, *, action: str, key: str | None = None) -> bool:
    """Count one use of ``action``; False once its rate in ACCOUNT_RATE_LIMITS is spent."""
    usage = ratelimit.consume(
        request, app="allauth.account", action=action, key=key, limit_get=True
    )
    return usage is not None
