"""Who may do what: the single place where role checks live.

Roles: site admin (``is_superuser``), organiser (``is_organiser``), interpreter
(``is_interpreter``), participant (a member of an organisation). A site admin counts as an
organiser everywhere.
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
    """Organisers validate organisations and run events; site admins may do the same."""
    return _active(user) and bool(user.is_organiser or user.is_superuser)


def is_interpreter(user) -> bool:
    return _active(user) and bool(user.is_interpreter)


def can_view_audit_log(user) -> bool:
    return is_organiser(user)


def organiser_required(view: Callable) -> Callable:
    """View decorator: visitors go to the login page; signed-in non-organisers get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
