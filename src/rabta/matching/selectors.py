"""Recommendations for a participant organisation: ranked opportunities and partners."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.translation import ngettext

from rabta.core.cache import cached
from rabta.core.i18n import localized
from rabta.marketplace.models import OpportunityFeature
from rabta.marketplace.selectors import live_opportunities
from rabta.matching import similarity
from rabta.matching.candidates import candidate_ids
from rabta.matching.explanations import explanation, reason_text
from rabta.matching.models import HiddenRecommendation
from rabta.matching.needs import Needs, needs_of
from rabta.matching.partners import ProfileMatch, profile_matches
from rabta.matching.rarity import current_rarity
from rabta.matching.scoring import Candidate, Reason, Scored, rank
from rabta.matching.similarity import similarities
from rabta.matching.weights import PARTNER_MORE, PARTNER_MORE_AT_MOST
from rabta.organisations.models import Organisation, Sector


@dataclass
class OpportunityRecommendation:
    opportunity_id: int
    title: dict
    kind: str
    organisation_id: int
    organisation_name: dict
    organisation_slug: str
    organisation_country: str
    score: float
    reasons: list[Reason]
    explanation: str
    reason_texts: list[str]


@dataclass
class PartnerRecommendation:
    organisation_id: int
    name: dict
    slug: str
    country: str
    score: float
    explanation: str
    opportunity_ids: list[int] = field(default_factory=list)


@dataclass
class Recommendations:
    opportunities: list[OpportunityRecommendation]
    partners: list[PartnerRecommendation]


CANDIDATE_FIELDS = (
    "id",
    "organisation_id",
    "kind",
    "role",
    "hs_codes",
    "work_languages",
    "languages",
    "countries",
    "terms",
    "details",
    "title",
    "organisation__name",
    "organisation__slug",
    "organisation__country",
)


def _load_candidates(
    needs: Needs, ids: list[int], hidden_partners: set[int]
) -> tuple[list[Candidate], dict]:
    rows = list(
        live_opportunities()
        .filter(pk__in=ids)
        .exclude(organisation_id=needs.organisation.pk)
        .exclude(organisation_id__in=hidden_partners)
        .values(*CANDIDATE_FIELDS)
    )
    keys: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for opportunity_id, key, dim in (
        OpportunityFeature.objects.filter(opportunity_id__in=[r["id"] for r in rows])
        .exclude(dim=OpportunityFeature.Dimension.FILTER)
        .values_list("opportunity_id", "key", "dim")
    ):
        keys[opportunity_id].append((key, dim))
    candidates = [
        Candidate(
            id=row["id"],
            organisation_id=row["organisation_id"],
            kind=row["kind"],
            role=row["role"],
            hs_codes=row["hs_codes"] or [],
            # Its chosen sectors are its "sec:" index rows (no query of their own).
            sector_codes=sorted(
                k.split("|sec:", 1)[1] for k, _d in keys[row["id"]] if "|sec:" in k
            ),
            work_languages=row["work_languages"] or row["languages"] or [],
            countries=row["countries"] or [],
            organisation_country=row["organisation__country"],
            terms=set((row["terms"] or "").split()),
            product=str((row["details"] or {}).get("product") or ""),
            keys=keys[row["id"]],
        )
        for row in rows
    ]
    return candidates, {row["id"]: row for row in rows}


def _hidden(organisation: Organisation) -> tuple[set[int], set[int]]:
    opportunities, partners = set(), set()
    for opportunity_id, partner_id in HiddenRecommendation.objects.filter(
        organisation=organisation
    ).values_list("opportunity_id", "partner_id"):
        if opportunity_id:
            opportunities.add(opportunity_id)
        if partner_id:
            partners.add(partner_id)
    return opportunities, partners


def hidden_recommendations(organisation: Organisation) -> list[HiddenRecommendation]:
    """What this organisation has hidden, newest first, to show again if it wants."""
    return list(
        HiddenRecommendation.objects.filter(organisation=organisation)
        .select_related("opportunity", "partner")
        .order_by("-created_at", "-pk")
    )


def sector_names() -> dict[str, str]:
    return {
        code: localized(name) or code for code, name in Sector.objects.values_list("code", "name")
    }


def recommendations_cached(organisation: Organisation, *, limit: int = 20) -> Recommendations:
    """:func:`recommendations_for`, cached (in the reader's language) until an opportunity, an
    organisation or a hidden recommendation changes."""
    return cached(
        "recommendations",
        (organisation.pk, limit),
        lambda: recommendations_for(organisation, limit=limit),
        timeout=settings.RABTA_CACHE_SECONDS,
        per_language=True,
    )


def recommendations_for(organisation: Organisation, *, limit: int = 20) -> Recommendations:
    """The ``limit`` best opportunities and partner organisations for ``organisation``."""
    needs = needs_of(organisation)
    hidden_opportunities, hidden_partners = _hidden(organisation)
    ids = [i for i in candidate_ids(needs) if i not in hidden_opportunities]
    candidates, rows = _load_candidates(needs, ids, hidden_partners)
    texts = (  # for the optional embedding model only
        {
            c.id: " ".join(rows[c.id]["title"].values()) + " " + rows[c.id]["terms"]
            for c in candidates
        }
        if similarity.embedding_model() is not None
        else {}
    )
    ranked: list[Scored] = rank(
        needs, candidates, similarities(needs.text, texts), current_rarity() if candidates else None
    )
    names = sector_names()

    opportunities = []
    for scored in ranked[:limit]:
        row = rows[scored.candidate.id]
        opportunities.append(
            OpportunityRecommendation(
                opportunity_id=row["id"],
                title=row["title"],
                kind=row["kind"],
                organisation_id=row["organisation_id"],
                organisation_name=row["organisation__name"],
                organisation_slug=row["organisation__slug"],
                organisation_country=row["organisation__country"],
                score=scored.score,
                reasons=scored.reasons,
                explanation=explanation(scored.reasons, names),
                reason_texts=[reason_text(r, names) for r in scored.reasons],
            )
        )
    explained = {r.opportunity_id: r.explanation for r in opportunities}
    partners = _partners(needs, ranked, rows, names, limit, hidden_partners, explained)
    return Recommendations(opportunities=opportunities, partners=partners)


def _partners(
    needs: Needs,
    ranked: list[Scored],
    rows: dict,
    names: dict[str, str],
    limit: int,
    hidden: set[int],
    explained: dict[int, str],
) -> list[PartnerRecommendation]:
    """Partner organisations: through their opportunities (best score, a little more for each
    further match) and through their profile alone; explanations only for what is shown."""
    by_org: dict[int, list[Scored]] = defaultdict(list)
    for scored in ranked:
        by_org[scored.candidate.organisation_id].append(scored)
    entries: dict[int, tuple[float, object]] = {
        organisation_id: (
            items[0].score + PARTNER_MORE * min(len(items) - 1, PARTNER_MORE_AT_MOST),
            items,
        )
        for organisation_id, items in by_org.items()
    }
    for match in profile_matches(needs, exclude=hidden | set(by_org)):
        entries[match.organisation_id] = (match.score, match)
    best_first = sorted(entries.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    partners = []
    for organisation_id, (score, source) in best_first:
        if isinstance(source, ProfileMatch):
            partners.append(
                PartnerRecommendation(
                    organisation_id=organisation_id,
                    name=source.name,
                    slug=source.slug,
                    country=source.country,
                    score=round(score, 6),
                    explanation=explanation(source.reasons, names),
                    opportunity_ids=[],
                )
            )
            continue
        best, more = source[0], len(source) - 1
        row = rows[best.candidate.id]
        text = explained.get(best.candidate.id) or explanation(best.reasons, names)
        if more:
            text += " " + ngettext(
                "(and %(count)d more matching opportunity)",
                "(and %(count)d more matching opportunities)",
                more,
            ) % {"count": more}
        partners.append(
            PartnerRecommendation(
                organisation_id=organisation_id,
                name=row["organisation__name"],
                slug=row["organisation__slug"],
                country=row["organisation__country"],
                score=round(score, 6),
                explanation=text,
                opportunity_ids=[s.candidate.id for s in source],
            )
        )
    return partners


def hidden_for(organisation: Organisation):
    return (
        HiddenRecommendation.objects.filter(organisation=organisation)
        .filter(Q(opportunity__isnull=False) | Q(partner__isnull=False))
        .select_related("opportunity", "partner")
        .order_by("-created_at")
    )
