"""Who may do what: the single place where role checks live.

Roles: site admin (``is_superuser``), validator (``is_validator``), organiser
(``is_organiser``), interpreter (``is_interpreter``), participant (a member of an organisation).
A site admin counts as a validator and an organiser everywhere. What an organiser may do in one
event (and a co-organiser for its clients) is decided per event in ``rabta.events.permissions``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_site_admin(user) -> bool:
    return _active(user) and bool(user.is_superuser)


def is_organiser(user) -> bool:
    """Organisers create events (and run their own); site admins may do the same."""
    return _active(user) and bool(user.is_organiser or user.is_superuser)


def is_validator(user) -> bool:
    """The site's validators approve or reject organisations: site admins and flagged users."""
    return _active(user) and bool(user.is_validator or user.is_superuser)


def is_interpreter(user) -> bool:
    return _active(user) and bool(user.is_interpreter)


def can_view_audit_log(user) -> bool:
    """The audit log records every organiser's and validator's actions: site admins only."""
    return is_site_admin(user)


def _role_required(check: Callable) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# View decorators: visitors go to the login page; signed-in users without the role get 403.
organiser_required = _role_required(is_organiser)
site_admin_required = _role_required(is_site_admin)
