"""Seed the fixed sector taxonomy (names in English, Russian and Urdu)."""

from django.db import migrations

SECTORS = [
    ("energy", "Energy", "Энергетика", "توانائی"),
    ("agriculture-food", "Agriculture and food", "Сельское хозяйство и продукты питания", "زراعت اور خوراک"),
    ("pharmaceuticals", "Pharmaceuticals", "Фармацевтика", "دوا سازی"),
    ("engineering-goods", "Engineering goods", "Машиностроительная продукция", "انجینئرنگ مصنوعات"),
    ("information-technology", "Information technology", "Информационные технологии", "انفارمیشن ٹیکنالوجی"),
    ("surgical-medical-instruments", "Surgical and medical instruments", "Хирургические и медицинские инструменты", "جراحی اور طبی آلات"),
    ("sports-goods", "Sports goods", "Спортивные товары", "کھیلوں کا سامان"),
    ("leather-goods", "Leather and leather goods", "Кожа и кожаные изделия", "چمڑا اور چمڑے کی مصنوعات"),
    ("textiles-apparel", "Textiles and apparel", "Текстиль и одежда", "ٹیکسٹائل اور ملبوسات"),
    ("cutlery", "Cutlery", "Ножевые изделия и столовые приборы", "چھری کانٹے اور کٹلری"),
    ("education", "Education", "Образование", "تعلیم"),
    ("culture-translation", "Culture and translation", "Культура и перевод", "ثقافت اور ترجمہ"),
    ("logistics-transport", "Logistics and transport", "Логистика и транспорт", "لاجسٹکس اور نقل و حمل"),
    ("tourism", "Tourism", "Туризм", "سیاحت"),
    ("construction", "Construction", "Строительство", "تعمیرات"),
    ("chemicals", "Chemicals", "Химическая промышленность", "کیمیکلز"),
    ("finance-investment", "Finance and investment", "Финансы и инвестиции", "مالیات اور سرمایہ کاری"),
    ("musical-instruments", "Musical instruments", "Музыкальные инструменты", "آلاتِ موسیقی"),
]  # fmt: skip


def seed(apps, schema_editor):
    Sector = apps.get_model("organisations", "Sector")
    for position, (code, en, ru, ur) in enumerate(SECTORS, start=1):
        Sector.objects.update_or_create(
            code=code, defaults={"name": {"en": en, "ru": ru, "ur": ur}, "position": position * 10}
        )


def unseed(apps, schema_editor):
    Sector = apps.get_model("organisations", "Sector")
    Sector.objects.filter(code__in=[row[0] for row in SECTORS], organisations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
