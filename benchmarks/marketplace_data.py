"""A seeded generator of a large marketplace: organisations, members and opportunities.

Writes straight into the configured database with ``bulk_create`` (no services, no signals), and
fills the same derived columns the services fill: search text, terms, sector links and feature
rows. ``generate(organisations=10_000, opportunities=100_000, seed=1)``.

``sectors`` replaces the catalogue of products (``SECTORS``); an entry's code may carry a group
after a slash (``agriculture-food/pk-exports``: sector ``agriculture-food``) and its product
list may be comma-separated phrases. ``exporters`` (group → country) makes the background
*adversarial* for a labelled partner set (benchmarks/run_recommendations.py): in that group the
exporting (or offering) country's firms only seek and the other corridor country's only offer,
so every background firm on a planted pair's product is a same-side or same-country peer, never
an equally good partner; firms of third countries then target another third country.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from rabta.accounts.models import User
from rabta.marketplace.features import content_keys, feature_keys, profile_keys
from rabta.marketplace.models import Kind, Opportunity, OpportunityFeature, Role
from rabta.marketplace.suggestions import suggested_headings_of
from rabta.marketplace.text import normalise, terms
from rabta.matching.models import OrganisationFeature
from rabta.organisations.models import Member, Organisation, Sector

# (sector code, {en, ru, ur} name, HS headings, product words per language)
SECTORS = [
    (
        "medical",
        {"en": "Medical devices", "ru": "Медицинские изделия", "ur": "طبی آلات"},
        ["9018", "9019", "9021", "3005"],
        {
            "en": "surgical instruments scissors forceps scalpels dental",
            "ru": "хирургические инструменты ножницы пинцеты скальпели",
            "ur": "جراحی آلات قینچی چمٹی",
        },
    ),
    (
        "sports",
        {"en": "Sports goods", "ru": "Спортивные товары", "ur": "کھیلوں کا سامان"},
        ["9506", "9504", "4203"],
        {
            "en": "footballs balls gloves cricket bats",
            "ru": "футбольные мячи перчатки спортивный инвентарь",
            "ur": "فٹ بال دستانے کرکٹ",
        },
    ),
    (
        "textiles",
        {"en": "Textiles and apparel", "ru": "Текстиль и одежда", "ur": "ٹیکسٹائل اور ملبوسات"},
        ["5208", "6109", "6203", "6302"],
        {
            "en": "cotton fabric garments towels denim",
            "ru": "хлопковая ткань одежда полотенца джинсовая",
            "ur": "سوتی کپڑا ملبوسات تولیے",
        },
    ),
    (
        "leather",
        {"en": "Leather goods", "ru": "Кожаные изделия", "ur": "چمڑے کی مصنوعات"},
        ["4202", "4203", "6403"],
        {
            "en": "leather bags jackets shoes belts",
            "ru": "кожаные сумки куртки обувь ремни",
            "ur": "چمڑے کے بیگ جیکٹ جوتے",
        },
    ),
    (
        "cutlery",
        {"en": "Cutlery", "ru": "Столовые приборы", "ur": "کٹلری"},
        ["8211", "8215"],
        {
            "en": "knives spoons forks cutlery sets",
            "ru": "ножи ложки вилки наборы",
            "ur": "چاقو چمچ کانٹے",
        },
    ),
    (
        "energy",
        {"en": "Energy", "ru": "Энергетика", "ur": "توانائی"},
        ["2709", "2711", "8541", "8502"],
        {
            "en": "solar power plant gas pipeline turbines",
            "ru": "солнечная электростанция газопровод турбины",
            "ur": "شمسی توانائی گیس پائپ لائن",
        },
    ),
    (
        "pharma",
        {"en": "Pharmaceuticals", "ru": "Фармацевтика", "ur": "ادویات سازی"},
        ["3004", "3002", "2941"],
        {
            "en": "generic medicines vaccines antibiotics",
            "ru": "дженерики вакцины антибиотики лекарства",
            "ur": "ادویات ویکسین اینٹی بائیوٹکس",
        },
    ),
    (
        "agriculture",
        {"en": "Agriculture", "ru": "Сельское хозяйство", "ur": "زراعت"},
        ["1006", "0805", "0804", "1001"],
        {
            "en": "basmati rice citrus kinnow mangoes wheat",
            "ru": "рис басмати цитрусовые манго пшеница",
            "ur": "باسمتی چاول کینو آم گندم",
        },
    ),
    (
        "engineering",
        {"en": "Engineering goods", "ru": "Машиностроение", "ur": "انجینئرنگ مصنوعات"},
        ["8413", "8481", "8708"],
        {
            "en": "pumps valves auto parts machinery",
            "ru": "насосы клапаны автозапчасти оборудование",
            "ur": "پمپ والو آٹو پارٹس",
        },
    ),
    (
        "it",
        {
            "en": "Information technology",
            "ru": "Информационные технологии",
            "ur": "انفارمیشن ٹیکنالوجی",
        },
        ["8471", "8517"],
        {
            "en": "software development outsourcing servers",
            "ru": "разработка программного обеспечения аутсорсинг",
            "ur": "سافٹ ویئر ڈویلپمنٹ",
        },
    ),
    (
        "education",
        {"en": "Education", "ru": "Образование", "ur": "تعلیم"},
        [],
        {
            "en": "russian language course joint programme exchange",
            "ru": "курс русского языка совместная программа обмен",
            "ur": "روسی زبان کورس مشترکہ پروگرام",
        },
    ),
    (
        "culture",
        {"en": "Culture and translation", "ru": "Культура и перевод", "ur": "ثقافت اور ترجمہ"},
        [],
        {
            "en": "literary translation tolstoy chekhov publishing",
            "ru": "художественный перевод толстой чехов издательство",
            "ur": "ادبی ترجمہ ٹالسٹائی چیخوف",
        },
    ),
]
COUNTRIES = ["PK", "RU", "PK", "RU", "KZ", "UZ", "AE", "TR", "CN"]
CITIES = {
    "PK": ["Sialkot", "Lahore", "Karachi", "Faisalabad", "Islamabad"],
    "RU": ["Moscow", "Kazan", "Yekaterinburg"],
}
WORK_LANGUAGES = {"PK": ["en", "ur"], "RU": ["ru"], "KZ": ["ru", "kk"], "UZ": ["uz", "ru"]}
VERBS = {
    Kind.EXPORT_OFFER: {"en": "Export of", "ru": "Экспорт:", "ur": "برآمد:"},
    Kind.SOURCING_REQUEST: {"en": "We are sourcing", "ru": "Закупаем", "ur": "خریداری:"},
    Kind.JOINT_VENTURE: {
        "en": "Joint venture in",
        "ru": "Совместное предприятие:",
        "ur": "مشترکہ منصوبہ:",
    },
    Kind.TECHNOLOGY: {"en": "Technology for", "ru": "Технология:", "ur": "ٹیکنالوجی:"},
    Kind.EDUCATION: {
        "en": "Education partnership:",
        "ru": "Образовательное партнёрство:",
        "ur": "تعلیمی شراکت:",
    },
    Kind.CULTURE: {"en": "Culture project:", "ru": "Культурный проект:", "ur": "ثقافتی منصوبہ:"},
}
KIND_WEIGHTS = [
    (Kind.EXPORT_OFFER, 35),
    (Kind.SOURCING_REQUEST, 30),
    (Kind.JOINT_VENTURE, 12),
    (Kind.TECHNOLOGY, 10),
    (Kind.EDUCATION, 8),
    (Kind.CULTURE, 5),
]


@dataclass
class Generated:
    organisations: int
    opportunities: int
    features: int
    seconds: float


def _codes(rng: random.Random, headings: list[str]) -> list[str]:
    if not headings:
        return []
    codes = []
    for heading in rng.sample(headings, k=min(len(headings), rng.randint(1, 2))):
        codes.append(heading + f"{rng.randint(10, 90):02d}" if rng.random() < 0.6 else heading)
    return codes


def _batched(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(model, columns: tuple[str, ...], rows: list[tuple], size: int = 1000) -> None:
    """Plain multi-row INSERTs of index rows (1.4 million at full size): what ``bulk_create``
    writes, without building a model instance per row."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for batch in _batched(rows, size):
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))}",
                [value for row in batch for value in row],
            )


def _sector(code: str) -> str:
    return code.split("/", 1)[0]


def _products(words: str) -> list[str]:
    return [p.strip() for p in words.split(",")] if "," in words else words.split()


def _same_text(opportunity: Opportunity) -> SimpleNamespace:
    """The opportunity's text without its description's ``#n`` marker (numbers say nothing to
    the vocabulary), so that the many repeated texts are read once each."""
    description = {
        lang: text.rsplit(" #", 1)[0] for lang, text in (opportunity.description or {}).items()
    }
    return SimpleNamespace(
        kind=opportunity.kind,
        title=opportunity.title,
        description=description,
        details=opportunity.details,
        hs_codes=opportunity.hs_codes,
        suggested_headings=getattr(opportunity, "suggested_headings", []),
    )


def _suggested(opportunity: Opportunity, seen: dict[str, list]) -> list[str]:
    """What ``Opportunity.save`` stores (bulk_create does not call it): the suggested headings."""
    text = _same_text(opportunity)
    memo = repr((text.title, text.description, text.details))
    if memo not in seen:
        seen[memo] = suggested_headings_of(text)
    return seen[memo]


def _content(opportunity: Opportunity, sector: str, seen: dict[str, list]) -> list:
    """The opportunity's content keys as the services index them (``content_keys``: HS codes or
    suggested headings, sector, the concepts its text names and their sectors)."""
    text = _same_text(opportunity)
    memo = repr((text.kind, text.title, text.description, text.details, text.hs_codes, sector))
    if memo not in seen:
        seen[memo] = content_keys(text, [sector])
    return seen[memo]


def _offers(country: str, exporter: str | None) -> bool | None:
    """Whether a background firm of ``country`` only offers (True), only seeks (False) or may do
    either (None) in a group; see ``exporters`` in the module's docstring."""
    if exporter is None or country not in ("PK", "RU"):
        return None
    return country != exporter


def _kind(kind, offers: bool | None):
    if offers is None or kind not in (Kind.EXPORT_OFFER, Kind.SOURCING_REQUEST):
        return kind
    return Kind.EXPORT_OFFER if offers else Kind.SOURCING_REQUEST


def _role(kind, role, offers: bool | None):
    if offers is None or kind in (Kind.EXPORT_OFFER, Kind.SOURCING_REQUEST):
        return role
    return Role.OFFER if offers else Role.SEEK


def generate(
    *,
    organisations: int = 10_000,
    opportunities: int = 100_000,
    seed: int = 1,
    log=print,
    sectors: list | None = None,
    exporters: dict[str, str] | None = None,
) -> Generated:
    rng = random.Random(seed)
    started = time.perf_counter()
    catalogue = sectors or SECTORS
    sector_objects = {}
    for position, (code, name, _headings, _words) in enumerate(catalogue):
        sector_objects[_sector(code)], _created = Sector.objects.get_or_create(
            code=_sector(code), defaults={"name": name, "position": position}
        )

    with transaction.atomic():
        orgs, org_meta = [], []
        for n in range(organisations):
            country = rng.choice(COUNTRIES)
            sector_code, _name, headings, _words = rng.choice(catalogue)
            name = (
                {"en": f"Bench Company {n}", "ru": f"Компания {n}"}
                if country == "RU"
                else {"en": f"Bench Company {n}"}
            )
            orgs.append(
                Organisation(
                    name=name,
                    name_key=f"bench company {n}",
                    slug=f"bench-{seed}-{n}",
                    country=country,
                    city=rng.choice(CITIES.get(country, ["—"])),
                    hs_codes=_codes(rng, headings),
                    validation=Organisation.Validation.APPROVED,
                    email=f"bench{n}@example.org",
                    search_text=normalise(" ".join(name.values())),
                )
            )
            org_meta.append((country, sector_code))
        Organisation.objects.bulk_create(orgs, batch_size=2000)
        log(f"  {len(orgs)} organisations")
        _insert(
            OrganisationFeature,
            ("organisation_id", "key", "dim"),
            [
                (organisation.pk, key, dim)
                for organisation in orgs
                for key, dim in profile_keys(hs_codes=organisation.hs_codes, sector_codes=[])
            ],
        )
        users = [
            User(
                username=f"bench-{seed}-{n}",
                email=f"bench-{seed}-{n}@example.org",
                password="!",
                spoken_languages=WORK_LANGUAGES.get(org_meta[n][0], ["en"]),
            )
            for n in range(organisations)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        Member.objects.bulk_create(
            [
                Member(organisation=o, user=u, role=Member.Role.ADMIN)
                for o, u in zip(orgs, users, strict=True)
            ],
            batch_size=2000,
        )

        kinds, weights = zip(*KIND_WEIGHTS, strict=True)
        now = timezone.now()
        sectors_by_code = {s[0]: s for s in catalogue}
        by_kind = {
            Kind.EDUCATION: [c for c, *_r in catalogue if c.startswith("education")],
            Kind.CULTURE: [c for c, *_r in catalogue if c.startswith("culture")],
        }
        opps, opp_meta = [], []
        suggestions: dict[str, list[str]] = {}  # the generated texts repeat: read each once
        for n in range(opportunities):
            index = rng.randrange(organisations)
            country, home_sector = org_meta[index]
            kind = rng.choices(kinds, weights)[0]
            sector_code = home_sector if rng.random() < 0.7 else rng.choice(catalogue)[0]
            if kind in by_kind:  # one group each in SECTORS (no draw: the same sequence)
                groups = by_kind[kind]
                sector_code = groups[0] if len(groups) == 1 else rng.choice(groups)
            _code, sector_name, headings, words = sectors_by_code[sector_code]
            offers = _offers(country, (exporters or {}).get(sector_code))
            kind = _kind(kind, offers)
            languages = ["ru"] if country == "RU" else rng.choice([["en"], ["en", "ur"], ["ur"]])
            if rng.random() < 0.3 and "en" not in languages:
                languages = ["en", *languages]
            product_words = {
                lang: " ".join(rng.sample(_products(words[lang]), k=2)) for lang in languages
            }
            title = {lang: f"{VERBS[kind][lang]} {product_words[lang]}" for lang in languages}
            description = {lang: f"{sector_name[lang]}: {words[lang]} #{n}" for lang in languages}
            hs_codes = (
                _codes(rng, headings)
                if kind in (Kind.EXPORT_OFFER, Kind.SOURCING_REQUEST) and headings
                else (_codes(rng, headings) if rng.random() < 0.3 else [])
            )
            if kind in (Kind.EXPORT_OFFER, Kind.SOURCING_REQUEST) and not hs_codes:
                hs_codes = ["4911"]
            role = {Kind.EXPORT_OFFER: Role.OFFER, Kind.SOURCING_REQUEST: Role.SEEK}.get(
                kind, rng.choice([Role.OFFER, Role.SEEK, Role.PARTNER])
            )
            role = _role(kind, role, offers)
            countries = [c for c in ("PK", "RU") if c != country] if rng.random() < 0.6 else []
            if exporters and country not in ("PK", "RU"):  # they look elsewhere
                countries = [rng.choice([c for c in COUNTRIES if c not in ("PK", "RU", country)])]
            work_languages = WORK_LANGUAGES.get(country, ["en"])
            status = (
                Opportunity.Status.PUBLISHED
                if rng.random() < 0.9
                else rng.choice([Opportunity.Status.DRAFT, Opportunity.Status.CLOSED])
            )
            text_all = " ".join([*title.values(), *description.values()])
            opps.append(
                Opportunity(
                    organisation=orgs[index],
                    kind=kind,
                    role=role,
                    languages=languages,
                    title=title,
                    description=description,
                    work_languages=work_languages,
                    hs_codes=hs_codes,
                    countries=countries,
                    details={"product": product_words[languages[0]]}
                    if kind in (Kind.EXPORT_OFFER, Kind.SOURCING_REQUEST)
                    else {},
                    status=status,
                    published_at=now - dt.timedelta(minutes=n)
                    if status != Opportunity.Status.DRAFT
                    else None,
                    is_listed=status == Opportunity.Status.PUBLISHED,
                    search_text=normalise(
                        " ".join(
                            [
                                text_all,
                                _sector(sector_code),
                                *sector_name.values(),
                                *hs_codes,
                                *orgs[index].name.values(),
                            ]
                        )
                    ),
                    terms=" ".join(terms(f"{product_words[languages[0]]} {text_all}")),
                )
            )
            opps[-1].suggested_headings = _suggested(opps[-1], suggestions)
            opp_meta.append(sector_code)
        for batch in _batched(opps, 5000):
            Opportunity.objects.bulk_create(batch)
        log(f"  {len(opps)} opportunities")
        through = Opportunity.sectors.through
        through.objects.bulk_create(
            [
                through(opportunity_id=o.pk, sector_id=sector_objects[_sector(code)].pk)
                for o, code in zip(opps, opp_meta, strict=True)
            ],
            batch_size=10000,
        )
        features = []
        contents: dict[str, list] = {}  # the generated texts repeat: read each one once
        for opportunity, sector_code in zip(opps, opp_meta, strict=True):
            if opportunity.status != Opportunity.Status.PUBLISHED:
                continue
            for key, dim in feature_keys(
                kind=opportunity.kind,
                role=opportunity.role,
                content=_content(opportunity, _sector(sector_code), contents),
                countries=opportunity.countries,
                work_languages=opportunity.work_languages,
                organisation_country=opportunity.organisation.country,
            ):
                features.append((opportunity.pk, key, dim))
        _insert(OpportunityFeature, ("opportunity_id", "key", "dim"), features)
        log(f"  {len(features)} feature rows")
    with connection.cursor() as cursor:  # what autovacuum would do on a live installation
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return Generated(len(orgs), len(opps), len(features), time.perf_counter() - started)
