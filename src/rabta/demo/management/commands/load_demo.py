"""Load the demo data: the corridor's chambers, embassy, universities, 60+ companies and people.

Deterministic (fixed seed), idempotent (stable keys, update_or_create), one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rabta.accounts.models import User
from rabta.demo import data
from rabta.events.demo import load_demo_event
from rabta.events.models import Event, MeetingRequest, Registration, ScheduleRun
from rabta.initiatives.demo import load_demo_initiatives
from rabta.marketplace.demo import load_demo_opportunities
from rabta.organisations.models import Member, Organisation, Sector
from rabta.trade.demo import load_demo_guides, load_demo_statistics

SEED = 2026
VALIDATED_AT = dt.datetime(2026, 1, 20, 10, 0, tzinfo=ZoneInfo("Asia/Karachi"))
# A fixed salt keeps the stored hash identical from one run to the next (demo accounts only).
PASSWORD_SALT = "rabtademo2026"


class Command(BaseCommand):
    help = "Load (or refresh) the demo data and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off (the demo's accounts share a public "
            "password: never on a site people use).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "DEBUG is off, so this looks like a real site: the demo creates accounts "
                    "whose password is public. Set DEBUG=1 on a development machine, or add "
                    "--force if you really want the demo data here."
                )
            )
        started = time.perf_counter()
        # The data is the same whatever the operator's language (labels the loaders store, such
        # as an unnamed stand's, are in the site's language); only the messages are in theirs.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            summary = load_demo()
            event = load_demo_event()
            summary["opportunities"] = load_demo_opportunities()
            summary["initiatives"] = load_demo_initiatives()
            summary["trade_figures"] = load_demo_statistics()
            summary["guides"] = load_demo_guides(User.objects.get(username="organiser"))
        if options["verbosity"] > 0:
            self.print_event(event)
            self.print_summary(summary, time.perf_counter() - started)

    def print_event(self, event: Event) -> None:
        run = ScheduleRun.objects.for_event(event).order_by("-pk").first()
        report = run.report if run is not None else {}
        self.stdout.write(
            _(
                "Demo event %(slug)s: %(participants)d participants, %(requests)d requests, "
                "%(scheduled)d of %(requested)d accepted requests scheduled (gap %(gap)s%%), "
                "published."
            )
            % {
                "slug": event.slug,
                "participants": Registration.objects.for_event(event).count(),
                "requests": MeetingRequest.objects.for_event(event).count(),
                "scheduled": report.get("meetings_scheduled", 0),
                "requested": report.get("meetings_requested", 0),
                "gap": formats.number_format((report.get("gap") or 0) * 100, 1),
            }
        )

    def print_summary(self, summary: dict, seconds: float) -> None:
        out = self.stdout
        out.write(
            _("Demo opportunities: %(count)d published.") % {"count": summary["opportunities"]}
        )
        out.write(
            _("Initiatives: %(count)d tracked proposals.") % {"count": summary["initiatives"]}
        )
        out.write(
            _(
                "Trade statistics: %(figures)d illustrative figures (invented, not official); "
                "%(guides)d example market guides."
            )
            % {"figures": summary["trade_figures"], "guides": summary["guides"]}
        )
        out.write(
            self.style.SUCCESS(
                _(
                    "Demo data loaded in %(seconds)s s: %(organisations)d organisations "
                    "(%(approved)d approved, %(pending)d pending, %(rejected)d rejected), "
                    "%(people)d people, %(members)d memberships."
                )
                % {"seconds": formats.number_format(seconds, 1), **summary}
            )
        )
        languages = dict(settings.LANGUAGES)
        rows = [(_("Role"), _("Login"), _("Password"), _("Name"), _("Language"))]
        for role, person in demo_logins():
            rows.append(
                (
                    str(role),
                    person.username,
                    data.DEMO_PASSWORD,
                    person.full_name,
                    str(languages.get(person.language, person.language)),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        out.write(line)
        for n, row in enumerate(rows):
            out.write(
                "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
            )
            if n == 0:
                out.write(line)
        out.write(line)
        out.write(
            _("Every other demo person has the same password; log in at %(url)s.")
            % {"url": "/accounts/login/"}
        )


DEMO_ROLES = [
    (gettext_lazy("Site admin"), "admin"),
    (gettext_lazy("Organiser (SCCI)"), "organiser"),
    (gettext_lazy("Co-organiser (Russian trade representation)"), "co-organiser"),
    (gettext_lazy("Participant (Pakistan)"), "participant"),
    (gettext_lazy("Participant (Russia)"), "ru-participant"),
    (gettext_lazy("Participant (Urdu)"), "ur-participant"),
    (gettext_lazy("Interpreter"), "interpreter"),
]


def demo_logins() -> list[tuple[str, data.Person]]:
    by_username = {person.username: person for _org, person in all_named_people()}
    by_username.update(
        {data.ADMIN.username: data.ADMIN, data.INTERPRETER.username: data.INTERPRETER}
    )
    return [(role, by_username[username]) for role, username in DEMO_ROLES]


def all_named_people() -> list[tuple[data.Org, data.Person]]:
    return [(org, person) for org in data.ORGANISATIONS for person in org.people]


def generated_people(org: data.Org, rng: random.Random) -> list[data.Person]:
    """1–3 members per company: the named ones, completed with invented staff."""
    if org.kind != "company" and org.kind != "translator":
        return []
    wanted = rng.randint(1, 3)
    people = []
    has_admin = any(person.role == "admin" for person in org.people)
    for number in range(len(org.people) + 1, wanted + 1):
        first_is_admin = not has_admin and not people
        if org.country == "RU":
            female = rng.random() < 0.5
            first = rng.choice(data.RUSSIAN_FEMALE_NAMES if female else data.RUSSIAN_MALE_NAMES)
            surname = rng.choice(data.RUSSIAN_SURNAMES) + ("а" if female else "")
            full_name = f"{first} {surname}"
            languages = rng.choice(data.RUSSIAN_LANGUAGES)
            language = "ru"
            position = (
                data.MANAGING_DIRECTOR
                if first_is_admin
                else rng.choice(
                    [data.PROCUREMENT_HEAD, data.SALES_DIRECTOR, data.BUSINESS_DEVELOPMENT]
                )
            )
        else:
            full_name = (
                f"{rng.choice(data.PAKISTANI_FIRST_NAMES)} {rng.choice(data.PAKISTANI_SURNAMES)}"
            )
            languages = rng.choice(data.PAKISTANI_LANGUAGES)
            language = rng.choice(["en", "en", "en", "ur"])
            position = (
                data.MANAGING_DIRECTOR
                if first_is_admin
                else rng.choice(
                    [
                        data.EXPORT_MANAGER,
                        data.QUALITY_MANAGER,
                        data.SALES_DIRECTOR,
                        data.BUSINESS_DEVELOPMENT,
                    ]
                )
            )
        people.append(
            data.Person(
                username=f"{org.slug}-{number}",
                full_name=full_name,
                position=position,
                spoken_languages=tuple(languages),
                language=language,
                role="admin" if first_is_admin else "representative",
            )
        )
    return people


def _phone(city: str, rng: random.Random) -> str:
    prefix = data.PHONE_PREFIXES.get(city, "+92 51")
    digits = "".join(str(rng.randint(0, 9)) for _ in range(7))
    return f"{prefix} {digits[:3]} {digits[3:]}"


USER_FIELDS = [
    "email", "full_name", "language", "spoken_languages", "is_organiser", "is_validator", "is_interpreter",
    "is_superuser",
    "is_staff", "is_active", "password",
]  # fmt: skip


def _save_users(people: list[tuple[data.Person, str]], password: str) -> dict[str, User]:
    """Create or refresh the users of ``people`` ((person, e-mail) pairs) in a few queries."""
    existing = {
        user.username: user
        for user in User.objects.filter(username__in=[p.username for p, _e in people])
    }
    to_create, to_update = [], []
    for person, email in people:
        values = {
            "email": email,
            "full_name": person.full_name,
            "language": person.language,
            "spoken_languages": list(person.spoken_languages),
            "is_organiser": person.is_organiser,
            "is_validator": person.is_validator,
            "is_interpreter": person.is_interpreter,
            "is_superuser": person is data.ADMIN,
            "is_staff": person is data.ADMIN,
            "is_active": True,
            "password": password,
        }
        user = existing.get(person.username)
        if user is None:
            to_create.append(User(username=person.username, **values))
        else:
            for name, value in values.items():
                setattr(user, name, value)
            to_update.append(user)
    User.objects.bulk_create(to_create)
    User.objects.bulk_update(to_update, USER_FIELDS)
    return {
        user.username: user
        for user in User.objects.filter(username__in=[p.username for p, _e in people])
    }


def _sectors() -> dict[str, Sector]:
    sectors = {}
    for position, (code, name) in enumerate(data.SECTORS.items(), start=1):
        sectors[code], _created = Sector.objects.get_or_create(
            code=code, defaults={"name": name, "position": 1000 + position}
        )
    return sectors


def load_demo() -> dict[str, int]:
    """Create or refresh every demo object; returns counts for the summary."""
    password = make_password(data.DEMO_PASSWORD, salt=PASSWORD_SALT)
    sectors = _sectors()

    plans: list[tuple[data.Org, list[data.Person]]] = []
    accounts: list[tuple[data.Person, str]] = [
        (data.ADMIN, "admin@rabta.example"),
        (data.INTERPRETER, "interpreter@rabta.example"),
    ]
    for org in data.ORGANISATIONS:
        people = [*org.people, *generated_people(org, random.Random(f"{SEED}:{org.slug}"))]
        accounts.extend((person, f"{person.username}@{org.slug}.example") for person in people)
        plans.append((org, people))
    users = _save_users(accounts, password)
    organiser = users["organiser"]
    existing_members = {
        (m.organisation_id, m.user_id): m for m in Member.objects.filter(user__in=users.values())
    }
    new_members, changed_members = [], []

    counts = {"approved": 0, "pending": 0, "rejected": 0, "members": 0, "people": 2}
    for org, people in plans:
        rng = random.Random(f"{SEED}:{org.slug}:contact")
        validated = org.validation != Organisation.Validation.PENDING
        organisation, _created = Organisation.objects.update_or_create(
            slug=org.slug,
            defaults={
                "name": org.name,
                "name_key": " ".join(org.name["en"].split()).casefold(),
                "kind": org.kind,
                "country": org.country,
                "city": org.city,
                "hs_codes": list(org.hs_codes),
                "website": f"https://{org.slug}.example",
                "description": org.description,
                "email": f"info@{org.slug}.example",
                "phone": _phone(org.city, rng),
                "validation": org.validation,
                "rejection_reason": org.rejection_reason,
                "validated_by": organiser if validated else None,
                "validated_at": VALIDATED_AT if validated else None,
            },
        )
        organisation.sectors.set([sectors[code] for code in org.sectors])
        organisation.refresh_search_text()
        for person in people:
            user = users[person.username]
            member = existing_members.get((organisation.pk, user.pk))
            if member is None:
                new_members.append(
                    Member(
                        organisation=organisation,
                        user=user,
                        role=person.role,
                        position=person.position,
                        is_public=True,
                    )
                )
            else:
                member.role, member.position, member.is_public = person.role, person.position, True
                changed_members.append(member)
        counts[org.validation] += 1
        counts["members"] += len(people)
        counts["people"] += len(people)
    Member.objects.bulk_create(new_members)
    Member.objects.bulk_update(changed_members, ["role", "position", "is_public"])
    # bulk_create sends no post_save: the new members' time zones from their countries here
    from rabta.organisations.time_zones import default_time_zones

    default_time_zones({m.user_id for m in new_members})
    counts["organisations"] = len(plans)
    return counts
