"""JSON API of organisations, their people, sectors and HS chapters (mounted at /api/v1/).

Endpoints are thin: parse, call one selector or service, serialise. Domain errors become the
documented error body in rabta.api; messages follow the request's language (Accept-Language, or
the signed-in user's language).
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from rabta.accounts.api_auth import ApiTokenAuth, SessionAuth
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.core.i18n import localized
from rabta.organisations import join_services, permissions, selectors, services
from rabta.organisations.hs import hs_chapter_list, hs_code_label
from rabta.organisations.models import JoinRequest, Member, Organisation, Sector

router = Router(tags=["organisations"])

Translations = dict[str, str]


def _anonymous(request: HttpRequest) -> bool:
    """Public endpoints: a token or a session identifies the caller, but neither is required."""
    return True


# A token or a session is used when given (validators then see every organisation); else anonymous.
OPTIONAL_AUTH = [ApiTokenAuth(), SessionAuth(), _anonymous]


# --- schemas ---------------------------------------------------------------------------------


class SectorOut(Schema):
    code: str
    name: str
    names: Translations


class HSChapterOut(Schema):
    chapter: str
    name: str


class HSCodeOut(Schema):
    code: str
    label: str


class OrganisationOut(Schema):
    slug: str
    url: str
    name: str = Field(description="The name in the request's language, with a fallback.")
    names: Translations = Field(description="Every translation of the name.")
    kind: str
    country: str
    country_name: str
    city: str
    sectors: list[SectorOut]
    hs_codes: list[HSCodeOut]
    website: str
    logo: str | None
    description: str
    descriptions: Translations
    validation: str | None = Field(
        None,
        description="pending, approved or rejected: shown to validators, site admins and members.",
    )
    rejection_reason: str | None = None
    email: str | None = Field(
        None, description="Contact e-mail: members, validators and site admins only."
    )
    phone: str | None = Field(
        None, description="Contact phone: members, validators and site admins only."
    )


class OrganisationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[OrganisationOut]


class OrganisationIn(Schema):
    name: Translations = Field(description='{"en": …, "ru": …, "ur": …}: at least one language.')
    kind: str = Organisation.Kind.COMPANY
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. PK or RU.")
    city: str = ""
    sectors: list[str] = Field(default_factory=list, description="Sector codes (see GET /sectors).")
    hs_codes: list[str] = Field(
        default_factory=list, description='HS codes of 2, 4 or 6 digits, e.g. ["9018"].'
    )
    website: str = ""
    description: Translations = Field(default_factory=dict)
    email: str = ""
    phone: str = ""


class OrganisationPatch(Schema):
    name: Translations | None = None
    kind: str | None = None
    country: str | None = None
    city: str | None = None
    sectors: list[str] | None = None
    hs_codes: list[str] | None = None
    website: str | None = None
    description: Translations | None = None
    email: str | None = None
    phone: str | None = None


class RejectIn(Schema):
    reason: str


class PersonOut(Schema):
    name: str
    position: str
    positions: Translations
    languages: list[str]
    role: str | None = None
    email: str | None = Field(None, description="Members, validators and site admins only.")


class FiltersIn(Schema):
    q: str = Field(
        "", description="Free text over names, descriptions, city, country, sectors, HS codes."
    )
    kind: str = ""
    country: str = ""
    sector: str = Field("", description="A sector code.")
    hs: str = Field("", description="An HS code prefix: 90 finds 9018 and 901890.")
    language: str = Field(
        "", description="A language spoken by a publicly listed member (ISO 639-1)."
    )
    validation: Literal["", "pending", "approved", "rejected"] = Field(
        "", description="Organisers and site admins only."
    )
    page: int = Field(1, ge=1)


# --- serialisation ---------------------------------------------------------------------------


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def organisation_out(request: HttpRequest, organisation: Organisation) -> dict:
    user = request.user
    privileged = permissions.can_see_contacts(user, organisation)
    return {
        "slug": organisation.slug,
        "url": _absolute(request, reverse("organisations:detail", args=[organisation.slug])),
        "name": localized(organisation.name),
        "names": organisation.name,
        "kind": organisation.kind,
        "country": organisation.country,
        "country_name": organisation.country_name,
        "city": organisation.city,
        "sectors": [
            {"code": s.code, "name": localized(s.name), "names": s.name}
            for s in organisation.sectors.all()
        ],
        "hs_codes": [
            {"code": code, "label": hs_code_label(code)} for code in organisation.hs_codes
        ],
        "website": organisation.website,
        "logo": _absolute(request, organisation.logo.url) if organisation.logo else None,
        "description": localized(organisation.description),
        "descriptions": organisation.description,
        "validation": organisation.validation if privileged else None,
        "rejection_reason": organisation.rejection_reason if privileged else None,
        "email": organisation.email if privileged else None,
        "phone": organisation.phone if privileged else None,
    }


def _page_link(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _get(request: HttpRequest, slug: str) -> Organisation:
    return selectors.organisation_for_viewer(viewer=request.user, slug=slug)


def _user(request: HttpRequest):
    return request.user


# --- endpoints ---------------------------------------------------------------------------------


@router.get("/sectors", response=list[SectorOut], auth=None, summary="List the sectors")
def list_sectors(request):
    """The fixed sector taxonomy, in order, with the name in the request's language and all names."""
    return [
        {"code": s.code, "name": localized(s.name), "names": s.name} for s in Sector.objects.all()
    ]


@router.get("/hs-chapters", response=list[HSChapterOut], auth=None, summary="List the HS chapters")
def list_hs_chapters(request):
    """Every Harmonized System chapter (01–97; 77 is reserved) named in the request's language."""
    return [{"chapter": number, "name": name} for number, name in hs_chapter_list()]


@router.get(
    "/organisations",
    response=OrganisationPage,
    auth=OPTIONAL_AUTH,
    summary="Search the directory of organisations",
)
def list_organisations(request, filters: Query[FiltersIn]):
    """Approved organisations (validators and site admins see every one, with its validation state),
    filtered as the directory page filters them, ``RABTA_PAGE_SIZE`` per page."""
    directory_filters = selectors.DirectoryFilters.from_mapping(filters.dict())
    result = selectors.directory_search(
        viewer=request.user, filters=directory_filters, page=filters.page
    )
    page = result.page
    return {
        "count": page.paginator.count,
        "next": _page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_link(request, page.previous_page_number())
        if page.has_previous()
        else None,
        "results": [
            organisation_out(request, organisation) for organisation in result.organisations
        ],
    }


@router.get(
    "/organisations/{slug}",
    response=OrganisationOut,
    auth=OPTIONAL_AUTH,
    summary="Get one organisation's profile",
)
def get_organisation(request, slug: str):
    """Contact details and the validation state only for its members, validators and site admins."""
    return organisation_out(request, _get(request, slug))


@router.post("/organisations", response={201: OrganisationOut}, summary="Register an organisation")
def create_organisation(request, payload: OrganisationIn):
    """The caller becomes the organisation's administrator; it awaits validation by a validator."""
    organisation = services.organisation_create(user=_user(request), data=payload.dict())
    return Status(201, organisation_out(request, organisation))


@router.patch(
    "/organisations/{slug}", response=OrganisationOut, summary="Change an organisation's profile"
)
def update_organisation(request, slug: str, payload: OrganisationPatch):
    """Only the fields sent are changed. For the organisation's administrators, validators and site admins."""
    organisation = _get(request, slug)
    data = payload.dict(exclude_unset=True)
    nulls = [
        field
        for field, value in data.items()
        if value is None and field in ("name", "country", "kind")
    ]
    if nulls:
        raise InvalidInput(field_errors={field: [_required_message()] for field in nulls})
    updated = services.organisation_update(
        actor=_user(request), organisation=organisation, data=data
    )
    return organisation_out(request, updated)


def _required_message() -> str:
    from django.utils.translation import gettext

    return gettext("This field is required.")


@router.post(
    "/organisations/{slug}/approve",
    response=OrganisationOut,
    summary="Approve an organisation (validators)",
)
def approve_organisation(request, slug: str):
    """It appears in the public directory; its administrators are told by e-mail in their language."""
    organisation = _get(request, slug)
    return organisation_out(
        request, services.organisation_approve(actor=_user(request), organisation=organisation)
    )


@router.post(
    "/organisations/{slug}/reject",
    response=OrganisationOut,
    summary="Reject an organisation (validators)",
)
def reject_organisation(request, slug: str, payload: RejectIn):
    """A reason is required; the organisation's administrators receive it by e-mail."""
    organisation = _get(request, slug)
    rejected = services.organisation_reject(
        actor=_user(request), organisation=organisation, reason=payload.reason
    )
    return organisation_out(request, rejected)


@router.get(
    "/organisations/{slug}/people",
    response=list[PersonOut],
    auth=OPTIONAL_AUTH,
    summary="List an organisation's people",
)
def list_people(request, slug: str):
    """Publicly listed people: name, position and languages. Members, validators and site admins
    also see everyone else, with their role and e-mail address."""
    organisation = _get(request, slug)
    privileged = permissions.can_see_contacts(request.user, organisation)
    members: list[Member] = (
        selectors.all_members(organisation) if privileged else selectors.public_people(organisation)
    )
    return [
        {
            "name": member.user.display_name,
            "position": localized(member.position),
            "positions": member.position,
            "languages": list(member.user.spoken_languages),
            "role": member.role if privileged else None,
            "email": member.user.email if privileged else None,
        }
        for member in members
    ]


# --- joining an organisation -------------------------------------------------------------------


class JoinRequestIn(Schema):
    message: str = Field("", max_length=1000, description="To the organisation's administrators.")


class RefuseJoinIn(Schema):
    reason: str = Field("", max_length=2000, description="Optional; the person reads it.")


class JoinRequestOut(Schema):
    id: int
    organisation: str = Field(description="The organisation's slug.")
    organisation_name: str
    name: str = Field(description="The person who asks.")
    email: str
    message: str
    status: str = Field(description="pending, approved, refused or withdrawn.")
    reason: str
    created_at: str


def join_request_out(join_request: JoinRequest) -> dict:
    return {
        "id": join_request.pk,
        "organisation": join_request.organisation.slug,
        "organisation_name": localized(join_request.organisation.name),
        "name": join_request.user.display_name,
        "email": join_request.user.email,
        "message": join_request.message,
        "status": join_request.status,
        "reason": join_request.reason,
        "created_at": join_request.created_at.isoformat(),
    }


def _join_request(slug: str, request_id: int) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_related("organisation", "user")
        .filter(pk=request_id, organisation__slug=slug)
        .first()
    )
    if join_request is None:
        raise NotFound()
    return join_request


@router.get(
    "/join-suggestions",
    response=list[OrganisationOut],
    summary="Organisations the caller's e-mail domain suggests",
)
def list_join_suggestions(request):
    """Approved organisations whose website or contact e-mail has the caller's e-mail domain.
    A suggestion only: a join request still needs an administrator's approval."""
    return [organisation_out(request, o) for o in selectors.join_suggestions(_user(request))]


@router.get("/join-requests", response=list[JoinRequestOut], summary="List my join requests")
def list_my_join_requests(request):
    """The caller's pending requests and their ten latest answers."""
    return [join_request_out(r) for r in selectors.join_requests_of(_user(request))]


@router.post(
    "/organisations/{slug}/join-requests",
    response={201: JoinRequestOut},
    summary="Ask to join an organisation",
)
def create_join_request(request, slug: str, payload: JoinRequestIn):
    """The organisation must be approved; the caller must not be a member nor have a pending
    request to it. Its administrators are told by e-mail, each in their own language."""
    organisation = selectors.joinable_organisation(slug=slug)
    join_request = join_services.join_request_create(
        user=_user(request), organisation=organisation, message=payload.message
    )
    return Status(201, join_request_out(join_request))


@router.get(
    "/organisations/{slug}/join-requests",
    response=list[JoinRequestOut],
    summary="List the pending join requests (the organisation's administrators)",
)
def list_join_requests(request, slug: str):
    organisation = _get(request, slug)
    if not permissions.can_manage_members(_user(request), organisation):
        raise NotPermitted()
    return [join_request_out(r) for r in selectors.pending_join_requests(organisation)]


@router.post(
    "/organisations/{slug}/join-requests/{request_id}/approve",
    response=JoinRequestOut,
    summary="Approve a join request (the organisation's administrators)",
)
def approve_join_request(request, slug: str, request_id: int):
    """The person becomes a representative and is told by e-mail in their language."""
    join_request = _join_request(slug, request_id)
    join_services.join_request_approve(actor=_user(request), join_request=join_request)
    join_request.refresh_from_db()
    return join_request_out(join_request)


@router.post(
    "/organisations/{slug}/join-requests/{request_id}/refuse",
    response=JoinRequestOut,
    summary="Refuse a join request (the organisation's administrators)",
)
def refuse_join_request(request, slug: str, request_id: int, payload: RefuseJoinIn):
    join_request = _join_request(slug, request_id)
    refused = join_services.join_request_refuse(
        actor=_user(request), join_request=join_request, reason=payload.reason
    )
    return join_request_out(refused)


@router.post(
    "/join-requests/{request_id}/withdraw",
    response=JoinRequestOut,
    summary="Withdraw my pending join request",
)
def withdraw_join_request(request, request_id: int):
    join_request = (
        JoinRequest.objects.select_related("organisation", "user")
        .filter(pk=request_id, user=_user(request))
        .first()
    )
    if join_request is None:
        raise NotFound()
    return join_request_out(
        join_services.join_request_withdraw(user=_user(request), join_request=join_request)
    )
