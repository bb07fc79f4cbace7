"""The demo's trade statistics and market guides.

The statistics are **illustrative**: invented figures shaped like rabta's import format
(``demo_statistics.csv``, source "Illustrative figures (rabta demo, not official)"), so every
chart and table says so; they are read with the import's own row checks. The two guides are
examples (``is_example``), marked as such on every page. Deterministic and idempotent.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from rabta.trade.models import GuideSection, MarketGuide, TradeFigure, TradeTotal
from rabta.trade.rows import DEMO_SOURCE, parse_rabta
from rabta.trade.statistics import figures_write, totals_rebuild

STATISTICS = Path(__file__).with_name("demo_statistics.csv")


def load_demo_statistics() -> int:
    TradeFigure.objects.filter(source=DEMO_SOURCE).delete()
    TradeTotal.objects.filter(source=DEMO_SOURCE).delete()
    figures = []
    with STATISTICS.open(encoding="utf-8", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), start=2):
            figure, problems = parse_rabta(row)
            if figure is None:
                raise ValueError(f"demo_statistics.csv line {line}: {problems}")
            figures.append(figure)
    figures_write(figures, [])
    totals_rebuild({(f.source, f.reporter, f.partner) for f in figures})
    return len(figures)


GUIDES = [
    {
        "slug": "example-surgical-instruments-to-russia",
        "title": {
            "en": "Example: exporting surgical instruments to Russia",
            "ru": "Пример: экспорт хирургических инструментов в Россию",
            "ur": "مثال: روس کو جراحی کے آلات کی برآمد",
        },
        "summary": {
            "en": "An example guide for Sialkot manufacturers of surgical instruments (HS 9018) "
            "selling to Russian distributors and hospitals. Written for the demo: check every "
            "step with the authorities before relying on it.",
            "ru": "Пример руководства для производителей хирургических инструментов из Сиалкота "
            "(ТН ВЭД 9018), работающих с российскими дистрибьюторами и больницами. Написано для "
            "демонстрации: сверяйте каждый шаг с государственными органами.",
            "ur": "سیالکوٹ کے جراحی آلات (HS 9018) بنانے والوں کے لیے ایک مثالی رہنما جو روسی "
            "تقسیم کاروں اور ہسپتالوں کو فروخت کرتے ہیں۔ ڈیمو کے لیے لکھا گیا: ہر قدم حکام سے "
            "تصدیق کریں۔",
        },
        "market": "RU",
        "origin": "PK",
        "hs_chapters": ["90"],
        "reviewed_days_ago": 40,
        "sources": {
            "en": "Eurasian Economic Union rules for the registration of medical devices\n"
            "Federal Service for Surveillance in Healthcare (Roszdravnadzor)\n"
            "Federal Customs Service of Russia",
            "ru": "Правила регистрации медицинских изделий в рамках ЕАЭС\n"
            "Федеральная служба по надзору в сфере здравоохранения (Росздравнадзор)\n"
            "Федеральная таможенная служба России",
        },
        "sections": {
            "certification": {
                "en": "Medical devices sold in Russia must be registered before they are placed "
                "on the market; most instruments also need a declaration of conformity. Plan for "
                "the registration dossier (technical file, test reports, instructions in "
                "Russian) well before the first shipment.",
                "ru": "Медицинские изделия, продаваемые в России, регистрируются до выпуска в "
                "обращение; для большинства инструментов нужна и декларация соответствия. "
                "Готовьте регистрационное досье (техническая документация, протоколы испытаний, "
                "инструкция на русском языке) задолго до первой поставки.",
                "ur": "روس میں فروخت ہونے والے طبی آلات کو منڈی میں لانے سے پہلے رجسٹر کرانا "
                "ضروری ہے؛ زیادہ تر آلات کے لیے مطابقت کا اعلان بھی درکار ہے۔ پہلی کھیپ سے کافی "
                "پہلے رجسٹریشن کی فائل (تکنیکی دستاویزات، ٹیسٹ رپورٹیں، روسی زبان میں ہدایات) تیار کریں۔",
            },
            "customs": {
                "en": "The importer of record files the customs declaration; send a commercial "
                "invoice, packing list, certificate of origin and the registration certificate "
                "with every shipment.",
                "ru": "Таможенную декларацию подаёт импортёр; к каждой поставке приложите "
                "коммерческий инвойс, упаковочный лист, сертификат происхождения и "
                "регистрационное удостоверение.",
            },
            "logistics": {
                "en": "Sea freight from Karachi to St Petersburg or Novorossiysk, or the "
                "International North–South Transport Corridor through Iran; air freight for "
                "urgent orders.",
                "ru": "Морем из Карачи в Санкт-Петербург или Новороссийск либо по "
                "международному транспортному коридору «Север — Юг» через Иран; срочные "
                "заказы — авиа.",
            },
            "fairs": {
                "en": "Zdravookhraneniye (Healthcare), the annual medical trade fair in Moscow.",
                "ru": "«Здравоохранение» — ежегодная медицинская выставка в Москве.",
            },
        },
    },
    {
        "slug": "example-russian-machinery-into-pakistan",
        "title": {
            "en": "Example: bringing Russian machinery into Pakistan",
            "ru": "Пример: поставка российской техники в Пакистан",
        },
        "summary": {
            "en": "An example guide for Russian makers of construction and processing machinery "
            "(HS 84) selling to Pakistani buyers. Written for the demo and last reviewed more "
            "than a year ago, so it is marked for review.",
            "ru": "Пример руководства для российских производителей строительной и "
            "перерабатывающей техники (ТН ВЭД 84), продающих пакистанским покупателям. Написано "
            "для демонстрации; последняя проверка была больше года назад, поэтому оно помечено "
            "для проверки.",
        },
        "market": "PK",
        "origin": "RU",
        "hs_chapters": ["84"],
        "reviewed_days_ago": 430,
        "sources": {"en": "Pakistan Customs (Federal Board of Revenue)\nState Bank of Pakistan"},
        "sections": {
            "customs": {
                "en": "Imports are declared by the Pakistani buyer through the customs system; "
                "send a commercial invoice, packing list, bill of lading and certificate of "
                "origin.",
                "ru": "Ввоз декларирует пакистанский покупатель в таможенной системе; "
                "приложите инвойс, упаковочный лист, коносамент и сертификат происхождения.",
            },
            "payments": {
                "en": "Agree the payment terms and the bank route early: letters of credit "
                "through banks with correspondent relations, or settlement in national "
                "currencies where available.",
                "ru": "Заранее согласуйте условия оплаты и банковский маршрут: аккредитивы через "
                "банки с корреспондентскими отношениями или расчёты в национальных валютах, "
                "где это возможно.",
            },
            "logistics": {
                "en": "Sea freight to Karachi or Port Qasim; heavy machinery needs a "
                "roll-on/roll-off or break-bulk booking.",
                "ru": "Морем в Карачи или Порт-Касим; для тяжёлой техники нужен ро-ро или "
                "генеральный груз.",
            },
        },
    },
]


def load_demo_guides(owner) -> int:
    today = dt.date.today()
    for data in GUIDES:
        guide, _created = MarketGuide.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "market": data["market"],
                "origin": data["origin"],
                "hs_chapters": data["hs_chapters"],
                "sources": data["sources"],
                "status": MarketGuide.Status.PUBLISHED,
                "is_example": True,
                "owner": owner,
                "last_reviewed": today - dt.timedelta(days=data["reviewed_days_ago"]),
            },
        )
        guide.sections.all().delete()
        GuideSection.objects.bulk_create(
            GuideSection(guide=guide, kind=kind, body=body, position=position)
            for position, (kind, body) in enumerate(data["sections"].items())
        )
    return len(GUIDES)
