"""The precomputed features of an opportunity: its market side and its index keys.

A *side* says what an opportunity offers or seeks: ``trade.offer`` (export offer),
``trade.seek`` (sourcing request), and ``<kind>.<role>`` for the other kinds
(``jv.offer`` = an investor, ``jv.seek`` = looks for investment, ``edu.partner`` …).
Matching (rabta.matching) pairs complementary sides through these keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from rabta.marketplace.concepts import (
    MAIN,
    concept_headings,
    concept_sectors,
    concepts_of_opportunity,
    is_attribute,
)
from rabta.marketplace.models import Kind, Opportunity, OpportunityFeature, Role

KIND_PREFIX = {
    Kind.EXPORT_OFFER: "trade",
    Kind.SOURCING_REQUEST: "trade",
    Kind.JOINT_VENTURE: "jv",
    Kind.TECHNOLOGY: "tech",
    Kind.EDUCATION: "edu",
    Kind.CULTURE: "culture",
}
FIXED_ROLE = {Kind.EXPORT_OFFER: Role.OFFER, Kind.SOURCING_REQUEST: Role.SEEK}
ALL_SIDES = [
    f"{prefix}.{role}"
    for prefix in dict.fromkeys(KIND_PREFIX.values())
    for role in (Role.OFFER, Role.SEEK, Role.PARTNER)
    if not (prefix == "trade" and role == Role.PARTNER)
]

Dim = OpportunityFeature.Dimension


def role_for(kind: str, role: str) -> str:
    return FIXED_ROLE.get(kind, role or Role.PARTNER)


def side_of(kind: str, role: str) -> str:
    return f"{KIND_PREFIX[Kind(kind)]}.{role_for(kind, role)}"


def hs_keys(code: str) -> list[tuple[str, int]]:
    """``901890`` → [("hs2:90", 2), ("hs4:9018", 4), ("hs6:901890", 6)]."""
    levels = [(2, Dim.HS2), (4, Dim.HS4), (6, Dim.HS6)]
    return [(f"hs{n}:{code[:n]}", int(dim)) for n, dim in levels if len(code) >= n]


def profile_keys(
    *,
    hs_codes: Iterable[str],
    sector_codes: Iterable[str],
    concepts: dict[str, int] | None = None,
) -> list[tuple[str, int]]:
    """Side-less (dimension key, dim) pairs for HS codes, sectors and the concepts a text names
    (``cpt:basmati-rice`` with its level as dim), without duplicates."""
    keys: dict[str, int] = {}
    for code in hs_codes:
        for key, dim in hs_keys(code):
            keys[key] = dim
    for sector in sector_codes:
        keys[f"sec:{sector}"] = int(Dim.SECTOR)
    for concept_id, level in (concepts or {}).items():
        keys[f"cpt:{concept_id}"] = level
    return list(keys.items())


def names_a_service(concepts: dict[str, int]) -> bool:
    """Whether the title names only services (concepts without HS headings: road freight,
    recruitment): then the goods a request's description mentions (the fruit a truck is to
    carry, the pipes of the plant that hires welders) are not what it looks for, and propose no heading
    to match on. (An offer of such a service keeps them: a reefer line that names the fruit it
    carries is a partner of the fruit's traders.)"""
    # A certificate, packaging or private label names how goods are traded, not a service.
    named = [c for c, level in concepts.items() if level == MAIN and not is_attribute(c)]
    return bool(named) and not any(concept_headings(c) for c in named)


def content_keys(opportunity: Opportunity, sector_codes: Iterable[str]) -> list[tuple[str, int]]:
    """The side-less keys of what an opportunity is about: its HS codes (for goods without any,
    the headings its text suggests), its sectors, the concepts its text names and their sectors
    (``csec:``, a weak key of its own: the search's sector filter reads ``sec:`` only). The one
    place the index (feature_rows) and a participant's needs read them from."""
    concepts = concepts_of_opportunity(
        title=opportunity.title, description=opportunity.description, details=opportunity.details
    )
    hs_codes = opportunity.hs_codes
    if not hs_codes and opportunity.kind in FIXED_ROLE:  # goods: HS codes name goods only
        hs_codes = getattr(opportunity, "suggested_headings", None) or []
        if opportunity.kind == Kind.SOURCING_REQUEST and names_a_service(concepts):
            hs_codes = []
    sector_codes = list(sector_codes)
    keys = profile_keys(hs_codes=hs_codes, sector_codes=sector_codes, concepts=concepts)
    keys += [
        (f"csec:{sector}", int(Dim.CONCEPT_SECTOR))
        for sector in concept_sectors(concepts)
        if sector not in sector_codes
    ]
    return keys


def feature_keys(
    *,
    kind: str,
    role: str,
    hs_codes: Iterable[str] = (),
    sector_codes: Iterable[str] = (),
    countries: Iterable[str],
    work_languages: Iterable[str],
    organisation_country: str = "",
    content: list[tuple[str, int]] | None = None,
) -> list[tuple[str, int]]:
    """(key, dim) pairs of a live opportunity: its side's content keys (``content``, else those
    of ``hs_codes`` and ``sector_codes``), then filter keys."""
    side = side_of(kind, role)
    if content is None:
        content = profile_keys(hs_codes=hs_codes, sector_codes=sector_codes)
    keys = [(f"{side}|{key}", dim) for key, dim in content]
    keys += [(f"cty:{country}", int(Dim.FILTER)) for country in dict.fromkeys(countries)]
    keys += [(f"lng:{language}", int(Dim.FILTER)) for language in dict.fromkeys(work_languages)]
    if organisation_country:
        keys.append((f"org:{organisation_country}", int(Dim.FILTER)))
    return keys


def feature_rows(opportunity: Opportunity, sector_codes: Iterable[str]) -> list[OpportunityFeature]:
    """The index rows of one listed opportunity (none when it is not listed)."""
    if not opportunity.is_listed:
        return []
    keys = feature_keys(
        kind=opportunity.kind,
        role=opportunity.role,
        content=content_keys(opportunity, sector_codes),
        countries=opportunity.countries,
        work_languages=opportunity.work_languages,
        organisation_country=opportunity.organisation.country,
    )
    return [OpportunityFeature(opportunity=opportunity, key=key, dim=dim) for key, dim in keys]


def hs_filter_keys(prefix: str) -> list[str]:
    """Every side's key for an HS prefix of 2, 4 or 6 digits (for the search filter)."""
    level = len(prefix)
    return [f"{side}|hs{level}:{prefix}" for side in ALL_SIDES]


def sector_filter_keys(sector_code: str) -> list[str]:
    return [f"{side}|sec:{sector_code}" for side in ALL_SIDES]
