"""Event invitations: one single-use, expiring link per address, hashed; a new link on demand."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rabta.accounts.models import hash_token
from rabta.core.exceptions import InvalidInput, NotPermitted, TooManyRequests
from rabta.events import invitation_services, services
from rabta.events.models import EventInvitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/events/invitations/([\w-]+)/")


@pytest.fixture(autouse=True)
def _site_and_cache(settings):
    settings.SITE_URL = "https://rabta.example"
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invite(organiser, event, django_capture_on_commit_callbacks):
    """Invite addresses as the organiser; returns {address: link secret} read from the e-mails."""

    def run(*emails, language="en"):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.event_invite(actor=organiser, event=event, emails=emails, language=language)
        return {m.to[0].lower(): LINK.search(m.body).group(1) for m in mail.outbox}

    return run


def expire(key: str) -> None:
    EventInvitation.objects.unscoped().filter(token_hash=hash_token(key)).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


# --- services ---------------------------------------------------------------------------------


def test_each_address_gets_its_own_link_and_only_its_hash_is_stored(invite, event):
    keys = invite("a@example.org", "b@example.org", language="ur")
    assert len(set(keys.values())) == 2
    stored = {i.email: i for i in EventInvitation.objects.for_event(event)}
    assert set(stored) == {"a@example.org", "b@example.org"}
    for address, key in keys.items():
        assert stored[address].token_hash == hash_token(key)
        assert key not in stored[address].token_hash
        assert stored[address].language == "ur"
        assert stored[address].expires_at > timezone.now() + timedelta(days=13)


def test_the_stranger_reads_it_in_the_chosen_language(invite):
    invite("new@example.org", language="ru")
    [message] = mail.outbox
    assert "День делегации" in message.subject
    assert "Откройте эту ссылку" in message.body


def test_inviting_again_replaces_the_unused_link(invite, event):
    first = invite("a@example.org")["a@example.org"]
    second = invite("a@example.org")["a@example.org"]
    assert EventInvitation.objects.for_event(event).count() == 1
    with pytest.raises(Exception, match="not valid"):
        invitation_services.event_invitation_get(token=first)
    assert invitation_services.event_invitation_get(token=second).email == "a@example.org"


def test_a_link_works_once_and_only_for_its_user(invite):
    key = invite("a@example.org")["a@example.org"]
    first, second = UserFactory(), UserFactory()
    used = invitation_services.event_invitation_use(token=key, user=first)
    assert used.used_by == first and used.used_at is not None
    # The same person may open it again; anyone else is told it is used.
    invitation_services.event_invitation_use(token=key, user=first)
    with pytest.raises(InvalidInput, match="already been used"):
        invitation_services.event_invitation_use(token=key, user=second)


def test_an_expired_link_is_refused_and_a_new_one_goes_to_the_same_address(invite):
    key = invite("late@example.org", language="ur")["late@example.org"]
    expire(key)
    with pytest.raises(InvalidInput, match="expired"):
        invitation_services.event_invitation_use(token=key, user=UserFactory())
    mail.outbox.clear()
    renewed = invitation_services.event_invitation_renew(token=key)
    assert renewed.email == "late@example.org" and renewed.language == "ur"
    assert renewed.token_hash != hash_token(key)


def test_a_used_or_valid_link_asks_for_no_new_one(invite):
    keys = invite("a@example.org", "b@example.org")
    with pytest.raises(InvalidInput, match="still valid"):
        invitation_services.event_invitation_renew(token=keys["a@example.org"])
    invitation_services.event_invitation_use(token=keys["b@example.org"], user=UserFactory())
    with pytest.raises(InvalidInput, match="already been used"):
        invitation_services.event_invitation_renew(token=keys["b@example.org"])


def test_new_links_are_limited_per_address(invite, settings):
    settings.RABTA_NEW_LINKS_PER_HOUR = 2
    key = invite("late@example.org")["late@example.org"]
    for _round in range(2):
        expire(key)
        key = invitation_services.event_invitation_renew(token=key).key
    expire(key)
    with pytest.raises(TooManyRequests, match="At most 2 new links an hour"):
        invitation_services.event_invitation_renew(token=key)


def test_sending_is_limited_per_sender(invite, organiser, event, settings):
    settings.RABTA_INVITATIONS_PER_HOUR = 3
    invite("a@example.org", "b@example.org")
    with pytest.raises(TooManyRequests, match="at most 3 addresses an hour"):
        services.event_invite(
            actor=organiser, event=event, emails=["c@example.org", "d@example.org"]
        )
    assert EventInvitation.objects.for_event(event).count() == 2
    # Another organiser has their own allowance.
    other = UserFactory(is_superuser=True)
    services.event_invite(actor=other, event=event, emails=["c@example.org"])


def test_only_the_events_managers_invite(event):
    with pytest.raises(NotPermitted):
        services.event_invite(actor=UserFactory(), event=event, emails=["a@example.org"])
    assert not EventInvitation.objects.for_event(event).exists()


# --- pages ------------------------------------------------------------------------------------------


def test_a_signed_in_person_goes_straight_to_the_registration(client, invite, event):
    key = invite("someone@example.org")["someone@example.org"]
    person = UserFactory(email="someone@example.org")
    client.force_login(person)
    response = client.get(reverse("events:invitation_open", args=[key]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("events:register", args=[event.slug]))
    # The registration page then accepts the person even if the event is unlisted.
    assert client.get(response["Location"]).status_code == 200
    assert EventInvitation.objects.for_event(event).get().used_by == person


def test_an_address_with_an_account_is_sent_to_sign_in_first(client, invite):
    UserFactory(email="known@example.org")
    key = invite("known@example.org")["known@example.org"]
    response = client.get(reverse("events:invitation_open", args=[key]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert reverse("events:invitation_open", args=[key]) in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize(
    ("language", "expired_text", "button"),
    [
        ("en", "This invitation link has expired.", "Send me a new link"),
        ("ru", "Срок действия этой ссылки-приглашения истёк.", "Пришлите мне новую ссылку"),
        ("ur", "اس دعوتی لنک کی مدت ختم ہو چکی ہے۔", "مجھے نیا لنک بھیجیں"),
    ],
)
def test_an_expired_link_says_so_and_offers_a_new_one(
    client, invite, language, expired_text, button, django_capture_on_commit_callbacks
):
    key = invite("late@example.org")["late@example.org"]
    expire(key)
    client.cookies["rabta_language"] = language
    page = client.get(reverse("events:invitation_open", args=[key]))
    assert page.status_code == 410
    text = page.content.decode()
    assert expired_text in text and button in text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:invitation_renew", args=[key]))
    assert [m.to for m in mail.outbox] == [["late@example.org"]]


def test_a_link_used_by_someone_else_says_so(client, invite, event):
    key = invite("a@example.org")["a@example.org"]
    invitation_services.event_invitation_use(token=key, user=UserFactory())
    client.force_login(UserFactory())
    page = client.get(reverse("events:invitation_open", args=[key]))
    assert page.status_code == 410
    assert "already been used" in page.content.decode()


def test_a_made_up_link_is_a_404(client):
    assert client.get(reverse("events:invitation_open", args=["made-up"])).status_code == 404
    assert client.post(reverse("events:invitation_renew", args=["made-up"])).status_code == 404


def test_the_manage_page_reports_the_sending_limit(client, organiser, event, settings):
    settings.RABTA_INVITATIONS_PER_HOUR = 1
    client.force_login(organiser)
    url = reverse("events:invite", args=[event.slug])
    client.post(url, {"emails": "a@example.org\nb@example.org", "language": "en"}, follow=True)
    assert not EventInvitation.objects.for_event(event).exists()
    response = client.post(
        url, {"emails": "a@example.org\nb@example.org", "language": "en"}, follow=True
    )
    assert "at most 1 address an hour" in response.content.decode()


# --- a stranger: from the e-mail to the registration --------------------------------------------


def test_a_stranger_signs_up_with_the_address_filled_in_and_lands_on_the_registration(
    client, invite, event
):
    key = invite("guest@moscow.example", language="ru")["guest@moscow.example"]
    link = reverse("events:invitation_open", args=[key])
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_signup"))
    signup = client.get(response["Location"])
    assert signup.context["form"]["email"].value() == "guest@moscow.example"
    mail.outbox.clear()
    landed = client.post(
        response["Location"],
        {
            "full_name": "Ivan Petrov",
            "email": "guest@moscow.example",
            "password1": "Sokolniki-medtorg-2026",
            "password2": "Sokolniki-medtorg-2026",
        },
        follow=True,
    )
    # The link proved the address: no verification e-mail, signed in, on to the registration.
    assert mail.outbox == []
    assert landed.redirect_chain[-1][0].startswith(reverse("events:register", args=[event.slug]))
    person = landed.context["user"]
    assert person.email == "guest@moscow.example" and person.is_authenticated
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(user=person).verified
    assert EventInvitation.objects.for_event(event).get().used_by == person


def test_a_stranger_who_types_another_address_still_gets_the_invited_one_verified(
    client, invite, event
):
    """allauth's rule for a proven address: it becomes the account's verified primary address;
    the other one waits for its own verification."""
    key = invite("guest@moscow.example")["guest@moscow.example"]
    signup_url = client.get(reverse("events:invitation_open", args=[key]))["Location"]
    landed = client.post(
        signup_url,
        {
            "full_name": "Ivan Petrov",
            "email": "ivan@elsewhere.example",
            "password1": "Sokolniki-medtorg-2026",
            "password2": "Sokolniki-medtorg-2026",
        },
        follow=True,
    )
    from allauth.account.models import EmailAddress

    person = landed.context["user"]
    assert person.email == "guest@moscow.example"
    addresses = dict(EmailAddress.objects.filter(user=person).values_list("email", "verified"))
    assert addresses == {"guest@moscow.example": True, "ivan@elsewhere.example": False}
    assert landed.redirect_chain[-1][0].startswith(reverse("events:register", args=[event.slug]))
