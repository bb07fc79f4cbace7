"""Template tags for the event navigation."""

from django import template

from rabta.events import selectors

register = template.Library()


@register.simple_tag
def interprets_at(event, user) -> bool:
    """Whether ``user`` interprets at ``event``: the navigation then links to their roster."""
    return selectors.is_interpreter(event, user)
