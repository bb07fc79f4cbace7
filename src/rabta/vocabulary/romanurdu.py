"""Roman Urdu: Urdu written in Latin letters, read as the Urdu words of the concepts' names.

Pakistani firms often write Urdu in Latin letters: "Beri shehad export ke liye", "hamare paas
khalis chawal hai", "chamray ke dastanay". Such words are no English, so without this reader no
concept is found. The mirror case of `loanwords.py` (English words written in Cyrillic or Urdu
script), in three steps:

1. **Is the text Roman Urdu?** It carries at least two of the very common Roman Urdu function
   words of `data/roman_urdu_function_words.txt` (ke, ki, hai, aur, liye, chahiye…), or one in a
   text of four words or fewer. English text never does, so it is never read this way.
2. **Is the word English?** A word of `data/english_words.txt` (44,000 common English words), one
   that is such a word without an English ending (cookers, loungewear) or in British spelling
   (harbour, metre), one spelled as Roman Urdu never is (c without h, x, -ium, -ic, -ide, -yl,
   -us…: Latin and chemical names) and the function words are never read as Urdu.
3. **Which Urdu word does it spell?** First the list of common spellings of frequent trade words,
   `data/roman_urdu_spellings.txt` (jootay → جوتے, kapda → کپڑا, dawa → دوا); else the consonant
   skeleton: both words are written in one Latin consonant alphabet (ش and sh are S, چ and ch C;
   خ and kh, ق, q and k are k; غ, gh and g are g; ث ص س s; ذ ز ض ظ z; ت ٹ ط t; ڈ d; ڑ r; h, ہ,
   ھ and ح dropped, and so are the vowels, ا و ی ے ع ء and w, v, y; doubled letters are one), and
   they must agree on what the skeleton leaves out:

       shehad, شہد → Sd        chamray, چمڑے → Cmr        dastanay, دستانے → dstn

   - the Urdu word's long vowels (ا a, و o/u, ی i/e, ے e/a) are written in the Latin word, and
     its doubled vowels (aa, ee, oo) in the Urdu one, in order — Urdu omits only short vowels
     (khareedar "buyer" is no خاردار "barbed");
   - both end in a vowel or neither does, since Urdu writes a final vowel (nimko is no نمک);
     both start with a vowel, or with h, or neither does; a leading w, v, y needs a و or ی;
   - as many h's (beside sh, ch, kh, gh) as ہ and ح (bhindi is no بندی).

   A reading needs a skeleton of at least `MIN_LETTERS` letters (S and C count two) and exactly
   one Urdu stem among the concepts' Urdu names that spells it (two candidates read nothing).
   English loanwords in Urdu script (کارک beside "cork", مشین) are not among them: Roman Urdu
   writes those in English, so a place called Karak is no cork.

`RomanUrdu(urdu_words, stem, function_words=…, english_words=…, spellings=…)` indexes the
Urdu-script words of the concepts' names; `is_roman_urdu(words)` is the text gate; `urdu(word)`
gives the stem of the Urdu word a Roman Urdu word spells, or None.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from rabta.vocabulary.loanwords import english_skeleton, in_order, skeleton
from rabta.vocabulary.model import Concept
from rabta.vocabulary.text import Reading, normalise, script, words

MIN_LETTERS = 3  # sh and ch count two: "Sd" (shehad, شہد) is read; "jt" (jootay) is not
SHORT_TEXT = 4  # a text of this many words or fewer needs one function word, not two

_URDU_CONSONANTS = str.maketrans(
    {
        "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s",
        "ش": "S", "ز": "z", "ذ": "z", "ض": "z", "ظ": "z", "ژ": "z", "ج": "j", "چ": "C",
        "خ": "k", "غ": "g", "د": "d", "ڈ": "d", "ر": "r", "ڑ": "r", "ف": "f",
        "ق": "k", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ں": "n",
        "ح": None, "ہ": None,
        **dict.fromkeys("اآأإعءئؤوۓیے", "-"),
    }
)  # fmt: skip

_LATIN = re.compile(r"^[a-z]+$")
_ROMAN_DIGRAPHS = (
    (re.compile(r"sh"), "S"),
    (re.compile(r"ch"), "C"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c"), "k"),
)
_ROMAN_LETTERS = str.maketrans({"h": None, **dict.fromkeys("aeiouwvy", "-")})
# Roman plural and oblique endings the Urdu stem does not keep (-on وں, -en/-ein یں, the -yan,
# -yon of -iyan یاں, -iyon یوں); the word is also read without them.
_ROMAN_ENDINGS = re.compile(r"(?<=[^aeiou])(on|ein|en)$|(?<=i)(yon|yan|yaan)$")


def _squeeze(letters: str) -> str:
    """Doubled consonants as one (kapprra; چھ ch + h), but not two apart by a vowel, written '-'
    here (تجدید is tjdd, no tajweed)."""
    return re.sub(r"(.)\1+", r"\1", letters).replace("-", "")


def _long_enough(letters: str) -> bool:
    return len(letters) + sum(ch.isupper() for ch in letters) >= MIN_LETTERS


def urdu_skeleton(word: str) -> str:
    """The Latin consonant skeleton of a normalised Urdu-script word ('' if it has other letters):
    sh and ch are written S and C, h is dropped."""
    letters = _squeeze(word.translate(_URDU_CONSONANTS))
    return letters if letters.isascii() and letters.isalpha() else ""


def roman_skeleton(word: str) -> str:
    """The consonant skeleton of a lower-case Latin word, as `urdu_skeleton` writes it."""
    if not _LATIN.match(word):
        return ""
    for pattern, replacement in _ROMAN_DIGRAPHS:
        word = pattern.sub(replacement, word)
    return _squeeze(word.translate(_ROMAN_LETTERS))


# Each long vowel letter of the Urdu word must find, in order, a Latin vowel run holding one of
# these letters: ا is a, و is o/u (or w, v), ی is i/e (or y), ے is e/a/i/y (-ay, -ai, -e).
_UR_VOWEL_NEEDS = {"ا": "a", "و": "ouwv", "ی": "iey", "ے": "eaiy"}
_UR_VOWEL_GROUP = re.compile("[اوییےعءئ]+")
_ROMAN_VOWEL_RUN = re.compile(r"[aeiouwvy]+")
# And the other way: a long vowel written doubled in Latin letters needs its Urdu letter, in order
# (khareedar, "buyer", is no خاردار "barbed").
_ROMAN_LONG = {"aa": "ا", "ee": "یے", "oo": "و"}
_ROMAN_LONG_RUN = re.compile(r"aa|ee|oo")


# The skeleton drops h (ہ and ھ are one letter once normalised: an aspirate, an h, a final -a);
# the h's are counted instead. Latin h's beyond sh, ch, kh, gh (and a final -ah, -eh) are as many as
# the Urdu ہ and ح, give or take those that may be in sh, ch, kh, gh or a final vowel: after چ ک گ
# (کھیل kheil, کہانی kahani) and a final ہ after a consonant (دودھ doodh, دستانہ dastana).
_ROMAN_H = re.compile(r"[sckg]h+|(?<=[aeiou])h$")
_URDU_H = re.compile("[ہح]")
_URDU_ASPIRATE = re.compile("(?<=[چکگ])ہ|(?<=[^اوییے])ہ$")


def _hs_agree(urdu: str, roman: str) -> bool:
    latin = _ROMAN_H.sub("", roman).count("h")
    own = len(_URDU_H.findall(urdu))
    return own - len(_URDU_ASPIRATE.findall(urdu)) <= latin <= own


def vowels_agree(urdu: str, roman: str) -> bool:
    """Whether a normalised Urdu word and a Latin word of one skeleton agree on what the skeleton
    leaves out: the Urdu long vowels are written in the Latin word and its doubled vowels in the
    Urdu one, in order; both start with a vowel, or with h, or neither does (an initial و or ی may
    be w, v or y); both end in a vowel or neither does; they have as many h's."""
    if (urdu[:1] in "اع") != (roman[:1] in "aeiou") and urdu[:1] not in "وی":
        return False
    if roman[:1] in "wvy" and urdu[:1] not in "وی":
        return False  # weeders is no ڈریس
    if (urdu[:1] in "ہح") != (roman[:1] == "h") or not _hs_agree(urdu, roman):
        return False  # rebar is no ہاربر, bhindi no بندی
    # Urdu writes a final vowel, so both end in one or neither does: حاضری (haziri) is no hazar,
    # نمک (namak) no nimko.
    if len(roman) > 3 and roman.endswith("h") and roman[-2] in "aeiou":
        roman = roman[:-1]  # masalah: the final ہ
    if (urdu[-1:] in "اوییےہ") != (roman[-1:] in "aeiouy"):
        return False
    groups = _UR_VOWEL_GROUP.findall(urdu)
    if not in_order(_ROMAN_VOWEL_RUN.findall(roman), [_needs(group) for group in groups]):
        return False
    return in_order(groups, [[_ROMAN_LONG[run]] for run in _ROMAN_LONG_RUN.findall(roman)])


def _needs(group: str) -> list[str]:
    """The Latin letters one Urdu vowel group needs in one Latin vowel run: one of each letter's
    (وی of تصویری in the vee of tasveeri)."""
    return [_UR_VOWEL_NEEDS[ch] for ch in group if ch in _UR_VOWEL_NEEDS]


# English endings: a word that is a common English word without one is English too (cookers,
# driers, weeders); and British spellings of American ones (harbour, metre, programme).
_ENGLISH_ENDINGS = ("s", "es", "ed", "er", "ers", "ing", "ings", "ly", "ness", "ment", "ments")
_ENGLISH_ENDINGS += ("wear", "ware")
_BRITISH = ((re.compile(r"our"), "or"), (re.compile(r"re$"), "er"), (re.compile(r"mme$"), "m"))
# Spellings Roman Urdu does not use, of English and Latin words: c without h (Roman Urdu writes k
# or q), x, and the endings of English, Latin and chemical words (-ium, -ic, -ide, -yl, -us…).
_NOT_ROMAN_URDU = re.compile(
    r"c(?!h)|x|(ium|ion|ous|ic|ide|ite|ate|ane?ous|one|ine|yl|us|um|ism|ist|ity|ure|ence|ance)$"
)


def urdu_name_words(concepts: Iterable[Concept], reading: Reading) -> set[str]:
    """The Urdu-script words of the curated concepts' Urdu names, less the English loanwords that
    spell a word of their own concept's English names (کارک beside "cork", پلاسٹک beside
    "plastic"): a Roman Urdu writer writes those in English."""
    found = set()
    for concept in concepts:
        if concept.origin != "curated":
            continue
        english = set()
        for word in (w for name in concept.names.get("en", ()) for w in words(name)):
            letters = english_skeleton(word)
            english |= {letters, letters[:-1]} if word.endswith("s") else {letters}
        for name in concept.names.get("ur", ()):
            for word in words(name):
                if not (reading.is_content_word(word) and script(word) == "ur"):
                    continue
                spelled = {skeleton(word, "ur"), skeleton(reading.stem(word), "ur")} - {""}
                if not spelled & english:
                    found.add(word)
    return found


class RomanUrdu:
    """Urdu-script name words by consonant skeleton, read for Roman Urdu words. The word lists
    come from the vocabulary's folder (`Vocabulary.load`): `function_words`
    (roman_urdu_function_words.txt), `english_words` (english_words.txt) and `spellings`
    (roman_urdu_spellings.txt, Roman spelling → Urdu word)."""

    def __init__(
        self,
        urdu_words: Iterable[str],
        stem: Callable[[str], str],
        *,
        function_words: Iterable[str] = (),
        english_words: Iterable[str] = (),
        spellings: Mapping[str, str] | None = None,
    ):
        self._stem = stem
        self.function_words = frozenset(function_words)
        self.english_words = frozenset(english_words)
        self.spellings = {roman: normalise(urdu) for roman, urdu in (spellings or {}).items()}
        self._by_skeleton: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for word in set(urdu_words):
            stemmed = stem(word)
            for form in {word, stemmed}:
                letters = urdu_skeleton(form)
                if _long_enough(letters):
                    self._by_skeleton[letters][stemmed].add(form)

    def is_roman_urdu(self, words: list[str]) -> bool:
        """Whether normalised `words` (a text's, stop words included) read as Roman Urdu: two
        function words, or one in a short text."""
        found = sum(1 for word in words if word in self.function_words)
        return found >= 2 or (found == 1 and len(words) <= SHORT_TEXT)

    def is_english(self, word: str) -> bool:
        """A common English word (or one with an English ending, or a British spelling), a word
        spelled as Roman Urdu never is, or a Roman Urdu function word: never read as Urdu."""
        english = self.english_words
        if word in english or word in self.function_words or _NOT_ROMAN_URDU.search(word):
            return True
        for ending in _ENGLISH_ENDINGS:
            bare = word[: -len(ending)]
            if (
                word.endswith(ending)
                and len(bare) >= 3
                and (bare in english or bare + "e" in english)
            ):
                return True
        return any(
            pattern.search(word) and pattern.sub(american, word) in english
            for pattern, american in _BRITISH
        )

    def urdu(self, word: str) -> str | None:
        """The stem of the Urdu name word the Roman Urdu `word` (normalised) spells, if exactly
        one; None for English words and words no name spells."""
        listed = self.spellings.get(word)
        if listed and word not in self.english_words:
            return self._stem(listed)
        if self.is_english(word) or not _LATIN.match(word):
            return None
        found = {
            stemmed
            for roman in {word, _ROMAN_ENDINGS.sub("", word)}
            if _long_enough(letters := roman_skeleton(roman))
            for stemmed, forms in self._by_skeleton.get(letters, {}).items()
            if any(vowels_agree(form, roman) for form in forms)
        }
        return next(iter(found)) if len(found) == 1 else None
