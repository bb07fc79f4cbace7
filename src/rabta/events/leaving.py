"""A person leaving rabta (accounts.signals): meetings nobody else attends for their
organisation are cancelled and the other side is told, each in their own language; their
registrations, requests and meetings go into their data export."""

from __future__ import annotations

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from rabta.accounts.signals import account_closing, account_data_requested
from rabta.core.audit import audit_log
from rabta.events import meeting_services, notifications
from rabta.events.models import Meeting, MeetingRequest, Registration, SignUp

LIVE = [MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED]


@receiver(account_closing, dispatch_uid="rabta.events.cancel_meetings_of_the_leaving")
def cancel_meetings_of_the_leaving(sender, user, **kwargs) -> None:
    now = timezone.now()
    for registration in Registration.objects.unscoped().select_for_update().filter(attendees=user):
        if registration.attendees.exclude(pk=user.pk).exists():
            registration.attendees.remove(user)
            continue  # a colleague still attends: the meetings stay
        requests = (
            MeetingRequest.objects.for_event(registration.event)
            .select_related("event", "sender__organisation", "recipient__organisation")
            .filter(Q(sender=registration) | Q(recipient=registration), status__in=LIVE)
        )
        for request in requests:
            meeting = (
                Meeting.objects.for_event(request.event)
                .filter(request=request)
                .select_related("slot")
                .first()
            )
            if meeting is not None:
                if meeting.slot.start > now:
                    # Cancelled as their side would cancel it: the other side is told.
                    meeting_services.meeting_cancel(actor=user, meeting=meeting, now=now)
                continue  # started or held already: history stays as it was
            request.status = MeetingRequest.Status.CANCELLED
            request.cancelled_by = registration
            request.answered_at = request.answered_at or now
            request.save(update_fields=["status", "cancelled_by", "answered_at"])
            notifications.request_cancelled_on_leaving(request, registration)
            audit_log(
                actor=None,
                action="rabta.event.request.cancelled_on_leaving",
                obj=request,
                data={"event": request.event_id},
            )
        registration.attendees.remove(user)


def _names(registration: Registration) -> dict:
    return {"event": registration.event.name, "organisation": registration.organisation.name}


@receiver(account_data_requested, dispatch_uid="rabta.events.export_event_data")
def export_event_data(sender, user, **kwargs) -> dict:
    registrations = list(
        Registration.objects.unscoped()
        .select_related("event", "organisation")
        .filter(Q(attendees=user) | Q(registered_by=user))
        .distinct()
    )
    requests = (
        MeetingRequest.objects.unscoped()
        .select_related("sender__organisation", "recipient__organisation", "event")
        .filter(Q(sender__in=registrations) | Q(recipient__in=registrations))
        .order_by("created_at", "id")
    )
    meetings = (
        Meeting.objects.unscoped()
        .select_related(
            "slot", "table", "request__sender__organisation", "request__recipient__organisation"
        )
        .filter(Q(request__sender__in=registrations) | Q(request__recipient__in=registrations))
        .order_by("slot__start", "id")
    )
    return {
        "event_registrations": [
            {
                **_names(registration),
                "status": registration.status,
                "attending": registration.attendees.filter(pk=user.pk).exists(),
                "registered_by_me": registration.registered_by_id == user.pk,
                "languages": list(registration.languages),
                "created_at": registration.created_at.isoformat(),
            }
            for registration in registrations
        ],
        "meeting_requests": [
            {
                "event": request.event.name,
                "from": request.sender.organisation.name,
                "to": request.recipient.organisation.name,
                "message": request.message,
                "status": request.status,
                "created_at": request.created_at.isoformat(),
                "answered_at": request.answered_at.isoformat() if request.answered_at else None,
            }
            for request in requests
        ],
        "meetings": [
            {
                "between": [
                    meeting.request.sender.organisation.name,
                    meeting.request.recipient.organisation.name,
                ],
                "starts_at": meeting.slot.start.isoformat(),
                "ends_at": meeting.slot.end.isoformat(),
                "place": str(meeting.place),
                "status": meeting.status,
            }
            for meeting in meetings
        ],
        "programme_signups": [
            {"item": signup.item.title, "status": signup.status}
            for signup in SignUp.objects.unscoped().select_related("item").filter(user=user)
        ],
    }
