import io

from django.core.management import call_command

from rabta.accounts.models import User
from rabta.events import selectors
from rabta.events.demo import SLUG, load_demo_event
from rabta.events.models import Meeting, MeetingRequest, Registration


def feed_tokens_and_badge_codes(event) -> set[str]:
    rows = Registration.objects.for_event(event).values_list("calendar_token", "badge_code")
    return {value for row in rows for value in row}


def what_the_demo_holds(event) -> tuple:
    """How many registrations and requests, and which meetings (who asked, when)."""
    return (
        Registration.objects.for_event(event).count(),
        MeetingRequest.objects.for_event(event).count(),
        sorted(
            Meeting.objects.for_event(event).values_list(
                "request__sender__organisation__slug", "slot__start"
            )
        ),
    )


def test_the_demo_event_is_scheduled_published_and_idempotent(db):
    call_command("load_demo", force=True, stdout=io.StringIO(), verbosity=0)
    out = io.StringIO()
    event = load_demo_event(stdout=out)
    assert "published" in out.getvalue()
    first = what_the_demo_holds(event)
    first_secrets = feed_tokens_and_badge_codes(event)
    event = load_demo_event()
    again_secrets = feed_tokens_and_badge_codes(event)
    again = what_the_demo_holds(event)
    assert again == first
    assert again_secrets.isdisjoint(first_secrets)  # random on every load, never recomputed
    assert event.slug == SLUG and event.published_version == 1
    assert first[0] >= 10 and len(first[2]) >= 20
    for username in ("participant", "ru-participant"):
        user = User.objects.get(username=username)
        registration = selectors.my_registration(event, user)
        assert registration is not None, username
        assert selectors.agenda(event, registration), username


def test_the_demo_co_organiser_validates_the_russian_delegation_it_brought(db, client):
    from django.urls import reverse

    call_command("load_demo", force=True, stdout=io.StringIO(), verbosity=0)
    event = selectors.event_by_slug(SLUG)
    assert [c.organisation.slug for c in selectors.co_organisers(event)] == [
        "russian-trade-representation"
    ]
    brought = Registration.objects.for_event(event).filter(brought_by__isnull=False)
    assert brought.exists()
    assert set(brought.values_list("organisation__country", flat=True)) == {"RU"}

    client.force_login(User.objects.get(username="co-organiser"))
    page = client.get(reverse("events:registrations", args=[SLUG]))
    assert page.status_code == 200
    shown = page.context["registrations"]
    assert {r.organisation.country for r in shown} == {"RU"}
    assert len(shown) == brought.count()
    figures = client.get(reverse("reports:dashboard"), {"event": SLUG})
    assert figures.context["data"].registrations == brought.count()
    # The Pakistani companies are the organisers' to validate, not the trade office's.
    pakistani = Registration.objects.for_event(event).filter(organisation__country="PK").first()
    response = client.post(
        reverse("events:registration_decide", args=[SLUG, pakistani.pk]), {"decision": "reject"}
    )
    assert response.status_code == 403


def test_an_attacker_cannot_compute_a_demo_calendar_feed_address(db):
    """The feed tokens used to be sha256("2026:token:<organisation slug>"): public inputs."""
    import hashlib

    call_command("load_demo", force=True, stdout=io.StringIO(), verbosity=0)
    event = load_demo_event()
    registrations = list(Registration.objects.for_event(event).select_related("organisation"))
    assert len(registrations) >= 10
    tokens = [registration.calendar_token for registration in registrations]
    assert len(set(tokens)) == len(tokens)
    for registration in registrations:
        guess = hashlib.sha256(f"2026:token:{registration.organisation.slug}".encode())
        assert registration.calendar_token != guess.hexdigest()[:32]
        assert len(registration.calendar_token) >= 32  # secrets.token_urlsafe(24)
