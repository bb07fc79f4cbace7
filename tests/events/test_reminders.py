import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from rabta.events import schedule, services
from tests.events.conftest import rep


def test_reminders_go_to_participants_with_meetings_tomorrow(
    event, organiser, participants, mailoutbox, django_capture_on_commit_callbacks
):
    surgical, _ural, kazan, forward = participants
    request = services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=kazan)
    services.meeting_request_answer(actor=rep(kazan), request=request, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule.schedule_run_start(
            actor=organiser, event=event, solver="greedy", time_limit=5
        )
    run.refresh_from_db()
    schedule.schedule_publish(actor=organiser, event=event, run=run)
    mailoutbox.clear()
    # The event is in 2027: a daily cron run today sends nothing ...
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=_Null())
    assert mailoutbox == []
    # ... and for this event explicitly, both participants with a meeting (not Forward Sports) are reminded.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", event="delegation-day", stdout=_Null())
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        f"{rep(r).username}@example.org" for r in (surgical, kazan)
    )
    assert "1 meeting" in [m for m in mailoutbox if m.to[0].startswith("u-Sialkot")][0].body
    assert dt.date(2027, 3, 10) > dt.date.today()
    assert forward.pk


class _Null:
    def write(self, *_args):
        pass

    def flush(self):
        pass


@pytest.mark.parametrize(
    "command", ["send_event_reminders", "run_event_day", "process_meeting_requests"]
)
def test_an_event_address_mistyped_on_the_command_line_is_said_not_done_for_none(
    event, command, mailoutbox
):
    """`--event delegaton-day` reported "0 sent" and exited 0: a cron job's typo went unseen."""
    with pytest.raises(CommandError, match="No event with the address “delegaton-day”"):
        call_command(command, event="delegaton-day", stdout=_Null())
    assert mailoutbox == []
