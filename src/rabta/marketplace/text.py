"""Text normalisation shared by search indexing, search queries and lexical similarity."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words too common to say anything about an opportunity (en/ru/ur), kept short on purpose.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "with",
        "you",
        "your",
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "для",
        "из",
        "от",
        "к",
        "о",
        "об",
        "а",
        "но",
        "или",
        "мы",
        "наш",
        "наши",
        "это",
        "как",
        "что",
        "اور",
        "کے",
        "کی",
        "کا",
        "میں",
        "سے",
        "کو",
        "پر",
        "ہے",
        "ہیں",
        "ہم",
        "یہ",
        "وہ",
    ]
)

# Words that say what a side does or where, not what it trades: never named as a shared word
# ("also mentions “ищем”" says nothing). As the index stores them (normalise).
GENERIC_WORDS = frozenset(
    """seek seeking looking need needed wanted offer offers offering supply supplies supplier
    suppliers buyer buyers buy export exports exporter exporters import imports importer
    importers company companies partner partners product products goods quality pakistan
    pakistani russia russian
    ищем ищет ищу нужен нужна нужны требуется требуются предлагаем предлагает предложение
    поставка поставки поставку поставщик поставщика поставщиков покупатель покупателя
    покупателеи закупаем закупка закупки продаем экспорт экспорта экспортер экспортеры импорт
    импорта импортер импортеры компания компании партнер партнера партнеров продукция
    продукции товар товары качество россия россии пакистан пакистана
    برآمد برآمدات درآمد درآمدات ضرورت تلاش فراہمی خریدار سپلائر سپلائی کمپنی پاکستان روس""".split()  # noqa: SIM905
)


def normalise(text: str) -> str:
    """Casefolded text without combining marks (Urdu harakat, accents): what the index stores."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def terms(text: str, *, limit: int = 60) -> list[str]:
    """Distinct content words (no stop words, at least 3 characters), in order of appearance."""
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) >= 3 and word not in STOP_WORDS and not word.isdigit():
            seen.setdefault(word, None)
            if len(seen) >= limit:
                break
    return list(seen)
