"""The demo's initiatives: the proposals named in CORRIDOR.md, with owners and milestones.

``load_demo_initiatives()`` runs at the end of ``load_demo`` (after organisations, the event and
the opportunities exist): owners, events and opportunities are looked up by slug / English title
and skipped when missing. Deterministic and idempotent (keyed by slug; milestones rebuilt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from rabta.events.models import Event
from rabta.initiatives.models import Initiative, Milestone
from rabta.marketplace.models import Opportunity
from rabta.organisations.models import Organisation

ROUNDTABLE = "Roundtable “Russia–Pakistan: Overview of the Modern Stage of Bilateral Relations”"
COMMISSION = (
    "10th Session of the Pakistan–Russia Intergovernmental Commission, Islamabad, November 2025"
)


@dataclass(frozen=True)
class Demo:
    slug: str
    title: dict[str, str]
    description: dict[str, str]
    status: str
    proposed_at: str
    owners: tuple[str, ...]
    milestones: tuple[tuple[dt.date, dict[str, str], dt.date | None], ...] = ()
    events: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()  # English titles


INITIATIVES = (
    Demo(
        "direct-flights",
        {
            "en": "Resumption of direct flights between Pakistan and Russia",
            "ru": "Возобновление прямого авиасообщения между Пакистаном и Россией",
            "ur": "پاکستان اور روس کے درمیان براہ راست پروازوں کی بحالی",
        },
        {
            "en": "Proposed at the roundtable: direct flights would cut travel time for traders, students and "
            "delegations, who now fly through third countries.",
            "ru": "Предложено на круглом столе: прямые рейсы сократят время в пути для предпринимателей, "
            "студентов и делегаций, которые сейчас летают через третьи страны.",
            "ur": "گول میز کانفرنس میں تجویز: براہ راست پروازیں تاجروں، طلبہ اور وفود کے سفر کا وقت کم کریں گی "
            "جو اب تیسرے ممالک کے راستے سفر کرتے ہیں۔",
        },
        Initiative.Status.PROPOSED,
        ROUNDTABLE,
        ("russian-embassy-islamabad", "regional-rapport"),
        (
            (
                dt.date(2026, 3, 31),
                {
                    "en": "Proposal sent to both civil aviation authorities",
                    "ru": "Предложение направлено авиационным властям обеих стран",
                },
                None,
            ),
        ),
    ),
    Demo(
        "joint-university-programmes",
        {
            "en": "Joint educational programmes between Russian and Pakistani universities",
            "ru": "Совместные образовательные программы российских и пакистанских вузов",
            "ur": "روسی اور پاکستانی جامعات کے مشترکہ تعلیمی پروگرام",
        },
        {
            "en": "Joint degree programmes and exchanges of students and teachers, starting with textile "
            "engineering and a summer school.",
            "ru": "Совместные программы и обмен студентами и преподавателями, начиная с текстильной "
            "инженерии и летней школы.",
            "ur": "مشترکہ ڈگری پروگرام اور طلبہ و اساتذہ کا تبادلہ، ٹیکسٹائل انجینئرنگ اور سمر اسکول سے آغاز۔",
        },
        Initiative.Status.AGREED,
        ROUNDTABLE,
        ("capes", "gcu-faisalabad", "university-of-peshawar"),
        (
            (
                dt.date(2026, 2, 15),
                {"en": "Universities named their contact persons"},
                dt.date(2026, 2, 10),
            ),
            (dt.date(2026, 6, 30), {"en": "First joint programme agreement signed"}, None),
        ),
        opportunities=(
            "Joint programme in textile engineering",
            "Student and teacher exchange with Russian universities",
        ),
    ),
    Demo(
        "russian-language-programmes",
        {
            "en": "Russian-language programmes for entrepreneurs",
            "ru": "Программы русского языка для предпринимателей",
            "ur": "کاروباری افراد کے لیے روسی زبان کے پروگرام",
        },
        {
            "en": "Russian courses so that entrepreneurs understand Russian markets, regulations and business "
            "culture: Punjab University runs one; Okara, Faisalabad and Peshawar work with the embassy; "
            "Sialkot's universities are invited.",
            "ru": "Курсы русского языка, чтобы предприниматели понимали российский рынок, регулирование и "
            "деловую культуру: Пенджабский университет уже ведёт курс; Окара, Фейсалабад и Пешавар работают "
            "с посольством; университеты Сиалкота приглашены.",
            "ur": "روسی زبان کے کورس تاکہ کاروباری افراد روسی منڈیوں، ضوابط اور کاروباری ثقافت کو سمجھ سکیں: "
            "پنجاب یونیورسٹی کا کورس جاری ہے؛ اوکاڑہ، فیصل آباد اور پشاور سفارت خانے کے ساتھ کام کر رہے ہیں۔",
        },
        Initiative.Status.IN_PROGRESS,
        ROUNDTABLE,
        ("university-of-the-punjab", "university-of-okara", "russian-embassy-islamabad"),
        (
            (
                dt.date(2025, 9, 1),
                {"en": "Punjab University's programme running"},
                dt.date(2025, 9, 1),
            ),
            (dt.date(2026, 9, 1), {"en": "Courses open in Okara, Faisalabad and Peshawar"}, None),
            (dt.date(2027, 2, 1), {"en": "Sialkot universities join"}, None),
        ),
        events=("russian-delegation-sialkot-2027",),
        opportunities=(
            "Russian-language course for entrepreneurs",
            "Partner university for a Russian-language programme",
        ),
    ),
    Demo(
        "russian-literature-in-urdu",
        {
            "en": "Translation of Russian classical and contemporary literature into Urdu",
            "ru": "Перевод русской классической и современной литературы на урду",
            "ur": "روسی کلاسیکی اور جدید ادب کا اردو میں ترجمہ",
        },
        {
            "en": "A series of Russian prose in Urdu, from Tolstoy and Chekhov to living authors, with "
            "literary translators and a publisher in Lahore or Karachi.",
            "ru": "Серия русской прозы на урду, от Толстого и Чехова до современных авторов, с литературными "
            "переводчиками и издателем в Лахоре или Карачи.",
            "ur": "اردو میں روسی نثر کا سلسلہ، ٹالسٹائی اور چیخوف سے لے کر موجودہ ادیبوں تک۔",
        },
        Initiative.Status.PROPOSED,
        ROUNDTABLE,
        ("capes",),
        ((dt.date(2026, 5, 31), {"en": "First three titles chosen"}, None),),
        opportunities=("Russian literature in Urdu: translators and publishers wanted",),
    ),
    Demo(
        "igc-10th-session-mous",
        {
            "en": "MoUs of the 10th session of the Intergovernmental Commission",
            "ru": "Меморандумы 10-й сессии Межправительственной комиссии",
            "ur": "بین الحکومتی کمیشن کے دسویں اجلاس کی مفاہمتی یادداشتیں",
        },
        {
            "en": "Agreements and memoranda of understanding signed at the 10th session of the Pakistan–Russia "
            "Intergovernmental Commission on Trade, Economic, Scientific and Technical Cooperation.",
            "ru": "Соглашения и меморандумы, подписанные на 10-й сессии Российско-Пакистанской "
            "межправительственной комиссии по торгово-экономическому и научно-техническому сотрудничеству.",
            "ur": "تجارتی، اقتصادی، سائنسی و تکنیکی تعاون پر پاکستان روس بین الحکومتی کمیشن کے دسویں اجلاس میں "
            "دستخط شدہ معاہدے اور مفاہمتی یادداشتیں۔",
        },
        Initiative.Status.IN_PROGRESS,
        COMMISSION,
        ("russian-trade-representation", "russian-embassy-islamabad"),
        (
            (dt.date(2025, 11, 30), {"en": "Agreements and MoUs signed"}, dt.date(2025, 11, 30)),
            (dt.date(2026, 7, 6), {"en": "Pakistani companies at INNOPROM, Yekaterinburg"}, None),
            (dt.date(2026, 11, 30), {"en": "Progress report for the next session"}, None),
        ),
        events=("russian-delegation-sialkot-2027",),
    ),
)


def load_demo_initiatives(stdout=None) -> int:
    """Create or refresh the demo initiatives; returns how many there are."""
    with transaction.atomic():
        for demo in INITIATIVES:
            initiative, _created = Initiative.objects.update_or_create(
                slug=demo.slug,
                defaults={
                    "title": demo.title,
                    "description": demo.description,
                    "status": demo.status,
                    "proposed_at": demo.proposed_at,
                    "is_public": True,
                },
            )
            initiative.owners.set(Organisation.objects.filter(slug__in=demo.owners))
            initiative.events.set(Event.objects.filter(slug__in=demo.events))
            initiative.opportunities.set(
                Opportunity.objects.filter(title__en__in=list(demo.opportunities))
                if demo.opportunities
                else []
            )
            initiative.milestones.all().delete()
            Milestone.objects.bulk_create(
                Milestone(initiative=initiative, due_on=due, title=title, done_on=done)
                for due, title, done in demo.milestones
            )
    if stdout is not None:
        stdout.write(f"Initiatives: {len(INITIATIVES)} tracked proposals.")
    return len(INITIATIVES)
