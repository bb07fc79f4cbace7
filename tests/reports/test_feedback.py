import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.events.models import Slot
from rabta.reports.feedback import feedback_request_send, feedback_submit
from rabta.reports.models import Feedback
from tests.factories import UserFactory
from tests.reports.dataset import build

pytestmark = pytest.mark.django_db


def shift(event, *, days: int) -> None:
    delta = dt.timedelta(days=days)
    Slot.objects.for_event(event).update(start=F("start") + delta, end=F("end") + delta)


@pytest.fixture
def data(event):
    result = build(event)
    Feedback.objects.all().delete()  # start without answers
    shift(event, days=-1000)  # the event (March 2027) is now over
    return result


def form(**overrides):
    values = {
        "took_place": "yes",
        "interest": "3",
        "deal_kind": "export_order",
        "deal_value": "25000",
        "follow_up": "on",
    }
    return {**values, **overrides}


def test_each_side_gives_its_own_feedback(client, data):
    m1 = data["meetings"][0]
    for key in ("A", "B"):
        client.force_login(data["users"][key])
        response = client.post(reverse("reports:feedback_form", args=[m1.pk]), form())
        assert response.status_code == 302
    answers = Feedback.objects.filter(meeting=m1)
    assert {a.registration.organisation.name["en"] for a in answers} == {"Org A", "Org B"}
    assert all(a.deal_value == 25000 and a.follow_up for a in answers)


def test_answering_again_replaces_the_answer(client, data):
    m1 = data["meetings"][0]
    client.force_login(data["users"]["A"])
    client.post(reverse("reports:feedback_form", args=[m1.pk]), form())
    client.post(reverse("reports:feedback_form", args=[m1.pk]), form(took_place="no"))
    answer = Feedback.objects.get(meeting=m1)
    assert not answer.took_place and answer.deal_value is None and answer.interest == 0


@pytest.mark.parametrize("who", ["stranger", "other participant", "organiser"])
def test_only_the_two_sides_may_answer(client, data, organiser, who):
    m1 = data["meetings"][0]  # between A and B
    user = {
        "stranger": UserFactory(),
        "other participant": data["users"]["C"],
        "organiser": organiser,
    }[who]
    client.force_login(user)
    assert client.get(reverse("reports:feedback_form", args=[m1.pk])).status_code == 403
    assert client.post(reverse("reports:feedback_form", args=[m1.pk]), form()).status_code == 403
    with pytest.raises(NotPermitted):
        feedback_submit(actor=user, meeting=m1, data={"took_place": True})
    assert not Feedback.objects.exists()


def test_a_bad_amount_is_refused_with_a_field_error(client, data):
    m1 = data["meetings"][0]
    client.force_login(data["users"]["A"])
    response = client.post(reverse("reports:feedback_form", args=[m1.pk]), form(deal_value="lots"))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Feedback.objects.exists()


def test_no_feedback_before_the_meeting(event, data):
    shift(event, days=1000)
    m1 = data["meetings"][0]
    m1.slot.refresh_from_db()
    with pytest.raises(InvalidInput):
        feedback_submit(actor=data["users"]["A"], meeting=m1, data={"took_place": True})


def test_my_meetings_page_lists_only_mine(client, data):
    client.force_login(data["users"]["C"])
    text = client.get(reverse("reports:my_feedback", args=["delegation-day"])).content.decode()
    assert "Org A" in text and "Org B" not in text


def test_the_request_email_goes_once_in_each_recipients_language(
    event, data, django_capture_on_commit_callbacks
):
    data["users"]["B"].language = "ru"
    data["users"]["B"].save()
    for key in "ABCD":
        data["regs"][key].attendees.add(data["users"][key])
    with django_capture_on_commit_callbacks(execute=True):
        sent = feedback_request_send(event_id=event.pk)
    assert sent == 4  # A, B, C and D all had meetings
    russian = next(m for m in mail.outbox if m.to == [data["users"]["B"].email])
    english = next(m for m in mail.outbox if m.to == [data["users"]["A"].email])
    assert "/reports/events/delegation-day/feedback/" in english.body
    assert english.subject.startswith("How did your meetings")
    assert "День делегации" in russian.subject and "Delegation day" in english.subject
    assert feedback_request_send(event_id=event.pk) == 0  # not twice
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_feedback_requests", "delegation-day", "--force", stdout=StringIO())
    assert len(mail.outbox) == 8


def test_the_request_also_waits_in_the_notification_centre_in_the_readers_language(
    client, data, event, django_capture_on_commit_callbacks
):
    from rabta.messaging.models import EmailChoice, Notification

    russian = data["users"]["B"]
    russian.language = "ru"
    russian.save()
    data["regs"]["B"].attendees.add(russian)
    # Surveys go by e-mail even to someone who turned change e-mails off.
    EmailChoice.objects.create(user=russian, changes=False)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_request_send(event_id=event.pk)

    assert [m.to for m in mail.outbox] == [[russian.email]]
    note = Notification.objects.get(recipient=russian)
    assert note.link == "/reports/events/delegation-day/feedback/"
    client.force_login(russian)
    page = client.get(reverse("messaging:centre"))
    assert "День делегации" in page.content.decode()
