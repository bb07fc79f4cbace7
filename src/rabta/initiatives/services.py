"""Every write to initiatives and their milestones (keyword-only, atomic, checked, audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rabta.accounts.permissions import is_organiser
from rabta.core import validation
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.i18n import clean_translations
from rabta.initiatives import permissions
from rabta.initiatives.models import Initiative, Milestone
from rabta.organisations.naming import transliterate


def _text(value, *, field: str, max_length: int, required: bool, errors: dict) -> dict[str, str]:
    if value is not None and not isinstance(value, Mapping):
        errors[field] = [_("Enter a text for each language.")]
        return {}
    try:
        return clean_translations(value, max_length=max_length, required=required)
    except ValidationError as error:
        errors[field] = validation.messages(error)
        return {}


def _unique_slug(title: Mapping[str, str]) -> str:
    source = title.get("en") or next(iter(title.values()), "")
    base = (slugify(transliterate(source)) or "initiative")[:70]
    slug, n = base, 2
    while Initiative.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def initiative_create(
    *,
    actor,
    title: Mapping[str, str],
    description: Mapping[str, str] | None = None,
    status: str = Initiative.Status.PROPOSED,
    proposed_at: str = "",
    owners: Iterable = (),
    events: Iterable = (),
    opportunities: Iterable = (),
    is_public: bool = True,
) -> Initiative:
    """An organiser records a proposal so that it has an owner and a status until it is done."""
    if not is_organiser(actor):
        raise NotPermitted(_("Only organisers can record initiatives."))
    errors: dict[str, list[str]] = {}
    title = _text(title, field="title", max_length=200, required=True, errors=errors)
    description = _text(
        description, field="description", max_length=5000, required=False, errors=errors
    )
    if status not in Initiative.Status.values:
        errors["status"] = [_("Choose a status from the list.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            title=title,
            slug=_unique_slug(title),
            description=description,
            status=status,
            proposed_at=proposed_at.strip()[:200],
            is_public=is_public,
            created_by=actor,
        )
        initiative.owners.set(list(owners))
        initiative.events.set(list(events))
        initiative.opportunities.set(list(opportunities))
        audit_log(actor=actor, action="rabta.initiative.created", obj=initiative)
    return initiative


def initiative_set_status(*, actor, initiative: Initiative, status: str) -> Initiative:
    if not permissions.can_edit(actor, initiative):
        raise NotPermitted()
    if status not in Initiative.Status.values:
        raise InvalidInput(field_errors={"status": [_("Choose a status from the list.")]})
    with transaction.atomic():
        previous = initiative.status
        initiative.status = status
        initiative.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action="rabta.initiative.status_changed",
            obj=initiative,
            data={"from": previous, "to": status},
        )
    return initiative


def milestone_add(
    *, actor, initiative: Initiative, title: Mapping[str, str], due_on: dt.date | None
) -> Milestone:
    if not permissions.can_edit(actor, initiative):
        raise NotPermitted()
    errors: dict[str, list[str]] = {}
    title = _text(title, field="title", max_length=200, required=True, errors=errors)
    if not isinstance(due_on, dt.date):
        errors["due_on"] = [_("Enter the date the milestone is due.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    with transaction.atomic():
        milestone = Milestone.objects.create(initiative=initiative, title=title, due_on=due_on)
        initiative.save(update_fields=["updated_at"])
        audit_log(actor=actor, action="rabta.initiative.milestone_added", obj=initiative)
    return milestone


def milestone_set_done(*, actor, milestone: Milestone, done_on: dt.date | None) -> Milestone:
    """Mark a milestone done on a date (or, with None, not done after all)."""
    if not permissions.can_edit(actor, milestone.initiative):
        raise NotPermitted()
    with transaction.atomic():
        milestone.done_on = done_on
        milestone.save(update_fields=["done_on"])
        audit_log(
            actor=actor,
            action="rabta.initiative.milestone_done",
            obj=milestone.initiative,
            data={"milestone": milestone.pk, "done_on": done_on.isoformat() if done_on else None},
        )
    return milestone
