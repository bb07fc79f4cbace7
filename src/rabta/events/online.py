"""Video links of online meetings, built from a template the site configures.

``settings.RABTA_VIDEO_LINK_TEMPLATE`` is a URL with a ``{room}`` placeholder, e.g. a self-hosted
Jitsi Meet: ``https://meet.example.org/rabta-{room}``. Each meeting request has its own random
room name (``MeetingRequest.video_room``, 128 random bits), so a link cannot be guessed and stays
the same when the schedule is solved again. No outside service is called: the video server
creates a room when the first person opens its link.
"""

from __future__ import annotations

import string
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _


def template_problem(template: str) -> str | None:
    """What is wrong with a video-link template (a sentence in the active language), else None."""
    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(template)]
    except ValueError:
        return _("The video-link template has an unbalanced brace.")
    names = {name for name in fields if name is not None}
    if "room" not in names:
        return _("The video-link template must contain the room placeholder {room}.")
    if names - {"room"}:
        return _("The video-link template may contain only the placeholder {room}.")
    link = template.replace("{room}", "room")
    parts = urlsplit(link)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return _("The video-link template must be a web address starting with https://.")
    return None


def video_links_configured() -> bool:
    template = getattr(settings, "RABTA_VIDEO_LINK_TEMPLATE", "")
    return bool(template) and template_problem(template) is None


def video_link(room: str) -> str:
    """The link of a room; "" when no valid template is configured."""
    if not video_links_configured():
        return ""
    return settings.RABTA_VIDEO_LINK_TEMPLATE.replace("{room}", quote(room, safe=""))


@checks.register(checks.Tags.compatibility)
def check_video_link_template(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`manage.py check` (and every start) refuses a template that cannot make a link."""
    template = getattr(settings, "RABTA_VIDEO_LINK_TEMPLATE", "")
    problem = template_problem(template) if template else None
    if problem:
        return [
            checks.Error(
                problem,
                hint="RABTA_VIDEO_LINK_TEMPLATE=https://meet.example.org/rabta-{room}",
                id="rabta.E101",
            )
        ]
    return []
