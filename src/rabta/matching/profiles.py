"""The profile index: HS codes, sectors and the concepts the description names (rabta.vocabulary)
of approved organisations, for partner candidates. The signals (one organisation saved) and the
bulk import (``index_new_organisations``) build it with the same ``profile_rows``."""

from __future__ import annotations

from collections.abc import Iterable

from rabta.marketplace.concepts import concepts_of_organisation
from rabta.marketplace.features import profile_keys
from rabta.matching.models import OrganisationFeature
from rabta.organisations.models import Organisation


def profile_rows(
    organisation: Organisation, sector_codes: Iterable[str]
) -> list[OrganisationFeature]:
    if not organisation.is_approved:
        return []
    keys = profile_keys(
        hs_codes=organisation.hs_codes or [],
        sector_codes=sector_codes,
        concepts=concepts_of_organisation(organisation),
    )
    return [OrganisationFeature(organisation=organisation, key=key, dim=dim) for key, dim in keys]


def reindex_organisation(organisation: Organisation) -> None:
    OrganisationFeature.objects.filter(organisation=organisation).delete()
    sector_codes = list(organisation.sectors.values_list("code", flat=True))
    OrganisationFeature.objects.bulk_create(profile_rows(organisation, sector_codes))


def index_new_organisations(
    organisations: Iterable[tuple[Organisation, Iterable[str]]],
) -> None:
    """The index for organisations just saved with ``bulk_create`` (which sends no signals):
    the same rows as ``reindex_organisation`` builds, in one query."""
    rows = [
        row
        for organisation, sector_codes in organisations
        for row in profile_rows(organisation, sector_codes)
    ]
    OrganisationFeature.objects.bulk_create(rows, batch_size=5000)
