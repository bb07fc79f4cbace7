"""Each signed-in person sees times in their own time zone."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone


class PersonTimeZoneMiddleware:
    """Activate the signed-in person's time zone (``User.time_zone``, else the site's) for the
    request: templates and ``timezone.localtime`` then show their local time. Pages about an
    event show the event's zone beside it when it differs. Runs after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
        timezone.activate(zone or settings.TIME_ZONE)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
