"""Who may do what in an event.

- **managers** (``can_manage``): site admins, the event's creator, and organisers
  (``is_organiser``) who are members of the organising organisation. They run the whole event.
- **co-organisers** (``co_organised_by``): the members of a partner organisation the managers
  appointed (``CoOrganiser``). They see, approve and reject the registrations their organisation
  brought (``Registration.brought_by``) and no other (``can_decide``), invite organisations (who
  are then recorded as theirs), and see the event's figures for their own clients only. They
  never touch the set-up, the participants' list, the schedule, the day or the exports.
- **participants** (``acts_for``): the members of a registered organisation.
- **viewers** of an unlisted event (``can_view``): its managers and co-organisers, the members of
  an organisation registered for it, and whoever holds its invitation link
  (``rabta.events.invitations``). Everyone else gets 404: the event's name never shows.
"""

from __future__ import annotations

from rabta.core.exceptions import NotPermitted
from rabta.events.models import CoOrganiser, Event, Registration


def can_create_events(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.is_organiser))


def can_manage(user, event: Event) -> bool:
    """Site admins, the event's creator and organisers who are members of the organising body."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or event.created_by_id == user.pk:
        return True
    return bool(
        user.is_organiser
        and event.organiser_id
        and user.memberships.filter(organisation_id=event.organiser_id).exists()
    )


def co_organised_by(user, event: Event) -> set[int]:
    """The ids of the event's co-organisers ``user`` is a member of (usually none or one)."""
    if not getattr(user, "is_authenticated", False) or event.pk is None:
        return set()
    return set(
        CoOrganiser.objects.for_event(event)
        .filter(organisation__members__user=user)
        .values_list("organisation_id", flat=True)
    )


def can_see_registrations(user, event: Event) -> bool:
    """The registrations page: managers see every registration, co-organisers their clients'."""
    return can_manage(user, event) or bool(co_organised_by(user, event))


def can_decide(user, registration: Registration) -> bool:
    """Approve or reject: the event's managers, or a co-organiser that brought the registration."""
    event = registration.event
    if can_manage(user, event):
        return True
    return registration.brought_by_id is not None and registration.brought_by_id in (
        co_organised_by(user, event)
    )


def is_registered(user, event: Event) -> bool:
    """A member of an organisation registered for ``event`` (whatever the registration's state)."""
    if not user.is_authenticated:
        return False
    return Registration.objects.for_event(event).filter(organisation__members__user=user).exists()


def can_view(user, event: Event, *, invited: bool = False) -> bool:
    """Listed events are public; an unlisted one only to its people and its invitation's holders."""
    return (
        event.is_listed
        or invited
        or can_see_registrations(user, event)
        or is_registered(user, event)
    )


def require_manager(user, event: Event) -> None:
    if not can_manage(user, event):
        raise NotPermitted()


def acts_for(user, registration: Registration) -> bool:
    """A member of the registered organisation (or an event manager)."""
    if not user.is_authenticated:
        return False
    if user.memberships.filter(organisation_id=registration.organisation_id).exists():
        return True
    return can_manage(user, registration.event)


def require_acts_for(user, registration: Registration) -> None:
    if not acts_for(user, registration):
        raise NotPermitted()
