"""Normalisation and tokenisation of trade text in English, Russian and Urdu.

`normalise` folds what differs between keyboards and writers but not in meaning: case, Unicode
compatibility forms, Arabic letter forms typed for Urdu ones (ي ى → ی, ك → ک, ه ھ ة ە → ہ),
Arabic-Indic and Extended Arabic-Indic digits, diacritics and harakat, tatweel, zero-width
(non-)joiners and direction marks, and Russian ё → е (й is kept). `words` splits the normalised
text into words. A `Reading` (one per vocabulary, built by `Vocabulary.load` from the word lists
of its folder) gives their `tokens`: it drops stop words, numbers and one-letter words, and stems
each word by its script: Russian and English with the Snowball stemmers, Urdu (Arabic script) by
dropping one number or case ending (کپڑا کپڑے کپڑوں → کپڑ) and the -s of English plurals (ٹائرز →
ٹائر). This module reads no file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Arabic letter forms that Urdu writers type (Arabic or Persian keyboards) → Urdu letters.
# ه, ھ, ة and ە all fold into ہ: Arabic keyboards have one h, used both for ہ and for the
# aspirate ھ (پهل for پھل), so only one h survives for matching.
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي Arabic yeh → ی Farsi yeh
        "\u0649": "\u06cc",  # ى alef maksura → ی
        "\u06d0": "\u06cc",  # ې → ی
        "\u0643": "\u06a9",  # ك Arabic kaf → ک keheh
        "\u0647": "\u06c1",  # ه Arabic heh → ہ heh goal
        "\u06be": "\u06c1",  # ھ heh doachashmee → ہ
        "\u0629": "\u06c1",  # ة teh marbuta → ہ
        "\u06d5": "\u06c1",  # ە ae (ۀ without its hamza) → ہ
        "\u06c3": "\u06c1",  # ۃ teh marbuta goal → ہ
        "\u0640": None,  # tatweel
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u2060": None,  # word joiner
        "\ufeff": None,  # byte-order mark / zero-width no-break space
        "\u00ad": None,  # soft hyphen
        "ё": "е",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic (Urdu) digits
        "\u060c": ",",  # Arabic comma
        "\u061b": ";",  # Arabic semicolon
        "\u06d4": ".",  # Urdu full stop
    }
)
_BREVE = "\u0306"

_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "ru": snowballstemmer.stemmer("russian"),
}


# Every combining mark but the breve (kept after и, as й).
_MARKS = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in range(0x300, 0x110000)
        if unicodedata.combining(chr(code)) and code != 0x0306
    )
    + "]"
)
_LONE_BREVE = re.compile("(?<![иИ])\u0306")


def _strip_marks(text: str) -> str:
    """Drop combining marks (accents, harakat, hamza above) but keep the breve of й."""
    kept = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", _LONE_BREVE.sub("", kept))


def normalise(text: str) -> str:
    """The matching form of `text`: lower-case, NFKC, Urdu letter forms, no marks or joiners."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    if folded.isascii():  # no letter form to fold, no mark to drop
        return folded
    return _strip_marks(folded.translate(_LETTERS)).translate(_LETTERS)


def script(word: str) -> str:
    """'ru' for Cyrillic, 'ur' for Arabic script, 'en' for Latin, '' otherwise."""
    for ch in word:
        code = ord(ch)
        if 0x0400 <= code <= 0x052F:
            return "ru"
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            return "ur"
        if ch.isascii() and ch.isalpha() or 0x00C0 <= code <= 0x024F:
            return "en"
    return ""


# Urdu number and case endings, longest first: کپڑا کپڑے کپڑوں → کپڑ, دستانہ دستانے → دستان;
# a plural in -یاں keeps its ی (بیٹریاں, بیٹریوں → بیٹری, as the singular بیٹری). Only words of four
# letters or more lose one, keeping a stem of three or more.
_URDU_ENDINGS = ("اں", "وں", "یں", "ے", "ا", "ہ")


# English loanwords starting with s + consonant are written with or without a leading alif
# (اسٹیل and سٹیل "steel", اسکول and سکول "school", اسپیئر and سپیئر "spare"): one form is kept.
_URDU_PROTHETIC = ("اسٹ", "اسک", "اسپ")


# English plurals written in Urdu script lose their -s: ٹائرز, ٹولز, سروسز → ٹائر, ٹول, سروس, and
# after ٹ, پ or ک (-ts, -ps, -ks) پمپس, جیکٹس, ٹرکس → پمپ, جیکٹ, ٹرک. Urdu words that only look
# like such plurals (ٹیکس tax, لینز lens) are kept whole by data/lemmas.txt.
_URDU_PLURAL_S = ("ٹس", "پس", "کس")


def _urdu_stem(word: str) -> str:
    if len(word) >= 5 and word.startswith(_URDU_PROTHETIC):
        word = word[1:]
    if len(word) >= 4 and (word.endswith("ز") or word.endswith(_URDU_PLURAL_S)):
        word = word[:-1]
    if len(word) >= 4:
        for ending in _URDU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
    return word


def ing_nouns(
    concept_names: Iterable[Iterable[str]], other_texts: Iterable[str], stop_words: frozenset[str]
) -> frozenset[str]:
    """English -ing nouns that a curated name gives as a name of their own ("bearings", "bedding",
    "printing"), singular, when Snowball would merge them with another word the vocabulary reads
    elsewhere: in another concept's English name or in `other_texts` (the HS headings' texts, the
    noise words) (bearings → bear of "teddy bears", bedding → bed of "hospital beds", printing →
    print of "printed matter", seasonings → season). Such a word and its -ings plural stem to the
    -ing form. A word that only the -ing noun's own concept lists in another form ("outsourced
    development" beside "outsourcing", "farm" beside "farming") stays one with it.
    `concept_names`: the English names of each curated concept."""
    english = lru_cache(maxsize=None)(_STEMMERS["en"].stemWord)  # the same words recur
    nouns: dict[str, set[int]] = {}
    elsewhere: dict[str, set[int]] = {}

    def others(text: str, owner: int) -> None:
        for word in words(text):
            if word.isascii() and word.isalpha() and not _ing_singular(word):
                elsewhere.setdefault(english(word), set()).add(owner)

    for owner, names in enumerate(concept_names):
        for name in names:
            named = [word for word in words(name) if is_content_word(word, stop_words)]
            singular = _ing_singular(named[0]) if len(named) == 1 else ""
            if singular and english(singular) != singular:
                nouns.setdefault(singular, set()).add(owner)
            others(name, owner)
    for text in other_texts:
        others(text, -1)
    return frozenset(
        noun for noun, owners in nouns.items() if elsewhere.get(english(noun), set()) - owners
    )


def _ing_singular(word: str) -> str:
    """The -ing form of an English word ending in -ing or -ings ('' for any other word)."""
    singular = word[:-1] if word.endswith("ings") else word
    if (
        len(singular) >= 6
        and singular.endswith("ing")
        and singular.isascii()
        and singular.isalpha()
    ):
        return singular
    return ""


class Reading:
    """How one vocabulary reads words, by the word lists of its folder (`Vocabulary.load`):
    `stop_words` say nothing about what is traded; `lemmas` map words a stemmer would merge with
    unrelated ones (медь, мёд and медиа all stem to мед) to forms of their own; `adjectives` map
    Russian relational adjectives to their nouns (кожаный → кожа); `ing_nouns` keep their -ing
    form (see `ing_nouns`). Without lists (`Reading()`) words are only stemmed."""

    def __init__(
        self,
        stop_words: Iterable[str] = (),
        lemmas: Mapping[str, str] | None = None,
        adjectives: Mapping[str, str] | None = None,
        ing_nouns: Iterable[str] = (),
    ):
        self.stop_words = frozenset(stop_words)
        # Normalised as the text they are looked up in (ھ → ہ, ё → е).
        self.lemmas = {normalise(word): normalise(form) for word, form in (lemmas or {}).items()}
        self.ing_nouns = frozenset(ing_nouns)
        russian = _STEMMERS["ru"]

        def plain(word: str) -> str:
            return self.lemmas.get(word) or _without_fleeting_vowel(_russian_stem(russian, word))

        # Stem of a relational adjective → stem of its noun.
        self.adjective_nouns = {plain(adj): plain(noun) for adj, noun in (adjectives or {}).items()}
        self.stem = lru_cache(maxsize=65536)(self._stem)

    def _stem(self, word: str) -> str:
        """The stem of one normalised word, by its script (Snowball for ru/en, light for Urdu)."""
        if word in self.lemmas:
            return self.lemmas[word]
        kind = script(word)
        if kind == "ur":
            return _urdu_stem(word)
        if (
            kind == "en"
            and word.endswith(("ing", "ings"))
            and _ing_singular(word) in self.ing_nouns
        ):
            return _ing_singular(word)
        stemmer = _STEMMERS.get(kind)
        if stemmer is None:
            return word
        if kind != "ru":
            return stemmer.stemWord(word)
        stemmed = _without_fleeting_vowel(_russian_stem(stemmer, word))
        return self.adjective_nouns.get(stemmed, stemmed)

    def is_content_word(self, word: str) -> bool:
        return is_content_word(word, self.stop_words)

    def tokens(self, text: str) -> list[str]:
        """Normalised, stemmed content words of `text`, in order (repeats kept)."""
        return [self.stem(word) for word in words(text) if is_content_word(word, self.stop_words)]


_RU_VOWELS = set("аеиоуыэюяй")


def _russian_stem(stemmer, word: str) -> str:
    """Snowball's stem, except where it reads a noun's last letters as a verb's or a
    participle's: канал, ресторан, архив (-ал, -ан, -ив after а, я, и, ы), зеркала, канала (-ала,
    -ана) and детали, клапаны (-али, -аны, -ены) lose them, while каналом, ресторана, деталей keep them, so a name in one
    case missed the text in another. Such a word is read as its other cases are (verbs in -ал
    become one stem longer, which matches no name)."""
    stemmed = stemmer.stemWord(word)
    if len(word) >= 4 and word[-2] in "аяиы" and word[-1] in "лнв":
        other = stemmer.stemWord(word + "ом")
    elif len(word) >= 5 and word[-1] == "а" and word[-2] in "лн" and word[-3] in "аяиы":
        other = stemmer.stemWord(word[:-1] + "ом")  # зеркала, канала, Ирана
    elif len(word) >= 6 and word[-1] in "ыи" and word[-2] in "лн" and word[-3] in "аяе":
        other = stemmer.stemWord(word[:-1] + "ов")
    else:
        return stemmed
    return other if len(other) > len(stemmed) and other.startswith(stemmed) else stemmed


def _without_fleeting_vowel(stemmed: str) -> str:
    """куртк (куртки) and курток (курток): Russian genitive plurals insert a vowel before the
    last consonant (перчаток, сумок, окон, огурец/огурцы); the stem drops it so all forms agree."""
    if (
        len(stemmed) >= 4
        and stemmed[-2] in "ое"
        and stemmed[-1] in "кцн"
        and stemmed[-3] not in _RU_VOWELS
    ):
        return stemmed[:-2] + stemmed[-1]
    return stemmed


# A word joined to a number by a hyphen measures something ("500-bed hospital", "12-ounce
# gloves", "50-kg bags"): it names no product, so it is left out with its number.
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?\s?-\s?[^\W\d_]+", re.UNICODE)


# One letter joined by a hyphen or a slash is part of the word ("x-ray", "e-commerce", "o-rings",
# «б/у»), and so is a number after a word ("omega-3"): split, what is left names something else
# ("ray", "commerce", "rings") or too much.
_LETTER_COMPOUND = re.compile(r"(?<![^\W_])([^\W_])[-/](?=[^\W_])", re.UNICODE)
_NUMBERED = re.compile(r"(?<=[^\W\d_])-(?=\d+(?![^\W_]))", re.UNICODE)


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order (numbers and stop words included)."""
    joined = _NUMBERED.sub("", _LETTER_COMPOUND.sub(r"\1", _MEASURE.sub(" ", normalise(text))))
    return _WORD.findall(joined)


def is_content_word(word: str, stop_words: frozenset[str]) -> bool:
    return len(word) > 1 and not word.isdigit() and word not in stop_words
