"""Where a link that was e-mailed to an address sends a visitor who is not signed in.

Used by the invitation links (to an organisation, to an event): the link proves the address, so
a stranger gets the sign-up page with it filled in and counted as verified (django-allauth's
``stash_verified_email``: no verification e-mail needed), and comes back to ``next_path`` once
signed up; an address that already has an account gets the sign-in page instead.
"""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from rabta.accounts.models import User


def _with_next(url: str, next_path: str, **extra: str) -> str:
    return f"{url}?{urlencode({'next': next_path, **extra})}"


def has_account(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def entrance_url(request, *, email: str, next_path: str) -> str:
    """Sign-in (the address has an account) or sign-up with ``email`` proven, then ``next_path``."""
    if has_account(email):
        return _with_next(resolve_url(settings.LOGIN_URL), next_path)
    get_adapter(request).stash_verified_email(request, email)
    return _with_next(reverse("account_signup"), next_path, email=email)
