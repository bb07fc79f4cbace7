"""An adversarial background for the labelled partner pairs (benchmarks/run_recommendations.py).

The catalogue names the corridor's products by group, each with the country that exports (or
offers) it: Pakistan exports instruments, sports goods, leather, textiles, fruit, rice and IT
services; Russia exports grain, oil, fertiliser, metals, machinery, energy equipment and
education. ``marketplace_data.generate(sectors=CATALOGUE, exporters=EXPORTERS)`` then writes
10,000 organisations and 100,000 opportunities where, in each group, the exporting country's
firms only seek and the other country's only offer: every background firm that names a planted
pair's product is a same-side peer (another Russian importer, another Pakistani exporter) or a
same-country one (a Russian trader for a Russian importer), never an equally good partner. The
products are mixed with decoys that share their words ("rice bran oil", "boxing gloves" next to
"work gloves", "surgical masks" next to "surgical instruments"), and every description lists
the whole group's words.
"""

from __future__ import annotations


def t(en: str, ru: str, ur: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "ur": ur}


# (sector code/group, sector name, HS headings, comma-separated products per language)
CATALOGUE = [
    (
        "surgical-medical-instruments/pk",
        t("Surgical and medical instruments", "Медицинские инструменты", "جراحی اور طبی آلات"),
        ["9018", "9019", "9021", "6307", "9402"],
        t(
            "surgical instruments, surgical masks, dental chairs, dental instruments, "
            "hospital beds, surgical gloves, orthopaedic implants",
            "хирургические инструменты, медицинские маски, стоматологические кресла, "
            "стоматологические инструменты, больничные кровати, хирургические перчатки",
            "جراحی آلات, سرجیکل ماسک, دانتوں کی کرسیاں, دانتوں کے آلات, ہسپتال کے بستر",
        ),
    ),
    (
        "sports-goods/pk",
        t("Sports goods", "Спортивные товары", "کھیلوں کا سامان"),
        ["9506", "9504", "6402", "4203"],
        t(
            "footballs, football boots, goalkeeper gloves, boxing gloves, cricket bats, "
            "sports uniforms, table tennis balls",
            "футбольные мячи, футбольные бутсы, вратарские перчатки, боксёрские перчатки, "
            "спортивная форма, теннисные мячи",
            "فٹ بال, فٹ بال کے جوتے, گول کیپر دستانے, باکسنگ دستانے, کرکٹ بیٹ, کھیلوں کی وردیاں",
        ),
    ),
    (
        "leather-goods/pk",
        t("Leather goods", "Кожаные изделия", "چمڑے کی مصنوعات"),
        ["4202", "4203", "6403", "4107"],
        t(
            "leather jackets, leather bags, leather car seat covers, work gloves, "
            "leather shoes, finished leather",
            "кожаные куртки, кожаные сумки, чехлы для автомобильных сидений, рабочие перчатки, "
            "кожаная обувь, выделанная кожа",
            "چمڑے کی جیکٹ, چمڑے کے بیگ, گاڑی کی سیٹ کور, کام کے دستانے, چمڑے کے جوتے",
        ),
    ),
    (
        "textiles-apparel/pk",
        t("Textiles and apparel", "Текстиль и одежда", "ٹیکسٹائل اور ملبوسات"),
        ["5205", "5208", "5209", "6109", "6302", "5701"],
        t(
            "cotton yarn, denim jackets, denim fabric, terry towels, bed sheets, t-shirts, "
            "cotton seed oil, hand-knotted carpets",
            "хлопковая пряжа, джинсовые куртки, джинсовая ткань, махровые полотенца, "
            "постельное бельё, футболки, ковры",
            "سوتی دھاگا, ڈینم جیکٹ, ڈینم کپڑا, تولیے, بیڈ شیٹس, ٹی شرٹس, قالین",
        ),
    ),
    (
        "cutlery/pk",
        t("Cutlery", "Столовые приборы", "کٹلری"),
        ["8211", "8214", "8215"],
        t(
            "cutlery sets, kitchen knives, nail nippers, hair scissors, spoons and forks",
            "столовые приборы, кухонные ножи, маникюрные кусачки, парикмахерские ножницы",
            "کٹلری سیٹ, کچن کے چاقو, ناخن تراش, بال کاٹنے کی قینچی, چمچ اور کانٹے",
        ),
    ),
    (
        "agriculture-food/pk",
        t("Agriculture and food", "Сельское хозяйство", "زراعت اور خوراک"),
        ["1006", "0805", "0804", "2501", "1207", "0202", "0303", "0701"],
        t(
            "basmati rice, rice bran oil, broken rice for feed, kinnow mandarins, citrus juice, "
            "mango pulp, fresh mangoes, pink salt, sesame seeds, dates, halal beef, frozen fish, "
            "potatoes",
            "рис басмати, масло рисовых отрубей, дроблёный рис, мандарины, цитрусовый сок, "
            "манговое пюре, манго, розовая соль, кунжут, финики, говядина халяль, рыба, картофель",
            "باسمتی چاول, چاول کی بھوسی کا تیل, ٹوٹا چاول, کینو, مالٹے کا رس, آم کا گودا, آم, "
            "گلابی نمک, تل, کھجور, حلال گوشت, مچھلی, آلو",
        ),
    ),
    (
        "information-technology/pk",
        t("Information technology", "Информационные технологии", "انفارمیشن ٹیکنالوجی"),
        [],
        t(
            "mobile app development, software testing, web design, call centre services, "
            "data entry, cloud hosting",
            "разработка мобильных приложений, тестирование ПО, веб-дизайн, колл-центр, "
            "облачный хостинг",
            "موبائل ایپ ڈویلپمنٹ, سافٹ ویئر ٹیسٹنگ, ویب ڈیزائن, کال سینٹر, کلاؤڈ ہوسٹنگ",
        ),
    ),
    (
        "agriculture-food/ru",
        t("Agriculture and food", "Сельское хозяйство", "زراعت اور خوراک"),
        ["1001", "1512", "0713", "1008", "3102", "4407"],
        t(
            "wheat, wheat flour, sunflower oil, sunflower seeds, chickpeas, yellow peas, "
            "buckwheat, urea fertiliser, sawn timber, wood pellets",
            "пшеница, пшеничная мука, подсолнечное масло, семечки, нут, горох, гречиха, "
            "карбамид, пиломатериалы, пеллеты",
            "گندم, آٹا, سورج مکھی کا تیل, چنے, مٹر, کٹو, یوریا کھاد, لکڑی",
        ),
    ),
    (
        "engineering-goods/ru",
        t("Engineering goods", "Машиностроение", "انجینئرنگ مصنوعات"),
        ["8701", "8433", "8607", "8413", "7208", "7601", "4801", "2836"],
        t(
            "tractors, combine harvesters, locomotive spare parts, pumps, steel coils, "
            "steel pipes, aluminium ingots, aluminium foil, newsprint, soda ash",
            "тракторы, комбайны, запчасти для тепловозов, насосы, стальной прокат, трубы, "
            "алюминий, фольга, газетная бумага, кальцинированная сода",
            "ٹریکٹر, کمبائن ہارویسٹر, ریلوے انجن کے پرزے, پمپ, سٹیل کوائل, ایلومینیم, اخباری کاغذ",
        ),
    ),
    (
        "energy/ru",
        t("Energy", "Энергетика", "توانائی"),
        ["2711", "2709", "8504", "8541", "8502"],
        t(
            "liquefied gas, crude oil, power transformers, solar panels, solar power plant, "
            "hydropower turbines, diesel generators",
            "сжиженный газ, нефть, силовые трансформаторы, солнечные панели, "
            "солнечная электростанция, гидротурбины, дизельные генераторы",
            "مائع گیس, خام تیل, بجلی کے ٹرانسفارمر, سولر پینل, شمسی بجلی گھر, پن بجلی, جنریٹر",
        ),
    ),
    (
        "pharmaceuticals/pk",
        t("Pharmaceuticals", "Фармацевтика", "دوا سازی"),
        ["3004", "3006"],
        t(
            "generic medicines, antibiotics, herbal medicines, syrups, first aid kits",
            "дженерики, антибиотики, растительные лекарства, сиропы, аптечки",
            "جنرک ادویات, اینٹی بائیوٹکس, جڑی بوٹیوں کی دوائیں, شربت, ابتدائی طبی امداد",
        ),
    ),
    (
        "pharmaceuticals/ru",
        t("Pharmaceuticals", "Фармацевтика", "دوا سازی"),
        ["3002", "9022", "8418"],
        t(
            "insulin, vaccines, x-ray machines, cold storage for fruit, drip irrigation, "
            "textile machinery",
            "инсулин, вакцины, рентгеновские аппараты, холодильные камеры, капельное орошение, "
            "текстильное оборудование",
            "انسولین, ویکسین, ایکس رے مشین, کولڈ سٹوریج, ڈرپ آبپاشی, ٹیکسٹائل مشینری",
        ),
    ),
    (
        "education/ru",
        t("Education", "Образование", "تعلیم"),
        [],
        t(
            "russian language course, joint programme, student exchange, scholarships, "
            "petroleum engineering, nuclear physics, agronomy, pilot training",
            "курсы русского языка, совместная программа, обмен студентами, стипендии, "
            "нефтегазовое дело, ядерная физика, агрономия, обучение пилотов",
            "روسی زبان کا کورس, مشترکہ پروگرام, طلبہ کا تبادلہ, وظائف, پٹرولیم انجینئرنگ, زراعت",
        ),
    ),
    (
        "culture-translation/pk",
        t("Culture and translation", "Культура и перевод", "ثقافت اور ترجمہ"),
        [],
        t(
            "qawwali concerts, sufi music, urdu interpreters, truck art, handicraft exhibitions",
            "концерты каввали, суфийская музыка, переводчики урду, ремёсла, выставки",
            "قوالی, صوفی موسیقی, اردو مترجم, ٹرک آرٹ, دستکاری نمائش",
        ),
    ),
    (
        "culture-translation/ru",
        t("Culture and translation", "Культура и перевод", "ثقافت اور ترجمہ"),
        [],
        t(
            "literary translation, film co-production, publishing, exhibitions",
            "художественный перевод, копродукция фильмов, издательство, выставки",
            "ادبی ترجمہ, فلم سازی, اشاعت, نمائش",
        ),
    ),
    (
        "construction/pk",
        t("Construction", "Строительство", "تعمیرات"),
        ["6802", "2523"],
        t(
            "marble tiles, onyx slabs, cement, freight forwarding, container shipping, "
            "mountain tours, bagpipes",
            "мраморная плитка, оникс, цемент, экспедирование, контейнерные перевозки, "
            "горные туры, волынки",
            "سنگ مرمر, اونکس, سیمنٹ, فریٹ فارورڈنگ, کنٹینر شپنگ, پہاڑی ٹور",
        ),
    ),
    (
        "construction/ru",
        t("Construction", "Строительство", "تعمیرات"),
        ["6810", "7308"],
        t(
            "housing construction, steel structures, bridges, prefabricated houses",
            "жилищное строительство, металлоконструкции, мосты, сборные дома",
            "رہائشی تعمیر, سٹیل ڈھانچے, پل, پری فیب مکانات",
        ),
    ),
]
EXPORTERS = {code: code.rsplit("/", 1)[1].upper() for code, *_rest in CATALOGUE}
