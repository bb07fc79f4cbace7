import io

from django.core.management import call_command

from rabta.accounts.models import User
from rabta.events import selectors
from rabta.events.demo import SLUG, load_demo_event
from rabta.events.models import Meeting, MeetingRequest, Registration


def test_the_demo_event_is_scheduled_published_and_idempotent(db):
    call_command("load_demo", stdout=io.StringIO(), verbosity=0)
    out = io.StringIO()
    event = load_demo_event(stdout=out)
    assert "published" in out.getvalue()
    first = (
        Registration.objects.for_event(event).count(),
        MeetingRequest.objects.for_event(event).count(),
        sorted(
            Meeting.objects.for_event(event).values_list(
                "request__sender__organisation__slug", "slot__start"
            )
        ),
        sorted(Registration.objects.for_event(event).values_list("badge_code", flat=True)),
    )
    event = load_demo_event()
    again = (
        Registration.objects.for_event(event).count(),
        MeetingRequest.objects.for_event(event).count(),
        sorted(
            Meeting.objects.for_event(event).values_list(
                "request__sender__organisation__slug", "slot__start"
            )
        ),
        sorted(Registration.objects.for_event(event).values_list("badge_code", flat=True)),
    )
    assert again == first
    assert event.slug == SLUG and event.published_version == 1
    assert first[0] >= 10 and len(first[2]) >= 20
    for username in ("participant", "ru-participant"):
        user = User.objects.get(username=username)
        registration = selectors.my_registration(event, user)
        assert registration is not None, username
        assert selectors.agenda(event, registration), username
