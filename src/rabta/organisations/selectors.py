"""Reads of organisations: the directory search, profile pages, people, the validation queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from rabta.core.cache import cached
from rabta.core.exceptions import NotFound
from rabta.organisations import permissions
from rabta.organisations.models import Invitation, JoinRequest, Member, Organisation, Sector
from rabta.organisations.validators import normalise_hs_code


def approved_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(validation=Organisation.Validation.APPROVED)


def directory_stats() -> dict[str, int]:
    """The home page's figures (cached until an organisation or sector changes)."""

    def count() -> dict[str, int]:
        approved = approved_organisations()
        return {
            "organisations": approved.count(),
            "countries": approved.values("country").distinct().count(),
            "sectors": Sector.objects.count(),
        }

    return cached("directory", ("stats",), count, timeout=settings.RABTA_CACHE_SECONDS)


def featured_organisations(*, limit: int = 6) -> list[Organisation]:
    return cached(
        "directory",
        ("featured", limit),
        lambda: list(approved_organisations().order_by("-validated_at", "-id")[:limit]),
        timeout=settings.RABTA_CACHE_SECONDS,
    )


@dataclass(frozen=True)
class DirectoryFilters:
    """The directory's filters, all optional. Unknown values simply match nothing."""

    query: str = ""
    kind: str = ""
    country: str = ""
    sector: str = ""
    hs_code: str = ""
    language: str = ""
    validation: str = ""  # organisers and site admins only

    @classmethod
    def from_mapping(cls, data) -> DirectoryFilters:
        def get(name: str, *aliases: str) -> str:
            for key in (name, *aliases):
                value = data.get(key)
                if value:
                    return str(value).strip()[:200]
            return ""

        return cls(
            query=get("q", "query"),
            kind=get("kind"),
            country=get("country").upper(),
            sector=get("sector"),
            hs_code=get("hs", "hs_code"),
            language=get("language"),
            validation=get("validation"),
        )

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class DirectoryPage:
    page: Page
    filters: DirectoryFilters
    sees_all: bool
    organisations: list[Organisation] = field(default_factory=list)


def visible_organisations(*, viewer) -> QuerySet[Organisation]:
    """Approved organisations for everyone; every organisation for organisers and site admins."""
    if permissions.is_staff_role(viewer):
        return Organisation.objects.all()
    return approved_organisations()


def _json_text(field_name: str):
    return Cast(field_name, output_field=TextField())


def directory_queryset(*, viewer, filters: DirectoryFilters) -> QuerySet[Organisation]:
    organisations = visible_organisations(viewer=viewer)
    for word in filters.query.casefold().split():
        organisations = organisations.filter(search_text__contains=word)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.sector:
        organisations = organisations.filter(sectors__code=filters.sector)
    if filters.hs_code:
        prefix = normalise_hs_code(filters.hs_code)
        if not prefix.isdigit():
            return organisations.none()
        # hs_codes is a JSON list of digit strings: '["9018", "9019"]' contains '"90' for chapter 90.
        organisations = organisations.alias(hs_text=_json_text("hs_codes")).filter(
            hs_text__contains=f'"{prefix}'
        )
    if filters.language:
        speaks = Member.objects.alias(languages_text=_json_text("user__spoken_languages")).filter(
            organisation=OuterRef("pk"),
            is_public=True,
            languages_text__contains=f'"{filters.language}"',
        )
        organisations = organisations.filter(Exists(speaks))
    if filters.validation and permissions.is_staff_role(viewer):
        organisations = organisations.filter(validation=filters.validation)
    return organisations.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position", "code"))
    ).order_by("name_key", "id")


def directory_cacheable(*, viewer, filters: DirectoryFilters) -> bool:
    """Whether the directory's results for this viewer may come from the cache: what everyone
    sees (not organisers' and admins' view of every state), not the language filter (people's
    languages do not bump "directory"), with a cache every process shares."""
    return (
        settings.RABTA_SHARED_CACHE
        and not permissions.is_staff_role(viewer)
        and not filters.language
    )


def directory_page_number(*, viewer, filters: DirectoryFilters, page: int | str | None) -> int:
    """The page ``directory_search`` would show for ``page`` (1 when it is not a number, the
    last when past the end), from the cached count."""
    paginator = Paginator(
        directory_queryset(viewer=viewer, filters=filters), settings.RABTA_PAGE_SIZE
    )
    paginator.count = _directory_count(filters, paginator.object_list)
    try:
        return paginator.validate_number(page or 1)
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages


def _directory_count(filters: DirectoryFilters, organisations: QuerySet[Organisation]) -> int:
    return cached(
        "directory", ("count", filters), organisations.count, timeout=settings.RABTA_CACHE_SECONDS
    )


def sector_choices() -> list[tuple[str, str]]:
    """(code, name in the reader's language) of every sector, in order (cached)."""
    return cached(
        "directory",
        ("sector choices",),
        lambda: [(s.code, str(s)) for s in Sector.objects.all()],
        timeout=settings.RABTA_CACHE_SECONDS,
        per_language=True,
    )


def directory_search(
    *, viewer, filters: DirectoryFilters, page: int | str | None = 1
) -> DirectoryPage:
    """One page (settings.RABTA_PAGE_SIZE) of the directory: three queries, whatever the page
    size; two when the count is cached (the public directory, until an organisation or sector
    changes; not with the language filter, which reads people's languages)."""
    organisations = directory_queryset(viewer=viewer, filters=filters)
    paginator = Paginator(organisations, settings.RABTA_PAGE_SIZE)
    sees_all = permissions.is_staff_role(viewer)
    if not sees_all and not filters.language:
        paginator.count = _directory_count(filters, organisations)
    try:
        current = paginator.page(page or 1)
    except PageNotAnInteger:
        current = paginator.page(1)
    except EmptyPage:
        current = paginator.page(paginator.num_pages)
    return DirectoryPage(
        page=current,
        filters=filters,
        sees_all=sees_all,
        organisations=list(current.object_list),
    )


def organisation_for_viewer(*, viewer, slug: str) -> Organisation:
    """The organisation if ``viewer`` may see it (approved, or theirs, or they are staff)."""
    organisation = (
        Organisation.objects.prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("position", "code"))
        )
        .filter(slug=slug)
        .first()
    )
    if organisation is None or not permissions.can_view(viewer, organisation):
        raise NotFound(_not_found_message())
    return organisation


def _not_found_message() -> str:
    from django.utils.translation import gettext

    return gettext("There is no organisation at this address.")


def public_people(organisation: Organisation) -> list[Member]:
    """Members shown on the public profile: name, position and languages only."""
    return list(organisation.members.filter(is_public=True).select_related("user").order_by("id"))


def all_members(organisation: Organisation) -> list[Member]:
    return list(organisation.members.select_related("user").order_by("-role", "id"))


def pending_invitations(organisation: Organisation) -> list[Invitation]:
    return list(
        organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by")
    )


def memberships_of(user) -> list[Member]:
    if not permissions.is_signed_in(user):
        return []
    return list(Member.objects.filter(user=user).select_related("organisation").order_by("id"))


def validation_queue(*, state: str = Organisation.Validation.PENDING) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("validated_by").prefetch_related("sectors")
    if state in Organisation.Validation.values:
        organisations = organisations.filter(validation=state)
    return organisations.order_by("created_at", "id")


# --- joining an organisation ----------------------------------------------------------------

# Addresses at these providers say nothing about where someone works.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
        "icloud.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
        "mail.ru", "bk.ru", "inbox.ru", "list.ru", "yandex.ru", "ya.ru", "rambler.ru",
    }
)  # fmt: skip


def _host(value: str) -> str:
    """The lower-case host of a website or e-mail address, without a leading www."""
    from urllib.parse import urlsplit

    value = (value or "").strip().lower()
    if "@" in value and "//" not in value:
        host = value.rsplit("@", 1)[1]
    else:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    return host.removeprefix("www.").rstrip(".")


def email_domain(email: str) -> str:
    """The domain of an e-mail address if it can point to an employer, else ''."""
    domain = _host(email) if "@" in (email or "") else ""
    return "" if domain in PUBLIC_MAIL_DOMAINS else domain


def _not_asked_yet(organisations: QuerySet[Organisation], user) -> QuerySet[Organisation]:
    """Without the organisations ``user`` belongs to or already waits to join."""
    waiting = JoinRequest.objects.filter(
        organisation=OuterRef("pk"), user=user, status=JoinRequest.Status.PENDING
    )
    return organisations.exclude(members__user=user).exclude(Exists(waiting))


def join_suggestions(user, *, limit: int = 5) -> list[Organisation]:
    """Approved organisations whose website or contact e-mail shares the person's e-mail domain
    and that they do not belong to. Only a suggestion: joining always needs an approval."""
    domain = email_domain(getattr(user, "email", ""))
    if not domain or not permissions.is_signed_in(user):
        return []
    candidates = _not_asked_yet(
        approved_organisations().filter(
            Q(website__icontains=domain) | Q(email__iendswith=f"@{domain}")
        ),
        user,
    ).order_by("name_key")
    return [
        organisation
        for organisation in candidates[: limit * 4]
        if domain in (_host(organisation.website), _host(organisation.email))
    ][:limit]


def joinable_organisations(*, query: str, user, limit: int = 20) -> list[Organisation]:
    """Approved organisations matching the free text (every language), that ``user`` is not in."""
    words = (query or "").casefold().split()[:8]
    if not words:
        return []
    organisations = approved_organisations()
    for word in words:
        organisations = organisations.filter(search_text__contains=word[:100])
    if permissions.is_signed_in(user):
        organisations = _not_asked_yet(organisations, user)
    return list(organisations.order_by("name_key")[:limit])


def joinable_organisation(*, slug: str) -> Organisation:
    """The organisation someone asks to join, by address; NotFound if there is none."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound(_not_found_message())
    return organisation


def pending_join_requests(organisation: Organisation) -> list[JoinRequest]:
    return list(
        organisation.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )


def join_requests_of(user) -> list[JoinRequest]:
    """A person's own requests: the pending ones and the ten latest answers."""
    if not permissions.is_signed_in(user):
        return []
    requests = JoinRequest.objects.filter(user=user).select_related("organisation")
    pending = list(requests.filter(status=JoinRequest.Status.PENDING))
    answered = list(
        requests.exclude(status=JoinRequest.Status.PENDING).order_by("-decided_at", "-id")[:10]
    )
    return pending + answered
