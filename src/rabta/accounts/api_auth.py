"""Authentication for the JSON API: a personal token (Bearer) or the browser session."""

from __future__ import annotations

from django.utils import timezone
from ninja.errors import Throttled
from ninja.security import APIKeyCookie, HttpBearer

from rabta.accounts.models import ApiToken, hash_token
from rabta.accounts.throttling import allowed
from rabta.core.middleware import activate_user_language


class ApiTokenAuth(HttpBearer):
    """A personal token; its use is rate-limited per token, and guessing per IP address
    (ACCOUNT_RATE_LIMITS "api_token" and "api_token_unknown"): over the limit, HTTP 429."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        key_hash = hash_token(token)
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=key_hash, user__is_active=True)
            .first()
        )
        if found is None:
            if not allowed(request, action="api_token_unknown"):
                raise Throttled(wait=60)
            return None
        if not allowed(request, action="api_token", key=key_hash):
            raise Throttled(wait=60)
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        # Signed in only now, after the middleware chose a language from the request alone:
        # without an Accept-Language header saying otherwise, answer in the user's own language.
        if not request.headers.get("Accept-Language", "").strip():
            activate_user_language(request)
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; CSRF-checked for unsafe methods."""

    param_name = "sessionid"

    def __init__(self):
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None
