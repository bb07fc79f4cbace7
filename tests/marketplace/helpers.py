"""Building opportunities for tests through the services (so indexes are maintained)."""

from __future__ import annotations

from typing import Any

from rabta.marketplace import services
from rabta.marketplace.models import Opportunity
from tests.factories import MemberFactory, OrganisationFactory, SectorFactory, UserFactory


def participant(**organisation_fields):
    """A user who is an admin member of a new approved organisation."""
    user = UserFactory()
    member = MemberFactory(user=user, organisation=OrganisationFactory(**organisation_fields))
    return user, member.organisation


def speaking(languages: list[str], **organisation_fields):
    """A participant (as :func:`participant`) whose user speaks ``languages``."""
    user, organisation = participant(**organisation_fields)
    user.spoken_languages = languages
    user.save(update_fields=["spoken_languages"])
    return user, organisation


def opportunity_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "export_offer",
        "languages": ["en"],
        "title": {"en": "Surgical scissors from Sialkot"},
        "description": {"en": "Stainless steel surgical instruments, CE marked."},
        "hs_codes": ["9018"],
        "work_languages": ["en"],
    }
    if "title" in overrides and "description" not in overrides:
        # The default description describes the default title only (its words are matched).
        data["description"] = {}
    data.update(overrides)
    return data


def publish(user, **overrides: Any) -> Opportunity:
    return services.opportunity_create(user=user, data=opportunity_data(**overrides), publish=True)


def draft_and_another_participant_signed_in(client) -> tuple[Any, Opportunity]:
    """An owner's draft, with ``client`` signed in as a participant of another organisation."""
    owner, _organisation = participant()
    other, _other = participant()
    draft = publish(owner)
    draft.status = Opportunity.Status.DRAFT
    draft.save()
    client.force_login(other)
    return owner, draft


def exporter_and_wanted_scissors():
    """An exporter of scissors, and a Russian buyer's request for them (recommended to it)."""
    exporter, organisation = participant()
    publish(exporter, hs_codes=["901890"])
    buyer, buyer_organisation = participant(country="RU")
    wanted = publish(
        buyer, kind="sourcing_request", title={"en": "Scissors wanted"}, hs_codes=["901890"]
    )
    return exporter, organisation, buyer_organisation, wanted


def publish_medical_offers(count: int) -> None:
    """``count`` organisations each publish the default offer in the (new) medical sector."""
    SectorFactory(code="medical")
    for _n in range(count):
        owner, _organisation = participant()
        publish(owner, sector_codes=["medical"])


def publish_in(user, language: str, title: str, **overrides: Any) -> Opportunity:
    """Published in one language: its title only (no description), worked in that language
    unless ``work_languages`` says otherwise."""
    overrides.setdefault("work_languages", [language])
    return publish(user, languages=[language], title={language: title}, description={}, **overrides)
