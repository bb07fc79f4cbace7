"""Writes about co-organisers: appointing and removing them, and who brought a registration.

A co-organiser is a partner organisation the event's managers appoint; its members validate
the registrations it brought (see ``permissions``). Every write here is a manager's, audited.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput
from rabta.events import notifications
from rabta.events.models import CoOrganiser, Event, Registration
from rabta.events.permissions import require_manager


@transaction.atomic
def co_organiser_appoint(*, actor, event: Event, organisation) -> CoOrganiser:
    """Appoint ``organisation``; its administrators are e-mailed, each in their language."""
    require_manager(actor, event)
    if organisation is None:
        raise InvalidInput(field_errors={"organisation": [_("Choose an organisation.")]})
    if not organisation.is_approved:
        raise InvalidInput(
            field_errors={
                "organisation": [_("Only a validated organisation can co-organise an event.")]
            }
        )
    if organisation.pk == event.organiser_id:
        raise InvalidInput(
            field_errors={"organisation": [_("This organisation already organises the event.")]}
        )
    try:
        with transaction.atomic():
            co_organiser = CoOrganiser.objects.create(
                event=event, organisation=organisation, appointed_by=actor
            )
    except IntegrityError as error:
        raise InvalidInput(
            field_errors={"organisation": [_("This organisation already co-organises the event.")]}
        ) from error
    audit_log(
        actor=actor,
        action="rabta.event.co_organiser.appointed",
        obj=event,
        data={"organisation": organisation.slug},
    )
    notifications.co_organiser_appointed(co_organiser)
    return co_organiser


@transaction.atomic
def co_organiser_remove(*, actor, co_organiser: CoOrganiser) -> None:
    """The organisation loses its rights at once; the registrations it brought keep the record
    of who brought them, and the managers validate them from now on."""
    event = co_organiser.event
    require_manager(actor, event)
    audit_log(
        actor=actor,
        action="rabta.event.co_organiser.removed",
        obj=event,
        data={"organisation": co_organiser.organisation.slug},
    )
    co_organiser.delete()


@transaction.atomic
def registration_set_brought_by(*, actor, registration: Registration, organisation) -> Registration:
    """Record which co-organiser brought ``registration`` (``None``: the organisers did)."""
    event = registration.event
    require_manager(actor, event)
    if (
        organisation is not None
        and not CoOrganiser.objects.for_event(event).filter(organisation=organisation).exists()
    ):
        raise InvalidInput(
            field_errors={"brought_by": [_("Choose one of the event's co-organisers.")]}
        )
    registration.brought_by = organisation
    registration.save(update_fields=["brought_by"])
    audit_log(
        actor=actor,
        action="rabta.event.registration.brought_by",
        obj=registration,
        data={"organisation": organisation.slug if organisation is not None else None},
    )
    return registration
