"""Services, projects, education and culture of the corridor: their names in each language find
the same concept, generic words name none of them, and naming one never hides the goods or the
broader service a text is about."""

import csv

import pytest

from rabta.marketplace.concepts import MAIN, MENTION, concepts_of_text
from rabta.marketplace.text import GENERIC_WORDS
from rabta.vocabulary import get_vocabulary, tokens
from rabta.vocabulary.vocabulary import DATA

FILES = ["concepts_agri_health.csv", "concepts_education_culture.csv"]


def _ids(text: str) -> set[str]:
    return {hit.concept_id for hit in get_vocabulary().find(text) if hit.is_curated}


def _rows() -> list[dict[str, str]]:
    rows = []
    for name in FILES:
        with (DATA / name).open(encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    return rows


# Two partners, each writing in their own language, name the same service concept.
PARTNERS = [
    ("Soil testing and soil health mapping", "Агрохимический анализ почвы", "soil-testing"),
    ("Locust control and plant protection", "Борьба с саранчой", "crop-protection-services"),
    (
        "Artificial insemination and bovine semen",
        "Искусственное осеменение коров",
        "livestock-genetics",
    ),
    ("Tunnel farming and aquaponics", "Аквапоника и вертикальные фермы", "vertical-farming"),
    (
        "Afforestation and tree plantation",
        "Лесовосстановление и посадка деревьев",
        "forestry-services",
    ),
    (
        "Kidney transplant and cardiac surgery",
        "Кардиохирургия и пересадка почки",
        "specialised-treatment",
    ),
    ("Dialysis centre in Peshawar", "Диализный центр и гемодиализ", "dialysis-diagnostic-centres"),
    ("Biotechnology and genomics research", "Биотехнологии и геномика", "biotech-genomics"),
    ("Weather forecasting for farmers", "Агрометеорология и прогноз погоды", "weather-services"),
    ("Elderly care and home care", "بزرگوں کی دیکھ بھال", "elderly-home-care"),
    ("Nostrification of Pakistani diplomas", "Нострификация дипломов", "degree-recognition"),
    ("HEC equivalence of Russian degrees", "ایچ ای سی ایکویولنس", "degree-recognition"),
    ("MDCAT and entry test preparation", "انٹری ٹیسٹ کی تیاری", "entrance-exams-prep"),
    ("Pushkin and Chekhov in Urdu", "پشکن اور چیخوف کا اردو میں ترجمہ", "russian-urdu-literature"),
    ("Circus tour across Pakistan", "Гастроли цирка", "circus-performing-tours"),
    (
        "Fine arts and conservatory exchange",
        "Консерватория и художественная школа",
        "arts-education",
    ),
]


@pytest.mark.parametrize(("one", "other", "concept"), PARTNERS)
def test_partners_in_two_languages_name_the_same_service(one, other, concept):
    # The concept named here, or another one that lists the same names, is found in both texts.
    shared = _ids(one) & _ids(other)
    assert shared, (sorted(_ids(one)), sorted(_ids(other)))


def test_every_service_concept_has_a_name_in_each_language_and_no_heading_unless_goods():
    rows = _rows()
    assert len(rows) >= 50
    for row in rows:
        assert row["en"] and row["ru"] and row["ur"], row["id"]
    with_headings = {row["id"] for row in rows if row["headings"]}
    # Only services tied to goods carry HS headings (drones, silos, pallets, used machinery...).
    assert len(with_headings) < 10, sorted(with_headings)


def test_no_name_of_these_concepts_is_made_of_generic_words_only():
    vocabulary = get_vocabulary()
    generic = {vocabulary.reading.stem(word) for word in GENERIC_WORDS} | vocabulary.noise
    for row in _rows():
        for language in ("en", "ru", "ur"):
            for name in row[language].split("|"):
                assert set(tokens(name)) - generic, (row["id"], name)


@pytest.mark.parametrize(
    "text",
    [
        "We offer services and projects, cooperation and development with partners in Russia",
        "Предлагаем услуги и проекты, сотрудничество и развитие, ищем партнёров в Пакистане",
        "ہم پاکستان میں خدمات اور منصوبے پیش کرتے ہیں، تعاون اور شراکت دار کی تلاش",
        "Our company is located near the motorway, with a registered office in Lahore",
    ],
)
def test_generic_words_name_none_of_these_concepts(text):
    ours = {row["id"] for row in _rows()}
    assert not _ids(text) & ours


@pytest.mark.parametrize(
    ("text", "goods"),
    [
        ("Coal for power plants in Sindh", "coal-supply"),
        ("Wheat storage and export from Punjab", "wheat"),
        ("Football academy in Moscow seeks footballs", "footballs"),
        ("MRI centre seeks MRI machines", "diagnostic-imaging"),
        ("Продажа и аренда сельхозтехники", "agricultural-machinery"),
        ("Urea plant sells granular urea", "urea"),
    ],
)
def test_a_service_named_beside_goods_leaves_the_goods_in_the_text(text, goods):
    assert goods in _ids(text)


def test_a_service_that_describes_goods_is_a_mention_beside_them():
    found = concepts_of_text(["Kinnow mandarins, grading and sorting, waxing line"])
    assert found["kinnow"] == MAIN
    assert found["post-harvest-handling"] == MENTION
    alone = concepts_of_text(["Ripening chambers and waxing line installation"])
    assert alone["post-harvest-handling"] == MAIN
