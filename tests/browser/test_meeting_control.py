"""Single meetings in Chromium, in English, Russian and Urdu: the organiser moves a meeting on the
schedule grid (the form fetched and sent with htmx), a participant cancels a meeting from the
agenda with a reason, and a request accepted after publication is placed by itself and shows on
both agendas."""

from __future__ import annotations

import datetime as dt

import pytest

from rabta.events import meeting_services, schedule, services
from rabta.events.models import Meeting, MeetingRequest, Slot
from tests.browser.helpers import axe_violations, english_words, log_in_user
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    OrganiserFactory,
    UserFactory,
)

LANGUAGES = ["en", "ru", "ur"]


def registered(event, name: str, slug: str, *, language: str, speaks: list[str]):
    user = UserFactory(username=f"{slug}-{language}", language=language, spoken_languages=speaks)
    organisation = OrganisationFactory(
        name={"en": name}, name_key=name.casefold(), slug=f"{slug}-{language}", country="PK"
    )
    MemberFactory(organisation=organisation, user=user)
    registration = services.registration_create(
        actor=user, event=event, organisation=organisation, attendees=[user],
        sessions=list(event.sessions.all()), languages=speaks,
    )  # fmt: skip
    services.registration_decide(actor=event.created_by, registration=registration, approve=True)
    return registration, user


def meeting_of(event, a, b) -> Meeting:
    return (
        Meeting.objects.for_event(event)
        .filter(seats__registration=a)
        .filter(seats__registration=b)
        .get()
    )


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_move_cancel_and_a_late_acceptance(page, screenshot, transactional_db, language):
    organiser = OrganiserFactory(username=f"organiser-{language}", language=language)
    event = services.event_create(
        actor=organiser, slug=f"day-{language}", name={"en": "Delegation day", "ru": "День делегации",
        "ur": "وفد کا دن"}, venue={"en": "SCCI auditorium"}, city={"en": "Sialkot"}, time_zone="Asia/Karachi",
        max_meetings=6,
    )  # fmt: skip
    services.session_add(
        actor=organiser, event=event, date=dt.date(2027, 3, 10), start=dt.time(10, 0),
        end=dt.time(12, 0),
    )  # fmt: skip
    services.tables_add(actor=organiser, event=event, count=3)
    surgical, surgical_user = registered(
        event, "Sialkot Surgical", "surgical", language=language, speaks=["en"]
    )
    kazan, kazan_user = registered(
        event, "Kazan Sports", "kazan", language=language, speaks=["en", "ru"]
    )
    ural, ural_user = registered(event, "Ural Med", "ural", language=language, speaks=["ru", "en"])
    slots = list(Slot.objects.for_event(event).order_by("start"))
    # Surgical–Kazan at 10:00, Kazan–Ural at 10:25; published.
    for (a, b), slot in zip([(surgical, kazan), (kazan, ural)], slots[:2], strict=True):
        q = MeetingRequest.objects.create(
            event=event, sender=a, recipient=b, low=min(a, b, key=lambda r: r.pk),
            high=max(a, b, key=lambda r: r.pk), status=MeetingRequest.Status.ACCEPTED,
        )  # fmt: skip
        meeting_services.meeting_place(actor=organiser, request=q, slot=slot)
    schedule.schedule_publish(actor=organiser, event=event)
    moving = meeting_of(event, surgical, kazan)
    target = slots[3]

    # The organiser moves Surgical–Kazan to 11:15 on the grid.
    log_in_user(page, organiser)
    page.goto(f"/events/{event.slug}/manage/schedule/grid/")
    assert page.locator("html").get_attribute("lang") == language
    cell = page.locator(f"[data-meeting='{moving.pk}']")
    cell.locator("summary").click()
    form = cell.locator("form[hx-post]")
    form.wait_for()
    form.locator("select[name=slot]").select_option(str(target.pk))
    screenshot(page, f"meeting-control-1-grid-move-{language}")
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    page.locator(".message--success").wait_for()
    assert Meeting.objects.for_event(event).get(pk=moving.pk).slot_id == target.pk
    row = page.locator("#schedule-grid tbody tr").nth(3)
    assert row.locator(f"[data-meeting='{moving.pk}']").count() == 1
    if language != "en":
        assert english_words(page) == []
    assert axe_violations(page) == []
    screenshot(page, f"meeting-control-2-grid-moved-{language}")

    # Surgical cancels that meeting from its agenda, with a reason.
    log_in_user(page, surgical_user)
    page.goto(f"/events/{event.slug}/agenda/")
    page.locator("main details summary").first.click()
    page.locator("main details input[name=reason]").first.fill("Our flight is delayed")
    screenshot(page, f"meeting-control-3-agenda-cancel-{language}")
    with page.expect_navigation():
        page.locator("main details button[type=submit]").first.click()
    page.locator(".message--success").wait_for()
    assert not Meeting.objects.for_event(event).filter(pk=moving.pk).exists()
    assert MeetingRequest.objects.for_event(event).get(pk=moving.request_id).status == "cancelled"

    # After publication Surgical asks Ural for a meeting; Ural accepts and it is placed at once.
    services.meeting_request_send(actor=surgical_user, sender=surgical, recipient=ural)
    log_in_user(page, ural_user)
    page.goto(f"/events/{event.slug}/requests/")
    with page.expect_navigation():
        page.locator("button[name=answer][value=accept]").click()
    late = Meeting.objects.for_event(event).get(request__sender=surgical, request__recipient=ural)
    page.goto(f"/events/{event.slug}/agenda/")
    assert "Sialkot Surgical" in page.locator("main table").inner_text()
    if language != "en":
        assert english_words(page) == []
    screenshot(page, f"meeting-control-4-late-agenda-ural-{language}")
    log_in_user(page, surgical_user)
    page.goto(f"/events/{event.slug}/agenda/")
    assert "Ural Med" in page.locator("main table").inner_text()
    screenshot(page, f"meeting-control-5-late-agenda-surgical-{language}")
    assert late.slot_id not in {slots[1].pk}  # Ural meets Kazan at 10:25: not moved, not doubled
    assert meeting_of(event, kazan, ural).slot_id == slots[1].pk
