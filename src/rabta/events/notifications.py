"""The e-mails of an event, each in its recipient's language (through rabta.core.mail)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable

from django.dispatch import Signal
from django.urls import reverse

from rabta.core.mail import queue_mail_to_user
from rabta.events.models import Event, MeetingRequest, Registration

# Sent once per person an event tells something (before its e-mail is queued), with ``user``,
# ``name`` (the e-mail's name: "request_received", …) and ``context`` (JSON-able, with
# ``event_id``). The notification centre (rabta.messaging, an app above this one) listens; a
# receiver that returns False keeps the e-mail from being sent (the person chose no e-mail).
person_notified = Signal()


def _wants_email(user, name: str, context: dict) -> bool:
    answers = person_notified.send(sender=Event, user=user, name=name, context=context)
    return all(answer is not False for _receiver, answer in answers)


def recipients(registration: Registration) -> list:
    """The people of a registration who hear about it: its attendees and who registered it."""
    people = {user.pk: user for user in registration.attendees.all()}
    if registration.registered_by_id and registration.registered_by_id not in people:
        people[registration.registered_by_id] = registration.registered_by
    return [people[pk] for pk in sorted(people)]


def _event_context(event: Event) -> dict:
    return {
        "event_id": event.pk,
        "event_name": event.name,
        "event_venue": event.venue,
        "event_url": reverse("events:detail", args=[event.slug]),
        "agenda_url": reverse("events:agenda", args=[event.slug]),
    }


def tell(
    users: Iterable,
    name: str,
    context: dict,
    per_user: Callable[[object], dict] | None = None,
    *,
    templates: str = "events/emails",
) -> None:
    """Tell each of ``users`` what ``name`` says about an event: the notification centre hears
    of it first (``person_notified``), then the e-mail ``<templates>/<name>.txt`` is queued in
    the person's language unless they chose no e-mail for it. ``context`` needs ``event_id``
    and ``event_name``; ``per_user(user)`` adds what depends on the recipient (times in their
    time zone). Every app's e-mail about an event goes through here."""
    for user in users:
        full = context | (per_user(user) if per_user else {})
        if not _wants_email(user, name, full):
            continue
        # The translated event name is chosen in the recipient's language inside the template.
        queue_mail_to_user(
            user_or_email=user,
            subject_template=f"{templates}/{name}_subject.txt",
            body_template=f"{templates}/{name}.txt",
            context=full,
        )


def _request_context(request: MeetingRequest) -> dict:
    return _event_context(request.event) | {
        "sender_name": request.sender.organisation.name,
        "recipient_name_org": request.recipient.organisation.name,
        "message": request.message,
        "requests_url": reverse("events:requests", args=[request.event.slug]),
    }


def request_received(request: MeetingRequest) -> None:
    tell(recipients(request.recipient), "request_received", _request_context(request))


def request_accepted(request: MeetingRequest) -> None:
    tell(recipients(request.sender), "request_accepted", _request_context(request))


def request_declined(request: MeetingRequest) -> None:
    tell(recipients(request.sender), "request_declined", _request_context(request))


def agenda_lines(event: Event, entries: list, zone: str | None = None) -> list[str]:
    """The agenda as lines of text in the active language: when (in ``zone``, the reader's; the
    event's own time beside when it differs), what, where, interpreter."""
    from django.utils import formats, timezone, translation
    from django.utils.translation import gettext as _

    from rabta.core.i18n import localized

    zone = zone or event.time_zone
    tz = zoneinfo.ZoneInfo(zone)
    comma = "، " if translation.get_language_bidi() else ", "  # Urdu (and Arabic-script) comma
    lines = []
    for entry in entries:
        start = timezone.localtime(entry.start, tz)
        end = timezone.localtime(entry.end, tz)
        parts = [f"{formats.date_format(start, 'j E')}{comma}{start:%H:%M}–{end:%H:%M}"]
        if zone != event.time_zone:
            there = timezone.localtime(entry.start, event.tz)
            parts[0] += " (" + _("%(time)s at the event") % {"time": f"{there:%H:%M}"} + ")"
        if entry.is_programme:
            item = entry.item
            parts += [f"{item.get_kind_display()}: {localized(item.title)}", item.room]
        elif getattr(entry, "is_group", False):
            group = entry.group
            parts.append(_("Group session: %(topic)s") % {"topic": group.topic})
            parts.append(str(group.table) if group.table_id else localized(event.venue))
            if group.interpreter_id:
                parts.append(_("Interpreter: %(name)s") % {"name": group.interpreter.name})
        else:
            meeting = entry.meeting
            parts.append(_("Meeting with %(name)s") % {"name": entry.partner.organisation})
            if meeting.is_online:
                parts.append(
                    _("Online meeting (video call): %(link)s") % {"link": meeting.video_link or "—"}
                )
            else:
                parts.append(meeting.place or localized(event.venue))
            if meeting.interpreter_id:
                parts.append(_("Interpreter: %(name)s") % {"name": meeting.interpreter.name})
        lines.append(" · ".join(part for part in parts if part))
    return lines


def agenda_mail_context(
    event: Event, entries: list, language: str, zone: str | None = None
) -> dict:
    """The context of an agenda e-mail (published or changed): the event's links and the agenda
    itself as lines written in ``language``, times in ``zone`` (the recipient's)."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from rabta.core.time_zones import zone_name

    zone = zone or event.time_zone
    with translation.override(language):
        lines = agenda_lines(event, entries, zone)
        if zone == event.time_zone:
            note = _("Times in %(zone)s.") % {"zone": zone_name(zone)}
        else:
            note = _("Times in your time zone, %(zone)s; the event is in %(event_zone)s.") % {
                "zone": zone_name(zone),
                "event_zone": zone_name(event.time_zone),
            }
    return _event_context(event) | {"agenda_lines": lines, "zone_note": note if lines else ""}


def reminder(event: Event, registration: Registration, meetings: int) -> None:
    tell(recipients(registration), "reminder", _event_context(event) | {"meetings": meetings})


def co_organiser_appointed(co_organiser) -> None:
    """Tell the appointed organisation's administrators, each in their own language."""
    from rabta.organisations.models import Member

    event = co_organiser.event
    organisation = co_organiser.organisation
    admins = [
        m.user
        for m in organisation.members.select_related("user").filter(
            role=Member.Role.ADMIN, user__is_active=True
        )
    ]
    tell(
        admins,
        "co_organiser_appointed",
        _event_context(event)
        | {
            "organisation_name": dict(organisation.name),
            "registrations_url": reverse("events:registrations", args=[event.slug]),
            "dashboard_url": reverse("reports:dashboard") + f"?event={event.slug}",
        },
    )


# ---------------------------------------------------------------- single meetings and request rules


def when_for(event: Event, moment, user=None) -> str:
    """``moment`` in the recipient's time zone and language, as their agenda page says it
    ("10 марта 2027, 08:00", as the agenda e-mails' lines; no "a.m." to end a sentence twice),
    the zone named as they say it when it is not the event's ("(Москва)", not
    "(Europe/Moscow)")."""
    from django.utils import formats, timezone, translation

    from rabta.core.time_zones import zone_name

    zone = getattr(user, "time_zone", "") or event.time_zone
    language = getattr(user, "language", "") or translation.get_language()
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(zone))
    with translation.override(language):
        comma = "، " if translation.get_language_bidi() else ", "  # Urdu comma
        text = f"{formats.date_format(local, 'j E Y')}{comma}{local:%H:%M}"
        return text if zone == event.time_zone else f"{text} ({zone_name(zone)})"


def request_arranged(request: MeetingRequest) -> None:
    """The organiser arranged a meeting: both sides hear who they meet."""
    context = _request_context(request)
    for mine, other in ((request.sender, request.recipient), (request.recipient, request.sender)):
        tell(
            recipients(mine),
            "request_arranged",
            context | {"partner_name": other.organisation.name, "required": request.required},
        )


def request_withdrawn(request: MeetingRequest) -> None:
    tell(recipients(request.recipient), "request_withdrawn", _request_context(request))


def meeting_cancelled(
    request: MeetingRequest, registration: Registration, *, when, by_organiser: bool
) -> None:
    """Tell ``registration`` (one side) that its meeting at ``when`` is cancelled, and why."""
    other = request.other(registration)
    tell(
        recipients(registration),
        "meeting_cancelled",
        _request_context(request)
        | {
            "partner_name": other.organisation.name,
            "by_organiser": by_organiser,
            "reason": request.cancel_reason,
        },
        per_user=lambda user: {"when": when_for(request.event, when, user)},
    )


def registration_cancelled(event: Event, cancelled: Registration, partner: Registration) -> None:
    tell(
        recipients(partner),
        "registration_cancelled",
        _event_context(event) | {"partner_name": cancelled.organisation.name},
    )


def meeting_not_placed(
    request: MeetingRequest, *, reason: str, full_registration_id: int | None
) -> None:
    """Both sides: the meeting they agreed after publication found no place, and why."""
    full = {request.sender_id: request.sender, request.recipient_id: request.recipient}.get(
        full_registration_id
    )
    for mine in (request.sender, request.recipient):
        other = request.other(mine)
        tell(
            recipients(mine),
            "meeting_not_placed",
            _request_context(request)
            | {
                "partner_name": other.organisation.name,
                "reason": reason,
                "full_name": full.organisation.name if full else "",
            },
        )


def request_reminder(request: MeetingRequest) -> None:
    tell(recipients(request.recipient), "request_reminder", _request_context(request))


def request_expired(request: MeetingRequest) -> None:
    tell(recipients(request.sender), "request_expired", _request_context(request))


def request_cancelled_on_leaving(request: MeetingRequest, leaving: Registration) -> None:
    """Tell the other side that a request (pending, or accepted with no meeting yet) is off
    because the only person attending for ``leaving`` has left rabta."""
    other = request.other(leaving)
    context = _event_context(request.event) | {"leaving_org": leaving.organisation.name}
    tell(recipients(other), "request_cancelled_on_leaving", context)


def meeting_offered(offer) -> None:
    """The participant whose partner did not come is offered a meeting in the same slot."""
    event = offer.event
    tell(
        recipients(offer.participant),
        "meeting_offered",
        _event_context(event) | {"partner_name": offer.partner.organisation.name},
        per_user=lambda user: {"when": when_for(event, offer.slot.start, user)},
    )


def offered_meeting_accepted(offer, meeting) -> None:
    """The participant on the waiting list hears whom they meet now, and where."""
    event = offer.event
    tell(
        recipients(offer.partner),
        "offered_meeting_accepted",
        _event_context(event)
        | {"partner_name": offer.participant.organisation.name, "place": meeting.place},
        per_user=lambda user: {"when": when_for(event, offer.slot.start, user)},
    )
