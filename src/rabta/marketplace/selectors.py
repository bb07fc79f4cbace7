"""Reads of the marketplace: browsing, search with filters, the owner's lists, contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from rabta.core.exceptions import InvalidInput
from rabta.marketplace.features import hs_filter_keys, sector_filter_keys
from rabta.marketplace.models import Interest, Kind, Opportunity, OpportunityFeature
from rabta.marketplace.permissions import is_validator, member_organisation_ids
from rabta.marketplace.search import apply_search
from rabta.organisations.models import Organisation, Sector
from rabta.trade.trends import chapter_growth, corridor


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    kind: str = ""
    sector: str = ""
    hs: str = ""
    country: str = ""
    language: str = ""
    trend: str = ""

    def clean(self) -> SearchFilters:
        errors: dict[str, list[str]] = {}
        if self.trend not in ("", "growing", "shrinking"):
            errors["trend"] = [_("Choose growing or shrinking trade.")]
        hs = "".join(ch for ch in self.hs if not ch.isspace() and ch != ".")
        if hs and not (hs.isdigit() and len(hs) in (2, 4, 6)):
            errors["hs"] = [_("Search by an HS code of 2, 4 or 6 digits, e.g. 90 or 9018.")]
        if self.kind and self.kind not in Kind.values:
            errors["kind"] = [_("Choose a kind of opportunity.")]
        country = self.country.strip().upper()
        if country and not (len(country) == 2 and country.isalpha()):
            errors["country"] = [_("Choose a country.")]
        if errors:
            raise InvalidInput(field_errors=errors)
        return SearchFilters(
            q=self.q.strip()[:200],
            kind=self.kind,
            sector=self.sector.strip(),
            hs=hs,
            country=country,
            language=self.language.strip().lower(),
            trend=self.trend,
        )


def _with_list_relations(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    # Organisations are fetched by a second query, not joined: the page query then stays on one
    # table and walks the (is_listed, -published_at, -id) index on SQLite and PostgreSQL alike.
    return queryset.prefetch_related(
        "organisation", Prefetch("sectors", queryset=Sector.objects.order_by("position", "code"))
    )


def live_opportunities() -> QuerySet[Opportunity]:
    """Published, not hidden, of an approved organisation: what every visitor may see."""
    # ``is_listed=True`` compiles to a bare ``WHERE is_listed``, which SQLite cannot answer from
    # an index; ``IN (true)`` is an equality it can.
    return Opportunity.objects.filter(is_listed__in=[True])


# How a filter through the feature index reaches the database depends on how many rows it
# matches: a few (≤ 2,000) as a list of ids, so that the planner does not walk the whole listing
# in date order looking for them; a middling number (≤ 20,000) as an IN (subquery); a dense one
# as an EXISTS probe while walking the listing in date order (a page needs few rows).
MATERIALISE_AT_MOST = 2000
SUBQUERY_AT_MOST = 20000


def _filter_by_features(queryset: QuerySet[Opportunity], keys: list[str]) -> QuerySet[Opportunity]:
    rows = OpportunityFeature.objects.filter(key__in=keys)
    ids = list(rows.values_list("opportunity_id", flat=True)[: MATERIALISE_AT_MOST + 1])
    if len(ids) <= MATERIALISE_AT_MOST:
        return queryset.filter(pk__in=set(ids))
    if rows[: SUBQUERY_AT_MOST + 1].count() <= SUBQUERY_AT_MOST:
        return queryset.filter(pk__in=rows.values("opportunity_id"))
    return queryset.filter(Exists(rows.filter(opportunity=OuterRef("pk"))))


def _trend_filter(trend: str) -> Q:
    """Opportunities whose goods' HS chapter grew (or shrank) last year on their way between
    the corridor's countries: goods leaving the owner's country for an offer, coming to it
    for a sourcing request (rabta.trade.trends.chapter_growth)."""
    first, second = corridor()
    condition = Q(pk__in=[])
    for exporter, importer in ((first, second), (second, first)):
        growth = chapter_growth(exporter=exporter)
        codes = [c for c, g in growth.items() if (g > 0 if trend == "growing" else g < 0)]
        if not codes:
            continue
        has_chapter = Exists(
            OpportunityFeature.objects.filter(
                opportunity=OuterRef("pk"),
                key__in=[key for code in codes for key in hs_filter_keys(code)],
            )
        )
        direction = (Q(organisation__country=exporter) & ~Q(kind=Kind.SOURCING_REQUEST)) | (
            Q(organisation__country=importer) & Q(kind=Kind.SOURCING_REQUEST)
        )
        condition |= direction & has_chapter
    return condition


def search_opportunities(filters: SearchFilters) -> QuerySet[Opportunity]:
    """Live opportunities matching the (already cleaned) filters, newest first."""
    queryset = live_opportunities()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.hs:
        queryset = _filter_by_features(queryset, hs_filter_keys(filters.hs))
    if filters.sector:
        queryset = _filter_by_features(queryset, sector_filter_keys(filters.sector))
    if filters.country:
        keys = [f"cty:{filters.country}", f"org:{filters.country}"]
        queryset = _filter_by_features(queryset, keys)
    if filters.language:
        queryset = _filter_by_features(queryset, [f"lng:{filters.language}"])
    if filters.trend:
        queryset = queryset.filter(_trend_filter(filters.trend))
    queryset = apply_search(queryset, filters.q)
    return _with_list_relations(queryset.order_by("-published_at", "-id"))


def visible_opportunity(user, pk: int) -> Opportunity | None:
    """The opportunity if this user may see it (owners and the site's validators see drafts too)."""
    opportunity = (
        Opportunity.objects.select_related("organisation")
        .prefetch_related("sectors", "attachments")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        return None
    from rabta.marketplace.permissions import can_view

    return opportunity if can_view(user, opportunity) else None


def organisation_opportunities(organisation_ids: set[int]) -> QuerySet[Opportunity]:
    return (
        _with_list_relations(Opportunity.objects.filter(organisation_id__in=organisation_ids))
        .annotate(
            interest_count=Count("interests", distinct=True),
            attachment_count=Count("attachments", distinct=True),
        )
        .order_by("status", "-updated_at", "-id")
    )


def interests_received(organisation_ids: set[int]) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(opportunity__organisation_id__in=organisation_ids)
        .select_related("opportunity", "organisation", "created_by")
        .order_by("-created_at", "-id")
    )


def interests_sent(organisation_ids: set[int]) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(organisation_id__in=organisation_ids)
        .select_related("opportunity__organisation", "organisation")
        .order_by("-created_at", "-id")
    )


def viewer_interest(user, opportunity: Opportunity) -> Interest | None:
    ids = member_organisation_ids(user)
    if not ids:
        return None
    return Interest.objects.filter(opportunity=opportunity, organisation_id__in=ids).first()


def owner_contacts_visible(
    user, opportunity: Opportunity, interest: Interest | None = None
) -> bool:
    """The owner's contact details: for the owner, and for an organisation whose interest was accepted."""
    if opportunity.organisation_id in member_organisation_ids(user):
        return True
    if interest is None:
        interest = viewer_interest(user, opportunity)
    return interest is not None and interest.is_accepted


def organisation_contacts(organisation: Organisation) -> dict[str, str]:
    return {
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
    }


def has_interests(opportunity: Opportunity) -> bool:
    """Someone has expressed interest: the owner can close the opportunity, not delete it."""
    return opportunity.interests.exists()


def can_moderate(user) -> bool:
    return is_validator(user)
