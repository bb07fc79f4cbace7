"""Derived names of an organisation: the key used for uniqueness and the ASCII web address (slug).

Russian names are transliterated (a simplified ICAO/passport scheme: «Уралмаш» → uralmash);
names with no Latin or Cyrillic letters (Urdu, for instance) get a neutral ``org-<n>`` address.
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


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic ones; everything else is left as it is."""
    out = []
    for char in text:
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
