import json
import time
from typing import Any

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from rabta.core.exceptions import error_body


class UserLanguageMiddleware:
    """Activate a signed-in user's chosen language (remembered on their account).

    Runs after AuthenticationMiddleware; LocaleMiddleware has already picked a language from
    the URL, cookie or browser for visitors who are not signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_user_language(request)
        return self.get_response(request)


def activate_user_language(request) -> None:
    """Use the request's signed-in user's own language, if they chose one. The middleware calls
    it for sessions; the API's token authentication, which signs the user in later, too."""
    user = getattr(request, "user", None)
    language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


class RequestCPUTimeMiddleware:
    """Record what a request cost: the CPU time the application spent on it (this thread's) as
    ``rabta.cpu_ms``, and its database statements as ``rabta.sql_ms`` (wall time, waiting for
    the database included) and ``rabta.queries``, in the WSGI environ; `rabta serve` writes them
    into the JSON access log. First in MIDDLEWARE so that it covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timer = StatementTimer()
        started = time.thread_time()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        request.META["rabta.cpu_ms"] = round((time.thread_time() - started) * 1000, 2)
        request.META["rabta.sql_ms"] = round(timer.seconds * 1000, 2)
        request.META["rabta.queries"] = timer.count
        return response


class StatementTimer:
    """Counts the statements run through it and their wall time (a connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return False


def request_holds_nul(request) -> bool:
    """A NUL character anywhere a view could read text: the path, the query, a form's fields and
    file names, a JSON body. Uploaded files' contents are not text and are not looked at."""
    if "\x00" in request.path_info:
        return True
    if any(_holds_nul([key, *values]) for key, values in request.GET.lists()):
        return True
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return any(_holds_nul([key, *values]) for key, values in request.POST.lists()) or any(
            _holds_nul(key) or _holds_nul(upload.name or "")
            for key, uploads in request.FILES.lists()
            for upload in uploads
        )
    if request.content_type == "application/json" and request.body:
        try:
            return _holds_nul(json.loads(request.body))
        except ValueError:
            return False  # not JSON: the view says so
    return False


class RejectNulMiddleware:
    """Answer 400 to a request with a NUL character (a zero byte) in its text.

    A NUL is never text a person typed, PostgreSQL refuses to store or compare it, and views
    would otherwise fail on it with a server error. Pages get the 400 page with the reason,
    the API its error body. Runs after the language is chosen, so the reason is translated.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            holds_nul = request_holds_nul(request)
        except RecursionError:  # JSON nested thousands deep: Python's reader gives up
            return self.refuse(
                request, _("The request's JSON is nested too deeply to be read. Send flat data.")
            )
        if holds_nul:
            return self.refuse(
                request,
                _(
                    "The request holds a NUL character (a zero byte), which is not text. Remove "
                    "it and try again."
                ),
            )
        return self.get_response(request)

    @staticmethod
    def refuse(request, message: str):
        if request.path_info.startswith("/api/"):
            return JsonResponse(error_body(message, code="bad_request"), status=400)
        return render(request, "400.html", {"message": message}, status=400)
