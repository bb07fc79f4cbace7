"""The demo's content: the Pakistan ↔ Russia corridor of /work/shared/CORRIDOR.md.

The chambers, embassy, think tanks, universities and their office-holders are the public ones of
the corridor; every company is invented (names that sound real but belong to no real firm) and
its website is on the reserved ``.example`` domain. Texts are given in English, Russian and Urdu.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def t(en: str, ru: str, ur: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "ur": ur}


DEMO_PASSWORD = "rabta-demo"


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    position: dict[str, str]
    spoken_languages: tuple[str, ...]
    language: str = "en"
    role: str = "representative"  # or "admin" (the organisation's administrator)
    is_organiser: bool = False
    is_validator: bool = False
    is_interpreter: bool = False


@dataclass(frozen=True)
class Org:
    slug: str
    kind: str
    country: str
    city: str
    name: dict[str, str]
    description: dict[str, str]
    sectors: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    validation: str = "approved"
    rejection_reason: str = ""
    people: tuple[Person, ...] = field(default=())


# Sectors the demo uses; created only when the seeded taxonomy lacks them.
SECTORS = {
    "energy": t("Energy", "Энергетика", "توانائی"),
    "agriculture-food": t(
        "Agriculture and food", "Сельское хозяйство и продукты питания", "زراعت اور خوراک"
    ),
    "pharmaceuticals": t("Pharmaceuticals", "Фармацевтика", "دوا سازی"),
    "engineering-goods": t(
        "Engineering goods", "Машиностроительная продукция", "انجینئرنگ مصنوعات"
    ),
    "information-technology": t(
        "Information technology", "Информационные технологии", "انفارمیشن ٹیکنالوجی"
    ),
    "surgical-medical-instruments": t(
        "Surgical and medical instruments",
        "Хирургические и медицинские инструменты",
        "جراحی اور طبی آلات",
    ),
    "sports-goods": t("Sports goods", "Спортивные товары", "کھیلوں کا سامان"),
    "leather-goods": t(
        "Leather and leather goods", "Кожа и кожаные изделия", "چمڑا اور چمڑے کی مصنوعات"
    ),
    "textiles-apparel": t("Textiles and apparel", "Текстиль и одежда", "ٹیکسٹائل اور ملبوسات"),
    "cutlery": t("Cutlery", "Ножевые изделия и столовые приборы", "چھری کانٹے اور کٹلری"),
    "education": t("Education", "Образование", "تعلیم"),
    "culture-translation": t("Culture and translation", "Культура и перевод", "ثقافت اور ترجمہ"),
    "logistics-transport": t(
        "Logistics and transport", "Логистика и транспорт", "لاجسٹکس اور نقل و حمل"
    ),
    "construction": t("Construction", "Строительство", "تعمیرات"),
    "chemicals": t("Chemicals", "Химическая промышленность", "کیمیکلز"),
    "musical-instruments": t("Musical instruments", "Музыкальные инструменты", "آلاتِ موسیقی"),
}

# Positions used for the generated company staff.
MANAGING_DIRECTOR = t("Managing Director", "Генеральный директор", "منیجنگ ڈائریکٹر")
EXPORT_MANAGER = t("Export Manager", "Менеджер по экспорту", "ایکسپورٹ منیجر")
PROCUREMENT_HEAD = t("Head of Procurement", "Руководитель отдела закупок", "شعبۂ خریداری کے سربراہ")
SALES_DIRECTOR = t("Sales Director", "Коммерческий директор", "سیلز ڈائریکٹر")
BUSINESS_DEVELOPMENT = t(
    "Business Development Manager", "Менеджер по развитию бизнеса", "بزنس ڈیولپمنٹ منیجر"
)
QUALITY_MANAGER = t("Quality Manager", "Менеджер по качеству", "کوالٹی منیجر")

# Names for generated staff (drawn with a fixed seed). Russian surnames take -а for women.
PAKISTANI_FIRST_NAMES = [
    "Ayesha", "Bilal", "Farah", "Usman", "Sana", "Kamran", "Rabia", "Hamza", "Zainab", "Faisal", "Mehwish",
    "Adeel", "Nida", "Tariq", "Hira", "Waqas", "Saima", "Shahid", "Amna", "Asad", "Fatima", "Junaid", "Omer",
    "Sadaf", "Raheel", "Maryam", "Naveed", "Bushra", "Zeeshan", "Iqra", "Arslan", "Kiran", "Danish", "Mahnoor",
]  # fmt: skip
PAKISTANI_SURNAMES = [
    "Siddiqui", "Cheema", "Butt", "Ghani", "Iqbal", "Anwar", "Mir", "Qureshi", "Bajwa", "Khalid", "Sahi",
    "Rasheed", "Mehmood", "Baig", "Ahmad", "Javed", "Nawaz", "Rauf", "Gondal", "Akhtar", "Farooq", "Hussain",
    "Saeed", "Tahir", "Haider", "Yousaf", "Riaz", "Aziz", "Warraich", "Malik",
]  # fmt: skip
RUSSIAN_MALE_NAMES = [
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Павел", "Илья", "Константин", "Роман", "Виктор",
    "Артём", "Олег", "Николай", "Тимур",
]  # fmt: skip
RUSSIAN_FEMALE_NAMES = [
    "Екатерина", "Ольга", "Наталья", "Татьяна", "Анна", "Марина", "Елена", "Юлия", "Светлана", "Ксения",
    "Дарья", "Гульнара",
]  # fmt: skip
RUSSIAN_SURNAMES = [
    "Смирнов", "Кузнецов", "Морозов", "Павлов", "Лебедев", "Новиков", "Егоров", "Фёдоров", "Соколов", "Орлов",
    "Зайцев", "Белов", "Крылов", "Жуков", "Никитин", "Гусев", "Комаров", "Киселёв", "Тарасов", "Ковалёв",
    "Медведев", "Галиев", "Сафин", "Хабибуллин",
]  # fmt: skip
PAKISTANI_LANGUAGES = [
    ("ur", "en", "pa"),
    ("ur", "en"),
    ("ur", "pa"),
    ("en", "ur"),
    ("ur", "en", "ar"),
]
RUSSIAN_LANGUAGES = [("ru",), ("ru", "en"), ("ru", "en", "de"), ("ru", "tt"), ("ru", "en", "zh")]

# Phone prefixes by city, for the contact details.
PHONE_PREFIXES = {
    "Sialkot": "+92 52", "Wazirabad": "+92 55", "Daska": "+92 52", "Sambrial": "+92 52", "Lahore": "+92 42",
    "Karachi": "+92 21", "Faisalabad": "+92 41", "Islamabad": "+92 51", "Gujranwala": "+92 55",
    "Sargodha": "+92 48", "Multan": "+92 61", "Peshawar": "+92 91", "Okara": "+92 44",
    "Moscow": "+7 495", "Saint Petersburg": "+7 812", "Yekaterinburg": "+7 343", "Kazan": "+7 843",
    "Novosibirsk": "+7 383", "Saratov": "+7 845", "Yeysk": "+7 861", "Tomsk": "+7 382",
    "Krasnoyarsk": "+7 391", "Rostov-on-Don": "+7 863", "Nizhny Novgorod": "+7 831", "Zelenodolsk": "+7 843",
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# The demo logins (printed by load_demo).
ADMIN = Person(
    username="admin",
    full_name="rabta Administrator",
    position={},
    spoken_languages=("en", "ur"),
    language="en",
)
INTERPRETER = Person(
    username="interpreter",
    full_name="Sadia Rehman",
    position={},
    spoken_languages=("ru", "ur", "en"),
    language="en",
    is_interpreter=True,
)

# ---------------------------------------------------------------------------------------------
# Chambers, government bodies, think tanks and universities (public bodies of the corridor).
INSTITUTIONS: list[Org] = [
    Org(
        slug="scci",
        kind="chamber",
        country="PK",
        city="Sialkot",
        name=t(
            "Sialkot Chamber of Commerce and Industry",
            "Торгово-промышленная палата Сиалкота",
            "سیالکوٹ چیمبر آف کامرس اینڈ انڈسٹری",
        ),
        description=t(
            "The chamber of Sialkot's exporters of surgical instruments, sports goods, leather goods, "
            "garments and cutlery. It hosts business delegations and B2B meetings in its auditorium.",
            "Палата экспортёров Сиалкота: хирургические инструменты, спортивные товары, кожаные изделия, "
            "одежда и ножевые изделия. Принимает деловые делегации и проводит B2B-встречи в своём зале.",
            "سیالکوٹ کے برآمد کنندگان کا چیمبر: جراحی آلات، کھیلوں کا سامان، چمڑے کی مصنوعات، ملبوسات اور "
            "کٹلری۔ یہ اپنے آڈیٹوریم میں تجارتی وفود کی میزبانی اور بی ٹو بی ملاقاتیں کرتا ہے۔",
        ),
        sectors=(
            "surgical-medical-instruments",
            "sports-goods",
            "leather-goods",
            "textiles-apparel",
            "cutlery",
        ),
        people=(
            Person(
                "ahtesham-mazhar",
                "Syed Ahtesham Mazhar",
                t("President", "Президент", "صدر"),
                ("ur", "en", "pa"),
                role="admin",
            ),
            Person(
                "murad-arshad",
                "Muhammad Murad Arshad",
                t("Senior Vice President", "Старший вице-президент", "سینئر نائب صدر"),
                ("ur", "en", "pa"),
            ),
            Person(
                "salman-sheikh",
                "Salman Sheikh",
                t("Vice President", "Вице-президент", "نائب صدر"),
                ("ur", "en"),
            ),
            Person(
                "organiser",
                "Hina Tariq",
                t(
                    "Trade Promotion Officer",
                    "Специалист по продвижению торговли",
                    "ٹریڈ پروموشن آفیسر",
                ),
                ("ur", "en", "pa"),
                is_organiser=True,
                is_validator=True,
            ),
        ),
    ),
    Org(
        slug="russian-embassy-islamabad",
        kind="government",
        country="RU",
        city="Islamabad",
        name=t(
            "Embassy of the Russian Federation in Islamabad",
            "Посольство Российской Федерации в Исламабаде",
            "اسلام آباد میں روسی فیڈریشن کا سفارت خانہ",
        ),
        description=t(
            "Russia's diplomatic mission in Pakistan. It supports business, educational and cultural ties, "
            "including Russian-language programmes at Pakistani universities.",
            "Дипломатическое представительство России в Пакистане. Поддерживает деловые, образовательные и "
            "культурные связи, в том числе программы русского языка в пакистанских университетах.",
            "پاکستان میں روس کا سفارتی مشن۔ یہ کاروباری، تعلیمی اور ثقافتی روابط کی حمایت کرتا ہے، جن میں "
            "پاکستانی جامعات میں روسی زبان کے پروگرام بھی شامل ہیں۔",
        ),
        sectors=("education", "culture-translation"),
        people=(
            Person(
                "albert-khorev",
                "Albert P. Khorev",
                t("Ambassador", "Посол", "سفیر"),
                ("ru", "en"),
                "ru",
                "admin",
            ),
            Person(
                "sergey-chekalin",
                "Sergey Chekalin",
                t("Chief of Protocol", "Руководитель протокольной службы", "سربراہِ پروٹوکول"),
                ("ru", "en"),
                "ru",
            ),
            Person(
                "anton-vereshchagin",
                "Anton Vereshchagin",
                t(
                    "Third Secretary, Bilateral Section",
                    "Третий секретарь, отдел двусторонних отношений",
                    "تھرڈ سیکرٹری، دوطرفہ تعلقات کا شعبہ",
                ),
                ("ru", "en", "ur"),
                "ru",
            ),
        ),
    ),
    Org(
        slug="russian-trade-representation",
        kind="government",
        country="RU",
        city="Islamabad",
        name=t(
            "Trade Representation of the Russian Federation in Pakistan",
            "Торговое представительство Российской Федерации в Пакистане",
            "پاکستان میں روسی فیڈریشن کا تجارتی نمائندہ دفتر",
        ),
        description=t(
            "Promotes trade and investment between Russia and Pakistan and brings Russian business "
            "delegations to Pakistani chambers.",
            "Содействует торговле и инвестициям между Россией и Пакистаном, организует визиты российских "
            "деловых делегаций в пакистанские палаты.",
            "روس اور پاکستان کے درمیان تجارت اور سرمایہ کاری کو فروغ دیتا ہے اور روسی تجارتی وفود کو "
            "پاکستانی چیمبروں تک لاتا ہے۔",
        ),
        sectors=("energy", "engineering-goods", "agriculture-food"),
        people=(
            Person(
                "denis-nevzorov",
                "Denis Nevzorov",
                t("Trade Representative", "Торговый представитель", "تجارتی نمائندہ"),
                ("ru", "en"),
                "ru",
                "admin",
            ),
            # The demo's co-organiser: the trade representation brought the Russian delegation.
            Person(
                "co-organiser",
                "Olga Belova",
                t("Trade Officer", "Специалист по торговле", "تجارتی افسر"),
                ("ru", "en"),
                "ru",
            ),
        ),
    ),
    Org(
        slug="regional-rapport",
        kind="university",
        country="PK",
        city="Islamabad",
        name=t("Regional Rapport", "Regional Rapport (Риджинал Раппорт)", "ریجنل ریپورٹ"),
        description=t(
            "An Islamabad think tank on regional connectivity; it convenes roundtables on Pakistan's relations "
            "with Russia and Central Asia.",
            "Исламабадский аналитический центр по региональной взаимосвязанности; проводит круглые столы об "
            "отношениях Пакистана с Россией и Центральной Азией.",
            "علاقائی رابطوں پر اسلام آباد کا ایک تھنک ٹینک، جو روس اور وسطی ایشیا کے ساتھ پاکستان کے تعلقات "
            "پر گول میز مباحثے منعقد کرتا ہے۔",
        ),
        sectors=("education",),
        people=(
            Person(
                "almas-naqvi",
                "Dr. Almas Haider Naqvi",
                t("Executive Director", "Исполнительный директор", "ایگزیکٹو ڈائریکٹر"),
                ("ur", "en"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="capes",
        kind="university",
        country="PK",
        city="Islamabad",
        name=t(
            "Consortium for Asia Pacific and Eurasian Studies (CAPES)",
            "Консорциум азиатско-тихоокеанских и евразийских исследований (CAPES)",
            "کنسورشیم برائے ایشیا پیسیفک و یوریشین اسٹڈیز (CAPES)",
        ),
        description=t(
            "A consortium of researchers that co-hosted the roundtable “Russia–Pakistan: Overview of the Modern "
            "Stage of Bilateral Relations” with over 40 universities and institutes.",
            "Консорциум исследователей, соорганизатор круглого стола «Россия — Пакистан: обзор современного "
            "этапа двусторонних отношений» с участием более 40 университетов и институтов.",
            "محققین کا ایک کنسورشیم جس نے 40 سے زائد جامعات اور اداروں کے ساتھ گول میز مباحثے «روس–پاکستان: "
            "دوطرفہ تعلقات کے موجودہ مرحلے کا جائزہ» کی مشترکہ میزبانی کی۔",
        ),
        sectors=("education",),
        people=(
            Person(
                "capes-coordinator",
                "Dr. Farhan Siddiqui",
                t("Programme Coordinator", "Координатор программ", "پروگرام کوآرڈینیٹر"),
                ("ur", "en", "ru"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="university-of-the-punjab",
        kind="university",
        country="PK",
        city="Lahore",
        name=t("University of the Punjab", "Пенджабский университет", "جامعہ پنجاب"),
        description=t(
            "Pakistan's oldest university, in Lahore; it runs a Russian-language programme and looks for "
            "partner universities in Russia.",
            "Старейший университет Пакистана в Лахоре; ведёт программу русского языка и ищет "
            "университеты-партнёры в России.",
            "لاہور میں واقع پاکستان کی قدیم ترین جامعہ، جو روسی زبان کا پروگرام چلاتی ہے اور روس میں شراکت دار "
            "جامعات کی تلاش میں ہے۔",
        ),
        sectors=("education",),
        people=(
            Person(
                "pu-russian",
                "Dr. Saima Rashid",
                t(
                    "Head of the Russian Language Programme",
                    "Руководитель программы русского языка",
                    "روسی زبان کے پروگرام کی سربراہ",
                ),
                ("ur", "en", "ru"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="university-of-okara",
        kind="university",
        country="PK",
        city="Okara",
        name=t("University of Okara", "Университет Окары", "یونیورسٹی آف اوکاڑہ"),
        description=t(
            "A public university in Okara working with the Russian embassy on a Russian-language course and "
            "on agricultural research exchanges.",
            "Государственный университет в Окаре; вместе с посольством России готовит курс русского языка и "
            "обмен в области сельскохозяйственных исследований.",
            "اوکاڑہ کی سرکاری جامعہ، جو روسی سفارت خانے کے ساتھ روسی زبان کے کورس اور زرعی تحقیق کے تبادلوں پر "
            "کام کر رہی ہے۔",
        ),
        sectors=("education", "agriculture-food"),
        people=(
            Person(
                "okara-international",
                "Dr. Kashif Mehmood",
                t(
                    "Director of International Relations",
                    "Директор по международным связям",
                    "ڈائریکٹر بین الاقوامی تعلقات",
                ),
                ("ur", "en", "pa"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="gcu-faisalabad",
        kind="university",
        country="PK",
        city="Faisalabad",
        name=t(
            "Government College University Faisalabad",
            "Государственный колледж-университет Фейсалабада",
            "گورنمنٹ کالج یونیورسٹی فیصل آباد",
        ),
        description=t(
            "A public university in Pakistan's textile capital, preparing a Russian-language programme with the "
            "embassy and joint textile-engineering research.",
            "Государственный университет в текстильной столице Пакистана; вместе с посольством готовит программу "
            "русского языка и совместные исследования в области текстильной инженерии.",
            "پاکستان کے ٹیکسٹائل مرکز کی سرکاری جامعہ، جو سفارت خانے کے ساتھ روسی زبان کا پروگرام اور ٹیکسٹائل "
            "انجینئرنگ میں مشترکہ تحقیق تیار کر رہی ہے۔",
        ),
        sectors=("education", "textiles-apparel"),
        people=(
            Person(
                "gcuf-languages",
                "Dr. Rubina Kausar",
                t(
                    "Chair, Department of Modern Languages",
                    "Заведующая кафедрой современных языков",
                    "صدر شعبۂ جدید زبانیں",
                ),
                ("ur", "en", "pa"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="university-of-peshawar",
        kind="university",
        country="PK",
        city="Peshawar",
        name=t("University of Peshawar", "Пешаварский университет", "جامعہ پشاور"),
        description=t(
            "A public university in Khyber Pakhtunkhwa with a Central Asian studies centre; it works with the "
            "embassy on Russian-language teaching.",
            "Государственный университет в Хайбер-Пахтунхве с центром центральноазиатских исследований; "
            "сотрудничает с посольством в преподавании русского языка.",
            "خیبر پختونخوا کی سرکاری جامعہ جس میں وسطی ایشیائی مطالعات کا مرکز ہے؛ یہ روسی زبان کی تدریس میں "
            "سفارت خانے کے ساتھ کام کرتی ہے۔",
        ),
        sectors=("education",),
        people=(
            Person(
                "peshawar-central-asia",
                "Dr. Gulalai Khan",
                t(
                    "Director, Area Study Centre",
                    "Директор регионального исследовательского центра",
                    "ڈائریکٹر ایریا اسٹڈی سینٹر",
                ),
                ("ur", "en", "fa"),
                role="admin",
            ),
        ),
    ),
    Org(
        slug="university-of-sialkot",
        kind="university",
        country="PK",
        city="Sialkot",
        name=t("University of Sialkot", "Университет Сиалкота", "یونیورسٹی آف سیالکوٹ"),
        description=t(
            "A university serving Sialkot's industry, invited to start Russian-language courses for "
            "entrepreneurs who want to understand Russian markets.",
            "Университет, работающий для промышленности Сиалкота; приглашён открыть курсы русского языка для "
            "предпринимателей, которые хотят понять российский рынок.",
            "سیالکوٹ کی صنعت کے لیے کام کرنے والی جامعہ، جسے روسی منڈیوں کو سمجھنے کے خواہش مند کاروباری "
            "افراد کے لیے روسی زبان کے کورس شروع کرنے کی دعوت دی گئی ہے۔",
        ),
        sectors=("education",),
        people=(
            Person(
                "uskt-industry",
                "Dr. Adnan Bashir",
                t(
                    "Director, Industry Liaison",
                    "Директор по связям с промышленностью",
                    "ڈائریکٹر صنعتی رابطہ",
                ),
                ("ur", "en"),
                role="admin",
            ),
        ),
    ),
]


def company(
    slug: str,
    country: str,
    city: str,
    sectors: tuple[str, ...],
    hs_codes: tuple[str, ...],
    name: dict[str, str],
    description: dict[str, str],
    *,
    validation: str = "approved",
    rejection_reason: str = "",
    people: tuple[Person, ...] = (),
    kind: str = "company",
) -> Org:
    return Org(
        slug=slug, kind=kind, country=country, city=city, name=name, description=description, sectors=sectors,
        hs_codes=hs_codes, validation=validation, rejection_reason=rejection_reason, people=people,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Pakistani companies: Sialkot's export clusters, then Lahore, Karachi, Faisalabad and others.
PAKISTANI_COMPANIES: list[Org] = [
    company(
        "indus-surgical-works",
        "PK",
        "Sialkot",
        ("surgical-medical-instruments",),
        ("9018", "901890", "901849"),
        t("Indus Surgical Works", "Индус Сёрджикал Уоркс", "انڈس سرجیکل ورکس"),
        t(
            "Maker of stainless-steel surgical and dental instruments since 1987, ISO 13485 certified. "
            "Looking for distributors of hospital instruments in Russia.",
            "Производитель хирургических и стоматологических инструментов из нержавеющей стали с 1987 года, "
            "сертификат ISO 13485. Ищет дистрибьюторов больничного инструмента в России.",
            "1987 سے اسٹین لیس اسٹیل کے جراحی اور دندان سازی کے آلات بنانے والا ادارہ، ISO 13485 سے تصدیق شدہ۔ "
            "روس میں ہسپتالوں کے آلات کے تقسیم کاروں کی تلاش ہے۔",
        ),
        people=(
            Person(
                "participant",
                "Imran Aslam",
                MANAGING_DIRECTOR,
                ("en", "ur", "pa"),
                language="en",
                role="admin",
            ),
        ),
    ),
    company(
        "chenab-medical-instruments",
        "PK",
        "Sialkot",
        ("surgical-medical-instruments",),
        ("9018", "901890"),
        t("Chenab Medical Instruments", "Ченаб Медикал Инструментс", "چناب میڈیکل انسٹرومنٹس"),
        t(
            "Forged and finished general-surgery instruments: forceps, scissors and retractors for hospitals "
            "and private-label buyers.",
            "Кованые и финишно обработанные инструменты общей хирургии: пинцеты, ножницы и ретракторы для "
            "больниц и заказчиков под их собственной маркой.",
            "جنرل سرجری کے ڈھلے اور تیار شدہ آلات: فورسیپس، قینچیاں اور ریٹریکٹر، ہسپتالوں اور اپنے برانڈ کے "
            "خریداروں کے لیے۔",
        ),
    ),
    company(
        "zafar-dental-surgical",
        "PK",
        "Sialkot",
        ("surgical-medical-instruments",),
        ("901849", "9018"),
        t("Zafar Dental & Surgical", "Зафар Дентал энд Сёрджикал", "ظفر ڈینٹل اینڈ سرجیکل"),
        t(
            "Dental extraction forceps, elevators and orthodontic pliers, exported to more than twenty countries.",
            "Стоматологические щипцы для удаления, элеваторы и ортодонтические щипцы; экспорт более чем в "
            "двадцать стран.",
            "دانت نکالنے کے فورسیپس، ایلیویٹرز اور آرتھوڈونٹک پلاس، جو بیس سے زائد ممالک کو برآمد کیے جاتے ہیں۔",
        ),
    ),
    company(
        "ravi-orthopaedic",
        "PK",
        "Sialkot",
        ("surgical-medical-instruments",),
        ("9021", "902110"),
        t(
            "Ravi Orthopaedic Instruments",
            "Рави Ортопедик Инструментс",
            "راوی آرتھوپیڈک انسٹرومنٹس",
        ),
        t(
            "A young workshop making orthopaedic and bone-surgery instruments; applying to meet Russian "
            "hospital suppliers.",
            "Молодая мастерская, выпускающая ортопедические инструменты и инструменты для костной хирургии; "
            "хочет встретиться с российскими поставщиками больниц.",
            "آرتھوپیڈک اور ہڈیوں کی سرجری کے آلات بنانے والی ایک نئی ورکشاپ، جو روسی ہسپتالوں کے سپلائرز سے "
            "ملنا چاہتی ہے۔",
        ),
        validation="pending",
    ),
    company(
        "noor-beauty-instruments",
        "PK",
        "Sialkot",
        ("surgical-medical-instruments", "cutlery"),
        ("8214", "821420"),
        t("Noor Beauty Instruments", "Нур Бьюти Инструментс", "نور بیوٹی انسٹرومنٹس"),
        t(
            "Manicure, pedicure and barber instruments in stainless steel, with private-label packaging.",
            "Маникюрные, педикюрные и парикмахерские инструменты из нержавеющей стали, с упаковкой под марку "
            "заказчика.",
            "اسٹین لیس اسٹیل کے مینی کیور، پیڈی کیور اور حجام کے آلات، خریدار کے برانڈ کی پیکنگ کے ساتھ۔",
        ),
    ),
    company(
        "sialkot-match-balls",
        "PK",
        "Sialkot",
        ("sports-goods",),
        ("9506", "950662"),
        t("Sialkot Match Balls", "Сиалкот Мэтч Боллз", "سیالکوٹ میچ بالز"),
        t(
            "Hand-stitched and thermo-bonded footballs for clubs, leagues and retail brands; 40,000 balls a month.",
            "Футбольные мячи ручной сшивки и термосклейки для клубов, лиг и розничных брендов; 40 000 мячей "
            "в месяц.",
            "کلبوں، لیگوں اور ریٹیل برانڈز کے لیے ہاتھ سے سلے اور تھرمو بانڈڈ فٹ بال؛ ماہانہ 40,000 گیندیں۔",
        ),
        people=(
            Person(
                "ur-participant",
                "Muhammad Rizwan",
                MANAGING_DIRECTOR,
                ("ur", "pa"),
                language="ur",
                role="admin",
            ),
        ),
    ),
    company(
        "kashmir-road-sports",
        "PK",
        "Sialkot",
        ("sports-goods",),
        ("9506", "950669", "950691"),
        t("Kashmir Road Sports", "Кашмир Роуд Спортс", "کشمیر روڈ اسپورٹس"),
        t(
            "Cricket, hockey and fitness equipment from a family firm on Sialkot's Kashmir Road.",
            "Инвентарь для крикета, хоккея на траве и фитнеса от семейной фирмы с Кашмир-роуд в Сиалкоте.",
            "سیالکوٹ کی کشمیر روڈ پر واقع ایک خاندانی کمپنی کا کرکٹ، ہاکی اور فٹنس کا سامان۔",
        ),
    ),
    company(
        "fieldstar-sports",
        "PK",
        "Sialkot",
        ("sports-goods", "textiles-apparel"),
        ("9506", "6211"),
        t(
            "Fieldstar Sports Industries",
            "Филдстар Спортс Индастриз",
            "فیلڈ اسٹار اسپورٹس انڈسٹریز",
        ),
        t(
            "Training balls, team kits and goalkeeper equipment for football academies.",
            "Тренировочные мячи, командная форма и вратарская экипировка для футбольных академий.",
            "فٹ بال اکیڈمیوں کے لیے تربیتی گیندیں، ٹیم کٹس اور گول کیپر کا سامان۔",
        ),
    ),
    company(
        "crescent-boxing",
        "PK",
        "Sialkot",
        ("sports-goods", "leather-goods"),
        ("9506", "420321"),
        t("Crescent Boxing Equipment", "Кресент Боксинг Эквипмент", "کریسنٹ باکسنگ ایکوئپمنٹ"),
        t(
            "Leather boxing gloves, punching bags and martial-arts gear for clubs and distributors.",
            "Кожаные боксёрские перчатки, боксёрские мешки и экипировка для единоборств для клубов и "
            "дистрибьюторов.",
            "کلبوں اور تقسیم کاروں کے لیے چمڑے کے باکسنگ دستانے، پنچنگ بیگ اور مارشل آرٹس کا سامان۔",
        ),
    ),
    company(
        "ghazi-leather-crafts",
        "PK",
        "Sialkot",
        ("leather-goods",),
        ("4202", "4203"),
        t("Ghazi Leather Crafts", "Гази Лезер Крафтс", "غازی لیدر کرافٹس"),
        t(
            "Leather jackets, bags and small leather goods in cow and goat leather, made to buyers' designs.",
            "Кожаные куртки, сумки и мелкая галантерея из кожи КРС и козы по эскизам заказчика.",
            "گائے اور بکری کے چمڑے سے خریدار کے ڈیزائن کے مطابق چمڑے کی جیکٹیں، بیگ اور چھوٹی مصنوعات۔",
        ),
    ),
    company(
        "pasrur-tannery",
        "PK",
        "Sialkot",
        ("leather-goods",),
        ("4107", "4106"),
        t("Pasrur Road Tannery", "Пасрур Роуд Тэннери", "پسرور روڈ ٹینری"),
        t(
            "Finished cow and goat leather for garments and gloves, tanned to REACH requirements.",
            "Готовая кожа КРС и козы для одежды и перчаток, выделанная в соответствии с требованиями REACH.",
            "ملبوسات اور دستانوں کے لیے گائے اور بکری کا تیار چمڑا، REACH کے تقاضوں کے مطابق رنگا گیا۔",
        ),
    ),
    company(
        "mirza-motorsport-wear",
        "PK",
        "Sialkot",
        ("leather-goods", "sports-goods"),
        ("4203", "420310"),
        t("Mirza Motorsport Wear", "Мирза Моторспорт Уэар", "مرزا موٹر اسپورٹ ویئر"),
        t(
            "Leather motorcycle suits, jackets and gloves with CE-certified protectors.",
            "Кожаные мотокомбинезоны, куртки и перчатки с защитой, сертифицированной по CE.",
            "CE سے تصدیق شدہ حفاظتی پیڈز کے ساتھ موٹر سائیکل کے لیے چمڑے کے سوٹ، جیکٹیں اور دستانے۔",
        ),
        validation="pending",
    ),
    company(
        "grip-line-gloves",
        "PK",
        "Sialkot",
        ("leather-goods", "textiles-apparel"),
        ("420329", "6116"),
        t("Grip Line Gloves", "Грип Лайн Глоувз", "گرِپ لائن گلووز"),
        t(
            "Industrial, driving and winter gloves in leather and knitted fabric, with workwear certifications.",
            "Рабочие, водительские и зимние перчатки из кожи и трикотажа с сертификатами для спецодежды.",
            "چمڑے اور بُنے ہوئے کپڑے کے صنعتی، ڈرائیونگ اور سردیوں کے دستانے، ورک ویئر سرٹیفکیشن کے ساتھ۔",
        ),
    ),
    company(
        "daska-goalkeeper-gloves",
        "PK",
        "Daska",
        ("sports-goods",),
        ("420321", "6116"),
        t("Daska Goalkeeper Gloves", "Даска Голкипер Глоувз", "ڈسکہ گول کیپر گلووز"),
        t(
            "Latex-palm goalkeeper gloves for professional and youth football, in small and large runs.",
            "Вратарские перчатки с латексной ладонью для профессионального и детского футбола, малыми и "
            "крупными партиями.",
            "پیشہ ور اور نوجوان فٹ بال کے لیے لیٹیکس ہتھیلی والے گول کیپر دستانے، چھوٹی اور بڑی مقدار میں۔",
        ),
    ),
    company(
        "mehran-sportswear",
        "PK",
        "Sialkot",
        ("textiles-apparel", "sports-goods"),
        ("6211", "6110"),
        t("Mehran Sportswear", "Мехран Спортсуэар", "مہران اسپورٹس ویئر"),
        t(
            "Sublimated team uniforms, tracksuits and compression wear, with design support for clubs.",
            "Командная форма с сублимационной печатью, спортивные костюмы и компрессионная одежда; помощь "
            "клубам с дизайном.",
            "سبلیمیشن پرنٹ والی ٹیم یونیفارم، ٹریک سوٹ اور کمپریشن ملبوسات، کلبوں کے لیے ڈیزائن میں مدد کے ساتھ۔",
        ),
    ),
    company(
        "sambrial-apparel",
        "PK",
        "Sambrial",
        ("textiles-apparel",),
        ("6203", "6204"),
        t("Sambrial Apparel", "Самбриал Эпэрел", "سمبڑیال اپیرل"),
        t(
            "Workwear and uniforms in cotton and polyester blends for industry and hospitals.",
            "Спецодежда и униформа из хлопка и смесовых тканей с полиэстером для промышленности и больниц.",
            "صنعت اور ہسپتالوں کے لیے سوتی اور پولیسٹر ملے کپڑے کی ورک ویئر اور یونیفارم۔",
        ),
    ),
    company(
        "sialkot-weaving-mills",
        "PK",
        "Sialkot",
        ("textiles-apparel",),
        ("5208", "6302"),
        t("Sialkot Weaving Mills", "Сиалкот Уивинг Миллз", "سیالکوٹ ویونگ ملز"),
        t(
            "Woven cotton fabrics and hospital linen, dyed and finished in-house.",
            "Хлопчатобумажные ткани и больничное бельё, окрашенные и отделанные на собственном производстве.",
            "سوتی بُنے ہوئے کپڑے اور ہسپتال کی چادریں، جن کی رنگائی اور فنشنگ اپنے کارخانے میں ہوتی ہے۔",
        ),
    ),
    company(
        "wazirabad-cutlery-house",
        "PK",
        "Wazirabad",
        ("cutlery",),
        ("8211", "8215"),
        t("Wazirabad Cutlery House", "Вазирабад Катлери Хаус", "وزیرآباد کٹلری ہاؤس"),
        t(
            "Kitchen knives, table knives and cutlery sets from Wazirabad's old blade-making tradition.",
            "Кухонные и столовые ножи и наборы столовых приборов — по давней традиции оружейников Вазирабада.",
            "وزیرآباد کی پرانی چاقو سازی کی روایت سے باورچی خانے کی چھریاں، میز کی چھریاں اور کٹلری سیٹ۔",
        ),
    ),
    company(
        "aftab-steel-cutlery",
        "PK",
        "Sialkot",
        ("cutlery",),
        ("8215", "821599"),
        t("Aftab Steel Cutlery", "Афтаб Стил Катлери", "آفتاب اسٹیل کٹلری"),
        t(
            "Stainless-steel spoons, forks and serving sets for hotels and restaurants.",
            "Ложки, вилки и сервировочные наборы из нержавеющей стали для гостиниц и ресторанов.",
            "ہوٹلوں اور ریستورانوں کے لیے اسٹین لیس اسٹیل کے چمچ، کانٹے اور سرونگ سیٹ۔",
        ),
    ),
    company(
        "highland-pipes-sialkot",
        "PK",
        "Sialkot",
        ("musical-instruments",),
        ("9205", "920590"),
        t("Highland Pipes Sialkot", "Хайленд Пайпс Сиалкот", "ہائی لینڈ پائپس سیالکوٹ"),
        t(
            "Bagpipes, practice chanters and brass instruments for bands, made by hand since 1962.",
            "Волынки, учебные чантеры и медные духовые инструменты для оркестров; ручная работа с 1962 года.",
            "بینڈز کے لیے بیگ پائپ، پریکٹس چینٹر اور پیتل کے ساز، 1962 سے ہاتھ سے تیار کیے جاتے ہیں۔",
        ),
    ),
    company(
        "sargam-drum-makers",
        "PK",
        "Sialkot",
        ("musical-instruments",),
        ("9206", "9207"),
        t("Sargam Drum Makers", "Саргам Драм Мейкерс", "سرگم ڈرم میکرز"),
        t(
            "Marching drums, tablas and percussion instruments for schools and music shops.",
            "Маршевые барабаны, таблы и ударные инструменты для школ и музыкальных магазинов.",
            "اسکولوں اور موسیقی کی دکانوں کے لیے مارچنگ ڈرم، طبلے اور تال کے ساز۔",
        ),
    ),
    # Lahore, Karachi, Faisalabad and the rest of Pakistan.
    company(
        "margalla-pharmaceuticals",
        "PK",
        "Lahore",
        ("pharmaceuticals",),
        ("3004", "300490"),
        t("Margalla Pharmaceuticals", "Маргалла Фармасьютикалз", "مارگلہ فارماسیوٹیکلز"),
        t(
            "Generic tablets, capsules and syrups made under WHO-GMP; seeking registration partners in Russia.",
            "Дженерики в таблетках, капсулах и сиропах по стандарту ВОЗ GMP; ищет партнёров по регистрации в "
            "России.",
            "عالمی ادارۂ صحت کے GMP معیار کے مطابق جنرک گولیاں، کیپسول اور شربت؛ روس میں رجسٹریشن کے لیے "
            "شراکت داروں کی تلاش ہے۔",
        ),
    ),
    company(
        "sindh-pharma-labs",
        "PK",
        "Karachi",
        ("pharmaceuticals",),
        ("3004", "3003"),
        t("Sindh Pharma Labs", "Синд Фарма Лабс", "سندھ فارما لیبز"),
        t(
            "Antibiotics and oral rehydration salts for public tenders in Asia and Africa.",
            "Антибиотики и соли для пероральной регидратации для государственных закупок в Азии и Африке.",
            "ایشیا اور افریقہ کے سرکاری ٹینڈرز کے لیے اینٹی بائیوٹکس اور او آر ایس نمکیات۔",
        ),
    ),
    company(
        "lahore-biogenics",
        "PK",
        "Lahore",
        ("pharmaceuticals",),
        ("3002", "3004"),
        t("Lahore Biogenics", "Лахор Биодженикс", "لاہور بائیوجینکس"),
        t(
            "Veterinary vaccines and feed additives for poultry and dairy farms.",
            "Ветеринарные вакцины и кормовые добавки для птицеводческих и молочных ферм.",
            "پولٹری اور ڈیری فارموں کے لیے جانوروں کی ویکسین اور خوراک کے اضافی اجزاء۔",
        ),
    ),
    company(
        "shalimar-software-house",
        "PK",
        "Lahore",
        ("information-technology",),
        (),
        t("Shalimar Software House", "Шалимар Софтвер Хаус", "شالیمار سافٹ ویئر ہاؤس"),
        t(
            "Custom ERP and mobile apps for exporters; 120 engineers, working in English and Russian.",
            "Разработка ERP-систем и мобильных приложений для экспортёров; 120 инженеров, работаем на "
            "английском и русском.",
            "برآمد کنندگان کے لیے حسبِ ضرورت ERP اور موبائل ایپس؛ 120 انجینئر، انگریزی اور روسی میں کام۔",
        ),
    ),
    company(
        "clifton-tech-solutions",
        "PK",
        "Karachi",
        ("information-technology",),
        (),
        t("Clifton Tech Solutions", "Клифтон Тек Солюшнз", "کلفٹن ٹیک سولیوشنز"),
        t(
            "Payment integrations and fintech back offices for banks and marketplaces.",
            "Интеграция платёжных систем и бэк-офисы финтеха для банков и маркетплейсов.",
            "بینکوں اور آن لائن منڈیوں کے لیے ادائیگی کے نظام کا انضمام اور فن ٹیک بیک آفس۔",
        ),
    ),
    company(
        "ravi-cloud-systems",
        "PK",
        "Lahore",
        ("information-technology",),
        (),
        t("Ravi Cloud Systems", "Рави Клауд Системс", "راوی کلاؤڈ سسٹمز"),
        t(
            "Cloud hosting, DevOps and 24/7 support for software companies in Europe and Central Asia.",
            "Облачный хостинг, DevOps и круглосуточная поддержка для софтверных компаний Европы и Центральной "
            "Азии.",
            "یورپ اور وسطی ایشیا کی سافٹ ویئر کمپنیوں کے لیے کلاؤڈ ہوسٹنگ، ڈیو آپس اور چوبیس گھنٹے معاونت۔",
        ),
    ),
    company(
        "margalla-code-works",
        "PK",
        "Islamabad",
        ("information-technology",),
        (),
        t("Margalla Code Works", "Маргалла Код Уоркс", "مارگلہ کوڈ ورکس"),
        t(
            "Computer-vision and data engineering for agriculture and logistics clients.",
            "Компьютерное зрение и инженерия данных для клиентов из сельского хозяйства и логистики.",
            "زراعت اور لاجسٹکس کے صارفین کے لیے کمپیوٹر وژن اور ڈیٹا انجینئرنگ۔",
        ),
    ),
    company(
        "punjab-basmati-exporters",
        "PK",
        "Gujranwala",
        ("agriculture-food",),
        ("1006", "100630"),
        t("Punjab Basmati Exporters", "Пенджаб Басмати Экспортерс", "پنجاب باسمتی ایکسپورٹرز"),
        t(
            "Aged Super Basmati and 1121 rice, milled and sorted in Gujranwala, shipped in bulk or retail packs.",
            "Выдержанный рис Super Basmati и 1121, шлифованный и отсортированный в Гуджранвале; поставки "
            "навалом или в розничной упаковке.",
            "گوجرانوالہ میں چھڑا اور چھانٹا گیا پرانا سپر باسمتی اور 1121 چاول، کھلا یا ریٹیل پیکنگ میں۔",
        ),
    ),
    company(
        "indus-valley-rice-mills",
        "PK",
        "Karachi",
        ("agriculture-food",),
        ("1006", "100640"),
        t("Indus Valley Rice Mills", "Индус Вэлли Райс Миллз", "انڈس ویلی رائس ملز"),
        t(
            "Long-grain IRRI-6 and broken rice for food processors, shipped from Port Qasim.",
            "Длиннозёрный рис IRRI-6 и дроблёный рис для пищевых производств, отгрузка из порта Касим.",
            "فوڈ پروسیسرز کے لیے لمبے دانے والا اری-6 اور ٹوٹا چاول، پورٹ قاسم سے روانگی۔",
        ),
    ),
    company(
        "sargodha-kinnow-growers",
        "PK",
        "Sargodha",
        ("agriculture-food",),
        ("0805", "080521"),
        t("Sargodha Kinnow Growers", "Саргодха Кинноу Гроуэрс", "سرگودھا کینو گروورز"),
        t(
            "Waxed and graded kinnow mandarins from December to March, packed for sea freight to Russia.",
            "Вощёные калиброванные мандарины кинноу с декабря по март, упакованные для морских перевозок в "
            "Россию.",
            "دسمبر سے مارچ تک ویکس شدہ اور درجہ بند کینو، روس کے لیے بحری ترسیل کی پیکنگ میں۔",
        ),
    ),
    company(
        "multan-mango-farms",
        "PK",
        "Multan",
        ("agriculture-food",),
        ("0804", "080450"),
        t("Multan Mango Farms", "Мултан Манго Фармз", "ملتان مینگو فارمز"),
        t(
            "Chaunsa and Sindhri mangoes, hot-water treated and air-freighted in season.",
            "Манго сортов Чаунса и Синдхри, прошедшие обработку горячей водой; авиапоставки в сезон.",
            "چونسہ اور سندھڑی آم، گرم پانی سے صاف کیے گئے، موسم میں ہوائی جہاز سے روانہ۔",
        ),
    ),
    company(
        "lyallpur-agri-machinery",
        "PK",
        "Faisalabad",
        ("engineering-goods", "agriculture-food"),
        ("8432", "8433"),
        t("Lyallpur Agri Machinery", "Лайалпур Агри Машинери", "لائل پور ایگری مشینری"),
        t(
            "Seed drills, rotavators and threshers for small and medium farms.",
            "Сеялки, почвофрезы и молотилки для малых и средних хозяйств.",
            "چھوٹے اور درمیانے فارموں کے لیے بیج ڈرل، روٹاویٹر اور تھریشر۔",
        ),
    ),
    company(
        "gujranwala-pumps-motors",
        "PK",
        "Gujranwala",
        ("engineering-goods",),
        ("8413", "8501"),
        t(
            "Gujranwala Pumps & Motors",
            "Гуджранвала Пампс энд Моторс",
            "گوجرانوالہ پمپس اینڈ موٹرز",
        ),
        t(
            "Centrifugal pumps and electric motors for irrigation and buildings.",
            "Центробежные насосы и электродвигатели для орошения и зданий.",
            "آبپاشی اور عمارتوں کے لیے سینٹری فیوگل پمپ اور برقی موٹریں۔",
        ),
    ),
    company(
        "faisalabad-loom-engineering",
        "PK",
        "Faisalabad",
        ("engineering-goods", "textiles-apparel"),
        ("8446", "8448"),
        t("Faisalabad Loom Engineering", "Фейсалабад Лум Инжиниринг", "فیصل آباد لوم انجینئرنگ"),
        t(
            "Power looms, loom spare parts and retrofits for weaving mills.",
            "Механические ткацкие станки, запасные части к ним и модернизация для ткацких фабрик.",
            "بُنائی کی ملوں کے لیے پاور لوم، ان کے پرزے اور جدید کاری۔",
        ),
    ),
    company(
        "faisalabad-home-textiles",
        "PK",
        "Faisalabad",
        ("textiles-apparel",),
        ("6302", "630231"),
        t("Faisalabad Home Textiles", "Фейсалабад Хоум Текстайлз", "فیصل آباد ہوم ٹیکسٹائلز"),
        t(
            "Bed linen, towels and curtains in cotton, for retail chains and hotels.",
            "Постельное бельё, полотенца и шторы из хлопка для торговых сетей и гостиниц.",
            "ریٹیل چینز اور ہوٹلوں کے لیے سوتی بستر کی چادریں، تولیے اور پردے۔",
        ),
    ),
    company(
        "karachi-denim-mills",
        "PK",
        "Karachi",
        ("textiles-apparel",),
        ("5209", "520942"),
        t("Karachi Denim Mills", "Карачи Деним Миллз", "کراچی ڈینم ملز"),
        t(
            "Denim fabrics and jeans with water-saving finishing, for brands in Europe and Russia.",
            "Деним и джинсы с водосберегающей отделкой для брендов Европы и России.",
            "پانی بچانے والی فنشنگ کے ساتھ ڈینم کپڑا اور جینز، یورپ اور روس کے برانڈز کے لیے۔",
        ),
    ),
    company(
        "khyber-marble-granite",
        "PK",
        "Peshawar",
        ("construction",),
        ("2515", "6802"),
        t("Khyber Marble & Granite", "Хайбер Марбл энд Гранит", "خیبر ماربل اینڈ گرینائٹ"),
        t(
            "Onyx, marble and granite slabs and tiles from quarries in Khyber Pakhtunkhwa.",
            "Слэбы и плитка из оникса, мрамора и гранита из карьеров Хайбер-Пахтунхвы.",
            "خیبر پختونخوا کی کانوں سے سنگِ مرمر، اونکس اور گرینائٹ کی سلیں اور ٹائلیں۔",
        ),
    ),
    company(
        "port-qasim-freight",
        "PK",
        "Karachi",
        ("logistics-transport",),
        (),
        t(
            "Port Qasim Freight Forwarders",
            "Порт Касим Фрейт Форвардерс",
            "پورٹ قاسم فریٹ فارورڈرز",
        ),
        t(
            "Sea and rail freight from Karachi to Russia through Iran and Central Asia, with customs clearance.",
            "Морские и железнодорожные перевозки из Карачи в Россию через Иран и Центральную Азию с "
            "таможенным оформлением.",
            "کراچی سے ایران اور وسطی ایشیا کے راستے روس تک بحری اور ریل کے ذریعے مال برداری، کسٹم کلیئرنس کے ساتھ۔",
        ),
    ),
    company(
        "gwadar-sea-foods",
        "PK",
        "Karachi",
        ("agriculture-food",),
        ("0303", "0306"),
        t("Gwadar Sea Foods", "Гвадар Си Фудс", "گوادر سی فوڈز"),
        t(
            "Frozen fish and shrimp from the Makran coast.",
            "Мороженая рыба и креветки с побережья Макран.",
            "مکران کے ساحل سے منجمد مچھلی اور جھینگے۔",
        ),
        validation="rejected",
        rejection_reason=(
            "The company's website does not open and the contact e-mail bounced, so we could not verify the "
            "company. Please add a working website and an e-mail address at the company's own domain, then "
            "submit the profile again."
        ),
    ),
]

# ---------------------------------------------------------------------------------------------
# Russian companies: makers, importers and service firms from Moscow to Novosibirsk.
RUSSIAN_COMPANIES: list[Org] = [
    company(
        "sokolniki-medtorg",
        "RU",
        "Moscow",
        ("surgical-medical-instruments",),
        ("9018", "901890"),
        t("Sokolniki Medtorg", "Сокольники Медторг", "سوکولنیکی میڈتورگ"),
        t(
            "Importer and distributor of surgical and dental instruments for 600 clinics in central Russia; "
            "looking for new manufacturers.",
            "Импортёр и дистрибьютор хирургических и стоматологических инструментов для 600 клиник "
            "Центральной России; ищет новых производителей.",
            "وسطی روس کے 600 کلینکس کے لیے جراحی اور دندان سازی کے آلات کا درآمد کنندہ اور تقسیم کار؛ نئے "
            "مینوفیکچررز کی تلاش ہے۔",
        ),
        people=(
            Person(
                "ru-participant",
                "Ирина Волкова",
                PROCUREMENT_HEAD,
                ("ru",),
                language="ru",
                role="admin",
            ),
        ),
    ),
    company(
        "iset-energomash",
        "RU",
        "Yekaterinburg",
        ("energy", "engineering-goods"),
        ("8406", "8502"),
        t("Iset Energomash", "Исеть Энергомаш", "ایسیت اینرگوماش"),
        t(
            "Steam turbines and gas-engine generating sets for industrial power plants; exhibiting at INNOPROM.",
            "Паровые турбины и газопоршневые электростанции для промышленных предприятий; участник ИННОПРОМа.",
            "صنعتی بجلی گھروں کے لیے بھاپ کی ٹربائنیں اور گیس انجن جنریٹنگ سیٹ؛ INNOPROM میں نمائش کنندہ۔",
        ),
    ),
    company(
        "chusovaya-machine-tools",
        "RU",
        "Yekaterinburg",
        ("engineering-goods",),
        ("8457", "8458"),
        t("Chusovaya Machine Tools", "Чусовские станки", "چوسووایا مشین ٹولز"),
        t(
            "CNC lathes and machining centres, with training and service for foreign customers.",
            "Токарные станки с ЧПУ и обрабатывающие центры; обучение и сервис для зарубежных заказчиков.",
            "سی این سی خراد اور مشیننگ سینٹر، غیر ملکی خریداروں کے لیے تربیت اور سروس کے ساتھ۔",
        ),
    ),
    company(
        "sayan-hydromash",
        "RU",
        "Krasnoyarsk",
        ("energy", "engineering-goods"),
        ("8410", "841011"),
        t("Sayan Hydromash", "Саян Гидромаш", "سایان ہائیڈروماش"),
        t(
            "Small hydropower turbines of up to 10 MW for rivers and irrigation canals.",
            "Гидротурбины малой мощности до 10 МВт для рек и оросительных каналов.",
            "دریاؤں اور آبپاشی کی نہروں کے لیے 10 میگاواٹ تک کی چھوٹی پن بجلی ٹربائنیں۔",
        ),
        validation="pending",
    ),
    company(
        "zelenodolsk-pump-works",
        "RU",
        "Zelenodolsk",
        ("engineering-goods",),
        ("8413", "841370"),
        t("Zelenodolsk Pump Works", "Зеленодольский насосный завод", "زیلینودولسک پمپ ورکس"),
        t(
            "Heavy-duty centrifugal pumps for water utilities, oil terminals and mines.",
            "Мощные центробежные насосы для водоканалов, нефтяных терминалов и шахт.",
            "واٹر یوٹیلیٹیز، تیل کے ٹرمینلز اور کانوں کے لیے بھاری سینٹری فیوگل پمپ۔",
        ),
    ),
    company(
        "kamapharm",
        "RU",
        "Kazan",
        ("pharmaceuticals",),
        ("3004", "2941"),
        t("Kamapharm", "Камафарм", "کامافارم"),
        t(
            "Generic medicines maker in Tatarstan; buys active ingredients and seeks contract manufacturing abroad.",
            "Производитель дженериков в Татарстане; закупает фармацевтические субстанции и ищет контрактное "
            "производство за рубежом.",
            "تاتارستان میں جنرک ادویات بنانے والی کمپنی؛ فعال اجزاء خریدتی ہے اور بیرونِ ملک کنٹریکٹ "
            "مینوفیکچرنگ کی تلاش میں ہے۔",
        ),
    ),
    company(
        "zamoskvorechye-pharma",
        "RU",
        "Moscow",
        ("pharmaceuticals",),
        ("3004",),
        t(
            "Zamoskvorechye Pharma Distribution",
            "Замоскворечье Фарма Дистрибуция",
            "زاماسکووریچیے فارما ڈسٹری بیوشن",
        ),
        t(
            "Pharmaceutical wholesaler supplying 2,000 pharmacies; handles registration for foreign generics.",
            "Фармацевтический дистрибьютор, снабжающий 2000 аптек; берёт на себя регистрацию зарубежных "
            "дженериков.",
            "2,000 فارمیسیوں کو سامان فراہم کرنے والا دواؤں کا تھوک فروش؛ غیر ملکی جنرک ادویات کی رجسٹریشن "
            "کرواتا ہے۔",
        ),
    ),
    company(
        "kazanka-polymer",
        "RU",
        "Kazan",
        ("chemicals",),
        ("3901", "3902"),
        t("Kazanka Polymer", "Казанка Полимер", "کازانکا پولیمر"),
        t(
            "Polyethylene and polypropylene granules for film, packaging and pipe makers.",
            "Гранулы полиэтилена и полипропилена для производителей плёнки, упаковки и труб.",
            "فلم، پیکیجنگ اور پائپ بنانے والوں کے لیے پولی ایتھیلین اور پولی پروپیلین کے دانے۔",
        ),
    ),
    company(
        "volga-grain-terminal",
        "RU",
        "Saratov",
        ("agriculture-food",),
        ("1001", "100199"),
        t("Volga Grain Terminal", "Волжский зерновой терминал", "وولگا گرین ٹرمینل"),
        t(
            "Milling wheat and barley from the Volga region, shipped by river-sea vessels and rail.",
            "Продовольственная пшеница и ячмень из Поволжья; отгрузка судами «река — море» и по железной дороге.",
            "وولگا کے علاقے سے آٹے کی گندم اور جَو، دریائی و بحری جہازوں اور ریل کے ذریعے روانہ۔",
        ),
    ),
    company(
        "yeysk-grain-company",
        "RU",
        "Yeysk",
        ("agriculture-food",),
        ("1001", "1512"),
        t("Yeysk Grain Company", "Ейская зерновая компания", "ییسک گرین کمپنی"),
        t(
            "Wheat and sunflower oil exporter with its own berth at the port of Yeysk on the Sea of Azov.",
            "Экспортёр пшеницы и подсолнечного масла с собственным причалом в порту Ейск на Азовском море.",
            "گندم اور سورج مکھی کے تیل کا برآمد کنندہ، جس کی بحیرۂ ازوف پر ییسک بندرگاہ میں اپنی گودی ہے۔",
        ),
    ),
    company(
        "okhta-citrus-import",
        "RU",
        "Saint Petersburg",
        ("agriculture-food",),
        ("0805", "080521"),
        t("Okhta Citrus Import", "Охта Цитрус Импорт", "اوختا سٹرس امپورٹ"),
        t(
            "Importer of mandarins, oranges and mangoes for supermarket chains in north-west Russia.",
            "Импортёр мандаринов, апельсинов и манго для торговых сетей Северо-Запада России.",
            "شمال مغربی روس کی سپر مارکیٹ چینز کے لیے کینو، مالٹے اور آم درآمد کرنے والی کمپنی۔",
        ),
    ),
    company(
        "neva-logistics-group",
        "RU",
        "Saint Petersburg",
        ("logistics-transport",),
        (),
        t("Neva Logistics Group", "Нева Логистик Групп", "نیوا لاجسٹکس گروپ"),
        t(
            "Container freight along the International North–South Transport Corridor, door to door.",
            "Контейнерные перевозки «от двери до двери» по международному транспортному коридору «Север — Юг».",
            "بین الاقوامی شمال–جنوب ٹرانسپورٹ راہداری کے ذریعے گھر سے گھر تک کنٹینر مال برداری۔",
        ),
    ),
    company(
        "kronstadt-reefer-logistics",
        "RU",
        "Saint Petersburg",
        ("logistics-transport", "agriculture-food"),
        (),
        t("Kronstadt Reefer Logistics", "Кронштадт Рефлогистик", "کرونشتادت ریفر لاجسٹکس"),
        t(
            "Refrigerated warehousing and reefer-container handling for fruit importers.",
            "Холодильные склады и обработка рефрижераторных контейнеров для импортёров фруктов.",
            "پھل درآمد کرنے والوں کے لیے کولڈ اسٹوریج اور ریفریجریٹڈ کنٹینرز کی ہینڈلنگ۔",
        ),
        validation="pending",
    ),
    company(
        "ob-data-systems",
        "RU",
        "Novosibirsk",
        ("information-technology",),
        (),
        t("Ob Data Systems", "Обь Дата Системс", "اوب ڈیٹا سسٹمز"),
        t(
            "Data-centre services and document-management software for industry and government.",
            "Услуги центров обработки данных и системы электронного документооборота для промышленности и "
            "госсектора.",
            "صنعت اور سرکاری اداروں کے لیے ڈیٹا سینٹر کی خدمات اور دستاویزات کے انتظام کا سافٹ ویئر۔",
        ),
    ),
    company(
        "akadem-soft-lab",
        "RU",
        "Novosibirsk",
        ("information-technology",),
        (),
        t("Akadem Soft Lab", "Академ Софт Лаб", "اکادیم سافٹ لیب"),
        t(
            "Machine-learning and computer-vision products; looking for development partners in Pakistan.",
            "Продукты на основе машинного обучения и компьютерного зрения; ищет партнёров по разработке в "
            "Пакистане.",
            "مشین لرننگ اور کمپیوٹر وژن کی مصنوعات؛ پاکستان میں ترقیاتی شراکت داروں کی تلاش ہے۔",
        ),
    ),
    company(
        "tom-medtech",
        "RU",
        "Tomsk",
        ("surgical-medical-instruments",),
        ("9018", "9022"),
        t("Tom Medtech", "Томь Медтех", "توم میڈ ٹیک"),
        t(
            "Portable X-ray units and patient monitors; looking for distributors in South Asia.",
            "Переносные рентгеновские аппараты и мониторы пациента; ищет дистрибьюторов в Южной Азии.",
            "قابلِ نقل ایکسرے یونٹس اور مریضوں کے مانیٹر؛ جنوبی ایشیا میں تقسیم کاروں کی تلاش ہے۔",
        ),
    ),
    company(
        "arbat-sport-distribution",
        "RU",
        "Moscow",
        ("sports-goods",),
        ("9506", "950662"),
        t("Arbat Sport Distribution", "Арбат Спорт Дистрибьюшн", "اربات اسپورٹ ڈسٹری بیوشن"),
        t(
            "Sports-goods wholesaler for 300 shops; buys balls, gloves and team kits under its own brands.",
            "Оптовый поставщик спортивных товаров для 300 магазинов; закупает мячи, перчатки и командную форму "
            "под собственными марками.",
            "300 دکانوں کو کھیلوں کا سامان فراہم کرنے والا تھوک فروش؛ اپنے برانڈز کے تحت گیندیں، دستانے اور "
            "ٹیم کٹس خریدتا ہے۔",
        ),
    ),
    company(
        "tverskaya-leather-goods",
        "RU",
        "Moscow",
        ("leather-goods",),
        ("4202", "4203"),
        t("Tverskaya Leather Goods", "Тверская кожгалантерея", "تویرسکایا لیدر گُڈز"),
        t(
            "A chain of 40 leather-goods shops buying jackets, bags and gloves from foreign workshops.",
            "Сеть из 40 магазинов кожгалантереи; закупает куртки, сумки и перчатки у зарубежных мастерских.",
            "چمڑے کی مصنوعات کی 40 دکانوں کی چین، جو غیر ملکی ورکشاپس سے جیکٹیں، بیگ اور دستانے خریدتی ہے۔",
        ),
    ),
    company(
        "don-textile-import",
        "RU",
        "Rostov-on-Don",
        ("textiles-apparel",),
        ("6302", "5208"),
        t("Don Textile Import", "Дон Текстиль Импорт", "ڈون ٹیکسٹائل امپورٹ"),
        t(
            "Importer of home textiles and cotton fabrics for retailers in southern Russia.",
            "Импортёр домашнего текстиля и хлопчатобумажных тканей для розничных сетей юга России.",
            "جنوبی روس کے خوردہ فروشوں کے لیے گھریلو ٹیکسٹائل اور سوتی کپڑے درآمد کرنے والی کمپنی۔",
        ),
    ),
    company(
        "oka-tableware",
        "RU",
        "Nizhny Novgorod",
        ("cutlery",),
        ("8215", "8211"),
        t("Oka Tableware", "Ока Посуда", "اوکا ٹیبل ویئر"),
        t(
            "Wholesaler of cutlery, kitchen knives and tableware for the hotel and restaurant trade.",
            "Оптовый поставщик столовых приборов, кухонных ножей и посуды для гостиниц и ресторанов.",
            "ہوٹلوں اور ریستورانوں کے لیے کٹلری، باورچی خانے کی چھریوں اور برتنوں کا تھوک فروش۔",
        ),
    ),
    company(
        "petrograd-music-house",
        "RU",
        "Saint Petersburg",
        ("musical-instruments",),
        ("9205", "9206"),
        t("Petrograd Music House", "Петроградский музыкальный дом", "پیٹروگراد میوزک ہاؤس"),
        t(
            "Music shops and a school supplier, importing wind and percussion instruments.",
            "Сеть музыкальных магазинов и поставщик для школ; импортирует духовые и ударные инструменты.",
            "موسیقی کی دکانیں اور اسکولوں کا سپلائر، جو ہوا سے بجنے والے اور تال کے ساز درآمد کرتا ہے۔",
        ),
    ),
    company(
        "slovo-translation-agency",
        "RU",
        "Moscow",
        ("culture-translation",),
        (),
        t(
            "Slovo Literary Translation Agency",
            "Агентство литературного перевода «Слово»",
            "سلووا ادبی ترجمہ ایجنسی",
        ),
        t(
            "Translates Russian classical and contemporary literature into Urdu and provides interpreters "
            "for business meetings.",
            "Переводит русскую классическую и современную литературу на урду и предоставляет устных "
            "переводчиков для деловых встреч.",
            "روسی کلاسیکی اور جدید ادب کا اردو میں ترجمہ کرتی ہے اور کاروباری ملاقاتوں کے لیے ترجمان فراہم "
            "کرتی ہے۔",
        ),
        kind="translator",
    ),
]

ORGANISATIONS: list[Org] = [*INSTITUTIONS, *PAKISTANI_COMPANIES, *RUSSIAN_COMPANIES]
