"""Demo opportunities drawn from the corridor (CORRIDOR.md), in English, Russian and Urdu.

``load_demo_opportunities()`` runs after the demo organisations exist (``load_demo``): it looks
them up by slug, skips any that are missing, and creates or refreshes each opportunity (keyed by
organisation and English title). Deterministic and idempotent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from rabta.marketplace.indexing import reindex
from rabta.marketplace.models import Kind, Opportunity, Role
from rabta.marketplace.validation import clean_opportunity
from rabta.organisations.models import Organisation, Sector

DEADLINE = dt.date(2027, 6, 30)
PUBLISHED_AT = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)


def t(en: str, ru: str = "", ur: str = "") -> dict[str, str]:
    return {code: text for code, text in (("en", en), ("ru", ru), ("ur", ur)) if text}


@dataclass(frozen=True)
class Demo:
    organisation: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    role: str = Role.PARTNER
    sectors: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    work_languages: tuple[str, ...] = ("en",)
    details: dict[str, Any] = field(default_factory=dict)
    deadline: dt.date | None = DEADLINE


OPPORTUNITIES: list[Demo] = [
    Demo(
        "indus-surgical-works",
        Kind.EXPORT_OFFER,
        t(
            "Surgical and dental instruments from Sialkot",
            "Хирургические и стоматологические инструменты из Сиалкота",
            "سیالکوٹ سے جراحی اور دندان سازی کے آلات",
        ),
        t(
            "Stainless-steel scissors, forceps, needle holders and dental elevators, ISO 13485 and CE. "
            "We look for hospital distributors in Russia.",
            "Ножницы, пинцеты, иглодержатели и стоматологические элеваторы из нержавеющей стали, ISO 13485 и CE. "
            "Ищем дистрибьюторов для больниц в России.",
            "اسٹین لیس اسٹیل کی قینچیاں، فورسیپس، نیڈل ہولڈر اور دندان سازی کے ایلیویٹر، ISO 13485 اور CE۔ "
            "روس میں ہسپتالوں کے تقسیم کاروں کی تلاش ہے۔",
        ),
        sectors=("surgical-medical-instruments",),
        hs_codes=("901890", "901849"),
        countries=("RU", "KZ"),
        work_languages=("en", "ur"),
        details={
            "product": "surgical instruments",
            "capacity": "25,000 pieces a month",
            "certifications": ["ISO 13485", "CE"],
        },
    ),
    Demo(
        "chenab-medical-instruments",
        Kind.EXPORT_OFFER,
        t("Private-label general surgery instruments", ur="پرائیویٹ لیبل جنرل سرجری کے آلات"),
        t(
            "Forged forceps, scissors and retractors, finished to your specification and packed under your brand.",
            ur="آپ کی ضرورت کے مطابق تیار اور آپ کے برانڈ میں پیک شدہ فورسیپس، قینچیاں اور ریٹریکٹر۔",
        ),
        sectors=("surgical-medical-instruments",),
        hs_codes=("901890",),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"product": "forceps and scissors"},
    ),
    Demo(
        "sokolniki-medtorg",
        Kind.SOURCING_REQUEST,
        t(
            "Surgical instruments for Moscow hospitals",
            "Хирургические инструменты для больниц Москвы",
        ),
        t(
            "We buy general-surgery and dental instruments for a hospital network: regular orders, registration "
            "support in Russia.",
            "Закупаем инструменты общей хирургии и стоматологии для сети больниц: регулярные заказы, помощь с "
            "регистрацией в России.",
        ),
        sectors=("surgical-medical-instruments",),
        hs_codes=("9018",),
        countries=("PK",),
        work_languages=("ru", "en"),
        details={
            "product": "surgical instruments",
            "volume": "40,000 pieces a year",
            "price_min": 2,
            "price_max": 15,
            "currency": "USD",
            "incoterms": ["CIP", "DAP"],
        },
    ),
    Demo(
        "tom-medtech",
        Kind.SOURCING_REQUEST,
        t("Dental forceps and elevators", "Стоматологические щипцы и элеваторы"),
        t(
            "A Tomsk distributor of dental equipment looks for a steady supplier of extraction instruments.",
            "Томский дистрибьютор стоматологического оборудования ищет постоянного поставщика инструментов "
            "для удаления зубов.",
        ),
        sectors=("surgical-medical-instruments",),
        hs_codes=("901849",),
        countries=("PK",),
        work_languages=("ru",),
        details={"product": "dental instruments", "incoterms": ["FCA"]},
    ),
    Demo(
        "sialkot-match-balls",
        Kind.EXPORT_OFFER,
        t(
            "Match footballs, hand-stitched and thermo-bonded",
            ur="ہاتھ سے سلے اور تھرمو بانڈڈ میچ فٹ بال",
        ),
        t(
            "Footballs for clubs, leagues and retail brands, 40,000 a month, your design and logo.",
            ur="کلبوں، لیگوں اور ریٹیل برانڈز کے لیے فٹ بال، ماہانہ 40,000، آپ کا ڈیزائن اور لوگو۔",
        ),
        sectors=("sports-goods",),
        hs_codes=("950662",),
        countries=("RU",),
        work_languages=("ur", "en"),
        details={"product": "footballs", "capacity": "40,000 balls a month"},
    ),
    Demo(
        "arbat-sport-distribution",
        Kind.SOURCING_REQUEST,
        t(
            "Footballs and goalkeeper gloves for the 2027 season",
            "Мячи и вратарские перчатки к сезону 2027",
        ),
        t(
            "A sports retailer with 120 shops sources footballs and gloves under its own brand.",
            "Спортивная сеть из 120 магазинов закупает мячи и перчатки под собственной маркой.",
        ),
        sectors=("sports-goods",),
        hs_codes=("9506", "4203"),
        countries=("PK",),
        work_languages=("ru", "en"),
        details={
            "product": "footballs and gloves",
            "volume": "60,000 balls",
            "currency": "USD",
            "incoterms": ["FOB", "CIF"],
        },
    ),
    Demo(
        "don-textile-import",
        Kind.SOURCING_REQUEST,
        t("Cotton knitwear and workwear", "Хлопковый трикотаж и спецодежда"),
        t(
            "We source T-shirts, trousers and cotton fabric for Rostov wholesale markets.",
            "Закупаем футболки, брюки и хлопковую ткань для оптовых рынков Ростова.",
        ),
        sectors=("textiles-apparel",),
        hs_codes=("6109", "6203", "5208"),
        countries=("PK",),
        work_languages=("ru",),
        details={"product": "cotton garments", "incoterms": ["DAP"]},
    ),
    Demo(
        "faisalabad-home-textiles",
        Kind.EXPORT_OFFER,
        t(
            "Bed linen and towels from Faisalabad",
            "Постельное бельё и полотенца из Фейсалабада",
            "فیصل آباد سے بستر کی چادریں اور تولیے",
        ),
        t(
            "Cotton bed linen, towels and kitchen textiles, OEKO-TEX certified.",
            "Хлопковое постельное бельё, полотенца и кухонный текстиль, сертификат OEKO-TEX.",
            "سوتی بستر کی چادریں، تولیے اور کچن ٹیکسٹائل، OEKO-TEX سے تصدیق شدہ۔",
        ),
        sectors=("textiles-apparel",),
        hs_codes=("6302",),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"product": "home textiles", "certifications": ["OEKO-TEX"]},
    ),
    Demo(
        "iset-energomash",
        Kind.JOINT_VENTURE,
        t(
            "Investment in power equipment assembly in Pakistan",
            "Инвестиции в сборку энергооборудования в Пакистане",
        ),
        t(
            "We invest in a joint venture assembling transformers and switchgear, and bring the technology and "
            "training.",
            "Инвестируем в совместное предприятие по сборке трансформаторов и распределительных устройств, "
            "передаём технологию и обучаем персонал.",
        ),
        role=Role.OFFER,
        sectors=("energy",),
        countries=("PK",),
        work_languages=("ru", "en"),
        details={
            "size": "USD 5–10 million",
            "we_bring": "technology, equipment, training",
            "partner_brings": "site, local market, licences",
        },
    ),
    Demo(
        "margalla-pharmaceuticals",
        Kind.JOINT_VENTURE,
        t("Partner for a generic medicines plant", ur="جنرک ادویات کے پلانٹ کے لیے شراکت دار"),
        t(
            "We seek an investor for a new line of generic medicines for export to Central Asia and Russia.",
            ur="وسطی ایشیا اور روس کو برآمد کے لیے جنرک ادویات کی نئی لائن کے لیے سرمایہ کار کی تلاش ہے۔",
        ),
        role=Role.SEEK,
        sectors=("pharmaceuticals",),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"size": "USD 3 million", "we_bring": "plant, DRAP licences, staff"},
    ),
    Demo(
        "kamapharm",
        Kind.TECHNOLOGY,
        t(
            "Technology transfer for sterile injectables",
            "Передача технологии стерильных инъекционных форм",
        ),
        t(
            "We license our process for sterile injectables and train the partner's staff.",
            "Лицензируем технологию производства стерильных инъекционных препаратов и обучаем персонал партнёра.",
        ),
        role=Role.OFFER,
        sectors=("pharmaceuticals",),
        countries=("PK",),
        work_languages=("ru",),
        details={"technology": "sterile injectables", "stage": "industrial"},
    ),
    Demo(
        "gujranwala-pumps-motors",
        Kind.EXPORT_OFFER,
        t("Centrifugal pumps and electric motors", ur="سینٹری فیوگل پمپ اور الیکٹرک موٹریں"),
        t(
            "Agricultural and industrial pumps, 0.5 to 75 kW, with spare parts service.",
            ur="زرعی اور صنعتی پمپ، 0.5 سے 75 کلوواٹ، اسپیئر پارٹس کی سہولت کے ساتھ۔",
        ),
        sectors=("engineering-goods",),
        hs_codes=("8413",),
        countries=("RU", "UZ"),
        work_languages=("en", "ur"),
        details={"product": "pumps"},
    ),
    Demo(
        "zelenodolsk-pump-works",
        Kind.SOURCING_REQUEST,
        t("Pump castings and components", "Литьё и комплектующие для насосов"),
        t(
            "We look for a supplier of pump housings and impellers to our drawings.",
            "Ищем поставщика корпусов и рабочих колёс насосов по нашим чертежам.",
        ),
        sectors=("engineering-goods",),
        hs_codes=("8413",),
        countries=("PK",),
        work_languages=("ru", "en"),
        details={"product": "pump components", "incoterms": ["FCA", "CPT"]},
    ),
    Demo(
        "sargodha-kinnow-growers",
        Kind.EXPORT_OFFER,
        t(
            "Kinnow mandarins, December to March",
            "Мандарины киннов, с декабря по март",
            "کینو، دسمبر سے مارچ",
        ),
        t(
            "Graded, waxed and packed kinnow from Sargodha, reefer containers.",
            "Калиброванные, вощёные и упакованные киннов из Саргодхи, рефрижераторные контейнеры.",
            "سرگودھا سے درجہ بند، ویکس شدہ اور پیک کیے گئے کینو، ریفر کنٹینرز میں۔",
        ),
        sectors=("agriculture-food",),
        hs_codes=("080521",),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"product": "kinnow mandarins", "capacity": "300 containers a season"},
    ),
    Demo(
        "okhta-citrus-import",
        Kind.SOURCING_REQUEST,
        t("Citrus for St Petersburg", "Цитрусовые для Санкт-Петербурга"),
        t(
            "An importer of fresh fruit looks for kinnow and oranges for the winter season.",
            "Импортёр свежих фруктов ищет киннов и апельсины на зимний сезон.",
        ),
        sectors=("agriculture-food",),
        hs_codes=("0805",),
        countries=("PK",),
        work_languages=("ru",),
        details={"product": "citrus", "incoterms": ["CFR"]},
    ),
    Demo(
        "university-of-the-punjab",
        Kind.EDUCATION,
        t(
            "Russian-language course for entrepreneurs",
            "Курс русского языка для предпринимателей",
            "کاروباری افراد کے لیے روسی زبان کا کورس",
        ),
        t(
            "Our running Russian programme opens an evening course on Russian markets, regulations and business "
            "culture. We invite Russian universities to send teachers.",
            "Наша программа русского языка открывает вечерний курс о российских рынках, правилах и деловой "
            "культуре. Приглашаем российские вузы направить преподавателей.",
            "ہمارا جاری روسی پروگرام روسی منڈیوں، ضوابط اور کاروباری ثقافت پر شام کا کورس شروع کر رہا ہے۔ "
            "ہم روسی جامعات کو اساتذہ بھیجنے کی دعوت دیتے ہیں۔",
        ),
        role=Role.OFFER,
        sectors=("education",),
        countries=("RU",),
        work_languages=("en", "ur", "ru"),
        details={"format": "language_course", "programme": "Russian for business, 120 hours"},
    ),
    Demo(
        "university-of-okara",
        Kind.EDUCATION,
        t(
            "Partner university for a Russian-language programme",
            "Вуз-партнёр для программы русского языка",
        ),
        t(
            "With the embassy's support we are starting Russian-language teaching and look for a partner "
            "university for teachers, textbooks and student exchange.",
            "При поддержке посольства начинаем преподавание русского языка и ищем вуз-партнёр: преподаватели, "
            "учебники, обмен студентами.",
        ),
        role=Role.SEEK,
        sectors=("education",),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"format": "language_course"},
    ),
    Demo(
        "gcu-faisalabad",
        Kind.EDUCATION,
        t("Joint programme in textile engineering", ur="ٹیکسٹائل انجینئرنگ میں مشترکہ پروگرام"),
        t(
            "We propose a joint master's programme with a Russian technical university, with Russian lessons "
            "for the students.",
            ur="ہم ایک روسی تکنیکی یونیورسٹی کے ساتھ مشترکہ ماسٹرز پروگرام کی تجویز دیتے ہیں، طلبہ کے لیے روسی "
            "زبان کے اسباق کے ساتھ۔",
        ),
        sectors=("education", "textiles-apparel"),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"format": "joint_programme"},
    ),
    Demo(
        "university-of-peshawar",
        Kind.EDUCATION,
        t(
            "Student and teacher exchange with Russian universities",
            "Обмен студентами и преподавателями с вузами России",
        ),
        t(
            "An exchange of students and teachers of Russian, starting with a summer school.",
            "Обмен студентами и преподавателями русского языка, начиная с летней школы.",
        ),
        sectors=("education",),
        countries=("RU",),
        work_languages=("en", "ru"),
        details={"format": "exchange"},
    ),
    Demo(
        "slovo-translation-agency",
        Kind.CULTURE,
        t(
            "Russian literature in Urdu: translators and publishers wanted",
            "Русская литература на урду: ищем переводчиков и издателей",
            "اردو میں روسی ادب: مترجمین اور ناشرین کی تلاش",
        ),
        t(
            "Classical and contemporary Russian prose translated into Urdu: Tolstoy, Chekhov and living authors. "
            "We look for literary translators and a publisher in Lahore or Karachi.",
            "Классическая и современная русская проза в переводе на урду: Толстой, Чехов и современные авторы. "
            "Ищем литературных переводчиков и издателя в Лахоре или Карачи.",
            "کلاسیکی اور جدید روسی نثر کا اردو ترجمہ: ٹالسٹائی، چیخوف اور عصرِ حاضر کے مصنفین۔ "
            "ادبی مترجمین اور لاہور یا کراچی میں ناشر کی تلاش ہے۔",
        ),
        role=Role.SEEK,
        sectors=("culture-translation",),
        countries=("PK",),
        work_languages=("ru", "en", "ur"),
        details={
            "project": "Russian prose in Urdu",
            "source_language": "ru",
            "target_language": "ur",
        },
    ),
    Demo(
        "scci",
        Kind.EXPORT_OFFER,
        t(
            "Sialkot exporters at INNOPROM, Yekaterinburg",
            "Экспортёры Сиалкота на ИННОПРОМ, Екатеринбург",
            "انوپروم، یکاترینبرگ میں سیالکوٹ کے برآمد کنندگان",
        ),
        t(
            "The chamber brings surgical instruments, sports goods and leather makers to a joint stand at "
            "INNOPROM; book a meeting with them.",
            "Палата привозит производителей хирургических инструментов, спортивных товаров и кожаных изделий на "
            "общий стенд ИННОПРОМ; запишитесь на встречу.",
            "چیمبر جراحی آلات، کھیلوں کے سامان اور چمڑے کے صنعت کاروں کو انوپروم کے مشترکہ اسٹینڈ پر لا رہا ہے؛ "
            "ان سے ملاقات طے کریں۔",
        ),
        sectors=("surgical-medical-instruments", "sports-goods", "leather-goods"),
        hs_codes=("9018", "9506", "4203"),
        countries=("RU",),
        work_languages=("en", "ur"),
        details={"product": "Sialkot export clusters"},
    ),
]


def _data(demo: Demo, known_sectors: set[str]) -> dict[str, Any]:
    return {
        "kind": demo.kind,
        "role": demo.role,
        "languages": [code for code in ("en", "ru", "ur") if code in demo.title],
        "title": demo.title,
        "description": demo.description,
        "work_languages": list(demo.work_languages),
        "sector_codes": [code for code in demo.sectors if code in known_sectors],
        "hs_codes": list(demo.hs_codes),
        "countries": list(demo.countries),
        "deadline": demo.deadline
        if demo.deadline and demo.deadline >= timezone.localdate()
        else None,
        "details": demo.details,
    }


@transaction.atomic
def load_demo_opportunities(stdout=None) -> int:
    """Create or refresh the demo opportunities; returns how many were written."""
    organisations = Organisation.objects.in_bulk(
        {demo.organisation for demo in OPPORTUNITIES}, field_name="slug"
    )
    known_sectors = set(Sector.objects.values_list("code", flat=True))
    written = 0
    for demo in OPPORTUNITIES:
        organisation = organisations.get(demo.organisation)
        if organisation is None:
            continue
        cleaned = clean_opportunity(_data(demo, known_sectors))
        opportunity = Opportunity.objects.filter(
            organisation=organisation, title__en=demo.title["en"]
        ).first()
        opportunity = opportunity or Opportunity(organisation=organisation)
        for name in ("kind", "role", "languages", "title", "description", "work_languages", "hs_codes",
                     "countries", "deadline", "details"):  # fmt: skip
            setattr(opportunity, name, cleaned[name])
        opportunity.status = Opportunity.Status.PUBLISHED
        opportunity.is_hidden = False
        opportunity.published_at = PUBLISHED_AT
        opportunity.save()
        opportunity.sectors.set(Sector.objects.filter(code__in=cleaned["sector_codes"]))
        reindex(opportunity)
        written += 1
    if stdout is not None:
        stdout.write(f"Demo opportunities: {written} published.")
    return written
