"""E-mailing the agendas of a published schedule version, in the background and in batches.

Publishing (schedule.py) only writes the meetings and a :class:`ScheduleVersion`, then queues
:func:`agenda_delivery_run`. The run plans one :class:`AgendaDelivery` per recipient (idempotent:
a unique constraint), then sends them batch by batch, with progress on the version. Each
delivery is claimed by a conditional update of its ``sent_at`` before its message is handed to
the mail server, so two runs never send the same e-mail and a run that is killed can be run
again: it sends exactly what is still unsent. (The price of "never twice": an e-mail in flight at
the very moment a worker is killed outright, SIGKILL or power loss, is not sent again; a worker
that is stopped releases it.) A message the mail server refuses is
released for the next run and counted as failed.

No transaction spans more than one statement; no row of the event is locked while e-mailing.
"""

from __future__ import annotations

import logging

from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput
from rabta.core.mail import mail_language, send_mail_to_user
from rabta.events import notifications
from rabta.events.group_selectors import own_items
from rabta.events.models import AgendaDelivery, Event, Registration, ScheduleVersion
from rabta.events.permissions import require_manager
from rabta.events.programme import merged_agendas

logger = logging.getLogger(__name__)

BATCH_SIZE = 50  # e-mails per batch: one mail-server connection and one progress write each
STALLED_AFTER = 120  # seconds without progress after which the organiser may send again


def _target_registrations(version: ScheduleVersion):
    """Everyone the first time; afterwards the participants whose agenda changed (but those told
    in another e-mail, such as a cancelled meeting's)."""
    registrations = Registration.objects.for_event(version.event).filter(
        status=Registration.Status.APPROVED
    )
    if version.number > 1:
        registrations = registrations.filter(pk__in=version.changed_registrations).exclude(
            pk__in=version.told_otherwise
        )
    return registrations.prefetch_related("attendees").select_related("registered_by")


def agenda_deliveries_plan(version: ScheduleVersion) -> int:
    """One delivery per recipient of ``version`` (created once: running it again adds nothing).
    Returns the number of deliveries."""
    rows = []
    for registration in _target_registrations(version).iterator(chunk_size=500):
        for user in notifications.recipients(registration):
            if user.email:
                rows.append(
                    AgendaDelivery(
                        event=version.event,
                        version=version,
                        registration=registration,
                        user=user,
                        address=user.email,
                        language=mail_language(None, getattr(user, "language", "")),
                    )  # fmt: skip
                )
    AgendaDelivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    total = AgendaDelivery.objects.for_event(version.event).filter(version=version).count()
    ScheduleVersion.objects.for_event(version.event).filter(pk=version.pk).update(
        delivery_total=total, delivery_updated_at=timezone.now()
    )
    return total


def _send_one(delivery: AgendaDelivery, entries: list, template: str, connection) -> None:
    event = delivery.version.event
    send_mail_to_user(
        user_or_email=delivery.user or delivery.address,
        language=delivery.language,
        subject_template=f"events/emails/{template}_subject.txt",
        body_template=f"events/emails/{template}.txt",
        context=notifications.agenda_mail_context(
            event, entries, delivery.language, getattr(delivery.user, "time_zone", "") or None
        ),
        connection=connection,
    )
    if delivery.user is not None:  # the notification centre lists it too (the e-mail always goes)
        notifications.person_notified.send(
            sender=Event, user=delivery.user, name=template,
            context=notifications._event_context(event),
        )  # fmt: skip


def _send_batch(version: ScheduleVersion, batch: list[AgendaDelivery], template: str) -> int:
    """Send one batch over one connection; returns how many this run sent."""
    event = version.event
    registrations = {d.registration_id: d.registration for d in batch}
    for registration in registrations.values():
        registration.event = event
    agendas = merged_agendas(event, list(registrations.values()))  # three queries a batch
    sent = 0
    with get_connection() as connection:
        for delivery in batch:
            claimed = (
                AgendaDelivery.objects.for_event(event)
                .filter(pk=delivery.pk, sent_at=None)
                .update(sent_at=timezone.now(), error="")
            )
            if not claimed:  # another run sent it meanwhile
                continue
            delivery.version = version
            try:
                entries = own_items(  # a representative meeting in parallel: their own
                    registrations[delivery.registration_id],
                    delivery.user,
                    agendas[delivery.registration_id],
                )
                _send_one(delivery, entries, template, connection)
            except Exception as error:  # released for the next run, counted as failed
                logger.exception("Agenda e-mail %s could not be sent", delivery.pk)
                AgendaDelivery.objects.for_event(event).filter(pk=delivery.pk).update(
                    sent_at=None, error=str(error)[:500]
                )
            except BaseException:  # the worker is stopping: release the claim, then stop
                AgendaDelivery.objects.for_event(event).filter(pk=delivery.pk).update(sent_at=None)
                raise
            else:
                sent += 1
    return sent


def agenda_delivery_run(*, version_id: int, batch_size: int = BATCH_SIZE) -> ScheduleVersion | None:
    """The background task's body: plan, then send every unsent agenda of the version."""
    version = (
        ScheduleVersion.objects.unscoped().select_related("event").filter(pk=version_id).first()
    )
    if version is None:
        return None
    event = version.event
    versions = ScheduleVersion.objects.for_event(event).filter(pk=version.pk)
    versions.update(delivery=ScheduleVersion.Delivery.SENDING, delivery_updated_at=timezone.now())
    agenda_deliveries_plan(version)
    template = "agenda_published" if version.number == 1 else "agenda_changed"
    pending = AgendaDelivery.objects.for_event(event).filter(version=version, sent_at=None)
    last = 0
    while True:
        batch = list(
            pending.filter(pk__gt=last)
            .select_related("user", "registration__organisation")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            break
        last = batch[-1].pk
        _send_batch(version, batch, template)
        sent = AgendaDelivery.objects.for_event(event).filter(version=version).exclude(sent_at=None)
        versions.update(delivery_sent=sent.count(), delivery_updated_at=timezone.now())
    failed = pending.count()
    versions.update(
        delivery=ScheduleVersion.Delivery.FAILED if failed else ScheduleVersion.Delivery.DONE,
        delivery_failed=failed,
        delivery_sent=F("delivery_total") - failed,
        delivery_updated_at=timezone.now(),
    )
    version.refresh_from_db()
    return version


def delivery_is_stalled(version: ScheduleVersion, now=None) -> bool:
    """Failed, or queued/sending without progress for a while (its worker was lost)."""
    if version.delivery == ScheduleVersion.Delivery.FAILED:
        return True
    if version.delivery == ScheduleVersion.Delivery.DONE:
        return False
    last = version.delivery_updated_at or version.published_at
    return ((now or timezone.now()) - last).total_seconds() > STALLED_AFTER


def agenda_delivery_resume(*, actor, version: ScheduleVersion) -> ScheduleVersion:
    """Send what is still unsent of a version whose delivery failed or stalled."""
    from rabta.events.tasks import deliver_agendas

    require_manager(actor, version.event)
    if not delivery_is_stalled(version):
        raise InvalidInput(_("These agendas are being sent or have all been sent."))
    ScheduleVersion.objects.for_event(version.event).filter(pk=version.pk).update(
        delivery=ScheduleVersion.Delivery.QUEUED, delivery_updated_at=timezone.now()
    )
    audit_log(
        actor=actor, action="rabta.event.agendas.resent", obj=version.event,
        data={"version": version.number},
    )  # fmt: skip
    deliver_agendas.enqueue(version_id=version.pk)
    version.refresh_from_db()
    return version
