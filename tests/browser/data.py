"""Data for the browser tests: the demo data set when it exists, factories otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError

from rabta.organisations.models import Member, Organisation
from tests.factories import DEFAULT_PASSWORD, MemberFactory, UserFactory

DEMO_PASSWORD = "rabta-demo"


@dataclass(frozen=True)
class Participant:
    username: str
    email: str
    password: str
    organisation: Organisation


def _demo_participant() -> Participant | None:
    try:
        call_command("load_demo", force=True, verbosity=0)
    except CommandError:  # no load_demo command (yet)
        return None
    member = (
        Member.objects.select_related("user", "organisation")
        .filter(user__username="participant", role=Member.Role.ADMIN)
        .first()
    )
    if member is None:
        return None
    return Participant(member.user.username, member.user.email, DEMO_PASSWORD, member.organisation)


def participant_with_organisation() -> Participant:
    """The demo participant (an administrator of their organisation's profile)."""
    demo = _demo_participant()
    if demo is not None:
        return demo
    user = UserFactory(
        username="participant", full_name="Ayesha Malik", spoken_languages=["ur", "en"]
    )
    member = MemberFactory(
        user=user,
        role=Member.Role.ADMIN,
        organisation__name={"en": "Sialkot Surgical Works", "ru": "Сиалкот Сёрджикал Воркс"},
        organisation__slug="sialkot-surgical-works",
        organisation__description={"en": "Surgical and dental instruments since 1962."},
    )
    return Participant(user.username, user.email, DEFAULT_PASSWORD, member.organisation)
