"""Concepts found in text and HS headings suggested from it, in English, Russian and Urdu."""

import pytest

from rabta.vocabulary import get_vocabulary, suggest_headings


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
        ("Live horses for breeding", "0101"),  # the HS text alone, no curated concept
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
    assert vocabulary.heading_label("0101", "ru") == "Horses, asses, mules and hinnies; live"
