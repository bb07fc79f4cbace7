"""The demo data set for the browser tests: the people who log in and the pages they visit."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management import call_command
from django.urls import reverse

from rabta.events.models import Event
from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Organisation

DEMO_PASSWORD = "rabta-demo"
# The demo's participant who reads each language (the account's language is theirs).
PARTICIPANT_BY_LANGUAGE = {"en": "participant", "ru": "ru-participant", "ur": "ur-participant"}
ORGANISER = "organiser"


@dataclass(frozen=True)
class DemoPages:
    event: Event
    organisation: Organisation
    opportunity: Opportunity

    @property
    def public(self) -> dict[str, str]:
        return {
            "home": reverse("home"),
            "directory": reverse("organisations:directory"),
            "organisation": reverse(
                "organisations:detail", kwargs={"slug": self.organisation.slug}
            ),
            "login": reverse("accounts:login"),
            "marketplace": reverse("marketplace:browse"),
            "opportunity": reverse("marketplace:detail", kwargs={"pk": self.opportunity.pk}),
            "event": reverse("events:detail", kwargs={"slug": self.event.slug}),
            "initiatives": reverse("initiatives:list"),
            "not found": "/no-such-page/",
        }

    @property
    def participant(self) -> dict[str, str]:
        return {
            "recommendations": reverse("matching:recommendations"),
            "agenda": reverse("events:agenda", kwargs={"slug": self.event.slug}),
            "account": reverse("accounts:profile"),
        }

    @property
    def organiser(self) -> dict[str, str]:
        return {"organiser event page": reverse("events:manage", kwargs={"slug": self.event.slug})}


def load_demo_pages() -> DemoPages:
    call_command("load_demo", force=True, verbosity=0)
    return DemoPages(
        event=Event.objects.get(slug="russian-delegation-sialkot-2027"),
        organisation=Organisation.objects.get(slug="aftab-steel-cutlery"),
        opportunity=Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        .order_by("pk")
        .first(),
    )
