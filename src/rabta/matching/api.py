"""JSON API of recommendations: ranked opportunities and partners with their explanations."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from rabta.core.i18n import localized
from rabta.marketplace.models import Opportunity
from rabta.marketplace.permissions import acting_organisation
from rabta.matching import services
from rabta.matching.selectors import hidden_recommendations, recommendations_cached
from rabta.organisations.models import Organisation

router = Router(tags=["recommendations"])


class OpportunityRecommendationOut(Schema):
    opportunity_id: int
    title: str
    kind: str
    organisation_id: int
    organisation_name: str
    organisation_slug: str
    score: float
    explanation: str
    reasons: list[str]


class PartnerRecommendationOut(Schema):
    organisation_id: int
    name: str
    slug: str
    country: str
    score: float
    explanation: str
    opportunity_ids: list[int]


class RecommendationsOut(Schema):
    organisation_id: int
    opportunities: list[OpportunityRecommendationOut]
    partners: list[PartnerRecommendationOut]


class HiddenOut(Schema):
    id: int
    opportunity_id: int | None
    partner_id: int | None
    label: str


class HideIn(Schema):
    opportunity_id: int | None = None
    partner_id: int | None = None
    organisation_id: int | None = None


@router.get("/recommendations", response=RecommendationsOut)
def recommendations(request, organisation_id: int | None = None, limit: int = 20):
    """The best opportunities and partners for your organisation, each with a short explanation."""
    organisation = acting_organisation(request.auth, organisation_id)
    found = recommendations_cached(organisation, limit=max(1, min(limit, 50)))
    return {
        "organisation_id": organisation.pk,
        "opportunities": [
            {
                "opportunity_id": r.opportunity_id,
                "title": localized(r.title),
                "kind": r.kind,
                "organisation_id": r.organisation_id,
                "organisation_name": localized(r.organisation_name),
                "organisation_slug": r.organisation_slug,
                "score": r.score,
                "explanation": r.explanation,
                "reasons": r.reason_texts,
            }
            for r in found.opportunities
        ],
        "partners": [
            {
                "organisation_id": p.organisation_id,
                "name": localized(p.name),
                "slug": p.slug,
                "country": p.country,
                "score": p.score,
                "explanation": p.explanation,
                "opportunity_ids": p.opportunity_ids,
            }
            for p in found.partners
        ],
    }


@router.post("/recommendations/hide", response={204: None})
def hide_recommendation(request, payload: HideIn):
    """Hide an opportunity or a partner from your own recommendations (nobody else's)."""
    organisation = acting_organisation(request.auth, payload.organisation_id)
    opportunity = (
        get_object_or_404(Opportunity, pk=payload.opportunity_id)
        if payload.opportunity_id
        else None
    )
    partner = get_object_or_404(Organisation, pk=payload.partner_id) if payload.partner_id else None
    services.recommendation_hide(
        user=request.auth, opportunity=opportunity, partner=partner, organisation=organisation
    )
    return Status(204, None)


@router.get("/recommendations/hidden", response=list[HiddenOut])
def hidden(request, organisation_id: int | None = None):
    """What your organisation has hidden from its recommendations, newest first."""
    organisation = acting_organisation(request.auth, organisation_id)
    return [
        {
            "id": h.pk,
            "opportunity_id": h.opportunity_id,
            "partner_id": h.partner_id,
            "label": localized(h.opportunity.title if h.opportunity else h.partner.name),
        }
        for h in hidden_recommendations(organisation)
    ]


@router.delete("/recommendations/hidden/{hidden_id}", response={204: None})
def unhide_recommendation(request, hidden_id: int):
    """Show a hidden opportunity or partner again (in your organisation's recommendations)."""
    services.recommendation_unhide(user=request.auth, hidden_id=hidden_id)
    return Status(204, None)
