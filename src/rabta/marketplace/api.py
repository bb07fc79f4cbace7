"""JSON API of the marketplace: opportunities CRUD, search, attachments and interests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from rabta.accounts.api_auth import ApiTokenAuth, SessionAuth
from rabta.core.exceptions import NotFound
from rabta.core.i18n import localized
from rabta.marketplace import selectors, services
from rabta.marketplace.models import Attachment, Interest, Opportunity
from rabta.marketplace.pagination import CappedPaginator
from rabta.marketplace.permissions import member_organisation_ids
from rabta.marketplace.suggestions import heading_name, suggest

router = Router(tags=["marketplace"])


def anonymous(request):
    """Lets visitors without a token through: they see what the public sees."""
    return request.user


# A token or a session when given (owners see their drafts), else the public view.
OPTIONAL_AUTH = [ApiTokenAuth(), SessionAuth(), anonymous]


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str
    country: str


class OpportunityOut(Schema):
    id: int
    kind: str
    role: str
    status: str
    title: str
    titles: dict[str, str]
    description: dict[str, str]
    languages: list[str]
    work_languages: list[str]
    sectors: list[str]
    hs_codes: list[str]
    suggested_headings: list[str]
    countries: list[str]
    deadline: dt.date | None
    details: dict[str, Any]
    published_at: dt.datetime | None
    organisation: OrganisationRef
    contacts: dict[str, str] | None = None


class OpportunityIn(Schema):
    kind: str
    role: str | None = None
    languages: list[str]
    title: dict[str, str]
    description: dict[str, str] = {}
    work_languages: list[str] = []
    sector_codes: list[str] = []
    hs_codes: list[str] = []
    countries: list[str] = []
    deadline: str | None = None
    details: dict[str, Any] = {}
    publish: bool = False
    organisation_id: int | None = None


class OpportunityPatch(Schema):
    kind: str | None = None
    role: str | None = None
    languages: list[str] | None = None
    title: dict[str, str] | None = None
    description: dict[str, str] | None = None
    work_languages: list[str] | None = None
    sector_codes: list[str] | None = None
    hs_codes: list[str] | None = None
    countries: list[str] | None = None
    deadline: str | None = None
    details: dict[str, Any] | None = None


class SuggestionParams(Schema):
    text: str = Field(..., max_length=10000)


class HeadingSuggestionOut(Schema):
    heading: str
    label: str
    score: float
    concepts: list[str]


class SuggestionsOut(Schema):
    suggestions: list[HeadingSuggestionOut]


class SearchParams(Schema):
    q: str = ""
    kind: str = ""
    sector: str = ""
    hs: str = ""
    country: str = ""
    language: str = ""
    trend: str = Field(
        "",
        description="growing or shrinking: the trade of the goods' HS chapter last year "
        "(docs/trade.md)",
    )
    page: int = 1


class OpportunityPage(Schema):
    count: int
    count_is_capped: bool
    page: int
    pages: int
    results: list[OpportunityOut]


class InterestIn(Schema):
    message: str = ""
    organisation_id: int | None = None


class InterestOut(Schema):
    id: int
    opportunity_id: int
    opportunity_title: str
    organisation: OrganisationRef
    status: str
    message: str
    created_at: dt.datetime
    contacts: dict[str, str] | None = None


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


def _organisation_ref(organisation) -> dict:
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": localized(organisation.name),
        "country": organisation.country,
    }


def opportunity_out(opportunity: Opportunity, *, contacts: dict | None = None) -> dict:
    return {
        "id": opportunity.pk,
        "kind": opportunity.kind,
        "role": opportunity.role,
        "status": opportunity.status,
        "title": localized(opportunity.title),
        "titles": opportunity.title,
        "description": opportunity.description,
        "languages": opportunity.languages,
        "work_languages": opportunity.work_languages,
        "sectors": [sector.code for sector in opportunity.sectors.all()],
        "hs_codes": opportunity.hs_codes,
        "suggested_headings": opportunity.suggested_headings,
        "countries": opportunity.countries,
        "deadline": opportunity.deadline,
        "details": opportunity.details,
        "published_at": opportunity.published_at,
        "organisation": _organisation_ref(opportunity.organisation),
        "contacts": contacts,
    }


def _visible_or_404(request, pk: int) -> Opportunity:
    opportunity = selectors.visible_opportunity(request.auth, pk)
    if opportunity is None:
        raise NotFound()
    return opportunity


def _detail(request, opportunity: Opportunity) -> dict:
    contacts = None
    if selectors.owner_contacts_visible(request.auth, opportunity):
        contacts = selectors.organisation_contacts(opportunity.organisation)
    return opportunity_out(opportunity, contacts=contacts)


@router.get("/opportunities", response=OpportunityPage, auth=OPTIONAL_AUTH)
def search_opportunities(request, params: Query[SearchParams]):
    """Search and browse published opportunities (full text in en/ru/ur, filters, pages of 20).

    ``count`` stops at 10,000 (then ``count_is_capped`` is true).
    """
    filters = selectors.SearchFilters(
        q=params.q,
        kind=params.kind,
        sector=params.sector,
        hs=params.hs,
        country=params.country,
        language=params.language,
        trend=params.trend,
    ).clean()
    paginator = CappedPaginator(
        selectors.search_opportunities(filters),
        settings.RABTA_PAGE_SIZE,
        cache_parts=(filters,),
    )
    page = paginator.get_page(params.page)
    return {
        "count": min(paginator.count, paginator.cap),
        "count_is_capped": paginator.is_capped,
        "page": page.number,
        "pages": paginator.num_pages,
        "results": [opportunity_out(o) for o in page.object_list],
    }


@router.get("/hs-suggestions", response=SuggestionsOut, auth=OPTIONAL_AUTH)
def hs_suggestions(request, params: Query[SuggestionParams]):
    """HS headings (4 digits) that a text proposes, best first, named in the caller's language.

    The text may be English, Russian or Urdu (a title and description together); text in
    another language, or only numbers, proposes nothing (an empty list).
    """
    language = get_language() or "en"
    return {
        "suggestions": [
            {
                "heading": s.heading,
                "label": heading_name(s.heading, language),
                "score": s.score,
                "concepts": list(s.concept_ids),
            }
            for s in suggest(title=params.text)
        ]
    }


@router.get("/opportunities/mine", response=list[OpportunityOut])
def my_opportunities(request):
    """Every opportunity of the organisations you act for, drafts and closed ones included."""
    return [
        opportunity_out(o)
        for o in selectors.organisation_opportunities(member_organisation_ids(request.auth))
    ]


@router.post("/opportunities", response={201: OpportunityOut})
def create_opportunity(request, payload: OpportunityIn):
    data = payload.dict(exclude={"publish", "organisation_id"})
    organisation = None
    if payload.organisation_id is not None:
        from rabta.marketplace.permissions import acting_organisation

        organisation = acting_organisation(request.auth, payload.organisation_id)
    opportunity = services.opportunity_create(
        user=request.auth, data=data, organisation=organisation, publish=payload.publish
    )
    return Status(201, _detail(request, _visible_or_404(request, opportunity.pk)))


@router.get("/opportunities/{int:pk}", response=OpportunityOut, auth=OPTIONAL_AUTH)
def get_opportunity(request, pk: int):
    return _detail(request, _visible_or_404(request, pk))


@router.patch("/opportunities/{int:pk}", response=OpportunityOut)
def update_opportunity(request, pk: int, payload: OpportunityPatch):
    opportunity = _visible_or_404(request, pk)
    services.opportunity_update(
        user=request.auth, opportunity=opportunity, data=payload.dict(exclude_unset=True)
    )
    return _detail(request, _visible_or_404(request, pk))


@router.delete("/opportunities/{int:pk}", response={204: None})
def delete_opportunity(request, pk: int):
    """Delete your opportunity and its attachments; one that has interests can only be closed."""
    services.opportunity_delete(user=request.auth, opportunity=_visible_or_404(request, pk))
    return Status(204, None)


@router.post("/opportunities/{int:pk}/publish", response=OpportunityOut)
def publish_opportunity(request, pk: int):
    services.opportunity_publish(user=request.auth, opportunity=_visible_or_404(request, pk))
    return _detail(request, _visible_or_404(request, pk))


@router.post("/opportunities/{int:pk}/close", response=OpportunityOut)
def close_opportunity(request, pk: int):
    services.opportunity_close(user=request.auth, opportunity=_visible_or_404(request, pk))
    return _detail(request, _visible_or_404(request, pk))


@router.post("/opportunities/{int:pk}/attachments", response={201: AttachmentOut})
def add_attachment(request, pk: int, file: File[UploadedFile]):
    attachment = services.attachment_add(
        user=request.auth, opportunity=_visible_or_404(request, pk), file=file
    )
    return Status(201, attachment)


@router.delete("/attachments/{int:pk}", response={204: None})
def delete_attachment(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("opportunity"), pk=pk)
    services.attachment_delete(user=request.auth, attachment=attachment)
    return Status(204, None)


@router.post("/opportunities/{int:pk}/interest", response={201: InterestOut})
def express_interest(request, pk: int, payload: InterestIn):
    """Tell the owner you are interested; they are e-mailed in their language."""
    organisation = None
    if payload.organisation_id is not None:
        from rabta.marketplace.permissions import acting_organisation

        organisation = acting_organisation(request.auth, payload.organisation_id)
    interest = services.interest_express(
        user=request.auth,
        opportunity=_visible_or_404(request, pk),
        message=payload.message,
        organisation=organisation,
    )
    return Status(201, interest_out(interest, show_contacts=False))


def interest_out(interest: Interest, *, show_contacts: bool) -> dict:
    contacts = None
    if show_contacts and interest.is_accepted:
        contacts = selectors.organisation_contacts(interest.organisation)
        if interest.created_by is not None:
            contacts["person_email"] = interest.created_by.email
    return {
        "id": interest.pk,
        "opportunity_id": interest.opportunity_id,
        "opportunity_title": localized(interest.opportunity.title),
        "organisation": _organisation_ref(interest.organisation),
        "status": interest.status,
        "message": interest.message,
        "created_at": interest.created_at,
        "contacts": contacts,
    }


@router.get("/interests/received", response=list[InterestOut])
def interests_received(request):
    """Interest in your opportunities; accepted ones carry the other side's contact details."""
    interests = selectors.interests_received(member_organisation_ids(request.auth))[:200]
    return [interest_out(i, show_contacts=True) for i in interests]


@router.get("/interests/sent", response=list[InterestOut])
def interests_sent(request):
    interests = selectors.interests_sent(member_organisation_ids(request.auth))[:200]
    return [interest_out(i, show_contacts=False) for i in interests]


def _interest(pk: int) -> Interest:
    return get_object_or_404(
        Interest.objects.select_related("opportunity", "organisation", "created_by"), pk=pk
    )


@router.post("/interests/{int:pk}/accept", response=InterestOut)
def accept_interest(request, pk: int):
    """Accepting reveals both organisations' contact details to each other."""
    interest = services.interest_accept(user=request.auth, interest=_interest(pk))
    return interest_out(interest, show_contacts=True)


@router.post("/interests/{int:pk}/decline", response=InterestOut)
def decline_interest(request, pk: int):
    interest = services.interest_decline(user=request.auth, interest=_interest(pk))
    return interest_out(interest, show_contacts=False)
