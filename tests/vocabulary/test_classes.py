"""Classes of wording the vocabulary reads the same across writers: Urdu spellings of English
loanwords, Russian cases and relational adjectives, words that stemmers would merge, and words
that describe a product (material, packaging, shipping, a measure) rather than name it."""

import pytest

from rabta.marketplace.concepts import MAIN, MENTION, concepts_of_text
from rabta.vocabulary import get_vocabulary, suggest_headings, tokens


def _ids(text: str) -> set[str]:
    return {hit.concept_id for hit in get_vocabulary().find(text) if hit.is_curated}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # English loanwords in Urdu script, split in two words or written as one
        ("ایکس رے مشینیں درکار", "diagnostic-imaging"),
        ("ایکسرے مشین", "diagnostic-imaging"),
        ("سٹین لیس سٹیل کی چادریں", "stainless-steel"),
        ("اسٹینلیس اسٹیل", "stainless-steel"),
        ("سافٹ ویر ٹیسٹنگ", "software-products"),
        ("بک ویٹ کی خریداری", "buckwheat"),
        ("کٹو کا آٹا", "buckwheat"),
        ("ہسپتال مینجمنٹ سسٹم", "telemedicine"),
        ("گارمنٹس فیکٹری میں سرمایہ کاری", "garment-manufacturing"),
        # Russian cases, plurals and adjectives
        ("Запчасти для тепловозов", "locomotives-wagons"),
        ("Гречневая крупа ядрица", "buckwheat"),
        ("Поставляем гречку", "buckwheat"),
        ("Обмен студентами по агрономии", "student-exchange"),
        ("Модернизация прядильного оборудования", "textile-machinery"),
        ("Холодильные камеры для фруктов", "cold-storage"),
        ("Инвестиции в малые ГЭС", "hydropower"),
        ("Медицинские информационные системы", "telemedicine"),
        # English variants
        ("Spare parts for diesel locomotives", "locomotives-wagons"),
        ("Solar park of 50 MW", "solar-projects"),
        ("Dates wanted for Ramadan", "dates"),
        ("Joint MSc in agronomy", "joint-degree"),
    ],
)
def test_a_variant_of_the_name_finds_its_concept(text, concept):
    assert concept in _ids(text)


def test_urdu_loanwords_with_and_without_a_leading_alif_share_a_stem():
    assert tokens("اسٹیل اسکول اسپیئر") == tokens("سٹیل سکول سپیئر")


@pytest.mark.parametrize(
    ("text", "not_concept"),
    [
        ("Ищем поставщика риса, партии от 20 тонн", "office-school-furniture"),  # партия ≠ парта
        ("Diesel locomotives", "diesel-fuel"),  # inside the longer name
        ("Совместное производство инсулина", "film-production"),
        ("Технологии хранения в холодильных камерах", "audio-video"),  # камеры ≠ cameras
        ("Футболки и поло под нашим брендом", "horse-riding"),  # поло shirts, not the sport
        ("Hospital information system for a 500-bed hospital", "hospital-furniture"),
        ("Cotton yarn Ne 30/1 combed", "combs-hair-accessories"),
    ],
)
def test_a_word_of_another_meaning_does_not_name_the_concept(text, not_concept):
    assert not_concept not in _ids(text)


def test_a_material_beside_a_product_proposes_no_heading_of_its_own():
    headings = [s.heading for s in suggest_headings("Dental instruments, German stainless steel")]
    assert headings[0] == "9018"
    assert not {"7218", "7219", "7220"} & set(headings)
    # Alone, the material is the product.
    assert suggest_headings("Stainless steel coils")[0].heading == "7218"


def test_packaging_and_shipping_beside_goods_are_mentions_and_main_beside_a_service():
    goods = concepts_of_text(["Kinnow mandarins in reefer containers"])
    assert goods["kinnow"] == MAIN and goods["containers-logistics"] == MENTION
    service = concepts_of_text(["Freight forwarding, sea containers Karachi to Novorossiysk"])
    assert service["freight-forwarding"] == MAIN and service["containers-logistics"] == MAIN


@pytest.mark.parametrize(
    "title, subject",
    [
        ("Joint venture in garment manufacturing", "garment-manufacturing"),
        ("Инвестиции в солнечную электростанцию", "solar-projects"),
        ("کپڑے کی فیکٹری میں سرمایہ کاری", "garment-manufacturing"),
    ],
)
def test_the_kind_of_deal_beside_its_subject_is_a_mention(title, subject):
    found = concepts_of_text([title])
    assert found[subject] == MAIN, found
    deals = get_vocabulary().deals
    assert {found[deal] for deal in found if deal in deals} == {MENTION}


def test_a_deal_alone_is_what_the_opportunity_is_about():
    assert concepts_of_text(["Joint venture partner wanted"])["joint-ventures"] == MAIN
    assert concepts_of_text(["Ищем инвестора"])["investment-projects"] == MAIN


def test_concepts_that_list_the_same_name_are_related():
    from rabta.marketplace.concepts import related_concepts

    # "грузоперевозки" and "доставка грузов" are names of both.
    assert "freight-forwarding" in related_concepts("logistics")
    assert "logistics" in related_concepts("freight-forwarding")


def test_a_family_of_concepts_stays_related_as_the_vocabulary_grows():
    from rabta.marketplace.concepts import related_concepts, related_word_max

    # "steel" names a dozen concepts of a thousand: still a family, not a word of everything.
    assert related_word_max(760) == 6 and related_word_max(1300) == 10
    assert {"steel", "steel-pipes", "alloy-tool-steel"} <= related_concepts("stainless-steel")
    assert {"rubber-products", "synthetic-rubber"} <= related_concepts("rubber")
    assert "crabs-lobsters" not in related_concepts("stainless-steel")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Транспортно-экспедиционные услуги", "freight-forwarding"),
        ("کراچی سے ماسکو تک سامان کی ترسیل", "freight-forwarding"),
        ("Containers to Moscow by rail", "rail-freight"),
    ],
)
def test_logistics_services_in_each_language(text, concept):
    assert concept in _ids(text)
    assert "rail-track" not in _ids(text)  # "by rail" is transport, not rails to lay


def test_a_word_with_two_meanings_or_of_every_sector_relates_nothing():
    from rabta.marketplace.concepts import related_concepts

    # «перевод» is a translation and a money transfer; Urdu مال "goods" is in any cargo
    assert "payments-remittances" not in related_concepts("translation-services")
    assert not {"pharma-ingredients", "abrasives-grinding"} & related_concepts("rail-freight")
    # the near neighbours stay: another shared name, another shared word
    assert "translation-services" in related_concepts("interpreting")
    assert {"road-freight", "sea-freight"} <= related_concepts("rail-freight")
