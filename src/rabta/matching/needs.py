"""What a participant organisation looks for, derived from its own profile and opportunities."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import prefetch_related_objects

from rabta.marketplace.concepts import MENTION, concepts_of_organisation, related_concepts
from rabta.marketplace.features import ALL_SIDES, content_keys, profile_keys, side_of
from rabta.marketplace.models import Opportunity, OpportunityFeature
from rabta.matching.models import OrganisationFeature
from rabta.matching.sides import complements
from rabta.matching.weights import (
    CONCEPT_SECTOR_FACTOR,
    FACTOR_PROFILE_BUYERS,
    FACTOR_PROFILE_OTHERS,
    MENTION_FACTOR,
    RELATED_FACTOR,
)
from rabta.organisations.models import Member, Organisation


@dataclass(frozen=True)
class Want:
    """Why a key is wanted: the factor, and which of our own things it complements."""

    factor: float
    our_side: str | None  # None: from the organisation profile
    our_title: dict | None = None
    our_concept: str = ""  # the concept of ours it was looked for from (a related one's)


@dataclass
class Needs:
    organisation: Organisation
    languages: set[str]
    target_countries: set[str]
    terms: set[str]
    text: str
    wanted: dict[str, Want] = field(default_factory=dict)
    own_opportunity_ids: set[int] = field(default_factory=set)
    # The corridor's other countries (settings.RABTA_CORRIDOR) when ours is in it.
    counterparts: set[str] = field(default_factory=set)
    # The concepts our own opportunities' texts name (in any language): text similarity.
    concepts: set[str] = field(default_factory=set)

    def want(self, key: str, want: Want) -> None:
        current = self.wanted.get(key)
        if current is None or want.factor > current.factor:
            self.wanted[key] = want


def _widened(keys: list[tuple[str, int]]) -> list[tuple[str, float, str]]:
    """Our content keys with the weight of their want, and the neighbours worth looking for too:
    a concept our description only mentions says less (MENTION_FACTOR); a concept our title names
    also looks for its related concepts ("language courses" → "Russian language", RELATED_FACTOR);
    a sector, chosen or a concept's, also looks for the other kind of sector key."""
    widened: dict[str, tuple[float, str]] = {}

    def add(key: str, weight: float, ours: str = "") -> None:
        if key not in widened or weight > widened[key][0]:
            widened[key] = (weight, ours)

    for key, dim in keys:
        if key.startswith("cpt:"):
            add(key, MENTION_FACTOR if dim == MENTION else 1.0)
            if dim != MENTION:
                for related in related_concepts(key[4:]):
                    add(f"cpt:{related}", RELATED_FACTOR, key[4:])
        elif key.startswith("sec:"):
            add(key, 1.0)
            add(f"c{key}", 1.0)
        elif key.startswith("csec:"):
            add(key, 1.0)
            add(key[1:], CONCEPT_SECTOR_FACTOR)
        else:
            add(key, 1.0)
    return [(key, weight, ours) for key, (weight, ours) in widened.items()]


def counterparts(country: str) -> set[str]:
    corridor = set(settings.RABTA_CORRIDOR)
    return corridor - {country} if country in corridor else set()


def _indexed_content(opportunity_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """The side-less content keys of listed opportunities, read from their index rows (what
    ``content_keys`` gave when they were indexed, in the same order): no vocabulary run."""
    content: dict[int, list[tuple[str, int]]] = {}
    for opportunity_id, key, dim in (
        OpportunityFeature.objects.filter(opportunity_id__in=opportunity_ids)
        .exclude(dim=OpportunityFeature.Dimension.FILTER)
        .order_by("opportunity_id", "id")
        .values_list("opportunity_id", "key", "dim")
    ):
        content.setdefault(opportunity_id, []).append((key.split("|", 1)[1], dim))
    return content


def own_content(opportunities: list[Opportunity]) -> dict[int, list[tuple[str, int]]]:
    """The content keys of our own opportunities: a listed one's from its index rows; a draft's
    (no rows) read from its text by the vocabulary, as the index would read it."""
    content = _indexed_content([o.pk for o in opportunities if o.is_listed])
    unread = [o for o in opportunities if o.pk not in content]  # drafts; listed without rows
    prefetch_related_objects(unread, "sectors")
    for opportunity in unread:
        content[opportunity.pk] = content_keys(
            opportunity, [s.code for s in opportunity.sectors.all()]
        )
    return content


def profile_content(organisation: Organisation) -> list[tuple[str, int]]:
    """The organisation profile's keys: an approved organisation's from its index rows
    (matching/profiles.py builds them with the same ``profile_keys``), else from its data."""
    if organisation.is_approved:
        rows = list(
            OrganisationFeature.objects.filter(organisation=organisation)
            .order_by("id")
            .values_list("key", "dim")
        )
        if rows:
            return rows
    return profile_keys(
        hs_codes=organisation.hs_codes or [],
        sector_codes=[s.code for s in organisation.sectors.all()],
        concepts=concepts_of_organisation(organisation),
    )


def needs_of(organisation: Organisation) -> Needs:
    """Built from the organisation's own data only (its drafts included: they are its own)."""
    own = list(
        Opportunity.objects.filter(organisation=organisation)
        .exclude(status=Opportunity.Status.CLOSED)
        .order_by("id")
    )
    content = own_content(own)
    languages: set[str] = set()
    for spoken in Member.objects.filter(organisation=organisation).values_list(
        "user__spoken_languages", flat=True
    ):
        languages.update(spoken or [])
    needs = Needs(
        organisation=organisation,
        languages=languages,
        target_countries=set(),
        terms=set(),
        text="",
        own_opportunity_ids={o.pk for o in own},
        counterparts=counterparts(organisation.country),
    )
    texts: list[str] = []
    for opportunity in own:
        side = side_of(opportunity.kind, opportunity.role)
        keys = content[opportunity.pk]
        needs.concepts.update(key[4:] for key, _dim in keys if key.startswith("cpt:"))
        for other_side, factor in complements(side).items():
            for key, weight, ours in _widened(keys):
                needs.want(
                    f"{other_side}|{key}", Want(factor * weight, side, opportunity.title, ours)
                )
        languages.update(opportunity.work_languages)
        needs.target_countries.update(opportunity.countries)
        needs.terms.update(opportunity.terms.split())
        texts.append(" ".join(opportunity.title.values()))
    profile = profile_content(organisation)
    # The profile says what the organisation works in, not on which side: it is matched at low
    # factors, never with a side the organisation itself takes (an exporter's peers are competitors).
    own_sides = {side_of(o.kind, o.role) for o in own}
    profile_sides = {
        "trade.seek": FACTOR_PROFILE_BUYERS,
        "trade.offer": FACTOR_PROFILE_OTHERS,
    }
    for key, dim in profile:
        if dim == OpportunityFeature.Dimension.SECTOR:
            sides = {
                side: FACTOR_PROFILE_OTHERS for side in ALL_SIDES if not side.startswith("trade.")
            }
        elif key.startswith("cpt:"):  # a product or a service the description names
            sides = {side: FACTOR_PROFILE_OTHERS for side in ALL_SIDES} | profile_sides
        else:  # HS codes of the profile: what the organisation makes or trades in
            sides = profile_sides
        for side, factor in sides.items():
            if side not in own_sides:
                needs.want(f"{side}|{key}", Want(factor, None))
    needs.text = " ".join(texts)
    return needs
