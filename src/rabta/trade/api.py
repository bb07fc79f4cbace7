"""JSON API of trade (mounted at /api/v1/): statistics as imported, trends per HS code, market
guides. Public reads (drafts of guides for organisers); imports go through POST /imports
(kind ``trade_statistics``). Thin: parse, call a selector, serialise."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from rabta.accounts.api_auth import ApiTokenAuth, SessionAuth
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.core.i18n import localized
from rabta.organisations.hs import is_known_chapter
from rabta.trade import guides, trends
from rabta.trade.models import MarketGuide, TradeFigure

router = Router(tags=["trade"])


def _anonymous(request):
    return request.user


OPTIONAL_AUTH = [ApiTokenAuth(), SessionAuth(), _anonymous]
MAX_LIMIT = 1000


class FigureOut(Schema):
    source: str
    reporter: str
    partner: str
    flow: str
    year: int
    month: int = Field(description="1–12, or 0 for a whole year")
    hs_code: str = Field(description='2, 4 or 6 digits; "" for all goods')
    value_usd: Decimal
    net_weight_kg: Decimal | None
    quantity: Decimal | None
    quantity_unit: str


class FigurePage(Schema):
    count: int
    offset: int
    limit: int
    items: list[FigureOut]


class FigureParams(Schema):
    source: str = ""
    reporter: str = ""
    partner: str = ""
    flow: str = ""
    year: int | None = None
    hs: str = Field("", description="An HS prefix: 90 finds 90, 9018 and 901890.")
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=MAX_LIMIT)


@router.get(
    "/trade/statistics",
    response=FigurePage,
    auth=OPTIONAL_AUTH,
    summary="Trade figures as imported (each with its source)",
)
def list_statistics(request, params: Query[FigureParams]):
    figures = TradeFigure.objects.order_by(
        "source", "reporter", "partner", "flow", "year", "month", "hs_code"
    )
    for name in ("source", "reporter", "partner", "flow"):
        if getattr(params, name):
            figures = figures.filter(**{name: getattr(params, name).strip()})
    if params.year is not None:
        figures = figures.filter(year=params.year)
    if params.hs:
        if not (params.hs.isdigit() and len(params.hs) in (2, 4, 6)):
            raise InvalidInput(field_errors={"hs": [_hs_message()]})
        figures = figures.filter(hs_code__startswith=params.hs)
    items = list(figures[params.offset : params.offset + params.limit])
    return {
        "count": figures.count(),
        "offset": params.offset,
        "limit": params.limit,
        "items": items,
    }


def _hs_message() -> str:
    from django.utils.translation import gettext as _

    return _("Search by an HS code of 2, 4 or 6 digits, e.g. 90 or 9018.")


class PointOut(Schema):
    year: int
    value_usd: Decimal
    months: int = Field(description="12 for a whole year, fewer for a year under way")
    change_percent: float | None = Field(description="on the year before (whole years only)")


class SeriesOut(Schema):
    source: str
    reporter: str
    partner: str
    flow: str
    label: str
    points: list[PointOut]


class DirectionOut(Schema):
    exporter: str
    importer: str
    label: str
    series: list[SeriesOut] = Field(
        description="The exporter's exports and the importer's (mirror) imports: never summed"
    )


class TrendsOut(Schema):
    hs_code: str
    directions: list[DirectionOut]


@router.get(
    "/trade/trends",
    response=TrendsOut,
    auth=OPTIONAL_AUTH,
    summary="Yearly trade of the corridor for all goods, an HS chapter or a heading",
)
def get_trends(request, hs: str = ""):
    if hs and not (hs.isdigit() and len(hs) in (2, 4) and is_known_chapter(hs[:2])):
        raise InvalidInput(field_errors={"hs": [_hs_message()]})
    return {
        "hs_code": hs,
        "directions": [
            {
                "exporter": d.exporter,
                "importer": d.importer,
                "label": d.label,
                "series": [
                    {
                        "source": s.key.source,
                        "reporter": s.key.reporter,
                        "partner": s.key.partner,
                        "flow": s.key.flow,
                        "label": s.key.label,
                        "points": [
                            {
                                "year": y,
                                "value_usd": p.value,
                                "months": p.months,
                                "change_percent": s.growth(y),
                            }
                            for y, p in sorted(s.points.items())
                        ],
                    }  # fmt: skip
                    for s in d.series
                ],
            }
            for d in trends.directions(hs)
        ],
    }


class SectionOut(Schema):
    topic: str
    text: str
    texts: dict[str, str]


class GuideOut(Schema):
    slug: str
    title: str
    titles: dict[str, str]
    summary: str
    market: str
    origin: str
    hs_chapters: list[str]
    status: str
    is_example: bool
    last_reviewed: str
    needs_review: bool = Field(description="last reviewed more than a year ago")
    sources: str
    sections: list[SectionOut] = []
    note: str = Field(description="Guidance, not legal advice")


def _guide_out(guide: MarketGuide, *, sections: bool) -> dict:
    from django.utils.translation import gettext as _

    return {
        "slug": guide.slug, "title": localized(guide.title), "titles": guide.title,
        "summary": localized(guide.summary), "market": guide.market, "origin": guide.origin,
        "hs_chapters": guide.hs_chapters, "status": guide.status, "is_example": guide.is_example,
        "last_reviewed": guide.last_reviewed.isoformat(), "needs_review": guide.needs_review,
        "sources": localized(guide.sources),
        "sections": [
            {"topic": s.kind, "text": localized(s.body), "texts": s.body}
            for s in guide.sections.all()
        ] if sections else [],
        "note": _("Guidance, not legal advice."),
    }  # fmt: skip


@router.get("/trade/guides", response=list[GuideOut], auth=OPTIONAL_AUTH, summary="Market guides")
def list_guides(request):
    return [_guide_out(g, sections=False) for g in guides.visible_guides(request.auth)]


@router.get(
    "/trade/guides/{slug}", response=GuideOut, auth=OPTIONAL_AUTH, summary="One market guide"
)
def get_guide(request, slug: str):
    guide = get_object_or_404(MarketGuide, slug=slug)
    if not guides.can_read(request.auth, guide):
        raise NotFound()
    return _guide_out(guide, sections=True)
