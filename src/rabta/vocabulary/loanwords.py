"""English loanwords written in Cyrillic or Urdu script, read as the English word of a concept.

Traders write English trade words in their own script: «логистика», «консалтинг», «туризм»,
«университет»; لاجسٹکس, کنسلٹنسی, ٹورازم, یونیورسٹی. A concept that lists only its English name
("logistics", "consulting", "tourism", "university") should still be found. Each word is reduced to
its consonant skeleton in one coarse Latin alphabet, the same for the three scripts: vowels, h and y
are dropped, and beside Urdu w and v too (Urdu writes و and ی for vowels and consonants alike), voiced and unvoiced
sibilants are one letter (s, z, sh, soft c, ц, ж…), j and g are one letter (дж, ج), doubled
letters are one; an English word ending in -s or -tion is also read without its last letter:

    logistics, логистика, لاجسٹکس → lgstk        tourism, туризм, ٹورازم → trsm

`Loanwords(words)` indexes the English words of the concept names by skeleton; `english(word)`
gives the English word's stem for a Russian or Urdu word whose skeleton has at least
`MIN_CONSONANTS` letters and belongs to exactly one English stem, else None. The vocabulary asks
for words no name knows and for words a concept lists as the loanword of its own English name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import product

MIN_CONSONANTS = 4  # "софт" (sft) and short native words stay unread
MAX_NAME_WORDS = 4  # the longest English name read from a run of Russian or Urdu words

# English spelling → the coarse consonant alphabet: digraphs first, then letters.
_EN_DIGRAPHS = (
    (re.compile(r"[ts]ion"), "sn"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"sh|ch"), "s"),
    (re.compile(r"th"), "t"),
    (re.compile(r"gh"), ""),
    (re.compile(r"ck|qu?"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
)
_EN_LETTERS = str.maketrans({"z": "s", "j": "g", **dict.fromkeys("aeiouyhwv", None)})
# Russian writes v and w as в (софтвер, вебсайт), so beside Russian they are kept, as one letter.
_EN_LETTERS_RU = str.maketrans({"z": "s", "j": "g", "w": "v", **dict.fromkeys("aeiouyh", None)})

_RU_LETTERS = str.maketrans(
    {
        "б": "b", "п": "p", "д": "d", "т": "t", "ф": "f", "к": "k", "г": "g", "л": "l",
        "м": "m", "н": "n", "р": "r", "с": "s", "з": "s", "ш": "s", "щ": "s", "ц": "s",
        "ч": "s", "ж": "g", "х": None, "в": "v",
        **dict.fromkeys("аеёиоуыэюяйьъ", None),
    }
)  # fmt: skip

_UR_LETTERS = str.maketrans(
    {
        "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s",
        "ش": "s", "ز": "s", "ذ": "s", "ض": "s", "ظ": "s", "ژ": "s", "ج": "g", "گ": "g",
        "چ": "s", "د": "d", "ڈ": "d", "ر": "r", "ڑ": "r", "ف": "f", "ق": "k", "ک": "k",
        "ل": "l", "م": "m", "ن": "n", "ں": "n",
        **dict.fromkeys("اآأإعءئؤیےہۂۓوحخھ", None),
    }
)  # fmt: skip

_LATIN = re.compile(r"^[a-z]+$")

# A Russian transliteration keeps the English vowels, give or take one step (менеджмент,
# management): each vowel of the Russian word must be close to the English one at its place, and
# the word starts with a vowel when the English one does. "бандар" is no binder (a/i).
_RU_VOWELS = {
    "а": "a",
    "о": "o",
    "у": "u",
    "ы": "i",
    "и": "i",
    "е": "e",
    "э": "e",
    "ю": "u",
    "я": "a",
}
_EN_VOWEL_RUNS = {"ou": "u", "oo": "u", "ee": "i", "ea": "i", "ie": "i", "ai": "e", "ay": "e"}
_CLOSE = {("a", "o"), ("a", "e"), ("a", "u"), ("e", "i"), ("o", "u")}
_RU_VOWEL_RUN = re.compile("[аоуыиеэюяё]+")
_EN_VOWEL_RUN = re.compile(r"[aeiou]+|(?<=.)y")

# Letters of Arabic and Persian words (ت, د, ح, ع, ق, ص…): English loanwords are written with ٹ and
# ڈ for t and d and without these, so a word with one of them is not read as English (درآمدی).
_UR_NATIVE = frozenset("تدطحخعقصضظثذژ")


def _squeeze(letters: str) -> str:
    """Doubled letters as one."""
    return re.sub(r"(.)\1+", r"\1", letters)


def english_skeleton(word: str, beside: str = "ur") -> str:
    """The consonant skeleton of a lower-case English word ('' for anything else), to compare
    with Urdu ('ur') or Russian ('ru') words."""
    if not _LATIN.match(word):
        return ""
    for pattern, replacement in _EN_DIGRAPHS:
        word = pattern.sub(replacement, word)
    return _squeeze(word.translate(_EN_LETTERS_RU if beside == "ru" else _EN_LETTERS))


def skeleton(word: str, script: str) -> str:
    """The consonant skeleton of a normalised Russian ('ru') or Urdu ('ur') word."""
    if script == "ru":
        word = word.replace("дж", "ж")
        letters = word.translate(_RU_LETTERS)
    elif script == "ur":
        letters = word.translate(_UR_LETTERS)
    else:
        return english_skeleton(word)
    return _squeeze(letters) if letters.isascii() and letters.isalpha() else ""


def _en_vowels(word: str) -> str:
    if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiouy":
        word = word[:-1]  # a silent final e (silicate)
    return "".join(
        _EN_VOWEL_RUNS.get(run[:2], run[0].replace("y", "i")) for run in _EN_VOWEL_RUN.findall(word)
    )


def _ru_vowels(word: str) -> str:
    return "".join(_RU_VOWELS.get(run[0], "e") for run in _RU_VOWEL_RUN.findall(word))


def _close(a: str, b: str) -> bool:
    return a == b or (a, b) in _CLOSE or (b, a) in _CLOSE


def _vowels_agree(russian: str, english: str) -> bool:
    if (russian[:1] in "аоуыиеэюяё") != (english[:1] in "aeiou"):
        return False
    ru, en = _ru_vowels(russian), _en_vowels(english)
    return all(_close(a, b) for a, b in zip(ru, en, strict=False))


def in_order(groups: list[str], needs: list[list[str]]) -> bool:
    """Whether each of `needs` is found in one of `groups`, in order: a group holding, for each
    string of the need, one of its letters."""
    at = 0
    for need in needs:
        if not need:
            continue
        while at < len(groups) and not all(any(ch in groups[at] for ch in n) for n in need):
            at += 1
        if at == len(groups):
            return False
        at += 1
    return True


# Urdu writes the long vowels of an English word: و for o, u (and w, v), ی and ے for i, e (and y);
# short vowels and ا stand for any. Each must find its English vowel in order: سیالکوٹ (Sialkot)
# is no silicate (و, no o or u after the a). A word-initial ی is the glide of یونیورسٹی, یورپ.
# The word starts with a vowel letter when the English one starts with a letter Urdu writes so.
_UR_VOWEL_NEEDS = {"و": "ouwv", "ی": "ieya", "ے": "eaiy"}
_EN_VOWEL_LETTERS = re.compile(r"[aeiouywv]+")
_UR_VOWEL_GROUP = re.compile("[اآوییےعہئء]+")


def _urdu_vowels_agree(urdu: str, english: str) -> bool:
    if (urdu[:1] in "اآیوعہ") != (english[:1] in "aeiouywvh"):
        return False  # ٹورمالین (tourmaline) is no watermelon
    if urdu[:1] == "ی":
        urdu = urdu[1:]
    return in_order(
        _EN_VOWEL_LETTERS.findall(english),
        [  # the vowel letters between two consonants
            [_UR_VOWEL_NEEDS[letter] for letter in group if letter in _UR_VOWEL_NEEDS]
            for group in _UR_VOWEL_GROUP.findall(urdu)
        ],
    )


# Endings whose English counterpart is known, so a reading must have it too:
# - a Russian adjective in -ский/-цкий (медицинской, read as its noun медицина) is an English
#   adjective ("medical", "logistic"), never a noun: «медицинской техники» is medical equipment,
#   not medicines;
# - an Urdu word ending in ی (کمپنی, یونیورسٹی) ends in an English vowel (company, university):
#   جنگلی "wild" is no jingles.
_RU_ADJECTIVE = re.compile(r"[сц]к(ий|ой|ая|ое|ие|их|им|ими|ого|ому|ую|ом|ей)$")
_EN_ADJECTIVE = re.compile(r"(al|ic|ics|ian|ive|ary|ory|ish|ous|ed|ing)$")
_EN_FINAL_VOWEL = re.compile(r"(y|i|ie|ee|ey)s?$")


def _endings_agree(surface: str, stemmed: str, script: str, english: str) -> bool:
    if script == "ru":
        if _RU_ADJECTIVE.search(surface) and not _EN_ADJECTIVE.search(english):
            return False
    elif script == "ur" and stemmed.endswith("ی") and not _EN_FINAL_VOWEL.search(english):
        return False
    return True


def _variants(word: str, beside: str) -> set[str]:
    """The skeletons an English word is read by: its own, and without the last letter of a
    plural -s or of -tion (logistics, логистика; information, информация)."""
    letters = english_skeleton(word, beside)
    variants = {letters}
    if word.endswith("s") or word.endswith(("tion", "sion")):
        variants.add(letters[:-1])
    return variants


# A run of short words is read more strictly than one long word (бендер, سال, پار are everyday
# words): a Russian word has as many vowels as the English word (тыс. пар "thousand pairs" is no
# tissue paper); an Urdu word writes an English long vowel (oo, ou, ee, ea, ie: سال "year" is no
# school), writes ا before و only for an English a, w or ou (ٹاول is a towel, no tool), and an h
# inside it is an English h (بھی فراہم "also provide" is no bee farm).
_EN_LONG_VOWELS = ((re.compile(r"oo|ou"), "و"), (re.compile(r"ee|ea|ie|ei"), "یے"))
_UR_AW = re.compile("ا[وؤ]")


def _strictly_agree(word: str, english: str, script: str) -> bool:
    if script == "ru":
        return len(_RU_VOWEL_RUN.findall(word)) == len(_en_vowels(english))
    if "ہ" in word[1:-1] and "h" not in english:
        return False
    if _UR_AW.search(word) and not re.search(r"a|w|ou", english):
        return False
    return all(
        not long.search(english) or any(letter in word for letter in letters)
        for long, letters in _EN_LONG_VOWELS
    )


class Loanwords:
    """English words by skeleton; a skeleton shared by two English stems reads nothing.

    English names of several words ("work gloves", "cold storage") are indexed too, word by
    word: a run of Russian or Urdu words that spells them (ورک گلوز, «колд сторадж») is read as
    the name when exactly one English name has those skeletons (`phrase`)."""

    def __init__(
        self,
        english_words: Iterable[str],
        stem: Callable[[str], str],
        names: Iterable[tuple[str, ...]] = (),
    ):
        owners: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._spellings: dict[tuple[str, str], set[str]] = defaultdict(set)
        for word, beside in ((w, script) for w in set(english_words) for script in ("ru", "ur")):
            for variant in _variants(word, beside):
                if len(variant) >= MIN_CONSONANTS:
                    owners[beside, variant].add(stem(word))
                    self._spellings[beside, variant].add(word)
        self._english = {key: next(iter(stems)) for key, stems in owners.items() if len(stems) == 1}
        # Names of two to four words, by the tuple of their words' skeletons.
        name_owners: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = defaultdict(set)
        self._name_spellings: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = defaultdict(
            set
        )
        for name, beside in ((n, script) for n in set(names) for script in ("ru", "ur")):
            if not 2 <= len(name) <= MAX_NAME_WORDS:
                continue
            for letters in product(*(sorted(_variants(word, beside)) for word in name)):
                if all(letters) and len("".join(letters)) >= MIN_CONSONANTS:
                    name_owners[beside, letters].add(tuple(stem(word) for word in name))
                    self._name_spellings[beside, letters].add(name)
        self._names = {
            key: next(iter(stems)) for key, stems in name_owners.items() if len(stems) == 1
        }

    def english(self, word: str, script: str, surface: str = "") -> str | None:
        """The English stem a Russian or Urdu `word` (normalised, or its stem) spells, if any;
        `surface`, the word as written, if given, must end as the English word does."""
        if script not in ("ru", "ur"):
            return None
        if script == "ur" and not _UR_NATIVE.isdisjoint(word):
            return None
        letters = skeleton(word, script)
        found = self._english.get((script, letters)) if len(letters) >= MIN_CONSONANTS else None
        agree = _vowels_agree if script == "ru" else _urdu_vowels_agree
        spellings = self._spellings[script, letters] if found else ()
        if found and not any(
            agree(word, english) and _endings_agree(surface or word, word, script, english)
            for english in spellings
        ):
            return None
        return found

    def phrase(
        self, stems: tuple[str, ...], script: str, surfaces: tuple[str, ...] = ()
    ) -> tuple[str, ...] | None:
        """The English name's stems that a run of Russian or Urdu words (normalised, or their
        stems; `surfaces` as written) spells word by word, if exactly one English name has
        their skeletons: ورک گلوز → ('work', 'glove')."""
        if script not in ("ru", "ur") or not 2 <= len(stems) <= MAX_NAME_WORDS:
            return None
        if script == "ur" and any(not _UR_NATIVE.isdisjoint(word) for word in stems):
            return None
        key = (script, tuple(skeleton(word, script) for word in stems))
        found = self._names.get(key)
        if not found:
            return None
        agree = _vowels_agree if script == "ru" else _urdu_vowels_agree
        surfaces = surfaces or stems
        if not any(
            all(
                agree(word, english)
                and _strictly_agree(word, english, script)
                and _endings_agree(surface, word, script, english)
                for word, surface, english in zip(stems, surfaces, name, strict=True)
            )
            for name in self._name_spellings[key]
        ):
            return None
        return found
