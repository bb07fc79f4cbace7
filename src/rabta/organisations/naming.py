"""Derived names of an organisation: the key used for uniqueness and the ASCII web address (slug).

Russian names are transliterated (a simplified ICAO/passport scheme: «Уралмаш» → uralmash),
Urdu ones letter by letter (a simplified romanisation: «رحمان سرجیکل» → rhman-srjikl); names
with no letter of these scripts (Chinese, emoji only) get a neutral ``org-<n>`` address.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.text import slugify

SLUG_MAX_LENGTH = 80
# Addresses the organisation pages use themselves (/organisations/register/ …).
RESERVED_SLUGS = frozenset({"register", "mine", "validation", "invitations"})

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Kazakh, Tatar, Uzbek and Ukrainian letters that appear in corridor company names.
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "җ": "zh",
}  # fmt: skip

# Urdu (and the Arabic forms of its letters). Short vowels are not written in Urdu, so a name
# comes out as its consonants plus the long vowels: «رحمان» → rhman, «کراچی» → krachi.
_URDU = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "i", "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s",
    "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "",
    "غ": "gh", "ف": "f", "ق": "q", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "ں": "n", "ہ": "h", "ه": "h", "ھ": "h", "ۃ": "a", "ة": "a", "ء": "", "ئ": "", "ؤ": "o",
    "ے": "e", "ۓ": "e", "َ": "a", "ِ": "i", "ُ": "u", "ّ": "", "ْ": "", "ٰ": "a",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8",
    "۹": "9", "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7",
    "٨": "8", "٩": "9", "،": ",", "۔": ".",
}  # fmt: skip
# و and ی are consonants (w, y) at the start of a word or after a vowel, else vowels (o, i).
_URDU_SEMIVOWELS = {"و": ("w", "o"), "ی": ("y", "i"), "ي": ("y", "i"), "ى": ("y", "i")}
_URDU_VOWEL_LETTERS = frozenset("اآأوؤیيىےۓ")


def _urdu_letter(text: str, index: int) -> str | None:
    char = text[index]
    if char in _URDU_SEMIVOWELS:
        consonant, vowel = _URDU_SEMIVOWELS[char]
        before = text[index - 1] if index else " "
        starts_word = not ("\u0600" <= before <= "\u06ff")
        return consonant if starts_word or before in _URDU_VOWEL_LETTERS else vowel
    if char == "ع":  # «علی» → ali: ain opening a word sounds as a vowel
        before = text[index - 1] if index else " "
        return "a" if not ("\u0600" <= before <= "\u06ff") else ""
    return _URDU.get(char)


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic and Urdu ones; everything else is left as it is."""
    out = []
    for index, char in enumerate(text):
        if "\u0600" <= char <= "\u06ff":
            latin = _urdu_letter(text, index)
            out.append(char if latin is None else latin)
            continue
        lower = char.lower()
        latin = _CYRILLIC.get(lower)
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def primary_name(name: Mapping[str, str] | str | None) -> str:
    """The English name, else the first one given."""
    if not name:
        return ""
    if isinstance(name, str):
        return name
    english = (name.get("en") or "").strip()
    if english:
        return english
    return next((text.strip() for text in name.values() if text and text.strip()), "")


def make_name_key(name: Mapping[str, str] | str | None) -> str:
    """The name compared for uniqueness within a country: casefolded, spaces collapsed."""
    return " ".join(primary_name(name).split()).casefold()[:200]


def slug_base(name: Mapping[str, str] | str | None) -> str:
    """An ASCII slug from the English name, else a transliterated Latin/Cyrillic one."""
    candidates = [primary_name(name)]
    if isinstance(name, Mapping):
        candidates.extend(text for text in name.values() if text)
    for candidate in candidates:
        slug = slugify(transliterate(candidate))[: SLUG_MAX_LENGTH - 10].strip("-")
        if slug:
            return slug
    return ""


def unique_slug(name: Mapping[str, str] | str | None, *, exclude_pk: int | None = None) -> str:
    """A slug no other organisation has: ``sialkot-surgical``, ``sialkot-surgical-2``, ``org-17``."""
    from rabta.organisations.models import Organisation

    others = Organisation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    base = slug_base(name)
    if base:
        first = 2 if base in RESERVED_SLUGS else 1
        candidates = (base if n == 1 else f"{base}-{n}" for n in range(first, 10_000))
    else:
        start = others.count() + 1
        candidates = (f"org-{n}" for n in range(start, start + 10_000))
    taken_prefix = base or "org-"
    taken = set(others.filter(slug__startswith=taken_prefix).values_list("slug", flat=True))
    return next(slug for slug in candidates if slug not in taken)
