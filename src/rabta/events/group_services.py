"""Writes for the meeting formats of issue 17: representatives who meet in parallel, and
group sessions (1:n).

- ``representatives_update``: an organisation's representatives meet in parallel (each
  attendee has an agenda of their own) or together, and each one's languages;
- ``group_session_create``: a participant (or the organiser for them) hosts a group session
  with a topic and a capacity;
- ``group_session_join``: a participant asks to join; ``group_member_decide``: the host or
  the organiser accepts (within the capacity) or declines.

The scheduler places the group sessions that have accepted members (``engine.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.core import validation
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.events.group_models import GroupMember, GroupSession
from rabta.events.models import Badge, Event, Registration, validate_languages
from rabta.events.permissions import acts_for, can_manage, require_acts_for

MAX_TOPIC = 200


def _clean_languages(codes) -> list[str]:
    codes = sorted({str(c).strip().lower() for c in codes or [] if str(c).strip()})
    try:
        validate_languages(codes)
    except ValidationError as error:
        raise InvalidInput(field_errors={"languages": validation.messages(error)}) from error
    return codes


def _person_of(registration: Registration, person: Badge | None) -> Badge | None:
    if person is not None and person.registration_id != registration.pk:
        raise InvalidInput(
            field_errors={"person": [_("This person does not attend for this organisation.")]}
        )
    return person


@transaction.atomic
def representatives_update(
    *,
    actor,
    registration: Registration,
    separate: bool,
    languages: dict[int, list[str]] | None = None,
) -> Registration:
    """Whether ``registration``'s representatives meet in parallel, and each one's languages
    (badge pk -> language codes; empty: the organisation's)."""
    require_acts_for(actor, registration)
    badges = {
        b.pk: b
        for b in Badge.objects.for_event(registration.event).filter(registration=registration)
    }
    unknown = sorted(set(languages or {}) - set(badges))
    if unknown:
        raise InvalidInput(
            field_errors={"languages": [_("This person does not attend for this organisation.")]}
        )
    if separate and not badges:
        raise InvalidInput(
            field_errors={
                "separate_agendas": [
                    _("Add the people who attend first: each of them gets an agenda.")
                ]
            }
        )
    for pk, codes in (languages or {}).items():
        badge = badges[pk]
        badge.languages = _clean_languages(codes)
        badge.save(update_fields=["languages"])
    registration.separate_agendas = separate
    registration.save(update_fields=["separate_agendas"])
    audit_log(
        actor=actor,
        action="rabta.event.representatives.updated",
        obj=registration,
        data={"separate": separate, "languages": {str(k): v for k, v in (languages or {}).items()}},
    )
    return registration


@transaction.atomic
def group_session_create(
    *,
    actor,
    event: Event,
    host: Registration,
    topic: str,
    capacity: int,
    host_person: Badge | None = None,
) -> GroupSession:
    """``host`` offers a group session on ``topic`` for at most ``capacity`` participants."""
    if host.event_id != event.pk:
        raise NotFound()
    require_acts_for(actor, host)
    if not host.is_approved:
        raise InvalidInput(_("Your registration has not been approved yet."))
    topic = (topic or "").strip()
    errors: dict[str, list[str]] = {}
    if not topic:
        errors["topic"] = [_("Give the group session a topic.")]
    elif len(topic) > MAX_TOPIC:
        errors["topic"] = [_("Keep the topic under 200 characters.")]
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    seats = max((t.seats for t in event.tables.all()), default=0)
    if not 1 <= capacity <= 50:
        errors["capacity"] = [_("The capacity must be between 1 and 50 participants.")]
    elif capacity + 1 > seats:
        errors["capacity"] = [
            ngettext(
                "No table of this event seats the host and %(count)s participant; the largest "
                "seats %(seats)s.",
                "No table of this event seats the host and %(count)s participants; the largest "
                "seats %(seats)s.",
                capacity,
            )
            % {"count": capacity, "seats": seats}
        ]
    if errors:
        raise InvalidInput(field_errors=errors)
    group = GroupSession.objects.create(
        event=event,
        host=host,
        host_person=_person_of(host, host_person),
        topic=topic,
        capacity=capacity,
    )
    audit_log(actor=actor, action="rabta.event.group.created", obj=group, data={"topic": topic})
    return group


@transaction.atomic
def group_session_join(
    *, actor, group: GroupSession, registration: Registration, person: Badge | None = None
) -> GroupMember:
    """``registration`` asks to join ``group`` (the host or the organiser decides)."""
    if registration.event_id != group.event_id:
        raise NotFound()
    require_acts_for(actor, registration)
    if registration.pk == group.host_id:
        raise InvalidInput(_("You host this group session."))
    if not registration.is_approved:
        raise InvalidInput(_("Your registration has not been approved yet."))
    try:
        with transaction.atomic():
            member = GroupMember.objects.create(
                event_id=group.event_id,
                group=group,
                registration=registration,
                person=_person_of(registration, person),
            )
    except IntegrityError as error:
        raise InvalidInput(_("You have already asked to join this group session.")) from error
    return member


def can_decide_group(user, group: GroupSession) -> bool:
    return acts_for(user, group.host) or can_manage(user, group.event)


@transaction.atomic
def group_member_decide(*, actor, member: GroupMember, accept: bool) -> GroupMember:
    """The host or the organiser accepts (within the capacity) or declines a request to join."""
    group = (
        GroupSession.objects.for_event(member.event)
        .select_for_update()
        .select_related("host", "event")
        .get(pk=member.group_id)
    )
    if not can_decide_group(actor, group):
        raise NotPermitted()
    if accept and member.status != GroupMember.Status.ACCEPTED:
        taken = (
            GroupMember.objects.for_event(group.event)
            .filter(group=group, status=GroupMember.Status.ACCEPTED)
            .count()
        )
        if taken >= group.capacity:
            raise InvalidInput(
                ngettext(
                    "The group session is full: it takes %(count)s participant.",
                    "The group session is full: it takes %(count)s participants.",
                    group.capacity,
                )
                % {"count": group.capacity}
            )
    member.status = GroupMember.Status.ACCEPTED if accept else GroupMember.Status.DECLINED
    member.decided_at = timezone.now()
    member.save(update_fields=["status", "decided_at"])
    audit_log(
        actor=actor,
        action="rabta.event.group.member_decided",
        obj=group,
        data={"registration": member.registration_id, "accepted": accept},
    )
    return member
