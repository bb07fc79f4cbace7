"""Template tags for the event navigation."""

from django import template

from rabta.events import agenda_cache, selectors

register = template.Library()


@register.simple_tag
def interprets_at(event, user) -> bool:
    """Whether ``user`` interprets at ``event``: the navigation then links to their roster."""
    if not getattr(user, "is_authenticated", False):
        return False
    return agenda_cache.cached_in_event(
        event, ("interprets", user.pk), lambda: selectors.is_interpreter(event, user)
    )
