"""Keeping an opportunity's search text, terms and feature rows in step with its data."""

from __future__ import annotations

from collections.abc import Iterable

from rabta.marketplace.features import feature_rows
from rabta.marketplace.models import Opportunity, OpportunityFeature
from rabta.marketplace.text import normalise, terms


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return [value] if isinstance(value, str) else []


def search_text_of(opportunity: Opportunity, sectors: Iterable) -> str:
    parts: list[str] = []
    parts += _texts(opportunity.title) + _texts(opportunity.description)
    for value in (opportunity.details or {}).values():
        parts += value if isinstance(value, list) else _texts(value)
    for sector in sectors:
        parts += [sector.code.replace("-", " "), *_texts(sector.name)]
    parts += list(opportunity.hs_codes)
    organisation = opportunity.organisation
    parts += _texts(organisation.name) + [organisation.city]
    return normalise(" ".join(str(part) for part in parts if part))


def terms_of(opportunity: Opportunity) -> str:
    text = " ".join(_texts(opportunity.title) + _texts(opportunity.description))
    product = (opportunity.details or {}).get("product") or ""
    return " ".join(terms(f"{product} {text}"))


def reindex(opportunity: Opportunity) -> None:
    """Recompute the stored search text and terms and rebuild the feature rows."""
    sectors = list(opportunity.sectors.all())
    opportunity.search_text = search_text_of(opportunity, sectors)
    opportunity.terms = terms_of(opportunity)
    opportunity.is_listed = opportunity.compute_is_listed()
    Opportunity.objects.filter(pk=opportunity.pk).update(
        search_text=opportunity.search_text,
        terms=opportunity.terms,
        is_listed=opportunity.is_listed,
    )
    OpportunityFeature.objects.filter(opportunity=opportunity).delete()
    OpportunityFeature.objects.bulk_create(feature_rows(opportunity, [s.code for s in sectors]))


def relist_organisation(organisation) -> None:
    """After an organisation's approval changed: list or unlist its opportunities."""
    for opportunity in Opportunity.objects.filter(organisation=organisation).select_related(
        "organisation"
    ):
        opportunity.organisation = organisation
        if opportunity.compute_is_listed() != opportunity.is_listed:
            reindex(opportunity)
