"""Publishing at any size: agendas e-mailed by a background task, in batches, exactly once."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from rabta.events import publication, schedule
from rabta.events.models import AgendaDelivery, Meeting, ScheduleVersion, Session, Slot
from tests.events.conftest import accepted, make_participant, rep


class StoppingBackend(EmailBackend):
    """Hands ``limit`` messages to the outbox, then the worker is stopped (KeyboardInterrupt)."""

    limit = 0

    def send_messages(self, messages):
        if len(mail.outbox) >= StoppingBackend.limit:
            raise KeyboardInterrupt
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """The mail server refuses the addresses in ``refused``."""

    refused: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & RefusingBackend.refused:
                raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


def queued(callbacks) -> list:
    """The callbacks run after the commit that queue work (not the cache's version bumps)."""
    return [c for c in callbacks if c.__module__ != "rabta.core.cache"]


@pytest.fixture
def scheduled(event, organiser, participants):
    """Four participants, four accepted requests, placed in the working schedule."""
    surgical, ural, kazan, forward = participants
    slots = list(Slot.objects.for_event(event).order_by("start"))
    for position, (a, b) in enumerate(
        [(surgical, ural), (surgical, kazan), (forward, kazan), (forward, ural)]
    ):
        request = accepted(a, b)
        Meeting.objects.create(
            event=event, request=request, slot=slots[position // 2], stand=f"S{position}"
        )
    return participants


def agenda_mails(outbox):
    return sorted(m.to[0] for m in outbox if "/agenda/" in m.body)


def publish(event, organiser, capture):
    with capture(execute=True):
        version = schedule.schedule_publish(actor=organiser, event=event)
    version.refresh_from_db()
    return version


def test_publishing_queues_the_agendas_and_the_task_sends_each_once(
    event, organiser, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = schedule.schedule_publish(actor=organiser, event=event)
    # The request itself sends nothing: one task is queued for after the commit.
    assert mailoutbox == [] and len(queued(callbacks)) == 1
    assert version.delivery == ScheduleVersion.Delivery.QUEUED
    queued(callbacks)[0]()
    version.refresh_from_db()
    expected = sorted(rep(r).email for r in scheduled)
    assert agenda_mails(mailoutbox) == expected
    assert (version.delivery, version.delivery_total, version.delivery_sent) == ("done", 4, 4)
    assert AgendaDelivery.objects.for_event(event).filter(sent_at=None).count() == 0
    # Running the task again (a retry, a second worker) sends nothing more.
    publication.agenda_delivery_run(version_id=version.pk)
    assert agenda_mails(mailoutbox) == expected


def test_a_stopped_delivery_run_resumes_without_sending_anyone_twice(
    event, organiser, scheduled, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.events.test_publication.StoppingBackend"
    StoppingBackend.limit = 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = schedule.schedule_publish(actor=organiser, event=event)
    with pytest.raises(KeyboardInterrupt):
        publication.agenda_delivery_run(version_id=version.pk, batch_size=3)
    assert len(agenda_mails(mail.outbox)) == 2
    version.refresh_from_db()
    assert version.delivery == "sending"
    assert AgendaDelivery.objects.for_event(event).exclude(sent_at=None).count() == 2
    StoppingBackend.limit = 100
    publication.agenda_delivery_run(version_id=version.pk, batch_size=3)
    assert agenda_mails(mail.outbox) == sorted(rep(r).email for r in scheduled)
    version.refresh_from_db()
    assert (version.delivery, version.delivery_sent) == ("done", 4)
    assert len(queued(callbacks)) == 1


def test_refused_addresses_are_reported_and_sent_again_on_request(
    event, organiser, scheduled, settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.events.test_publication.RefusingBackend"
    refused = rep(scheduled[1]).email
    RefusingBackend.refused = {refused}
    version = publish(event, organiser, django_capture_on_commit_callbacks)
    assert (version.delivery, version.delivery_sent, version.delivery_failed) == ("failed", 3, 1)
    assert refused not in agenda_mails(mail.outbox)
    client.force_login(organiser)
    page = client.get(reverse("events:schedule", args=[event.slug])).content.decode()
    assert "1 e-mail could not be sent." in page
    assert 'id="delivery-resume"' in page
    RefusingBackend.refused = set()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:delivery_resume", args=[event.slug, version.pk]))
    assert response.status_code == 302
    mails = agenda_mails(mail.outbox)
    assert mails.count(refused) == 1 and len(mails) == 4
    version.refresh_from_db()
    assert (version.delivery, version.delivery_sent, version.delivery_failed) == ("done", 4, 0)
    # Nothing left to send: asking again is refused with a message, nothing is sent.
    response = client.post(
        reverse("events:delivery_resume", args=[event.slug, version.pk]), follow=True
    )
    assert "have all been sent" in response.content.decode()
    assert len(agenda_mails(mail.outbox)) == 4


def test_the_schedule_page_shows_the_delivery_progress(
    event, organiser, scheduled, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        version = schedule.schedule_publish(actor=organiser, event=event)
    client.force_login(organiser)
    url = reverse("events:delivery_progress", args=[event.slug, version.pk])
    queued = client.get(url).content.decode()
    assert "Waiting to be sent" in queued and f'hx-get="{url}"' in queued
    publication.agenda_delivery_run(version_id=version.pk)
    done = client.get(url).content.decode()
    assert "4 of 4" in done and "hx-get" not in done
    # Another organiser's event: not found.
    assert (
        client.get(reverse("events:delivery_progress", args=["nope", version.pk])).status_code
        == 404
    )


def test_a_sending_whose_worker_died_says_it_stopped_not_sending(
    event, organiser, scheduled, client, django_capture_on_commit_callbacks
):
    """Its worker killed (kill -9) mid-delivery, the card said 'Sending, 0 of 96' for ever."""
    import datetime as dt

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        version = schedule.schedule_publish(actor=organiser, event=event)
    versions = ScheduleVersion.objects.for_event(event).filter(pk=version.pk)
    versions.update(delivery="sending", delivery_updated_at=timezone.now())
    client.force_login(organiser)
    url = reverse("events:delivery_progress", args=[event.slug, version.pk])
    busy = client.get(url).content.decode()
    assert "Sending stopped" not in busy and 'id="delivery-resume"' not in busy
    seconds = publication.STALLED_AFTER + 1
    versions.update(delivery_updated_at=timezone.now() - dt.timedelta(seconds=seconds))
    stopped = client.get(url).content.decode()
    assert "Sending stopped answering" in stopped and 'id="delivery-resume"' in stopped


def test_the_schedule_page_pages_and_filters_meetings(event, organiser, client, monkeypatch):
    from rabta.events import selectors

    monkeypatch.setattr(selectors, "SCHEDULE_PAGE_SIZE", 4)
    session = Session.objects.for_event(event).first()
    people = [make_participant(event, f"Company {n:02d}") for n in range(12)]
    slots = list(Slot.objects.for_event(event).order_by("start"))
    for pair in range(6):
        a, b = people[2 * pair], people[2 * pair + 1]
        request = accepted(a, b)
        Meeting.objects.create(
            event=event, request=request, slot=slots[pair % len(slots)], stand=f"S{pair}"
        )
    client.force_login(organiser)
    url = reverse("events:schedule", args=[event.slug])
    first = client.get(url).content.decode()
    assert "6 meetings." in first and "Page 1 of 2" in first
    assert first.count("<bdi>Company") == 8  # four meetings, two participants each
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second and second.count("<bdi>Company") == 4
    hits = client.get(url, {"q": "company 07"}).content.decode()
    assert "1 meeting." in hits and "Company 06" in hits and "Company 09" not in hits
    none = client.get(url, {"q": "nobody at all", "session": session.pk}).content.decode()
    assert "No meeting matches these filters." in none
    # A page number past the end shows the last page, never an error.
    assert "Page 2 of 2" in client.get(url, {"page": 99}).content.decode()
