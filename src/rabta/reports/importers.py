"""What each kind of import expects and how its rows are checked and written.

Rows are checked with the owning apps' own rules (``organisations.services``' field checks,
``marketplace.validation.clean_opportunity``, the events models' validators), so an import
refuses exactly what the forms and the API refuse. Each importer works on batches: ``check``
returns one :class:`RowResult` per row (errors by column, or the existing record it duplicates,
or a plan), ``write`` saves a checked batch with ``bulk_create`` where it can.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rabta.accounts.languages import SPOKEN_LANGUAGE_CODES
from rabta.core.cache import bump
from rabta.core.exceptions import InvalidInput
from rabta.core.i18n import localized
from rabta.core.lists import split_list
from rabta.matching.profiles import index_new_organisations
from rabta.organisations.models import Member, Organisation, Sector
from rabta.organisations.naming import RESERVED_SLUGS, make_name_key, slug_base
from rabta.organisations.services import _apply_changes as check_organisation_changes
from rabta.organisations.services import _translations as check_translations
from rabta.organisations.services import resolve_sectors

LANGUAGES = ("en", "ru", "ur")
NAME_MAX_LENGTH = Organisation._meta.get_field("name").text_max_length


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    help: Any = ""
    example: str = ""


@dataclass
class RowResult:
    line: int
    errors: list[tuple[str, str]] = field(default_factory=list)
    existing: Any = None  # the record this row duplicates
    label: str = ""
    plan: Any = None
    new_account: Any = None  # people: the account this row opened (it has no password yet)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _translations(row: dict[str, Any], prefix: str) -> dict[str, str]:
    return {
        code: _text(row.get(f"{prefix}_{code}"))
        for code in LANGUAGES
        if _text(row.get(f"{prefix}_{code}"))
    }


def _split(value: Any) -> list[str]:
    return split_list(_text(value))


def _bool(value: Any) -> bool | None:
    text = _text(value).lower()
    if text in ("", "0", "no", "false", "нет", "نہیں"):
        return False if text else None
    if text in ("1", "yes", "true", "да", "ہاں"):
        return True
    raise ValueError(text)


def _first_column(prefix: str, header: Iterable[str]) -> str:
    return next((c for c in header if c.startswith(f"{prefix}_")), f"{prefix}_en")


class Importer:
    do_not_call_in_templates = True  # the import page lists the classes themselves
    kind = ""
    columns: tuple[Column, ...] = ()
    # Columns that this kind's export adds for reading (not in the template): accepted, not read.
    export_only_columns: tuple[str, ...] = ()
    batch_size = 1000

    def __init__(self, *, actor, event=None):
        self.actor = actor
        self.event = event
        self.header: list[str] = []
        self.seen: dict[int, int] = {}  # hash of a row's key → its line: repeated rows in the file

    # --- header ---------------------------------------------------------------------------
    def check_header(self, header: list[str]) -> list[str]:
        self.header = header
        known = {column.name for column in self.columns} | set(self.export_only_columns)
        problems = []
        blank = [n for n, name in enumerate(header, start=1) if not name]
        if blank:
            problems.append(
                _("Column %(number)d has no name in the first line.") % {"number": blank[0]}
            )
        unknown = [name for name in header if name and name not in known]
        if unknown:
            problems.append(
                _("Unknown column “%(column)s”. The columns of this import are: %(columns)s.")
                % {"column": unknown[0], "columns": ", ".join(c.name for c in self.columns)}
            )
        missing = [c.name for c in self.columns if c.required and c.name not in header]
        if missing:
            problems.append(_("The column “%(column)s” is missing.") % {"column": missing[0]})
        repeated = sorted({name for name in header if name and header.count(name) > 1})
        if repeated:
            problems.append(_("The column “%(column)s” appears twice.") % {"column": repeated[0]})
        if not problems:
            problems.extend(self.check_header_more(header))
        return problems

    def check_header_more(self, header: list[str]) -> list[str]:
        return []

    def finish(self, *, commit: bool) -> list[tuple[int | None, str, str]]:
        """After the last batch: problems only the whole file shows, as (line, column,
        message); when committing, any work that needs every row written."""
        return []

    def as_dict(self, values: list[Any]) -> dict[str, Any]:
        return {
            name: (values[n] if n < len(values) else None) for n, name in enumerate(self.header)
        }

    def note_in_file(self, result: RowResult, key: Any, column: str) -> bool:
        """Refuse a second row for the same record in one file; True when it was a repeat."""
        if key is None:
            return False
        key = hash(key)  # an int per row, not the key itself: memory stays small on big files
        first = self.seen.get(key)
        if first is not None:
            result.errors.append(
                (
                    column,
                    _("The same record is already on line %(line)d of this file.")
                    % {"line": first},
                )
            )
            return True
        self.seen[key] = result.line
        return False

    def check(self, rows: list[tuple[int, list[Any]]]) -> list[RowResult]:
        raise NotImplementedError

    def write(self, results: list[RowResult], *, merge: bool) -> tuple[int, int, int]:
        """Save a checked batch; returns (created, merged, skipped)."""
        raise NotImplementedError


def _service_errors(
    error_map: dict[str, list[str]], columns: dict[str, str]
) -> list[tuple[str, str]]:
    return [
        (columns.get(name, name), str(message))
        for name, messages in error_map.items()
        for message in messages
    ]


# --- organisations ---------------------------------------------------------------------------


class SlugAllocator:
    """Unique addresses for a batch of new organisations in a few queries (``unique_slug``
    asks the database once per organisation, and cannot see the batch's own new slugs)."""

    def __init__(self, bases: Iterable[str]):
        bases = {base or "org" for base in bases}
        candidates = {f"{b}-{n}" if n > 1 else b for b in bases for n in range(1, 4)}
        self.taken = set(RESERVED_SLUGS) | set(
            Organisation.objects.filter(slug__in=candidates).values_list("slug", flat=True)
        )
        self.loaded: set[str] = set()

    def allocate(self, base: str) -> str:
        base = base or "org"
        for n in range(1, 4):
            slug = base if n == 1 else f"{base}-{n}"
            if slug not in self.taken:
                self.taken.add(slug)
                return slug
        if base not in self.loaded:  # a crowded base: load every slug that starts with it
            self.loaded.add(base)
            self.taken |= set(
                Organisation.objects.filter(slug__startswith=f"{base}-").values_list(
                    "slug", flat=True
                )
            )
        n = 4
        while f"{base}-{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


class OrganisationImporter(Importer):
    kind = "organisations"
    columns = (
        Column("name_en", help=gettext_lazy("Name in English."), example="Sialkot Surgical Works"),
        Column("name_ru", help=gettext_lazy("Name in Russian."), example="Сиалкот Сёрджикал Воркс"),
        Column("name_ur", help=gettext_lazy("Name in Urdu."), example="سیالکوٹ سرجیکل ورکس"),
        Column("country", True, gettext_lazy("Two-letter ISO country code."), "PK"),
        Column(
            "kind",
            help=gettext_lazy("company, chamber, university, government or translator."),
            example="company",
        ),
        Column("city", example="Sialkot"),
        Column(
            "sectors",
            help=gettext_lazy("Sector codes separated by commas."),
            example="surgical-medical-instruments",
        ),
        Column("hs_codes", help=gettext_lazy("HS codes separated by commas."), example="9018"),
        Column("website", example="https://example.org"),
        Column("email", example="export@example.org"),
        Column("phone", example="+92 52 1234567"),
        Column("description_en", example="Surgical instruments since 1965."),
        Column("description_ru"),
        Column("description_ur"),
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sector_cache: dict[tuple[str, ...], tuple[list[Sector], list[str]]] = {}

    def check_header_more(self, header: list[str]) -> list[str]:
        if not any(name.startswith("name_") for name in header):
            return [_("The file needs at least one name column: name_en, name_ru or name_ur.")]
        return []

    def data_of(self, row: dict[str, Any], *, only_filled: bool) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if any(c.startswith("name_") for c in row):
            data["name"] = _translations(row, "name")
        if any(c.startswith("description_") for c in row):
            description = _translations(row, "description")
            if description or not only_filled:
                data["description"] = description
        for name in ("country", "kind", "city", "website", "email", "phone", "hs_codes"):
            if name in row and (_text(row[name]) or not only_filled):
                data[name] = _text(row[name])
        if "sectors" in row and (_text(row["sectors"]) or not only_filled):
            data["sectors"] = _split(row["sectors"])
        if not data.get("kind") and not only_filled:
            data["kind"] = Organisation.Kind.COMPANY
        return data

    def existing_for(self, keys) -> dict[tuple[str, str], Organisation]:
        """The organisations already here with these (name key, country): one query a batch."""
        names = {name_key for name_key, _country in keys if name_key}
        return {
            (o.name_key.lower(), o.country): o
            for o in Organisation.objects.filter(name_key__in=names)
        }

    def error_columns(self) -> dict[str, str]:
        return {
            "name": _first_column("name", self.header),
            "description": _first_column("description", self.header),
            "sectors": "sectors",
        }

    def check(self, rows):
        dicts = [(line, self.as_dict(values)) for line, values in rows]
        keys = {}
        for line, row in dicts:
            keys[line] = (
                make_name_key(_translations(row, "name")),
                _text(row.get("country")).upper(),
            )
        existing = self.existing_for(keys.values())
        results = []
        columns = self.error_columns()
        for line, row in dicts:
            result = RowResult(line)
            name_key, country = keys[line]
            result.label = localized(_translations(row, "name")) or ""
            if self.note_in_file(
                result, (name_key.lower(), country) if name_key else None, columns["name"]
            ):
                results.append(result)
                continue
            duplicate = existing.get((name_key.lower(), country))
            if duplicate is not None:
                result.existing = duplicate
                target = copy.copy(duplicate)
                data = self.data_of(row, only_filled=True)
                data.pop("name", None)  # the name stays the existing record's
            else:
                target = Organisation(validation=Organisation.Validation.APPROVED)
                data = self.data_of(row, only_filled=False)
            codes = data.pop("sectors", None)
            # The name and country are set here (the name checked by the services' own helper),
            # not passed on: the service would ask the database, row by row, whether the name
            # is taken — the batch query above already answered that.
            name_errors: list[str] = []
            if "name" in data:
                name, name_errors = check_translations(
                    data.pop("name"), max_length=NAME_MAX_LENGTH, required=True
                )
                if not name_errors:
                    target.name = name
            if "country" in data:
                target.country = str(data.pop("country")).strip().upper()
            sectors, errors = check_organisation_changes(target, data)
            if name_errors:
                errors["name"] = name_errors
            if codes is not None:
                # The services' own rule, asked once per distinct list of codes.
                key = tuple(codes)
                if key not in self.sector_cache:
                    self.sector_cache[key] = resolve_sectors(codes)
                sectors, messages = self.sector_cache[key]
                if messages:
                    errors["sectors"] = messages
            if duplicate is not None:
                errors.pop("name", None)
            result.errors.extend(_service_errors(errors, columns))
            result.plan = (target, sectors or [])
            results.append(result)
        return results

    def write(self, results, *, merge):
        now = timezone.now()
        new: list[tuple[Organisation, list[Sector]]] = []
        merged = skipped = 0
        bases = {}
        for result in results:
            organisation, sectors = result.plan
            if result.existing is not None:
                if not merge:
                    skipped += 1
                    continue
                organisation.save()
                if sectors:
                    organisation.sectors.add(*sectors)
                organisation.refresh_search_text()
                merged += 1
                continue
            bases[id(organisation)] = slug_base(organisation.name)
            new.append((organisation, sectors))
        slugs = SlugAllocator(bases.values())
        for organisation, sectors in new:
            organisation.slug = slugs.allocate(bases[id(organisation)])
            organisation.name_key = make_name_key(organisation.name)
            organisation.validated_by = self.actor if getattr(self.actor, "pk", None) else None
            organisation.validated_at = now
            parts = [organisation.build_search_text()]
            for sector in sectors:
                parts.append(
                    " ".join(
                        [sector.code, *(str(t) for t in (sector.name or {}).values() if t)]
                    ).casefold()
                )
            organisation.search_text = " ".join(part for part in parts if part)
        Organisation.objects.bulk_create([organisation for organisation, _s in new])
        links = [
            Organisation.sectors.through(organisation_id=organisation.pk, sector_id=sector.pk)
            for organisation, sectors in new
            for sector in sectors
        ]
        Organisation.sectors.through.objects.bulk_create(links)
        # bulk_create sends no post_save or m2m_changed: the profile index the signals keep
        # for organisations saved one by one is built here, the same rows.
        index_new_organisations(
            (organisation, [sector.code for sector in sectors]) for organisation, sectors in new
        )
        if new:  # nor do the caches that follow organisations hear of them: told here
            bump("directory", "marketplace", "recommendations")
        return len(new), merged, skipped


# --- organisation lookups shared by the next importers ---------------------------------------


ORGANISATION_COLUMNS = (
    Column(
        "organisation_name",
        True,
        gettext_lazy("The organisation's name as in the directory."),
        "Sialkot Surgical Works",
    ),
    Column("organisation_country", True, gettext_lazy("Its two-letter country code."), "PK"),
)


def organisations_of(rows: list[dict[str, Any]]) -> dict[tuple[str, str], Organisation]:
    keys = {make_name_key(_text(row.get("organisation_name"))) for row in rows} - {""}
    return {
        (o.name_key.lower(), o.country): o for o in Organisation.objects.filter(name_key__in=keys)
    }


def find_organisation(row: dict[str, Any], known: dict, result: RowResult) -> Organisation | None:
    name = _text(row.get("organisation_name"))
    country = _text(row.get("organisation_country")).upper()
    if not name:
        result.errors.append(("organisation_name", _("This field is required.")))
        return None
    organisation = known.get((make_name_key(name).lower(), country))
    if organisation is None:
        result.errors.append(
            (
                "organisation_name",
                _("No organisation “%(name)s” in %(country)s. Import the organisations first.")
                % {"name": name, "country": country or "?"},
            )
        )
    return organisation


# --- people ------------------------------------------------------------------------------------


class PersonImporter(Importer):
    kind = "people"
    columns = (
        Column(
            "email",
            True,
            gettext_lazy("The person's e-mail address: it identifies them."),
            "murad@example.org",
        ),
        Column("full_name", help=gettext_lazy("Full name."), example="Muhammad Murad Arshad"),
        *ORGANISATION_COLUMNS,
        Column("role", help=gettext_lazy("admin or representative."), example="representative"),
        Column("position_en", example="Senior Vice President"),
        Column("position_ru"),
        Column("position_ur"),
        Column(
            "language",
            help=gettext_lazy("Language of the interface and e-mails: en, ru or ur."),
            example="ur",
        ),
        Column(
            "spoken_languages",
            help=gettext_lazy("Languages they speak, separated by commas."),
            example="ur, en",
        ),
    )

    def check(self, rows):
        from rabta.accounts.models import User

        dicts = [(line, self.as_dict(values)) for line, values in rows]
        known = organisations_of([row for _l, row in dicts])
        emails = [_text(row.get("email")).lower() for _l, row in dicts]
        users = {
            u.email.lower(): u for u in User.objects.filter(email__in=[e for e in emails if e])
        }
        members = {
            (m.organisation_id, m.user_id): m
            for m in Member.objects.filter(user__in=users.values())
        }
        results = []
        for line, row in dicts:
            result = RowResult(line)
            email = _text(row.get("email")).lower()
            result.label = email
            try:
                validate_email(email)
            except ValidationError:
                result.errors.append(("email", _("Enter a valid e-mail address.")))
            organisation = find_organisation(row, known, result)
            if self.note_in_file(
                result, (email, organisation.pk if organisation else None), "email"
            ):
                results.append(result)
                continue
            role = _text(row.get("role")) or Member.Role.REPRESENTATIVE
            if role not in Member.Role.values:
                result.errors.append(("role", _("Choose admin or representative.")))
            language = _text(row.get("language")) or "en"
            if language not in LANGUAGES:
                result.errors.append(("language", _("Choose en, ru or ur.")))
            spoken = _split(row.get("spoken_languages"))
            bad = [code for code in spoken if code not in SPOKEN_LANGUAGE_CODES]
            if bad:
                result.errors.append(
                    (
                        "spoken_languages",
                        _("Unknown language: %(codes)s.") % {"codes": ", ".join(bad)},
                    )
                )
            full_name = _text(row.get("full_name"))[:150]
            user = users.get(email)
            if (
                user is not None
                and organisation is not None
                and (organisation.pk, user.pk) in members
            ):
                result.existing = members[(organisation.pk, user.pk)]
            result.plan = {
                "email": email, "full_name": full_name, "organisation": organisation, "role": role,
                "position": _translations(row, "position"), "language": language, "spoken": spoken, "user": user,
            }  # fmt: skip
            results.append(result)
        return results

    def write(self, results, *, merge):
        from rabta.accounts.models import User

        created = merged = skipped = 0
        for result in results:
            plan = result.plan
            if result.existing is not None:
                if not merge:
                    skipped += 1
                    continue
                member = result.existing
                member.role = plan["role"]
                if plan["position"]:
                    member.position = plan["position"]
                member.save(update_fields=["role", "position"])
                merged += 1
                continue
            user = plan["user"]
            if user is None:
                user = User(
                    username=plan["email"][:150], email=plan["email"], full_name=plan["full_name"],
                    language=plan["language"], spoken_languages=plan["spoken"],
                )  # fmt: skip
                user.set_unusable_password()
                user.save()
                result.new_account = user
            Member.objects.create(
                organisation=plan["organisation"],
                user=user,
                role=plan["role"],
                position=plan["position"],
            )
            created += 1
        return created, merged, skipped


# --- opportunities -----------------------------------------------------------------------------


class OpportunityImporter(Importer):
    kind = "opportunities"
    columns = (
        *ORGANISATION_COLUMNS,
        Column(
            "kind",
            True,
            gettext_lazy(
                "export_offer, sourcing_request, joint_venture, technology, education or culture."
            ),
            "export_offer",
        ),
        Column("role", help=gettext_lazy("offer, seek or partner."), example="offer"),
        Column(
            "languages", True, gettext_lazy("Languages of the texts, separated by commas."), "en"
        ),
        Column("title_en", example="Surgical scissors"),
        Column("title_ru"),
        Column("title_ur"),
        Column("description_en"),
        Column("description_ru"),
        Column("description_ur"),
        Column("work_languages", example="en, ur"),
        Column("sectors", example="surgical-medical-instruments"),
        Column("hs_codes", example="9018"),
        Column(
            "countries", help=gettext_lazy("Target countries, separated by commas."), example="RU"
        ),
        Column("deadline", help=gettext_lazy("A date as YYYY-MM-DD."), example="2027-06-30"),
        Column("status", help=gettext_lazy("draft or published."), example="published"),
    )

    def check(self, rows):
        from rabta.marketplace.models import Opportunity
        from rabta.marketplace.validation import clean_opportunity

        dicts = [(line, self.as_dict(values)) for line, values in rows]
        known = organisations_of([row for _l, row in dicts])
        titles = {_text(row.get("title_en")) for _l, row in dicts} - {""}
        existing = {
            (o.organisation_id, (o.title or {}).get("en", "")): o
            for o in Opportunity.objects.filter(
                organisation__in=known.values(), title__en__in=titles
            )
        }
        columns = {
            "title": _first_column("title", self.header),
            "description": _first_column("description", self.header),
            "sector_codes": "sectors",
            "details": "kind",
        }
        results = []
        for line, row in dicts:
            result = RowResult(line)
            organisation = find_organisation(row, known, result)
            title = _translations(row, "title")
            result.label = localized(title)
            data = {
                "kind": _text(row.get("kind")), "role": _text(row.get("role")), "languages": _text(row.get("languages")),
                "title": title, "description": _translations(row, "description"),
                "work_languages": _text(row.get("work_languages")), "sector_codes": _text(row.get("sectors")),
                "hs_codes": _text(row.get("hs_codes")), "countries": _text(row.get("countries")),
                "deadline": row.get("deadline") if isinstance(row.get("deadline"), dt.date) else _text(row.get("deadline")),
            }  # fmt: skip
            status = _text(row.get("status")) or "draft"
            if status not in ("draft", "published"):
                result.errors.append(("status", _("Choose draft or published.")))
            try:
                cleaned = clean_opportunity(data)
            except InvalidInput as error:
                result.errors.extend(_service_errors(error.field_errors, columns))
                cleaned = None
            key = (organisation.pk if organisation else None, title.get("en", ""))
            if organisation is not None and self.note_in_file(result, key, columns["title"]):
                results.append(result)
                continue
            result.existing = existing.get(key)
            result.plan = (organisation, cleaned, status)
            results.append(result)
        return results

    def write(self, results, *, merge):
        from rabta.marketplace.indexing import reindex
        from rabta.marketplace.models import Opportunity

        created = merged = skipped = 0
        for result in results:
            organisation, cleaned, status = result.plan
            opportunity = result.existing
            if opportunity is not None and not merge:
                skipped += 1
                continue
            if opportunity is None:
                opportunity = Opportunity(organisation=organisation, created_by=self.actor)
                created += 1
            else:
                merged += 1
            for name in (
                "kind",
                "role",
                "languages",
                "title",
                "description",
                "work_languages",
                "hs_codes",
                "countries",
                "deadline",
                "details",
            ):
                setattr(opportunity, name, cleaned[name])
            if status == "published" and opportunity.status != "published":
                opportunity.status = Opportunity.Status.PUBLISHED
                opportunity.published_at = timezone.now()
            opportunity.save()
            opportunity.sectors.set(Sector.objects.filter(code__in=cleaned["sector_codes"]))
            reindex(opportunity)
        return created, merged, skipped


# --- event registrations ---------------------------------------------------------------------


class RegistrationImporter(Importer):
    kind = "registrations"
    columns = (
        *ORGANISATION_COLUMNS,
        Column(
            "languages",
            True,
            gettext_lazy("Languages they can hold a meeting in, separated by commas."),
            "ur, en",
        ),
        Column(
            "attendees",
            help=gettext_lazy("E-mail addresses of the members who attend, separated by commas."),
            example="murad@example.org",
        ),
        Column("has_stand", help=gettext_lazy("yes or no."), example="no"),
        Column("stand"),
        Column("status", help=gettext_lazy("pending or approved."), example="approved"),
    )
    export_only_columns = ("city", "badge_code", "attendance")

    def check(self, rows):
        from rabta.events.models import Registration

        dicts = [(line, self.as_dict(values)) for line, values in rows]
        known = organisations_of([row for _l, row in dicts])
        registered = {
            r.organisation_id: r
            for r in Registration.objects.for_event(self.event).filter(
                organisation__in=known.values()
            )
        }
        members: dict[int, dict[str, int]] = {}
        for member in Member.objects.filter(organisation__in=known.values()).select_related("user"):
            members.setdefault(member.organisation_id, {})[member.user.email.lower()] = (
                member.user_id
            )
        results = []
        for line, row in dicts:
            result = RowResult(line)
            organisation = find_organisation(row, known, result)
            result.label = _text(row.get("organisation_name"))
            if organisation is not None and self.note_in_file(
                result, organisation.pk, "organisation_name"
            ):
                results.append(result)
                continue
            if organisation is not None and not organisation.is_approved:
                result.errors.append(
                    (
                        "organisation_name",
                        _("The organisation must be approved before it can register."),
                    )
                )
            languages = _split(row.get("languages"))
            bad = [code for code in languages if code not in SPOKEN_LANGUAGE_CODES]
            if not languages:
                result.errors.append(
                    ("languages", _("Choose the languages you can hold a meeting in."))
                )
            elif bad:
                result.errors.append(
                    ("languages", _("Unknown language: %(codes)s.") % {"codes": ", ".join(bad)})
                )
            try:
                has_stand = bool(_bool(row.get("has_stand")))
            except ValueError:
                result.errors.append(("has_stand", _("Enter yes or no.")))
                has_stand = False
            status = _text(row.get("status")) or Registration.Status.APPROVED
            if status not in (Registration.Status.PENDING, Registration.Status.APPROVED):
                result.errors.append(("status", _("Choose pending or approved.")))
            attendees = []
            for email in _split(row.get("attendees")):
                user_id = members.get(organisation.pk if organisation else 0, {}).get(email.lower())
                if user_id is None and organisation is not None:
                    result.errors.append(
                        (
                            "attendees",
                            _("%(email)s is not a member of this organisation.") % {"email": email},
                        )
                    )
                attendees.append(user_id)
            if organisation is not None:
                result.existing = registered.get(organisation.pk)
            result.plan = {
                "organisation": organisation, "languages": languages, "has_stand": has_stand,
                "stand": _text(row.get("stand"))[:50] if has_stand else "", "status": status, "attendees": attendees,
            }  # fmt: skip
            results.append(result)
        return results

    def write(self, results, *, merge):
        from rabta.events.models import Registration

        created = merged = skipped = 0
        sessions = list(self.event.sessions.all())
        for result in results:
            plan = result.plan
            registration = result.existing
            if registration is not None and not merge:
                skipped += 1
                continue
            if registration is None:
                registration = Registration(
                    event=self.event,
                    organisation=plan["organisation"],
                    registered_by=self.actor,
                    status=plan["status"],
                )
                created += 1
            else:
                merged += 1
            registration.languages = plan["languages"]
            registration.has_stand, registration.stand = plan["has_stand"], plan["stand"]
            registration.save()
            if plan["attendees"]:
                registration.attendees.add(*plan["attendees"])
            if sessions and result.existing is None:
                registration.sessions.set(sessions)
        return created, merged, skipped


def _importers() -> dict[str, type[Importer]]:
    from rabta.reports.trade_import import TradeStatisticsImporter

    return {
        importer.kind: importer
        for importer in (
            OrganisationImporter,
            PersonImporter,
            OpportunityImporter,
            RegistrationImporter,
            TradeStatisticsImporter,
        )
    }


IMPORTERS: dict[str, type[Importer]] = _importers()
