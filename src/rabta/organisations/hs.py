"""Harmonized System (HS) chapters, 01–97, with their names in English, Russian and Urdu.

The names follow the HS nomenclature (English), the EAEU ТН ВЭД (Russian) and common Pakistani
customs usage (Urdu), shortened where the official heading is a list of exclusions. Chapter 77 is
reserved by the World Customs Organization: it has a name but is not a valid chapter for codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class HSChapter:
    number: str
    names: dict[str, str]
    reserved: bool = False

    def name(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "en").split("-")[0]
        return self.names.get(language) or self.names["en"]


# fmt: off
_CHAPTERS: list[tuple[str, str, str, str]] = [
    ('01', 'Live animals', 'Живые животные', 'زندہ جانور'),
    ('02', 'Meat and edible meat offal', 'Мясо и пищевые мясные субпродукты', 'گوشت اور کھانے کے قابل اوجھڑی'),
    ('03', 'Fish and crustaceans, molluscs and other aquatic invertebrates', 'Рыба и ракообразные, моллюски и прочие водные беспозвоночные', 'مچھلی، جھینگے، گھونگے اور دیگر آبی بے ریڑھ جانور'),
    ('04', "Dairy produce; birds' eggs; natural honey; edible products of animal origin", 'Молочная продукция; яйца птиц; мёд натуральный; пищевые продукты животного происхождения', 'دودھ کی مصنوعات؛ پرندوں کے انڈے؛ قدرتی شہد؛ حیوانی خوردنی مصنوعات'),
    ('05', 'Products of animal origin, not elsewhere specified', 'Продукты животного происхождения, в другом месте не поименованные', 'حیوانی مصنوعات جن کا ذکر کہیں اور نہیں'),
    ('06', 'Live trees and other plants; bulbs, roots; cut flowers and ornamental foliage', 'Живые деревья и другие растения; луковицы, корни; срезанные цветы и декоративная зелень', 'زندہ درخت اور پودے؛ گٹھلیاں اور جڑیں؛ کٹے ہوئے پھول اور آرائشی پتے'),
    ('07', 'Edible vegetables and certain roots and tubers', 'Овощи и некоторые съедобные корнеплоды и клубнеплоды', 'خوردنی سبزیاں اور بعض جڑیں اور کند'),
    ('08', 'Edible fruit and nuts; peel of citrus fruit or melons', 'Съедобные фрукты и орехи; кожура цитрусовых или бахчевых', 'خوردنی پھل اور میوے؛ ترش پھلوں یا خربوزوں کے چھلکے'),
    ('09', 'Coffee, tea, maté and spices', 'Кофе, чай, мате и пряности', 'کافی، چائے، میٹے اور مصالحے'),
    ('10', 'Cereals', 'Злаки', 'اناج'),
    ('11', 'Products of the milling industry; malt; starches; inulin; wheat gluten', 'Продукция мукомольно-крупяной промышленности; солод; крахмалы; инулин; пшеничная клейковина', 'آٹا پیسنے کی صنعت کی مصنوعات؛ مالٹ؛ نشاستے؛ انولن؛ گندم کا گلوٹن'),
    ('12', 'Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial or medicinal plants; straw and fodder', 'Масличные семена и плоды; прочие семена, плоды и зерно; лекарственные растения и растения для технических целей; солома и фураж', 'تیل دار بیج اور پھل؛ متفرق اناج، بیج اور پھل؛ صنعتی یا طبی پودے؛ بھوسا اور چارہ'),
    ('13', 'Lac; gums, resins and other vegetable saps and extracts', 'Шеллак; камеди, смолы и прочие растительные соки и экстракты', 'لاکھ؛ گوند، رال اور دیگر نباتاتی رس اور عرق'),
    ('14', 'Vegetable plaiting materials; vegetable products not elsewhere specified', 'Растительные материалы для изготовления плетёных изделий; прочие продукты растительного происхождения', 'بُنائی کے نباتاتی مواد؛ دیگر نباتاتی مصنوعات'),
    ('15', 'Animal, vegetable or microbial fats and oils; prepared edible fats; waxes', 'Жиры и масла животного, растительного или микробиологического происхождения; готовые пищевые жиры; воски', 'حیوانی، نباتاتی یا جرثومی چکنائیاں اور تیل؛ تیار خوردنی چکنائیاں؛ موم'),
    ('16', 'Preparations of meat, fish, crustaceans, molluscs or insects', 'Готовые продукты из мяса, рыбы, ракообразных, моллюсков или насекомых', 'گوشت، مچھلی، جھینگوں، گھونگوں یا کیڑوں سے تیار اشیاء'),
    ('17', 'Sugars and sugar confectionery', 'Сахар и кондитерские изделия из сахара', 'شکر اور شکر کی مٹھائیاں'),
    ('18', 'Cocoa and cocoa preparations', 'Какао и продукты из него', 'کوکو اور کوکو سے تیار اشیاء'),
    ('19', "Preparations of cereals, flour, starch or milk; pastrycooks' products", 'Готовые продукты из зерна злаков, муки, крахмала или молока; мучные кондитерские изделия', 'اناج، آٹے، نشاستے یا دودھ سے تیار اشیاء؛ بیکری کی مصنوعات'),
    ('20', 'Preparations of vegetables, fruit, nuts or other parts of plants', 'Продукты переработки овощей, фруктов, орехов или прочих частей растений', 'سبزیوں، پھلوں، میووں یا پودوں کے دیگر حصوں سے تیار اشیاء'),
    ('21', 'Miscellaneous edible preparations', 'Разные пищевые продукты', 'متفرق خوردنی تیاریاں'),
    ('22', 'Beverages, spirits and vinegar', 'Алкогольные и безалкогольные напитки и уксус', 'مشروبات، اسپرٹ اور سرکہ'),
    ('23', 'Residues and waste from the food industries; prepared animal fodder', 'Остатки и отходы пищевой промышленности; готовые корма для животных', 'غذائی صنعت کا فضلہ اور باقیات؛ تیار حیوانی چارہ'),
    ('24', 'Tobacco and manufactured tobacco substitutes', 'Табак и промышленные заменители табака', 'تمباکو اور تمباکو کے تیار متبادل'),
    ('25', 'Salt; sulphur; earths and stone; plastering materials, lime and cement', 'Соль; сера; земли и камень; штукатурные материалы, известь и цемент', 'نمک؛ گندھک؛ مٹی اور پتھر؛ پلستر کا مواد، چونا اور سیمنٹ'),
    ('26', 'Ores, slag and ash', 'Руды, шлак и зола', 'کچ دھاتیں، سلیگ اور راکھ'),
    ('27', 'Mineral fuels, mineral oils and products of their distillation; bituminous substances; mineral waxes', 'Топливо минеральное, нефть и продукты их перегонки; битуминозные вещества; воски минеральные', 'معدنی ایندھن، معدنی تیل اور ان کی کشید کی مصنوعات؛ بٹومینی مادے؛ معدنی موم'),
    ('28', 'Inorganic chemicals; compounds of precious metals, rare-earth metals, radioactive elements or isotopes', 'Продукты неорганической химии; соединения драгоценных металлов, редкоземельных металлов, радиоактивных элементов или изотопов', 'غیر نامیاتی کیمیکلز؛ قیمتی دھاتوں، نایاب ارضی دھاتوں، تابکار عناصر یا آئسوٹوپس کے مرکبات'),
    ('29', 'Organic chemicals', 'Органические химические соединения', 'نامیاتی کیمیکلز'),
    ('30', 'Pharmaceutical products', 'Фармацевтическая продукция', 'دوا سازی کی مصنوعات'),
    ('31', 'Fertilisers', 'Удобрения', 'کھادیں'),
    ('32', 'Tanning or dyeing extracts; dyes, pigments, paints and varnishes; putty; inks', 'Экстракты дубильные или красильные; красители, пигменты, краски и лаки; шпатлёвки; чернила', 'چمڑا رنگنے یا رنگائی کے عرق؛ رنگ، روغن، پینٹ اور وارنش؛ پٹین؛ سیاہیاں'),
    ('33', 'Essential oils and resinoids; perfumery, cosmetic or toilet preparations', 'Эфирные масла и резиноиды; парфюмерные, косметические или туалетные средства', 'خوشبودار تیل اور رال؛ عطریات، کاسمیٹکس اور بناؤ سنگھار کی اشیاء'),
    ('34', 'Soap, washing and lubricating preparations, waxes, polishes, candles, modelling pastes and dental waxes', 'Мыло, моющие и смазочные средства, воски, чистящие составы, свечи, пасты для лепки и зубоврачебные воски', 'صابن، دھلائی اور چکنائی کی تیاریاں، موم، پالش، موم بتیاں، ماڈلنگ پیسٹ اور دندان سازی کا موم'),
    ('35', 'Albuminoidal substances; modified starches; glues; enzymes', 'Белковые вещества; модифицированные крахмалы; клеи; ферменты', 'البیومنی مادے؛ ترمیم شدہ نشاستے؛ گوند؛ خامرے'),
    ('36', 'Explosives; pyrotechnic products; matches; pyrophoric alloys', 'Взрывчатые вещества; пиротехнические изделия; спички; пирофорные сплавы', 'دھماکا خیز مواد؛ آتش بازی کی مصنوعات؛ ماچس؛ آتش گیر مرکب دھاتیں'),
    ('37', 'Photographic or cinematographic goods', 'Фото- и кинотовары', 'فوٹوگرافی یا سنیما کا سامان'),
    ('38', 'Miscellaneous chemical products', 'Прочие химические продукты', 'متفرق کیمیائی مصنوعات'),
    ('39', 'Plastics and articles thereof', 'Пластмассы и изделия из них', 'پلاسٹک اور اس سے بنی اشیاء'),
    ('40', 'Rubber and articles thereof', 'Каучук, резина и изделия из них', 'ربڑ اور اس سے بنی اشیاء'),
    ('41', 'Raw hides and skins (other than furskins) and leather', 'Необработанные шкуры (кроме натурального меха) и выделанная кожа', 'کچی کھالیں (سمور کے علاوہ) اور چمڑا'),
    ('42', 'Articles of leather; saddlery and harness; travel goods, handbags and similar containers; articles of animal gut', 'Изделия из кожи; шорно-седельные изделия и упряжь; дорожные принадлежности, дамские сумки и аналогичные им товары; изделия из кишок животных', 'چمڑے کی اشیاء؛ زین اور ساز؛ سفری سامان، دستی بیگ اور اسی طرح کے تھیلے؛ جانوروں کی آنت سے بنی اشیاء'),
    ('43', 'Furskins and artificial fur; manufactures thereof', 'Натуральный и искусственный мех; изделия из него', 'سمور اور مصنوعی سمور؛ ان سے بنی اشیاء'),
    ('44', 'Wood and articles of wood; wood charcoal', 'Древесина и изделия из неё; древесный уголь', 'لکڑی اور لکڑی کی اشیاء؛ لکڑی کا کوئلہ'),
    ('45', 'Cork and articles of cork', 'Пробка и изделия из неё', 'کارک اور کارک کی اشیاء'),
    ('46', 'Manufactures of straw, esparto or other plaiting materials; basketware and wickerwork', 'Изделия из соломы, альфы или прочих материалов для плетения; корзиночные и плетёные изделия', 'بھوسے، گھاس یا دیگر بُنائی کے مواد سے بنی اشیاء؛ ٹوکریاں اور چٹائیاں'),
    ('47', 'Pulp of wood or other fibrous cellulosic material; recovered paper or paperboard', 'Масса из древесины или других волокнистых целлюлозных материалов; регенерируемые бумага или картон', 'لکڑی یا دیگر ریشہ دار سیلولوزی مواد کا گودا؛ ردی کاغذ اور گتا'),
    ('48', 'Paper and paperboard; articles of paper pulp, paper or paperboard', 'Бумага и картон; изделия из бумажной массы, бумаги или картона', 'کاغذ اور گتا؛ کاغذ کے گودے، کاغذ یا گتے کی اشیاء'),
    ('49', 'Printed books, newspapers, pictures and other products of the printing industry; manuscripts, typescripts and plans', 'Печатные книги, газеты, репродукции и другие изделия полиграфической промышленности; рукописи, машинописные тексты и планы', 'چھپی ہوئی کتابیں، اخبارات، تصاویر اور طباعت کی صنعت کی دیگر مصنوعات؛ مسودے اور نقشے'),
    ('50', 'Silk', 'Шёлк', 'ریشم'),
    ('51', 'Wool, fine or coarse animal hair; horsehair yarn and woven fabric', 'Шерсть, тонкий или грубый волос животных; пряжа и ткань из конского волоса', 'اون، جانوروں کے باریک یا موٹے بال؛ گھوڑے کے بالوں کا دھاگا اور کپڑا'),
    ('52', 'Cotton', 'Хлопок', 'کپاس'),
    ('53', 'Other vegetable textile fibres; paper yarn and woven fabrics of paper yarn', 'Прочие растительные текстильные волокна; бумажная пряжа и ткани из неё', 'دیگر نباتاتی کپڑا سازی کے ریشے؛ کاغذی دھاگا اور اس کا کپڑا'),
    ('54', 'Man-made filaments', 'Химические нити', 'مصنوعی تار (فلامنٹ)'),
    ('55', 'Man-made staple fibres', 'Химические волокна', 'مصنوعی اسٹیپل ریشے'),
    ('56', 'Wadding, felt and nonwovens; special yarns; twine, cordage, ropes and cables', 'Вата, войлок или фетр и нетканые материалы; специальная пряжа; бечёвки, верёвки, канаты и тросы', 'روئی کی گدی، نمدہ اور غیر بُنا کپڑا؛ خاص دھاگے؛ سُتلی، رسیاں اور رسے'),
    ('57', 'Carpets and other textile floor coverings', 'Ковры и прочие текстильные напольные покрытия', 'قالین اور فرش کے دیگر کپڑے کے غلاف'),
    ('58', 'Special woven fabrics; tufted textile fabrics; lace; tapestries; trimmings; embroidery', 'Специальные ткани; тафтинговые текстильные материалы; кружева; гобелены; отделочные материалы; вышивки', 'خاص بُنے ہوئے کپڑے؛ ٹفٹڈ کپڑے؛ لیس؛ پردے؛ جھالر؛ کڑھائی'),
    ('59', 'Impregnated, coated, covered or laminated textile fabrics; textile articles for industrial use', 'Текстильные материалы, пропитанные, с покрытием или дублированные; текстильные изделия технического назначения', 'رنگے، لیپے، ڈھکے یا تہہ دار کپڑے؛ صنعتی استعمال کی کپڑے کی اشیاء'),
    ('60', 'Knitted or crocheted fabrics', 'Трикотажные полотна машинного или ручного вязания', 'بُنا ہوا (نٹڈ یا کروشیا) کپڑا'),
    ('61', 'Articles of apparel and clothing accessories, knitted or crocheted', 'Предметы одежды и принадлежности к одежде, трикотажные машинного или ручного вязания', 'ملبوسات اور لباس کے لوازمات، نٹڈ یا کروشیا'),
    ('62', 'Articles of apparel and clothing accessories, not knitted or crocheted', 'Предметы одежды и принадлежности к одежде, кроме трикотажных машинного или ручного вязания', 'ملبوسات اور لباس کے لوازمات، نٹڈ یا کروشیا کے علاوہ'),
    ('63', 'Other made up textile articles; sets; worn clothing and worn textile articles; rags', 'Прочие готовые текстильные изделия; наборы; поношенная одежда и текстильные изделия; тряпьё', 'دیگر تیار کپڑے کی اشیاء؛ سیٹ؛ استعمال شدہ کپڑے اور کپڑے کی اشیاء؛ چیتھڑے'),
    ('64', 'Footwear, gaiters and the like', 'Обувь, гетры и аналогичные изделия', 'جوتے، گیٹر اور اسی طرح کی اشیاء'),
    ('65', 'Headgear and parts thereof', 'Головные уборы и их части', 'سر پوش اور ان کے حصے'),
    ('66', 'Umbrellas, sun umbrellas, walking sticks, seat-sticks, whips and riding-crops', 'Зонты, трости, трости-сиденья, хлысты и кнуты', 'چھتریاں، دھوپ کی چھتریاں، چھڑیاں، نشست والی چھڑیاں اور چابک'),
    ('67', 'Prepared feathers and down; artificial flowers; articles of human hair', 'Обработанные перья и пух; искусственные цветы; изделия из человеческого волоса', 'تیار شدہ پَر اور روئیں؛ مصنوعی پھول؛ انسانی بالوں کی اشیاء'),
    ('68', 'Articles of stone, plaster, cement, asbestos, mica or similar materials', 'Изделия из камня, гипса, цемента, асбеста, слюды или аналогичных материалов', 'پتھر، پلستر، سیمنٹ، ایسبیسٹاس، ابرک یا اسی طرح کے مواد کی اشیاء'),
    ('69', 'Ceramic products', 'Керамические изделия', 'سرامک کی مصنوعات'),
    ('70', 'Glass and glassware', 'Стекло и изделия из него', 'شیشہ اور شیشے کا سامان'),
    ('71', 'Natural or cultured pearls, precious or semi-precious stones, precious metals; imitation jewellery; coin', 'Жемчуг природный или культивированный, драгоценные или полудрагоценные камни, драгоценные металлы; бижутерия; монеты', 'قدرتی یا کاشت شدہ موتی، قیمتی یا نیم قیمتی پتھر، قیمتی دھاتیں؛ نقلی زیورات؛ سکے'),
    ('72', 'Iron and steel', 'Чёрные металлы', 'لوہا اور فولاد'),
    ('73', 'Articles of iron or steel', 'Изделия из чёрных металлов', 'لوہے یا فولاد کی اشیاء'),
    ('74', 'Copper and articles thereof', 'Медь и изделия из неё', 'تانبا اور اس کی اشیاء'),
    ('75', 'Nickel and articles thereof', 'Никель и изделия из него', 'نکل اور اس کی اشیاء'),
    ('76', 'Aluminium and articles thereof', 'Алюминий и изделия из него', 'ایلومینیم اور اس کی اشیاء'),
    ('77', 'Reserved for possible future use', 'Зарезервирована для возможного будущего использования', 'مستقبل کے ممکنہ استعمال کے لیے محفوظ'),
    ('78', 'Lead and articles thereof', 'Свинец и изделия из него', 'سیسہ اور اس کی اشیاء'),
    ('79', 'Zinc and articles thereof', 'Цинк и изделия из него', 'جست اور اس کی اشیاء'),
    ('80', 'Tin and articles thereof', 'Олово и изделия из него', 'ٹن اور اس کی اشیاء'),
    ('81', 'Other base metals; cermets; articles thereof', 'Прочие недрагоценные металлы; металлокерамика; изделия из них', 'دیگر عام دھاتیں؛ سرمٹ؛ ان کی اشیاء'),
    ('82', 'Tools, implements, cutlery, spoons and forks, of base metal; parts thereof of base metal', 'Инструменты, приспособления, ножевые изделия, ложки и вилки из недрагоценных металлов; их части из недрагоценных металлов', 'عام دھات کے اوزار، آلات، چھریاں، چمچ اور کانٹے؛ عام دھات کے ان کے حصے'),
    ('83', 'Miscellaneous articles of base metal', 'Прочие изделия из недрагоценных металлов', 'عام دھات کی متفرق اشیاء'),
    ('84', 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof', 'Реакторы ядерные, котлы, оборудование и механические устройства; их части', 'جوہری ری ایکٹر، بوائلر، مشینری اور میکانکی آلات؛ ان کے پرزے'),
    ('85', 'Electrical machinery and equipment; sound and television recorders and reproducers; parts thereof', 'Электрические машины и оборудование; звукозаписывающая и звуковоспроизводящая аппаратура, телевизионная аппаратура; их части', 'برقی مشینری اور سامان؛ آواز اور ٹیلی وژن ریکارڈ اور نشر کرنے کے آلات؛ ان کے پرزے'),
    ('86', 'Railway or tramway locomotives, rolling stock and track fixtures; traffic signalling equipment', 'Железнодорожные локомотивы или моторные вагоны трамвая, подвижной состав и путевое оборудование; сигнальное оборудование', 'ریلوے یا ٹرام کے انجن، ڈبے اور پٹڑی کا سامان؛ ٹریفک سگنل کا سامان'),
    ('87', 'Vehicles other than railway or tramway rolling stock, and parts and accessories thereof', 'Средства наземного транспорта, кроме железнодорожного подвижного состава, их части и принадлежности', 'گاڑیاں (ریلوے یا ٹرام کے علاوہ) اور ان کے پرزے اور لوازمات'),
    ('88', 'Aircraft, spacecraft, and parts thereof', 'Летательные аппараты, космические аппараты и их части', 'ہوائی جہاز، خلائی جہاز اور ان کے پرزے'),
    ('89', 'Ships, boats and floating structures', 'Суда, лодки и плавучие конструкции', 'بحری جہاز، کشتیاں اور تیرتے ڈھانچے'),
    ('90', 'Optical, photographic, cinematographic, measuring, checking, precision, medical or surgical instruments and apparatus; parts thereof', 'Инструменты и аппараты оптические, фотографические, кинематографические, измерительные, контрольные, прецизионные, медицинские или хирургические; их части', 'بصری، فوٹوگرافی، سنیما، پیمائش، جانچ، درستی، طبی یا جراحی کے آلات اور سامان؛ ان کے پرزے'),
    ('91', 'Clocks and watches and parts thereof', 'Часы всех видов и их части', 'گھڑیاں اور ان کے پرزے'),
    ('92', 'Musical instruments; parts and accessories of such articles', 'Музыкальные инструменты; их части и принадлежности', 'آلاتِ موسیقی؛ ان کے پرزے اور لوازمات'),
    ('93', 'Arms and ammunition; parts and accessories thereof', 'Оружие и боеприпасы; их части и принадлежности', 'اسلحہ اور گولہ بارود؛ ان کے پرزے اور لوازمات'),
    ('94', 'Furniture; bedding, mattresses, cushions; lamps and lighting fittings; illuminated signs; prefabricated buildings', 'Мебель; постельные принадлежности, матрацы, подушки; осветительное оборудование; световые вывески; сборные строительные конструкции', 'فرنیچر؛ بستر، گدے، کشن؛ لیمپ اور روشنی کا سامان؛ روشن سائن بورڈ؛ پہلے سے تیار عمارتیں'),
    ('95', 'Toys, games and sports requisites; parts and accessories thereof', 'Игрушки, игры и спортивный инвентарь; их части и принадлежности', 'کھلونے، کھیل اور کھیلوں کا سامان؛ ان کے پرزے اور لوازمات'),
    ('96', 'Miscellaneous manufactured articles', 'Разные готовые изделия', 'متفرق تیار شدہ اشیاء'),
    ('97', "Works of art, collectors' pieces and antiques", 'Произведения искусства, предметы коллекционирования и антиквариат', 'فن پارے، جمع کرنے کی اشیاء اور نوادرات'),

]
# fmt: on

HS_CHAPTERS: dict[str, HSChapter] = {
    number: HSChapter(number, {"en": en, "ru": ru, "ur": ur}, reserved=number == "77")
    for number, en, ru, ur in _CHAPTERS
}
HS_CHAPTER_NUMBERS = frozenset(
    number for number, chapter in HS_CHAPTERS.items() if not chapter.reserved
)


def is_known_chapter(chapter: str) -> bool:
    return chapter in HS_CHAPTER_NUMBERS


def hs_chapter(code: str) -> HSChapter | None:
    """The chapter of an HS code of 2, 4 or 6 digits, or None for an unknown chapter."""
    chapter = HS_CHAPTERS.get(str(code)[:2])
    return None if chapter is None or chapter.reserved else chapter


def hs_code_label(code: str, language: str | None = None) -> str:
    """``"9018 — chapter 90: Optical, … instruments"`` in ``language`` (default: the active one)."""
    code = str(code)
    chapter = hs_chapter(code)
    language = language or translation.get_language() or "en"
    with translation.override(language):
        if chapter is None:
            return code
        if len(code) == 2:
            return gettext("chapter %(chapter)s: %(name)s") % {
                "chapter": chapter.number,
                "name": chapter.name(language),
            }
        return gettext("%(code)s — chapter %(chapter)s: %(name)s") % {
            "code": code,
            "chapter": chapter.number,
            "name": chapter.name(language),
        }


def hs_chapter_list(language: str | None = None) -> list[tuple[str, str]]:
    """(number, name) of every valid chapter, in order, for forms and the API."""
    return [(c.number, c.name(language)) for c in HS_CHAPTERS.values() if not c.reserved]
