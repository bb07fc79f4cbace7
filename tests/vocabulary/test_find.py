"""Concepts found in text and HS headings suggested from it, in English, Russian and Urdu."""

import pytest

from rabta.vocabulary import Vocabulary, get_vocabulary, suggest_headings
from rabta.vocabulary.vocabulary import DATA, HS_MATCH_RUSSIAN


def _top(text: str) -> str | None:
    suggestions = suggest_headings(text)
    return suggestions[0].heading if suggestions else None


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Ищем поставщика риса басмати, партии от 20 тонн", "1006"),
        ("باسمتی چاول کی برآمد", "1006"),
        ("Basmati rice, sortexed, export quality", "1006"),
        ("Surgical instruments from Sialkot", "9018"),
        ("Хирургические инструменты для клиник", "9018"),
        ("سرجیکل آلات کی برآمد", "9018"),
        ("جراحی کے آلات", "9018"),
        ("Закупаем свежие мандарины и апельсины", "0805"),
        ("کنو اور مالٹے کی برآمد", "0805"),
        ("Sindhri mangoes, air freight", "0804"),
        ("Поставка тракторов", "8701"),
        ("Kinnow mandarins, fresh", "0805"),
        ("Leather gloves for industry", "4203"),
        ("چمڑے کے دستانے", "4203"),
        ("Pharmaceutical products, generic medicines", "3004"),
        ("Футбольные мячи ручной сшивки", "9506"),
        ("Hand sieves and riddles", "9604"),  # the HS text alone, no curated concept
        ("Live horses for breeding", "0101"),
    ],
)
def test_the_partner_texts_propose_their_heading_first(text, heading):
    assert _top(text) == heading


def test_multi_word_names_match_in_any_case_and_order():
    vocabulary = get_vocabulary()
    for text in ("рис басмати", "риса басмати", "басмати рисом", "باسمتی چاول", "BASMATI RICE"):
        hits = vocabulary.find(text)
        assert hits[0].concept_id == "basmati-rice", text
    hit = vocabulary.find("surgical instruments")[0]
    assert hit.concept_id == "surgical-instruments"
    assert hit.matched == "surgical instruments"
    assert hit.headings == ("9018",)
    assert hit.sectors == ("surgical-medical-instruments",)
    assert hit.label("ru") == "хирургические инструменты"
    assert hit.label("ur") == "سرجیکل آلات"


def test_the_urdu_word_typed_with_arabic_letters_is_found():
    assert [h.concept_id for h in get_vocabulary().find("سرجيكل آلات")][:1] == [
        "surgical-instruments"
    ]


def test_a_word_inside_a_longer_name_is_not_counted_apart():
    ids = [hit.concept_id for hit in get_vocabulary().find("basmati rice")]
    assert "basmati-rice" in ids and "rice" not in ids


def test_services_have_sectors_and_no_heading():
    hits = get_vocabulary().find("Разработка программного обеспечения на заказ")
    assert hits[0].concept_id == "software-development"
    assert hits[0].headings == () and hits[0].sectors == ("information-technology",)
    assert suggest_headings("Разработка программного обеспечения на заказ") == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345 678 ٢٠٢٦",
        "Lorem ipsum dolor sit amet",
        "Bonjour, nous cherchons des partenaires",
        "这是中文文本",
        "!!! ???",
    ],
)
def test_text_with_nothing_known_gives_no_suggestion(text):
    assert suggest_headings(text) == []
    assert get_vocabulary().find(text) == []


def test_suggestions_are_ranked_and_limited():
    suggestions = suggest_headings("Поставка тракторов и комбайнов, сеялки", limit=2)
    assert len(suggestions) == 2
    assert suggestions[0].score >= suggestions[1].score
    assert suggestions[0].concept_ids
    assert suggest_headings("tractors", limit=0) == []


def test_a_heading_has_a_label_in_each_language():
    vocabulary = get_vocabulary()
    assert vocabulary.heading_label("1006", "ru") == "рис"
    assert vocabulary.heading_label("0101", "ru") == "лошади"
    # No curated concept of 9604: the ТН ВЭД's Russian text; Urdu has none, so English.
    assert vocabulary.heading_label("9604", "ru") == "Сита и решета ручные"
    assert vocabulary.heading_label("9604", "ur") == "Hand sieves and hand riddles"
    assert vocabulary.heading_label("9604", "en") == "Hand sieves and hand riddles"


# Texts two partners write, each in their own language (neither names an HS code): the
# vocabulary must find a concept or an HS heading in both.
PARTNER_TEXTS = [
    ("Экспортируем карбамид и аммиачную селитру", "یوریا کھاد کی درآمد کے خواہشمند ہیں"),
    (
        "Ищем поставщика гималайской розовой соли",
        "Himalayan pink salt lamps and edible salt exporter",
    ),
    ("Куплю хлопковую пряжу 30/1 для трикотажа", "سوتی دھاگہ برآمد کنندہ فیصل آباد"),
    (
        "Требуются кожаные перчатки для сварщиков",
        "Welding gloves, split leather, Sialkot manufacturer",
    ),
    ("Мотоциклетная экипировка из кожи", "Motorbike leather suits and jackets, custom made"),
    ("Ищем производителя футбольных мячей", "فٹ بال تیار کرنے والی فیکٹری سیالکوٹ"),
    ("Закупаем хирургические инструменты для больниц", "سرجیکل آلات بنانے والے"),
    ("Импорт манго из Пакистана", "آم کی برآمد ملتان سے"),
    ("Поставка апельсинов и мандаринов", "Kinnow export from Sargodha"),
    ("Предлагаем сельскохозяйственную технику: тракторы Беларус", "ٹریکٹر درآمد کرنا چاہتے ہیں"),
    (
        "Ищем партнёров для поставки газовых турбин",
        "Gas turbine maintenance for power plant in Sindh",
    ),
    ("Строительство солнечных электростанций под ключ", "سولر پاور پلانٹ کے لیے سرمایہ کار"),
    (
        "Разработка программного обеспечения для банков",
        "Software house offering banking software and fintech",
    ),
    (
        "Приглашаем пакистанских студентов в медицинский университет",
        "MBBS admission in Russia for Pakistani students",
    ),
    (
        "Совместные научные исследования в области сельского хозяйства",
        "زرعی تحقیق میں مشترکہ منصوبہ",
    ),
    ("Перевод с русского на урду, устный и письменный", "ترجمے کی خدمات روسی اور اردو"),
    ("Гастроли фольклорного ансамбля", "Folk music and dance festival in Islamabad"),
    (
        "Туроператор: туры в Пакистан, горы Каракорум",
        "Trekking tours in northern areas of Pakistan for Russian tourists",
    ),
    ("Грузоперевозки из Карачи в Москву через Иран", "Freight forwarding Karachi to Moscow"),
    ("Экспорт лесоматериалов и пиломатериалов", "لکڑی درآمد کرنے والی کمپنی"),
    ("Поставляем бумагу и картон", "Kraft paper and paperboard importer Karachi"),
    ("Продаём нефтепродукты: дизельное топливо, мазут", "ڈیزل اور فرنس آئل کی درآمد"),
    ("Сжиженный природный газ для Пакистана", "LNG import terminal Port Qasim"),
    (
        "Ищем поставщика постельного белья и полотенец",
        "Bed linen and terry towels manufacturer Karachi",
    ),
    ("Джинсовая ткань и джинсы оптом", "ڈینم کپڑا اور جینز کی برآمد"),
    ("Медицинские маски и халаты", "Surgical gowns and face masks manufacturer"),
    ("Стоматологическое оборудование и инструменты", "Dental instruments Sialkot exporter"),
    ("Поставка лекарств и фармацевтических субстанций", "دوا ساز کمپنی خام مال درآمد کرتی ہے"),
    ("Ищем дистрибьютора косметики в Пакистане", "Cosmetics distributor in Lahore"),
    ("Мраморные плиты и оникс из Пакистана", "ماربل اور آنکس کی برآمد"),
    ("Поставка цемента и клинкера", "Cement export from Pakistan"),
    ("Продаём стальную арматуру и катанку", "سریا اور وائر راڈ درآمد"),
    ("Алюминиевые профили для окон", "Aluminium profiles for windows and doors"),
    ("Ищем поставщиков риса для ресторанов", "Rice exporters Pakistan, IRRI-6 and 1121 sella"),
    ("Экспорт чечевицы и нута", "دالیں درآمد کرنے والے"),
    ("Сухофрукты и орехи оптом", "Dry fruits and pine nuts from Balochistan"),
    ("Ковры ручной работы", "Hand-knotted rugs from Lahore"),
    ("Музыкальные инструменты: волынки", "Bagpipes manufacturer Sialkot"),
    ("Ножи и кухонные принадлежности", "چھریاں اور کچن کا سامان وزیر آباد"),
    ("Запчасти для автомобилей КАМАЗ", "Truck spare parts importer"),
    ("Поставка железнодорожных рельсов", "Railway track rehabilitation project"),
    ("Изготовление спортивной формы для хоккея", "Hockey sticks and hockey kits"),
    ("Производство детской одежды", "بچوں کے کپڑے تیار کرنے والے"),
    ("Инвестиции в особые экономические зоны", "CPEC special economic zones seek investors"),
    # goods and services of the HS chapters and the services trade added later
    ("Экспорт льна и льняного масла", "Linseed oil importer Lahore"),
    ("Горячебрикетированное железо (ГБЖ) на экспорт", "Sponge iron for our steel mill"),
    ("Ищем поставщика бокситов", "باکسائٹ کی برآمد بلوچستان سے"),
    ("Деревянные поддоны и европоддоны", "لکڑی کے پیلیٹ درکار ہیں"),
    ("Кальмары и каракатица замороженные", "Frozen cuttlefish and squid exporter Karachi"),
    ("Фумигация контейнеров перед отгрузкой", "فیومیگیشن سروس کراچی پورٹ"),
    ("Гипсокартон и подвесные потолки", "جپسم بورڈ اور فالس سیلنگ"),
    ("Доильное оборудование для фермы", "Milking machines for a dairy farm in Okara"),
    ("Одежда секонд-хенд оптом", "لنڈے کا مال درآمد"),
    ("Оформление виз и деловая виза в Россию", "Business visa services for Pakistani traders"),
    ("Огнетушители и системы пожаротушения", "آگ بجھانے کے آلات"),
    ("Станки лазерной резки", "Laser cutting machines dealer Gujranwala"),
]


@pytest.mark.parametrize(("one", "other"), PARTNER_TEXTS)
def test_partners_writing_in_different_languages_share_a_concept_or_heading(one, other):
    vocabulary = get_vocabulary()
    first, second = vocabulary.find(one), vocabulary.find(other)
    concepts = {h.concept_id for h in first} & {h.concept_id for h in second}
    headings = {x for h in first for x in h.headings} & {x for h in second for x in h.headings}
    assert concepts or headings, (
        sorted(h.concept_id for h in first),
        sorted(h.concept_id for h in second),
    )


def test_curated_matches_score_at_least_0_8_and_hs_wording_under_0_7():
    vocabulary = get_vocabulary()
    hits = [
        hit
        for text in ("пинцеты", "Hand sieves and riddles", "gloves", "valves and taps")
        for hit in vocabulary.find(text)
    ]
    assert any(hit.is_curated for hit in hits) and any(not hit.is_curated for hit in hits)
    for hit in hits:
        assert hit.score >= 0.8 if hit.is_curated else hit.score < 0.7


@pytest.fixture(scope="module")
def russian_reader() -> Vocabulary:
    """The shipped data, reading the headings' Russian texts as their English ones."""
    return Vocabulary.load(DATA, match_russian_headings=True)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # Products no curated concept names: the ТН ВЭД's Russian heading text finds them.
        ("Поставляем копру из Шри-Ланки", "1203"),
        ("Ищем поставщика ручных сит и решет", "9604"),
    ],
)
def test_a_russian_text_finds_a_heading_by_its_russian_text(russian_reader, text, heading):
    hits = russian_reader.find(text)
    assert [hit.concept_id for hit in hits] == [f"hs-{heading}"]
    assert not hits[0].is_curated and hits[0].score < 0.7
    assert [s.heading for s in russian_reader.suggest_headings(text)] == [heading]
    # The shipped vocabulary reads the Russian heading texts only when HS_MATCH_RUSSIAN is on.
    assert bool(get_vocabulary().find(text)) == HS_MATCH_RUSSIAN


@pytest.mark.parametrize(
    "text",
    [
        "Ищем поставщиков: прочие изделия, части и оборудование, готовые материалы",
        # Adjectives alone («детские», «медицинский») and offer idioms («под ключ»,
        # «центр», «Азия») name no heading.
        "Детские и медицинские заказы на летний сезон",
        "Выход на рынки Центральной Азии под ключ, медицинский центр",
    ],
)
def test_generic_russian_words_of_the_heading_texts_name_no_heading(russian_reader, text):
    assert not any(hit.concept_id.startswith("hs-") for hit in russian_reader.find(text))


def test_a_curated_concept_comes_before_the_russian_heading_text(russian_reader):
    # «рис» is a curated concept; 1006's Russian heading text only backs it.
    assert russian_reader.suggest_headings("Экспорт риса")[0].heading == "1006"
    assert russian_reader.find("Экспорт риса")[0].is_curated


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        # 2937's text ends "…, including chain modified polypeptides": a qualifier.
        ("We are looking for a restaurant chain partner in Moscow", "hs-2937"),
    ],
)
def test_words_that_qualify_or_exclude_in_a_heading_text_do_not_name_it(text, not_this):
    assert not_this not in [hit.concept_id for hit in get_vocabulary().find(text)]


def test_a_heading_text_is_split_into_its_own_words_and_its_qualifiers():
    from rabta.vocabulary.vocabulary import heading_parts

    assert heading_parts("Fish; frozen, excluding fish fillets of heading 0304") == (
        "Fish; frozen, ",
        "",
    )
    own, qualifying = heading_parts("Fish fillets (whether or not minced); fresh")
    assert "minced" in qualifying and "minced" not in own and "fresh" in own


def test_a_state_of_goods_alone_names_no_heading():
    # "fresh or chilled" is in the texts of every heading of meat and fish: no evidence of one.
    hits = get_vocabulary().find("fresh chilled fish")
    assert [hit.concept_id for hit in hits] == ["fish"]


@pytest.mark.parametrize(
    "text",
    [
        "Goods are shipped within 10 days of payment",  # no vessel, clock or postage stamp
        "We ship by sea from Karachi",  # no vessel, no sea salt
    ],
)
def test_terms_of_delivery_name_no_goods(text):
    assert get_vocabulary().find(text) == []


def test_ships_and_boats_are_still_found():
    for text in ("used ships for recycling", "fishing vessels and boats"):
        assert "ships-boats" in [hit.concept_id for hit in get_vocabulary().find(text)]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("injection moulding grade polypropylene", "polypropylene"),
        ("Injection molding grade PP homopolymer", "plastics"),
        ("injection moulded plastic parts", "plastic-products"),
        ("We offer plastic injection moulding", "plastic-products"),
        ("انجیکشن مولڈنگ", "plastic-products"),
        ("полипропилен литьевой марки", "polypropylene"),
    ],
)
def test_injection_moulding_is_plastics_processing_not_medicine(text, concept):
    """ "Injection" beside moulding, molding or grade is the plastics process, named in phrases
    ("injection moulding grade", "injection moulding") that swallow the pharmaceutical word."""
    found = {hit.concept_id for hit in get_vocabulary().find(text)}
    assert concept in found
    assert "injectables-infusions" not in found


@pytest.mark.parametrize(
    "text", ["Injections and infusions, IV fluids", "انجکشن اور ڈرپ", "инъекции"]
)
def test_injections_alone_are_still_medicine(text):
    assert "injectables-infusions" in {hit.concept_id for hit in get_vocabulary().find(text)}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Приглашаем исполнителей каввали", "music-culture"),
        ("qawali night", "music-culture"),
        ("Сосна и ель, доска обрезная", "timber-logs"),
        ("چیڑ اور سپروس کی لکڑی کے تختے", "timber-logs"),
        ("недоуздки, уздечки, попоны", "saddlery"),
        ("bridles and halters", "saddlery"),
        ("Закупка суровой ткани (бязь, поплин)", "cotton-fabric"),
        ("перкаль или сатин", "cotton-fabric"),
        ("пряжа х/б кардная и гребенная", "cotton-yarn"),
        ("کارڈڈ اور کومبڈ کاٹن یارن", "cotton-yarn"),
        ("Натуральный камень оникс: слэбы для интерьера", "marble-granite"),
        ("بلوچستان کا سبز اونکس", "marble-granite"),
        ("React Native and Flutter developers", "mobile-apps"),
        ("Python/Django backend", "software-development"),
        ("ایکسٹریکشن فورسیپس، ایلیویٹرز، سکیلرز", "dental-tools"),
        ("ماہانہ 250 ٹن کاپر راڈ چاہیے", "copper-products"),
        ("медная катанка", "copper-products"),
        ("Киностудия ищет партнёров", "film-production"),
        ("Капремонт скважин и ГРП", "well-services"),
        ("Frozen ribbonfish, croaker", "frozen-fish"),
        ("скумбрия, горбыль, сабля-рыба", "frozen-fish"),
        ("روسی برچ پلائی وڈ 18 ملی میٹر", "plywood-boards"),
        ("سندھڑی اور چونسا", "mangoes"),
        ("Манго синдхри", "mangoes"),
        ("мандарины киннау", "kinnow"),
        ("моцарелла, чеддер, сулугуни", "cheese"),
        ("производство худи", "knitwear"),
        ("قندھاری اور بیدانہ انار", "guava-papaya"),
        ("آکسفورڈ، لوفر، بوٹ", "leather-footwear"),
        ("ناخن کی قینچی، ٹوئیزر", "manicure-beauty"),
        ("Кунжут для халвы и козинаков", "halva"),
        ("PP homopolymer raffia grade", "polypropylene"),
        ("tourmaline and aquamarine from Gilgit", "gems-stones"),
        ("ٹورمالین اور ایکوامیرین", "gems-stones"),
        ("Biker, bomber jackets and shearling styles", "leather-jackets"),
        ("Hand carved sheesham wood furniture", "home-furniture"),
        ("экипировка для самбо", "boxing-martial"),
        ("200 annotators: bounding boxes, segmentation", "data-annotation"),
        ("попоны флисовые, вальтрапы", "saddlery"),
        ("шотландских волынок и тренировочных чантеров", "bagpipes-wind"),
        ("удобрения: диаммофос", "dap-phosphate"),
        ("ریلیف ٹینٹ، فوجی ٹینٹ", "tents-tarpaulins"),
        ("ٹیری تولیے اور باتھ روب", "towels"),
        ("ہماری اسپننگ مل فیصل آباد میں ہے", "cotton-yarn"),
        ("ایلومینیم ایکسٹروژن یونٹ", "aluminium-products"),
        ("Конная амуниция", "saddlery"),
    ],
)
def test_trade_words_traders_write_are_read(text, concept):
    """Words an audit of the labelled texts found unread, added with their families."""
    assert concept in {hit.concept_id for hit in get_vocabulary().find(text)}


@pytest.mark.parametrize(
    "text", ["Пищевая соль и соляные лампы", "نمک کے لیمپ", "Himalayan salt lamps"]
)
def test_salt_lamps_are_salt_not_lighting(text):
    found = {hit.concept_id for hit in get_vocabulary().find(text)}
    assert "pink-salt" in found
    assert "lighting" not in found


@pytest.mark.parametrize(
    ("text", "variety"),
    [
        ("Whole yellow peas from Kostanay, by rail", "dry-peas"),
        ("ثابت پیلے مٹر چاہیئں", "dry-peas"),
        ("Закупаем колотый горох", "dry-peas"),
        ("Нут кабули 7–8 мм, урожай 2025", "chickpeas"),
        ("کابلی چنا درآمد کرنا ہے", "chickpeas"),
        ("Red lentils (masoor), 25 kg bags", "lentils"),
        ("Красная чечевица, экспорт", "lentils"),
        ("راجما اور سفید لوبیا", "dry-beans"),
        ("Moong daal and mash daal for retail", "mung-urad"),
    ],
)
def test_a_pulse_is_read_as_its_variety_and_as_pulses(text, variety):
    """Yellow peas and chickpeas are both pulses, but a dal mill buying peas is the partner of
    the pea exporter, not of the chickpea one: the variety is read beside the group."""
    found = {hit.concept.id for hit in get_vocabulary().find(text)}
    assert {variety, "pulses"} <= found
    assert not found & ({"chickpeas", "lentils", "dry-peas", "dry-beans", "mung-urad"} - {variety})


def test_green_peas_and_beans_stay_vegetables_and_coffee():
    vocabulary = get_vocabulary()
    assert "dry-peas" not in {hit.concept.id for hit in vocabulary.find("Frozen green peas")}
    assert {hit.concept.id for hit in vocabulary.find("Arabica coffee beans")} == {"coffee"}
