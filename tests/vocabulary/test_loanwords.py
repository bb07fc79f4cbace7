"""English loanwords written in Cyrillic or Urdu script are read as the English word of a concept."""

import pytest

from rabta.vocabulary import get_vocabulary
from rabta.vocabulary.loanwords import Loanwords, english_skeleton, skeleton
from rabta.vocabulary.model import Concept
from rabta.vocabulary.text import normalise, script
from rabta.vocabulary.vocabulary import Vocabulary


def stem(word):
    return get_vocabulary().reading.stem(word)


ENGLISH = [
    "logistics",
    "consulting",
    "consultancy",
    "outsourcing",
    "tourism",
    "university",
    "information",
    "refrigerators",
    "silicate",
    "binder",
    "watermelon",
    "solution",
    "software",
]


@pytest.fixture(scope="module")
def loanwords():
    return Loanwords(ENGLISH, stem)


def _read(loanwords, word):
    word = normalise(word)
    return loanwords.english(stem(word), script(word))


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("логистика", "logistics"),
        ("логистики", "logistics"),  # any case: the Russian stem is read
        ("логистикой", "logistics"),
        ("консалтинг", "consulting"),
        ("консалтинга", "consulting"),
        ("аутсорсинг", "outsourcing"),
        ("туризм", "tourism"),
        ("туризма", "tourism"),
        ("университет", "university"),
        ("университетов", "university"),
        ("информация", "information"),  # -ция for -tion
        ("рефрижераторы", "refrigerators"),
    ],
)
def test_russian_transliterations_read_as_the_english_word(loanwords, word, english):
    assert _read(loanwords, word) == stem(english)


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("لاجسٹکس", "logistics"),
        ("کنسلٹنسی", "consultancy"),
        ("ٹورازم", "tourism"),
        ("یونیورسٹی", "university"),
        ("ریفریجریٹرز", "refrigerators"),  # an English plural in Urdu script
        ("ريفريجريٹر", "refrigerators"),  # typed with Arabic yeh
    ],
)
def test_urdu_script_loanwords_read_as_the_english_word(loanwords, word, english):
    assert _read(loanwords, word) == stem(english)


@pytest.mark.parametrize(
    "word",
    [
        "бандар",  # Bandar-Abbas is no binder: the vowels differ
        "целлюлозно",  # cellulose is no solution
        "турмалин",  # tourmaline is no watermelon: Russian writes w as в
        "софт",  # three consonants are too few to tell
        "سیالکوٹ",  # Sialkot is no silicate: و needs an o or u
        "درآمدی",  # "import" in Urdu: د and ع are not how English is written
        "ملتان",  # Multan: ت is no English t
        "ٹورمالین",  # starts with a consonant, watermelon with w
        "книга",  # a plain Russian word
    ],
)
def test_native_words_and_near_misses_are_not_read_as_english(loanwords, word):
    assert _read(loanwords, word) is None


def test_a_skeleton_of_two_english_words_reads_nothing():
    ambiguous = Loanwords(["binder", "bender", "tourism"], stem)
    assert ambiguous.english(stem("биндер"), "ru") is None
    assert ambiguous.english(stem("туризм"), "ru") == stem("tourism")


def test_the_three_scripts_share_one_skeleton():
    assert english_skeleton("logistics") == "lgstks"  # also read as lgstk (a plural -s)
    assert skeleton("логистика", "ru") == skeleton(normalise("لاجسٹک"), "ur") == "lgstk"
    assert skeleton(normalise("ٹورازم"), "ur") == english_skeleton("tourism") == "trsm"
    assert skeleton("туризм", "ru") == "trsm"


def test_a_concept_named_only_in_english_is_found_from_russian_and_urdu():
    concepts = [
        Concept("tourism", (), ("tourism",), {"en": ("tourism", "tour operators")}),
        Concept("logistics", (), ("logistics-transport",), {"en": ("logistics",)}),
        Concept("refrigerators", ("8418",), ("engineering-goods",), {"en": ("refrigerators",)}),
    ]
    vocabulary = Vocabulary(concepts, {})

    def found(text):
        return [hit.concept_id for hit in vocabulary.find(text)]

    assert found("Организуем туризм в Пакистан") == ["tourism"]
    assert found("ٹورازم کی خدمات") == ["tourism"]
    assert found("логистика и склады") == ["logistics"]
    assert found("لاجسٹکس") == ["logistics"]
    assert found("Нужны рефрижераторы") == ["refrigerators"]
    assert found("ریفریجریٹرز") == ["refrigerators"]
    assert found("Порт Бандар-Аббас, целлюлозно-бумажный комбинат") == []
    assert found("سیالکوٹ سے درآمدی سامان") == []


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("سیالکوٹ کے فٹ بال", "سیالکوٹ"),
        ("Порт Бандар-Аббас, далее по железной дороге", "бандар"),
        ("Целлюлозно-бумажный комбинат", "комбинат"),
        ("فلور ملز کے لیے درآمدی گندم", "درآمدی"),
    ],
)
def test_place_names_and_native_words_find_no_loanword_concept(text, unread):
    hits = get_vocabulary().find(text)
    assert not {hit.concept_id for hit in hits} & {"sodium-silicate", "music-instrument-parts"}
    # No HS heading read from the place name or native word (a Russian heading's own word,
    # «целлюлозно», may still name its headings).
    assert not any(
        hit.concept_id.startswith("hs-") and unread in hit.matched.lower().split() for hit in hits
    )


def test_a_loanword_a_concept_lists_for_its_own_english_name_is_read_everywhere():
    """ٹورازم is listed only inside «حلال ٹورازم» (halal tourism): the curator wrote it as the
    loanword of "tourism", so alone it still finds tourism. фабрика, listed for "factory", is no
    fabric: a Russian word a name knows is read as itself."""
    concepts = [
        Concept("tourism", (), ("tourism",), {"en": ("tourism",)}),
        Concept(
            "halal-tourism",
            (),
            ("tourism",),
            {"en": ("halal tourism",), "ur": ("حلال ٹورازم",)},
        ),
        Concept("fabric", ("5208",), ("textiles-apparel",), {"en": ("fabric",)}),
        Concept(
            "garment-factory",
            (),
            ("textiles-apparel",),
            {"en": ("garment factory",), "ru": ("швейная фабрика",)},
        ),
    ]
    vocabulary = Vocabulary(concepts, {})

    def found(text):
        return [hit.concept_id for hit in vocabulary.find(text)]

    assert found("ٹورازم") == ["tourism"]
    assert found("حلال ٹورازم") == ["halal-tourism"]
    assert found("Кондитерская фабрика") == []


def _concepts(text):
    return {hit.concept_id for hit in get_vocabulary().find(text)}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("ремонт медицинской техники", "pharmaceuticals"),  # medical, not medicines
        ("коррекция", "cork-articles"),  # a correction, not corks
        ("جنگلی", "sound-recording-studios"),  # "wild", not jingles
    ],
)
def test_words_that_only_look_like_english_are_not_read_as_it(text, wrong):
    assert wrong in get_vocabulary().concepts
    assert wrong not in _concepts(text)


def test_a_native_word_of_the_list_is_never_read_as_english():
    assert _concepts("пример") == set()  # "example", no primary
    assert _concepts("коррекция") == set()  # "correction", no corks


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("логистика", "logistics"),
        ("туризм", "tourism"),
        ("لاجسٹکس", "logistics"),
        ("ٹورازم", "tourism"),
        ("рефрижераторы", "refrigerated-transport"),
        ("یونیورسٹی", "higher-education"),  # a final ی is the English -y
    ],
)
def test_loanwords_that_end_as_the_english_word_are_still_read(text, concept):
    assert concept in _concepts(text)


def test_a_russian_adjective_reads_an_english_adjective_only():
    loanwords = Loanwords(["medicines", "logistics", "surgical"], stem)
    assert loanwords.english(stem("медицинской"), "ru", "медицинской") is None
    assert loanwords.english(stem("медицина"), "ru", "медицина") == stem("medicines")


def test_an_urdu_word_ending_in_ye_reads_an_english_word_ending_in_a_vowel():
    loanwords = Loanwords(["jingles", "university", "company"], stem)
    assert loanwords.english(stem("جنگلی"), "ur", "جنگلی") is None
    assert loanwords.english(stem("یونیورسٹی"), "ur", "یونیورسٹی") == stem("university")
    assert loanwords.english(stem("کمپنی"), "ur", "کمپنی") == stem("company")


# ---- English names of several words written in Urdu or Cyrillic script -----------------------


def test_a_run_of_words_spelling_an_english_name_is_read_as_it():
    """ورک گلوز: neither word has four consonants, but together they spell "work gloves"."""
    concepts = [
        Concept("cold-storage", (), ("logistics-transport",), {"en": ("cold storage",)}),
        Concept("work-gloves", ("6116",), ("textiles-apparel",), {"en": ("work gloves",)}),
        Concept("storage", (), ("logistics-transport",), {"en": ("storage",)}),
    ]
    vocabulary = Vocabulary(concepts, {})

    def found(text):
        return [hit.concept_id for hit in vocabulary.find(text)]

    assert found("ورک گلوز") == ["work-gloves"]
    assert found("ہم ورک گلوز بناتے ہیں") == ["work-gloves"]
    assert found("کولڈ سٹوریج کی سہولت") == ["cold-storage"]
    # «сторадж» alone is read as storage; beside «колд» the run is the longer name
    assert found("сторадж") == ["storage"]
    assert found("Услуги колд сторадж в Москве") == ["cold-storage"]
    assert vocabulary.loanword_names("ورک گلوز") == {"ورک": "work", "گلوز": stem("gloves")}


def test_a_run_of_everyday_words_is_no_english_name():
    """Two short words spell many things: the reading needs one English name only, and each
    word's vowels (and an Urdu word's h) to agree with it."""
    concepts = [
        Concept("bee-farm", (), ("agriculture-food",), {"en": ("bee farm",)}),
        Concept("school", (), ("education",), {"en": ("school supplies",)}),
        Concept("tissue", ("4803",), ("chemicals",), {"en": ("tissue paper",)}),
        Concept("tools", ("8205",), ("engineering-goods",), {"en": ("hand tools",)}),
    ]
    vocabulary = Vocabulary(concepts, {})
    assert vocabulary.find("ہم بھی فراہم کرتے ہیں") == []  # "we also provide"
    assert vocabulary.find("سال بھر سپلائی") == []  # year-round supply
    assert vocabulary.find("партии от 10 тыс. пар") == []  # thousand pairs
    assert vocabulary.find("ہینڈ ٹاول") == []  # hand towels are no hand tools
    assert [hit.concept_id for hit in vocabulary.find("ہینڈ ٹولز")] == ["tools"]


def test_no_concept_name_in_urdu_or_russian_is_read_as_another_english_name():
    vocabulary = get_vocabulary()
    for concept in vocabulary.concepts.values():
        if concept.origin != "curated":
            continue
        own = {stem(w) for name in concept.names.get("en", ()) for w in name.split()}
        for language in ("ru", "ur"):
            for name in concept.names.get(language, ()):
                read = set(vocabulary.loanword_names(name).values())
                assert read <= own, (concept.id, name, read)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("ورک گلوز", "gloves-work-industrial"),
        ("سیالکوٹ سے ورک گلوز کی سپلائی", "gloves-work-industrial"),
        ("колд сторадж", "cold-storage"),
    ],
)
def test_shipped_english_names_are_read_from_urdu_and_cyrillic_script(text, concept):
    assert concept in _concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "ہماری کمپنی ہر سال سپلائی کرتی ہے",
        "ہم بھی فراہم کرتے ہیں",
        "Партии от 10 тыс. пар в месяц",
        "ہینڈ ٹاول اور باتھ ٹاول",
        "Ищем поставщика, оплата по факту",
        "ہمیں مال چاہیے، قیمت بتائیں",
    ],
)
def test_ordinary_urdu_and_russian_phrases_are_read_as_no_english_name(text):
    assert get_vocabulary().loanword_names(text) == {}
