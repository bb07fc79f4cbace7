"""The database event generator of the publishing and web benchmarks: a consistent schedule."""

from benchmarks.event_data import generate_event
from django.db.models import Count

from rabta.events.models import Meeting, MeetingSeat, Registration


def test_the_generated_event_is_a_valid_schedule(db):
    generated = generate_event(participants=40, meetings_each=5, seed=3, log=lambda _m: None)
    event = generated.event
    assert Registration.objects.for_event(event).filter(status="approved").count() == 40
    meetings = Meeting.objects.for_event(event)
    assert meetings.count() == generated.meetings > 80
    # two seats a meeting (the database refuses anyone twice in a slot), none beyond meetings_each
    assert MeetingSeat.objects.for_event(event).count() == 2 * generated.meetings
    per_person = MeetingSeat.objects.for_event(event).values("registration").annotate(n=Count("id"))
    assert max(row["n"] for row in per_person) <= 5
