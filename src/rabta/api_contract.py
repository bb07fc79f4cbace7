"""The API's OpenAPI schema states every answer an operation can give (issue 15.9).

django-ninja documents the success status of each operation (its ``response=``). The error
statuses come from one place, rabta/api.py's exception handlers, and every operation can give
them under the same conditions — so they are declared here, by rule, instead of repeated in 72
``response={...}`` dicts that would drift apart:

- 400 — a request body that is not valid JSON, or text holding a NUL character (operations
  with a body or parameters);
- 401 — no valid API token or session (operations that require one), 429 — too many API-token
  requests (ACCOUNT_RATE_LIMITS "api_token"), for every operation that reads a token;
- 403 — not permitted, or a session request without its CSRF token (authenticated operations
  and every unsafe method);
- 404 — nothing at this address, or the body names something that does not exist (operations
  with a path parameter or a body);
- 422 — a parameter or body field that is invalid (operations with parameters or a body).

Operations open to anonymous callers (``auth=[..., anonymous]``) are declared with an optional
security requirement (``{}``), so clients and schemathesis know a token is not needed there.
tests/test_api_schema.py holds the API to this with schemathesis.
"""

from __future__ import annotations

from ninja.openapi.schema import OpenAPISchema

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

DESCRIPTIONS = {
    400: "The request body is not valid JSON, or text holds a NUL character.",
    401: "Sign in or send a valid API token.",
    403: "Not permitted (or a session request without its CSRF token).",
    404: "Nothing at this address, or the body names something that does not exist.",
    422: "A parameter or field is invalid; error.fields says which.",
    429: "Too many requests with this API token; wait a minute (Retry-After).",
}


def _is_anonymous_allowed(callback) -> bool:
    return not hasattr(callback, "openapi_security_schema")


def error_statuses(*, methods: set[str], secured: bool, anonymous: bool, details: dict) -> set:
    parameters = details.get("parameters") or []
    has_body = "requestBody" in details
    statuses = set()
    if has_body or parameters:
        statuses |= {400, 422}
    if has_body or any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if secured:
        statuses |= {403, 429} if anonymous else {401, 403, 429}
    if methods & UNSAFE:
        statuses.add(403)
    return statuses


class ContractSchema(OpenAPISchema):
    def operation_details(self, operation) -> dict:
        details = super().operation_details(operation)
        callbacks = list(operation.auth_callbacks or [])
        secured = any(not _is_anonymous_allowed(c) for c in callbacks)
        anonymous = any(_is_anonymous_allowed(c) for c in callbacks)
        if secured and anonymous:
            details.setdefault("security", []).append({})  # a token is optional here
        statuses = error_statuses(
            methods=set(operation.methods), secured=secured, anonymous=anonymous, details=details
        )
        responses = details["responses"]
        for status in sorted(statuses):
            responses.setdefault(
                status,
                {
                    "description": DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
        return details
