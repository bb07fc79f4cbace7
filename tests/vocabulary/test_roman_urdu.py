"""Roman Urdu (Urdu in Latin letters) is read as the Urdu names of the concepts."""

import pytest

from rabta.vocabulary import get_vocabulary, suggest_headings
from rabta.vocabulary.romanurdu import roman_skeleton, urdu_skeleton, vowels_agree
from rabta.vocabulary.text import normalise, words


@pytest.fixture(scope="module")
def vocabulary():
    return get_vocabulary()


def _ids(vocabulary, text):
    return {hit.concept_id for hit in vocabulary.find(text)}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Beri shehad export ke liye — Karak ka asli", "honey"),
        ("Hamare paas khalis shahad hai, Russia ke khareedar chahiye", "honey"),
        ("chamray ke dastanay banate hain", "leather-gloves"),
        ("Chamde ke dastane chahiye, Sialkot se", "leather-gloves"),
        ("hamare paas achha chawel hai", "rice"),
        ("hamare paas gundum aur kapas hai", "wheat"),
        ("kapdon ki mill hai aur export karte hain", "cotton-fabric"),
        ("machli aur gosht export karte hain", "fish"),
        ("kheil ka saman banate hain Sialkot mein", "sports-goods"),
        ("masalay aur dawai export karte hain", "spices"),
        ("masalay aur dawai export karte hain", "pharmaceuticals"),
        ("qaleen aur dari banate hain", "carpets-rugs"),
    ],
)
def test_roman_urdu_sentences_find_their_concept(vocabulary, text, concept):
    assert concept in _ids(vocabulary, text)


def test_roman_urdu_proposes_the_heading(vocabulary):
    assert suggest_headings("Beri shehad export ke liye — Karak ka asli")[0].heading == "0409"
    assert "4203" in {s.heading for s in suggest_headings("chamray ke dastanay chahiye")}


@pytest.mark.parametrize(
    "text",
    [
        "we make hand tools for the car industry",
        "Basmati rice, sortexed, 1121 sella",
        "Looking for a supplier of leather gloves and safety shoes",
        "We export kaolin, copra and jaggery to Russia",
        "Harbour logistics and multi-modal freight forwarding",
        "Pure shehad for export, Karak",  # no Roman Urdu function words: an English text
    ],
)
def test_english_text_reads_no_roman_urdu(vocabulary, text):
    assert vocabulary.roman_urdu_reads(text) == {}


def test_english_text_finds_what_it_found(vocabulary):
    assert _ids(vocabulary, "we make hand tools for the car industry") >= {"hand-tools"}


def test_mixed_text_reads_only_the_urdu_words(vocabulary):
    text = "Hamare paas best quality cotton yarn hai aur chamde ke dastane bhi banate hain"
    assert vocabulary.roman_urdu_reads(text)["chamde"] == normalise("چمڑ")
    assert not {"best", "quality", "cotton", "yarn"} & set(vocabulary.roman_urdu_reads(text))
    assert {"cotton-yarn", "leather-gloves"} <= _ids(vocabulary, text)


def test_a_place_name_spelling_an_urdu_loanword_is_not_read(vocabulary):
    # کارک is the English "cork" in Urdu script: Roman Urdu writes cork, so Karak is no cork.
    reads = vocabulary.roman_urdu_reads("Karak ka shehad hai")
    assert "karak" not in reads
    assert "cork-articles" not in _ids(vocabulary, "Karak ka shehad hai")


def test_no_english_name_or_heading_text_is_read_as_urdu(vocabulary):
    # With Roman Urdu function words around it, every English concept name and HS heading text
    # of the shipped vocabulary still reads nothing as Urdu.
    texts = [
        name
        for concept in vocabulary.concepts.values()
        if concept.origin == "curated"
        for name in concept.names.get("en", ())
    ] + [f"{text} {detail}" for text, detail in vocabulary.headings.values()]
    assert len(texts) > 3000
    read = {text: r for text in texts if (r := vocabulary.roman_urdu_reads(f"{text} ke liye hai"))}
    assert read == {}


@pytest.mark.parametrize(
    ("roman", "urdu"),
    [
        ("shehad", "شہد"),
        ("shahd", "شہد"),
        ("chamray", "چمڑے"),
        ("dastanay", "دستانے"),
        ("machli", "مچھلی"),
        ("kheil", "کھیل"),
        ("zameen", "زمین"),
        ("kapprra", "کپڑا"),
        ("qaleen", "قالین"),
        ("tasveeri", "تصویری"),  # وی in one Latin vowel run
        ("khelon", "کھیلوں"),
    ],
)
def test_a_roman_word_and_its_urdu_word_share_skeleton_and_vowels(roman, urdu):
    urdu = normalise(urdu)
    assert roman_skeleton(roman) == urdu_skeleton(urdu)
    assert vowels_agree(urdu, roman)


@pytest.mark.parametrize(
    ("roman", "urdu"),
    [
        ("hazar", "حاضری"),  # Urdu writes the final vowel of haziri
        ("nimko", "نمک"),  # and has none at the end of namak
        ("khareedar", "خاردار"),  # ee (buyer) needs a ی; barbed has none
        ("tajweed", "تجدید"),  # د ی د is two d: no skeleton tjd
        ("weeders", "ڈریس"),  # a leading w needs a و
    ],
)
def test_words_that_only_look_alike_do_not_agree(roman, urdu):
    urdu = normalise(urdu)
    assert roman_skeleton(roman) != urdu_skeleton(urdu) or not vowels_agree(urdu, roman)


def test_the_text_gate_needs_roman_urdu_function_words(vocabulary):
    gate = vocabulary.roman_urdu.is_roman_urdu
    assert gate(words("Beri shehad export ke liye"))
    assert gate(words("kapray ki factory"))  # one is enough in a short text
    assert not gate(words("Ka-band satellite antenna for ground stations in Russia"))
    assert not gate(words("We make hand tools for the car industry"))


def test_english_words_are_never_read(vocabulary):
    reader = vocabulary.roman_urdu
    for word in ("cookers", "harbour", "metre", "programme", "loungewear", "butyl", "casein"):
        assert reader.is_english(word)
        assert reader.urdu(word) is None
    for word in ("shehad", "chamray", "dastanay", "machli"):
        assert not reader.is_english(word)
        assert reader.urdu(word)


def test_function_words_and_spellings_are_no_english_words(vocabulary):
    reader = vocabulary.roman_urdu
    assert len(reader.english_words) > 40000
    assert not reader.function_words & reader.english_words
    assert not set(reader.spellings) & reader.english_words
    assert {"ke", "ki", "ka", "hai", "aur", "liye", "hamare", "chahiye"} <= reader.function_words


def test_every_listed_spelling_reaches_an_urdu_name(vocabulary):
    stem = vocabulary.reading.stem
    urdu_stems = {
        stem(word)
        for concept in vocabulary.concepts.values()
        for name in concept.names.get("ur", ())
        for word in words(name)
    }
    spellings = vocabulary.roman_urdu.spellings
    unreached = {roman: urdu for roman, urdu in spellings.items() if stem(urdu) not in urdu_stems}
    assert len(spellings) > 100
    assert unreached == {}
