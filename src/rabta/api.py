"""The JSON API under /api/v1/: one NinjaAPI; each app contributes a router from its api.py."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from rabta.accounts.api_auth import ApiTokenAuth, SessionAuth
from rabta.core.exceptions import InvalidInput, NotPermitted, RabtaError, error_body


class RabtaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The schema with every error status documented (rabta/api_contract.py)."""
        from rabta.api_contract import ContractSchema

        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractSchema(self, path_prefix)


api = RabtaAPI(
    title="rabta API",
    version="1",
    description="Organisations, people and sectors of the rabta B2B platform.",
    urls_namespace="api",
    auth=[ApiTokenAuth(), SessionAuth()],
)


# The `code` of an error body, by HTTP status (docs/api.md lists them).
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid",
    429: "too_many_requests",
}


@api.exception_handler(RabtaError)
def on_domain_error(request, exc: RabtaError):
    code = ERROR_CODES.get(exc.status_code, "error")
    return api.create_response(
        request, error_body(exc.message, exc.field_errors, code), status=exc.status_code
    )


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc: DjangoValidationError):
    return on_domain_error(request, InvalidInput.from_django(exc))


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "payload")
        ]
        fields.setdefault(".".join(location) or "__all__", []).append(_translate_pydantic(error))
    return api.create_response(
        request, error_body(_("Please correct the errors below."), fields, "invalid"), status=422
    )


def _translate_pydantic(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind in ("string_too_long",):
        return _("Ensure this value has at most %(max)s characters.") % {
            "max": error.get("ctx", {}).get("max_length")
        }
    if kind.startswith("int") or kind.startswith("float"):
        return _("Enter a number.")
    if kind.startswith("string"):
        return _("Enter text.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith("list"):
        return _("Enter a list.")
    return _("Enter a valid value.")


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(
        request,
        error_body(_("Sign in or send a valid API token."), code="unauthorized"),
        status=401,
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return on_domain_error(request, NotPermitted())


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, error_body(_("Not found."), code="not_found"), status=404)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # django-ninja raises these itself, with English messages: say the same in the caller's
    # language (a body that is not JSON, a session request without its CSRF token).
    status = exc.status_code
    if status == 400:
        message = _("The request body could not be read: send valid JSON.")
    elif status == 403 and "csrf" in str(exc).lower():
        message = _(
            "The CSRF check failed: send the X-CSRFToken header with a signed-in session, "
            "or use an API token."
        )
    elif status == 403:
        message = NotPermitted.default_message
    elif status == 429:
        message = _("Too many requests: wait a minute, then try again.")
    else:
        message = RabtaError.default_message
    response = api.create_response(
        request, error_body(message, code=ERROR_CODES.get(status, "error")), status=status
    )
    if status == 429 and getattr(exc, "wait", None):
        response["Retry-After"] = str(exc.wait)
    return response


@csrf_exempt  # it changes nothing; a POST with a session cookie gets the JSON 404, not Django's 403
def not_found(request, path: str = ""):
    """Any address under /api/v1/ that is no endpoint: the JSON error, not the HTML page."""
    message = _("There is no API endpoint at this address; the list is at %(docs)s.") % {
        "docs": request.build_absolute_uri("/api/v1/docs")
    }
    return api.create_response(request, error_body(message, code="not_found"), status=404)


def _method_not_allowed_as_json(view):
    """django-ninja answers a wrong method with a plain-text 405; answer with the JSON error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            message = _("This address does not accept %(method)s requests.") % {
                "method": request.method
            }
            allowed = response.get("Allow", "")
            response = api.create_response(
                request, error_body(message, code="method_not_allowed"), status=405
            )
            response["Allow"] = allowed
        return response

    return wrapper


def api_urls():
    """The API's URL patterns for urls.py: every error is JSON, even for unknown addresses."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _method_not_allowed_as_json(pattern.callback)
    return [*patterns, re_path(r"^(?P<path>.*)$", not_found)], app_name, namespace


def _register_routers() -> None:
    from rabta.organisations.api import router as organisations_router

    api.add_router("/", organisations_router)
    api.add_router("/", __import__("rabta.marketplace.api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.matching.api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.events.api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.events.meeting_api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.events.group_api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.reports.api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.trade.api", fromlist=["router"]).router)
    api.add_router("/", __import__("rabta.messaging.api", fromlist=["router"]).router)


_register_routers()
