"""The day runs itself: from check-in (per person) to a no-show and a meeting offered from the
waiting list, accepted, held, and counted on the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from rabta.events import day, schedule
from rabta.events.models import Badge, Meeting, MeetingOffer, MeetingSeat
from rabta.reports.selectors import dashboard
from tests.events.conftest import make_participant, rep
from tests.events.test_meeting_control import meeting_of, publish_by_hand
from tests.factories import DEFAULT_PASSWORD


@pytest.fixture
def published(event, organiser, participants, mailoutbox):
    return publish_by_hand(event, organiser, participants, mailoutbox)


def badge_of(registration) -> Badge:
    return Badge.objects.get(registration=registration, person=rep(registration))


def test_check_in_no_show_offer_accept_held_and_counted(
    client, event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    first = meeting_of(event, surgical, ural)  # slot 0; Forward and Kazan are free then
    later = meeting_of(event, surgical, kazan)  # slot 1
    start = first.slot.start
    forward.waiting_list = True
    forward.save()
    # Surgical's and Forward's people scan their badges before the day starts; Ural never comes.
    for registration in (surgical, forward, kazan):
        scanned = f"rabta:{event.slug}:{badge_of(registration).code}"
        done = schedule.check_in(
            actor=organiser, event=event, code=scanned, now=start - dt.timedelta(minutes=5)
        )
        assert done.badge.person == rep(registration)
    assert badge_of(surgical).checked_in_at is not None
    assert Badge.objects.for_event(event).filter(checked_in_at__isnull=False).count() == 3

    # Nine minutes in: still waiting for Ural (the event waits ten).
    assert day.day_sweep(event=event, now=start + dt.timedelta(minutes=9)).no_shows == 0
    first.refresh_from_db()
    assert first.status == Meeting.Status.SCHEDULED

    with django_capture_on_commit_callbacks(execute=True):
        sweep = day.day_sweep(event=event, now=start + dt.timedelta(minutes=11))
    assert (sweep.no_shows, sweep.offers) == (1, 1)
    first.refresh_from_db()
    assert first.status == Meeting.Status.NO_SHOW
    assert not MeetingSeat.objects.for_event(event).filter(meeting=first).exists()
    offer = MeetingOffer.objects.for_event(event).get()
    assert (offer.participant, offer.partner, offer.slot) == (surgical, forward, first.slot)
    assert [m.to[0] for m in mailoutbox] == [rep(surgical).email]
    assert "Forward Sports" in mailoutbox[0].subject
    mailoutbox.clear()

    # Surgical's representative accepts on their agenda page.
    assert client.login(username=rep(surgical).username, password=DEFAULT_PASSWORD)
    agenda = client.get(reverse("events:agenda", args=[event.slug])).text
    assert "Forward Sports" in agenda and "Accept the meeting" in agenda
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:meeting_offer_answer", args=[event.slug, offer.pk]),
            {"answer": "accept"},
        )
    offer.refresh_from_db()
    spontaneous = offer.meeting
    assert offer.status == MeetingOffer.Status.ACCEPTED
    assert (spontaneous.slot, spontaneous.status, spontaneous.source) == (
        first.slot,
        Meeting.Status.HELD,
        Meeting.Source.SPONTANEOUS,
    )
    assert spontaneous.table_id is not None
    assert meeting_of(event, surgical, forward) == spontaneous
    # Forward's representative reads Urdu: told in Urdu, and only them.
    assert [m.to[0] for m in mailoutbox] == [rep(forward).email]
    with translation.override("ur"):
        expected = translation.gettext("You meet %(other)s now") % {"other": "Sialkot Surgical"}
    assert mailoutbox[0].subject == expected

    # Later, Surgical and Kazan are both in: their meeting is held once it starts.
    day.day_sweep(event=event, now=later.slot.start + dt.timedelta(minutes=1))
    later.refresh_from_db()
    assert later.status == Meeting.Status.HELD
    figures = dashboard([event])
    assert (figures.meetings_no_show, figures.meetings_held) == (1, 2)


def test_no_one_on_the_waiting_list_no_offer_and_declining_offers_the_next(
    event, organiser, published, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, ural, kazan, forward = published
    first = meeting_of(event, surgical, ural)
    start = first.slot.start
    newcomer = make_participant(event, "Lahore Leather")
    for registration in (surgical, forward, kazan, newcomer):
        schedule.check_in(actor=organiser, event=event, code=badge_of(registration).code, now=start)
    assert day.day_sweep(event=event, now=start + dt.timedelta(minutes=15)).offers == 0
    # Now Forward and a newcomer wait and are free in slot 0; Kazan has a request with Surgical.
    for registration in (forward, kazan, newcomer):
        registration.waiting_list = True
        registration.save(update_fields=["waiting_list"])
    first.status = Meeting.Status.SCHEDULED  # the record is put back to replay the sweep
    first.save()
    MeetingSeat.objects.bulk_create(
        MeetingSeat(event=event, slot=first.slot, registration=r, meeting=first)
        for r in (surgical, ural)
    )
    with django_capture_on_commit_callbacks(execute=True):
        day.day_sweep(event=event, now=start + dt.timedelta(minutes=12))
    offer = MeetingOffer.objects.for_event(event).get(status="offered")
    assert offer.partner == forward
    offer.event = event
    with django_capture_on_commit_callbacks(execute=True):
        following = day.meeting_offer_decline(actor=rep(surgical), offer=offer)
    assert following.partner == newcomer
    with pytest.raises(Exception, match="already been answered"):
        day.meeting_offer_accept(actor=rep(surgical), offer=offer)


def test_the_periodic_command_sweeps_events_under_way(event, published, capsys):
    call_command("run_event_day", "--event", event.slug)
    assert "No-shows: 0" in capsys.readouterr().out
