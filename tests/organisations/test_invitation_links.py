"""Organisation invitations: hashed single-use links, a new link for an expired one, a limit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from rabta.accounts.models import hash_token
from rabta.core.exceptions import InvalidInput, TooManyRequests
from rabta.organisations import services
from rabta.organisations.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def send(admin_member, organisation, email="new@example.org", language="ru"):
    return services.invitation_send(
        actor=admin_member.user, organisation=organisation, email=email, language=language
    )


def test_only_the_hash_of_the_link_is_stored(admin_member, organisation):
    invitation = send(admin_member, organisation)
    stored = Invitation.objects.get()
    assert stored.token_hash == hash_token(invitation.key)
    assert invitation.key not in stored.token_hash
    assert services.invitation_get(token=invitation.key) == stored


def test_the_russian_e_mail_ends_its_date_with_one_full_stop(
    admin_member, organisation, django_capture_on_commit_callbacks
):
    # Russian dates end in "г." (20 декабря 2026 г.): the sentence read "…до 20 декабря 2026 г.."
    with django_capture_on_commit_callbacks(execute=True):
        send(admin_member, organisation)
    (message,) = mail.outbox
    assert "Ссылка действительна до" in message.body and "г.." not in message.body
    assert "г.." not in message.alternatives[0][0]


def test_an_expired_invitation_sends_a_new_link_to_the_same_address(
    admin_member, organisation, django_capture_on_commit_callbacks
):
    old = send(admin_member, organisation)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.invitation_renew(token=old.key)
    assert (fresh.email, fresh.language, fresh.role) == ("new@example.org", "ru", old.role)
    assert Invitation.objects.get() == fresh  # the expired one is gone
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    assert fresh.key in message.body and "Сиалкот Сёрджикал" in message.subject


def test_a_valid_or_used_invitation_gets_no_new_link(admin_member, organisation, other_participant):
    invitation = send(admin_member, organisation)
    with pytest.raises(InvalidInput, match="still valid"):
        services.invitation_renew(token=invitation.key)
    services.invitation_accept(token=invitation.key, user=other_participant)
    with pytest.raises(InvalidInput, match="already been used"):
        services.invitation_renew(token=invitation.key)


def test_sending_is_limited_per_sender(admin_member, organisation, settings):
    settings.RABTA_INVITATIONS_PER_HOUR = 2
    send(admin_member, organisation, "a@example.org")
    send(admin_member, organisation, "b@example.org")
    with pytest.raises(TooManyRequests, match="at most 2 addresses an hour"):
        send(admin_member, organisation, "c@example.org")
    assert Invitation.objects.count() == 2


def test_the_expired_page_offers_a_new_link(client, admin_member, organisation):
    invitation = send(admin_member, organisation)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(reverse("organisations:invitation_accept", args=[invitation.key]))
    assert page.status_code == 410
    renew = reverse("organisations:invitation_renew", args=[invitation.key])
    assert renew in page.content.decode()
    response = client.post(renew)
    assert response.status_code == 302
    assert Invitation.objects.get().expires_at > timezone.now()


def test_the_limit_shows_on_the_people_page_in_the_readers_language(
    client, admin_member, organisation, settings
):
    settings.RABTA_INVITATIONS_PER_HOUR = 1
    admin_member.user.language = "ru"
    admin_member.user.save()
    client.force_login(admin_member.user)
    url = reverse("organisations:manage", args=[organisation.slug])
    client.post(url, {"email": "a@example.org", "language": "en", "role": "representative"})
    response = client.post(
        url, {"email": "b@example.org", "language": "en", "role": "representative"}
    )
    assert response.status_code == 422
    assert "Можно приглашать не более 1 адреса в час" in response.content.decode()
    assert Invitation.objects.count() == 1
