"""The pages and the API of single-meeting control, participants' cancellations, request rules
and the reasons a request is not scheduled."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from rabta.events import meeting_services, services
from rabta.events.models import Meeting, MeetingRequest, Registration, Slot
from tests.events.conftest import make_participant, rep
from tests.events.test_meeting_control import (
    address,
    meeting_of,
    publish_by_hand,
    slots,
    state,
    told,
)
from tests.factories import DEFAULT_PASSWORD

API = "/api/v1/events/delegation-day"


@pytest.fixture
def published(event, organiser, participants, mailoutbox):
    return publish_by_hand(event, organiser, participants, mailoutbox)


def login(client, user):
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)


def post_json(client, path, data=None, **headers):
    return client.post(path, data or {}, content_type="application/json", **headers)


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize("view", ["tables", "participants"])
def test_the_grid_shows_every_meeting_with_a_move_form(client, event, organiser, published, view):
    login(client, organiser)
    response = client.get(reverse("events:grid", args=[event.slug]), {"view": view})
    assert response.status_code == 200
    for m in Meeting.objects.for_event(event):
        assert f'data-meeting="{m.pk}"' in response.text
        assert reverse("events:meeting_move", args=[event.slug, m.pk]) in response.text
    # The move form of a meeting is fetched when opened (htmx), or is a page of its own.
    m = Meeting.objects.for_event(event).first()
    url = reverse("events:meeting_move", args=[event.slug, m.pk])
    fragment = client.get(url, {"next": "/x/"}, HTTP_HX_REQUEST="true")
    assert f'hx-post="{url}"' in fragment.text and "<html" not in fragment.text
    assert 'value="/x/"' in fragment.text
    page = client.get(url, {"next": "https://evil.example/"})
    assert "<html" in page.text and 'name="next" value=""' in page.text


def test_the_grid_is_for_organisers_only(client, event, published):
    login(client, rep(published[0]))
    assert client.get(reverse("events:grid", args=[event.slug])).status_code == 403


def test_moving_on_the_grid_page(client, event, organiser, published, mailoutbox,
                                 django_capture_on_commit_callbacks):  # fmt: skip
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    login(client, organiser)
    grid = reverse("events:grid", args=[event.slug])
    # Into a slot where Surgical is busy: refused, with the reason, nothing changed.
    before = state(event)
    response = client.post(
        reverse("events:meeting_move", args=[event.slug, meeting.pk]),
        {"slot": slots(event)[0].pk, "next": grid},
        follow=True,
    )
    assert "participant Sialkot Surgical is in 2 meetings" in response.text
    assert state(event) == before
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:meeting_move", args=[event.slug, meeting.pk]),
            {"slot": slots(event)[3].pk, "next": grid},
        )
    assert response.status_code == 302 and response["Location"] == grid
    assert Meeting.objects.for_event(event).get(pk=meeting.pk).slot_id == slots(event)[3].pk
    assert told(mailoutbox) == {address(surgical), address(kazan)}


def test_swapping_on_the_grid_page(client, event, organiser, published):
    surgical, ural, kazan, forward = published
    first, second = meeting_of(event, surgical, ural), meeting_of(event, forward, kazan)
    login(client, organiser)
    client.post(
        reverse("events:meeting_move", args=[event.slug, first.pk]),
        {"slot": second.slot_id, "table": second.table_id, "swap": "1"},
    )
    assert Meeting.objects.for_event(event).get(pk=first.pk).slot_id == second.slot_id
    assert Meeting.objects.for_event(event).get(pk=second.pk).slot_id == first.slot_id


def test_the_schedule_page_says_why_a_request_is_not_scheduled(client, event, organiser, published):
    surgical, ural, kazan, forward = published
    services.event_update(actor=organiser, event=event, max_meetings=2)
    request = meeting_services.meeting_request_arrange(
        actor=organiser, sender=kazan, recipient=ural
    )
    login(client, organiser)
    page = client.get(reverse("events:schedule", args=[event.slug]))
    url = reverse("events:unscheduled", args=[event.slug])
    assert f'hx-get="{url}"' in page.text  # the list loads after the page, with htmx
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert f'data-request="{request.pk}"' in response.text
    assert "Kazan Sports already has as many meetings as the organiser allows." in response.text
    client.post(
        reverse("events:request_required", args=[event.slug, request.pk]), {"required": "1"}
    )
    request.refresh_from_db()
    assert request.required
    # The participant reads it in Russian on the requests page.
    client.logout()
    login(client, rep(ural))
    response = client.get(reverse("events:requests", args=[event.slug]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Нет в расписании:" in response.text
    assert "уже столько встреч, сколько разрешает организатор" in response.text


def test_arrange_on_the_schedule_page_by_badge_code_or_name(client, event, organiser, published):
    surgical, ural, kazan, forward = published
    login(client, organiser)
    url = reverse("events:request_arrange", args=[event.slug])
    response = client.post(url, {"sender": "nobody", "recipient": "Ural Med"}, follow=True)
    assert "No single approved participant has this badge code or name: nobody" in response.text
    client.post(url, {"sender": kazan.badge_code.lower(), "recipient": " ural  med "})
    request = MeetingRequest.objects.for_event(event).get(sender=kazan, recipient=ural)
    assert (request.status, request.required) == ("accepted", False)


def test_a_participant_cancels_on_the_agenda_page(client, event, published, mailoutbox,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    surgical, ural, kazan, forward = published
    meeting = meeting_of(event, surgical, kazan)
    login(client, rep(kazan))
    page = client.get(reverse("events:agenda", args=[event.slug]))
    assert reverse("events:meeting_cancel", args=[event.slug, meeting.pk]) in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:meeting_cancel", args=[event.slug, meeting.pk]), {"reason": "Ill"}
        )
    assert response["Location"] == reverse("events:agenda", args=[event.slug])
    assert told(mailoutbox) == {address(surgical)}
    # Sent again (a second click, another tab): said so on the agenda, not a 404 page.
    again = client.post(
        reverse("events:meeting_cancel", args=[event.slug, meeting.pk]),
        {"reason": "Ill"},
        follow=True,
    )
    assert again.status_code == 200 and "This meeting is no longer on the schedule" in again.text
    assert told(mailoutbox) == {address(surgical)}
    # Forward cannot cancel Surgical's meeting with Ural.
    client.logout()
    login(client, rep(forward))
    other = meeting_of(event, surgical, ural)
    assert (
        client.post(reverse("events:meeting_cancel", args=[event.slug, other.pk])).status_code
        == 403
    )


def test_cancel_the_registration_on_the_event_page(client, event, published):
    ural = published[1]
    login(client, rep(ural))
    url = reverse("events:registration_cancel", args=[event.slug])
    client.post(url)  # not confirmed: nothing happens
    ural.refresh_from_db()
    assert ural.status == Registration.Status.APPROVED
    client.post(url, {"confirm": "1"})
    ural.refresh_from_db()
    assert ural.status == Registration.Status.CANCELLED


def test_republishing_asks_first_and_says_how_many_agendas_change(
    client,
    event,
    organiser,
    published,
    django_capture_on_commit_callbacks,
):
    from rabta.events import schedule

    with django_capture_on_commit_callbacks(execute=True):
        run = schedule.schedule_run_start(
            actor=organiser, event=event, solver="greedy", time_limit=5
        )
    run.refresh_from_db()
    login(client, organiser)
    page = client.get(reverse("events:schedule", args=[event.slug]))
    assert 'id="run-changes"' in page.text
    from rabta.events.meeting_selectors import run_changes

    n = run_changes(event, run)
    assert f"changes the agenda{'s' if n != 1 else ''} of {n} participant" in page.text
    client.post(reverse("events:publish", args=[event.slug]), {"run": run.pk})
    event.refresh_from_db()
    assert event.published_version == 1  # not confirmed: not published
    client.post(reverse("events:publish", args=[event.slug]), {"run": run.pk, "confirm": "1"})
    event.refresh_from_db()
    assert event.published_version == 2


def test_accepting_beyond_the_meeting_limit_warns(client, event, organiser, participants):
    surgical, ural, kazan, forward = participants
    services.event_update(actor=organiser, event=event, max_meetings=1)
    for sender in (surgical, ural):
        services.meeting_request_send(actor=rep(sender), sender=sender, recipient=kazan)
    login(client, rep(kazan))
    first, second = MeetingRequest.objects.for_event(event).order_by("pk")
    url = reverse("events:request_answer", args=[event.slug, first.pk])
    response = client.post(url, {"answer": "accept"}, follow=True)
    assert "more than the" not in response.text
    response = client.post(
        reverse("events:request_answer", args=[event.slug, second.pk]), {"answer": "accept"},
        follow=True,
    )  # fmt: skip
    assert "You have accepted 2 meetings, more than the 1 this event allows" in response.text


# ---------------------------------------------------------------- API


def test_api_move_swap_place_and_cancel(client, event, organiser, published, mailoutbox,
                                        django_capture_on_commit_callbacks):  # fmt: skip
    surgical, ural, kazan, forward = published
    login(client, organiser)
    listed = client.get(f"{API}/meetings").json()
    assert len(listed) == 4
    meeting = meeting_of(event, surgical, kazan)
    refused = post_json(client, f"{API}/meetings/{meeting.pk}/move", {"slot": slots(event)[0].pk})
    assert refused.status_code == 422
    assert "participant Sialkot Surgical is in 2 meetings" in refused.json()["error"]["message"]
    russian = post_json(
        client, f"{API}/meetings/{meeting.pk}/move", {"slot": slots(event)[0].pk},
        HTTP_ACCEPT_LANGUAGE="ru",
    )  # fmt: skip
    assert russian.json()["error"]["message"].startswith("Это изменение невозможно: ")
    with django_capture_on_commit_callbacks(execute=True):
        moved = post_json(
            client, f"{API}/meetings/{meeting.pk}/move", {"slot": slots(event)[4].pk, "table": 2}
        )
    assert (moved.json()["slot"], moved.json()["table"]) == (slots(event)[4].pk, 2)
    assert told(mailoutbox) == {address(surgical), address(kazan)}
    first, second = meeting_of(event, surgical, ural), meeting_of(event, forward, kazan)
    swapped = post_json(client, f"{API}/meetings/{first.pk}/swap", {"other": second.pk})
    assert [m["slot"] for m in swapped.json()] == [second.slot_id, first.slot_id]
    assert post_json(client, f"{API}/meetings/{first.pk}/move", {"slot": 999999}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        arranged = post_json(
            client, f"{API}/requests/arrange",
            {"sender": kazan.pk, "recipient": ural.pk, "required": True},
        )  # fmt: skip
    assert arranged.status_code == 201
    request_id = arranged.json()["id"]
    # After publication an arranged meeting is placed at once (Kazan and Ural are both free later).
    assert client.get(f"{API}/unscheduled").json() == []
    assert Meeting.objects.for_event(event).filter(request_id=request_id).exists()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = post_json(
            client, f"{API}/meetings/{meeting.pk}/cancel", {"reason": "Hall closed"}
        )
    assert cancelled.json()["status"] == "cancelled"
    assert told(mailoutbox) == {address(surgical), address(kazan)}
    assert (
        post_json(client, f"{API}/requests/{request_id}/required", {"required": False}).json()["id"]
        == request_id
    )


def test_api_organiser_endpoints_refuse_participants(client, event, published):
    surgical = published[0]
    login(client, rep(surgical))
    assert client.get(f"{API}/meetings").status_code == 403
    meeting = Meeting.objects.for_event(event).first()
    slot = Slot.objects.for_event(event).last()
    assert (
        post_json(client, f"{API}/meetings/{meeting.pk}/move", {"slot": slot.pk}).status_code == 403
    )


def test_api_participant_withdraws_cancels_and_reads_why(client, event, organiser, published,
                                                         mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    surgical, ural, kazan, forward = published
    login(client, rep(kazan))
    sent = post_json(client, f"{API}/requests", {"recipient": ural.pk}).json()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = post_json(client, f"{API}/requests/{sent['id']}/withdraw")
    assert withdrawn.json()["status"] == "cancelled"
    assert told(mailoutbox) == {address(ural)}
    meeting = meeting_of(event, forward, kazan)
    late = post_json(client, f"{API}/meetings/{meeting.pk}/cancel", {"reason": "x" * 201})
    assert late.status_code == 422
    assert Meeting.objects.for_event(event).filter(pk=meeting.pk).exists()
    ok = post_json(client, f"{API}/meetings/{meeting.pk}/cancel", {"reason": "Flight"})
    assert ok.json()["status"] == "cancelled"
    assert client.get(f"{API}/unscheduled").json() == []
    cancelled = post_json(client, f"{API}/registration/cancel")
    assert cancelled.json()["status"] == "cancelled"


# ---------------------------------------------------------------- request rules


def daily(event) -> str:
    out = io.StringIO()
    call_command("process_meeting_requests", event=event.slug, stdout=out)
    return out.getvalue()


def test_caps_on_requests_sent_and_pending(event, organiser, participants):
    surgical, ural, kazan, forward = participants
    services.event_update(actor=organiser, event=event, max_requests_pending=1)
    first = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=ural)
    with pytest.raises(Exception) as error:
        services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=kazan)
    assert str(error.value.message).startswith("You have 1 request waiting for an answer")
    services.meeting_request_answer(actor=rep(ural), request=first, accept=False)
    services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=kazan)
    services.event_update(
        actor=organiser, event=event, max_requests_sent=2, max_requests_pending=None
    )
    with pytest.raises(Exception) as error:
        services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=forward)
    assert str(error.value.message) == "You have sent 2 requests, the most this event allows."
    assert MeetingRequest.objects.for_event(event).filter(sender=surgical).count() == 2
    # A request to someone who already asked you is an acceptance, whatever the caps.
    theirs = services.meeting_request_send(actor=rep(forward), sender=forward, recipient=surgical)
    assert (
        services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=forward).pk
        == theirs.pk
    )


def test_reminders_and_expiry_by_the_daily_command(event, organiser, participants, mailoutbox,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    surgical, ural, kazan, forward = participants
    services.event_update(actor=organiser, event=event, request_reminder_days=2)
    old = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=ural)
    fresh = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=forward)
    MeetingRequest.objects.for_event(event).filter(pk=old.pk).update(
        created_at=old.created_at - dt.timedelta(days=3)
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        daily(event)
    (reminder,) = mailoutbox
    assert reminder.to == [address(ural)]
    assert reminder.subject == "Sialkot Surgical ждёт вашего ответа"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        daily(event)
    assert mailoutbox == []  # one reminder per request
    # The deadline passes: both pending requests expire, their sender is told.
    services.event_update(
        actor=organiser, event=event, requests_close=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        requests_open=dt.datetime(2019, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    with pytest.raises(Exception) as error:
        services.meeting_request_answer(actor=rep(forward), request=fresh, accept=True)
    assert str(error.value.message) == "This request expired at the deadline for meeting requests."
    with django_capture_on_commit_callbacks(execute=True):
        daily(event)
    assert set(MeetingRequest.objects.for_event(event).values_list("status", flat=True)) == {
        "expired"
    }
    assert [m.to for m in mailoutbox] == [[address(surgical)]] * 2
    assert mailoutbox[0].subject.startswith("Your request to ")


def test_past_slots_cannot_be_booked(event, organiser, participants):
    surgical, ural, kazan, forward = participants
    services.event_update(actor=organiser, event=event, scheduling_mode="self")
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=kazan)
    services.meeting_request_answer(actor=rep(kazan), request=request, accept=True)
    past = Slot.objects.for_event(event).first()
    Slot.objects.for_event(event).filter(pk=past.pk).update(
        start=dt.datetime(2020, 1, 1, 10, tzinfo=dt.UTC),
        end=dt.datetime(2020, 1, 1, 10, 20, tzinfo=dt.UTC),
    )
    past.refresh_from_db()
    with pytest.raises(Exception) as error:
        services.meeting_book(actor=rep(surgical), request=request, slot=past)
    assert str(error.value.message) == "This slot has already started. Choose a later slot."
    assert not Meeting.objects.for_event(event).exists()
    from rabta.events.selectors import free_slots_for

    assert past not in free_slots_for(event, request)


def test_the_event_form_has_the_request_rules(client, event, organiser):
    login(client, organiser)
    page = client.get(reverse("events:edit", args=[event.slug]))
    for name in ("max_requests_sent", "max_requests_pending", "request_reminder_days"):
        assert f'name="{name}"' in page.text
    assert make_participant  # the conftest helper stays importable for other tests
