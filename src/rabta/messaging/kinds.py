"""What each kind of notification says (a whole sentence, translated when it is shown), which
e-mail category it belongs to, and which name from the e-mail's context is the other side."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from rabta.core.i18n import localized


@dataclass(frozen=True)
class Kind:
    category: str  # a field of EmailChoice; "" for what always goes by e-mail too
    text: object  # a lazy sentence with %(event)s and, where it has one, %(partner)s
    partner_key: str = ""  # the e-mail context's key naming the other organisation
    link_key: str = "event_url"  # the e-mail context's key of the page to open


KINDS: dict[str, Kind] = {
    "request_received": Kind(
        "requests", _("%(partner)s asked to meet you at %(event)s."), "sender_name", "requests_url"
    ),
    "request_reminder": Kind(
        "requests",
        _("A meeting request from %(partner)s at %(event)s is waiting for your answer."),
        "sender_name",
        "requests_url",
    ),
    "request_withdrawn": Kind(
        "requests",
        _("%(partner)s withdrew its meeting request at %(event)s."),
        "sender_name",
        "requests_url",
    ),
    "request_accepted": Kind(
        "answers",
        _("%(partner)s accepted your meeting request at %(event)s."),
        "recipient_name_org",
        "requests_url",
    ),
    "request_declined": Kind(
        "answers",
        _("%(partner)s declined your meeting request at %(event)s."),
        "recipient_name_org",
        "requests_url",
    ),
    "request_expired": Kind(
        "answers",
        _("Your meeting request to %(partner)s at %(event)s expired without an answer."),
        "recipient_name_org",
        "requests_url",
    ),
    "request_arranged": Kind(
        "answers",
        _("The organisers arranged a meeting with %(partner)s at %(event)s."),
        "partner_name",
        "requests_url",
    ),
    "meeting_cancelled": Kind(
        "changes",
        _("Your meeting with %(partner)s at %(event)s is cancelled."),
        "partner_name",
        "agenda_url",
    ),
    "registration_cancelled": Kind(
        "changes",
        _("%(partner)s cancelled its registration for %(event)s."),
        "partner_name",
        "agenda_url",
    ),
    "meeting_not_placed": Kind(
        "changes",
        _("Your meeting with %(partner)s at %(event)s found no place in the schedule."),
        "partner_name",
        "requests_url",
    ),
    "request_cancelled_on_leaving": Kind(
        "changes",
        _("Your meeting request with %(partner)s at %(event)s is off: they left rabta."),
        "leaving_org",
        "requests_url",
    ),
    "meeting_offered": Kind(
        "changes",
        _("You are offered a meeting with %(partner)s at %(event)s."),
        "partner_name",
        "agenda_url",
    ),
    "offered_meeting_accepted": Kind(
        "changes",
        _("%(partner)s accepted the meeting offered at %(event)s."),
        "partner_name",
        "agenda_url",
    ),
    "agenda_published": Kind(
        "changes", _("Your agenda for %(event)s is published."), "", "agenda_url"
    ),
    "agenda_changed": Kind(
        "changes", _("Your agenda for %(event)s has changed."), "", "agenda_url"
    ),
    "reminder": Kind("changes", _("%(event)s is coming soon: see your agenda."), "", "agenda_url"),
    "co_organiser_appointed": Kind(
        "changes", _("Your organisation is now a co-organiser of %(event)s."), "", "event_url"
    ),
    "programme_promoted": Kind(
        "changes",
        _("A place opened for you at %(partner)s, %(event)s."),
        "item_title",
        "item_url",
    ),
    # No category: surveys always go by e-mail too (the organisers count on the answers).
    "feedback_request": Kind(
        "", _("How did your meetings at %(event)s go? Tell the organisers."), "", "url"
    ),
    "outcome_survey": Kind(
        "", _("Some months after %(event)s: did your meetings lead to business?"), "", "url"
    ),
    "message": Kind("messages", _("New message from %(partner)s about %(event)s."), "partner"),
    "announcement": Kind("announcements", _("The organisers of %(event)s sent an announcement.")),
}

# A kind added to the events' e-mails later, before it has its own sentence here.
OTHER = Kind("changes", _("News about %(event)s."))


def kind_of(name: str) -> Kind:
    return KINDS.get(name, OTHER)


def sentence(notification) -> str:
    """The notification's sentence in the active language; names in the reader's language."""
    params = notification.params or {}
    return str(kind_of(notification.kind).text) % {
        "event": localized(params.get("event")) or "—",
        "partner": localized(params.get("partner")) or "—",
    }
