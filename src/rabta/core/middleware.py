import time

from django.utils import translation


class UserLanguageMiddleware:
    """Activate a signed-in user's chosen language (remembered on their account).

    Runs after AuthenticationMiddleware; LocaleMiddleware has already picked a language from
    the URL, cookie or browser for visitors who are not signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = (
            getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        )
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequestCPUTimeMiddleware:
    """Record the CPU time the application spent on a request (this thread's) in the WSGI
    environ as ``rabta.cpu_ms``; `rabta serve` writes it into the JSON access log. First in
    MIDDLEWARE so that it covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.thread_time()
        response = self.get_response(request)
        request.META["rabta.cpu_ms"] = round((time.thread_time() - started) * 1000, 2)
        return response
