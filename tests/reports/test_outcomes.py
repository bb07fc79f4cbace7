"""The second-stage outcome survey: months after the event both sides of each held meeting are
asked again (deal signed? kind? value?), each person once, in their language; the first answers
stay; the dashboard and the exports show both stages and the conversion from meeting to deal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events.models import Slot
from rabta.reports import selectors
from rabta.reports.models import DealKind, Feedback, OutcomeFollowUp, OutcomeSurveyInvitation
from rabta.reports.outcomes import add_months, outcome_submit, outcome_surveys_due, survey_opens_at
from tests.factories import UserFactory
from tests.reports.dataset import build

pytestmark = pytest.mark.django_db


def _end_event(event, *, ago: dt.timedelta) -> None:
    """Move the event's slots so that its last meeting ended ``ago`` before now."""
    last = Slot.objects.for_event(event).order_by("-end").first().end
    delta = timezone.now() - ago - last
    Slot.objects.for_event(event).update(start=F("start") + delta, end=F("end") + delta)


@pytest.fixture
def data(event):
    result = build(event)  # m1 A–B and m2 A–C held (by feedback); m3 D–B a no-show
    for key, registration in result["regs"].items():
        registration.attendees.add(result["users"][key])
    result["users"]["B"].language = "ru"
    result["users"]["B"].save()
    _end_event(event, ago=dt.timedelta(days=200))  # six months and more
    return result


def answers():
    return {
        (f.meeting_id, f.registration_id): (f.took_place, f.interest, f.deal_kind, f.deal_value)
        for f in Feedback.objects.all()
    }


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(dt.datetime(2027, 3, 10, 12), 6) == dt.datetime(2027, 9, 10, 12)
    assert add_months(dt.datetime(2027, 8, 31), 6) == dt.datetime(2028, 2, 29)
    assert add_months(dt.datetime(2027, 3, 10), -6) == dt.datetime(2026, 9, 10)


def test_each_person_of_a_held_meeting_is_asked_once_in_their_language(
    data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert outcome_surveys_due() == {"delegation-day": 3}
    # A (two held meetings) once; B and C once; D's only meeting was a no-show
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        data["users"][k].email for k in ("A", "B", "C")
    )
    (russian,) = [m for m in mailoutbox if m.to == [data["users"]["B"].email]]
    assert "День делегации" in russian.subject and "сделк" in russian.subject
    assert "/reports/events/delegation-day/outcomes/" in russian.body
    # again, by the command as cron runs it: no one is asked twice
    mailoutbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        call_command("send_outcome_surveys", stdout=out)
    assert mailoutbox == [] and "0 second-survey e-mails queued" in out.getvalue()
    assert OutcomeSurveyInvitation.objects.count() == 3


def test_no_one_is_asked_before_the_months_have_passed(event, data, settings, mailoutbox):
    _end_event(event, ago=dt.timedelta(days=40))
    assert outcome_surveys_due() == {} and mailoutbox == []
    settings.RABTA_OUTCOME_SURVEY_MONTHS = 1
    assert survey_opens_at(event) < timezone.now()
    assert outcome_surveys_due() == {"delegation-day": 3}


def test_the_second_answer_keeps_the_first(data):
    m1 = data["meetings"][0]
    before = answers()
    outcome_submit(
        actor=data["users"]["B"], meeting=m1,
        data={"deal_signed": True, "deal_kind": DealKind.EXPORT_ORDER, "deal_value": "45000"},
    )  # fmt: skip
    outcome_submit(
        actor=data["users"]["B"], meeting=m1,
        data={"deal_signed": True, "deal_kind": DealKind.EXPORT_ORDER, "deal_value": "47000"},
    )  # fmt: skip
    assert answers() == before  # the first survey's answers are untouched
    (second,) = OutcomeFollowUp.objects.all()  # answering again replaces the second answer
    assert (second.registration, second.deal_value) == (data["regs"]["B"], Decimal("47000"))
    assert Feedback.objects.get(meeting=m1, registration=data["regs"]["B"]).deal_value == 40000


def test_bad_answers_are_refused_with_a_reason(event, data):
    m1, _m2, m3 = data["meetings"]
    with translation.override("en"):
        with pytest.raises(NotPermitted):
            outcome_submit(actor=UserFactory(), meeting=m1, data={"deal_signed": False})
        with pytest.raises(InvalidInput, match="did not take place"):
            outcome_submit(actor=data["users"]["D"], meeting=m3, data={"deal_signed": False})
        with pytest.raises(InvalidInput) as error:
            outcome_submit(
                actor=data["users"]["A"], meeting=m1,
                data={"deal_signed": True, "deal_kind": "none", "deal_value": "-5"},
            )  # fmt: skip
        assert set(error.value.field_errors) == {"deal_kind", "deal_value"}
        _end_event(event, ago=dt.timedelta(days=3))
        with pytest.raises(InvalidInput, match="opens on"):
            outcome_submit(actor=data["users"]["A"], meeting=m1, data={"deal_signed": False})
    assert not OutcomeFollowUp.objects.exists()


def test_the_pages_show_the_first_answer_and_take_the_second(client, data):
    m1 = data["meetings"][0]
    client.force_login(data["users"]["A"])
    page = client.get(reverse("reports:outcomes", args=["delegation-day"])).content.decode()
    assert "Org B" in page and "Org C" in page and "50" in page  # the first answer: 50,000
    response = client.post(
        reverse("reports:outcome_form", args=[m1.pk]),
        {"deal_signed": "yes", "deal_kind": "export_order", "deal_value": "52000"},
    )
    assert response.status_code == 302
    bad = client.post(reverse("reports:outcome_form", args=[m1.pk]), {"deal_signed": "maybe"})
    assert bad.status_code == 422
    assert OutcomeFollowUp.objects.get().deal_value == 52000


def test_the_dashboard_shows_both_stages_and_the_conversion(client, organiser, event, data):
    m1, m2, _m3 = data["meetings"]
    outcome_submit(
        actor=data["users"]["B"], meeting=m1,
        data={"deal_signed": True, "deal_kind": DealKind.EXPORT_ORDER, "deal_value": "45000"},
    )  # fmt: skip
    outcome_submit(
        actor=data["users"]["A"], meeting=m1,
        data={"deal_signed": True, "deal_kind": DealKind.EXPORT_ORDER, "deal_value": "30000"},
    )  # fmt: skip
    outcome_submit(actor=data["users"]["C"], meeting=m2, data={"deal_signed": False})
    result = selectors.dashboard([event])
    # first stage as before: leads and expected value
    assert (result.leads, result.expected_value, result.meetings_held) == (3, Decimal("60000"), 2)
    # second stage: one of the two held meetings led to a deal, worth the larger answer
    assert (result.second_stage_count, result.deals_signed) == (3, 1)
    assert (result.signed_value, result.conversion) == (Decimal("45000"), 50.0)
    pairs = {o.label: o for o in result.by_country_pair}
    assert (pairs["PK–RU"].signed, pairs["PK–RU"].conversion) == (1, 100.0)
    assert (pairs["PK–PK"].signed, pairs["PK–PK"].conversion) == (0, 0.0)
    sectors = {o.label: o for o in result.by_sector}
    assert sectors["Medical instruments"].signed_value == Decimal("45000")
    client.force_login(organiser)
    page = client.get(reverse("reports:dashboard"), {"event": event.slug}).content.decode()
    assert "Conversion from meeting to deal" in page and "50.0 %" in page
    api = client.get(f"/api/v1/events/{event.slug}/dashboard").json()
    assert (api["deals_signed"], api["conversion"]) == (1, 50.0)
    # the export: each second answer beside the same side's first
    response = client.get(reverse("reports:event_export", args=[event.slug, "outcomes", "csv"]))
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    by_side = {row["from"]: row for row in rows if row["about"] in ("Org A", "Org B")}
    assert by_side["Org B"]["first_deal_value_usd"] == "40000.00"
    assert (
        by_side["Org B"]["deal_signed"] == "yes"
        and by_side["Org B"]["deal_value_usd"] == "45000.00"
    )
